// Writes bench/RESULTS.md from the results object of bench/run.mjs.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { BENCH_DIR, fmt, mb } from './util.mjs';

const s = (ms) => fmt(ms / 1000, 2);
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? a / b : NaN);
const verdict = (ok) => (ok ? '**met**' : '**missed**');
const table = (head, rows) =>
	[
		`| ${head.join(' | ')} |`,
		`|${head.map(() => ' --- ').join('|')}|`,
		...rows.map((r) => `| ${r.join(' | ')} |`),
	].join('\n');

function upsertSection(r, config) {
	const { ours, theirs, sourceOurs, sourceTheirs } = r;
	const scale = ours.n / theirs.n;
	const theirsMsAtN = theirs.ms * scale;
	const netOurs = ours.ms - sourceOurs.ms;
	const netTheirsAtN = (theirs.ms - sourceTheirs.ms) * scale;
	const maxRequests = Math.ceil(ours.n / 500);
	const speedup = ratio(theirsMsAtN, ours.ms);
	const speedupNet = ratio(netTheirsAtN, netOurs);
	return [
		`## 1. Sense upsert of ${fmt(ours.n, 0)} candidates`,
		'',
		`Workflow: Webhook → Source (HTTP Request GET of the N candidates from a fake ATS, one item each) → **ours**: Sense *Candidate → Create or Update* (Fields to Send: auto-map) / **theirs**: HTTP Request POST \`/v1/candidates\` with body \`[$json]\` per item and n8n's generic OAuth2 credential (client credentials). ` +
			`The fake Sense API rejects more than 500 entities or more than 256 KB after gzip per request and checks bearer tokens (lifetime 300 s).`,
		'',
		`The per-item baseline was measured at N = ${fmt(theirs.n, 0)} (${theirs.runs} runs) and **extrapolated linearly** ×${fmt(scale, 1)} to N = ${fmt(ours.n, 0)} (at N = ${fmt(ours.n, 0)} one run would take about ${fmt(theirsMsAtN / 60000, 0)} minutes; the fake saw at most ${Math.max(...theirs.raw.map((x) => x.maxConcurrent ?? 0))} request(s) in flight, so the cost per item is constant).`,
		'',
		table(
			[
				'',
				`ours (N=${fmt(ours.n, 0)})`,
				`theirs (N=${fmt(theirs.n, 0)}, measured)`,
				`theirs at N=${fmt(ours.n, 0)} (extrapolated)`,
				'ours / theirs',
			],
			[
				['runs (median of)', ours.runs, theirs.runs, '', ''],
				[
					'requests to /v1/candidates',
					fmt(ours.requests, 0),
					fmt(theirs.requests, 0),
					fmt(theirs.requests * scale, 0),
					fmt(ratio(ours.requests, theirs.requests * scale), 4),
				],
				[
					'bytes sent (request line + headers + body)',
					`${fmt(mb(ours.bytes), 1)} MB`,
					`${fmt(mb(theirs.bytes), 1)} MB`,
					`${fmt(mb(theirs.bytes * scale), 1)} MB`,
					fmt(ratio(ours.bytes, theirs.bytes * scale), 3),
				],
				[
					'token requests (measured runs)',
					fmt(ours.tokenRequests, 0),
					fmt(theirs.tokenRequests, 0),
					'',
					'',
				],
				[
					'wall time, whole execution',
					`${s(ours.ms)} s`,
					`${s(theirs.ms)} s`,
					`${s(theirsMsAtN)} s`,
					fmt(ratio(ours.ms, theirsMsAtN), 4),
				],
				[
					'wall time minus the Source step',
					`${s(netOurs)} s`,
					`${s(theirs.ms - sourceTheirs.ms)} s`,
					`${s(netTheirsAtN)} s`,
					fmt(ratio(netOurs, netTheirsAtN), 4),
				],
				[
					'peak RSS of the n8n process',
					`${fmt(mb(ours.rssPeak), 0)} MB`,
					`${fmt(mb(theirs.rssPeak), 0)} MB`,
					'n/a (not linear)',
					'',
				],
				[
					'RSS before the run',
					`${fmt(mb(ours.rssStart), 0)} MB`,
					`${fmt(mb(theirs.rssStart), 0)} MB`,
					'',
					'',
				],
				[
					'every entity received once',
					ours.complete ? 'yes' : 'NO',
					theirs.complete ? 'yes' : 'NO',
					'',
					'',
				],
				[
					'attempts refused by n8n (503, retried)',
					fmt(ours.refused ?? 0, 0),
					fmt(theirs.refused ?? 0, 0),
					'',
					'',
				],
			],
		),
		'',
		`Source step alone: ${s(sourceOurs.ms)} s at N=${fmt(sourceOurs.n, 0)}${sourceTheirs !== sourceOurs ? `, ${s(sourceTheirs.ms)} s at N=${fmt(sourceTheirs.n, 0)}` : ''}.`,
		'',
		`- Requests: ${fmt(ours.requests, 0)} ≤ ceil(N/500) = ${maxRequests}: ${verdict(ours.requests <= maxRequests)}.`,
		`- Speed: ${fmt(speedup, 1)}× faster than per-item HTTP Request (whole execution; ${fmt(speedupNet, 1)}× without the shared Source step), target ≥ 10×: ${verdict(speedup >= 10)}.`,
		'',
	].join('\n');
}

