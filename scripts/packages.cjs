#!/usr/bin/env node
// Builds and checks the npm packages of this repository (scripts/lib/packages.cjs explains what goes
// into each one): the all-in-one n8n-nodes-workforce and one package per vendor.
//
//   node scripts/packages.cjs [--check] [--views] [--only <name>] [--report <file>]
//   node scripts/packages.cjs --publish --git-tag <version tag> [--dry-run]
//
//   (default)  write the generated folders packages/<name>/, then for every package: stage it in
//              .cache/packages/<name>/ (its sources only), build, `n8n-node lint` (strict mode, default
//              eslint configuration), `npm pack` into .cache/packages/, and n8n's scanner rule set over
//              the unpacked tarball and over its folder in the source tree
//   --check    write nothing in the repository; packages/<name>/ out of date is a failure (npm test)
//   --views    only the packages/<name>/ folders (write, or compare with --check); nothing is built
//   --only     one package (repeatable)
//   --report   write the results as JSON (scripts/test.mjs counts them)
//   --publish  everything --check does, then `npm publish <tarball> --provenance --access public` for
//              every package, refusing if a version differs from --git-tag (v prefix allowed); versions
//              already on the registry are skipped. --dry-run prints the commands instead.
//
// `npm run packages` writes and builds, `npm run release` is --publish (.github/workflows/publish.yml).
'use strict';
// eslint-plugin-n8n-nodes-base (in n8n-node lint and the scanner) changes what its rules check when
// NODE_ENV is "test" (its own test mode: file names are not read, every node counts as a trigger), as
// it is under jest: lint and scan as a user's machine and n8n do.
if (process.env.NODE_ENV === 'test') delete process.env.NODE_ENV;
const fs = require('node:fs');
const path = require('node:path');

const lib = require('./lib/packages.cjs');
const { cleanNpmEnv } = require('./lib/node24.cjs');

const { ROOT, STAGE_DIR } = lib;

function parseArgs(argv) {
	const options = { check: false, views: false, only: [], report: undefined, publish: false };
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const value = () => {
			const next = argv[++i];
			if (next === undefined || next.startsWith('--'))
				throw new lib.PackagesError(`${arg} needs a value`);
			return next;
		};
		if (arg === '--check') options.check = true;
		else if (arg === '--views') options.views = true;
		else if (arg === '--only') options.only.push(value());
		else if (arg === '--report') options.report = path.resolve(value());
		else if (arg === '--publish') options.publish = true;
		else if (arg === '--git-tag') options.tag = value();
		else if (arg === '--dry-run') options.dryRun = true;
		else throw new lib.PackagesError(`unknown option ${arg}`);
	}
	if (options.publish) {
		options.check = true;
		if (!options.tag) throw new lib.PackagesError('--publish needs --git-tag <version tag>');
		if (options.only.length)
			throw new lib.PackagesError('--publish publishes every package; no --only');
	}
	if ((options.tag || options.dryRun) && !options.publish)
		throw new lib.PackagesError('--git-tag and --dry-run go with --publish');
	return options;
}

const log = (message) => process.stdout.write(`${message}\n`);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;

/** The `npm publish` commands for the packages of a report; throws if a version is not the tag's. */
function publishCommands(report, tag) {
	const version = String(tag).replace(/^v/, '');
	const wrong = report.packages.filter((p) => p.version !== version);
	if (wrong.length)
		throw new lib.PackagesError(
			`the tag ${tag} says version ${version}, but ${wrong.map((p) => `${p.name} is ${p.version}`).join(', ')}`,
		);
	return report.packages.map((p) => ({
		name: p.name,
		version: p.version,
		args: ['publish', p.tarball, '--provenance', '--access', 'public'],
	}));
}

