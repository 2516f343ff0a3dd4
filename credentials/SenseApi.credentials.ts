import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

import {
	ClientCredentialsGrant,
	clientCredentialsApi,
	clientFields,
	oauthError,
	TOKEN_FIELDS,
} from '../nodes/common/clientCredentials';
import { networkReason } from '../nodes/common/errors';
import { CREDENTIAL_TEST_HEADER, plainHttpNotice } from '../nodes/common/plainHttp';
import { TIMEOUT_FIELD } from '../nodes/common/timeout';
import { SENSE_BASE_URL_EXPRESSION, senseBaseUrl } from '../nodes/Sense/shared/vendor';

/**
 * Sense API: OAuth2 client credentials exchanged for a short-lived bearer token (Sense requires reuse
 * until `expires_in`), cached as nodes/common/clientCredentials.ts describes. A token request that
 * fails in passing is repeated twice here, 300 ms and 600 ms later.
 */

const PRODUCTION_TOKEN_URL = 'https://partner-auth.sensehq.com/oauth2/token';
const PRODUCTION_BASE_URL = 'https://partner-api.sensehq.com/v1';

const tokenUrlOf = (credentials: Readonly<Record<string, unknown>>) =>
	String(credentials.tokenUrl || PRODUCTION_TOKEN_URL).trim();

/** The fields a token depends on: a change of any of them makes the next request ask for a new one. */
export const SENSE_TOKEN_BINDING = ['clientId', 'clientSecret', 'tokenUrl', 'baseUrl'];

const grant = new ClientCredentialsGrant({
	vendor: 'Sense',
	binding: SENSE_TOKEN_BINDING,
	tokenRequest: (credentials) => ({ url: tokenUrlOf(credentials) }),
	urls: (credentials) => [tokenUrlOf(credentials), senseBaseUrl(credentials)],
	passing: { retries: 2, delayMs: 300 },
	// names the status and the token endpoint's own error, never the request (which holds the secret)
	failed({ status, body, code, message }, { url }) {
		if (status === undefined) {
			return new UserError(
				`Could not reach the Sense token URL ${url.split('?')[0]}: ${networkReason({ code, message })}`,
				{
					description: `${code ? `${code}. ` : ''}Check the Token URL in the credential (the production one is ${PRODUCTION_TOKEN_URL}).`,
				},
			);
		}
		const { code: error, description } = oauthError(body);
		const reason = [error, description].filter(Boolean).join(': ');
		const what = status ? `HTTP ${status}` : (code ?? 'no response');
		const hint = status === 400 || status === 401 ? ' Check the client ID and client secret.' : '';
		return new UserError(
			`Sense token request failed (${what})${reason ? `: ${reason}` : ''}.${hint}`,
		);
	},
	noToken: () => new UserError('Sense token request failed: the answer holds no access_token.'),
});

export class SenseApi extends clientCredentialsApi(grant) implements ICredentialType {
	name = 'senseApi';

	displayName = 'Sense API';

	icon = { light: 'file:../icons/sense.svg', dark: 'file:../icons/sense.dark.svg' } as const;

	documentationUrl = 'https://github.com/n8n-nodes-workforce/n8n-nodes-workforce#sense';

	properties: INodeProperties[] = [
		...clientFields('OAuth2 client ID the Sense team issued for your agency'),
		{
			displayName: 'Token URL',
			name: 'tokenUrl',
			type: 'string',
			default: PRODUCTION_TOKEN_URL,
			description: 'Change only for a staging or sandbox environment',
		},
		plainHttpNotice('tokenUrl', 'client secret'),
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: PRODUCTION_BASE_URL,
			description:
				'API base URL including the version, e.g. https://partner-api.sensehq.com/v1. Change only for a staging or sandbox environment.',
		},
		plainHttpNotice('baseUrl', 'access token'),
		TIMEOUT_FIELD,
		...TOKEN_FIELDS,
	];

	// Proves both steps: the token exchange (preAuthentication runs for every credential test) and an API call.
	test: ICredentialTestRequest = {
		request: {
			baseURL: SENSE_BASE_URL_EXPRESSION,
			url: '/candidates/possible-values/status',
			headers: { [CREDENTIAL_TEST_HEADER]: '1' },
		},
	};
}