function pagingSection(r) {
	const { ours, theirs, theirs100 } = r;
	const rt = ratio(ours.ms, theirs.ms);
	return [
		`## 2. Sesame HR: Return All of ${fmt(ours.expected, 0)} employees`,
		'',
		`**ours**: Sesame HR *Employee → List Employees*, Return All. **theirs**: HTTP Request with its built-in pagination (page = \`$pageCount + 1\`, complete when \`meta.currentPage >= meta.lastPage\`) and \`limit=${r.maxPageSize}\`, the largest page the fake serves, then Split Out on \`data\`; also with \`limit=100\` (a common hand-built page size). ` +
			`All three end in a Summarize node counting the items (${fmt(ours.expected, 0)} each run). The fake enforces 1,000 requests/minute; Sesame documents no maximum page size, the fake caps it at ${r.maxPageSize} (assumption).`,
		'',
		table(
			['', 'ours', `theirs, limit=${r.maxPageSize}`, 'theirs, limit=100'],
			[
				['runs (median of)', ours.runs, theirs.runs, theirs100.runs],
				['requests', fmt(ours.requests, 0), fmt(theirs.requests, 0), fmt(theirs100.requests, 0)],
				[
					'page size asked',
					String(ours.pageSizes),
					String(theirs.pageSizes),
					String(theirs100.pageSizes),
				],
				[
					'bytes sent',
					`${fmt(ours.bytes / 1024, 1)} KB`,
					`${fmt(theirs.bytes / 1024, 1)} KB`,
					`${fmt(theirs100.bytes / 1024, 1)} KB`,
				],
				['wall time', `${s(ours.ms)} s`, `${s(theirs.ms)} s`, `${s(theirs100.ms)} s`],
				[
					'peak RSS of the n8n process',
					`${fmt(mb(ours.rssPeak), 0)} MB`,
					`${fmt(mb(theirs.rssPeak), 0)} MB`,
					`${fmt(mb(theirs100.rssPeak), 0)} MB`,
				],
				[
					'all items, no 429',
					ours.ok ? 'yes' : 'NO',
					theirs.ok ? 'yes' : 'NO',
					theirs100.ok ? 'yes' : 'NO',
				],
			],
		),
		'',
		`- Time ours / hand-tuned (limit=${r.maxPageSize}) = ${fmt(rt, 2)}, target ≤ 1.1: ${verdict(rt <= 1.1)}. Ours / theirs with limit=100 = ${fmt(ratio(ours.ms, theirs100.ms), 2)}.`,
		'',
	].join('\n');
}

