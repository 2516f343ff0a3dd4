/**
 * The Sessions Trigger in a real n8n against a fake Sessions API (test/fakes/sessions.ts) that
 * registers webhooks and delivers to them as Sessions does. Publishing (workflows published with the
 * CLI, then the server started) makes the fake receive one registration per event; each delivery the
 * fake sends starts one run; a bad token is answered 401 without a run; the registration survives a
 * restart; unpublishing (REST API) makes the fake receive the DELETEs. The manual mode registers
 * nothing and checks the credential's token.
 */
import { nodeType } from './harness';
import { startWebhookN8n, triggerWorkflow, type WebhookN8n, type Workflow } from './webhooks';
import { startSessionsFake, type SessionsFake } from '../fakes/sessions';

const KEY = 'sessions-e2e-key';
const MANUAL_TOKEN = 'sessions-manual-token-7c2e91';
const TRIGGER = 'Sessions Trigger';
const AUTO = 'sessionsAuto0001';
const MANUAL = 'sessionsManual01';
const EVENTS = ['BOOKING_CREATED', 'EVENT_NEW_REGISTRATION', 'SESSION_ENDED'];

const apiCredential = (url: string) => ({
	id: 'sessionsE2eApiCred',
	name: 'Sessions API (fake)',
	type: 'sessionsApi',
	data: { apiKey: KEY, baseUrl: url },
});
const tokenCredential = {
	id: 'sessionsE2eTokenCr',
	name: 'Sessions webhook token',
	type: 'sessionsWebhookApi',
	data: { token: MANUAL_TOKEN },
};

const hook = (workflowId: string) => `/webhook/${workflowId}-hook/webhook`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let fake: SessionsFake;
let n8n: WebhookN8n;

/** Waits until the fake holds `count` webhooks (registration runs shortly after n8n is ready). */
async function registered(count: number, timeoutMs = 90_000) {
	const deadline = Date.now() + timeoutMs;
	while (fake.webhooks.length !== count) {
		if (Date.now() > deadline)
			throw new Error(`the fake holds ${fake.webhooks.length} webhooks, expected ${count}`);
		await sleep(250);
	}
	return fake.webhooks;
}

const webhookCalls = (method: string) =>
	fake.requests.filter(
		(r) => r.method === method && r.path.startsWith('/api/webhooks') && r.status < 300,
	);

beforeAll(async () => {
	fake = await startSessionsFake({ apiKey: KEY, rateLimit: { limit: 100, windowMs: 60_000 } });
	const api = apiCredential(fake.url);
	const workflows: Workflow[] = [
		triggerWorkflow({
			id: AUTO,
			trigger: {
				name: TRIGGER,
				type: nodeType('sessionsTrigger'),
				parameters: { events: EVENTS, permission: 'organization' },
				webhookId: `${AUTO}-hook`,
				credentials: { sessionsApi: { id: api.id, name: api.name } },
			},
		}),
		triggerWorkflow({
			id: MANUAL,
			trigger: {
				name: TRIGGER,
				type: nodeType('sessionsTrigger'),
				parameters: { registration: 'manual', events: ['TRANSCRIPT_READY'] },
				webhookId: `${MANUAL}-hook`,
				credentials: {
					sessionsWebhookApi: { id: tokenCredential.id, name: tokenCredential.name },
				},
			},
		}),
	];
	n8n = await startWebhookN8n('wh-sessions', { workflows, credentials: [api, tokenCredential] });
	for (const wf of workflows) await n8n.waitForWebhook(hook(wf.id));
	await registered(EVENTS.length);
});

afterAll(async () => {
	await n8n?.stop();
	await fake?.stop();
});

const executionCount = async (workflowId: string) =>
	(await n8n.waitForExecutions(workflowId, 0)).length;

