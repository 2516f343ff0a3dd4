/**
 * Sense API credential: OAuth2 client-credentials token cached with the credential (n8n persists the
 * hidden fields), reused across runs, renewed proactively once the stored expiry has passed, renewed
 * after a 401, and requested only once when several executions need it at the same moment.
 */
import nock from 'nock';

import { testCredential } from '../harness';
import {
	api,
	AUTH,
	BASE,
	credentialType,
	expectNoPendingMocks,
	items,
	newStore,
	run,
	SECRET,
	senseCredential,
	storeWithToken,
	tokenExchange,
} from './helpers';

afterEach(expectNoPendingMocks);

const get = (id: string) => ({ resource: 'candidate', operation: 'get', recordId: id });

describe('token caching', () => {
	it('requests one token for a run of many requests, reuses it in the next run, renews it once after a 401', async () => {
		const store = newStore();
		const before = Date.now();
		const token = tokenExchange(store, 'tok-1', 300);
		const upserts = api('tok-1')
			.post('/v1/candidates', (body: unknown[]) => body.length === 2)
			.times(3)
			.reply(201, { request_id: 'req', message: 'received' });
		const first = await run(
			store,
			{ resource: 'candidate', operation: 'upsert', options: { batchSize: 2 } },
			{
				input: items([
					{ id: '1' },
					{ id: '2' },
					{ id: '3' },
					{ id: '4' },
					{ id: '5' },
					{ id: '6' },
				]),
			},
		);
		expect(first.error).toBeUndefined();
		expect(first.outputs[0]).toHaveLength(6);
		expect(token.isDone() && upserts.isDone()).toBe(true);

		// persisted with the credential: the token, its expiry (from expires_in, renewed 3 s early: 1 % of 300 s) and the check
		const saved = store.get('senseApi');
		expect(saved.accessToken).toBe('tok-1');
		expect(Number(saved.expiresAt)).toBeGreaterThanOrEqual(before + 297_000);
		expect(Number(saved.expiresAt)).toBeLessThanOrEqual(Date.now() + 297_000);
		expect(saved.validity).toMatch(/^=\{\{.*\$self\.expiresAt.*\}\}$/);
		expect(saved.clientSecret).toBe(SECRET);
		expect(store.updates).toHaveLength(1);

		// second run, same store: no token request (nock would refuse an unexpected one)
		const second = api('tok-1')
			.get('/v1/candidates/7')
			.reply(200, { data: { id: '7' }, resource_id: '7' });
		expect((await run(store, get('7'))).outputs[0][0].json).toEqual({ id: '7' });
		expect(second.isDone()).toBe(true);
		expect(store.updates).toHaveLength(1);

		// the API answers 401: exactly one new token, the request is repeated with it
		const rejected = api('tok-1')
			.get('/v1/candidates/8')
			.reply(401, { errors: [{ message: 'token expired' }] });
		const renewal = tokenExchange(store, 'tok-2');
		const retried = api('tok-2')
			.get('/v1/candidates/8')
			.reply(200, { data: { id: '8' } });
		const third = await run(store, get('8'));
		expect(third.error).toBeUndefined();
		expect(third.outputs[0][0].json).toEqual({ id: '8' });
		expect(rejected.isDone() && renewal.isDone() && retried.isDone()).toBe(true);
		expect(store.updates.map((u) => u.data.accessToken)).toEqual(['tok-1', 'tok-2']);
	});

	it('renews the token before a request once the stored expiry has passed', async () => {
		const store = storeWithToken('tok-old', { expiresAt: Date.now() - 1_000 });
		const renewal = tokenExchange(store, 'tok-new', 600);
		// the API is never called with the expired token
		const call = api('tok-new')
			.get('/v1/companies/c1')
			.reply(200, { data: { id: 'c1' } });
		const result = await run(store, { resource: 'company', operation: 'get', recordId: 'c1' });
		expect(result.error).toBeUndefined();
		expect(renewal.isDone() && call.isDone()).toBe(true);
		expect(store.get('senseApi')).toMatchObject({ accessToken: 'tok-new' });
		// the expiry follows expires_in (600 s here), not a fixed lifetime
		expect(Number(store.get('senseApi').expiresAt)).toBeGreaterThan(Date.now() + 500_000);
	});

	it('keeps a still valid token (no request to the token endpoint)', async () => {
		const store = storeWithToken('tok-valid');
		const call = api('tok-valid')
			.get('/v1/leads/l1')
			.reply(200, { data: { id: 'l1' } });
		expect(
			(await run(store, { resource: 'lead', operation: 'get', recordId: 'l1' })).error,
		).toBeUndefined();
		expect(call.isDone()).toBe(true);
		expect(store.updates).toHaveLength(0);
	});

	it('two executions starting at once share one token request', async () => {
		const store = newStore();
		const token = tokenExchange(store, 'tok-shared');
		const calls = api('tok-shared')
			.get(/\/v1\/placements\/p[12]$/)
			.times(2)
			.reply(200, (uri) => ({ data: { id: uri.split('/').pop() } }));
		const [a, b] = await Promise.all([
			run(store, { resource: 'placement', operation: 'get', recordId: 'p1' }),
			run(store, { resource: 'placement', operation: 'get', recordId: 'p2' }),
		]);
		expect([a.outputs[0][0].json, b.outputs[0][0].json]).toEqual([{ id: 'p1' }, { id: 'p2' }]);
		expect(token.isDone() && calls.isDone()).toBe(true);
	});

	it('without expires_in the lifetime comes from the JWT exp claim', async () => {
		const store = newStore();
		const exp = Math.floor(Date.now() / 1000) + 1200;
		const jwt = `e30.${Buffer.from(JSON.stringify({ exp })).toString('base64url')}.sig`;
		const token = tokenExchange(store, jwt, null);
		const call = api(jwt)
			.get('/v1/submissions/s1')
			.reply(200, { data: { id: 's1' } });
		expect(
			(await run(store, { resource: 'submission', operation: 'get', recordId: 's1' })).error,
		).toBeUndefined();
		expect(token.isDone() && call.isDone()).toBe(true);
		const expiresAt = Number(store.get('senseApi').expiresAt);
		expect(expiresAt).toBeGreaterThan(exp * 1000 - 6_000); // 1 % of 1,200 s, capped at 5 s
		expect(expiresAt).toBeLessThanOrEqual(exp * 1000 - 5_000);
	});

	it('retries a token request that failed with 503', async () => {
		const store = newStore();
		const unavailable = nock(AUTH).post('/oauth2/token').reply(503, { error: 'unavailable' });
		const token = tokenExchange(store, 'tok-after-503');
		const call = api('tok-after-503')
			.get('/v1/job-orders/j1')
			.reply(200, { data: { id: 'j1' } });
		expect(
			(await run(store, { resource: 'jobOrder', operation: 'get', recordId: 'j1' })).error,
		).toBeUndefined();
		expect(unavailable.isDone() && token.isDone() && call.isDone()).toBe(true);
	});

	it('rejected client credentials: one token request, a clear error without the secret', async () => {
		const store = newStore();
		const token = nock(AUTH)
			.post('/oauth2/token')
			.once()
			.reply(401, { error: 'invalid_client', error_description: 'Bad client credentials' });
		const result = await run(store, get('1'));
		expect(token.isDone()).toBe(true);
		expect(result.error).toMatchObject({ name: 'NodeApiError' });
		const text = JSON.stringify(result.error);
		expect(text).toContain(
			'Sense token request failed (HTTP 401): invalid_client: Bad client credentials',
		);
		expect(text).not.toContain(SECRET);
		expect(store.updates).toHaveLength(0);
	});
});