function sessionsSection(r, real) {
	const rows = [];
	for (const [label, v, t] of [
		['ours (Sessions node)', r.ours, r.theoreticalMs],
		['theirs (HTTP Request, Batching 10 per window + 1 s)', r.theirs, r.theoreticalMs],
		...(real?.ours
			? [['ours at the real limit, 10 per 60 s (1 run)', real.ours, real.theoreticalMs]]
			: []),
	]) {
		if (!v) continue;
		rows.push([
			label,
			v.runs,
			`${s(v.spanMs)} s`,
			`${s(t)} s`,
			fmt(ratio(v.spanMs, t), 3),
			`${s(v.ms)} s`,
			fmt(v.failures, 0),
			fmt(v.rateLimited, 0),
		]);
	}
	const ok = r.ours && r.ours.failures === 0 && ratio(r.ours.spanMs, r.theoreticalMs) <= 1.1;
	return [
		`## 3. ${r.ops} Sessions operations under the rate limit`,
		'',
		`Workflow: Webhook → Source (${r.ops} items) → **ours**: Sessions *Room → Create* / **theirs**: HTTP Request POST \`/api/rooms\` with Batching (${r.limit} items per ${s(r.windowMs + 1000)} s). ` +
			`The fake allows ${r.limit} requests per fixed window (scaled down from 60 s to **${s(r.windowMs)} s**, opened by the first request after the previous window ended), sends \`x-ratelimit-limit/-remaining/-reset\` (whole seconds, as Sessions documents) and answers 429 beyond. ` +
			`Theoretical minimum: ${Math.ceil(r.ops / r.limit)} windows → ${Math.ceil(r.ops / r.limit) - 1} full windows between the first and the last request = ${s(r.theoreticalMs)} s.`,
		'',
		table(
			[
				'',
				'runs',
				'first → last request',
				'theoretical minimum',
				'ratio',
				'whole execution',
				'failed operations',
				'429 answers',
			],
			rows,
		),
		'',
		`- Ours: 0 failures and within 10% of the minimum: ${verdict(ok)}.`,
		'',
	].join('\n');
}

function tokensSection(r, config) {
	const row = (label, v) => [
		label,
		fmt(v.apiCalls, 0),
		`${v.okExecutions}/${v.executions}`,
		`${s(v.ms)} s`,
		fmt(v.tokens, 0),
		fmt(v.bound, 0),
		fmt(v.tokensPerLifetime, 2),
		v.minGapMs === null ? 'n/a' : `${s(v.minGapMs)} s`,
		fmt(v.statuses?.['401'] ?? 0, 0),
	];
	const c = r.senseOurs;
	return [
		'## 4. Token requests',
		'',
		`${c.executions} executions × ${fmt(c.apiCalls / c.executions, 0)} API calls (one *Get* per item), ${config.tokenConcurrency} executions at a time, token lifetime **${c.lifetimeS} s** (\`expires_in\`; the fake answers 401 to expired tokens). Bound = ceil(phase duration / lifetime). One run per row (each row is itself 100 executions).`,
		'',
		table(
			[
				'',
				'API calls',
				'executions ok',
				'duration',
				'tokens fetched',
				'bound (1 per lifetime)',
				'tokens per lifetime',
				'shortest gap between fetches',
				'API answers 401 (retried)',
			],
			[
				row('Sense, ours', r.senseOurs),
				row('Sense, theirs (HTTP Request + generic OAuth2)', r.senseTheirs),
				row('HaloPSA, ours', r.haloOurs),
				row('HaloPSA, theirs (HTTP Request + generic OAuth2)', r.haloTheirs),
			],
		),
		'',
		`- Target ≤ 1 token per lifetime. Sense: ${verdict(r.senseOurs.tokens <= r.senseOurs.bound)} (${r.senseOurs.tokens} fetched, bound ${r.senseOurs.bound}). HaloPSA: ${verdict(r.haloOurs.tokens <= r.haloOurs.bound)} (${r.haloOurs.tokens} fetched, bound ${r.haloOurs.bound}). API calls above 10,000 are requests repeated after a 401; how each side renews: analysis below.`,
		'',
	].join('\n');
}

