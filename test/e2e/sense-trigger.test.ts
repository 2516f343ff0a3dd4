/**
 * The Sense Trigger in a real n8n, over real HTTP: workflows are imported and published, the server
 * started, and write-backs POSTed to /webhook/<webhookId>/webhook the way Sense delivers them.
 * Executions are counted through n8n's REST API. "No execution" is proven by sending an accepted
 * write-back after the rejected ones and finding exactly that one execution.
 * Covers the write-back contract under faults: concurrent and post-restart re-deliveries of an
 * ENTITY_CREATE get the same entity_id, a failed run's write-back runs again, a Respond to Webhook
 * that cannot answer is refused at publishing, unreadable bodies are answered 413/400 without an
 * execution, and types match in any spelling.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

import { route, startFakeServer, type FakeServer } from '../fakes/server';
import { nodeType, ROOT } from './harness';
import { startWebhookN8n, triggerWorkflow, type WebhookN8n, type Workflow } from './webhooks';

const TOKEN = 'sense-e2e-token-3f9a0c1d7b2e';
const credential = {
	id: 'senseWebhookE2eCred',
	name: 'Sense write-back token',
	type: 'senseWebhookApi',
	data: { token: TOKEN },
};
const credentialRef = { senseWebhookApi: { id: credential.id, name: credential.name } };
const TRIGGER = 'Sense Trigger';

const hook = (workflowId: string) => `/webhook/${workflowId}-hook/webhook`;

function senseWorkflow(
	id: string,
	parameters: Record<string, unknown>,
	after?: Workflow['nodes'],
): Workflow {
	return triggerWorkflow({
		id,
		trigger: {
			name: TRIGGER,
			type: nodeType('senseTrigger'),
			parameters,
			webhookId: `${id}-hook`,
			...(parameters.authentication === 'none' ? {} : { credentials: credentialRef }),
		},
		after: after as Array<Record<string, unknown> & { name: string }>,
	});
}

const AUTH = 'senseAuth0000001';
const FILTER = 'senseFilter00001';
const LAST_NODE = 'senseLastNode001';
const LOAD = 'senseLoad0000001';
const EXAMPLE = 'senseExample0001';
const SLOW = 'senseSlowAts0001';
const FLAKY = 'senseFlakyAts001';
const RESPOND_15 = 'senseRespond1500';

const workflows: Workflow[] = [
	senseWorkflow(AUTH, { authentication: 'token' }),
	senseWorkflow(FILTER, {
		authentication: 'none',
		types: ['ENTITY_UPDATE', 'MESSAGING_INCOMING_MESSAGE'],
	}),
	senseWorkflow(LAST_NODE, { authentication: 'none', responseMode: 'lastNode' }, [
		{
			name: 'Answer',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			parameters: {
				mode: 'manual',
				includeOtherFields: false,
				assignments: {
					assignments: [
						{ id: 'a1', name: 'id', value: '={{ $json.id }}', type: 'string' },
						{
							id: 'a2',
							name: 'entity_id',
							value: "={{ 'ats-' + $json.fields.email }}",
							type: 'string',
						},
					],
				},
				options: {},
			},
		},
	]),
	senseWorkflow(LOAD, { authentication: 'token' }),
];

/** The README example as the editor would build it today: Respond to Webhook 1.5 (refused). */
const respond15 = senseWorkflow(
	RESPOND_15,
	{ authentication: 'none', responseMode: 'responseNode' },
	[
		{
			name: 'Answer Sense',
			type: 'n8n-nodes-base.respondToWebhook',
			typeVersion: 1.5,
			parameters: { respondWith: 'json', responseBody: '={{ { "id": $json.id } }}', options: {} },
		},
	],
);

/** The fake ATS: a slow create (the first run is still going when re-deliveries arrive), a flaky one. */
const flaky = { failuresLeft: 0 };
const ats = {
	slow: 0,
	flaky: 0,
};

let n8n: WebhookN8n;
let atsServer: FakeServer;
let exampleHook: string;

