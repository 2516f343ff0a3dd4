// Builds the package into bench/.work/pkg (its own tsc outDir, so dist/ and .cache/pack that other
// checks use are left alone), packs it with `npm pack` and installs the tarball into an n8n user
// folder the way a community install does (scripts/lib/n8n-runtime.cjs installTarball).
import { execFileSync, spawnSync } from 'node:child_process';
import {
	cpSync,
	existsSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';

import { BENCH_WORK, ROOT, log } from './util.mjs';

const require = createRequire(import.meta.url);
const runtime = require('../../scripts/lib/n8n-runtime.cjs');
const { cleanNpmEnv } = require('../../scripts/lib/node24.cjs');

const PKG_DIR = join(BENCH_WORK, 'pkg');

function copyMatching(fromDir, toDir, test) {
	if (!existsSync(fromDir)) return;
	for (const entry of readdirSync(fromDir, { withFileTypes: true })) {
		const from = join(fromDir, entry.name);
		if (entry.isDirectory()) copyMatching(from, join(toDir, entry.name), test);
		else if (test(entry.name)) {
			mkdirSync(toDir, { recursive: true });
			cpSync(from, join(toDir, entry.name));
		}
	}
}

/** tsc into bench/.work/pkg/dist + icons + codex files, then `npm pack`. Returns the tarball path. */
export function buildAndPack() {
	rmSync(PKG_DIR, { recursive: true, force: true });
	mkdirSync(PKG_DIR, { recursive: true });
	log(`[pkg] tsc -> ${relative(ROOT, PKG_DIR)}/dist`);
	execFileSync(
		join(ROOT, 'node_modules', '.bin', 'tsc'),
		[
			'-p',
			'tsconfig.json',
			'--outDir',
			join(PKG_DIR, 'dist'),
			'--sourceMap',
			'false',
			'--declaration',
			'false',
		],
		{
			cwd: ROOT,
			stdio: 'inherit',
		},
	);
	copyMatching(join(ROOT, 'icons'), join(PKG_DIR, 'dist', 'icons'), (name) =>
		name.endsWith('.svg'),
	);
	copyMatching(join(ROOT, 'nodes'), join(PKG_DIR, 'dist', 'nodes'), (name) =>
		name.endsWith('.node.json'),
	);
	const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
	delete pkg.scripts;
	writeFileSync(join(PKG_DIR, 'package.json'), JSON.stringify(pkg, null, 2));
	for (const file of ['README.md', 'LICENSE'])
		if (existsSync(join(ROOT, file))) cpSync(join(ROOT, file), join(PKG_DIR, file));
	const res = spawnSync(
		'npm',
		['pack', '--json', '--pack-destination', BENCH_WORK, '--loglevel=error', '--ignore-scripts'],
		{
			cwd: PKG_DIR,
			env: cleanNpmEnv(),
			encoding: 'utf8',
			timeout: 5 * 60 * 1000,
		},
	);
	if (res.status !== 0) throw new Error(`npm pack failed:\n${res.stderr}`);
	const [{ filename }] = JSON.parse(res.stdout);
	const tarball = join(BENCH_WORK, filename.split('/').pop());
	log(`[pkg] ${relative(ROOT, tarball)}`);
	return tarball;
}

/** Installs the tarball into <userFolder>/.n8n/nodes (community layout). */
export function install(userFolder, tarball) {
	mkdirSync(userFolder, { recursive: true });
	return runtime.installTarball(userFolder, tarball, { log });
}

export { PKG_DIR, dirname };
