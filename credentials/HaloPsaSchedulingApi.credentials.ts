import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	INodeProperties,
} from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

import {
	ClientCredentialsGrant,
	clientCredentialsApi,
	clientFields,
	oauthError,
	TOKEN_FIELDS,
	type TokenRequest,
} from '../nodes/common/clientCredentials';
import { field, firstOf, join, urlExpression, urlOf } from '../nodes/common/credentialUrl';
import { CREDENTIAL_TEST_HEADER, plainHttpNotice } from '../nodes/common/plainHttp';
import { TIMEOUT_FIELD } from '../nodes/common/timeout';
import { HALO_RATE_LIMIT, HALO_RATE_LIMIT_FIELDS } from '../nodes/HaloPsaScheduling/shared/vendor';
import {
	networkReason,
	parseBody,
	vendorMessage,
	type FailedResponse,
} from '../nodes/common/errors';

/**
 * HaloPSA API: an application's client ID and secret (client-credentials grant) exchanged at the
 * Halo authorisation server for a bearer token, cached as nodes/common/clientCredentials.ts
 * describes. A token request that fails in passing is handed on to the shared transport, which
 * repeats the request that needed the token; a refused one throws a UserError saying what to fix:
 * client ID/secret, tenant, URL.
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

interface HaloTokenRequest extends TokenRequest {
	host: string;
	hosted: boolean;
	tenant: string;
	scope: string;
}

/** A UserError for a refused or failed token exchange (never mentions the secret). */
function exchangeError(failure: FailedResponse, ctx: HaloTokenRequest): UserError {
	const where = ctx.url.split('?')[0];
	if (failure.status === undefined) {
		return new UserError(
			`Could not reach the Halo authorisation server ${ctx.host}: ${networkReason(failure)}`,
			{
				description: `Check the Halo URL (and the Authorisation Server URL override, if set). The token request went to ${where}.`,
			},
		);
	}
	const body = parseBody(failure.body);
	const code = (oauthError(body).code ?? '').toLowerCase();
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

function tokenRequest(credentials: ICredentialDataDecryptedObject): HaloTokenRequest {
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
	const scope = String(credentials.scope ?? '').trim() || 'all';
	return { url: tokenUrl, form: { scope }, host, hosted, tenant, scope };
}

/** The fields a token depends on: a change of any of them makes the next request ask for a new one. */
export const HALO_TOKEN_BINDING = [
	'hosting',
	'appUrl',
	'tenant',
	'clientId',
	'clientSecret',
	'scope',
	'resourceUrl',
	'authUrl',
];

const grant = new ClientCredentialsGrant({
	vendor: 'HaloPSA',
	binding: HALO_TOKEN_BINDING,
	tokenRequest,
	urls: (credentials) => [haloTokenUrl(credentials), haloResourceUrl(credentials)],
	passing: 'caller',
	failed: exchangeError,
	noToken: (ctx) =>
		new UserError(`${ctx.host} answered the token request without an access token`, {
			description:
				"The Authorisation Server URL should point at Halo's authorisation server (usually <Halo URL>/auth), not at a web page.",
		}),
});

export class HaloPsaSchedulingApi extends clientCredentialsApi(grant) implements ICredentialType {
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
		plainHttpNotice('appUrl', 'client secret and the tokens'),
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
		...clientFields(
			'Of an API application with the "Client ID and Secret (Services)" authentication method',
		),
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
		plainHttpNotice('resourceUrl', 'tokens'),
		{
			displayName: 'Authorisation Server URL (Override)',
			name: 'authUrl',
			type: 'string',
			default: '',
			placeholder: 'https://yourcompany.halopsa.com/auth',
			description:
				'Only if tokens do not come from <Halo URL>/auth; the token request goes to <this URL>/token',
		},
		plainHttpNotice('authUrl', 'client secret'),
		TIMEOUT_FIELD,
		{
			displayName: 'Rate Limit (Requests)',
			name: HALO_RATE_LIMIT_FIELDS.limit,
			type: 'number',
			typeOptions: { minValue: 0 },
			default: HALO_RATE_LIMIT.limit,
			description:
				'Most requests n8n sends with this credential in any rolling window (below). Halo-hosted instances allow 300 per 5 minutes; 0 turns the limit off (a 429 is still waited for).',
		},
		{
			displayName: 'Rate Limit Window (Seconds)',
			name: HALO_RATE_LIMIT_FIELDS.windowSeconds,
			type: 'number',
			typeOptions: { minValue: 0 },
			default: HALO_RATE_LIMIT.windowSeconds,
			description: 'Length of the rolling window of the rate limit',
		},
		...TOKEN_FIELDS,
	];

	// A credential test always runs preAuthentication first, so this proves the token exchange and an API call.
	test: ICredentialTestRequest = {
		request: {
			baseURL: HALO_RESOURCE_URL_EXPRESSION,
			url: '/Agent/me',
			headers: { [CREDENTIAL_TEST_HEADER]: '1' },
		},
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
