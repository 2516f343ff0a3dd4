/**
 * Self-test of the harness: every request the fixtures make is asserted with nock
 * (method, URL, query, body, headers) and every scope must be consumed.
 */
import nock from 'nock';
import type { ICredentialType } from 'n8n-workflow';

import {
	CredentialStore,
	runListSearch,
	runLoadOptions,
	runNode,
	runPoll,
	testCredential,
} from './index';
import { FixtureApi } from './fixtures/FixtureApi.credentials';
import { FixtureDeclarative } from './fixtures/FixtureDeclarative.node';
import { FixturePoll } from './fixtures/FixturePoll.node';
import { FixtureProgrammatic } from './fixtures/FixtureProgrammatic.node';
import { FixtureSessionApi } from './fixtures/FixtureSessionApi.credentials';

const API = 'https://api.fixture.test';
const AUTH = 'https://auth.fixture.test';
const apiKey = { fixtureApi: { apiKey: 'k-123' } };
const credentialTypes = [new FixtureApi(), new FixtureSessionApi()];
const byId = (value: string) => ({ __rl: true, mode: 'id', value });

/** record the headers of every request a scope answers */
function headersOf(scope: nock.Scope) {
	const seen: Array<Record<string, unknown>> = [];
	scope.on('request', (req: { headers: Record<string, unknown> }) => seen.push({ ...req.headers }));
	return seen;
}

afterEach(() => {
	const pending = nock.pendingMocks();
	nock.cleanAll();
	expect(pending).toEqual([]);
});

describe('runNode: declarative node', () => {
	it('GET with a path parameter and generic header auth', async () => {
		const scope = nock(API).get('/v1/widgets/w1').reply(200, { id: 'w1', name: 'Blue' });
		const headers = headersOf(scope);

		const { outputs, error } = await runNode({
			node: new FixtureDeclarative(),
			parameters: { operation: 'get', widgetId: byId('w1') },
			credentials: apiKey,
			credentialTypes,
		});

		expect(error).toBeUndefined();
		expect(outputs).toEqual([[{ json: { id: 'w1', name: 'Blue' }, pairedItem: { item: 0 } }]]);
		expect(scope.isDone()).toBe(true);
		expect(headers).toHaveLength(1);
		expect(headers[0]).toMatchObject({ 'x-api-key': 'k-123', accept: 'application/json' });
		expect(headers[0]).not.toHaveProperty('authorization');
	});

	it('POST with a JSON body', async () => {
		const scope = nock(API, {
			reqheaders: { 'content-type': /^application\/json/, 'x-api-key': 'k-123' },
		})
			.post('/v1/widgets', { name: 'Blue', categoryId: 'c1', dimensions: { size: 3 } })
			.reply(201, { id: 'w9' });

		const { outputs } = await runNode({
			node: new FixtureDeclarative(),
			parameters: { operation: 'create', name: 'Blue', categoryId: 'c1', size: 3 },
			credentials: apiKey,
			credentialTypes,
		});

		expect(outputs[0].map((i) => i.json)).toEqual([{ id: 'w9' }]);
		expect(scope.isDone()).toBe(true);
	});

	it('sends one request per input item and pairs every output item', async () => {
		const scope = nock(API, { reqheaders: { 'x-api-key': 'k-123' } })
			.get('/v1/widgets/a')
			.reply(200, { id: 'a' })
			.get('/v1/widgets/b')
			.reply(200, { id: 'b' })
			.get('/v1/widgets/c')
			.reply(200, { id: 'c' });

		const { outputs } = await runNode({
			node: new FixtureDeclarative(),
			parameters: { operation: 'get', widgetId: byId('={{ $json.id }}') },
			credentials: apiKey,
			credentialTypes,
			input: [{ json: { id: 'a' } }, { json: { id: 'b' } }, { json: { id: 'c' } }],
		});

		expect(outputs[0]).toEqual([
			{ json: { id: 'a' }, pairedItem: { item: 0 } },
			{ json: { id: 'b' }, pairedItem: { item: 1 } },
			{ json: { id: 'c' }, pairedItem: { item: 2 } },
		]);
		expect(scope.isDone()).toBe(true);
	});

	it('sends the query string of a routed option', async () => {
		const scope = nock(API, { reqheaders: { 'x-api-key': 'k-123' } })
			.get('/v1/widgets')
			.query({ color: 'red' })
			.reply(200, { items: [{ id: 'a' }, { id: 'b' }] });

		const { outputs } = await runNode({
			node: new FixtureDeclarative(),
			parameters: { operation: 'list', color: 'red' },
			credentials: apiKey,
			credentialTypes,
		});

		expect(outputs[0].map((i) => i.json)).toEqual([{ id: 'a' }, { id: 'b' }]);
		expect(outputs[0].every((i) => i.pairedItem !== undefined)).toBe(true);
		expect(scope.isDone()).toBe(true);
	});
});

