import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The pre-shared token Sense sends with every write-back, either as `Authorization: Bearer <token>`
 * or as a query parameter of the write-back URL. Nothing remote can verify it: the Sense Trigger
 * node tests it locally (`testedBy`) and compares it in constant time with each delivery.
 */
export class SenseWebhookApi implements ICredentialType {
	name = 'senseWebhookApi';

	displayName = 'Sense Write-Back Webhook API';

	icon = { light: 'file:../icons/sense.svg', dark: 'file:../icons/sense.dark.svg' } as const;

	documentationUrl = 'https://developer.sensehq.com/';

	properties: INodeProperties[] = [
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'A long random value (at least 16 characters) that you give Sense staff together with the write-back URL',
		},
	];
}
