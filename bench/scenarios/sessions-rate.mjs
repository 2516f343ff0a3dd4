// Scenario 3: 100 Sessions operations (create a room per input item) under the documented limit of
// 10 requests per minute (fixed window; the window may be scaled down, e.g. 10 per 10 s). Ours: the
// Sessions node as is. Theirs: HTTP Request with Batching = 10 items per (window + 1 s), the
// hand-tuned setting a user needs to stay under the limit (without it, 90 of 100 items fail with 429).
import { chain, credRef, httpNode, node, ours, webhookNode } from '../lib/workflows.mjs';
import { measureRun } from '../lib/measure.mjs';
import { log, median } from '../lib/util.mjs';
import { countNode } from './sesame-paging.mjs';

export const SESSIONS_CRED = {
	id: 'benchSessionsCr1',
	name: 'Sessions (bench)',
	type: 'sessionsApi',
};
export const SESSIONS_HEADER_CRED = {
	id: 'benchSessionsHd1',
	name: 'Sessions header (bench)',
	type: 'httpHeaderAuth',
};

export function sessionsCredentials(sessions) {
	return [
		{ ...SESSIONS_CRED, data: { apiKey: sessions.apiKey, baseUrl: sessions.baseUrl } },
		{ ...SESSIONS_HEADER_CRED, data: { name: 'x-api-key', value: sessions.apiKey } },
	];
}

const source = (ats) =>
	httpNode('Source', { url: `={{ "${ats.url}/ids?prefix=room&n=" + $json.body.n }}` });

export function sessionsWorkflows({ ats, sessions, windowMs, limit }) {
	return [
		chain('benchS3Ours00001', [
			webhookNode('s3-ours'),
			source(ats),
			node(
				'Sessions',
				ours('sessions'),
				{ resource: 'room', operation: 'create', name: '={{ $json.id }}' },
				credRef(SESSIONS_CRED),
			),
			countNode(),
		]),
		chain('benchS3Theirs001', [
			webhookNode('s3-theirs'),
			source(ats),
			httpNode(
				'HTTP Request',
				{
					method: 'POST',
					url: `${sessions.baseUrl}/api/rooms`,
					authentication: 'genericCredentialType',
					genericAuthType: 'httpHeaderAuth',
					sendBody: true,
					specifyBody: 'json',
					jsonBody: '={{ JSON.stringify({ name: $json.id }) }}',
					options: { batching: { batch: { batchSize: limit, batchInterval: windowMs + 1000 } } },
				},
				credRef(SESSIONS_HEADER_CRED),
			),
			countNode(),
		]),
	];
}

export async function runSessionsRate({
	instance,
	fakes,
	runs,
	baselineRuns,
	ops,
	windowMs,
	limit,
	variants = ['ours', 'theirs'],
}) {
	const { sessions } = fakes;
	const windows = Math.ceil(ops / limit);
	const theoreticalMs = (windows - 1) * windowMs;
	const result = { ops, windowMs, limit, theoreticalMs };
	for (const which of variants) {
		const rows = [];
		await instance.start();
		try {
			await instance.waitForWebhook(`/webhook/s3-${which}`);
			const count = which === 'ours' ? runs : baselineRuns;
			for (let r = 0; r < count; r++) {
				// a fresh window for every run: wait out whatever the previous run left
				await new Promise((resolve) => setTimeout(resolve, windowMs + 200));
				sessions.resetState();
				const m = await measureRun(instance, `s3-${which}`, { n: ops });
				const first = sessions.state.accepted[0];
				const last = sessions.state.accepted[sessions.state.accepted.length - 1];
				const row = {
					ms: m.ms,
					spanMs: last - first,
					status: m.status,
					created: sessions.state.created,
					count: m.body?.count_id,
					rateLimited: sessions.state.rateLimited,
					requests: sessions.stats.requests,
					rssPeak: m.rssPeak,
				};
				row.failures = ops - row.created;
				log(
					`[s3] ${which} run ${r + 1}/${count}: ${Math.round(m.ms)} ms (first->last request ${row.spanMs} ms; minimum ${theoreticalMs} ms), created ${row.created}/${ops}, 429s ${row.rateLimited}, status ${m.status}`,
				);
				rows.push(row);
			}
		} finally {
			await instance.stop();
		}
		result[which] = {
			runs: rows.length,
			ms: median(rows.map((r) => r.ms)),
			spanMs: median(rows.map((r) => r.spanMs)),
			failures: Math.max(...rows.map((r) => r.failures)),
			rateLimited: Math.max(...rows.map((r) => r.rateLimited)),
			requests: median(rows.map((r) => r.requests)),
			raw: rows,
		};
	}
	return result;
}
