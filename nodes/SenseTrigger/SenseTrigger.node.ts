import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { setupNotice, WebhookTrigger } from '../common/webhookTrigger';
import { DEFAULT_TOKEN_QUERY, SENSE_TYPE_LABELS, SENSE_WRITE_BACKS } from './writeback';

const writeBacks = new WebhookTrigger(SENSE_WRITE_BACKS);

export class SenseTrigger extends writeBacks.nodeType() implements INodeType {
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
		// "Immediately": the node's own `{"id": ...}`; "When Last Node Finishes": that node's first item
		webhooks: [writeBacks.endpoint()],
		properties: writeBacks.properties([
			setupNotice(
				'Sense staff configure write-backs per agency: give them the Production URL shown above (one static URL for all write-back types) and, with authentication, the token — as an "Authorization: Bearer" header or appended as "?token=..." to the URL. Publish the workflow first.',
			),
			writeBacks.eventsProperty({
				displayName: 'Write-Back Types',
				labels: SENSE_TYPE_LABELS,
				description:
					'Write-backs of other types are acknowledged (200 with their ID) without starting the workflow',
			}),
			writeBacks.authenticationProperty({
				name: 'Pre-Shared Token',
				description:
					'Whether each write-back must carry the token (Authorization: Bearer header or query parameter); others are answered 401 and start nothing',
			}),
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
						description:
							'Answer 200 with the write-back ID as soon as the workflow starts: the write-back counts as delivered on receipt, even if the run fails later',
					},
					{
						name: 'When Last Node Finishes',
						value: 'lastNode',
						description:
							'Answer with the first item of the last node, which must hold the write-back ID (ENTITY_CREATE: and entity_id); if the run fails, Sense re-sends and the write-back runs again',
					},
					{
						name: "Using 'Respond to Webhook' Node",
						value: 'responseNode',
						description:
							'Answer from a Respond to Webhook node (version 1), e.g. the write-back ID plus entity_id for ENTITY_CREATE; if the run fails, Sense re-sends and the write-back runs again',
					},
				],
				default: 'onReceived',
			},
			{
				displayName:
					'Sense counts a write-back as delivered only on HTTP 200 with a body containing "ID" — ENTITY_CREATE also needs "entity_id". Re-deliveries get the same answer without a new run. Respond to Webhook must be version 1: later ones (the editor adds 1.5) answer only n8n\'s own Webhook trigger, so a workflow using them is not activated.',
				name: 'responseNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { responseMode: ['lastNode', 'responseNode'] } },
			},
			writeBacks.optionsCollection([], {
				remembered: {
					displayName: 'Remembered Write-Backs',
					description:
						'How many recent write-back IDs (with their answers) are kept to recognise re-deliveries',
				},
				waiting: {
					displayName: 'Re-Delivery Wait (Seconds)',
					description:
						'How long a re-sent write-back waits for the answer of its first delivery while that run is still going; then it is answered 503 and Sense sends it again later',
				},
				unknown: {
					displayName: 'Unrecognized Types',
					description:
						'What to do with a write-back type Sense adds later (none of the documented ones)',
					ignore: 'Answer 200 with the ID without starting the workflow',
				},
			}),
		]),
	};

	// Sense has no API to register write-back URLs: Sense staff configure one static URL per agency.
	webhookMethods = {
		default: writeBacks.registration(
			'Sense Trigger',
			'Sense staff must configure it as the write-back URL.',
		),
	};
}
