#!/usr/bin/env node
// Runs the generators: every file derived from the vendor facts in specs/ (node data, catalogues,
// schemas). One command-line convention for all of them:
//
//   node scripts/generate.cjs [--specs <dir>] [--out <dir>] [--check] [generator ...]
//
//   --specs <dir>  where the vendor documents are (default: specs/ of this repository)
//   --out <dir>    the tree the files are written to or compared with (default: this repository)
//   --check        write nothing; exit 1 naming every file that is out of date
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
		const folder = path.join(options.out, dir);
		for (const name of fs.existsSync(folder) ? fs.readdirSync(folder) : []) {
			const file = `${dir}/${name}`;
			if (files.has(file)) continue;
			stale.push(`${file} (not generated any more)`);
			if (!options.check) fs.rmSync(path.join(options.out, file));
		}
	}
	return { files, stale };
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
