// Loads TypeScript modules of this repository into a build script (the generators read the node
// data they need — resource files, operation tables — from the source, not from a build). Each file
// is transpiled by TypeScript (no type check) and run in a module scope of its own; its relative
// imports of .ts files load the same way, bare imports (n8n-workflow) and JSON through Node.
//
//   const { HALO_RESOURCES } = loadTs('nodes/HaloPsaScheduling/resources/index.ts', {
//     replace: { 'nodes/HaloPsaScheduling/generated/catalogue.ts': { HALO_ENDPOINTS, ... } },
//   });
//
// `replace` hands in the exports of a module instead of its file: a generator gives the data it
// has just derived from specs/ in place of the generated file on disk, which may be stale.
'use strict';
const fs = require('node:fs');
const { createRequire } = require('node:module');
const path = require('node:path');

const isFile = (file) => {
	try {
		return fs.statSync(file).isFile();
	} catch {
		return false;
	}
};

/** The exports of the TypeScript module `file` (paths relative to `root`). */
function loadTs(file, { root = path.join(__dirname, '..', '..'), replace = {} } = {}) {
	const ts = require('typescript');
	const replaced = new Map(
		Object.entries(replace).map(([name, exports]) => [path.resolve(root, name), exports]),
	);
	const modules = new Map();
	const resolve = (from, spec) => {
		const base = path.resolve(path.dirname(from), spec);
		return [`${base}.ts`, path.join(base, 'index.ts'), base].find(isFile);
	};
	const load = (filename) => {
		if (replaced.has(filename)) return replaced.get(filename);
		if (modules.has(filename)) return modules.get(filename).exports;
		const module = { exports: {} };
		modules.set(filename, module);
		const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
			fileName: filename,
			compilerOptions: {
				module: ts.ModuleKind.CommonJS,
				target: ts.ScriptTarget.ES2022,
				esModuleInterop: true,
			},
		});
		const nodeRequire = createRequire(filename);
		const localRequire = (spec) => {
			if (!spec.startsWith('.')) return nodeRequire(spec);
			const target = resolve(filename, spec);
			if (!target) throw new Error(`${path.relative(root, filename)}: cannot resolve "${spec}"`);
			return target.endsWith('.ts') ? load(target) : nodeRequire(target);
		};
		const run = new Function('exports', 'require', 'module', '__filename', '__dirname', outputText);
		run(module.exports, localRequire, module, filename, path.dirname(filename));
		return module.exports;
	};
	return load(path.resolve(root, file));
}

module.exports = { loadTs };
