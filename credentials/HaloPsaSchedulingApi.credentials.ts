import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	INodeProperties,
} from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

import { field, firstOf, join, urlExpression, urlOf } from '../nodes/common/credentialUrl';
import { secretKey } from '../nodes/common/singleFlight';
import {
	cachedToken,
	TokenCache,
	tokenLifetimeMs,
	type CachedToken,
} from '../nodes/common/tokenCache';

import { parseBody, vendorMessage } from '../nodes/common/errors';
import { failureOf } from '../nodes/common/transport';

/**
 * HaloPSA API: an application's client ID and secret (client-credentials grant) exchanged at the
 * Halo authorisation server for a bearer token.
 *
 * - n8n stores the token with the credential (hidden `accessToken` and `expiresAt`), so every item,
 *   execution and worker reuses it. The hidden `expirable` field `validity` turns empty once the
 *   announced `expires_in` has (nearly) passed, so n8n renews the token before Halo refuses it; a 401
 *   still renews it through n8n-core's retry (see nodes/common/tokenCache.ts).
 * - Declarative nodes send the requests of all items at once, so on a first run or at an expiry every
 *   item would ask for a token. Within one n8n process they share one exchange, and a request still
 *   holding the replaced token gets the new one without another exchange (keys are hashes, never
 *   the secret).
 * - A refused exchange throws a UserError saying what to fix: client ID/secret, tenant, URL.
 */

const HALO_RESOURCE_URL = firstOf(field('resourceUrl'), join(field('appUrl'), '/api'));
const HALO_AUTH_URL = firstOf(field('authUrl'), join(field('appUrl'), '/auth'));

/** `<Resource Server URL>` or `<Halo URL>/api`. */
export const haloResourceUrl = (credentials: IDataObject): string =>
	urlOf(HALO_RESOURCE_URL, credentials);

/** The same rule as an expression, for requestDefaults and the credential test. */
export const HALO_RESOURCE_URL_EXPRESSION = urlExpression(HALO_RESOURCE_URL);

/** `<Authorisation Server URL>` or `<Halo URL>/auth`. */
export const haloAuthUrl = (credentials: IDataObject): string => urlOf(HALO_AUTH_URL, credentials);

const isHosted = (credentials: IDataObject) => credentials.hosting !== 'selfHosted';
const tenantOf = (credentials: IDataObject) =>
	isHosted(credentials) ? String(credentials.tenant ?? '').trim() : '';

/** `<auth server>/token`, with `?tenant=<tenant>` for hosted Halo. */
export function haloTokenUrl(credentials: IDataObject): string {
	const tenant = tenantOf(credentials);
	return `${haloAuthUrl(credentials)}/token${tenant ? `?tenant=${encodeURIComponent(tenant)}` : ''}`;
}

const tokens = new TokenCache();

const NETWORK_REASONS: Record<string, string> = {
	ENOTFOUND: 'the host name does not resolve',
	EAI_AGAIN: 'the host name could not be resolved',
	ECONNREFUSED: 'the connection was refused',
	CERT_HAS_EXPIRED: 'its certificate has expired',
	DEPTH_ZERO_SELF_SIGNED_CERT: 'it uses a self-signed certificate',
	UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its certificate could not be verified',
};