/** Stage, build, lint, pack and scan one package; never throws (problems go into the result). */
async function buildPackage(pkg, members, sourceTree) {
	const started = Date.now();
	const { rootPkg } = members;
	const dir = path.join(STAGE_DIR, pkg.name);
	const env = cleanNpmEnv();
	const result = {
		name: pkg.name,
		version: rootPkg.version,
		nodes: pkg.nodes,
		credentials: pkg.credentials,
		ok: false,
		steps: {},
	};
	let since = Date.now();
	// a step's seconds: since the previous step ended
	const step = (name, ok, detail = {}) => {
		result.steps[name] = { ok, ...detail, seconds: (Date.now() - since) / 1000 };
		since = Date.now();
	};
	try {
		lib.stageSources(ROOT, pkg, rootPkg, dir);
		const build = lib.buildStaged(ROOT, dir);
		step('build', build.ok, build.ok ? {} : { output: build.output });
		if (!build.ok) return result;

		const types = lib.inspectBuilt(dir);
		result.types = {
			nodes: types.nodes.map(({ name, displayName }) => ({ name, displayName })),
			credentials: types.credentials.map(({ name, displayName }) => ({ name, displayName })),
		};
		const problems = lib.checkBuilt(pkg.name, types);
		step('types', problems.length === 0, { problems });
		const readme = pkg.vendor
			? lib.vendorReadme(ROOT, pkg, rootPkg, members.packages[0].name, types)
			: lib.allInOneReadme(ROOT, rootPkg);
		fs.writeFileSync(path.join(dir, 'README.md'), readme);

		const lint = lib.n8nNodeLint(ROOT, dir, env);
		step('lint', lint.ok, { code: lint.code, output: lint.output.trim() });

		const packed = lib.pack(dir, STAGE_DIR, env);
		Object.assign(result, {
			tarball: packed.tarball,
			size: packed.size,
			unpackedSize: packed.unpackedSize,
			entries: packed.entries,
		});
		const unpacked = lib.unpack(packed.tarball, path.join(STAGE_DIR, 'unpacked', pkg.name));
		const manifest = JSON.parse(fs.readFileSync(path.join(unpacked, 'package.json'), 'utf8'));
		const stray = packed.entries.filter(
			(e) => !/^dist\//.test(e) && !['package.json', 'README.md', 'LICENSE.md'].includes(e),
		);
		step('contents', stray.length === 0 && !manifest.dependencies, { stray });

		const tarballScan = await lib.scan(unpacked, lib.TARBALL_PATTERNS);
		step(
			'scanTarball',
			tarballScan.passed && tarballScan.errors + tarballScan.warnings === 0,
			tarballScan,
		);

		// the source leg: as n8n's scanner finds the package in the checkout of the attested commit
		const { findPackageRoot } = await lib.scanner();
		const found = findPackageRoot(sourceTree, pkg.name);
		const expected = pkg.vendor ? path.join(sourceTree, lib.VIEWS_DIR, pkg.name) : sourceTree;
		if (found !== expected) {
			step('scanSource', false, {
				message: `the scanner would take ${found ? path.relative(sourceTree, found) || '.' : 'nothing'} as the source of ${pkg.name}, not ${path.relative(sourceTree, expected) || '.'}`,
			});
		} else {
			const sourceScan = await lib.scan(found, lib.SOURCE_PATTERNS);
			step(
				'scanSource',
				sourceScan.passed && sourceScan.errors + sourceScan.warnings === 0,
				sourceScan,
			);
		}
	} catch (error) {
		step('error', false, { message: error.message });
	} finally {
		result.seconds = (Date.now() - started) / 1000;
	}
	result.ok = Object.values(result.steps).every((s) => s.ok);
	return result;
}

function printResult(r) {
	const mark = (s) => (s === undefined ? '-' : s.ok ? 'ok' : 'FAIL');
	const scanText = (s) =>
		s === undefined
			? '-'
			: s.errors === undefined
				? mark(s)
				: `${mark(s)} (${s.errors} errors, ${s.warnings} warnings, ${s.files} files)`;
	log(`\n${r.ok ? 'ok  ' : 'FAIL'} ${r.name}@${r.version}  ${r.seconds.toFixed(1)}s`);
	log(
		`     tarball      ${r.tarball ? `${path.relative(ROOT, r.tarball)}  ${kb(r.size)} (${kb(r.unpackedSize)} unpacked, ${r.entries.length} files)` : '-'}`,
	);
	log(`     nodes        ${r.nodes.map((n) => path.basename(n, '.node.js')).join(', ')}`);
	log(
		`     credentials  ${r.credentials.map((c) => path.basename(c, '.credentials.js')).join(', ')}`,
	);
	log(
		`     build ${mark(r.steps.build)}   types ${mark(r.steps.types)}   n8n-node lint ${mark(r.steps.lint)}   contents ${mark(r.steps.contents)}`,
	);
	log(`     scanner, tarball  ${scanText(r.steps.scanTarball)}`);
	log(`     scanner, source   ${scanText(r.steps.scanSource)}`);
	for (const [name, s] of Object.entries(r.steps)) {
		if (s.ok) continue;
		const text =
			s.output ||
			s.details ||
			s.message ||
			(s.problems ?? []).join('\n') ||
			(s.stray ?? []).join('\n');
		log(`     --- ${name}:\n${String(text).replace(/^/gm, '       ')}`);
	}
}

