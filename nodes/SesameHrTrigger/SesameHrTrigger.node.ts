import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import {
	bearerToken,
	claimDelivery,
	DEFAULT_LEDGER_SIZE,
	eventSelected,
	ledgerScope,
	parseJsonObject,
	queryValue,
	readBody,
	rememberDelivery,
	respond,
	secretCredentialTest,
	secretsMatch,
	type HeaderBag,
	type QueryBag,
	type UnknownEventPolicy,
} from '../common/webhook';
import { headerValue } from '../common/headers';
import {
	DEFAULT_SECRET_HEADER,
	DEFAULT_SECRET_QUERY,
	describeSesameDelivery,
	SESAME_EVENT_LABELS,
	SESAME_EVENTS,
	sesameDeliveryKey,
	sesameOutput,
} from './delivery';

/** The ledger key of a delivery and how long it counts (none when duplicates by body are off). */
function sesameLedgerEntry(
	{ key, byId }: { key: string; byId: boolean },
	advanced: IDataObject,
): { key: string; ttlMs?: number; max: number } | undefined {
	const windowSeconds = Number(advanced.duplicateWindow ?? 300);
	if (!byId && !(windowSeconds > 0)) return undefined;
	return {
		key,
		ttlMs: byId ? undefined : windowSeconds * 1000,
		max: Number(advanced.ledgerSize ?? DEFAULT_LEDGER_SIZE),
	};
}

export class SesameHrTrigger implements INodeType {
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
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				path: 'webhook',
				responseMode: 'onReceived',
				// answer with the node's own `webhookResponse` (n8n would otherwise send its default text)
				responseData: '',
			},
		],
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
					{
						displayName: 'Remembered Deliveries',
						name: 'ledgerSize',
						type: 'number',
						typeOptions: { minValue: 100 },
						default: DEFAULT_LEDGER_SIZE,
						description: 'How many recent delivery IDs are kept to recognise re-deliveries',
					},
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
			{
				// n8n reads `options.binaryData` of version-1 webhook nodes and, when true, leaves the body
				// unparsed: this node then parses it itself, so a malformed body gets this node's 400 JSON
				// answer (n8n's parser would answer 422 before the node runs) and any content type works.
				displayName: 'Raw Body',
				name: 'options',
				type: 'hidden',
				default: { binaryData: true },
			},
		],
	};

	webhookMethods = {
		default: {
			// Sesame HR has no API to register webhooks: support configures the URL by hand. There is
			// nothing remote to look up, create or delete, so these methods only tell n8n how things stand.
			async checkExists(this: IHookFunctions): Promise<boolean> {
				// Nothing to ask Sesame; "not registered" makes n8n call create(), which logs the URL.
				return false;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				this.logger.info(
					`Sesame HR Trigger "${this.getNode().name}" listens at ${this.getNodeWebhookUrl('default') ?? '(unknown URL)'}; Sesame support must be asked to send the webhooks there.`,
				);
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				// Nothing was registered remotely; ask Sesame support to stop the webhooks if they are no longer wanted.
				return true;
			},
		},
	};

	methods = {
		credentialTest: {
			sesameHrWebhookSecret: secretCredentialTest('secret', 'The shared secret'),
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const headers = this.getHeaderData() as HeaderBag;

		if (this.getNodeParameter('authentication', 'sharedSecret') === 'sharedSecret') {
			const { secret } = await this.getCredentials<{ secret: string }>('sesameHrWebhookApi');
			let received: string | undefined;
			if (this.getNodeParameter('secretLocation', 'header') === 'query') {
				received = queryValue(
					this.getQueryData() as QueryBag,
					this.getNodeParameter('queryParameterName', DEFAULT_SECRET_QUERY) as string,
				);
			} else {
				const name = this.getNodeParameter('headerName', DEFAULT_SECRET_HEADER) as string;
				received = headerValue(headers, name);
				if (name.toLowerCase() === 'authorization') received = bearerToken(received) ?? received;
			}
			if (!secretsMatch(received?.trim(), secret)) {
				return respond(this, 401, { error: 'missing or invalid shared secret' });
			}
		}

		const { raw, parsed } = await readBody(this);
		const checked = parseJsonObject(raw, parsed);
		if (!checked.ok) return respond(this, 400, { error: checked.error });
		const body = checked.body;

		const advanced = this.getNodeParameter('advanced', {}) as IDataObject;
		const delivery = describeSesameDelivery(body, headers, {
			eventField: advanced.eventField as string | undefined,
			deliveryIdField: advanced.deliveryIdField as string | undefined,
		});
		const selected = this.getNodeParameter('events', []) as string[];
		const unknown = (advanced.unknownEvents as UnknownEventPolicy | undefined) ?? 'run';
		if (!eventSelected(delivery.event, SESAME_EVENTS, selected, unknown)) {
			return respond(this, 200, {
				status: 'ignored',
				reason: 'event not selected',
				event: delivery.event ?? null,
			});
		}

		// re-deliveries start no second run (not in manual tests: there every delivery is shown)
		if (this.getMode() !== 'manual') {
			const ledger = sesameLedgerEntry(sesameDeliveryKey(delivery, body), advanced);
			if (ledger) {
				const fresh = claimDelivery({
					scope: ledgerScope(this),
					store: this.getWorkflowStaticData('node'),
					now: Date.now(),
					...ledger,
					// written by the run instead (see execute)
					persist: false,
				});
				if (!fresh)
					return respond(this, 200, { status: 'duplicate', event: delivery.event ?? null });
			}
		}

		return {
			workflowData: [[{ json: sesameOutput(delivery, body) }]],
			webhookResponse: { status: 'accepted', event: delivery.event ?? null },
		};
	}

	/**
	 * Runs as the first step of the run a delivery started and passes its item on unchanged. It
	 * records the delivery in the workflow's static data, which n8n saves after the run (changes made
	 * in webhook() are not reliably saved, see nodes/common/webhook.ts), so re-deliveries are still
	 * recognised after a restart.
	 */
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		if (this.getMode() !== 'manual') {
			const advanced = this.getNodeParameter('advanced', 0, {}) as IDataObject;
			for (const item of items) {
				const body = item.json.body as IDataObject | undefined;
				if (body === undefined || body === null || typeof body !== 'object') continue;
				const deliveryId =
					typeof item.json.deliveryId === 'string' ? item.json.deliveryId : undefined;
				const ledger = sesameLedgerEntry(
					sesameDeliveryKey({ recognised: true, deliveryId }, body),
					advanced,
				);
				if (ledger)
					rememberDelivery({
						scope: ledgerScope(this),
						store: this.getWorkflowStaticData('node'),
						now: Date.now(),
						...ledger,
					});
			}
		}
		return [items];
	}
}
