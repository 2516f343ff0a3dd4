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
	checkEnvelope,
	DEFAULT_TOKEN_QUERY,
	INVALID_TOKEN,
	SENSE_TYPE_LABELS,
	SENSE_WRITEBACK_TYPES,
	senseOutput,
} from './writeback';

export class SenseTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sense Trigger',
		name: 'senseTrigger',
		icon: { light: 'file:../../icons/sense.svg', dark: 'file:../../icons/sense.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ ($parameter["types"] || []).length + " write-back type(s)" }}',
		description:
			'Starts the workflow when Sense sends a write-back (messages, engagement, entity changes)',
		defaults: { name: 'Sense Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'senseWebhookApi',
				required: true,
				testedBy: 'senseWriteBackToken',
				displayOptions: { show: { authentication: ['token'] } },
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				path: 'webhook',
				responseMode: '={{$parameter["responseMode"]}}',
				// "Immediately": the node's own `{"id": ...}`; "When Last Node Finishes": that node's first item
				responseData: '={{$parameter["responseMode"] === "lastNode" ? "firstEntryJson" : ""}}',
			},
		],
		properties: [
			{
				displayName:
					'Sense staff configure write-backs per agency: give them the Production URL shown above (one static URL for all write-back types) and, with authentication, the token — as an "Authorization: Bearer" header or appended as "?token=..." to the URL. Activate the workflow first.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Write-Back Types',
				name: 'types',
				type: 'multiOptions',
				options: SENSE_WRITEBACK_TYPES.map((value) => ({ name: SENSE_TYPE_LABELS[value], value })),
				default: [...SENSE_WRITEBACK_TYPES],
				required: true,
				description:
					'Write-backs of other types are acknowledged (200 with their ID) without starting the workflow',
			},
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'None', value: 'none' },
					{ name: 'Pre-Shared Token', value: 'token' },
				],
				default: 'token',
				description:
					'Whether each write-back must carry the token (Authorization: Bearer header or query parameter); others are answered 401 and start nothing',
			},
			{
				displayName: 'Query Parameter Name',
				name: 'queryParameterName',
				type: 'string',
				default: DEFAULT_TOKEN_QUERY,
				description:
					'Name of the query parameter holding the token when Sense does not send the Authorization header',
				displayOptions: { show: { authentication: ['token'] } },
			},
			{
				displayName: 'Respond',
				name: 'responseMode',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Immediately',
						value: 'onReceived',
						description: 'Answer 200 with the write-back ID as soon as the workflow starts',
					},
					{
						name: 'When Last Node Finishes',
						value: 'lastNode',
						description:
							'Answer with the first item of the last node, which must hold the write-back ID',
					},
					{
						name: "Using 'Respond to Webhook' Node",
						value: 'responseNode',
						description:
							'Answer from a Respond to Webhook node, e.g. the write-back ID plus entity_id for ENTITY_CREATE',
					},
				],
				default: 'onReceived',
			},
			{
				displayName:
					'Sense counts a write-back as delivered only on HTTP 200 with a body containing "ID" — ENTITY_CREATE also needs "entity_id". Use Respond to Webhook node version 1 (later versions accept only n8n\'s own Webhook trigger).',
				name: 'responseNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { responseMode: ['lastNode', 'responseNode'] } },
			},
			{
				displayName: 'Options',
				name: 'advanced',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Remembered Write-Backs',
						name: 'ledgerSize',
						type: 'number',
						typeOptions: { minValue: 100 },
						default: DEFAULT_LEDGER_SIZE,
						description: 'How many recent write-back IDs are kept to recognise re-deliveries',
					},
					{
						displayName: 'Unrecognized Types',
						name: 'unknownTypes',
						type: 'options',
						options: [
							{ name: 'Start the Workflow', value: 'run' },
							{
								name: 'Acknowledge Only',
								value: 'ignore',
								description: 'Answer 200 with the ID without starting the workflow',
							},
						],
						default: 'run',
						description:
							'What to do with a write-back type Sense adds later (none of the documented ones)',
					},
				],
			},
			{
				// n8n reads `options.binaryData` of version-1 webhook nodes and, when true, leaves the body
				// unparsed: this node then parses it itself, so a malformed body gets the 400 {"error"}
				// answer Sense expects (n8n's parser would answer 422 before the node runs).
				displayName: 'Raw Body',
				name: 'options',
				type: 'hidden',
				default: { binaryData: true },
			},
		],
	};

	webhookMethods = {
		default: {
			// Sense has no API to register write-back URLs: Sense staff configure one static URL per
			// agency. There is nothing remote to look up, create or delete.
			async checkExists(this: IHookFunctions): Promise<boolean> {
				// Nothing to ask Sense; "not registered" makes n8n call create(), which logs the URL.
				return false;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				this.logger.info(
					`Sense Trigger "${this.getNode().name}" listens at ${this.getNodeWebhookUrl('default') ?? '(unknown URL)'}; Sense staff must configure it as the write-back URL.`,
				);
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				// Nothing was registered remotely; ask Sense staff to remove the URL if write-backs should stop.
				return true;
			},
		},
	};

	methods = {
		credentialTest: {
			senseWriteBackToken: secretCredentialTest('token', 'The token'),
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		if (this.getNodeParameter('authentication', 'token') === 'token') {
			const { token } = await this.getCredentials<{ token: string }>('senseWebhookApi');
			const headers = this.getHeaderData() as HeaderBag;
			const queryName = this.getNodeParameter('queryParameterName', DEFAULT_TOKEN_QUERY) as string;
			const received =
				bearerToken(headerValue(headers, 'authorization')) ??
				queryValue(this.getQueryData() as QueryBag, queryName)?.trim();
			if (!secretsMatch(received, token)) return respond(this, 401, INVALID_TOKEN);
		}

		const { raw, parsed } = await readBody(this);
		const checked = parseJsonObject(raw, parsed);
		if (!checked.ok) return respond(this, 400, { error: checked.error });
		const envelopeCheck = checkEnvelope(checked.body);
		if (!envelopeCheck.ok) return respond(this, 400, { error: envelopeCheck.error });
		const { envelope } = envelopeCheck;
		const received = { id: envelope.id };

		const advanced = this.getNodeParameter('advanced', {}) as IDataObject;
		const selected = this.getNodeParameter('types', []) as string[];
		const unknown = (advanced.unknownTypes as UnknownEventPolicy | undefined) ?? 'run';
		if (!eventSelected(envelope.type, SENSE_WRITEBACK_TYPES, selected, unknown))
			return respond(this, 200, received);

		// an id accepted before is acknowledged again (Sense re-sends until it gets 200 + id) without a run
		if (this.getMode() !== 'manual') {
			const fresh = claimDelivery({
				scope: ledgerScope(this),
				key: `id:${envelope.id}`,
				store: this.getWorkflowStaticData('node'),
				now: Date.now(),
				max: Number(advanced.ledgerSize ?? DEFAULT_LEDGER_SIZE),
				// written by the run instead (see execute)
				persist: false,
			});
			if (!fresh) return respond(this, 200, received);
		}

		return {
			workflowData: [[{ json: senseOutput(envelope) }]],
			webhookResponse: received,
		};
	}

	/**
	 * Runs as the first step of the run a write-back started and passes its item on unchanged. It
	 * records the accepted id in the workflow's static data, which n8n saves after the run (changes
	 * made in webhook() are not reliably saved, see nodes/common/webhook.ts), so re-deliveries are
	 * still recognised after a restart.
	 */
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		if (this.getMode() !== 'manual') {
			const advanced = this.getNodeParameter('advanced', 0, {}) as IDataObject;
			for (const item of items) {
				if (typeof item.json.id !== 'string' || !item.json.id) continue;
				rememberDelivery({
					scope: ledgerScope(this),
					key: `id:${item.json.id}`,
					store: this.getWorkflowStaticData('node'),
					now: Date.now(),
					max: Number(advanced.ledgerSize ?? DEFAULT_LEDGER_SIZE),
				});
			}
		}
		return [items];
	}
}