async function main() {
	const options = parseArgs(process.argv.slice(2));
	const data = lib.loadData(ROOT);
	const members = lib.membership(ROOT, data);
	for (const name of options.only)
		if (!members.packages.some((p) => p.name === name))
			throw new lib.PackagesError(
				`unknown package ${name} (${members.packages.map((p) => p.name).join(', ')})`,
			);

	const entries = lib.viewEntries(members, members.rootPkg);
	let viewProblems = lib.checkViews(ROOT, entries, data);
	if (!options.check && viewProblems.length) {
		lib.writeViews(ROOT, entries);
		log(`packages: rewrote ${lib.VIEWS_DIR}/ (${viewProblems.length} difference(s))`);
		viewProblems = lib.checkViews(ROOT, entries, data);
	}
	const report = {
		version: members.rootPkg.version,
		views: { ok: viewProblems.length === 0, problems: viewProblems },
		packages: [],
	};
	if (viewProblems.length)
		log(
			`packages: ${lib.VIEWS_DIR}/ is out of date (run npm run packages):\n  ${viewProblems.join('\n  ')}`,
		);
	else log(`packages: ${lib.VIEWS_DIR}/ is up to date (${entries.size} entries)`);

	if (!options.views) {
		fs.mkdirSync(STAGE_DIR, { recursive: true });
		for (const file of fs.readdirSync(STAGE_DIR))
			if (file.endsWith('.tgz')) fs.rmSync(path.join(STAGE_DIR, file));
		const sourceTree = lib.sourceReplica(ROOT, path.join(STAGE_DIR, 'source'));
		for (const pkg of members.packages) {
			if (options.only.length && !options.only.includes(pkg.name)) continue;
			const result = await buildPackage(pkg, members, sourceTree);
			printResult(result);
			report.packages.push(result);
		}
	}
	if (options.report) {
		fs.mkdirSync(path.dirname(options.report), { recursive: true });
		fs.writeFileSync(options.report, `${JSON.stringify(report, null, 2)}\n`);
	}
	const ok = report.views.ok && report.packages.every((p) => p.ok);
	if (!ok) {
		log('\npackages: FAILED');
		return 1;
	}
	if (!options.views)
		log(`\npackages: ${report.packages.length} packages built, linted, packed and scanned`);

	if (options.publish) {
		const commands = publishCommands(report, options.tag);
		if (!options.dryRun && !process.env.GITHUB_ACTIONS) {
			log(
				'packages: publish from .github/workflows/publish.yml (push a version tag): npm provenance is only possible there',
			);
			return 1;
		}
		for (const { name, version, args } of commands) {
			if (options.dryRun) {
				log(
					`[dry run] npm ${args.map((a) => (a.startsWith('/') ? path.relative(ROOT, a) : a)).join(' ')}`,
				);
				continue;
			}
			const published = lib.run('npm', ['view', `${name}@${version}`, 'version'], {
				env: cleanNpmEnv(),
			});
			if (published.ok && published.stdout.trim() === version) {
				log(`${name}@${version} is on the registry already: skipped`);
				continue;
			}
			log(`$ npm ${args.join(' ')}`);
			const res = require('node:child_process').spawnSync('npm', args, {
				stdio: 'inherit',
				env: cleanNpmEnv(),
			});
			if (res.status !== 0) {
				log(`npm publish of ${name}@${version} failed`);
				return 1;
			}
		}
	}
	return 0;
}

module.exports = { parseArgs, publishCommands };

if (require.main === module) {
	main().then(
		(code) => {
			process.exitCode = code;
		},
		(error) => {
			process.stderr.write(
				`packages: ${error instanceof lib.PackagesError ? error.message : error.stack}\n`,
			);
			process.exitCode = 2;
		},
	);
}
