// Scenario 1: Sense "Create or Update" of N candidates vs an HTTP Request node sending one request
// per item (what a user builds without the package), both fed by the same source node.
import { chain, credRef, httpNode, node, ours, webhookNode } from '../lib/workflows.mjs';
import { measureOk, measureRun } from '../lib/measure.mjs';
import { log, median } from '../lib/util.mjs';

export const SENSE_CRED = { id: 'benchSenseCred01', name: 'Sense (bench)', type: 'senseApi' };
export const SENSE_OAUTH_CRED = {
	id: 'benchSenseOAuth1',
	name: 'Sense OAuth2 (bench, generic)',
	type: 'oAuth2Api',
};

export function senseCredentials(sense) {
	return [
		{ ...SENSE_CRED, data: { ...sense.credentials } },
		{
			...SENSE_OAUTH_CRED,
			data: {
				grantType: 'clientCredentials',
				accessTokenUrl: sense.credentials.tokenUrl,
				clientId: sense.credentials.clientId,
				clientSecret: sense.credentials.clientSecret,
				scope: '',
				authentication: 'body',
				authQueryParameters: '',
			},
		},
	];
}

const source = (ats) =>
	httpNode('Source', { url: `={{ "${ats.url}/candidates?n=" + $json.body.n }}` });

export function senseUpsertWorkflows({ ats, sense }) {
	return [
		chain('benchS1Ours00001', [
			webhookNode('s1-ours'),
			source(ats),
			node(
				'Sense',
				ours('sense'),
				{ resource: 'candidate', operation: 'upsert', dataMode: 'autoMap', options: {} },
				credRef(SENSE_CRED),
			),
		]),
		chain('benchS1Theirs001', [
			webhookNode('s1-theirs'),
			source(ats),
			httpNode(
				'HTTP Request',
				{
					method: 'POST',
					url: `${sense.url}/v1/candidates`,
					authentication: 'genericCredentialType',
					genericAuthType: 'oAuth2Api',
					sendBody: true,
					specifyBody: 'json',
					jsonBody: '={{ JSON.stringify([$json]) }}',
				},
				credRef(SENSE_OAUTH_CRED),
			),
		]),
		chain('benchS1Source001', [webhookNode('s1-source'), source(ats)]),
	];
}

async function variant(instance, sense, path, n, runs) {
	const results = [];
	await instance.start();
	try {
		await instance.waitForWebhook(`/webhook/${path}`);
		// warm-up (the first run after a start loads node code, fetches a token): not counted
		await measureRun(instance, path, { n: 50 });
		for (let r = 0; r < runs; r++) {
			sense.resetState();
			const m = await measureOk(
				instance,
				path,
				{ n },
				{
					onRefused: (r) => {
						log(
							`[s1] ${path}: n8n answered ${r.status} ${String(r.body?.message ?? r.text ?? '').slice(0, 80)}; retrying in 10 s`,
						);
						sense.resetState();
					},
				},
			);
			const api = sense.route('POST /v1/:entity');
			const token = sense.route('POST /oauth2/token');
			const row = {
				n,
				ms: m.ms,
				status: m.status,
				rssStart: m.rssStart,
				rssPeak: m.rssPeak,
				requests: api.requests,
				bytes: api.bytes,
				statuses: api.statuses,
				tokenRequests: token.requests,
				entities: sense.state.entities,
				distinctIds: sense.state.ids.size,
				maxConcurrent: sense.stats.maxConcurrent,
				refused: m.refused,
			};
			log(
				`[s1] ${path} n=${n} run ${r + 1}/${runs}: ${Math.round(m.ms)} ms, ${row.requests} requests, ${row.entities} entities (${row.distinctIds} distinct), peak ${(m.rssPeak / 2 ** 20).toFixed(0)} MB, status ${m.status}`,
			);
			results.push(row);
		}
	} finally {
		await instance.stop();
	}
	return results;
}

const summary = (rows) => ({
	n: rows[0]?.n,
	runs: rows.length,
	ms: median(rows.map((r) => r.ms)),
	requests: median(rows.map((r) => r.requests)),
	bytes: median(rows.map((r) => r.bytes)),
	rssPeak: median(rows.map((r) => r.rssPeak)),
	rssStart: median(rows.map((r) => r.rssStart)),
	tokenRequests: median(rows.map((r) => r.tokenRequests)),
	complete: rows.every((r) => r.entities === r.n && r.distinctIds === r.n && r.status === 200),
	refused: rows.reduce((sum, r) => sum + (r.refused ?? 0), 0),
	statuses: rows.map((r) => r.statuses),
	entities: rows.map((r) => r.entities),
	raw: rows,
});

export async function runSenseUpsert({ instance, fakes, n, baselineN, runs, baselineRuns }) {
	const { sense } = fakes;
	const oursRows = await variant(instance, sense, 's1-ours', n, runs);
	const theirsRows = await variant(instance, sense, 's1-theirs', baselineN, baselineRuns);
	const sourceOurs = await variant(instance, sense, 's1-source', n, runs);
	const sourceTheirs =
		baselineN === n ? sourceOurs : await variant(instance, sense, 's1-source', baselineN, runs);
	return {
		ours: summary(oursRows),
		theirs: summary(theirsRows),
		sourceOurs: summary(sourceOurs),
		sourceTheirs: summary(sourceTheirs),
	};
}