const TRANSIENT = new Set(['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'ESOCKETTIMEDOUT']);

interface ExchangeContext {
	tokenUrl: string;
	host: string;
	hosted: boolean;
	tenant: string;
	scope: string;
}

/**
 * A UserError for a refused or failed token exchange (never mentions the secret); undefined for
 * 429, 5xx and dropped connections, which are rethrown as they are so the shared transport retries.
 */
function exchangeError(error: unknown, ctx: ExchangeContext): UserError | undefined {
	const failure = failureOf(error);
	const where = ctx.tokenUrl.split('?')[0];
	// dropped connections and timeouts are passing conditions: the caller's retry logic handles them
	if (failure.status === undefined && failure.code && TRANSIENT.has(failure.code)) return undefined;
	if (failure.status === undefined) {
		const reason =
			(failure.code && NETWORK_REASONS[failure.code]) ?? failure.message ?? 'no response';
		return new UserError(`Could not reach the Halo authorisation server ${ctx.host}: ${reason}`, {
			description: `Check the Halo URL (and the Authorisation Server URL override, if set). The token request went to ${where}.`,
		});
	}
	// 429 and 5xx are passing conditions: let the caller's retry logic see the original error
	if (failure.status === 429 || failure.status >= 500) return undefined;
	const body = parseBody(failure.body);
	const record = (body && typeof body === 'object' ? body : {}) as IDataObject;
	const code = String(record.error ?? '').toLowerCase();
	const detail = vendorMessage(body);
	const answered = `The server answered ${failure.status}${detail ? `: ${detail}` : ''}.`;
	if (
		ctx.hosted &&
		(/tenant/i.test(typeof body === 'string' ? body : JSON.stringify(body ?? '')) ||
			failure.status === 404)
	) {
		return new UserError(`HaloPSA does not know the tenant "${ctx.tenant}"`, {
			description: `Check the Tenant field (Halo shows it under Configuration → Integrations → Halo API). ${answered}`,
		});
	}
	if (code === 'invalid_client' || code === 'unauthorized_client' || failure.status === 401) {
		return new UserError(
			`HaloPSA rejected the client ID or client secret (${code || failure.status})`,
			{
				description:
					'Copy the Client ID and Client Secret again from the API application in Halo (Configuration → Integrations → Halo API → View Applications); ' +
					`its authentication method must be "Client ID and Secret (Services)".${ctx.hosted ? ' If both are right, check the tenant.' : ''}`,
			},
		);
	}
	if (code === 'invalid_scope') {
		return new UserError(`HaloPSA refused the scope "${ctx.scope}"`, {
			description: `Use "all" or scopes the API application is allowed. ${answered}`,
		});
	}
	if (failure.status === 404 || failure.status === 405) {
		return new UserError(`There is no Halo token endpoint at ${where}`, {
			description: `Check the Halo URL, or set the Authorisation Server URL shown in Halo under Configuration → Integrations → Halo API. ${answered}`,
		});
	}
	return new UserError(
		`HaloPSA's token request failed (HTTP ${failure.status}${code ? `, ${code}` : ''})`,
		{ description: answered },
	);
}

async function exchangeToken(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
	ctx: ExchangeContext,
): Promise<CachedToken> {
	let body: unknown;
	try {
		body = await helper.helpers.httpRequest({
			method: 'POST',
			url: ctx.tokenUrl,
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
			body: {
				grant_type: 'client_credentials',
				client_id: String(credentials.clientId ?? '').trim(),
				client_secret: String(credentials.clientSecret ?? ''),
				scope: ctx.scope,
			},
			json: true,
		});
	} catch (error) {
		const clear = exchangeError(error, ctx);
		if (clear) throw clear;
		throw error;
	}
	const parsed = parseBody(body) as IDataObject | undefined;
	const token = parsed && typeof parsed === 'object' ? parsed.access_token : undefined;
	if (typeof token !== 'string' || !token) {
		throw new UserError(`${ctx.host} answered the token request without an access token`, {
			description:
				"The Authorisation Server URL should point at Halo's authorisation server (usually <Halo URL>/auth), not at a web page.",
		});
	}
	return cachedToken(token, tokenLifetimeMs(parsed as IDataObject, token));
}

function validated(credentials: ICredentialDataDecryptedObject): ExchangeContext {
	if (
		!urlOf(field('appUrl'), credentials) &&
		!(urlOf(field('authUrl'), credentials) && urlOf(field('resourceUrl'), credentials))
	) {
		throw new UserError('Enter the Halo URL in the HaloPSA credential', {
			description: 'For example https://yourcompany.halopsa.com',
		});
	}
	const hosted = isHosted(credentials);
	const tenant = tenantOf(credentials);
	if (hosted && !tenant) {
		throw new UserError('Enter the Halo tenant in the HaloPSA credential', {
			description:
				'Hosted Halo needs the tenant name; Halo shows it under Configuration → Integrations → Halo API.',
		});
	}
	const tokenUrl = haloTokenUrl(credentials);
	let host: string;
	try {
		host = new URL(tokenUrl).host;
	} catch {
		throw new UserError(`"${tokenUrl.split('?')[0]}" is not a valid URL`, {
			description: 'Enter the Halo URL with https://, e.g. https://yourcompany.halopsa.com',
		});
	}
	return { tokenUrl, host, hosted, tenant, scope: String(credentials.scope ?? '').trim() || 'all' };
}

export class HaloPsaSchedulingApi implements ICredentialType {
	name = 'haloPsaSchedulingApi';

	displayName = 'HaloPSA Scheduling API';

	icon = { light: 'file:../icons/halopsa.svg', dark: 'file:../icons/halopsa.dark.svg' } as const;

	documentationUrl =
		'https://github.com/n8n-nodes-workforce/n8n-nodes-workforce#halopsa-scheduling';

	properties: INodeProperties[] = [
		{
			displayName: 'Hosting',
			name: 'hosting',
			type: 'options',
			options: [
				{ name: 'Hosted by Halo (Cloud)', value: 'hosted' },
				{ name: 'Self-Hosted (On-Premise)', value: 'selfHosted' },
			],
			default: 'hosted',
		},
		{
			displayName: 'Halo URL',
			name: 'appUrl',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'https://yourcompany.halopsa.com',
			description:
				'Address of your Halo web application. The API is called at <Halo URL>/api and tokens come from <Halo URL>/auth unless you override them below.',
		},
		{
			displayName: 'Tenant',
			name: 'tenant',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'yourcompany',
			description: 'Your tenant name, shown in Halo under Configuration → Integrations → Halo API',
			displayOptions: { show: { hosting: ['hosted'] } },
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			required: true,
			default: '',
			description:
				'Of an API application with the "Client ID and Secret (Services)" authentication method',
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
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			default: 'all',
			description: 'Permissions to request; "all" grants everything the application allows',
		},
		{
			displayName: 'Resource Server URL (Override)',
			name: 'resourceUrl',
			type: 'string',
			default: '',
			placeholder: 'https://yourcompany.halopsa.com/api',
			description:
				'Only if the API is not at <Halo URL>/api (Halo shows the Resource Server under Configuration → Integrations → Halo API)',
		},
		{
			displayName: 'Authorisation Server URL (Override)',
			name: 'authUrl',
			type: 'string',
			default: '',
			placeholder: 'https://yourcompany.halopsa.com/auth',
			description:
				'Only if tokens do not come from <Halo URL>/auth; the token request goes to <this URL>/token',
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
		const ctx = validated(credentials);
		const clientId = String(credentials.clientId ?? '').trim();
		const key = secretKey(
			ctx.tokenUrl,
			clientId,
			ctx.scope,
			String(credentials.clientSecret ?? ''),
		);
		return await tokens.get(key, credentials.accessToken, () =>
			exchangeToken(this, credentials, ctx),
		);
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.accessToken}}' } },
	};

	// A credential test always runs preAuthentication first, so this proves the token exchange and an API call.
	test: ICredentialTestRequest = {
		request: { baseURL: HALO_RESOURCE_URL_EXPRESSION, url: '/Agent/me' },
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'Halo issued a token, but the API application may not read agents: check its permissions',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'Halo issued a token, but there is no Halo API at this address: check the Halo URL or the Resource Server URL',
				},
			},
		],
	};
}