describe('runNode: errors', () => {
	const notFound = () =>
		nock(API).get('/v1/widgets/missing').reply(404, { message: 'Widget not found' });

	it('surfaces an API error as NodeApiError with the HTTP code', async () => {
		const scope = notFound();
		const { outputs, error } = await runNode({
			node: new FixtureDeclarative(),
			parameters: { operation: 'get', widgetId: byId('missing') },
			credentials: apiKey,
			credentialTypes,
		});

		expect(error).toMatchObject({
			name: 'NodeApiError',
			httpCode: '404',
			description: 'Widget not found',
		});
		expect(outputs).toEqual([]);
		expect(scope.isDone()).toBe(true);
	});

	it('with continueOnFail the item carries the error and its pairing', async () => {
		const scope = notFound();
		const { outputs, error } = await runNode({
			node: new FixtureDeclarative(),
			parameters: { operation: 'get', widgetId: byId('missing') },
			credentials: apiKey,
			credentialTypes,
			continueOnFail: true,
		});

		expect(error).toBeUndefined();
		expect(outputs[0]).toHaveLength(1);
		const [item] = outputs[0];
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toEqual({ error: 'The resource you are requesting could not be found' });
		expect(item.error).toMatchObject({
			name: 'NodeApiError',
			httpCode: '404',
			description: 'Widget not found',
		});
		expect(scope.isDone()).toBe(true);
	});

	it('with onError continueErrorOutput the item goes to the error output', async () => {
		const scope = notFound();
		const { outputs } = await runNode({
			node: new FixtureDeclarative(),
			parameters: { operation: 'get', widgetId: byId('missing') },
			credentials: apiKey,
			credentialTypes,
			onError: 'continueErrorOutput',
		});

		expect(outputs[0]).toEqual([]);
		expect(outputs[1]).toHaveLength(1);
		expect(outputs[1][0].pairedItem).toEqual({ item: 0 });
		expect(scope.isDone()).toBe(true);
	});
});

describe('network', () => {
	it('refuses a request nobody mocked (no real network in unit tests)', async () => {
		const { error } = await runNode({
			node: new FixtureProgrammatic(),
			parameters: { widgetId: 'w1' },
			credentials: apiKey,
			credentialTypes,
		});
		expect(error).toMatchObject({ name: 'NodeApiError' });
		expect(JSON.stringify(error)).toMatch(/Nock: Disallowed net connect|ENETUNREACH/);
	});
});

describe('runNode: programmatic node', () => {
	it('uses httpRequestWithAuthentication per item', async () => {
		const scope = nock(API, { reqheaders: { 'x-api-key': 'k-123' } })
			.get('/v1/widgets/a')
			.query({ expand: 'owner' })
			.reply(200, { id: 'a', owner: 'x' })
			.get('/v1/widgets/b')
			.query({ expand: 'owner' })
			.reply(200, { id: 'b', owner: 'y' });

		const { outputs } = await runNode({
			node: new FixtureProgrammatic(),
			parameters: { widgetId: '={{ $json.id }}' },
			credentials: apiKey,
			credentialTypes,
			input: [{ json: { id: 'a' } }, { json: { id: 'b' } }],
		});

		expect(outputs).toEqual([
			[
				{ json: { id: 'a', owner: 'x' }, pairedItem: { item: 0 } },
				{ json: { id: 'b', owner: 'y' }, pairedItem: { item: 1 } },
			],
		]);
		expect(scope.isDone()).toBe(true);
	});

	it('applies a function-type authenticate of the credential', async () => {
		const fnAuth: ICredentialType = {
			...new FixtureApi(),
			authenticate: async (credentials, options) => ({
				...options,
				qs: { ...options.qs, api_key: credentials.apiKey },
			}),
		};
		const scope = nock(API, { badheaders: ['x-api-key'] })
			.get('/v1/widgets/a')
			.query({ expand: 'owner', api_key: 'k-123' })
			.reply(200, { id: 'a' });

		const { outputs } = await runNode({
			node: new FixtureProgrammatic(),
			parameters: { widgetId: 'a' },
			credentials: apiKey,
			credentialTypes: [fnAuth],
		});
		expect(outputs[0][0].json).toEqual({ id: 'a' });
		expect(scope.isDone()).toBe(true);
	});

	it('an API error fails the node with NodeApiError', async () => {
		const scope = nock(API)
			.get('/v1/widgets/zz')
			.query({ expand: 'owner' })
			.reply(500, { message: 'boom' });
		const { error } = await runNode({
			node: new FixtureProgrammatic(),
			parameters: { widgetId: 'zz' },
			credentials: apiKey,
			credentialTypes,
		});
		expect(error).toMatchObject({ name: 'NodeApiError', httpCode: '500' });
		expect(scope.isDone()).toBe(true);
	});
});

