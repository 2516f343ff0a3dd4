// node scripts/with-node24.mjs bench/proposals.mjs
// Builds the package and copies of its tarball with the node-code changes proposed in
// bench/RESULTS.md (bench/.work/proposed.tgz) or a diagnostic switch (bench/.work/<name>.tgz) applied
// to the COMPILED files only (the sources are not touched), so the bench can measure them:
//   npm run bench -- --only=paging,tokens --tarball=bench/.work/proposed.tgz --tag=proposed
//   npm run bench -- --only=trigger --tarball=bench/.work/no-ledger-write.tgz --tag=no-ledger-write
// Each patch fails loudly when the compiled code it expects has changed.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { buildAndPack } from './lib/pkg.mjs';
import { BENCH_WORK, log } from './lib/util.mjs';

function replaceOnce(text, from, to, what) {
	if (!text.includes(from)) throw new Error(`proposal "${what}": the compiled code changed, expected:\n${from}`);
	return text.replace(from, to);
}

export const PROPOSALS = {
	// 2. Sesame: ask for 1,000 employees per page (paging follows meta.lastPage, so a server that caps lower stays correct)
	'dist/nodes/SesameHr/shared/vendor.js': [['exports.SESAME_PAGE_SIZE = 100;', 'exports.SESAME_PAGE_SIZE = 1000;', 'Sesame page size 1000']],
	// 4. HaloPSA: keep expires_in, renew before expiry (expirable validity field, as the Sense credential)
	//    and hand a token another caller just obtained to callers holding an older one
	'dist/credentials/HaloPsaSchedulingApi.credentials.js': [
		['    return token;\n}', '    const expiresIn = Number(parsed.expires_in);\n    return { token, expiresIn: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : 0 };\n}', 'HaloPSA: keep expires_in'],
		[
			"        { displayName: 'Access Token', name: 'accessToken', type: 'hidden', typeOptions: { expirable: true, password: true }, default: '' },",
			"        { displayName: 'Token Validity', name: 'validity', type: 'hidden', typeOptions: { expirable: true }, default: '' },\n" +
				"        { displayName: 'Access Token', name: 'accessToken', type: 'hidden', typeOptions: { password: true }, default: '' },\n" +
				"        { displayName: 'Token Expires At', name: 'expiresAt', type: 'hidden', default: 0 },",
			'HaloPSA: validity/expiresAt fields',
		],
		[
			'        let flight = inFlight.get(key);\n        if (!flight) {\n            flight = exchangeToken(this, credentials, ctx).finally(() => inFlight.delete(key));\n            inFlight.set(key, flight);\n        }\n        return { accessToken: await flight };',
			'        const known = recentTokens.get(key);\n' +
				'        if (known && (known.expiresAt === 0 || known.expiresAt > Date.now()) && known.accessToken !== credentials.accessToken) return { ...known };\n' +
				'        let flight = inFlight.get(key);\n        if (!flight) {\n            flight = exchangeToken(this, credentials, ctx).finally(() => inFlight.delete(key));\n            inFlight.set(key, flight);\n        }\n' +
				'        const { token, expiresIn } = await flight;\n' +
				'        const lifetime = expiresIn * 1000;\n' +
				'        const result = lifetime > 0\n' +
				'            ? { accessToken: token, expiresAt: Math.round(Date.now() + lifetime - Math.min(30000, lifetime / 10)), validity: \'={{ Number($self.expiresAt) > $now.toMillis() ? "valid" : "" }}\' }\n' +
				"            : { accessToken: token, expiresAt: 0, validity: 'valid' };\n" +
				'        recentTokens.set(key, result);\n' +
				'        return { ...result };',
			'HaloPSA: recent-token cache and expiry',
		],
		['const inFlight = new Map();', 'const inFlight = new Map();\nconst recentTokens = new Map();', 'HaloPSA: recentTokens map'],
	],
};

/**
 * Diagnostics (not proposals): variants that switch something off to measure what it costs.
 * no-ledger-write: the Sense Trigger's run does not record the accepted id in static data.
 */
export const DIAGNOSTICS = {
	'no-ledger-write': {
		'dist/nodes/SenseTrigger/SenseTrigger.node.js': [['(0, webhook_1.rememberDelivery)({', 'void ({', 'Sense Trigger: no static-data ledger write in the run']],
	},
	// the ledger written by the webhook (on main, which sees every delivery) instead of by the run
	'ledger-in-webhook': {
		'dist/nodes/SenseTrigger/SenseTrigger.node.js': [
			['                persist: false,', '                persist: true,', 'Sense Trigger: persist in webhook'],
			['(0, webhook_1.rememberDelivery)({', 'void ({', 'Sense Trigger: no ledger write in the run'],
		],
	},
};

export function buildProposed(tarball = buildAndPack(), { name = 'proposed', patches = PROPOSALS } = {}) {
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
	buildProposed(tarball);
	for (const [name, patches] of Object.entries(DIAGNOSTICS)) buildProposed(tarball, { name, patches });
}
