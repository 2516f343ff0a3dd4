// Load and faults on the Sense Trigger: `total` write-backs POSTed at `concurrency` to an active
// workflow "Sense Trigger -> HTTP Request POST <sink>/seen {id}". dupRate of them re-send an id sent
// earlier, badRate carry a wrong token. Checks: every good write-back -> exactly one execution
// (the sink sees its id once), every duplicate -> 200 {id} and no execution, every bad token ->
// 401 and no execution. The trigger's ledger starts at its full size (10,000 remembered ids of an
// earlier day, in the workflow's static data), so every save writes a full ledger. Bounded: a fixed
// number of requests, each with a timeout, and a bounded wait for the executions. Used by
// bench/run.mjs (regular mode) and bench/queue-mode.mjs.
import { createHash } from 'node:crypto';

import { credRef, httpNode, node, ours } from './lib/workflows.mjs';
import { cpuMs, percentile, sleep } from './lib/util.mjs';
import { postJson } from './lib/n8n.mjs';

export const TRIGGER_TOKEN = 'bench-sense-writeback-token-7c1e';
export const TRIGGER_CRED = {
	id: 'benchSenseWbCred',
	name: 'Sense write-back (bench)',
	type: 'senseWebhookApi',
};
export const TRIGGER_WORKFLOW_ID = 'benchTriggerLoad';
const WEBHOOK_ID = '5e05e7b1-0000-4000-8000-00000000b0a1';
export const TRIGGER_PATH = `/webhook/${WEBHOOK_ID}/webhook`;

export const BASELINE_CRED = {
	id: 'benchWebhookHdr1',
	name: 'Webhook header auth (bench)',
	type: 'httpHeaderAuth',
};
export const BASELINE_WORKFLOW_ID = 'benchTriggerBase';
const BASELINE_PATH_NAME = 'bench-writeback-baseline';
export const BASELINE_PATH = `/webhook/${BASELINE_PATH_NAME}`;

export const triggerCredentials = () => [
	{ ...TRIGGER_CRED, data: { token: TRIGGER_TOKEN } },
	{ ...BASELINE_CRED, data: { name: 'Authorization', value: `Bearer ${TRIGGER_TOKEN}` } },
];

/**
 * What a user builds without the package: n8n's Webhook node (header auth, respond immediately)
 * -> the same HTTP Request to the sink. No de-duplication: re-sends run again.
 */
