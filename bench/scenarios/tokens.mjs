// Scenario 4: token requests. E executions x C API calls each (Sense "Get" / HaloPSA "Get"
// appointment, one call per input item), K executions at a time, against token servers issuing
// tokens of a short lifetime L. The fakes count tokens; the bound is ceil(T / L) for a phase of T ms.
// Theirs: the same calls with an HTTP Request node and n8n's generic OAuth2 (client credentials).
import { chain, credRef, httpNode, node, ours, webhookNode } from '../lib/workflows.mjs';
import { log, pool } from '../lib/util.mjs';
import { countNode } from './sesame-paging.mjs';

export const SENSE_T_CRED = {
	id: 'benchSenseTokCr1',
	name: 'Sense tokens (bench)',
	type: 'senseApi',
};
export const SENSE_T_OAUTH = {
	id: 'benchSenseTokOA1',
	name: 'Sense tokens OAuth2 (bench)',
	type: 'oAuth2Api',
};
export const HALO_CRED = {
	id: 'benchHaloCred001',
	name: 'HaloPSA (bench)',
	type: 'haloPsaSchedulingApi',
};
export const HALO_OAUTH = {
	id: 'benchHaloOAuth01',
	name: 'HaloPSA OAuth2 (bench)',
	type: 'oAuth2Api',
};

const oauth = (tokenUrl, clientId, clientSecret, scope = '') => ({
	grantType: 'clientCredentials',
	accessTokenUrl: tokenUrl,
	clientId,
	clientSecret,
	scope,
	authentication: 'body',
	authQueryParameters: '',
});

export function tokenCredentials({ senseShort, haloShort }) {
	const h = haloShort.credentials;
	return [
		{ ...SENSE_T_CRED, data: { ...senseShort.credentials } },
		{
			...SENSE_T_OAUTH,
			data: oauth(
				senseShort.credentials.tokenUrl,
				senseShort.credentials.clientId,
				senseShort.credentials.clientSecret,
			),
		},
		{
			...HALO_CRED,
			data: {
				hosting: 'hosted',
				appUrl: h.appUrl,
				tenant: h.tenant,
				clientId: h.clientId,
				clientSecret: h.clientSecret,
				scope: 'all',
				// the scenario counts tokens over thousands of calls: the fake has no rolling limit, so
				// neither does the node here (n8n's OAuth2 credential has none either)
				rateLimit: 0,
			},
		},
		{
			...HALO_OAUTH,
			data: oauth(`${h.appUrl}/auth/token?tenant=${h.tenant}`, h.clientId, h.clientSecret, 'all'),
		},
	];
}

const source = (ats, prefix) =>
	httpNode('Source', { url: `={{ "${ats.url}/ids?prefix=${prefix}&n=" + $json.body.n }}` });

const getVia = (url, cred) =>
	httpNode(
		'HTTP Request',
		{ url, authentication: 'genericCredentialType', genericAuthType: 'oAuth2Api' },
		credRef(cred),
	);

export function tokenWorkflows({ ats, senseShort, haloShort }) {
	return [
		chain('benchS4SenseOurs', [
			webhookNode('s4-sense-ours'),
			source(ats, 'cand'),
			node(
				'Sense',
				ours('sense'),
				{ resource: 'candidate', operation: 'get', recordId: '={{ $json.id }}' },
				credRef(SENSE_T_CRED),
			),
			countNode(),
		]),
		chain('benchS4SenseThrs', [
			webhookNode('s4-sense-theirs'),
			source(ats, 'cand'),
			getVia(`={{ "${senseShort.url}/v1/candidates/" + $json.id }}`, SENSE_T_OAUTH),
			countNode('data'),
		]),
		chain('benchS4HaloOurs1', [
			webhookNode('s4-halo-ours'),
			source(ats, 'appt'),
			node(
				'HaloPSA',
				ours('haloPsaScheduling'),
				{
					resource: 'appointment',
					operation: 'get',
					appointmentId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
				},
				credRef(HALO_CRED),
			),
			countNode(),
		]),
		chain('benchS4HaloThrs1', [
			webhookNode('s4-halo-theirs'),
			source(ats, 'appt'),
			getVia(`={{ "${haloShort.url}/api/Appointment/" + $json.id }}`, HALO_OAUTH),
			countNode(),
		]),
	];
}

async function phase(
	instance,
	fake,
	path,
	{ executions, callsPerExecution, concurrency, lifetimeS, route },
) {
	fake.resetState();
	const started = Date.now();
	const answers = await pool(
		Array.from(
			{ length: executions },
			() => () => instance.post(`/webhook/${path}`, { n: callsPerExecution }),
		),
		concurrency,
	);
	const ms = Date.now() - started;
	const tokens = fake.state.tokensIssued.length;
	const calls = fake.route(route).requests;
	const counted = (a) =>
		a.status === 200 && (a.body?.count_id ?? a.body?.count_data) === callsPerExecution;
	const ok = answers.filter(counted).length;
	const gaps = fake.state.tokensIssued.slice(1).map((t, i) => t - fake.state.tokensIssued[i]);
	const row = {
		executions,
		okExecutions: ok,
		apiCalls: calls,
		statuses: fake.route(route).statuses,
		tokens,
		ms,
		lifetimeS,
		bound: Math.ceil(ms / (lifetimeS * 1000)),
		minGapMs: gaps.length ? Math.min(...gaps) : null,
		tokensPerLifetime: tokens / (ms / (lifetimeS * 1000)),
		sampleFailure: answers.find((a) => !counted(a))?.text?.slice(0, 300),
	};
	log(
		`[s4] ${path}: ${ok}/${executions} executions ok, ${calls} API calls (${JSON.stringify(row.statuses)}), ${tokens} tokens in ${ms} ms (bound ${row.bound}, lifetime ${lifetimeS} s, min gap ${row.minGapMs} ms)`,
	);
	return row;
}

export async function runTokens({
	instance,
	fakes,
	executions,
	callsPerExecution,
	concurrency,
	lifetimeS,
}) {
	const opts = { executions, callsPerExecution, concurrency, lifetimeS };
	const result = {};
	await instance.start();
	try {
		for (const path of ['s4-sense-ours', 's4-sense-theirs', 's4-halo-ours', 's4-halo-theirs'])
			await instance.waitForWebhook(`/webhook/${path}`);
		result.senseOurs = await phase(instance, fakes.senseShort, 's4-sense-ours', {
			...opts,
			route: 'GET /v1/:entity/:id',
		});
		result.senseTheirs = await phase(instance, fakes.senseShort, 's4-sense-theirs', {
			...opts,
			route: 'GET /v1/:entity/:id',
		});
		const haloCalls = { ...opts, route: 'GET /api/Appointment/:id' };
		result.haloOurs = await phase(instance, fakes.haloShort, 's4-halo-ours', haloCalls);
		result.haloTheirs = await phase(instance, fakes.haloShort, 's4-halo-theirs', haloCalls);
	} finally {
		await instance.stop();
	}
	return result;
}
