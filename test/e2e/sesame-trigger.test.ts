/**
 * The Sesame HR Trigger in a real n8n, over real HTTP: workflows are imported and published, the
 * server started, and deliveries POSTed to /webhook/<webhookId>/webhook. Executions are counted
 * through n8n's REST API. "No execution" is proven by sending an accepted delivery after the
 * rejected ones and finding exactly that one new execution. Bodies nested up to the limit are
 * fingerprinted (no recursion), deeper ones are answered 400.
 */
import { nodeType } from './harness';
import { startWebhookN8n, triggerWorkflow, type WebhookN8n, type Workflow } from './webhooks';

const SECRET = 'sesame-e2e-secret-5b7d21c09e';
const credential = {
	id: 'sesameWebhookE2eCred',
	name: 'Sesame webhook secret',
	type: 'sesameHrWebhookApi',
	data: { secret: SECRET },
};
const TRIGGER = 'Sesame HR Trigger';

const HEADER = 'sesameHeader0001';
const QUERY = 'sesameQuery00001';
const FILTER = 'sesameFilter0001';

const hook = (workflowId: string) => `/webhook/${workflowId}-hook/webhook`;

function sesameWorkflow(id: string, parameters: Record<string, unknown>): Workflow {
	return triggerWorkflow({
		id,
		trigger: {
			name: TRIGGER,
			type: nodeType('sesameHrTrigger'),
			parameters,
			webhookId: `${id}-hook`,
			...(parameters.authentication === 'none'
				? {}
				: { credentials: { sesameHrWebhookApi: { id: credential.id, name: credential.name } } }),
		},
	});
}

const workflows = [
	sesameWorkflow(HEADER, { authentication: 'sharedSecret' }),
	sesameWorkflow(QUERY, {
		authentication: 'sharedSecret',
		secretLocation: 'query',
		queryParameterName: 'key',
	}),
	sesameWorkflow(FILTER, {
		authentication: 'none',
		events: ['CheckInCreated', 'CheckOutCreated'],
		advanced: { unknownEvents: 'ignore' },
	}),
];

let n8n: WebhookN8n;

beforeAll(async () => {
	n8n = await startWebhookN8n('wh-sesame', { workflows, credentials: [credential] });
	for (const wf of workflows) await n8n.waitForWebhook(hook(wf.id));
});

afterAll(async () => {
	await n8n?.stop();
});

const withSecret = { headers: { 'x-sesame-secret': SECRET } };
let counter = 0;
const employeeCreated = () => ({
	event: 'EmployeeCreated',
	data: {
		id: `emp-${Date.now()}-${++counter}`,
		firstName: 'Ana',
		lastName: 'García',
		email: 'ana@example.com',
	},
});

/** Executions so far (all finished). */
const executionCount = async (workflowId: string) =>
	(await n8n.waitForExecutions(workflowId, 0)).length;

