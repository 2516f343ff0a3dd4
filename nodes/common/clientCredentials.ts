/**
 * The OAuth2 client-credentials grant of the HaloPSA and Sense credentials: a client ID and secret
 * exchanged at the vendor's token endpoint for a bearer token, which every request then carries.
 * A credential type extends `clientCredentialsApi(grant)` and brings only its vendor's fields and
 * messages (`ClientCredentialsSpec`); the rest is here.
 *
 * How the token is cached (the vendors ask for reuse until `expires_in`):
 * - n8n stores what `preAuthentication` returns with the credential: the hidden fields of
 *   `TOKEN_FIELDS`, so every item, execution and worker reuses the same token. n8n runs
 *   `preAuthentication` again only when the hidden `expirable` field is empty, after the API answered
 *   401, or in a credential test.
 * - `validity` (expirable) stores an expression that n8n resolves whenever it loads the credential:
 *   it reads "valid" until the stored `expiresAt` and "" afterwards, so the token is renewed shortly
 *   before it runs out (see `renewMargin` in ./tokenCache.ts) instead of after a failed call.
 * - Within one n8n process, concurrent renewals for the same client share one token request, and a
 *   caller holding an older copy of the credential (the items of one declarative run all carry the
 *   same copy) receives the token another caller just obtained, without another exchange
 *   (`TokenCache`; its keys are hashes, never the secret).
 *
 * Failures: a passing one (`isTransient`, the shared transport's retry rule: 429, 502/503/504, 500,
 * a dropped connection or timeout) is repeated by the grant `retries` times, or handed on as it is
 * so that the transport repeats the request that needed the token; every other failure becomes the
 * credential's own UserError, which never mentions the secret.
 */
import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestHelper,
	INodeProperties,
} from 'n8n-workflow';
import { sleep, type UserError } from 'n8n-workflow';

import { parseBody, type FailedResponse } from './errors';
import { secretKey } from './singleFlight';
import { cachedToken, TokenCache, tokenLifetimeMs, type CachedToken } from './tokenCache';
import { failureOf, isTransient } from './transport';

/** The hidden fields n8n keeps the token in (see the top of this file). */
export const TOKEN_FIELDS: INodeProperties[] = [
	{
		displayName: 'Token Validity',
		name: 'validity',
		type: 'hidden',
		typeOptions: { expirable: true },
		default: '',
	},
	{
		displayName: 'Access Token',
		name: 'accessToken',
		type: 'hidden',
		typeOptions: { password: true },
		default: '',
	},
	{ displayName: 'Token Expires At', name: 'expiresAt', type: 'hidden', default: 0 },
];

/** Client ID and Client Secret, as the vendor calls them. */
export function clientFields(clientIdDescription: string): INodeProperties[] {
	return [
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			required: true,
			default: '',
			description: clientIdDescription,
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
		},
	];
}

/** Where and how to ask for a token; a credential may add what its messages need. */
export interface TokenRequest {
	url: string;
	/** Form fields besides grant_type, client_id and client_secret (e.g. `scope`). */
	form?: Record<string, string>;
}

export interface ClientCredentialsSpec<Request extends TokenRequest> {
	/** The token request for these credentials; throws a UserError for credentials that cannot work. */
	tokenRequest(credentials: ICredentialDataDecryptedObject): Request;
	/**
	 * Passing failures: repeated here `retries` times, waiting `delayMs` and then twice as long each
	 * time, and then described like any other failure; or `'caller'`: handed on as they are at once,
	 * for the caller's retry logic (the shared transport).
	 */
	passing: 'caller' | { retries: number; delayMs: number };
	/** The error for a failed token request: what happened and what to fix. */
	failed(failure: FailedResponse, request: Request): UserError;
	/** The error for an answer that holds no access token. */
	noToken(request: Request): UserError;
}

/** One credential type's grant (one token cache per credential type). */
export class ClientCredentialsGrant<Request extends TokenRequest> {
	private readonly tokens = new TokenCache();

	constructor(private readonly spec: ClientCredentialsSpec<Request>) {}

	/** What the credential's `preAuthentication` returns: the cached token, or a new one. */
	async token(
		helper: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
	): Promise<CachedToken> {
		const request = this.spec.tokenRequest(credentials);
		const form = {
			grant_type: 'client_credentials',
			client_id: String(credentials.clientId ?? '').trim(),
			client_secret: String(credentials.clientSecret ?? ''),
			...request.form,
		};
		// one cache entry per token URL, client, secret and scope (hashed: see secretKey)
		const key = secretKey(request.url, ...Object.values(form));
		return await this.tokens.get(key, credentials.accessToken, () =>
			this.exchange(helper, request, form),
		);
	}

	private async exchange(
		helper: IHttpRequestHelper,
		request: Request,
		form: IDataObject,
	): Promise<CachedToken> {
		const { passing } = this.spec;
		for (let attempt = 0; ; attempt++) {
			const sent = await post(helper, request.url, form);
			if ('answer' in sent) return this.stored(sent.answer, request);
			const failure = failureOf(sent.error);
			if (isTransient(failure)) {
				// handed on as it is: the transport reads its status or code, repeats the request that
				// needed the token, and reports a lasting failure as a NodeApiError
				if (passing === 'caller') throw sent.error;
				if (attempt < passing.retries) {
					await sleep(passing.delayMs * 2 ** attempt);
					continue;
				}
			}
			throw this.spec.failed(failure, request);
		}
	}

	private stored(answer: unknown, request: Request): CachedToken {
		const body = parseBody(answer);
		const record = (body !== null && typeof body === 'object' ? body : {}) as IDataObject;
		const accessToken = record.access_token;
		if (typeof accessToken !== 'string' || !accessToken) throw this.spec.noToken(request);
		const now = Date.now();
		return cachedToken(accessToken, tokenLifetimeMs(record, accessToken, now), now);
	}
}

/** One token request: the token endpoint's answer, or what it failed with. */
async function post(
	helper: IHttpRequestHelper,
	url: string,
	form: IDataObject,
): Promise<{ answer: unknown } | { error: unknown }> {
	try {
		return {
			answer: await helper.helpers.httpRequest({
				method: 'POST',
				url,
				headers: {
					'Content-Type': 'application/x-www-form-urlencoded',
					Accept: 'application/json',
				},
				body: form,
				json: true,
			}),
		};
	} catch (error) {
		return { error };
	}
}

/** `error` and `error_description` (or `message`) of an OAuth2 error answer. */
export function oauthError(body: unknown): { code?: string; description?: string } {
	const parsed = parseBody(body);
	const record = (parsed !== null && typeof parsed === 'object' ? parsed : {}) as IDataObject;
	const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
	return {
		code: text(record.error),
		description: text(record.error_description ?? record.message),
	};
}

/**
 * The base class of a client-credentials credential type: every request carries the stored token,
 * and `preAuthentication` (which n8n calls with its request helper as `this`) returns the grant's
 * token. The credential class adds its fields (with `clientFields` and `TOKEN_FIELDS`) and its test.
 */
export function clientCredentialsApi<Request extends TokenRequest>(
	grant: ClientCredentialsGrant<Request>,
) {
	return class {
		authenticate: IAuthenticateGeneric = {
			type: 'generic',
			properties: { headers: { Authorization: '=Bearer {{$credentials.accessToken}}' } },
		};

		async preAuthentication(
			this: IHttpRequestHelper,
			credentials: ICredentialDataDecryptedObject,
		): Promise<CachedToken> {
			return await grant.token(this, credentials);
		}
	};
}
