/**
 * The shared request mechanics, proven on the Sessions node: paging (20 per page) with Return All and
 * Limit, the 10-requests-per-minute budget (waiting instead of failing), 429/5xx retries, vendor
 * errors (401/404/422/5xx/network), continueOnFail pairing, dropdown search and the credential test.
 * Rate-limited tests use their own base URL so each gets a fresh rate-limit gate.
 */
import nock from 'nock';

import { runListSearch, testCredential } from '../harness';
import { SessionsApi } from '../../credentials/SessionsApi.credentials';
import { api, BASE, byId, KEY, node, rooms, run } from './helpers';

afterEach(() => {
	const pending = nock.pendingMocks();
	nock.cleanAll();
	expect(pending).toEqual([]);
});

describe('paging', () => {
	it('Return All follows 20-item pages until a short page', async () => {
		const scope = api()
			.get('/api/rooms')
			.query({ page: '1' })
			.reply(200, rooms(1, 20))
			.get('/api/rooms')
			.query({ page: '2' })
			.reply(200, rooms(21, 20))
			.get('/api/rooms')
			.query({ page: '3' })
			.reply(200, rooms(41, 5));
		const { outputs } = await run({ resource: 'room', operation: 'getAll', returnAll: true });
		expect(scope.isDone()).toBe(true);
		expect(outputs[0].map((i) => i.json.id)).toEqual(rooms(1, 45).map((r) => r.id));
		expect(outputs[0].every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('Limit stops as soon as enough items arrived', async () => {
		const scope = api()
			.get('/api/sessions')
			.query({ page: '1' })
			.reply(200, rooms(1, 20))
			.get('/api/sessions')
			.query({ page: '2' })
			.reply(200, rooms(21, 20));
		const { outputs } = await run({
			resource: 'session',
			operation: 'getAll',
			returnAll: false,
			limit: 25,
		});
		expect(scope.isDone()).toBe(true);
		expect(outputs[0]).toHaveLength(25);
		expect(outputs[0][24].json.id).toBe('r25');
	});

	it('an empty first page yields no items', async () => {
		const scope = api().get('/api/events').query({ page: '1' }).reply(200, []);
		const { outputs } = await run({ resource: 'event', operation: 'getAll', returnAll: true });
		expect(scope.isDone()).toBe(true);
		expect(outputs).toEqual([[]]);
	});
});

/** A nock-backed server enforcing `limit` requests per `windowMs`, with the vendor's headers. */
function limitedServer(base: string, limit: number, windowMs: number, pages: unknown[][]) {
	const log: Array<{ status: number; page: string }> = [];
	let windowStart = 0;
	let used = 0;
	nock(base, { reqheaders: { 'x-api-key': KEY } })
		.persist()
		.get('/api/rooms')
		.query(true)
		.reply(function (uri) {
			const now = Date.now();
			if (now - windowStart >= windowMs) {
				windowStart = now;
				used = 0;
			}
			const reset = String(Math.ceil((windowStart + windowMs - now) / 1000));
			const page = new URL(uri, base).searchParams.get('page') ?? '1';
			if (used >= limit) {
				log.push({ status: 429, page });
				return [
					429,
					{ message: 'Too many requests' },
					{
						'x-ratelimit-limit': String(limit),
						'x-ratelimit-remaining': '0',
						'x-ratelimit-reset': reset,
					},
				];
			}
			used++;
			log.push({ status: 200, page });
			return [
				200,
				pages[Number(page) - 1] ?? [],
				{
					'x-ratelimit-limit': String(limit),
					'x-ratelimit-remaining': String(limit - used),
					'x-ratelimit-reset': reset,
				},
			];
		});
	return log;
}

describe('rate limit', () => {
	it('a run needing more requests than the budget waits for the window and never hits 429', async () => {
		const base = 'https://limited-a.test';
		const pages = [rooms(1, 20), rooms(21, 20), rooms(41, 20), rooms(61, 20), rooms(81, 3)];
		const log = limitedServer(base, 2, 1000, pages);
		const { outputs, error } = await run(
			{ resource: 'room', operation: 'getAll', returnAll: true },
			{ baseUrl: base },
		);
		expect(error).toBeUndefined();
		expect(outputs[0]).toHaveLength(83);
		expect(log).toEqual(['1', '2', '3', '4', '5'].map((page) => ({ status: 200, page })));
	});

	it('many items at once share the budget: all succeed, none is rejected', async () => {
		const base = 'https://limited-b.test';
		const log = limitedServer(base, 2, 1000, [rooms(1, 3)]);
		const input = Array.from({ length: 5 }, (_, i) => ({ json: { i } }));
		const { outputs, error } = await run(
			{ resource: 'room', operation: 'getAll', returnAll: true },
			{ baseUrl: base, input },
		);
		expect(error).toBeUndefined();
		expect(outputs[0]).toHaveLength(15);
		expect(outputs[0].map((i) => (i.pairedItem as { item: number }).item)).toEqual([
			0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4,
		]);
		expect(log.filter((l) => l.status === 429)).toEqual([]);
		expect(log).toHaveLength(5);
	});

	it('a 429 caused by someone else is waited out (Retry-After) and retried', async () => {
		const base = 'https://limited-c.test';
		const scope = nock(base)
			.get('/api/rooms/r1')
			.reply(429, { message: 'Too many requests' }, { 'retry-after': '0' })
			.get('/api/rooms/r1')
			.reply(200, { id: 'r1' });
		const { outputs, error } = await run(
			{ resource: 'room', operation: 'get', roomId: byId('r1') },
			{ baseUrl: base },
		);
		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(outputs[0][0].json).toEqual({ id: 'r1' });
	});
});

describe('errors', () => {
	it('401 names the credential and carries the vendor message, not the key', async () => {
		// n8n-core retries a 401 once after asking the credential to re-authenticate: two requests.
		const scope = nock(BASE)
			.get('/api/rooms/r1')
			.times(2)
			.reply(401, { message: 'Invalid API key' });
		const { error } = await run({ resource: 'room', operation: 'get', roomId: byId('r1') });
		expect(scope.isDone()).toBe(true);
		expect(error).toMatchObject({
			name: 'NodeApiError',
			httpCode: '401',
			message: 'Sessions answered 401: Unauthorized: the credential was rejected — Invalid API key',
			description: 'Invalid API key',
		});
		expect(JSON.stringify(error)).not.toContain(KEY);
	});

	it('404 with the vendor message', async () => {
		nock(BASE).get('/api/sessions/nope').reply(404, { message: 'Session not found' });
		const { error } = await run({ resource: 'session', operation: 'get', sessionId: byId('nope') });
		expect(error).toMatchObject({
			httpCode: '404',
			message: 'Sessions answered 404: Not found — Session not found',
			description: 'Session not found',
		});
	});

	it('422 lists every field error', async () => {
		nock(BASE)
			.post('/api/events')
			.reply(422, {
				message: 'Validation failed',
				errors: { slug: ['is taken'], startAt: ['must be in the future'] },
			});
		const { error } = await run({
			resource: 'event',
			operation: 'create',
			name: 'Launch',
			startAt: '2020-01-01T00:00:00.000Z',
			plannedEnd: '2020-01-01T01:00:00.000Z',
			timeZone: 'UTC',
			jsonBody: '{}',
		});
		expect(error).toMatchObject({
			httpCode: '422',
			message:
				'Sessions answered 422: Validation failed — slug: is taken; startAt: must be in the future',
			description: 'Validation failed\nslug: is taken\nstartAt: must be in the future',
		});
	});

	it('a 503 is retried with backoff and then succeeds', async () => {
		const scope = nock(BASE)
			.get('/api/rooms/r1')
			.reply(503, { message: 'maintenance' })
			.get('/api/rooms/r1')
			.reply(200, { id: 'r1' });
		const { outputs, error } = await run({
			resource: 'room',
			operation: 'get',
			roomId: byId('r1'),
		});
		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(outputs[0][0].json).toEqual({ id: 'r1' });
	});

	it('a GET failing with 500 is tried 4 times in all, then reported', async () => {
		const scope = nock(BASE).get('/api/rooms/r1').times(4).reply(500, { message: 'boom' });
		const { error } = await run({ resource: 'room', operation: 'get', roomId: byId('r1') });
		expect(scope.isDone()).toBe(true);
		expect(error).toMatchObject({
			httpCode: '500',
			message: 'Sessions answered 500: Internal server error — boom',
			description: 'boom',
		});
	});

	it('a POST failing with 500 is not repeated (it may have been applied)', async () => {
		const scope = nock(BASE)
			.post('/api/rooms', { name: 'A' })
			.once()
			.reply(500, { message: 'boom' });
		const { error } = await run({
			resource: 'room',
			operation: 'create',
			name: 'A',
			jsonBody: '{}',
		});
		expect(scope.isDone()).toBe(true);
		expect(error).toMatchObject({ httpCode: '500' });
	});

	it('an unreachable base URL says so', async () => {
		const { error } = await run(
			{ resource: 'room', operation: 'get', roomId: byId('r1') },
			{ baseUrl: 'http://127.0.0.1:9' },
		);
		expect(error).toMatchObject({
			name: 'NodeApiError',
			message:
				'Could not reach Sessions (127.0.0.1:9) — the connection was refused — check the base URL (host and port) in the credential',
			description:
				'ECONNREFUSED: the connection was refused — check the base URL (host and port) in the credential',
		});
	});

	it('continueOnFail keeps going and pairs the error item with its input', async () => {
		nock(BASE)
			.get('/api/rooms/bad')
			.reply(404, { message: 'Room not found' })
			.get('/api/rooms/good')
			.reply(200, { id: 'good' });
		const { outputs, error } = await run(
			{
				resource: 'room',
				operation: 'get',
				roomId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
			},
			{ input: [{ json: { id: 'bad' } }, { json: { id: 'good' } }], continueOnFail: true },
		);
		expect(error).toBeUndefined();
		// n8n normalises an error item's json to {error: message}; the full error rides along.
		expect(outputs[0].map((i) => ({ json: i.json, pairedItem: i.pairedItem }))).toEqual([
			{
				json: { error: 'Sessions answered 404: Not found — Room not found' },
				pairedItem: { item: 0 },
			},
			{ json: { id: 'good' }, pairedItem: { item: 1 } },
		]);
		expect(outputs[0][0].error).toMatchObject({
			name: 'NodeApiError',
			description: 'Room not found',
		});
	});
});

describe('dropdown search', () => {
	it('lists rooms page by page and filters by name', async () => {
		const page1 = [...rooms(1, 19), { id: 'x', name: 'Board Room' }];
		const scope = api().get('/api/rooms').query({ page: '1' }).reply(200, page1);
		const result = await runListSearch({
			node,
			method: 'searchRooms',
			filter: 'board',
			credentials: { sessionsApi: { apiKey: KEY, baseUrl: BASE } },
			credentialTypes: [new SessionsApi()],
		});
		expect(scope.isDone()).toBe(true);
		expect(result).toEqual({
			results: [{ name: 'Board Room', value: 'x', url: undefined }],
			paginationToken: '2',
		});
	});

	it('continues from the pagination token and stops after a short page', async () => {
		const scope = api()
			.get('/api/events')
			.query({ page: '3' })
			.reply(200, [{ id: 'e1', name: 'Launch' }]);
		const result = await runListSearch({
			node,
			method: 'searchEvents',
			paginationToken: '3',
			credentials: { sessionsApi: { apiKey: KEY, baseUrl: BASE } },
			credentialTypes: [new SessionsApi()],
		});
		expect(scope.isDone()).toBe(true);
		expect(result).toEqual({
			results: [{ name: 'Launch', value: 'e1', url: undefined }],
			paginationToken: undefined,
		});
	});
});

describe('credential test', () => {
	it('passes with a working key', async () => {
		const scope = api().get('/api/sessions').query({ page: '1' }).reply(200, []);
		const result = await testCredential({
			credentialType: new SessionsApi(),
			data: { apiKey: KEY, baseUrl: BASE },
		});
		expect(scope.isDone()).toBe(true);
		expect(result.status).toBe('OK');
	});

	it('a rejected key (401): says what a 401 means and where the key is managed', async () => {
		const scope = nock(BASE, { reqheaders: { 'x-api-key': 'wrong' } })
			.get('/api/sessions')
			.query({ page: '1' })
			.times(2)
			.reply(401, { message: 'Invalid API key' });
		const result = await testCredential({
			credentialType: new SessionsApi(),
			data: { apiKey: 'wrong', baseUrl: BASE },
		});
		expect(scope.isDone()).toBe(true);
		expect(result).toEqual({
			status: 'Error',
			message:
				'Sessions rejected the API key (401): check that the key is copied whole and still exists under Workspace settings → Public API in Sessions',
		});
	});

	it('a key without the rights (403): says to use a USER key', async () => {
		const scope = nock(BASE, { reqheaders: { 'x-api-key': 'guest-key' } })
			.get('/api/sessions')
			.query({ page: '1' })
			.reply(403, { message: 'Forbidden' });
		const result = await testCredential({
			credentialType: new SessionsApi(),
			data: { apiKey: 'guest-key', baseUrl: BASE },
		});
		expect(scope.isDone()).toBe(true);
		expect(result).toEqual({
			status: 'Error',
			message:
				"Sessions accepted the API key but denied access (403): the key's role does not allow listing sessions; create a key with the role USER",
		});
	});
});
