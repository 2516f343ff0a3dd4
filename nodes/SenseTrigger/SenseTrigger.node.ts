import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
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
	checkEnvelope,
	DEFAULT_TOKEN_QUERY,
	INVALID_TOKEN,
	SENSE_TYPE_LABELS,
	SENSE_WRITEBACK_TYPES,
	senseOutput,
} from './writeback';

/** Sense write-backs: `{id, type, data}` envelopes, answered `{"id"}` (Sense re-sends until it gets 200 + id). */
const writeBacks: WebhookTriggerSpec = {
	authentication: {
		value: 'token',
		credential: 'senseWebhookApi',
		field: 'token',
		test: { method: 'senseWriteBackToken', label: 'The token' },
		sources: (parameter) => [
			{ bearer: true },
			{ query: parameter('queryParameterName', DEFAULT_TOKEN_QUERY) },
		],
		rejected: INVALID_TOKEN,
	},
	events: { known: SENSE_WRITEBACK_TYPES, parameter: 'types', unknownOption: 'unknownTypes' },
	read(body) {
		const checked = checkEnvelope(body);
		if (!checked.ok) return { error: checked.error };
		return { output: senseOutput(checked.envelope), event: checked.envelope.type };
	},
	// an id accepted before is acknowledged again without a run
	deliveryKey: ({ id }) => (typeof id === 'string' && id ? { key: `id:${id}` } : undefined),
	answers: { accepted: acknowledge, ignored: acknowledge, duplicate: acknowledge },
};

function acknowledge(output: { id?: unknown }) {
	return { id: output.id as string };
}

export class SenseTrigger extends webhookTrigger(writeBacks) implements INodeType {
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
			webhookEndpoint({
				responseMode: '={{$parameter["responseMode"]}}',
				// "Immediately": the node's own `{"id": ...}`; "When Last Node Finishes": that node's first item
				responseData: '={{$parameter["responseMode"] === "lastNode" ? "firstEntryJson" : ""}}',
			}),
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
					ledgerSizeOption(
						'Remembered Write-Backs',
						'How many recent write-back IDs are kept to recognise re-deliveries',
					),
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
			RAW_BODY_PROPERTY,
		],
	};

	// Sense has no API to register write-back URLs: Sense staff configure one static URL per agency.
	webhookMethods = {
		default: manualRegistration(
			'Sense Trigger',
			'Sense staff must configure it as the write-back URL.',
		),
	};
}
