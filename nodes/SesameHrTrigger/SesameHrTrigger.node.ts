import type { IDataObject, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import {
	ledgerSizeOption,
	manualRegistration,
	RAW_BODY_PROPERTY,
	webhookEndpoint,
	webhookTrigger,
	type WebhookTriggerSpec,
} from '../common/webhookTrigger';
import {
	DEFAULT_SECRET_HEADER,
	DEFAULT_SECRET_QUERY,
	describeSesameDelivery,
	SESAME_EVENT_LABELS,
	SESAME_EVENTS,
	sesameDeliveryKey,
	sesameOutput,
} from './delivery';

/** Sesame HR webhook deliveries: any JSON object, answered `{status, event}`. */
const deliveries: WebhookTriggerSpec = {
	authentication: {
		value: 'sharedSecret',
		credential: 'sesameHrWebhookApi',
		field: 'secret',
		test: { method: 'sesameHrWebhookSecret', label: 'The shared secret' },
		sources: (parameter) =>
			parameter('secretLocation', 'header') === 'query'
				? [{ query: parameter('queryParameterName', DEFAULT_SECRET_QUERY) }]
				: [{ header: parameter('headerName', DEFAULT_SECRET_HEADER) }],
		rejected: { error: 'missing or invalid shared secret' },
	},
	events: { known: SESAME_EVENTS, parameter: 'events', unknownOption: 'unknownEvents' },
	read(body, { headers, options }) {
		const delivery = describeSesameDelivery(body, headers, {
			eventField: options.eventField as string | undefined,
			deliveryIdField: options.deliveryIdField as string | undefined,
		});
		return { output: sesameOutput(delivery, body), event: delivery.event };
	},
	// the delivery id; without one the body, counted as a re-delivery only within the window
	deliveryKey(output, options) {
		const body = output.body as IDataObject | undefined;
		if (body === undefined || body === null || typeof body !== 'object') return undefined;
		const deliveryId = typeof output.deliveryId === 'string' ? output.deliveryId : undefined;
		const { key, byId } = sesameDeliveryKey({ recognised: true, deliveryId }, body);
		if (byId) return { key };
		const windowSeconds = Number(options.duplicateWindow ?? 300);
		return windowSeconds > 0 ? { key, ttlMs: windowSeconds * 1000 } : undefined;
	},
	answers: {
		accepted: ({ event }) => ({ status: 'accepted', event }),
		ignored: ({ event }) => ({ status: 'ignored', reason: 'event not selected', event }),
		duplicate: ({ event }) => ({ status: 'duplicate', event }),
	},
};

export class SesameHrTrigger extends webhookTrigger(deliveries) implements INodeType {
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
		webhooks: [webhookEndpoint()],
		properties: [
			{
				displayName:
					'Sesame HR turns webhooks on through its support team, not through the API: send them the Production URL shown above (and, with authentication, the shared secret and where to put it) and ask for the events selected below. Activate the workflow first.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: SESAME_EVENTS.map((value) => ({ name: SESAME_EVENT_LABELS[value], value })),
				default: [...SESAME_EVENTS],
				required: true,
				description:
					'Deliveries of other events are acknowledged (HTTP 200) without starting the workflow',
			},
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'None', value: 'none' },
					{ name: 'Shared Secret', value: 'sharedSecret' },
				],
				default: 'sharedSecret',
				description:
					'Whether each delivery must carry the shared secret; deliveries without the right one are answered 401 and start nothing',
			},
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
			{
				displayName: 'Options',
				name: 'advanced',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
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
					ledgerSizeOption(
						'Remembered Deliveries',
						'How many recent delivery IDs are kept to recognise re-deliveries',
					),
					{
						displayName: 'Unrecognized Events',
						name: 'unknownEvents',
						type: 'options',
						options: [
							{
								name: 'Start the Workflow',
								value: 'run',
								description: 'Output them with the event name found (or null)',
							},
							{
								name: 'Acknowledge Only',
								value: 'ignore',
								description: 'Answer 200 without starting the workflow',
							},
						],
						default: 'run',
						description: 'What to do with a delivery whose event is none of the documented ones',
					},
				],
			},
			RAW_BODY_PROPERTY,
		],
	};

	// Sesame HR has no API to register webhooks: support configures the URL by hand.
	webhookMethods = {
		default: manualRegistration(
			'Sesame HR Trigger',
			'Sesame support must be asked to send the webhooks there.',
		),
	};
}
