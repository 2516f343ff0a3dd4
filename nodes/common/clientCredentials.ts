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
 * - A token is bound to the credential values that produced it (`binding`: client ID, secret,
 *   tenant, URLs …): their hash is stored with it (`tokenFor`), `validity` reads "" as soon as the
 *   credential holds other values, and the in-process cache is keyed by them, so an edited
 *   credential gets a new token on its next request instead of the old one.
 *
 * Every token request has the credential's timeout and follows no redirect to another host (the
 * form carries the client secret). Failures: a passing one (`isTransient`, the shared transport's
 * retry rule: 429, 502/503/504, 500, a dropped connection) is repeated by the grant `retries` times,
 * or handed on as it is so that the transport repeats the request that needed the token; a timeout
 * is handed on, or described at once; every other failure becomes the credential's own UserError,
 * which never mentions the secret.
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestHelper,
	INodeProperties,
} from 'n8n-workflow';
import { sleep, UserError } from 'n8n-workflow';

import { headerValue } from './headers';
import { authenticateWith } from './plainHttp';
import { parseBody, type FailedResponse } from './errors';
import { secretKey } from './singleFlight';
import { seconds, timeoutOf } from './timeout';
import {
	cachedToken,
	TokenCache,
	tokenBinding,
	tokenLifetimeMs,
	type CachedToken,
} from './tokenCache';
import { failureOf, isTimeout, isTransient, requestLine, sameHost } from './transport';

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
	{
		displayName: 'Token Issued For',
		name: 'tokenFor',
		type: 'hidden',
		typeOptions: { password: true },
		default: '',
	},
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
	/** The vendor, as the messages name it ("Sense"). */
	vendor: string;
	/**
	 * The credential fields the token depends on (client ID, secret, tenant, URLs …): a change of
	 * any of them makes the next request ask for a new token.
	 */
	binding: readonly string[];
	/** The token request for these credentials; throws a UserError for credentials that cannot work. */
	tokenRequest(credentials: ICredentialDataDecryptedObject): Request;
	/** The URLs the secret or the token go to (checked for plain http:// by the credential test). */
	urls(credentials: ICredentialDataDecryptedObject): string[];
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

	constructor(readonly spec: ClientCredentialsSpec<Request>) {}

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
		const tokenFor = tokenBinding(credentials, this.spec.binding);
		const timeout = timeoutOf(credentials);
		// one cache entry per credential values, token URL, client, secret and scope (hashed: see secretKey)
		const key = secretKey(tokenFor, request.url, ...Object.values(form).map(String));
		return await this.tokens.get(
			key,
			credentials.accessToken,
			() => this.exchange(helper, request, form, tokenFor, timeout),
			{ waitMs: timeout, expired: () => this.timedOut(request, timeout) },
		);
	}

	/** The error of a token request that did not answer in time. */
	private timedOut(request: Request, timeout: number): UserError {
		const where = requestLine('POST', request.url);
		return new UserError(
			`${this.spec.vendor} did not answer within ${seconds(timeout)} (${where})`,
			{
				description: `The token request got no complete answer within the credential's timeout of ${seconds(timeout)}. Try again later, or raise "Timeout (Seconds)" in the credential.`,
			},
		);
	}

	private async exchange(
		helper: IHttpRequestHelper,
		request: Request,
		form: IDataObject,
		tokenFor: string,
		timeout: number,
	): Promise<CachedToken> {
		const { passing } = this.spec;
		for (let attempt = 0; ; attempt++) {
			const sent = await post(helper, request.url, form, timeout);
			if ('answer' in sent) return this.stored(sent.answer, request, tokenFor);
			if ('redirect' in sent) {
				const { from, to } = sent.redirect;
				throw new UserError(
					`The ${this.spec.vendor} token URL redirected from ${from} to ${to}, another host: not followed`,
					{
						description: `The client ID and secret are sent only to ${from}, the token URL of the credential. If the token endpoint has moved, enter its new address in the credential.`,
					},
				);
			}
			const failure = failureOf(sent.error);
			if (isTimeout(failure)) {
				if (passing === 'caller') throw sent.error;
				throw this.timedOut(request, timeout);
			}
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

	private stored(answer: unknown, request: Request, tokenFor: string): CachedToken {
		const body = parseBody(answer);
		const record = (body !== null && typeof body === 'object' ? body : {}) as IDataObject;
		const accessToken = record.access_token;
		if (typeof accessToken !== 'string' || !accessToken) throw this.spec.noToken(request);
		const now = Date.now();
		return cachedToken(
			accessToken,
			tokenLifetimeMs(record, accessToken, now),
			{ tokenFor, fields: this.spec.binding },
			now,
		);
	}
}

const MAX_REDIRECTS = 5;

/**
 * One token request: the token endpoint's answer, or what it failed with. A redirect on the same
 * host is followed (the form posted again); one to another host is not (it would carry the secret).
 */
async function post(
	helper: IHttpRequestHelper,
	url: string,
	form: IDataObject,
	timeout: number,
): Promise<{ answer: unknown } | { error: unknown } | { redirect: { from: string; to: string } }> {
	let target = url;
	for (let redirects = 0; ; redirects++) {
		try {
			return {
				answer: await helper.helpers.httpRequest({
					method: 'POST',
					url: target,
					headers: {
						'Content-Type': 'application/x-www-form-urlencoded',
						Accept: 'application/json',
					},
					body: form,
					json: true,
					timeout,
					disableFollowRedirect: true,
				}),
			};
		} catch (error) {
			const failure = failureOf(error);
			const location = headerValue(failure.headers, 'location');
			const status = failure.status ?? 0;
			if (status < 300 || status >= 400 || !location || redirects >= MAX_REDIRECTS)
				return { error };
			let from: URL;
			let to: URL;
			try {
				from = new URL(target);
				to = new URL(location, target);
			} catch {
				return { error };
			}
			if (!sameHost(from, to)) return { redirect: { from: from.host, to: to.host } };
			target = to.href;
		}
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
 * The base class of a client-credentials credential type: every request carries the stored token
 * (and the credential test warns about plain http://, see ./plainHttp.ts), and `preAuthentication` (which n8n calls with its request helper as `this`) returns the grant's
 * token. The credential class adds its fields (with `clientFields` and `TOKEN_FIELDS`) and its test.
 */
export function clientCredentialsApi<Request extends TokenRequest>(
	grant: ClientCredentialsGrant<Request>,
) {
	return class {
		authenticate = authenticateWith(
			(credentials) => ({ Authorization: `Bearer ${String(credentials.accessToken ?? '')}` }),
			(credentials) => grant.spec.urls(credentials),
			'client secret and the tokens',
		);

		async preAuthentication(
			this: IHttpRequestHelper,
			credentials: ICredentialDataDecryptedObject,
		): Promise<CachedToken> {
			return await grant.token(this, credentials);
		}
	};
}
