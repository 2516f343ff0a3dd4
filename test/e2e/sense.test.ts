/**
 * The Sense credential inside a real n8n (installed from the packed tarball), run with `n8n execute`
 * against a fake Sense API on 127.0.0.1: proves that n8n's production CredentialsHelper persists the
 * token, resolves the expirable `validity` expression, and renews the token before the stored expiry
 * instead of sending the stale one. Every execution is a separate n8n process.
 */
import { SENSE_TOKEN_BINDING } from '../../credentials/SenseApi.credentials';
import { route, startFakeServer, type FakeServer } from '../fakes/server';
import { storedTokenFor } from '../support/tokens';
import { manualWorkflow, nodeType, outputJson, startE2eN8n, type E2eN8n } from './harness';

let n8n: E2eN8n;
let fake: FakeServer;
let issued = 0;

beforeAll(async () => {
	fake = await startFakeServer({
		routes: [
			route('POST', '/oauth2/token', (request) => {
				const form = new URLSearchParams(String(request.body));
				if (form.get('client_secret') !== 'e2e-secret')
					return { status: 401, body: { error: 'invalid_client' } };
				issued++;
				return {
					status: 200,
					body: { access_token: `tok-${issued}`, expires_in: 3600, token_type: 'Bearer' },
				};
			}),
			route('POST', '/v1/candidates', (request) => ({
				status: 201,
				body: { request_id: `req-${(request.body as unknown[]).length}`, message: 'received' },
			})),
			route('GET', '/v1/candidates/:id', (request) => {
				if (!/^Bearer tok-\d+$/.test(String(request.headers.authorization)))
					return { status: 401, body: { errors: [{ message: 'invalid token' }] } };
				return {
					status: 200,
					body: {
						data: { id: request.params.id, token: String(request.headers.authorization).slice(7) },
					},
				};
			}),
		],
	});
	n8n = await startE2eN8n('sense', { server: false });
});

afterAll(async () => {
	await fake?.stop();
	await n8n?.stop();
});

const credentialData = (extra: Record<string, unknown> = {}) => ({
	clientId: 'e2e-client',
	clientSecret: 'e2e-secret',
	tokenUrl: `${fake.url}/oauth2/token`,
	baseUrl: `${fake.url}/v1`,
	...extra,
});

function getCandidate(id: string, credential: { id: string; name: string }) {
	return manualWorkflow({
		name: 'Sense',
		type: nodeType('sense'),
		typeVersion: 1,
		parameters: { resource: 'candidate', operation: 'get', recordId: id },
		credentials: { senseApi: credential },
	});
}

const paths = () =>
	fake.requests.map((r) => `${r.method} ${r.path} ${r.headers.authorization ?? ''}`.trim());

test('a token is fetched once, persisted with the credential and reused by the next execution', async () => {
	fake.clearLog();
	const credential = {
		id: 'senseE2eCred0001',
		name: 'Sense e2e',
		type: 'senseApi',
		data: credentialData(),
	};
	const ref = { id: credential.id, name: credential.name };

	const first = await n8n.importAndExecute(getCandidate('c1', ref), [credential]);
	expect(first.data.resultData.error).toBeUndefined();
	expect(outputJson(first, 'Sense')).toEqual([{ id: 'c1', token: 'tok-1' }]);

	// a new n8n process: the token comes from the database, no token request
	const second = await n8n.importAndExecute(getCandidate('c2', ref));
	expect(outputJson(second, 'Sense')).toEqual([{ id: 'c2', token: 'tok-1' }]);
	expect(paths()).toEqual([
		'POST /oauth2/token',
		'GET /v1/candidates/c1 Bearer tok-1',
		'GET /v1/candidates/c2 Bearer tok-1',
	]);
});

test('a token whose stored expiry has passed is renewed before the request', async () => {
	fake.clearLog();
	const credential = {
		id: 'senseE2eCred0002',
		name: 'Sense e2e stale',
		type: 'senseApi',
		data: credentialData({
			accessToken: 'tok-stale',
			expiresAt: Date.now() - 60_000,
			validity: '={{ Number($self.expiresAt) > $now.toMillis() ? "valid" : "" }}',
		}),
	};
	const run = await n8n.importAndExecute(
		getCandidate('c3', { id: credential.id, name: credential.name }),
		[credential],
	);
	expect(run.data.resultData.error).toBeUndefined();
	const renewed = `tok-${issued}`;
	expect(outputJson(run, 'Sense')).toEqual([{ id: 'c3', token: renewed }]);
	// the stale token never reached the API
	expect(paths()).toEqual(['POST /oauth2/token', `GET /v1/candidates/c3 Bearer ${renewed}`]);
});

test('a token is used only with the credential values it was issued for (n8n resolves the binding)', async () => {
	const before = credentialData();
	// the client ID was edited after the token was stored: the editor keeps the hidden fields
	const edited = credentialData({ clientId: 'e2e-client-edited' });
	const stale = {
		id: 'senseE2eCred0004',
		name: 'Sense e2e edited',
		type: 'senseApi',
		data: { ...edited, ...storedTokenFor(before, SENSE_TOKEN_BINDING, 'tok-800') },
	};
	fake.clearLog();
	const run = await n8n.importAndExecute(getCandidate('c4', { id: stale.id, name: stale.name }), [
		stale,
	]);
	expect(run.data.resultData.error).toBeUndefined();
	const renewed = `tok-${issued}`;
	expect(outputJson(run, 'Sense')).toEqual([{ id: 'c4', token: renewed }]);
	expect(paths()).toEqual(['POST /oauth2/token', `GET /v1/candidates/c4 Bearer ${renewed}`]);

	// the same stored token with the values it was issued for: used as it is, no token request
	const bound = {
		id: 'senseE2eCred0005',
		name: 'Sense e2e bound',
		type: 'senseApi',
		data: { ...edited, ...storedTokenFor(edited, SENSE_TOKEN_BINDING, 'tok-900') },
	};
	fake.clearLog();
	const kept = await n8n.importAndExecute(getCandidate('c5', { id: bound.id, name: bound.name }), [
		bound,
	]);
	expect(outputJson(kept, 'Sense')).toEqual([{ id: 'c5', token: 'tok-900' }]);
	expect(paths()).toEqual(['GET /v1/candidates/c5 Bearer tok-900']);
});

test('Create or Update measures the batch with CompressionStream and sends it in the real runtime', async () => {
	fake.clearLog();
	const credential = {
		id: 'senseE2eCred0003',
		name: 'Sense e2e upsert',
		type: 'senseApi',
		data: credentialData(),
	};
	const workflow = manualWorkflow({
		name: 'Sense',
		type: nodeType('sense'),
		typeVersion: 1,
		parameters: {
			resource: 'candidate',
			operation: 'upsert',
			dataMode: 'define',
			recordId: 'c9',
			fields: { first_name: 'Linus', date_of_birth: '1990-04-01T00:00:00' },
		},
		credentials: { senseApi: { id: credential.id, name: credential.name } },
	});
	const run = await n8n.importAndExecute(workflow, [credential]);
	expect(run.data.resultData.error).toBeUndefined();
	expect(outputJson(run, 'Sense')).toEqual([
		{ id: 'c9', request_id: 'req-1', message: 'received' },
	]);
	const upsert = fake.requests.find((r) => r.method === 'POST' && r.path === '/v1/candidates');
	expect(upsert?.body).toEqual([{ first_name: 'Linus', date_of_birth: '1990-04-01', id: 'c9' }]);
});