const session = {
	id: '5645d810-4e29-4c2c-b9a5-84d71a6429dd',
	name: 'Weekly sync',
	startAt: '2026-11-30T10:31:00.000Z',
	endedAt: '2026-11-30T11:02:00.000Z',
};

describe('automatic registration', () => {
	it('publishing registered one webhook per event, with a URL carrying a generated token', () => {
		const url = new RegExp(`^${n8n.url}/webhook/${AUTO}-hook/webhook\\?token=[0-9a-f]{64}$`);
		expect(
			fake.webhooks.map(({ trigger, permission, linkPublicKey }) => ({
				trigger,
				permission,
				linkPublicKey,
			})),
		).toEqual(
			EVENTS.map((trigger) => ({ trigger, permission: 'organization', linkPublicKey: true })),
		);
		for (const webhook of fake.webhooks) expect(webhook.url).toMatch(url);
		// one token for all of them; the key authenticated every registration
		expect(new Set(fake.webhooks.map((w) => w.url)).size).toBe(1);
		const posts = webhookCalls('POST');
		expect(posts).toHaveLength(EVENTS.length);
		for (const post of posts) expect(post.headers['x-api-key']).toBe(KEY);
		// the manual workflow registered nothing
		expect(fake.webhooks.some((w) => w.url.includes(MANUAL))).toBe(false);
	});

	it('one delivery per event starts one run each, with {trigger, ids, data}', async () => {
		const before = await executionCount(AUTO);
		const payloads: Record<string, Record<string, unknown>> = {
			SESSION_ENDED: { session },
			BOOKING_CREATED: {
				session: { ...session, booking: { id: 'bk-1', participantEmail: 'a@b.c' } },
			},
			EVENT_NEW_REGISTRATION: {
				eventId: 'ev-1',
				sessionId: session.id,
				registeredParticipant: { id: 'p-1', email: 'x@y.z' },
			},
		};
		for (const event of EVENTS) {
			const answers = await fake.deliver(event, payloads[event]);
			expect(answers.map(({ status, body }) => ({ status, body }))).toEqual([
				{ status: 200, body: { status: 'accepted', trigger: event } },
			]);
		}
		const runs = await n8n.waitForExecutions(AUTO, before + EVENTS.length);
		expect(runs).toHaveLength(before + EVENTS.length);
		const outputs = await Promise.all(
			runs.slice(0, EVENTS.length).map(async (run) => (await n8n.nodeOutput(run.id, TRIGGER))[0]),
		);
		expect(outputs).toEqual(
			expect.arrayContaining([
				{ trigger: 'SESSION_ENDED', sessionId: session.id, data: payloads.SESSION_ENDED },
				{
					trigger: 'BOOKING_CREATED',
					sessionId: session.id,
					bookingId: 'bk-1',
					data: payloads.BOOKING_CREATED,
				},
				{
					trigger: 'EVENT_NEW_REGISTRATION',
					sessionId: session.id,
					eventId: 'ev-1',
					data: payloads.EVENT_NEW_REGISTRATION,
				},
			]),
		);
		// the token is not in the output
		const token = new URL(fake.webhooks[0].url).searchParams.get('token')!;
		expect(JSON.stringify(outputs)).not.toContain(token);
	});

	it('a bad or missing token is answered 401 and starts no run; a malformed body 400', async () => {
		const before = await executionCount(AUTO);
		const token = new URL(fake.webhooks[0].url).searchParams.get('token')!;
		const body = { trigger: 'SESSION_ENDED', data: { session: { ...session, id: 's-401' } } };
		// the token with its last character changed (to another one: a hex token may end in 0)
		const wrong = `${token.slice(0, -1)}${token.endsWith('0') ? '1' : '0'}`;
		const attempts = [
			await n8n.post(hook(AUTO), body),
			await n8n.post(hook(AUTO), body, { query: { token: wrong } }),
			await n8n.post(hook(AUTO), body, { query: { token: MANUAL_TOKEN } }),
		];
		for (const answer of attempts)
			expect({ status: answer.status, body: answer.body }).toEqual({
				status: 401,
				body: { error: 'missing or invalid token' },
			});
		const malformed = await n8n.post(hook(AUTO), '{"trigger": ', { query: { token } });
		expect({ status: malformed.status, body: malformed.body }).toEqual({
			status: 400,
			body: { error: 'the request body is not valid JSON' },
		});
		// the same delivery with the token: exactly one run; sent again: a duplicate, no run
		expect((await n8n.post(hook(AUTO), body, { query: { token } })).body).toEqual({
			status: 'accepted',
			trigger: 'SESSION_ENDED',
		});
		expect((await n8n.post(hook(AUTO), body, { query: { token } })).body).toEqual({
			status: 'duplicate',
			trigger: 'SESSION_ENDED',
		});
		expect(await n8n.waitForExecutions(AUTO, before + 1)).toHaveLength(before + 1);
	});
});

