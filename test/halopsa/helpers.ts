/** Shared fixtures of the HaloPSA Scheduling tests: credential data, token endpoint, API scope, runner. */
import nock from 'nock';
import type {
	ICredentialDataDecryptedObject,
	INodeExecutionData,
	INodeParameters,
} from 'n8n-workflow';

import { CredentialStore, runNode, type RunNodeResult } from '../harness';
import { HaloPsaScheduling } from '../../nodes/HaloPsaScheduling/HaloPsaScheduling.node';
import {
	HALO_TOKEN_BINDING,
	HaloPsaSchedulingApi,
} from '../../credentials/HaloPsaSchedulingApi.credentials';
import { storedTokenFor } from '../support/tokens';

export const APP = 'https://acme.halopsa.test';
export const API = `${APP}/api`;
export const TYPE = 'haloPsaSchedulingApi';
export const node = new HaloPsaScheduling();
export const credentialType = new HaloPsaSchedulingApi();
export const byId = (value: string) => ({ __rl: true, mode: 'id', value });

/** Hosted Halo: tenant "acme", API at <app>/api, tokens from <app>/auth/token?tenant=acme. */
export const CREDENTIALS: ICredentialDataDecryptedObject = {
	hosting: 'hosted',
	appUrl: `${APP}/`,
	tenant: 'acme',
	clientId: 'client-1',
	clientSecret: 'secret-1',
	scope: 'all',
};

/** The exact form the token exchange must post. */
export const TOKEN_FORM = {
	grant_type: 'client_credentials',
	client_id: 'client-1',
	client_secret: 'secret-1',
	scope: 'all',
};

/** The token endpoint, answering `token` once (nock refuses any further exchange). */
export function tokenEndpoint(
	token = 'tok-1',
	form: Record<string, string> = TOKEN_FORM,
	origin = APP,
	path = '/auth/token',
	tenant: string | null = 'acme',
) {
	const scope = nock(origin, {
		reqheaders: { 'content-type': /application\/x-www-form-urlencoded/ },
	}).post(path, form);
	return (tenant === null ? scope : scope.query({ tenant })).reply(200, {
		access_token: token,
		token_type: 'Bearer',
		expires_in: 3600,
	});
}

/** The resource server, only for requests carrying `Bearer <token>`. */
export const api = (token = 'tok-1') =>
	nock(API, { reqheaders: { authorization: `Bearer ${token}` } });

/** The hidden fields n8n keeps after an exchange for CREDENTIALS: `token`, valid for another hour. */
export const storedToken = (
	token = 'tok-1',
	expiresAt = Date.now() + 3_600_000,
	credentials: ICredentialDataDecryptedObject = CREDENTIALS,
): ICredentialDataDecryptedObject =>
	storedTokenFor(credentials, HALO_TOKEN_BINDING, token, expiresAt);

export const newStore = (extra: ICredentialDataDecryptedObject = {}) =>
	new CredentialStore({ [TYPE]: { ...CREDENTIALS, ...extra } });

export function run(
	parameters: INodeParameters,
	extra: {
		input?: INodeExecutionData[];
		continueOnFail?: boolean;
		store?: CredentialStore;
		token?: string;
		timezone?: string;
	} = {},
): Promise<RunNodeResult> {
	return runNode({
		node,
		parameters,
		input: extra.input,
		timezone: extra.timezone,
		continueOnFail: extra.continueOnFail,
		// a stored token unless a store is given: most tests are about the request, not the exchange
		credentials: extra.store ?? newStore(storedToken(extra.token)),
		credentialTypes: [credentialType],
	});
}

export const records = (from: number, count: number) =>
	Array.from({ length: count }, (_, i) => ({ id: from + i, subject: `Visit ${from + i}` }));