describe('preAuthentication (session token)', () => {
	const tokenRequest = (token: string) =>
		nock(AUTH, { reqheaders: { 'content-type': 'application/x-www-form-urlencoded' } })
			.post('/token', { grant_type: 'client_credentials', client_id: 'id-1', client_secret: 's-1' })
			.reply(200, { access_token: token, expires_in: 300 });
	const get = { operation: 'get', authentication: 'session', widgetId: byId('w1') };

	it('fetches a token once, reuses it in the next run, refreshes it once after a 401', async () => {
		const store = new CredentialStore({
			fixtureSessionApi: { clientId: 'id-1', clientSecret: 's-1' },
		});
		const run = async () =>
			await runNode({
				node: new FixtureDeclarative(),
				parameters: get,
				credentials: store,
				credentialTypes,
			});

		// run 1: empty expirable field -> token exchange, then the API call with the token
		const token1 = tokenRequest('tok-1');
		const api1 = nock(API, { reqheaders: { authorization: 'Bearer tok-1' } })
			.get('/v1/widgets/w1')
			.reply(200, { id: 'w1' });
		expect((await run()).outputs[0][0].json).toEqual({ id: 'w1' });
		expect(token1.isDone() && api1.isDone()).toBe(true);
		expect(store.get('fixtureSessionApi').sessionToken).toBe('tok-1');
		expect(store.updates).toHaveLength(1);

		// run 2: same store -> no token request (nock would refuse it)
		const api2 = nock(API, { reqheaders: { authorization: 'Bearer tok-1' } })
			.get('/v1/widgets/w1')
			.reply(200, { id: 'w1' });
		expect((await run()).error).toBeUndefined();
		expect(api2.isDone()).toBe(true);
		expect(store.updates).toHaveLength(1);

		// run 3: the API answers 401 -> exactly one refresh and one retry with the new token
		const expired = nock(API, { reqheaders: { authorization: 'Bearer tok-1' } })
			.get('/v1/widgets/w1')
			.reply(401, { message: 'expired' });
		const token2 = tokenRequest('tok-2');
		const retry = nock(API, { reqheaders: { authorization: 'Bearer tok-2' } })
			.get('/v1/widgets/w1')
			.reply(200, { id: 'w1', again: true });
		const third = await run();
		expect(third.error).toBeUndefined();
		expect(third.outputs[0][0].json).toEqual({ id: 'w1', again: true });
		expect(expired.isDone() && token2.isDone() && retry.isDone()).toBe(true);
		expect(store.updates.map((u) => u.data.sessionToken)).toEqual(['tok-1', 'tok-2']);
		expect(store.get('fixtureSessionApi')).toMatchObject({
			clientId: 'id-1',
			sessionToken: 'tok-2',
		});
	});
});

