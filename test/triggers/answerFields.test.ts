/**
 * The webhook triggers' response fields resolve without n8n's expression engine
 * (n8n-workflow's `webhookDescriptionFields`, nodes/common/webhookTrigger.ts `answerFields`): n8n's
 * own check finds every trigger webhook engine-free for static parameters, and for every response
 * mode the Sense Trigger offers, the native value is what n8n's expression engine makes of the
 * template the editor shows.
 */
import {
	resolveWebhookDescriptionField,
	webhookDescriptionIsNativelyResolvable,
	type INodeParameters,
	type INodePropertyOptions,
	type INodeType,
} from 'n8n-workflow';

import { SenseTrigger } from '../../nodes/SenseTrigger/SenseTrigger.node';
import { SesameHrTrigger } from '../../nodes/SesameHrTrigger/SesameHrTrigger.node';
import { SessionsTrigger } from '../../nodes/SessionsTrigger/SessionsTrigger.node';
import {
	createNodeTypes,
	createWorkflow,
	ensureEngine,
	latestVersion,
	typeNameOf,
} from '../harness/engine';

function workflowWith(trigger: INodeType, parameters: INodeParameters) {
	ensureEngine();
	return createWorkflow({
		nodeTypes: createNodeTypes([trigger]),
		type: typeNameOf(trigger),
		name: trigger.description.defaults.name ?? trigger.description.displayName,
		typeVersion: latestVersion(trigger),
		parameters,
		credentialTypes: [],
		credentialRef: () => ({ id: '1', name: 'unused' }),
	});
}

describe.each([
	['Sense Trigger', new SenseTrigger()],
	['Sesame HR Trigger', new SesameHrTrigger()],
	['Sessions Trigger', new SessionsTrigger()],
] as const)('%s', (_name, trigger) => {
	it('has one webhook that n8n resolves without its expression engine', () => {
		const webhooks = trigger.description.webhooks ?? [];
		expect(webhooks.map((webhook) => webhookDescriptionIsNativelyResolvable(webhook))).toEqual([
			true,
		]);
	});
});

describe('Sense Trigger response fields', () => {
	const trigger = new SenseTrigger();
	const [webhook] = trigger.description.webhooks!;
	const modes = (
		trigger.description.properties.find((p) => p.name === 'responseMode')!
			.options as INodePropertyOptions[]
	).map((option) => option.value as string);

	it('offers the three response modes', () => {
		expect(modes).toEqual(['onReceived', 'lastNode', 'responseNode']);
	});

	it.each(modes)('%s: the native value is what the engine evaluates', (mode) => {
		const { workflow, node } = workflowWith(trigger, { responseMode: mode });
		const evaluated = {
			responseMode: workflow.expression.getSimpleParameterValue(
				node,
				webhook.responseMode,
				'internal',
				{},
			),
			responseData: workflow.expression.getComplexParameterValue(
				node,
				webhook.responseData,
				'internal',
				{},
			),
		};
		expect(evaluated).toEqual({
			responseMode: mode,
			responseData: mode === 'lastNode' ? 'firstEntryJson' : '',
		});
		expect({
			responseMode: resolveWebhookDescriptionField(node, webhook, 'responseMode'),
			responseData: resolveWebhookDescriptionField(node, webhook, 'responseData'),
		}).toEqual({
			responseMode: { resolved: true, value: evaluated.responseMode },
			responseData: { resolved: true, value: evaluated.responseData },
		});
	});

	it('leaves the fields to the engine when a parameter holds an expression', () => {
		const { node } = workflowWith(trigger, {
			responseMode: 'lastNode',
			options: { redeliveryWait: '={{ 30 }}' },
		});
		expect(resolveWebhookDescriptionField(node, webhook, 'responseMode')).toEqual({
			resolved: false,
		});
	});
});
