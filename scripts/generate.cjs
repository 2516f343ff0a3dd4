#!/usr/bin/env node
// Runs the generators: every file derived from the vendor facts in specs/ (node data, catalogues,
// schemas, the output schemas in nodes/<Node>/__schema__/). One command-line convention for all of
// them:
//
//   node scripts/generate.cjs [--specs <dir>] [--out <dir>] [--check] [generator ...]
//
//   --specs <dir>  where the vendor documents are (default: specs/ of this repository)
//   --out <dir>    the tree the files are written to or compared with (default: this repository)
//   --check        write nothing; exit 1 naming every file that is out of date, missing, or no
//                  longer generated (a file in a folder a generator owns, e.g. a __schema__ tree)
//   generator      sesame, halopsa, sense (default: all)
//
// `npm run generate` writes, `npm run generate:check` checks (part of `npm test`). Generated
// TypeScript is formatted with the repository's prettier settings, so the check and
// `prettier --check` agree.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const GENERATORS = [
	require('./generators/sesame.cjs'),
	require('./generators/halopsa.cjs'),
	require('./generators/sense.cjs'),
];

function parseArgs(argv) {
	const options = { specs: path.join(ROOT, 'specs'), out: ROOT, check: false, only: [] };
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--check') options.check = true;
		else if (arg === '--specs' || arg === '--out') {
			const value = argv[++i];
			if (!value) throw new Error(`${arg} needs a folder`);
			options[arg.slice(2)] = path.resolve(value);
		} else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}`);
		else options.only.push(arg);
	}
	for (const name of options.only) {
		if (!GENERATORS.some((g) => g.name === name))
			throw new Error(`unknown generator "${name}" (${GENERATORS.map((g) => g.name).join(', ')})`);
	}
	return options;
}

/** Formats generated content the way `prettier --check` expects it. */
async function format(file, content) {
	if (!/\.(ts|md|json)$/.test(file)) return content;
	const prettier = require('prettier');
	const config = (await prettier.resolveConfig(path.join(ROOT, file))) ?? {};
	return prettier.format(content, { ...config, filepath: path.join(ROOT, file) });
}

/** Every generated file of the selected generators: relative path -> formatted content. */
async function generatedFiles({ specs, only = [] }) {
	const files = new Map();
	const owned = [];
	for (const generator of GENERATORS) {
		if (only.length && !only.includes(generator.name)) continue;
		for (const [file, content] of Object.entries(generator.generate({ specs, root: ROOT }))) {
			files.set(file, await format(file, content));
		}
		owned.push(...(generator.owns ?? []));
	}
	return { files, owned };
}

async function run(options) {
	const { files, owned } = await generatedFiles(options);
	const stale = [];
	for (const [file, content] of files) {
		const target = path.join(options.out, file);
		const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : undefined;
		if (current === content) continue;
		stale.push(file);
		if (!options.check) {
			fs.mkdirSync(path.dirname(target), { recursive: true });
			fs.writeFileSync(target, content);
		}
	}
	for (const dir of owned) {
		for (const file of filesUnder(options.out, dir)) {
			if (files.has(file)) continue;
			stale.push(`${file} (not generated any more)`);
			if (!options.check) fs.rmSync(path.join(options.out, file));
		}
		if (!options.check) removeEmptyFolders(path.join(options.out, dir));
	}
	return { files, stale };
}

/** Every file under `dir` of `tree`, at any depth (paths relative to the tree, with /). */
function filesUnder(tree, dir) {
	const folder = path.join(tree, dir);
	if (!fs.existsSync(folder)) return [];
	return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
		const rel = `${dir}/${entry.name}`;
		return entry.isDirectory() ? filesUnder(tree, rel) : [rel];
	});
}

/** Removes the folders under `folder` (and itself) that hold no file any more. */
function removeEmptyFolders(folder) {
	if (!fs.existsSync(folder)) return;
	for (const entry of fs.readdirSync(folder, { withFileTypes: true }))
		if (entry.isDirectory()) removeEmptyFolders(path.join(folder, entry.name));
	if (!fs.readdirSync(folder).length) fs.rmdirSync(folder);
}

module.exports = { generatedFiles, run, GENERATORS };

if (require.main === module) {
	(async () => {
		const options = parseArgs(process.argv.slice(2));
		const { files, stale } = await run(options);
		if (options.check) {
			if (stale.length) {
				process.stderr.write(
					`Out of date with specs/ (run npm run generate):\n  ${stale.join('\n  ')}\n`,
				);
				process.exit(1);
			}
			process.stdout.write(`generate: ${files.size} generated files are up to date with specs/\n`);
		} else {
			process.stdout.write(
				`generate: ${files.size} files, ${stale.length} written${stale.length ? `:\n  ${stale.join('\n  ')}` : ''}\n`,
			);
		}
	})().catch((error) => {
		process.stderr.write(`generate: ${error.message}\n`);
		process.exit(2);
	});
}
