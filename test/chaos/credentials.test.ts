/**
 * Chaos: the credential changes under the node. A token is bound to the credential values that
 * produced it — after the client ID, the secret or the host is edited, the next run asks the new
 * host for a new token and never sends the old tenant's token anywhere. And a credential whose
 * secret would travel over plain http:// says so in the form and in its test (a local sandbox may).
 */
import nock from 'nock';
import type { ICredentialDataDecryptedObject, INodeProperties } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { testCredential } from '../harness';
import { useChaosFake, type ChaosFake } from './fake';
import { HALO, requestsTo, run, SENSE, SESAME, SESSIONS, storeFor, VENDORS } from './vendors';

const fake = useChaosFake();
/** The host a credential is moved to. */
const other = useChaosFake();
afterEach(() => {
	const pending = nock.pendingMocks();
	nock.cleanAll();
	expect(pending).toEqual([]);
});

const authorizations = (server: ChaosFake, key: string) =>
	requestsTo(server, key).map((r) => r.headers.authorization);

describe.each([HALO, SENSE].map((v) => [v.vendor, v] as const))('%s', (_name, vendor) => {
	const client = vendor === HALO ? 'halo-client' : 'sense-client';

	it('an unchanged credential keeps its token: the next run asks for none', async () => {
		const store = storeFor(vendor, fake);
		expect((await run(vendor, fake, vendor.get, { store })).error).toBeUndefined();
		expect((await run(vendor, fake, vendor.get, { store })).error).toBeUndefined();
		expect(fake.tokens.map((t) => t.token)).toEqual([`${client}:1`]);
		expect(authorizations(fake, vendor.routes.get)).toEqual([
			`Bearer ${client}:1`,
			`Bearer ${client}:1`,
		]);
	});

	it('client ID, secret and host edited between runs: a new token from the new host, the old one sent nowhere', async () => {
		const store = storeFor(vendor, fake);
		expect((await run(vendor, fake, vendor.get, { store })).error).toBeUndefined();
		// the editor keeps the hidden token fields when the user edits the others
		const edited = {
			...store.get(vendor.type),
			...vendor.credentials(other, { clientId: 'client-b', clientSecret: 'secret-of-client-b' }),
		};
		expect(edited.accessToken).toBe(`${client}:1`);
		store.set(vendor.type, edited);
		const second = await run(vendor, other, vendor.get, { store });
		expect(second.error).toBeUndefined();
		expect(other.tokens.map((t) => t.token)).toEqual(['client-b:1']);
		expect(authorizations(other, vendor.routes.get)).toEqual(['Bearer client-b:1']);
		// the old host saw the first run only
		expect(fake.requests).toHaveLength(2);
		expect(store.get(vendor.type).accessToken).toBe('client-b:1');
	});

	it('only the secret edited (same client, same host): a new exchange, the old token not used', async () => {
		const store = storeFor(vendor, fake);
		expect((await run(vendor, fake, vendor.get, { store })).error).toBeUndefined();
		// the fake refuses this secret: the run fails at the token, it does not fall back to the old one
		store.set(vendor.type, { ...store.get(vendor.type), clientSecret: 'rotated' });
		const rotated = await run(vendor, fake, vendor.get, { store });
		expect(rotated.error.message).toMatch(/client ID|client secret|401/);
		expect(requestsTo(fake, vendor.routes.token!)).toHaveLength(2);
		expect(authorizations(fake, vendor.routes.get)).toEqual([`Bearer ${client}:1`]);
	});
});