function loadSection(r) {
	const perOperation = (n) => (n.operations ? `${fmt(n.bytes / n.operations / 1024, 2)} KB` : '–');
	const rows = r.perNode.map((n) => [
		`\`${n.name}\` (${n.file.split('/').pop()})`,
		`${fmt(n.ms, 1)} ms`,
		fmt(n.bytes, 0),
		fmt(n.properties, 0),
		fmt(n.operations ?? 0, 0),
		perOperation(n),
	]);
	rows.push([
		`n8n-nodes-base \`${r.halo.name}\` (HaloPSA.node.js)`,
		`${fmt(r.halo.ms, 1)} ms`,
		fmt(r.halo.bytes, 0),
		fmt(r.halo.properties, 0),
		fmt(r.halo.operations ?? 0, 0),
		perOperation(r.halo),
	]);
	const total = r.perNode.reduce((sum, n) => sum + n.bytes, 0);
	return [
		'## 5. Package load',
		'',
		`n8n-core's \`PackageDirectoryLoader\` (what n8n uses for an installed community package) run cold in a fresh Node 24 process, median of ${r.runs}: ` +
			`the whole package (7 nodes + 6 credentials, as at n8n start) **${fmt(r.all.ms, 1)} ms**. Per node (\`loadNodeFromFile\`: require, instantiate, codex, icon paths) and the JSON size of its description (what \`/types/nodes.json\` sends to the editor):`,
		'',
		table(
			[
				'node',
				'load time',
				'description JSON bytes',
				'top-level properties',
				'operations',
				'bytes per operation',
			],
			rows,
		),
		'',
		'Target for every action node: at most 1.5 KB per operation (test/common/conventions.test.ts checks it on every `npm test`).',
		'',
		`Our descriptions total ${fmt(total / 1024, 1)} KB for 7 nodes. n8n-nodes-base is lazy-loaded from prebuilt JSON at start; its HaloPSA class is loaded (as measured above) the first time a workflow uses it.`,
		'',
	].join('\n');
}

/** Target of the trigger's throughput against the Webhook node on the same load. */
export const TRIGGER_RATIO_TARGET = 0.95;

/**
 * `diagnostics`: runs of the same comparison with something switched off, each
 * `{ label, command, results }` (results of `npm run bench -- --only=trigger --tag=…`).
 */
