// node scripts/with-node24.mjs bench/proposals.mjs
// Builds the package and a copy of its tarball with the node-code changes proposed in
// bench/RESULTS.md applied to the COMPILED files only (the sources are not touched), so the bench can
// measure them: `npm run bench -- --only=paging,tokens --tarball=bench/.work/proposed.tgz`,
// `npm run bench:queue -- --tarball=bench/.work/proposed.tgz`. Each patch fails loudly when the
// compiled code it expects has changed.
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

export function buildProposed(tarball = buildAndPack()) {
	const dir = join(BENCH_WORK, 'proposed');
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	const untar = spawnSync('tar', ['-xzf', tarball, '-C', dir], { encoding: 'utf8' });
	if (untar.status !== 0) throw new Error(untar.stderr);
	for (const [file, patches] of Object.entries(PROPOSALS)) {
		const path = join(dir, 'package', file);
		let text = readFileSync(path, 'utf8');
		for (const [from, to, what] of patches) text = replaceOnce(text, from, to, what);
		writeFileSync(path, text);
		log(`[proposed] patched ${file} (${patches.map((p) => p[2]).join('; ')})`);
	}
	const out = join(BENCH_WORK, 'proposed.tgz');
	const tar = spawnSync('tar', ['-czf', out, '-C', dir, 'package'], { encoding: 'utf8' });
	if (tar.status !== 0) throw new Error(tar.stderr);
	log(`[proposed] ${out}`);
	return out;
}

if (import.meta.url === `file://${process.argv[1]}`) buildProposed();
