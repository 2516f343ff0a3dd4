import nock from 'nock';
import type {
	ICredentialDataDecryptedObject,
	INodeExecutionData,
	INodeParameters,
} from 'n8n-workflow';

import { CredentialStore, runNode, type RunNodeResult } from '../harness';
import { Sense } from '../../nodes/Sense/Sense.node';
import { SENSE_TOKEN_BINDING, SenseApi } from '../../credentials/SenseApi.credentials';
import { storedTokenFor } from '../support/tokens';

export const API = 'https://api.sense.test';
export const BASE = `${API}/v1`;
export const AUTH = 'https://auth.sense.test';
export const TOKEN_URL = `${AUTH}/oauth2/token`;
export const SECRET = 'shh-secret-value';
export const node = new Sense();
export const credentialType = new SenseApi();

let clients = 0;
/**
 * Credential data with a client id of its own: the credential keeps tokens per client in the process,
 * so each test starts without one.
 */
export function senseCredential(
	extra: ICredentialDataDecryptedObject = {},
): ICredentialDataDecryptedObject {
	clients++;
	return {
		clientId: `client-${clients}-${Math.random().toString(36).slice(2, 8)}`,
		clientSecret: SECRET,
		tokenUrl: TOKEN_URL,
		baseUrl: BASE,
		...extra,
	};
}

export const newStore = (extra: ICredentialDataDecryptedObject = {}) =>
	new CredentialStore({ senseApi: senseCredential(extra) });

/** A store whose token is already there and valid for an hour (no token request expected). */
export function storeWithToken(token = 'tok-ready', extra: ICredentialDataDecryptedObject = {}) {
	const credentials = senseCredential(extra);
	return new CredentialStore({
		senseApi: {
			...credentials,
			...storedTokenFor(credentials, SENSE_TOKEN_BINDING, token),
			...extra,
		},
	});
}

/** Expects exactly one token request for the client of `store` and answers it with `token` (null: no expires_in). */
export function tokenExchange(
	store: CredentialStore,
	token: string,
	expiresIn: number | null = 300,
) {
	const { clientId } = store.get('senseApi');
	return nock(AUTH, { reqheaders: { 'content-type': /^application\/x-www-form-urlencoded/ } })
		.post('/oauth2/token', {
			grant_type: 'client_credentials',
			client_id: String(clientId),
			client_secret: SECRET,
		})
		.reply(200, {
			access_token: token,
			...(expiresIn === null ? {} : { expires_in: expiresIn }),
			token_type: 'Bearer',
		});
}

/** API scope that only matches requests carrying `token`. */
export const api = (token: string) =>
	nock(API, { reqheaders: { authorization: `Bearer ${token}` } });

export function run(
	store: CredentialStore,
	parameters: INodeParameters,
	extra: {
		input?: INodeExecutionData[];
		continueOnFail?: boolean;
		onError?: 'continueErrorOutput';
	} = {},
): Promise<RunNodeResult> {
	return runNode({
		node,
		parameters,
		input: extra.input,
		continueOnFail: extra.continueOnFail,
		onError: extra.onError,
		credentials: store,
		credentialTypes: [credentialType],
	});
}

export const items = (records: object[]): INodeExecutionData[] =>
	records.map((json) => ({ json: json as INodeExecutionData['json'] }));

export function expectNoPendingMocks() {
	const pending = nock.pendingMocks();
	nock.cleanAll();
	expect(pending).toEqual([]);
}