describe('shared secret in a header', () => {
	it('starts a run with {event, employeeId, deliveryId, body} for the right secret', async () => {
		const before = await executionCount(HEADER);
		const body = { id: 'evt-1001', ...employeeCreated() };
		const answer = await n8n.post(hook(HEADER), body, withSecret);
		expect(answer).toEqual({
			status: 200,
			body: { status: 'accepted', event: 'EmployeeCreated' },
			text: expect.any(String),
		});
		const runs = await n8n.waitForExecutions(HEADER, before + 1);
		expect(runs).toHaveLength(before + 1);
		expect(await n8n.nodeOutput(runs[0].id, TRIGGER)).toEqual([
			{ event: 'EmployeeCreated', employeeId: body.data.id, deliveryId: 'evt-1001', body },
		]);
	});

	it('answers 401 without a run for a wrong, missing or misplaced secret', async () => {
		const before = await executionCount(HEADER);
		const attempts = [
			await n8n.post(hook(HEADER), employeeCreated(), {
				headers: { 'x-sesame-secret': `${SECRET}x` },
			}),
			await n8n.post(hook(HEADER), employeeCreated(), {
				headers: { 'x-sesame-secret': SECRET.slice(0, -1) },
			}),
			await n8n.post(hook(HEADER), employeeCreated()),
			await n8n.post(hook(HEADER), employeeCreated(), { query: { secret: SECRET } }),
			await n8n.post(hook(HEADER), employeeCreated(), {
				headers: { authorization: `Bearer ${SECRET}` },
			}),
		];
		for (const answer of attempts)
			expect({ status: answer.status, body: answer.body }).toEqual({
				status: 401,
				body: { error: 'missing or invalid shared secret' },
			});
		await n8n.post(hook(HEADER), employeeCreated(), withSecret);
		expect(await n8n.waitForExecutions(HEADER, before + 1)).toHaveLength(before + 1);
	});

	it('answers 400 without a run for a body that is not a JSON object', async () => {
		const before = await executionCount(HEADER);
		const cases: Array<[string, string, RegExp]> = [
			['{"event": "EmployeeCreated", ', 'application/json', /not valid JSON/],
			['event=EmployeeCreated', 'application/x-www-form-urlencoded', /not valid JSON/],
			['["EmployeeCreated"]', 'application/json', /must be a JSON object, not an array/],
			['"EmployeeCreated"', 'text/plain', /must be a JSON object, not string/],
			['', 'application/json', /empty/],
		];
		for (const [body, contentType, message] of cases) {
			const answer = await n8n.post(hook(HEADER), body, { ...withSecret, contentType });
			expect({ status: answer.status, error: answer.body?.error }).toEqual({
				status: 400,
				error: expect.stringMatching(message),
			});
		}
		// JSON with an unusual content type is still read
		const sentinel = employeeCreated();
		const answer = await n8n.post(hook(HEADER), JSON.stringify(sentinel), {
			...withSecret,
			contentType: 'text/plain',
		});
		expect(answer.status).toBe(200);
		const runs = await n8n.waitForExecutions(HEADER, before + 1);
		expect(runs).toHaveLength(before + 1);
		expect((await n8n.nodeOutput(runs[0].id, TRIGGER))[0]).toMatchObject({
			event: 'EmployeeCreated',
			employeeId: sentinel.data.id,
		});
	});

	it('runs once for a re-delivered delivery id and once for a repeated body without id', async () => {
		const before = await executionCount(HEADER);
		const first = { event: 'EmployeeUpdated', data: { id: 'emp-7', phone: '1' } };
		const retried = { event: 'EmployeeUpdated', data: { id: 'emp-7', phone: '1' }, attempt: 2 };
		const byHeader = { headers: { ...withSecret.headers, 'x-delivery-id': 'dlv-77' } };
		expect((await n8n.post(hook(HEADER), first, byHeader)).body).toEqual({
			status: 'accepted',
			event: 'EmployeeUpdated',
		});
		expect((await n8n.post(hook(HEADER), retried, byHeader)).body).toEqual({
			status: 'duplicate',
			event: 'EmployeeUpdated',
		});

		const noId = {
			event: 'CheckOutCreated',
			data: {
				id: 'we-3',
				employeeId: 'emp-7',
				workEntryOut: { date: '2026-11-20T17:00:00+01:00' },
			},
		};
		expect((await n8n.post(hook(HEADER), noId, withSecret)).body).toEqual({
			status: 'accepted',
			event: 'CheckOutCreated',
		});
		expect((await n8n.post(hook(HEADER), { ...noId }, withSecret)).body).toEqual({
			status: 'duplicate',
			event: 'CheckOutCreated',
		});

		const runs = await n8n.waitForExecutions(HEADER, before + 2);
		expect(runs).toHaveLength(before + 2);
		const outputs = await Promise.all(
			runs.slice(0, 2).map(async (run) => (await n8n.nodeOutput(run.id, TRIGGER))[0]),
		);
		expect(outputs).toEqual(
			expect.arrayContaining([
				{ event: 'EmployeeUpdated', employeeId: 'emp-7', deliveryId: 'dlv-77', body: first },
				{ event: 'CheckOutCreated', employeeId: 'emp-7', checkId: 'we-3', body: noId },
			]),
		);
	});
});

describe('deeply nested bodies without a delivery id', () => {
	/** A clock-out without delivery id whose `data.trace` nests `depth` levels below the body. */
	const nestedCheckOut = (depth: number, tag: string) =>
		`{"event":"CheckOutCreated","data":{"id":"we-${tag}","employeeId":"emp-8","trace":` +
		`${'{"a":'.repeat(depth - 2)}"${tag}"${'}'.repeat(depth - 2)}}}`;

	it('fingerprints a body 1,000 levels deep (a repeat is a duplicate) and answers 400 for deeper ones', async () => {
		const before = await executionCount(HEADER);
		const json = { ...withSecret, contentType: 'application/json' };
		const allowed = nestedCheckOut(1000, 'deep-1');
		expect((await n8n.post(hook(HEADER), allowed, json)).body).toEqual({
			status: 'accepted',
			event: 'CheckOutCreated',
		});
		expect((await n8n.post(hook(HEADER), allowed, json)).body).toEqual({
			status: 'duplicate',
			event: 'CheckOutCreated',
		});
		for (const depth of [1001, 5000, 100_000]) {
			const answer = await n8n.post(hook(HEADER), nestedCheckOut(depth, `deep-${depth}`), json);
			expect({ depth, status: answer.status, body: answer.body }).toEqual({
				depth,
				status: 400,
				body: { error: 'the request body is nested more than 1000 levels deep' },
			});
		}
		const runs = await n8n.waitForExecutions(HEADER, before + 1);
		expect(runs).toHaveLength(before + 1);
		expect(runs[0].status).toBe('success');
		expect((await n8n.nodeOutput(runs[0].id, TRIGGER))[0]).toMatchObject({ checkId: 'we-deep-1' });
	});
});