function triggerComparison(ours, base, replayed, diagnostics = []) {
	const row = (label, v) => [
		label,
		fmt(v.requestsPerSecond, 1),
		fmt(v.executionsPerSecond, 1),
		v.cpuMsPerRequest === undefined ? 'n/a' : fmt(v.cpuMsPerRequest, 1),
		fmt(v.latency.good.p50, 0),
		fmt(v.latency.good.p99, 0),
		fmt(v.latency.dup.p50, 0),
		fmt(v.latency.bad.p50, 0),
	];
	const ratio = ours.requestsPerSecond / base.requestsPerSecond;
	const cpuRatio = (r) =>
		r.trigger.cpuMsPerRequest && r.triggerBaseline.cpuMsPerRequest
			? r.triggerBaseline.cpuMsPerRequest / r.trigger.cpuMsPerRequest
			: undefined;
	const lines = [
		"### Compared with n8n's Webhook node",
		'',
		`The same load against *Webhook (header auth, respond immediately) → the same HTTP Request*, on the same n8n, just before (what a user builds without the package; it has no de-duplication, so the ${base.dups} re-sends run again and its bad-token answer is 403).`,
		'',
		table(
			[
				'workflow',
				'requests/s',
				'executions/s',
				'n8n CPU ms / request',
				'good p50 ms',
				'good p99 ms',
				're-send p50 ms',
				'bad token p50 ms',
			],
			[
				row('Sense Trigger (ours)', ours),
				row('Webhook node (baseline)', base),
				...diagnostics.flatMap(({ label, results }) => [
					row(`diagnostic: ours, ${label}`, results.trigger),
					row(`Webhook node, same diagnostic run`, results.triggerBaseline),
				]),
			],
		),
		'',
		`Ours / baseline throughput: **${fmt(ratio, 2)}** (target ≥ ${TRIGGER_RATIO_TARGET}: ${ratio >= TRIGGER_RATIO_TARGET ? '**met**' : '**missed**'})` +
			(cpuRatio({ trigger: ours, triggerBaseline: base })
				? `; by n8n's CPU time per request (robust to other load on the machine) ${fmt(cpuRatio({ trigger: ours, triggerBaseline: base }), 2)}`
				: '') +
			'.',
		'',
		...diagnostics.flatMap(({ label, command, results }) => [
			`Diagnostic, ${label} (\`${command}\`): throughput ratio ${fmt(results.trigger.requestsPerSecond / results.triggerBaseline.requestsPerSecond, 2)}` +
				(cpuRatio(results) ? `, by CPU time ${fmt(cpuRatio(results), 2)}` : '') +
				'.',
			'',
		]),
	];
	if (replayed) {
		lines.push(
			`After a restart of n8n, all ${replayed.resent} good write-backs re-sent: ${replayed.acknowledged} answered 200 {id}${replayed.statuses ? ` (answers: ${JSON.stringify(replayed.statuses)})` : ''}, **${replayed.newRuns} ran again** (expected 0): ${replayed.acknowledged === replayed.resent && replayed.newRuns === 0 ? '**pass**' : '**FAIL**'}.`,
			'',
		);
	}
	return lines.join('\n');
}

function triggerSection(r, title = 'Load and faults on the Sense Trigger') {
	const l = r.latency;
	const c = r.check;
	return [
		`## ${title}`,
		'',
		`${r.total} write-backs POSTed by ${r.concurrency} concurrent clients to an active workflow *Sense Trigger (token auth, respond immediately) → HTTP Request POST {id} to a counting sink* — mode: ${r.mode}. ` +
			`${r.good} distinct good write-backs, ${r.dups} re-sends of an id sent before (often while the first is still in flight), ${r.bad} with a wrong token. One run (each run is ${r.total} requests).` +
			(r.check.seededRecognised === undefined
				? ''
				: " The trigger starts with its ledger full (10,000 remembered ids of an earlier day in the workflow's static data), so every save writes a full ledger."),
		'',
		table(
			['check', 'expected', 'observed'],
			[
				['good → 200 {id}', r.good, c.goodAnswered200],
				['duplicates → 200 {id}', r.dups, c.dupAnswered200],
				['bad token → 401', r.bad, c.badAnswered401],
				['good ids run exactly once (sink)', r.good, c.goodRunOnce],
				['good ids run more than once', 0, c.goodRunTwiceOrMore],
				['good ids never run', 0, c.goodNeverRun],
				['bad-token ids run', 0, c.badRun],
				['executions stored by n8n (its count)', r.good, c.executions ?? 'n/a'],
				...(c.seededRecognised === undefined
					? []
					: [
							[
								'ledger full at the start (a seeded id is recognised)',
								'yes',
								c.seededRecognised ? 'yes' : 'no',
							],
						]),
			],
		),
		'',
		...(c.executionsListed !== undefined && c.executionsListed !== c.executions
			? [
					`n8n's execution list showed ${c.executionsListed} of them. It orders a page by start time and starts the next page below the last row's id, so a run that started out of id order can fall between two pages; the check uses n8n's count.`,
					'',
				]
			: []),
		`Result: ${c.pass ? '**pass**' : '**FAIL**'}. Throughput: ${fmt(r.requestsPerSecond, 0)} requests/s answered (${s(r.sendMs)} s for all ${r.total}); ${fmt(r.executionsPerSecond, 0)} executions/s end to end (last execution done ${s(r.processedMs)} s after the first request).`,
		'',
		table(
			['latency (ms)', 'p50', 'p90', 'p99', 'max'],
			Object.entries(l).map(([k, v]) => [
				k,
				fmt(v.p50, 0),
				fmt(v.p90, 0),
				fmt(v.p99, 0),
				fmt(v.max, 0),
			]),
		),
		'',
	].join('\n');
}