/** The example workflow of the README (Respond to Webhook 1), creating entities at `atsPath`. */
function example(id: string, atsPath: string, webhookId?: string): Workflow {
	const workflow = JSON.parse(
		readFileSync(join(ROOT, 'examples', 'sense-writeback-entity-create.json'), 'utf8'),
	);
	workflow.id = id;
	for (const node of workflow.nodes) {
		if (node.parameters?.url) node.parameters.url = `${atsServer.url}${atsPath}`;
		if (node.credentials?.senseWebhookApi) node.credentials = credentialRef;
		if (node.webhookId && webhookId) node.webhookId = webhookId;
		// node ids are unique per workflow copy: the first 8 hex digits follow the workflow id
		if (webhookId)
			node.id = `${createHash('md5').update(id).digest('hex').slice(0, 8)}${node.id.slice(8)}`;
	}
	return workflow;
}

beforeAll(async () => {
	// the example workflow of the README, pointed at a fake ATS that answers {id} for created entities
	let created = 0;
	atsServer = await startFakeServer({
		routes: [
			route('POST', '/api/entities', () => ({ status: 201, body: { id: 7000 + ++created } })),
			route('POST', '/api/slow', async () => {
				await new Promise((resolve) => setTimeout(resolve, 1500));
				return { status: 201, body: { id: 9000 + ++ats.slow } };
			}),
			route('POST', '/api/flaky', () => {
				if (flaky.failuresLeft > 0) {
					flaky.failuresLeft--;
					return { status: 500, body: { message: 'ATS is down' } };
				}
				return { status: 201, body: { id: 8000 + ++ats.flaky } };
			}),
		],
	});
	const readme = example(EXAMPLE, '/api/entities');
	exampleHook = `/webhook/${readme.nodes.find((n) => n.name === TRIGGER)!.webhookId}/webhook`;

	n8n = await startWebhookN8n('wh-sense', {
		workflows: [
			...workflows,
			readme,
			example(SLOW, '/api/slow', `${SLOW}-hook`),
			example(FLAKY, '/api/flaky', `${FLAKY}-hook`),
		],
		unpublished: [respond15],
		credentials: [credential],
	});
	for (const path of [...workflows.map((wf) => hook(wf.id)), exampleHook, hook(SLOW), hook(FLAKY)])
		await n8n.waitForWebhook(path);
});

afterAll(async () => {
	await n8n?.stop();
	await atsServer?.stop();
});

let counter = 0;
function writeBack(
	type: string,
	data: Record<string, unknown>,
	id = `wb-${Date.now()}-${++counter}`,
) {
	return { id, type, version: 1.1, created_date: '2026-11-20T09:30:00+00:00', data };
}

const incomingSms = (id?: string) =>
	writeBack(
		'MESSAGING_INCOMING_MESSAGE',
		{
			sms: [
				{
					to: [{ entity: { id: 'u-1', type: 'AE_INTERNAL_USER' }, phone: '+1-555-000-0001' }],
					from: { entity: { id: 'c-42', type: 'AE_CANDIDATE' }, phone: '+1-555-000-0042' },
					body: 'Yes, Tuesday works for me',
					date: '2026-11-20T09:29:58+00:00',
					direction: 'incoming',
				},
			],
			summary: 'Candidate replied',
			user_defined_data: { note_type: 'SMS' },
			associated_entities: [{ id: 'p-9', type: 'AE_PLACEMENT' }],
			sense_meta_data: { event: { id: 'e-1', type: 'messaging_message' } },
		},
		id,
	);

