/**
 * The Sessions Trigger in-process, through n8n-core's HookContext (registration on publishing,
 * removal on unpublishing) and WebhookContext (deliveries), with nock as the Sessions API: the exact
 * registration and removal requests, the token the node generates and checks, every event, the
 * 401/400 answers, de-duplication, the manual mode, and registration counting against the rate
 * limit. The real-n8n flow (publish → register → deliver → unpublish → delete) is test/e2e/sessions-trigger.test.ts.
 */
import nock from 'nock';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runHook, runNode, runWebhook } from '../harness';
import { advance, REAL_IO } from '../support/clock';
import { SessionsApi } from '../../credentials/SessionsApi.credentials';
import { SessionsWebhookApi } from '../../credentials/SessionsWebhookApi.credentials';
import { resetLedgers } from '../../nodes/common/deliveryLedger';
import {
	SESSIONS_EVENTS,
	WEBHOOK_CREDENTIAL,
	type Registration,
} from '../../nodes/SessionsTrigger/delivery';
import { SessionsTrigger } from '../../nodes/SessionsTrigger/SessionsTrigger.node';

const BASE = 'https://sessions.test';
const KEY = 'sk_test_trigger';
const WEBHOOK_ID = '5b1f0c2e-7d3a-4c55-9e21-0a8b6f4d2c10';
const URL = `http://127.0.0.1:5678/webhook/${WEBHOOK_ID}/webhook`;
const TEST_URL = `http://127.0.0.1:5678/webhook-test/${WEBHOOK_ID}/webhook`;
const NODE = 'node:Sessions Trigger';
const MANUAL_TOKEN = 'manual-token-0123456789abcdef';

const node = new SessionsTrigger();
const credentials = {
	sessionsApi: { apiKey: KEY, baseUrl: `${BASE}/` },
	[WEBHOOK_CREDENTIAL]: { token: MANUAL_TOKEN },
};
const credentialTypes = [new SessionsApi(), new SessionsWebhookApi()];
const api = () => nock(BASE, { reqheaders: { 'x-api-key': KEY } });

const hook = (
	method: 'checkExists' | 'create' | 'delete',
	parameters: INodeParameters,
	staticData: IDataObject,
	mode: 'trigger' | 'manual' = 'trigger',
) =>
	runHook({
		node,
		method,
		parameters,
		credentials,
		credentialTypes,
		staticData,
		webhookId: WEBHOOK_ID,
		nodeId: 'sessions-trigger-node',
		mode,
	});

const deliver = (
	request: { body: string; query?: Record<string, string>; headers?: Record<string, string> },
	parameters: INodeParameters,
	staticData: IDataObject,
	mode: 'webhook' | 'manual' = 'webhook',
) =>
	runWebhook({
		node,
		parameters,
		credentials,
		credentialTypes,
		staticData,
		webhookId: WEBHOOK_ID,
		nodeId: 'sessions-trigger-node',
		mode,
		...request,
	});

const registrationOf = (staticData: IDataObject) =>
	(staticData[NODE] as IDataObject).registration as Registration;

/** What Sessions is asked to register: the URL with the generated token, the event, the permission. */
const registered = (trigger: string, permission = 'personal') => ({
	url: (url: string) => new RegExp(`^${URL}\\?token=[0-9a-f]{64}$`).test(url),
	trigger,
	permission,
	linkPublicKey: true,
});
/** The bodies of the registrations nock matched, in order. */
let posted: IDataObject[] = [];
const matches = (expected: ReturnType<typeof registered>) => (body: IDataObject) => {
	const ok =
		expected.url(String(body.url)) &&
		body.trigger === expected.trigger &&
		body.permission === expected.permission &&
		body.linkPublicKey === true &&
		Object.keys(body).length === 4;
	if (ok) posted.push(body);
	return ok;
};

beforeEach(() => {
	resetLedgers();
	posted = [];
});

afterEach(() => {
	const pending = nock.pendingMocks();
	nock.cleanAll();
	expect(pending).toEqual([]);
});

/** A published trigger: registered for `events`, with its static data. */
async function published(events: string[], parameters: INodeParameters = {}) {
	const staticData: IDataObject = {};
	let scope = api();
	events.forEach((event, i) => {
		scope = scope
			.post('/api/webhooks', matches(registered(event)))
			.reply(201, { id: `wh-${i + 1}`, trigger: event });
	});
	const { result } = await hook('create', { events, ...parameters }, staticData);
	expect(result).toBe(true);
	expect(scope.isDone()).toBe(true);
	return { staticData, token: registrationOf(staticData).secret };
}

