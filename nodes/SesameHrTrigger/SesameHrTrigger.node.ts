import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { setupNotice, WebhookTrigger } from '../common/webhookTrigger';
import {
	DEFAULT_SECRET_HEADER,
	DEFAULT_SECRET_QUERY,
	SESAME_DELIVERIES,
	SESAME_EVENT_LABELS,
} from './delivery';

const deliveries = new WebhookTrigger(SESAME_DELIVERIES);

export class SesameHrTrigger extends deliveries.nodeType() implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sesame HR Trigger',
		name: 'sesameHrTrigger',
		icon: { light: 'file:../../icons/sesame.svg', dark: 'file:../../icons/sesame.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ ($parameter["events"] || []).length + " event(s)" }}',
		description:
			'Starts the workflow when Sesame HR sends an employee or clock-in/clock-out webhook',
		defaults: { name: 'Sesame HR Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'sesameHrWebhookApi',
				required: true,
				testedBy: 'sesameHrWebhookSecret',
				displayOptions: { show: { authentication: ['sharedSecret'] } },
			},
		],
		webhooks: [deliveries.endpoint()],
		properties: deliveries.properties([
			setupNotice(
				'Sesame HR turns webhooks on through its support team, not through the API: send them the Production URL shown above (and, with authentication, the shared secret and where to put it) and ask for the events selected below. Publish the workflow first. Without Sesame webhooks, use the Sesame HR Poll Trigger node instead: it asks the API for changes on a schedule.',
			),
			deliveries.eventsProperty({
				displayName: 'Events',
				labels: SESAME_EVENT_LABELS,
				description:
					'Deliveries of other events are acknowledged (HTTP 200) without starting the workflow',
			}),
			deliveries.authenticationProperty({
				name: 'Shared Secret',
				description:
					'Whether each delivery must carry the shared secret; deliveries without the right one are answered 401 and start nothing',
			}),
			{
				displayName: 'Secret Location',
				name: 'secretLocation',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Header', value: 'header' },
					{ name: 'Query Parameter', value: 'query' },
				],
				default: 'header',
				displayOptions: { show: { authentication: ['sharedSecret'] } },
			},
			{
				displayName: 'Header Name',
				name: 'headerName',
				type: 'string',
				default: DEFAULT_SECRET_HEADER,
				description:
					'Header carrying the secret (for `Authorization` a `Bearer ` prefix is accepted)',
				displayOptions: { show: { authentication: ['sharedSecret'], secretLocation: ['header'] } },
			},
			{
				displayName: 'Query Parameter Name',
				name: 'queryParameterName',
				type: 'string',
				default: DEFAULT_SECRET_QUERY,
				description:
					'Query parameter carrying the secret: give Sesame the URL with "?name=secret" appended',
				displayOptions: { show: { authentication: ['sharedSecret'], secretLocation: ['query'] } },
			},
			deliveries.optionsCollection(
				[
					{
						displayName: 'Delivery ID Field',
						name: 'deliveryIdField',
						type: 'string',
						default: '',
						placeholder: 'e.g. meta.deliveryId',
						description:
							'Dotted path of a per-delivery ID in the body, tried before the usual names (deliveryId, eventId, ...). Deliveries with the same ID start one run.',
					},
					{
						displayName: 'Duplicate Window (Seconds)',
						name: 'duplicateWindow',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 300,
						description:
							'Without a delivery ID, an identical body received again within this time is treated as a re-delivery. 0 turns this off.',
					},
					{
						displayName: 'Event Field',
						name: 'eventField',
						type: 'string',
						default: '',
						placeholder: 'e.g. data.eventName',
						description:
							'Dotted path of the event name in the body, tried before the usual names (event, type, eventType, ...)',
					},
				],
				{
					remembered: {
						displayName: 'Remembered Deliveries',
						description: 'How many recent delivery IDs are kept to recognise re-deliveries',
					},
					unknown: {
						displayName: 'Unrecognized Events',
						description: 'What to do with a delivery whose event is none of the documented ones',
						run: 'Output them with the event name found (or null)',
						ignore: 'Answer 200 without starting the workflow',
					},
				},
			),
		]),
	};

	// Sesame HR has no API to register webhooks: support configures the URL by hand.
	webhookMethods = {
		default: deliveries.registration(
			'Sesame HR Trigger',
			'Sesame support must be asked to send the webhooks there.',
		),
	};
}
