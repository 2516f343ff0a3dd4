// Scenario 5: how long n8n's loader takes to load our node descriptions (all 7 nodes + credentials,
// as at n8n start, and each node alone) vs the HaloPSA node of n8n-nodes-base (loaded when a
// workflow uses it; n8n-nodes-base itself is lazy-loaded from prebuilt JSON), and the JSON size of
// each description. Every measurement runs in a fresh Node 24 process (cold require cache).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import { runtime } from '../lib/n8n.mjs';
import { log, median } from '../lib/util.mjs';

const PROBE = join(import.meta.dirname, '..', 'lib', 'load-probe.cjs');

function probe(packageDir, what) {
	const coreDir = join(runtime.CACHE_DIR, 'node_modules', 'n8n-core');
	const res = spawnSync(runtime.node24Binary(), [PROBE, coreDir, packageDir, what], {
		cwd: packageDir,
		encoding: 'utf8',
		timeout: 120_000,
		env: {
			...process.env,
			N8N_LOG_LEVEL: 'silent',
			NODE_PATH: join(runtime.CACHE_DIR, 'node_modules'),
		},
	});
	if (res.status !== 0) throw new Error(`load probe failed (${what}):\n${res.stderr}`);
	return JSON.parse(res.stdout.trim().split('\n').pop());
}

export async function runPackageLoad({ userFolder, runs }) {
	const ourDir = join(userFolder, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-workforce');
	const baseDir = join(runtime.CACHE_DIR, 'node_modules', 'n8n-nodes-base');
	const pkg = runtime.projectPackage();
	const measure = (dir, what) => {
		const samples = Array.from({ length: runs }, () => probe(dir, what));
		return {
			ms: median(samples.map((s) => s.ms)),
			nodes: samples[0].nodes,
			samples: samples.map((s) => s.ms),
		};
	};
	const all = measure(ourDir, 'all');
	log(`[s5] our package loadAll: ${all.ms.toFixed(1)} ms`);
	const perNode = pkg.n8n.nodes.map((file) => {
		const m = measure(ourDir, file);
		log(
			`[s5] ${file}: ${m.ms.toFixed(1)} ms, ${m.nodes.map((n) => `${n.name} ${n.bytes} B`).join(', ')}`,
		);
		return { file, ms: m.ms, ...m.nodes[0] };
	});
	const halo = measure(baseDir, 'dist/nodes/HaloPSA/HaloPSA.node.js');
	log(`[s5] n8n-nodes-base HaloPSA: ${halo.ms.toFixed(1)} ms, ${halo.nodes[0].bytes} B`);
	return {
		runs,
		all: { ms: all.ms, samples: all.samples },
		perNode,
		halo: { ms: halo.ms, ...halo.nodes[0] },
	};
}