describe('registration (publish / unpublish)', () => {
	it('publishing registers one webhook per event with a generated token; unpublishing deletes them', async () => {
		const staticData: IDataObject = {};
		const events = ['SESSION_ENDED', 'BOOKING_CREATED'];

		expect((await hook('checkExists', { events }, staticData)).result).toBe(false);
		const create = api()
			.post('/api/webhooks', matches(registered('BOOKING_CREATED', 'organization')))
			.reply(201, { id: 'wh-b', url: 'x', trigger: 'BOOKING_CREATED' })
			.post('/api/webhooks', matches(registered('SESSION_ENDED', 'organization')))
			.reply(201, { data: { id: 'wh-s' } });
		const created = await hook('create', { events, permission: 'organization' }, staticData);
		expect(created.result).toBe(true);
		expect(create.isDone()).toBe(true);
		const registration = registrationOf(staticData);
		expect(registration).toEqual({
			url: URL,
			events: ['BOOKING_CREATED', 'SESSION_ENDED'],
			permission: 'organization',
			secret: expect.stringMatching(/^[0-9a-f]{64}$/),
			webhooks: { BOOKING_CREATED: 'wh-b', SESSION_ENDED: 'wh-s' },
		});
		// both webhooks carry the token the node keeps
		expect(posted.map((body) => body.url)).toEqual([
			`${URL}?token=${registration.secret}`,
			`${URL}?token=${registration.secret}`,
		]);

		// published again (n8n restart): nothing to register
		expect(
			(await hook('checkExists', { events, permission: 'organization' }, staticData)).result,
		).toBe(true);

		const remove = api()
			.delete('/api/webhooks/wh-b')
			.reply(204)
			.delete('/api/webhooks/wh-s')
			.reply(404, { message: 'Not found' });
		const deleted = await hook('delete', { events, permission: 'organization' }, staticData);
		expect(deleted.result).toBe(true);
		expect(remove.isDone()).toBe(true);
		expect(staticData[NODE]).toEqual({});
	});

	it('a registration for other events, another permission or another URL is replaced', async () => {
		const { staticData, token } = await published(['SESSION_CREATED']);
		for (const parameters of [
			{ events: ['SESSION_CREATED', 'SESSION_ENDED'] },
			{ events: ['SESSION_CREATED'], permission: 'organization' },
		])
			expect((await hook('checkExists', parameters, staticData)).result).toBe(false);
		// "Listen for test event": the test URL is not the registered one
		expect(
			(await hook('checkExists', { events: ['SESSION_CREATED'] }, staticData, 'manual')).result,
		).toBe(false);

		const scope = api()
			.delete('/api/webhooks/wh-1')
			.reply(204)
			.post('/api/webhooks', matches(registered('SESSION_CREATED')))
			.reply(201, { id: 'wh-9' })
			.post('/api/webhooks', matches(registered('SESSION_ENDED')))
			.reply(201, { id: 'wh-10' });
		await hook('create', { events: ['SESSION_ENDED', 'SESSION_CREATED'] }, staticData);
		expect(scope.isDone()).toBe(true);
		const registration = registrationOf(staticData);
		expect(registration.webhooks).toEqual({ SESSION_CREATED: 'wh-9', SESSION_ENDED: 'wh-10' });
		// a new token each time
		expect(registration.secret).not.toBe(token);
	});

	it('"Listen for test event" registers the test URL', async () => {
		const staticData: IDataObject = {};
		const scope = api()
			.post(
				'/api/webhooks',
				(body: IDataObject) =>
					new RegExp(`^${TEST_URL}\\?token=[0-9a-f]{64}$`).test(String(body.url)) &&
					body.trigger === 'TRANSCRIPT_READY',
			)
			.reply(201, { id: 'wh-t' });
		await hook('create', { events: ['TRANSCRIPT_READY'] }, staticData, 'manual');
		expect(scope.isDone()).toBe(true);
		expect(registrationOf(staticData).url).toBe(TEST_URL);
	});

	it('a refused registration removes what was registered, keeps nothing and fails with the API error', async () => {
		const staticData: IDataObject = {};
		const scope = api()
			.post('/api/webhooks', matches(registered('EVENT_CREATED')))
			.reply(201, { id: 'wh-1' })
			.post('/api/webhooks', matches(registered('EVENT_ENDED')))
			.reply(403, { message: 'This API key may not manage webhooks' })
			.delete('/api/webhooks/wh-1')
			.reply(204);
		await expect(
			hook('create', { events: ['EVENT_ENDED', 'EVENT_CREATED'] }, staticData),
		).rejects.toMatchObject({
			name: 'NodeApiError',
			httpCode: '403',
			description: 'This API key may not manage webhooks',
		});
		expect(scope.isDone()).toBe(true);
		expect(staticData[NODE]).toEqual({});
	});

	it('refuses to publish without events, and an answer without a webhook id', async () => {
		await expect(hook('create', { events: [] }, {})).rejects.toThrow('Select at least one event');
		const staticData: IDataObject = {};
		const scope = api()
			.post('/api/webhooks', matches(registered('EVENT_PUBLISHED')))
			.reply(201, { ok: true });
		await expect(hook('create', { events: ['EVENT_PUBLISHED'] }, staticData)).rejects.toThrow(
			'Sessions registered the EVENT_PUBLISHED webhook but sent no webhook ID',
		);
		expect(scope.isDone()).toBe(true);
		expect(staticData[NODE]).toEqual({});
	});

	it('a removal that fails keeps that webhook for the next publishing, which removes it first', async () => {
		const { staticData } = await published(['SESSION_STARTED', 'SESSION_ENDED']);
		let scope = api()
			.delete('/api/webhooks/wh-1')
			.reply(400, { message: 'Bad request' })
			.delete('/api/webhooks/wh-2')
			.reply(204);
		expect((await hook('delete', { events: ['SESSION_ENDED'] }, staticData)).result).toBe(false);
		expect(scope.isDone()).toBe(true);
		expect(registrationOf(staticData).webhooks).toEqual({ SESSION_STARTED: 'wh-1' });

		scope = api()
			.delete('/api/webhooks/wh-1')
			.reply(204)
			.post('/api/webhooks', matches(registered('SESSION_ENDED')))
			.reply(201, { id: 'wh-3' });
		await hook('create', { events: ['SESSION_ENDED'] }, staticData);
		expect(scope.isDone()).toBe(true);
	});

	it('registration requests count against the 10 requests per minute: a spent budget waits for the reset', async () => {
		jest.useFakeTimers({ now: Date.now(), doNotFake: REAL_IO });
		try {
			const budget = (remaining: number) => ({
				'x-ratelimit-limit': '10',
				'x-ratelimit-remaining': String(remaining),
				'x-ratelimit-reset': '60',
			});
			// its own base URL: a fresh rate-limit gate
			const base = 'https://budget.sessions.test';
			const first = nock(base, { reqheaders: { 'x-api-key': KEY } })
				.post('/api/webhooks')
				.reply(201, { id: 'wh-1' }, budget(0));
			const second = nock(base, { reqheaders: { 'x-api-key': KEY } })
				.post('/api/webhooks')
				.reply(201, { id: 'wh-2' }, budget(9));
			const running = runHook({
				node,
				method: 'create',
				parameters: { events: ['EVENT_ENDED', 'EVENT_STARTED'] },
				credentials: { sessionsApi: { apiKey: KEY, baseUrl: base } },
				credentialTypes,
				staticData: {},
				webhookId: WEBHOOK_ID,
			});
			// the first answer says the minute's budget is spent: the second waits for the reset
			await advance(59_000);
			expect([first.isDone(), second.isDone()]).toEqual([true, false]);
			await advance(6_000);
			expect(second.isDone()).toBe(true);
			expect((await running).nodeStaticData.registration).toMatchObject({
				webhooks: { EVENT_ENDED: 'wh-1', EVENT_STARTED: 'wh-2' },
			});
		} finally {
			jest.useRealTimers();
		}
	});
});