describe('manual registration', () => {
	it('accepts the credential token, 401s anything else', async () => {
		const body = { trigger: 'TRANSCRIPT_READY', data: { session: { id: 's-7', transcripts: [] } } };
		const wrong = await n8n.post(hook(MANUAL), body, { query: { token: 'guess' } });
		expect(wrong.status).toBe(401);
		const right = await n8n.post(hook(MANUAL), body, { query: { token: MANUAL_TOKEN } });
		expect(right.body).toEqual({ status: 'accepted', trigger: 'TRANSCRIPT_READY' });
		const runs = await n8n.waitForExecutions(MANUAL, 1);
		expect(runs).toHaveLength(1);
		expect(await n8n.nodeOutput(runs[0].id, TRIGGER)).toEqual([
			{ trigger: 'TRANSCRIPT_READY', sessionId: 's-7', data: body.data },
		]);
	});
});

describe('restart and unpublishing', () => {
	it('the registration survives a restart: nothing registered again, deliveries still start runs', async () => {
		const ids = fake.webhooks.map((w) => w.id);
		const calls = fake.requests.filter((r) => r.path.startsWith('/api/webhooks')).length;
		await n8n.restart({ samePort: true });
		await n8n.waitForWebhook(hook(AUTO));
		const before = await executionCount(AUTO);
		const data = { session: { ...session, id: 's-restart' } };
		const answers = await fake.deliver('SESSION_ENDED', data);
		expect(answers.map(({ status, body }) => ({ status, body }))).toEqual([
			{ status: 200, body: { status: 'accepted', trigger: 'SESSION_ENDED' } },
		]);
		// a re-delivery after the restart is still recognised (the run recorded the first one)
		const runs = await n8n.waitForExecutions(AUTO, before + 1);
		expect(runs).toHaveLength(before + 1);
		expect((await fake.deliver('SESSION_ENDED', data)).map((a) => a.body)).toEqual([
			{ status: 'duplicate', trigger: 'SESSION_ENDED' },
		]);
		expect(fake.webhooks.map((w) => w.id)).toEqual(ids);
		expect(fake.requests.filter((r) => r.path.startsWith('/api/webhooks'))).toHaveLength(calls);
	});

	it('unpublishing makes the fake receive one DELETE per webhook', async () => {
		const ids = fake.webhooks.map((w) => w.id);
		const deletesBefore = webhookCalls('DELETE').length;
		await n8n.unpublish(AUTO);
		// n8n tears the published version down right after answering
		await registered(0);
		const deletes = webhookCalls('DELETE').slice(deletesBefore);
		expect(deletes.map((r) => r.path).sort()).toEqual(
			ids.map((id) => `/api/webhooks/${id}`).sort(),
		);
		for (const request of deletes) expect(request.headers['x-api-key']).toBe(KEY);
		// the URL is gone with the registration
		expect((await n8n.post(hook(AUTO), { trigger: 'SESSION_ENDED', data: {} })).status).toBe(404);
	});
});
