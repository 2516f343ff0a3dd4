import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The token of a Sessions webhook URL that a person pastes into Sessions (the Sessions Trigger's
 * manual registration): Sessions signs nothing, so the URL carries it as `?token=<token>`. Nothing
 * remote can verify it: the trigger tests it locally (`testedBy`) and compares it in constant time
 * with what each delivery carries. Automatic registration needs no such credential: the node
 * generates the token itself.
 */
export class SessionsWebhookApi implements ICredentialType {
	name = 'sessionsWebhookApi';

	displayName = 'Sessions Webhook API';

	icon = { light: 'file:../icons/sessions.svg', dark: 'file:../icons/sessions.dark.svg' } as const;

	documentationUrl =
		'https://github.com/n8n-nodes-workforce/n8n-nodes-workforce/blob/main/docs/triggers.md#sessions-trigger';

	properties: INodeProperties[] = [
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'A long random value you choose (at least 16 characters, letters and digits). Append it to the URL you paste into Sessions as ?token=<token>.',
		},
	];
}