describe('authentication', () => {
	it('accepts the token as Authorization: Bearer and as ?token=, rejects others with 401 and no run', async () => {
		const viaHeader = incomingSms();
		const viaQuery = incomingSms();
		const wrong = await n8n.post(hook(AUTH), incomingSms(), {
			headers: { authorization: 'Bearer not-the-token' },
		});
		const wrongQuery = await n8n.post(hook(AUTH), incomingSms(), { query: { token: 'nope' } });
		const missing = await n8n.post(hook(AUTH), incomingSms());
		const otherScheme = await n8n.post(hook(AUTH), incomingSms(), {
			headers: { authorization: `Basic ${TOKEN}` },
		});
		for (const answer of [wrong, wrongQuery, missing, otherScheme]) {
			expect(answer.status).toBe(401);
			expect(answer.body).toEqual({ error: 'invalid token or session' });
		}

		const header = await n8n.post(hook(AUTH), viaHeader, {
			headers: { authorization: `Bearer ${TOKEN}` },
		});
		// the seed's own example carries a space after "token=": it is tolerated
		const query = await n8n.post(hook(AUTH), viaQuery, { query: { token: ` ${TOKEN}` } });
		expect(header).toMatchObject({ status: 200, body: { id: viaHeader.id } });
		expect(query).toMatchObject({ status: 200, body: { id: viaQuery.id } });

		const runs = await n8n.waitForExecutions(AUTH, 2);
		expect(runs).toHaveLength(2);
		const outputs = await Promise.all(runs.map((run) => n8n.nodeOutput(run.id, TRIGGER)));
		expect(outputs.map((items) => items[0].id).sort()).toEqual([viaHeader.id, viaQuery.id].sort());
	});
});

describe('validation and output (workflow with token)', () => {
	const auth = { headers: { authorization: `Bearer ${TOKEN}` } };

	it('answers 400 {error} for bodies that are not a write-back, without a run', async () => {
		const before = (await n8n.waitForExecutions(AUTH, 0)).length;
		const cases: Array<[unknown, string, RegExp]> = [
			['{"id": "x", "type": ', 'application/json', /not valid JSON/],
			['plain words', 'text/plain', /not valid JSON/],
			['[1, 2]', 'application/json', /must be a JSON object, not an array/],
			['', 'application/json', /empty/],
			[{ type: 'GENERIC_EVENT', data: {} }, 'application/json', /id is missing/],
			[{ id: 'x1', data: {} }, 'application/json', /type is missing/],
			[{ id: 'x2', type: 'GENERIC_EVENT' }, 'application/json', /data is missing/],
			[
				{ id: 'x3', type: 'GENERIC_EVENT', data: 'text' },
				'application/json',
				/data must be an object/,
			],
		];
		for (const [body, contentType, message] of cases) {
			const answer = await n8n.post(hook(AUTH), body, { ...auth, contentType });
			expect({ status: answer.status, error: answer.body?.error }).toEqual({
				status: 400,
				error: expect.stringMatching(message),
			});
		}
		// the sentinel: one valid write-back afterwards is the only new execution
		const sentinel = incomingSms();
		expect((await n8n.post(hook(AUTH), sentinel, auth)).status).toBe(200);
		const runs = await n8n.waitForExecutions(AUTH, before + 1);
		expect(runs).toHaveLength(before + 1);
		expect((await n8n.nodeOutput(runs[0].id, TRIGGER))[0].id).toBe(sentinel.id);
	});

	it('outputs one item with the envelope and flattened message fields', async () => {
		const before = (await n8n.waitForExecutions(AUTH, 0)).length;
		const sms = incomingSms();
		const answer = await n8n.post(hook(AUTH), sms, auth);
		expect(answer).toMatchObject({ status: 200, body: { id: sms.id } });
		const runs = await n8n.waitForExecutions(AUTH, before + 1);
		const items = await n8n.nodeOutput(runs[0].id, TRIGGER);
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({
			id: sms.id,
			type: 'MESSAGING_INCOMING_MESSAGE',
			version: 1.1,
			createdDate: '2026-11-20T09:30:00+00:00',
			data: sms.data,
			summary: 'Candidate replied',
			messageChannel: 'sms',
			messageDirection: 'incoming',
			messageBody: 'Yes, Tuesday works for me',
			associatedEntities: [{ id: 'p-9', type: 'AE_PLACEMENT' }],
			userDefinedData: { note_type: 'SMS' },
		});
	});

	it('acknowledges a re-delivered id with 200 {id} and runs the workflow once', async () => {
		const before = (await n8n.waitForExecutions(AUTH, 0)).length;
		const sms = incomingSms();
		const first = await n8n.post(hook(AUTH), sms, auth);
		const again = await n8n.post(hook(AUTH), sms, auth);
		const changedBody = await n8n.post(
			hook(AUTH),
			{ ...sms, data: { ...sms.data, summary: 'retry' } },
			auth,
		);
		for (const answer of [first, again, changedBody])
			expect(answer).toMatchObject({ status: 200, body: { id: sms.id } });
		const sentinel = incomingSms();
		await n8n.post(hook(AUTH), sentinel, auth);
		const runs = await n8n.waitForExecutions(AUTH, before + 2);
		expect(runs).toHaveLength(before + 2);
		const ids = await Promise.all(
			runs.slice(0, 2).map(async (run) => (await n8n.nodeOutput(run.id, TRIGGER))[0].id),
		);
		expect(ids.sort()).toEqual([sms.id, sentinel.id].sort());
	});
});

