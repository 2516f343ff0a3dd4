import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The shared secret Sesame HR sends with each webhook delivery (agreed with Sesame support when
 * they enable webhooks). Nothing remote can verify it: the Sesame HR Trigger node tests it locally
 * (`testedBy`) and compares it in constant time with what each delivery carries.
 */
export class SesameHrWebhookApi implements ICredentialType {
	name = 'sesameHrWebhookApi';

	displayName = 'Sesame HR Webhook API';

	icon = { light: 'file:../icons/sesame.svg', dark: 'file:../icons/sesame.dark.svg' } as const;

	documentationUrl = 'https://apidocs.sesametime.com/api-reference/webhooks';

	properties: INodeProperties[] = [
		{
			displayName: 'Shared Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'A long random value (at least 16 characters). Ask Sesame support to send it with every delivery, in the header or query parameter chosen in the trigger node.',
		},
	];
}