export function baselineWorkflow(sink) {
	const hook = {
		...node(
			'Webhook',
			'n8n-nodes-base.webhook',
			{
				httpMethod: 'POST',
				path: BASELINE_PATH_NAME,
				authentication: 'headerAuth',
				responseMode: 'onReceived',
				options: {},
			},
			credRef(BASELINE_CRED),
			2,
		),
		webhookId: '5e05e7b1-0000-4000-8000-00000000b0a2',
		position: [0, 0],
	};
	const report = httpNode('Report', {
		method: 'POST',
		url: `${sink.url}/seen`,
		sendBody: true,
		specifyBody: 'json',
		jsonBody: '={{ JSON.stringify({ id: $json.body.id }) }}',
	});
	report.position = [240, 0];
	return {
		id: BASELINE_WORKFLOW_ID,
		name: 'bench trigger baseline',
		nodes: [hook, report],
		connections: { Webhook: { main: [[{ node: 'Report', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

/** Remembered write-backs the trigger starts with: its default maximum. */
export const SEEDED_IDS = 10_000;
/** The id of a seeded write-back (an earlier day's). */
export const seededId = (i) => `wb-earlier-${i}`;

/**
 * The trigger's ledger as it stores it (nodes/common/deliveryLedger.ts, format 2): per id the first
 * 8 bytes of SHA-256("id:" + id) in base64url, oldest first.
 */
export function seededLedger(size = SEEDED_IDS) {
	let keys = '';
	for (let i = 0; i < size; i++)
		keys += createHash('sha256')
			.update(`id:${seededId(i)}`, 'utf8')
			.digest()
			.subarray(0, 8)
			.toString('base64url');
	return { v: 2, keys };
}

export function triggerWorkflow(sink, { seeded = SEEDED_IDS } = {}) {
	const trigger = {
		...node(
			'Sense Trigger',
			ours('senseTrigger'),
			{ authentication: 'token' },
			credRef(TRIGGER_CRED),
		),
		webhookId: WEBHOOK_ID,
		position: [0, 0],
	};
	const report = httpNode('Report', {
		method: 'POST',
		url: `${sink.url}/seen`,
		sendBody: true,
		specifyBody: 'json',
		jsonBody: '={{ JSON.stringify({ id: $json.id }) }}',
	});
	report.position = [240, 0];
	return {
		id: TRIGGER_WORKFLOW_ID,
		name: 'bench trigger load',
		nodes: [trigger, report],
		connections: { 'Sense Trigger': { main: [[{ node: 'Report', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		...(seeded
			? { staticData: { 'node:Sense Trigger': { deliveries: seededLedger(seeded) } } }
			: {}),
	};
}

/** Deterministic PRNG (mulberry32). */
function rng(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const writeBack = (id, i) => ({
	id,
	type: 'MESSAGING_INCOMING_MESSAGE',
	version: 1.1,
	created_date: '2026-11-20T09:30:00+00:00',
	data: {
		sms: [
			{
				to: [{ entity: { id: 'u-1', type: 'AE_INTERNAL_USER' } }],
				from: { entity: { id: `c-${i}`, type: 'AE_CANDIDATE' } },
				body: `Reply ${i}`,
				direction: 'incoming',
			},
		],
		summary: `Candidate ${i} replied`,
		user_defined_data: {},
		associated_entities: [],
		sense_meta_data: {},
	},
});

/** The request plan: originals, duplicates of earlier originals, bad-token requests; shuffled. */
export function plan({
	total = 1000,
	dupRate = 0.1,
	badRate = 0.05,
	seed = 42,
	runTag = Date.now().toString(36),
}) {
	const random = rng(seed);
	const dups = Math.round(total * dupRate);
	const bad = Math.round(total * badRate);
	const good = total - dups - bad;
	const originals = Array.from({ length: good }, (_, i) => ({
		kind: 'good',
		id: `wb-${runTag}-${i + 1}`,
		i,
	}));
	const bads = Array.from({ length: bad }, (_, i) => ({
		kind: 'bad',
		id: `wb-${runTag}-bad-${i + 1}`,
		i: good + i,
	}));
	const sequence = [...originals, ...bads];
	for (let k = sequence.length - 1; k > 0; k--) {
		const j = Math.floor(random() * (k + 1));
		[sequence[k], sequence[j]] = [sequence[j], sequence[k]];
	}
	// each duplicate goes somewhere after its original (often while the original is still in flight)
	for (let d = 0; d < dups; d++) {
		const original = originals[Math.floor(random() * originals.length)];
		const at = sequence.indexOf(original);
		const pos = at + 1 + Math.floor(random() * (sequence.length - at));
		sequence.splice(pos, 0, { kind: 'dup', id: original.id, i: original.i });
	}
	return { sequence, good, dups, bad };
}

/**
 * Sends the plan against `baseUrl` + TRIGGER_PATH and waits (bounded) for the sink to see every good id.
 * Returns throughput, latency percentiles and the correctness counts.
 */
export async function runTriggerLoad({
	baseUrl,
	sink,
	total = 1000,
	dupRate = 0.1,
	badRate = 0.05,
	concurrency = 50,
	waitMs = 300_000,
	/** how many executions n8n's list shows (recorded beside the count) */
	countExecutions,
	/** n8n's own count of the stored executions (what the check uses) */
	countStored,
	path = TRIGGER_PATH,
	baseline = false,
	/** how many remembered ids the trigger's ledger was seeded with (triggerWorkflow) */
	seeded = SEEDED_IDS,
	/** the n8n process: its CPU time per request is measured too */
	pid,
}) {
	const { sequence, good, dups, bad } = plan({ total, dupRate, badRate });
	// the baseline has no de-duplication: every accepted request runs
	const expectedRuns = baseline ? good + dups : good;
	sink.resetState();
	// the ledger starts full: the newest seeded id is recognised (200 {id}, no run)
	let seededRecognised;
	if (!baseline && seeded > 0) {
		const id = seededId(seeded - 1);
		const answer = await postJson(`${baseUrl}${path}`, writeBack(id, 0), {
			headers: { authorization: `Bearer ${TRIGGER_TOKEN}` },
			timeoutMs: 60_000,
		});
		await sleep(2000);
		seededRecognised = answer.status === 200 && answer.body?.id === id && !sink.seen.has(id);
		sink.resetState();
	}
	const results = new Array(sequence.length);
	let next = 0;
	const cpuBefore = pid ? cpuMs(pid) : undefined;
	const started = performance.now();
	const worker = async () => {
		while (next < sequence.length) {
			const index = next++;
			const entry = sequence[index];
			const token = entry.kind === 'bad' ? 'not-the-token' : TRIGGER_TOKEN;
			try {
				const answer = await postJson(`${baseUrl}${path}`, writeBack(entry.id, entry.i), {
					headers: { authorization: `Bearer ${token}` },
					timeoutMs: 60_000,
				});
				results[index] = {
					...entry,
					status: answer.status,
					bodyId: answer.body?.id,
					ms: answer.ms,
				};
			} catch (error) {
				results[index] = { ...entry, status: 0, error: error.message, ms: NaN };
			}
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	const sendMs = performance.now() - started;

	// executions finish after the answers (Respond: Immediately): wait for the sink, bounded
	const deadline = Date.now() + waitMs;
	const deliveries = () => [...sink.seen.values()].reduce((a, b) => a + b, 0);
	while (deliveries() < expectedRuns && Date.now() < deadline) await sleep(100);
	const processedMs = performance.now() - started;
	// n8n's CPU time for answering every request and running every execution they started
	const cpuPerRequest = pid ? (cpuMs(pid) - cpuBefore) / sequence.length : undefined;
	await sleep(3000); // a late duplicate run would show up here
	// n8n saves an execution after the sink saw its run (queue mode: the worker's last save):
	// recount for up to 30 s while n8n has fewer than the runs the sink saw. The check uses n8n's
	// own count. Its list (/rest/executions, paged as the editor pages it) is recorded beside it
	// only: a page is ordered by start time, the next one starts below the last row's id, so a run
	// that started out of id order (queue mode: the workers take jobs in any order) can fall
	// between two pages.
	const count = countStored ?? countExecutions;
	let executions = count ? await count() : undefined;
	const countedBy = Date.now() + 30_000;
	while (executions !== undefined && executions < deliveries() && Date.now() < countedBy) {
		await sleep(1000);
		executions = await count();
	}
	const executionsListed = countStored && countExecutions ? await countExecutions() : undefined;

	const goodIds = new Set(results.filter((r) => r.kind === 'good').map((r) => r.id));
	const badIds = new Set(results.filter((r) => r.kind === 'bad').map((r) => r.id));
	const check = {
		goodAnswered200: results.filter(
			(r) => r.kind === 'good' && r.status === 200 && (baseline || r.bodyId === r.id),
		).length,
		dupAnswered200: results.filter(
			(r) => r.kind === 'dup' && r.status === 200 && (baseline || r.bodyId === r.id),
		).length,
		badAnswered401: results.filter(
			(r) => r.kind === 'bad' && (r.status === 401 || (baseline && r.status === 403)),
		).length,
		goodRunOnce: [...goodIds].filter((id) => sink.seen.get(id) === 1).length,
		goodRunTwiceOrMore: [...goodIds].filter((id) => (sink.seen.get(id) ?? 0) > 1).length,
		goodNeverRun: [...goodIds].filter((id) => !sink.seen.has(id)).length,
		badRun: [...badIds].filter((id) => sink.seen.has(id)).length,
		sinkDeliveries: [...sink.seen.values()].reduce((a, b) => a + b, 0),
		transportErrors: results.filter((r) => r.status === 0).length,
		// what the client saw instead of an answer (a timeout, a reset), for the first few
		transportErrorSamples: results
			.filter((r) => r.status === 0)
			.slice(0, 5)
			.map((r) => `${r.kind} ${r.id}: ${r.error}`),
		executions,
		executionsListed,
		seededRecognised,
	};
	check.pass = baseline
		? check.goodRunOnce + check.goodRunTwiceOrMore === good &&
			check.badRun === 0 &&
			check.sinkDeliveries === expectedRuns
		: check.goodAnswered200 === good &&
			check.dupAnswered200 === dups &&
			check.badAnswered401 === bad &&
			check.goodRunOnce === good &&
			check.goodRunTwiceOrMore === 0 &&
			check.badRun === 0 &&
			check.sinkDeliveries === good &&
			check.seededRecognised === true &&
			(executions === undefined || executions === good);
	const lat = (kind) => {
		const values = results.filter((r) => !kind || r.kind === kind).map((r) => r.ms);
		return {
			p50: percentile(values, 50),
			p90: percentile(values, 90),
			p99: percentile(values, 99),
			max: percentile(values, 100),
		};
	};
	Object.defineProperty(check, 'goodIds', { value: [...goodIds], enumerable: false });
	return {
		total: sequence.length,
		good,
		dups,
		bad,
		concurrency,
		sendMs,
		processedMs,
		requestsPerSecond: sequence.length / (sendMs / 1000),
		executionsPerSecond: expectedRuns / (processedMs / 1000),
		cpuMsPerRequest: cpuPerRequest,
		baseline,
		latency: { all: lat(), good: lat('good'), dup: lat('dup'), bad: lat('bad') },
		check,
	};
}

/**
 * Re-sends every good write-back of a finished load (as Sense does after a lost answer), e.g. after
 * n8n restarted: each must be acknowledged with 200 {id} and start nothing (the persisted ledger).
 */
export async function replay({
	baseUrl,
	sink,
	ids,
	concurrency = 50,
	path = TRIGGER_PATH,
	settleMs = 5000,
}) {
	const before = [...sink.seen.values()].reduce((a, b) => a + b, 0);
	let next = 0;
	let acknowledged = 0;
	const latencies = [];
	const statuses = {};
	const worker = async () => {
		while (next < ids.length) {
			const id = ids[next++];
			try {
				const answer = await postJson(`${baseUrl}${path}`, writeBack(id, 0), {
					headers: { authorization: `Bearer ${TRIGGER_TOKEN}` },
					timeoutMs: 60_000,
				});
				latencies.push(answer.ms);
				statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
				if (answer.status === 200 && answer.body?.id === id) acknowledged++;
			} catch {
				statuses.error = (statuses.error ?? 0) + 1;
			}
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	await sleep(settleMs);
	const after = [...sink.seen.values()].reduce((a, b) => a + b, 0);
	return {
		resent: ids.length,
		acknowledged,
		statuses,
		newRuns: after - before,
		p50: percentile(latencies, 50),
		p99: percentile(latencies, 99),
	};
}