describe('credential test', () => {
	it('exchanges the client credentials for a token and calls the API with it', async () => {
		const data = senseCredential();
		const token = nock(AUTH)
			.post('/oauth2/token', {
				grant_type: 'client_credentials',
				client_id: String(data.clientId),
				client_secret: SECRET,
			})
			.reply(200, { access_token: 'tok-test', expires_in: 300, token_type: 'Bearer' });
		const call = api('tok-test')
			.get('/v1/candidates/possible-values/status')
			.reply(200, { data: { values: [] } });
		await expect(testCredential({ credentialType, data })).resolves.toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(token.isDone() && call.isDone()).toBe(true);
	});

	it('reports wrong client credentials', async () => {
		const token = nock(AUTH).post('/oauth2/token').reply(401, { error: 'invalid_client' });
		const result = await testCredential({
			credentialType,
			data: senseCredential({ clientSecret: 'wrong' }),
		});
		expect(result.status).toBe('Error');
		expect(result.message).toContain('invalid_client');
		expect(token.isDone()).toBe(true);
	});

	it('defaults to the production token URL and API base URL', () => {
		const defaults = Object.fromEntries(credentialType.properties.map((p) => [p.name, p.default]));
		expect(defaults).toMatchObject({
			tokenUrl: 'https://partner-auth.sensehq.com/oauth2/token',
			baseUrl: 'https://partner-api.sensehq.com/v1',
		});
		expect(credentialType.properties.filter((p) => p.typeOptions?.expirable)).toHaveLength(1);
		expect(BASE).toMatch(/\/v1$/);
	});
});
