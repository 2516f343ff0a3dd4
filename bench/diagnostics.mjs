// node scripts/with-node24.mjs bench/diagnostics.mjs
// Builds copies of the package's tarball with a diagnostic switch (bench/.work/<name>.tgz) applied
// to the COMPILED files only (the sources are not touched), so the bench can measure what a part costs:
//   npm run bench -- --only=trigger --tarball=bench/.work/no-ledger-write.tgz --tag=no-ledger-write
//   npm run bench:queue -- --quick --tarball=bench/.work/ledger-in-webhook.tgz
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
 * no-ledger-write: the Sense Trigger's run does not record the accepted id in static data.
 */
export const DIAGNOSTICS = {
	'no-ledger-write': {
		'dist/nodes/SenseTrigger/SenseTrigger.node.js': [
			[
				'(0, webhook_1.rememberDelivery)({',
				'void ({',
				'Sense Trigger: no static-data ledger write in the run',
			],
		],
	},
	// the ledger written by the webhook (on main, which sees every delivery) instead of by the run
	'ledger-in-webhook': {
		'dist/nodes/SenseTrigger/SenseTrigger.node.js': [
			[
				'                persist: false,',
				'                persist: true,',
				'Sense Trigger: persist in webhook',
			],
			['(0, webhook_1.rememberDelivery)({', 'void ({', 'Sense Trigger: no ledger write in the run'],
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