describe('type filter (workflow without authentication)', () => {
	it('answers 200 {id} for unselected types without a run; selected types run', async () => {
		const generic = writeBack('GENERIC_EVENT', {
			summary: 'x',
			subject: { id: 'c-1', type: 'AE_CANDIDATE' },
		});
		const create = writeBack('ENTITY_CREATE', { entity_type: 'AE_CANDIDATE', fields: [] });
		for (const skipped of [generic, create]) {
			expect(await n8n.post(hook(FILTER), skipped)).toMatchObject({
				status: 200,
				body: { id: skipped.id },
			});
		}
		const update = writeBack('ENTITY_UPDATE', {
			entity: { id: 'ats-77', type: 'AE_CANDIDATE' },
			fields: [
				{ name: 'status', value: 'Placed' },
				{ name: 'owner', value: 'li@example.com' },
			],
			associated_entities: [{ id: 'jo-5', type: 'AE_JOB_ORDER' }],
			user_defined_data: {},
			sense_meta_data: {},
		});
		expect(await n8n.post(hook(FILTER), update)).toMatchObject({
			status: 200,
			body: { id: update.id },
		});

		const runs = await n8n.waitForExecutions(FILTER, 1);
		expect(runs).toHaveLength(1);
		const [item] = await n8n.nodeOutput(runs[0].id, TRIGGER);
		expect(item).toMatchObject({
			id: update.id,
			type: 'ENTITY_UPDATE',
			entityType: 'AE_CANDIDATE',
			entityId: 'ats-77',
			fields: { status: 'Placed', owner: 'li@example.com' },
			associatedEntities: [{ id: 'jo-5', type: 'AE_JOB_ORDER' }],
		});
	});

	it('matches types in any spelling, output fields included', async () => {
		const before = (await n8n.waitForExecutions(FILTER, 0)).length;
		const lower = writeBack('entity_update', { entity: { id: 'ats-78', type: 'AE_CANDIDATE' } });
		const skipped = writeBack('entity_create', { entity_type: 'AE_CANDIDATE', fields: [] });
		expect(await n8n.post(hook(FILTER), skipped)).toMatchObject({ status: 200 });
		expect(await n8n.post(hook(FILTER), lower)).toMatchObject({ status: 200 });
		const runs = await n8n.waitForExecutions(FILTER, before + 1);
		expect(runs).toHaveLength(before + 1);
		expect((await n8n.nodeOutput(runs[0].id, TRIGGER))[0]).toMatchObject({
			id: lower.id,
			type: 'ENTITY_UPDATE',
			entityType: 'AE_CANDIDATE',
			entityId: 'ats-78',
		});
	});
});

