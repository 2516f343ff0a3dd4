import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	INodeProperties,
} from 'n8n-workflow';
import { sleep, UserError } from 'n8n-workflow';

import { SENSE_BASE_URL_EXPRESSION } from '../nodes/Sense/shared/vendor';
import { secretKey } from '../nodes/common/singleFlight';
import { failureOf } from '../nodes/common/transport';
import {
	cachedToken,
	TokenCache,
	tokenLifetimeMs,
	type CachedToken,
} from '../nodes/common/tokenCache';

/**
 * Sense API: OAuth2 client credentials exchanged for a short-lived bearer token.
 *
 * Token caching (Sense requires reuse until `expires_in`):
 * - `accessToken` and `expiresAt` are hidden fields that n8n persists with the credential, so
 *   every item, execution and worker reuses the same token.
 * - n8n's CredentialsHelper runs `preAuthentication` only when the hidden `expirable` field is empty,
 *   after the API answered 401, or during a credential test. The expirable field `validity` therefore
 *   stores an expression that n8n resolves whenever it loads the credential: it reads "valid" until
 *   the stored expiry and "" afterwards — so the token is renewed before it runs out instead of after
 *   a failed call. A 401 still renews it through n8n-core's retry path.
 * - Within one n8n process, concurrent renewals for the same client share one token request, and a
 *   caller holding an older copy of the credential receives the token another caller just obtained.
 */

const PRODUCTION_TOKEN_URL = 'https://partner-auth.sensehq.com/oauth2/token';
const PRODUCTION_BASE_URL = 'https://partner-api.sensehq.com/v1';

const tokens = new TokenCache();

/** A message naming the status and the token endpoint's own error, never the request (which holds the secret). */
function tokenError(error: unknown): UserError {
	const { status, body, code } = failureOf(error);
	const data = (body !== null && typeof body === 'object' ? body : {}) as Record<string, unknown>;
	const reason = [data.error, data.error_description ?? data.message]
		.filter((v) => typeof v === 'string' && v)
		.join(': ');
	const what = status ? `HTTP ${status}` : (code ?? 'no response');
	const hint = status === 400 || status === 401 ? ' Check the client ID and client secret.' : '';
	return new UserError(
		`Sense token request failed (${what})${reason ? `: ${reason}` : ''}.${hint}`,
	);
}

const retryable = (error: unknown) => {
	const { status, code } = failureOf(error);
	return status === undefined ? !!code : status === 429 || status >= 500;
};

async function requestToken(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<CachedToken> {
	const tokenUrl = String(credentials.tokenUrl || PRODUCTION_TOKEN_URL).trim();
	for (let attempt = 0; ; attempt++) {
		try {
			const body = (await helper.helpers.httpRequest({
				method: 'POST',
				url: tokenUrl,
				headers: {
					'Content-Type': 'application/x-www-form-urlencoded',
					Accept: 'application/json',
				},
				body: {
					grant_type: 'client_credentials',
					client_id: String(credentials.clientId ?? '').trim(),
					client_secret: String(credentials.clientSecret ?? ''),
				},
				json: true,
			})) as Record<string, unknown>;
			const accessToken = typeof body?.access_token === 'string' ? body.access_token : '';
			if (!accessToken)
				throw new UserError('Sense token request failed: the answer holds no access_token.');
			const now = Date.now();
			return cachedToken(accessToken, tokenLifetimeMs(body, accessToken, now), now);
		} catch (error) {
			if (error instanceof UserError) throw error;
			// transient failures: two more attempts with a short backoff
			if (attempt < 2 && retryable(error)) {
				await sleep(300 * 2 ** attempt);
				continue;
			}
			throw tokenError(error);
		}
	}
}

export class SenseApi implements ICredentialType {
	name = 'senseApi';

	displayName = 'Sense API';

	icon = { light: 'file:../icons/sense.svg', dark: 'file:../icons/sense.dark.svg' } as const;

	documentationUrl = 'https://github.com/n8n-nodes-workforce/n8n-nodes-workforce#sense';

	properties: INodeProperties[] = [
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			required: true,
			default: '',
			description: 'OAuth2 client ID the Sense team issued for your agency',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
		},
		{
			displayName: 'Token URL',
			name: 'tokenUrl',
			type: 'string',
			default: PRODUCTION_TOKEN_URL,
			description: 'Change only for a staging or sandbox environment',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: PRODUCTION_BASE_URL,
			description:
				'API base URL including the version, e.g. https://partner-api.sensehq.com/v1. Change only for a staging or sandbox environment.',
		},
		// Kept by n8n with the credential (see the comment at the top of this file).
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

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		// a hash of token URL, client id and secret: no secret is kept in clear as a key
		const key = secretKey(
			String(credentials.tokenUrl ?? ''),
			String(credentials.clientId ?? ''),
			String(credentials.clientSecret ?? ''),
		);
		return await tokens.get(key, credentials.accessToken, () => requestToken(this, credentials));
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.accessToken}}' } },
	};

	// Proves both steps: the token exchange (preAuthentication runs for every credential test) and an API call.
	test: ICredentialTestRequest = {
		request: {
			baseURL: SENSE_BASE_URL_EXPRESSION,
			url: '/candidates/possible-values/status',
		},
	};
}
