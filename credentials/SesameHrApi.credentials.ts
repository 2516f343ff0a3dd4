import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

import {
	authenticateWith,
	CREDENTIAL_TEST_HEADER,
	plainHttpNotice,
} from '../nodes/common/plainHttp';
import { TIMEOUT_FIELD } from '../nodes/common/timeout';
import {
	SESAME_BASE_URL_EXPRESSION,
	SESAME_REGIONS,
	sesameBaseUrl,
} from '../nodes/SesameHr/shared/vendor';

export class SesameHrApi implements ICredentialType {
	name = 'sesameHrApi';

	displayName = 'Sesame HR API';

	icon = { light: 'file:../icons/sesame.svg', dark: 'file:../icons/sesame.dark.svg' } as const;

	documentationUrl = 'https://apidocs.sesametime.com/authentication';

	properties: INodeProperties[] = [
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'In Sesame: Settings → Integrations → API → Create New Token (needs admin permissions)',
		},
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			options: [
				...SESAME_REGIONS.map((region) => ({
					name: `${region.toUpperCase()} (${new URL(sesameBaseUrl({ region })).host})`,
					value: region,
				})),
				{
					name: 'Custom URL',
					value: 'custom',
					description: 'Another region, a sandbox or a proxy',
				},
			],
			default: 'eu1',
			description:
				'The data region of your Sesame account (shown next to your API tokens in Sesame). If the connection test reports ENOTFOUND, the region (or base URL) does not exist.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://api-eu1.sesametime.com',
			description:
				'The API base URL, e.g. https://api-eu5.sesametime.com or the URL of a sandbox or proxy',
			displayOptions: { show: { region: ['custom'] } },
		},
		plainHttpNotice('baseUrl', 'API token', { region: ['custom'] }),
		TIMEOUT_FIELD,
	];

	authenticate = authenticateWith(
		(credentials) => ({ Authorization: `Bearer ${String(credentials.apiToken ?? '')}` }),
		(credentials) => [sesameBaseUrl(credentials)],
		'API token',
	);

	test: ICredentialTestRequest = {
		request: {
			baseURL: SESAME_BASE_URL_EXPRESSION,
			url: '/core/v3/info',
			headers: { [CREDENTIAL_TEST_HEADER]: '1' },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Sesame HR rejected the API token (401): check that the token is active and belongs to the selected region',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'Sesame HR accepted the token but denied access (403): the token lacks permission for the API',
				},
			},
		],
	};
}