describe('deliveries', () => {
	const body = (trigger: string, data: IDataObject) => JSON.stringify({ trigger, data });
	const session = {
		id: '5645d810-4e29-4c2c-b9a5-84d71a6429dd',
		name: 'Weekly sync',
		startAt: '2026-11-30T10:31:00.000Z',
		endedAt: null,
		booking: null,
		event: null,
	};

	/** A typical `data` of each event, and the ids the trigger finds in it. */
	const SAMPLES: Record<string, [IDataObject, IDataObject]> = {
		SESSION_: [{ session }, { sessionId: session.id }],
		BOOKING_: [
			{ session: { ...session, booking: { id: 'bk-1', participantEmail: 'a@b.c' } } },
			{ sessionId: session.id, bookingId: 'bk-1' },
		],
		EVENT_: [
			{ session: { ...session, event: { id: 'ev-1', slug: 'launch' } } },
			{ sessionId: session.id, eventId: 'ev-1' },
		],
		EVENT_NEW_REGISTRATION: [
			{ eventId: 'ev-2', sessionId: 's-2', registeredParticipant: { id: 'p-1', email: 'x@y.z' } },
			{ sessionId: 's-2', eventId: 'ev-2' },
		],
		TAKEAWAY_READY: [{ session: { id: 's-3', takeaways: ['Ship it'] } }, { sessionId: 's-3' }],
		TRANSCRIPT_READY: [{ session: { id: 's-4', transcripts: [] } }, { sessionId: 's-4' }],
		RECORDING_STATUS_CHANGED: [
			{ session: { id: 's-5' }, recording: { status: 'READY' } },
			{ sessionId: 's-5' },
		],
	};
	const sampleOf = (event: string) =>
		SAMPLES[event] ?? SAMPLES[Object.keys(SAMPLES).find((prefix) => event.startsWith(prefix))!];

	it.each(SESSIONS_EVENTS.map((event) => [event]))(
		'%s with the registered token starts a run with {trigger, ids, data}',
		async (event) => {
			const { staticData, token } = await published([event]);
			const [data, ids] = sampleOf(event);
			const { result, answer } = await deliver(
				{ body: body(event, data), query: { token } },
				{ events: [event] },
				staticData,
			);
			expect(answer).toBeUndefined();
			expect(result).toEqual({
				workflowData: [[{ json: { trigger: event, ...ids, data } }]],
				webhookResponse: { status: 'accepted', trigger: event },
			});
		},
	);

	it('answers 401 without a run for a wrong, missing or misplaced token, and after unpublishing', async () => {
		const { staticData, token } = await published(['SESSION_ENDED']);
		const delivery = body('SESSION_ENDED', { session });
		for (const request of [
			{ body: delivery, query: { token: `${token}x` } },
			{ body: delivery, query: { token: token.slice(0, -1) } },
			{ body: delivery },
			{ body: delivery, query: { secret: token } },
			{ body: delivery, headers: { authorization: `Bearer ${token}` } },
			{ body: 'not even json', query: { token: 'guess' } },
		] as Array<Parameters<typeof deliver>[0]>) {
			const { answer, result } = await deliver(request, { events: ['SESSION_ENDED'] }, staticData);
			expect({ answer, result }).toEqual({
				answer: { status: 401, body: { error: 'missing or invalid token' } },
				result: { noWebhookResponse: true },
			});
		}
		api().delete('/api/webhooks/wh-1').reply(204);
		await hook('delete', { events: ['SESSION_ENDED'] }, staticData);
		const after = await deliver(
			{ body: delivery, query: { token } },
			{ events: ['SESSION_ENDED'] },
			staticData,
		);
		expect(after.answer).toEqual({ status: 401, body: { error: 'missing or invalid token' } });
	});

	it('answers 400 without a run for a body that is not {trigger, data}', async () => {
		const { staticData, token } = await published(['SESSION_CREATED']);
		const cases: Array<[string, string]> = [
			['{"trigger": "SESSION_CREATED", ', 'the request body is not valid JSON'],
			['["SESSION_CREATED"]', 'the request body must be a JSON object, not an array'],
			['', 'the request body is empty; a JSON object is expected'],
			['{"data": {"session": {}}}', 'the body has no "trigger" (the name of the Sessions event)'],
			['{"trigger": "SESSION_CREATED", "data": [1]}', '"data" must be a JSON object'],
			['{"trigger": "SESSION_CREATED"}', '"data" must be a JSON object'],
		];
		for (const [raw, error] of cases) {
			const { answer } = await deliver(
				{ body: raw, query: { token } },
				{ events: ['SESSION_CREATED'] },
				staticData,
			);
			expect({ raw, answer }).toEqual({ raw, answer: { status: 400, body: { error } } });
		}
	});

	it('acknowledges events not selected (and unknown ones when told to) with 200 and no run', async () => {
		const { staticData, token } = await published(['SESSION_ENDED']);
		const parameters = { events: ['SESSION_ENDED'], advanced: { unknownEvents: 'ignore' } };
		const started = await deliver(
			{ body: body('SESSION_STARTED', { session }), query: { token } },
			parameters,
			staticData,
		);
		expect(started.answer).toEqual({
			status: 200,
			body: { status: 'ignored', reason: 'event not selected', trigger: 'SESSION_STARTED' },
		});
		const unknown = await deliver(
			{ body: body('ROOM_RENAMED', { room: { id: 'r' } }), query: { token } },
			parameters,
			staticData,
		);
		expect(unknown.answer).toMatchObject({ status: 200, body: { status: 'ignored' } });
		// by default an unknown event still runs, with its name as sent
		const runs = await deliver(
			{ body: body('ROOM_RENAMED', { room: { id: 'r' } }), query: { token } },
			{ events: ['SESSION_ENDED'] },
			staticData,
		);
		expect(runs.result).toMatchObject({
			workflowData: [[{ json: { trigger: 'ROOM_RENAMED', data: { room: { id: 'r' } } } }]],
		});
	});

	it('a re-delivery within the window starts no second run; the receiving process records it for after a restart', async () => {
		const { staticData, token } = await published(['SESSION_ENDED']);
		const delivery = { body: body('SESSION_ENDED', { session }), query: { token } };
		const parameters = { events: ['SESSION_ENDED'] };
		const first = await deliver(delivery, parameters, staticData);
		expect(first.result).toMatchObject({ webhookResponse: { status: 'accepted' } });
		// same content, other key order
		const reordered = {
			...delivery,
			body: JSON.stringify({ data: { session }, trigger: 'SESSION_ENDED' }),
		};
		expect((await deliver(reordered, parameters, staticData)).answer).toEqual({
			status: 200,
			body: { status: 'duplicate', trigger: 'SESSION_ENDED' },
		});
		// other data: a run
		const other = {
			...delivery,
			body: body('SESSION_ENDED', { session: { ...session, id: 's-9' } }),
		};
		expect((await deliver(other, parameters, staticData)).result).toMatchObject({
			webhookResponse: { status: 'accepted' },
		});

		// the run's first step passes the item on unchanged ...
		const items = (first.result.workflowData as Array<Array<{ json: IDataObject }>>)[0];
		const run = await runNode({
			node,
			parameters,
			credentials,
			credentialTypes,
			input: items,
			mode: 'webhook',
			staticData,
			nodeId: 'sessions-trigger-node',
		});
		expect(run.outputs[0].map((item) => item.json)).toEqual(items.map((item) => item.json));
		// ... and the process that received them wrote both keys (11 characters each) into the
		// static data n8n saves with its answer
		const saved = JSON.parse(JSON.stringify(staticData)) as IDataObject;
		const ledger = (saved[NODE] as IDataObject).deliveries as IDataObject;
		expect(ledger).toEqual({
			v: 2,
			keys: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
			ttl: expect.any(Object),
		});
		// content keys (no delivery id) last for the duplicate window: each with its expiry
		const expiries = Object.values(ledger.ttl as Record<string, number>);
		expect(expiries).toHaveLength(2);
		for (const at of expiries) expect(at).toBeGreaterThan(Date.now());
		// so a new process (nothing in memory) still recognises the re-delivery
		resetLedgers();
		expect((await deliver(delivery, parameters, saved)).answer).toMatchObject({
			body: { status: 'duplicate' },
		});

		// in the editor ("Listen for test event") every delivery is shown
		const listening = await deliver(delivery, parameters, staticData, 'manual');
		expect(listening.result).toMatchObject({ webhookResponse: { status: 'accepted' } });
	});

	it('manual registration: nothing is registered; deliveries carry the credential token', async () => {
		const staticData: IDataObject = {};
		const parameters = { registration: 'manual', events: ['BOOKING_ENDED'] };
		expect((await hook('checkExists', parameters, staticData)).result).toBe(false);
		expect((await hook('create', parameters, staticData)).result).toBe(true);
		const { result, nodeStaticData } = await hook('delete', parameters, staticData);
		expect(result).toBe(true);
		expect(nodeStaticData).toEqual({});

		const data = { session: { ...session, booking: { id: 'bk-7' } } };
		const accepted = await deliver(
			{ body: body('BOOKING_ENDED', data), query: { token: MANUAL_TOKEN } },
			parameters,
			staticData,
		);
		expect(accepted.result).toEqual({
			workflowData: [
				[{ json: { trigger: 'BOOKING_ENDED', sessionId: session.id, bookingId: 'bk-7', data } }],
			],
			webhookResponse: { status: 'accepted', trigger: 'BOOKING_ENDED' },
		});
		const refused = await deliver(
			{ body: body('BOOKING_ENDED', data), query: { token: 'not-the-token' } },
			parameters,
			staticData,
		);
		expect(refused.answer).toEqual({ status: 401, body: { error: 'missing or invalid token' } });
	});

	it('the token never appears in the output', async () => {
		const { staticData, token } = await published(['TAKEAWAY_READY']);
		const { result } = await deliver(
			{ body: body('TAKEAWAY_READY', { session: { id: 's-1' } }), query: { token } },
			{ events: ['TAKEAWAY_READY'] },
			staticData,
		);
		expect(JSON.stringify(result)).not.toContain(token);
	});
});