/** The trigger sections of a results file (bench/RESULTS.md), from the run's results. */
function triggerSections(results, diagnostics) {
	const parts = [];
	if (results.trigger) parts.push(triggerSection(results.trigger));
	if (results.trigger && results.triggerBaseline)
		parts.push(
			triggerComparison(
				results.trigger,
				results.triggerBaseline,
				results.triggerReplay,
				diagnostics,
			),
		);
	return parts;
}

const NOTES = () => {
	const notes = join(BENCH_DIR, 'NOTES.md');
	return existsSync(notes) ? readFileSync(notes, 'utf8').trim() : '';
};

export function writeResults(file, results, { diagnostics = [] } = {}) {
	const parts = [
		'# Benchmarks',
		'',
		`Generated by \`${results.command}\` on ${results.startedAt.slice(0, 10)} (${results.seconds ? `${fmt(results.seconds / 60, 0)} min in all; ` : ''}n8n 2.41.1 under Node 24, fakes on 127.0.0.1; machine: 2 shared cores, other jobs running, so absolute times are noisy — compare ratios). ` +
			`Medians of ${results.runs} runs unless a row says otherwise. Each variant runs on a freshly started n8n (one warm-up execution first, not counted); n8n stores no successful execution data during the measurements (\`EXECUTIONS_DATA_SAVE_ON_SUCCESS=none\`, same for both sides). Raw numbers: \`bench/.work/results.json\`.`,
		'',
	];
	for (const m of results.merged ?? [])
		parts.push(
			`Re-run afterwards and merged into these results: \`${m.command}\` (${m.at.slice(0, 16).replace('T', ' ')} UTC).`,
			'',
		);
	if (results.upsert) parts.push(upsertSection(results.upsert, results.config));
	if (results.paging) parts.push(pagingSection(results.paging));
	if (results.sessions) parts.push(sessionsSection(results.sessions, results.sessionsReal));
	if (results.tokens) parts.push(tokensSection(results.tokens, results.config));
	if (results.load) parts.push(loadSection(results.load));
	parts.push(...triggerSections(results, diagnostics));
	const notes = NOTES();
	if (notes) parts.push(notes, '');
	writeFileSync(file, `${parts.join('\n')}\n`);
}

const TRIGGER_HEADING = '## Load and faults on the Sense Trigger';
const NOTES_HEADING = '## Analysis';

/**
 * Re-run trigger sections spliced into an existing results file (when the full run's raw results
 * are not at hand, e.g. on a fresh clone: bench/.work is not committed): the trigger sections and
 * the analysis (bench/NOTES.md) are replaced, a "re-run and merged" line is added, the rest stays.
 */
export function spliceTriggerResults(file, results, { diagnostics = [] } = {}) {
	const text = readFileSync(file, 'utf8');
	const start = text.indexOf(TRIGGER_HEADING);
	const notesAt = text.indexOf(NOTES_HEADING);
	if (start < 0 || notesAt < start)
		throw new Error(`${file}: no "${TRIGGER_HEADING}" section before "${NOTES_HEADING}"`);
	const merged = `Re-run afterwards and merged into these results: \`${results.command}\` (${results.startedAt.slice(0, 16).replace('T', ' ')} UTC).`;
	let head = text.slice(0, start);
	const firstSection = head.search(/^## /m);
	head = `${head.slice(0, firstSection)}${merged}\n\n${head.slice(firstSection)}`;
	const parts = [head.trimEnd(), '', ...triggerSections(results, diagnostics), NOTES(), ''];
	writeFileSync(file, `${parts.join('\n')}\n`);
}

export { triggerSection };
