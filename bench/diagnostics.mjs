// node scripts/with-node24.mjs bench/diagnostics.mjs
// Builds copies of the package's tarball with a diagnostic switch (bench/.work/<name>.tgz) applied
// to the COMPILED files only (the sources are not touched), so the bench can measure what a part costs:
//   npm run bench -- --only=trigger --tarball=bench/.work/no-ledger-write.tgz --tag=no-ledger-write
// Each patch fails loudly when the compiled code it expects has changed.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { buildAndPack } from './lib/pkg.mjs';
import { BENCH_WORK, log } from './lib/util.mjs';

function replaceOnce(text, from, to, what) {
	if (!text.includes(from))
		throw new Error(`proposal "${what}": the compiled code changed, expected:\n${from}`);
	return text.replace(from, to);
}

/**
 * Diagnostics: variants that switch something off to measure what it costs.
 * no-ledger-write: the webhook triggers never write their ledger into static data (what survives a
 * restart): only the in-memory ledger is left.
 */
export const DIAGNOSTICS = {
	'no-ledger-write': {
		'dist/nodes/common/deliveryLedger.js': [
			[
				'    shouldSave(now) {',
				'    shouldSave(now) {\n        return false;',
				'webhook triggers: no ledger write into static data',
			],
		],
	},
};

export function buildVariant(tarball, { name, patches }) {
	const dir = join(BENCH_WORK, name);
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	const untar = spawnSync('tar', ['-xzf', tarball, '-C', dir], { encoding: 'utf8' });
	if (untar.status !== 0) throw new Error(untar.stderr);
	for (const [file, list] of Object.entries(patches)) {
		const path = join(dir, 'package', file);
		let text = readFileSync(path, 'utf8');
		for (const [from, to, what] of list) text = replaceOnce(text, from, to, what);
		writeFileSync(path, text);
		log(`[${name}] patched ${file} (${list.map((p) => p[2]).join('; ')})`);
	}
	const out = join(BENCH_WORK, `${name}.tgz`);
	const tar = spawnSync('tar', ['-czf', out, '-C', dir, 'package'], { encoding: 'utf8' });
	if (tar.status !== 0) throw new Error(tar.stderr);
	log(`[${name}] ${out}`);
	return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const tarball = buildAndPack();
	for (const [name, patches] of Object.entries(DIAGNOSTICS))
		buildVariant(tarball, { name, patches });
}