describe('plain http:// for a URL that carries a secret', () => {
	/** The credential's notices, and whether each shows for these values. */
	const notices = (vendor: (typeof VENDORS)[number], values: ICredentialDataDecryptedObject) =>
		(vendor.credentialType.properties as INodeProperties[])
			.filter((p) => p.type === 'notice')
			.filter((p) => NodeHelpers.displayParameter(values, p, null, null))
			.map((p) => p.name);

	it('the form shows a notice under each such URL, and only for http://', () => {
		const http = 'http://sandbox.example.test';
		const https = 'https://sandbox.example.test';
		expect(notices(SESSIONS, { baseUrl: http })).toEqual(['baseUrlPlainHttpNotice']);
		expect(notices(SESSIONS, { baseUrl: https })).toEqual([]);
		expect(notices(SESAME, { region: 'custom', baseUrl: http })).toEqual([
			'baseUrlPlainHttpNotice',
		]);
		expect(notices(SESAME, { region: 'eu1', baseUrl: http })).toEqual([]);
		expect(
			notices(HALO, { hosting: 'hosted', appUrl: http, authUrl: http, resourceUrl: https }),
		).toEqual(['appUrlPlainHttpNotice', 'authUrlPlainHttpNotice']);
		expect(notices(SENSE, { tokenUrl: https, baseUrl: http })).toEqual(['baseUrlPlainHttpNotice']);
		const notice = (SESSIONS.credentialType.properties as INodeProperties[]).find(
			(p) => p.name === 'baseUrlPlainHttpNotice',
		);
		expect(notice?.displayName).toBe(
			'This address starts with http://: the API key would travel unencrypted. Use https://, except for a local sandbox.',
		);
	});

	it('the credential test warns for a host that is not local, and sends nothing to the API', async () => {
		const public1 = 'http://api.example.test';
		const warning = (host: string, secret: string) =>
			`Not tested: ${host} is reached over http://, so the ${secret} would travel unencrypted`;
		await expect(
			testCredential({
				credentialType: SESSIONS.credentialType,
				data: { apiKey: 'k', baseUrl: public1 },
			}),
		).resolves.toEqual({ status: 'Error', message: warning('api.example.test', 'API key') });
		await expect(
			testCredential({
				credentialType: SESAME.credentialType,
				data: { apiToken: 't', region: 'custom', baseUrl: public1 },
			}),
		).resolves.toEqual({ status: 'Error', message: warning('api.example.test', 'API token') });
		// Halo and Sense: the token comes first (the test proves the exchange), then the warning
		nock('http://halo.example.test')
			.post('/auth/token')
			.query({ tenant: 'acme' })
			.reply(200, { access_token: 'tok', expires_in: 60 });
		await expect(
			testCredential({
				credentialType: HALO.credentialType,
				data: { ...HALO.credentials(fake), appUrl: 'http://halo.example.test' },
			}),
		).resolves.toEqual({
			status: 'Error',
			message: warning('halo.example.test', 'client secret and the tokens'),
		});
		nock('http://sense.example.test')
			.post('/oauth2/token')
			.reply(200, { access_token: 'tok', expires_in: 60 });
		await expect(
			testCredential({
				credentialType: SENSE.credentialType,
				data: {
					...SENSE.credentials(fake),
					tokenUrl: 'http://sense.example.test/oauth2/token',
					baseUrl: 'https://sense.example.test/v1',
				},
			}),
		).resolves.toEqual({
			status: 'Error',
			message: warning('sense.example.test', 'client secret and the tokens'),
		});
	});

	it.each(VENDORS.map((v) => [v.vendor, v] as const))(
		'%s: a local sandbox over http:// tests as usual, and the marker header never reaches it',
		async (_name, vendor) => {
			await expect(
				testCredential({ credentialType: vendor.credentialType, data: vendor.credentials(fake) }),
			).resolves.toEqual({ status: 'OK', message: 'Connection successful!' });
			const tested = fake.requests.filter((r) => r.method === 'GET');
			expect(tested).toHaveLength(1);
			expect(Object.keys(tested[0].headers)).not.toContain('x-workforce-credential-test');
		},
	);
});

it('HaloPSA: a dropped connection of the token URL names the vendor and the token URL', async () => {
	fake.misbehave(HALO.routes.token!, 'reset');
	const { error } = await run(HALO, fake, HALO.get);
	expect(error.message).toBe(
		`The connection to HaloPSA broke before the answer arrived (${fake.url}/halo/auth/token) — the connection was reset by the server`,
	);
	// a token request may be repeated: 1 + 3 retries
	expect(requestsTo(fake, HALO.routes.token!)).toHaveLength(4);
}, 20_000);

it('Sense: a token URL that refuses connections names Sense and the URL', async () => {
	const { error } = await run(SENSE, fake, SENSE.get, {
		store: storeFor(SENSE, fake, { tokenUrl: 'http://127.0.0.1:9/oauth2/token' }),
	});
	expect(error).toMatchObject({
		message:
			'Could not reach the Sense token URL http://127.0.0.1:9/oauth2/token: the connection was refused',
		description:
			'ECONNREFUSED. Check the Token URL in the credential (the production one is https://partner-auth.sensehq.com/oauth2/token).',
	});
});