describe('shared secret in a query parameter', () => {
	it('accepts ?key=<secret>, rejects the header and a wrong value with 401', async () => {
		const wrong = await n8n.post(hook(QUERY), employeeCreated(), { query: { key: 'guess' } });
		const header = await n8n.post(hook(QUERY), employeeCreated(), withSecret);
		expect([wrong.status, header.status]).toEqual([401, 401]);
		const body = employeeCreated();
		expect((await n8n.post(hook(QUERY), body, { query: { key: SECRET } })).status).toBe(200);
		const runs = await n8n.waitForExecutions(QUERY, 1);
		expect(runs).toHaveLength(1);
		const [item] = await n8n.nodeOutput(runs[0].id, TRIGGER);
		expect(item).toEqual({ event: 'EmployeeCreated', employeeId: body.data.id, body });
		// the secret in the URL is not copied into the output
		expect(JSON.stringify(item)).not.toContain(SECRET);
	});
});

describe('event filter', () => {
	it('acknowledges unselected and unrecognised events with 200 and no run', async () => {
		const updated = await n8n.post(hook(FILTER), {
			event: 'EmployeeUpdated',
			data: { id: 'emp-1' },
		});
		const unknown = await n8n.post(hook(FILTER), { event: 'AbsenceRequested', data: {} });
		const none = await n8n.post(hook(FILTER), { hello: 'world' });
		expect(updated).toMatchObject({
			status: 200,
			body: { status: 'ignored', event: 'EmployeeUpdated' },
		});
		expect(unknown).toMatchObject({
			status: 200,
			body: { status: 'ignored', event: 'AbsenceRequested' },
		});
		expect(none).toMatchObject({ status: 200, body: { status: 'ignored', event: null } });

		const checkIn = {
			type: 'check_in.created',
			payload: { checkId: 'chk-1', employeeId: 'emp-1' },
		};
		expect(await n8n.post(hook(FILTER), checkIn)).toMatchObject({
			status: 200,
			body: { status: 'accepted', event: 'CheckInCreated' },
		});
		const runs = await n8n.waitForExecutions(FILTER, 1);
		expect(runs).toHaveLength(1);
		expect(await n8n.nodeOutput(runs[0].id, TRIGGER)).toEqual([
			{ event: 'CheckInCreated', employeeId: 'emp-1', checkId: 'chk-1', body: checkIn },
		]);
	});
});

describe('restart', () => {
	it('still recognises an accepted delivery id and a repeated body after n8n restarts', async () => {
		const before = await executionCount(HEADER);
		const withId = { eventId: 'evt-restart-1', event: 'EmployeeDeleted', data: { id: 'emp-99' } };
		const withoutId = { event: 'CheckInCreated', data: { id: 'we-99', employeeId: 'emp-99' } };
		expect((await n8n.post(hook(HEADER), withId, withSecret)).body.status).toBe('accepted');
		expect((await n8n.post(hook(HEADER), withoutId, withSecret)).body.status).toBe('accepted');
		await n8n.waitForExecutions(HEADER, before + 2);

		await n8n.restart();
		for (const wf of workflows) await n8n.waitForWebhook(hook(wf.id));
		expect((await n8n.post(hook(HEADER), withId, withSecret)).body.status).toBe('duplicate');
		expect((await n8n.post(hook(HEADER), withoutId, withSecret)).body.status).toBe('duplicate');
		const sentinel = employeeCreated();
		expect((await n8n.post(hook(HEADER), sentinel, withSecret)).body.status).toBe('accepted');
		const runs = await n8n.waitForExecutions(HEADER, before + 3);
		expect(runs).toHaveLength(before + 3);
	});
});