describe('response modes', () => {
	it('"When Last Node Finishes" answers with the last node\'s first item', async () => {
		const create = writeBack('ENTITY_CREATE', {
			entity_type: 'AE_CANDIDATE',
			fields: [{ name: 'email', value: 'ana@example.com' }],
		});
		const answer = await n8n.post(hook(LAST_NODE), create);
		expect(answer).toMatchObject({
			status: 200,
			body: { id: create.id, entity_id: 'ats-ana@example.com' },
		});
		await n8n.waitForExecutions(LAST_NODE, 1);
	});

	it('the README example (Respond to Webhook) creates the entity and answers {id, entity_id}', async () => {
		const create = writeBack('ENTITY_CREATE', {
			entity_type: 'AE_CANDIDATE',
			fields: [
				{ name: 'first_name', value: 'Ana' },
				{ name: 'email', value: 'ana@example.com' },
			],
			user_defined_data: {},
			associated_entities: [],
			sense_meta_data: {},
		});
		const answer = await n8n.post(exampleHook, create, {
			headers: { authorization: `Bearer ${TOKEN}` },
		});
		expect(answer).toMatchObject({ status: 200, body: { id: create.id, entity_id: '7001' } });
		expect(atsServer.requests.filter((r) => r.path === '/api/entities')).toEqual([
			expect.objectContaining({
				method: 'POST',
				body: {
					type: 'AE_CANDIDATE',
					fields: { first_name: 'Ana', email: 'ana@example.com' },
					sense_writeback_id: create.id,
				},
			}),
		]);
		// a type the example does not handle is acknowledged without creating anything
		const update = writeBack('ENTITY_UPDATE', {
			entity: { id: '7001', type: 'AE_CANDIDATE' },
			fields: [],
		});
		const skipped = await n8n.post(exampleHook, update, {
			headers: { authorization: `Bearer ${TOKEN}` },
		});
		expect(skipped).toMatchObject({ status: 200, body: { id: update.id } });
		// Sense re-sends the same write-back: the same answer, entity_id included; nothing created twice
		const again = await n8n.post(exampleHook, create, {
			headers: { authorization: `Bearer ${TOKEN}` },
		});
		expect({ status: again.status, body: again.body }).toEqual({
			status: 200,
			body: { id: create.id, entity_id: '7001' },
		});
		expect(atsServer.requests.filter((r) => r.path === '/api/entities')).toHaveLength(1);
		expect(await n8n.waitForExecutions(EXAMPLE, 1)).toHaveLength(1);
	});
});

const entityCreate = () =>
	writeBack('ENTITY_CREATE', {
		entity_type: 'AE_CANDIDATE',
		fields: [{ name: 'email', value: `c${++counter}@example.com` }],
		user_defined_data: {},
		associated_entities: [],
		sense_meta_data: {},
	});
const bearer = { headers: { authorization: `Bearer ${TOKEN}` } };

describe('re-deliveries of an ENTITY_CREATE get its entity_id', () => {
	it('50 concurrent copies (Respond to Webhook) start one run and all answer {id, entity_id}', async () => {
		const create = entityCreate();
		const answers = await Promise.all(
			Array.from({ length: 50 }, () => n8n.post(hook(SLOW), create, bearer)),
		);
		expect(answers.map(({ status, body }) => ({ status, body }))).toEqual(
			answers.map(() => ({ status: 200, body: { id: create.id, entity_id: '9001' } })),
		);
		expect(atsServer.requests.filter((r) => r.path === '/api/slow')).toHaveLength(1);
		expect(await n8n.waitForExecutions(SLOW, 1)).toHaveLength(1);
	});

	it('50 concurrent copies (When Last Node Finishes) start one run and all answer {id, entity_id}', async () => {
		const before = (await n8n.waitForExecutions(LAST_NODE, 0)).length;
		const create = entityCreate();
		const email = (create.data.fields as Array<{ value: string }>)[0].value;
		const answers = await Promise.all(
			Array.from({ length: 50 }, () => n8n.post(hook(LAST_NODE), create)),
		);
		expect(answers.map(({ status, body }) => ({ status, body }))).toEqual(
			answers.map(() => ({ status: 200, body: { id: create.id, entity_id: `ats-${email}` } })),
		);
		const sentinel = entityCreate();
		await n8n.post(hook(LAST_NODE), sentinel);
		expect(await n8n.waitForExecutions(LAST_NODE, before + 2)).toHaveLength(before + 2);
	});

	it('a failed run leaves the write-back open: its re-delivery runs again until it succeeds', async () => {
		flaky.failuresLeft = 2;
		const create = entityCreate();
		const first = await n8n.post(hook(FLAKY), create, bearer);
		const second = await n8n.post(hook(FLAKY), create, bearer);
		expect([first.status, second.status]).toEqual([500, 500]);
		const third = await n8n.post(hook(FLAKY), create, bearer);
		const fourth = await n8n.post(hook(FLAKY), create, bearer);
		for (const answer of [third, fourth])
			expect({ status: answer.status, body: answer.body }).toEqual({
				status: 200,
				body: { id: create.id, entity_id: '8001' },
			});
		// three runs (two failed, one created the entity); the fourth delivery was answered from memory
		const runs = await n8n.waitForExecutions(FLAKY, 3);
		expect(runs.map((run) => run.status).sort()).toEqual(['error', 'error', 'success']);
		expect(atsServer.requests.filter((r) => r.path === '/api/flaky')).toHaveLength(3);
	});
});