describe('runLoadOptions / runListSearch', () => {
	it('runs a loadOptions method with the current parameters and credentials', async () => {
		const scope = nock(API, { reqheaders: { 'x-api-key': 'k-123' } })
			.get('/v1/categories')
			.query({ parent: 'root' })
			.reply(200, [
				{ id: 'c1', title: 'Tools' },
				{ id: 'c2', title: 'Toys' },
			]);

		const options = await runLoadOptions({
			node: new FixtureDeclarative(),
			method: 'getCategories',
			parameters: { authentication: 'apiKey', operation: 'create', parentCategory: 'root' },
			credentials: apiKey,
			credentialTypes,
		});

		expect(options).toEqual([
			{ name: 'Tools', value: 'c1' },
			{ name: 'Toys', value: 'c2' },
		]);
		expect(scope.isDone()).toBe(true);
	});

	it('runs a declarative routing loadOptions of a property', async () => {
		const scope = nock(API, { reqheaders: { 'x-api-key': 'k-123' } })
			.get('/v1/colors')
			.reply(200, { colors: [{ id: 'red', label: 'Red' }] });

		const options = await runLoadOptions({
			node: new FixtureDeclarative(),
			property: 'color',
			parameters: { operation: 'list' },
			credentials: apiKey,
			credentialTypes,
		});

		expect(options).toEqual([{ name: 'Red', value: 'red' }]);
		expect(scope.isDone()).toBe(true);
	});

	it('runs a listSearch method with filter and pagination token', async () => {
		const scope = nock(API, { reqheaders: { 'x-api-key': 'k-123' } })
			.get('/v1/widgets')
			.query({ search: 'blu', page: '2' })
			.reply(200, { items: [{ id: 'w1', name: 'Blue' }], nextPage: 3 });

		const result = await runListSearch({
			node: new FixtureDeclarative(),
			method: 'searchWidgets',
			filter: 'blu',
			paginationToken: '2',
			parameters: { operation: 'get' },
			credentials: apiKey,
			credentialTypes,
		});

		expect(result).toEqual({ results: [{ name: 'Blue', value: 'w1' }], paginationToken: '3' });
		expect(scope.isDone()).toBe(true);
	});
});

describe('testCredential', () => {
	it('OK when the test request succeeds', async () => {
		const scope = nock(API, { reqheaders: { 'x-api-key': 'k-123' } })
			.get('/v1/me')
			.reply(200, { id: 'me' });
		await expect(
			testCredential({ credentialType: new FixtureApi(), data: { apiKey: 'k-123' } }),
		).resolves.toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(scope.isDone()).toBe(true);
	});

	it('Error with the rule message for a matching response code', async () => {
		const scope = nock(API).get('/v1/me').reply(403, { message: 'forbidden' });
		await expect(
			testCredential({ credentialType: new FixtureApi(), data: { apiKey: 'bad' } }),
		).resolves.toEqual({
			status: 'Error',
			message: 'The API key has no access',
		});
		expect(scope.isDone()).toBe(true);
	});

	it('Error with the status text for any other failure (n8n-core retries a 401 once)', async () => {
		const scope = nock(API).get('/v1/me').times(2).reply(401, { message: 'nope' });
		const result = await testCredential({
			credentialType: new FixtureApi(),
			data: { apiKey: 'bad' },
		});
		expect(result).toEqual({ status: 'Error', message: 'Unauthorized' });
		expect(scope.isDone()).toBe(true);
	});

	it('runs preAuthentication before testing a session credential', async () => {
		const token = nock(AUTH)
			.post('/token', { grant_type: 'client_credentials', client_id: 'id-1', client_secret: 's-1' })
			.reply(200, { access_token: 'tok-t' });
		const me = nock(API, { reqheaders: { authorization: 'Bearer tok-t' } })
			.get('/v1/me')
			.reply(200, {});
		const result = await testCredential({
			credentialType: new FixtureSessionApi(),
			data: { clientId: 'id-1', clientSecret: 's-1', sessionToken: 'stale' },
		});
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(token.isDone() && me.isDone()).toBe(true);
	});
});

describe('runPoll', () => {
	it('keeps the node static data between polls', async () => {
		const staticData = {};
		const poll = async (mode: 'trigger' | 'manual' = 'trigger') =>
			await runPoll({
				node: new FixturePoll(),
				credentials: apiKey,
				credentialTypes,
				staticData,
				mode,
			});

		const first = nock(API, { reqheaders: { 'x-api-key': 'k-123' } })
			.get('/v1/events')
			.reply(200, [{ id: 1 }, { id: 2 }]);
		const r1 = await poll();
		expect(r1.result).toEqual([[{ json: { id: 1 } }, { json: { id: 2 } }]]);
		expect(r1.nodeStaticData).toEqual({ lastId: 2 });
		expect(first.isDone()).toBe(true);

		const second = nock(API).get('/v1/events').query({ after: '2' }).reply(200, []);
		const r2 = await poll();
		expect(r2.result).toBeNull();
		expect(second.isDone()).toBe(true);

		const manual = nock(API)
			.get('/v1/events')
			.query({ limit: '1' })
			.reply(200, [{ id: 7 }]);
		const r3 = await poll('manual');
		expect(r3.result).toEqual([[{ json: { id: 7 } }]]);
		expect(manual.isDone()).toBe(true);
		expect(staticData).toEqual({ 'node:Fixture Poll Trigger': { lastId: 2 } });
	});
});
