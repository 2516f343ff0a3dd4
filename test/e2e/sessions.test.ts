/**
 * The Sessions node inside a real n8n (installed from the packed tarball), run with `n8n execute`
 * against the fake Sessions API on 127.0.0.1.
 */
import { startSessionsFake, type SessionsFake } from '../fakes/sessions';
import { manualWorkflow, nodeType, outputJson, startE2eN8n, type E2eN8n } from './harness';

let n8n: E2eN8n;
const fakes: SessionsFake[] = [];

beforeAll(async () => {
	// The CLI is enough to execute workflows; no server is needed here.
	n8n = await startE2eN8n('sessions', { server: false });
});

afterAll(async () => {
	await Promise.all(fakes.map((fake) => fake.stop()));
	await n8n?.stop();
});

test('Room > Get Many with Return All reads every page and respects the rate limit', async () => {
	const fake = await startSessionsFake({
		apiKey: 'e2e-key',
		seed: { rooms: 45 },
		rateLimit: { limit: 2, windowMs: 2000 },
	});
	fakes.push(fake);
	const credential = {
		id: 'sessionsE2eCred1',
		name: 'Sessions e2e',
		type: 'sessionsApi',
		data: { apiKey: 'e2e-key', baseUrl: fake.url },
	};

	const run = await n8n.importAndExecute(
		manualWorkflow({
			name: 'Sessions',
			type: nodeType('sessions'),
			typeVersion: 1,
			parameters: { resource: 'room', operation: 'getAll', returnAll: true },
			credentials: { sessionsApi: { id: credential.id, name: credential.name } },
		}),
		[credential],
	);

	expect(run.data.resultData.error).toBeUndefined();
	expect(run.status).toBe('success');
	const rooms = outputJson(run, 'Sessions');
	expect(rooms).toHaveLength(45);
	expect(rooms.map((room) => room.id)).toEqual(fake.data.rooms.map((room) => room.id));

	// Every request carried the key; pages 1, 2, 3 were each answered once with data.
	expect(fake.requests.length).toBeGreaterThan(0);
	for (const request of fake.requests) {
		expect(request).toMatchObject({ method: 'GET', path: '/api/rooms' });
		expect(request.headers['x-api-key']).toBe('e2e-key');
	}
	const answered = fake.requests
		.filter((r) => r.status === 200)
		.map((r) => Number(r.query.page ?? 1));
	expect(answered).toEqual([1, 2, 3]);
	// The third page falls into a full window: the node may wait on the headers (no 429) or absorb a
	// 429 and retry; it must not hammer the API (at most one rejection per page) or give up.
	const rejected = fake.requests
		.filter((r) => r.status === 429)
		.map((r) => Number(r.query.page ?? 1));
	expect(new Set(rejected).size).toBe(rejected.length);
	expect(fake.requests.every((r) => r.status === 200 || r.status === 429)).toBe(true);
});

test("control: the same listing with n8n's stock HTTP Request node (what a user does without this package)", async () => {
	// Proves the harness, the fake and n8n's CLI independently of our node: if the test above fails
	// and this one passes, the fault is in the Sessions node.
	const fake = await startSessionsFake({
		apiKey: 'e2e-key',
		seed: { rooms: 45 },
		rateLimit: false,
	});
	fakes.push(fake);
	const credential = {
		id: 'headerE2eCred001',
		name: 'Sessions key',
		type: 'httpHeaderAuth',
		data: { name: 'x-api-key', value: 'e2e-key' },
	};

	const run = await n8n.importAndExecute(
		manualWorkflow({
			name: 'HTTP Request',
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			parameters: {
				url: `${fake.url}/api/rooms`,
				authentication: 'genericCredentialType',
				genericAuthType: 'httpHeaderAuth',
				options: {
					pagination: {
						pagination: {
							parameters: {
								parameters: [{ type: 'qs', name: 'page', value: '={{ $pageCount + 1 }}' }],
							},
							paginationCompleteWhen: 'other',
							completeExpression: '={{ $response.body.length < 20 }}',
						},
					},
				},
			},
			credentials: { httpHeaderAuth: { id: credential.id, name: credential.name } },
		}),
		[credential],
	);

	expect(run.data.resultData.error).toBeUndefined();
	expect(outputJson(run, 'HTTP Request')).toHaveLength(45);
	expect(fake.pagesRequested('rooms')).toEqual([1, 2, 3]);
	expect(fake.requests.every((r) => r.headers['x-api-key'] === 'e2e-key' && r.status === 200)).toBe(
		true,
	);
});