describe('a Respond to Webhook node that cannot answer', () => {
	it('is refused when publishing, naming the node and the fix; the URL stays unregistered', async () => {
		// n8n 2.41 accepts the request and activates the triggers afterwards: the trigger fails that
		expect((await n8n.publish(RESPOND_15)).status).toBe(200);
		expect(await n8n.publicationStatus(RESPOND_15)).toMatchObject({
			status: 'failed',
			triggers: [
				{
					nodeId: `${RESPOND_15}-trigger`,
					status: 'failed',
					errorMessage:
						'"Answer Sense" is a Respond to Webhook node of version 1.5, which answers only n8n\'s own Webhook trigger: every run "Sense Trigger" starts would fail. Use Respond to Webhook version 1 (as in the example workflow), or set Respond to "When Last Node Finishes".',
				},
			],
		});
		const delivery = await n8n.post(hook(RESPOND_15), incomingSms());
		expect(delivery.status).toBe(404);
		expect(await n8n.executions(RESPOND_15)).toHaveLength(0);
	});
});

describe('bodies n8n cannot read', () => {
	it('are answered 413/400 {error} by the trigger, with no stack trace and no execution', async () => {
		const before = (await n8n.waitForExecutions(AUTH, 0)).length;
		const json = { ...bearer, contentType: 'application/json' };
		const gzip = { headers: { ...bearer.headers, 'content-encoding': 'gzip' } };
		const cases: Array<[string, Promise<{ status: number; body: unknown }>, number, string]> = [
			[
				'20 MB',
				n8n.post(
					hook(AUTH),
					JSON.stringify({ ...incomingSms(), pad: 'x'.repeat(20 * 1024 * 1024) }),
					json,
				),
				413,
				'the request body is larger than n8n accepts (16 MB)',
			],
			[
				'a gzip bomb (40 MB of zeros, 40 KB compressed)',
				n8n.post(hook(AUTH), gzipSync(Buffer.alloc(40 * 1024 * 1024)), gzip),
				413,
				'the request body is larger than n8n accepts (16 MB) once decompressed',
			],
			[
				'plain JSON sent as gzip',
				n8n.post(hook(AUTH), JSON.stringify(incomingSms()), gzip),
				400,
				'the request body is not valid gzip data (Content-Encoding: gzip)',
			],
			[
				'an encoding n8n does not decode',
				n8n.post(hook(AUTH), JSON.stringify(incomingSms()), {
					headers: { ...bearer.headers, 'content-encoding': 'br' },
				}),
				400,
				'the request body is encoded as "br", which n8n does not decode: send it uncompressed or gzip-compressed',
			],
			[
				'100,000 levels deep',
				n8n.post(
					hook(AUTH),
					`{"id":"deep","type":"GENERIC_EVENT","data":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}`,
					json,
				),
				400,
				'the request body is nested more than 1000 levels deep',
			],
		];
		for (const [what, answer, status, error] of cases) {
			const { status: got, body } = await answer;
			expect({ what, status: got, body }).toEqual({ what, status, body: { error } });
		}
		const sentinel = incomingSms();
		expect((await n8n.post(hook(AUTH), sentinel, bearer)).status).toBe(200);
		const runs = await n8n.waitForExecutions(AUTH, before + 1);
		expect(runs).toHaveLength(before + 1);
		expect((await n8n.nodeOutput(runs[0].id, TRIGGER))[0].id).toBe(sentinel.id);
	});
});

