import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

import {
	authenticateWith,
	CREDENTIAL_TEST_HEADER,
	plainHttpNotice,
} from '../nodes/common/plainHttp';
import { TIMEOUT_FIELD } from '../nodes/common/timeout';

export class SessionsApi implements ICredentialType {
	name = 'sessionsApi';

	displayName = 'Sessions API';

	icon = { light: 'file:../icons/sessions.svg', dark: 'file:../icons/sessions.dark.svg' } as const;

	documentationUrl = 'https://api.app.sessions.us/api-docs/';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'Workspace settings → Public API → New key (role USER, or GUEST for guest actions only)',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.app.sessions.us',
			description: 'Change only to reach a sandbox or a proxy',
		},
		plainHttpNotice('baseUrl', 'API key'),
		TIMEOUT_FIELD,
	];

	authenticate = authenticateWith(
		(credentials) => ({ 'x-api-key': String(credentials.apiKey ?? '') }),
		(credentials) => [String(credentials.baseUrl ?? '').trim()],
		'API key',
	);

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ String($credentials.baseUrl).replace(/\\/+$/, "") }}',
			url: '/api/sessions',
			qs: { page: 1 },
			headers: { [CREDENTIAL_TEST_HEADER]: '1' },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Sessions rejected the API key (401): check that the key is copied whole and still exists under Workspace settings → Public API in Sessions',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						"Sessions accepted the API key but denied access (403): the key's role does not allow listing sessions; create a key with the role USER",
				},
			},
		],
	};
}
