import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { setupNotice, WebhookTrigger } from '../common/webhookTrigger';
import {
	AUTOMATIC,
	MANUAL,
	SESSIONS_DELIVERIES,
	SESSIONS_EVENT_LABELS,
	TOKEN_QUERY,
} from './delivery';
import { sessionsRegistration } from './registration';

const deliveries = new WebhookTrigger(SESSIONS_DELIVERIES);

const inMode = (mode: string) => ({ show: { registration: [mode] } });

export class SessionsTrigger extends deliveries.nodeType() implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sessions Trigger',
		name: 'sessionsTrigger',
		icon: { light: 'file:../../icons/sessions.svg', dark: 'file:../../icons/sessions.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ ($parameter["events"] || []).length + " event(s)" }}',
		description:
			'Starts the workflow when Sessions sends a webhook: sessions, bookings and events created, updated, started or ended, registrations, takeaways, transcripts, recordings',
		defaults: { name: 'Sessions Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'sessionsApi', required: true, displayOptions: inMode(AUTOMATIC) },
			{
				name: 'sessionsWebhookApi',
				required: true,
				testedBy: 'sessionsWebhookToken',
				displayOptions: inMode(MANUAL),
			},
		],
		webhooks: [deliveries.endpoint()],
		properties: deliveries.properties([
			{
				...setupNotice(
					'Publishing the workflow registers a Sessions webhook for each selected event, with a URL that carries a secret token the node generates; unpublishing removes them. Nothing to set up in Sessions.',
				),
				displayOptions: inMode(AUTOMATIC),
			},
			{
				...setupNotice(
					`Publish the workflow, then in Sessions (Workspace settings → Webhooks) add the Production URL shown above with ?${TOKEN_QUERY}=<the token of the credential> appended, for the events selected below.`,
				),
				name: 'manualNotice',
				displayOptions: inMode(MANUAL),
			},
			{
				displayName: 'Registration',
				name: 'registration',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Automatic (Sessions API)',
						value: AUTOMATIC,
						description:
							'The node registers and removes the webhooks with your API key (it needs webhook rights)',
					},
					{
						name: 'Manual (Workspace Settings)',
						value: MANUAL,
						description: 'You paste the URL into Sessions yourself',
					},
				],
				default: AUTOMATIC,
			},
			{
				displayName: 'Permission',
				name: 'permission',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Personal',
						value: 'personal',
						description: 'Only events of the user the API key belongs to',
					},
					{
						name: 'Organization',
						value: 'organization',
						description: 'Events of every user of the organization',
					},
				],
				default: 'personal',
				displayOptions: inMode(AUTOMATIC),
			},
			deliveries.eventsProperty({
				displayName: 'Events',
				labels: SESSIONS_EVENT_LABELS,
				selected: [],
				description:
					'The events to receive: one Sessions webhook is registered for each. Deliveries of other events are acknowledged (HTTP 200) without starting the workflow.',
			}),
			deliveries.optionsCollection(
				[
					{
						displayName: 'Duplicate Window (Seconds)',
						name: 'duplicateWindow',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 300,
						description:
							'Sessions sends no delivery ID: the same event with the same data received again within this time is treated as a re-delivery. 0 turns this off.',
					},
				],
				{
					remembered: {
						displayName: 'Remembered Deliveries',
						description: 'How many recent deliveries are kept to recognise re-deliveries',
					},
					unknown: {
						displayName: 'Unrecognized Events',
						description: 'What to do with a delivery of an event Sessions adds later',
						ignore: 'Answer 200 without starting the workflow',
					},
				},
			),
		]),
	};

	webhookMethods = { default: sessionsRegistration };
}