describe('restart', () => {
	it('remembers accepted ids across a restart of n8n (workflow static data)', async () => {
		const auth = { headers: { authorization: `Bearer ${TOKEN}` } };
		const before = (await n8n.waitForExecutions(AUTH, 0)).length;
		const sms = incomingSms();
		expect(await n8n.post(hook(AUTH), sms, auth)).toMatchObject({
			status: 200,
			body: { id: sms.id },
		});
		await n8n.waitForExecutions(AUTH, before + 1);

		await n8n.restart();
		await n8n.waitForWebhook(hook(AUTH));
		expect(await n8n.post(hook(AUTH), sms, auth)).toMatchObject({
			status: 200,
			body: { id: sms.id },
		});
		const sentinel = incomingSms();
		await n8n.post(hook(AUTH), sentinel, auth);
		const runs = await n8n.waitForExecutions(AUTH, before + 2);
		expect(runs).toHaveLength(before + 2);
		expect((await n8n.nodeOutput(runs[0].id, TRIGGER))[0].id).toBe(sentinel.id);
	});

	it('answers a re-delivered ENTITY_CREATE with its entity_id after a restart, without a run', async () => {
		const create = entityCreate();
		const first = await n8n.post(hook(SLOW), create, bearer);
		const entityId = first.body.entity_id;
		expect(first).toMatchObject({
			status: 200,
			body: { id: create.id, entity_id: expect.any(String) },
		});
		// the answer is saved with the next request the trigger receives (here a type it ignores)
		const other = writeBack('ENTITY_UPDATE', { entity: { id: entityId, type: 'AE_CANDIDATE' } });
		expect(await n8n.post(hook(SLOW), other, bearer)).toMatchObject({ status: 200 });
		const before = (await n8n.waitForExecutions(SLOW, 0)).length;
		const created = atsServer.requests.filter((r) => r.path === '/api/slow').length;

		await n8n.restart();
		await n8n.waitForWebhook(hook(SLOW));
		const again = await n8n.post(hook(SLOW), create, bearer);
		expect({ status: again.status, body: again.body }).toEqual({
			status: 200,
			body: { id: create.id, entity_id: entityId },
		});
		expect(atsServer.requests.filter((r) => r.path === '/api/slow')).toHaveLength(created);
		expect(await n8n.waitForExecutions(SLOW, 0)).toHaveLength(before);
	});
});

describe('load', () => {
	it('200 concurrent write-backs give 200 answers {id} and 200 executions, none lost', async () => {
		const batch = Array.from({ length: 200 }, (_, i) => incomingSms(`load-${i}`));
		const answers = await Promise.all(
			batch.map((wb) =>
				n8n.post(hook(LOAD), wb, { headers: { authorization: `Bearer ${TOKEN}` } }),
			),
		);
		expect(answers.map((a) => a.status)).toEqual(batch.map(() => 200));
		expect(answers.map((a) => a.body.id)).toEqual(batch.map((wb) => wb.id));

		const runs = await n8n.waitForExecutions(LOAD, 200, 180_000);
		expect(runs).toHaveLength(200);
		expect(runs.every((run) => run.status === 'success')).toBe(true);
		const ids = await Promise.all(
			runs.map(async (run) => (await n8n.nodeOutput(run.id, TRIGGER))[0].id as string),
		);
		expect(new Set(ids)).toEqual(new Set(batch.map((wb) => wb.id)));
	});
});
