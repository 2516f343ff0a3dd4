/**
 * The webhook-trigger helper (nodes/common/webhookTrigger.ts) run through n8n-core's own contexts
 * (test/harness): an example trigger node built on it, as the Sense and Sesame HR triggers are,
 * receives deliveries in n8n-core's WebhookContext (an Express-like request, a response recording
 * what the node answers, n8n's answer to a run played by the harness), registers in HookContext,
 * runs its step through WorkflowExecute and has its credential tested in CredentialTestContext;
 * what it logs is read from n8n's Logger, the workflow around it (Respond to Webhook nodes) is a
 * real n8n Workflow and its static data n8n's. Covered: the order of its checks, the answers, the
 * secret sources (including a path segment, which no trigger of this package uses yet), body-read
 * failures, de-duplication with remembered answers (also while the first delivery still runs, after
 * a failed run and after a restart), the Respond to Webhook check and what the run records. The
 * Sense and Sesame HR triggers built on it are tested in a real n8n (test/e2e/*-trigger.test.ts).
 */
import type {
	ICredentialType,
	IDataObject,
	INodeExecutionData,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { WEBHOOK_RESOLVERS } from 'n8n-workflow';

import {
	createHookContext,
	describedNodeType,
	recordLogs,
	runHook,
	runNode,
	runWebhook,
	testCredential,
	type RunWebhookOptions,
	type WorkflowNode,
} from '../harness';
import { resetLedgers } from '../../nodes/common/deliveryLedger';
import {
	manualRegistration,
	respondProblem,
	WebhookTrigger,
	type SecretSource,
	type WebhookTriggerSpec,
} from '../../nodes/common/webhookTrigger';

const SECRET = 'a-long-shared-secret-0001';
/** the trigger's node id: the ledger is kept per workflow and node id, so every call uses this one */
const NODE_ID = 'example-trigger-node';
/** where n8n keeps the trigger's own static data inside the workflow's */
const NODE = 'node:Trigger';

/** A trigger of `{trigger, data: {id}}` events, the secret where `sources` say. */
function spec(
	sources: SecretSource[],
	extra: Partial<WebhookTriggerSpec> = {},
): WebhookTriggerSpec {
	return {
		authentication: {
			value: 'secret',
			credential: { name: 'exampleApi', field: 'secret', label: 'The secret' },
			test: 'exampleSecret',
			sources: () => sources,
			rejected: { error: 'bad secret' },
		},
		events: {
			known: ['booking.created', 'booking.cancelled'],
			parameter: 'events',
			unknownOption: 'unknown',
		},
		read: (body) =>
			typeof body.trigger === 'string'
				? { output: { event: body.trigger, data: body.data ?? null }, event: body.trigger }
				: { error: 'trigger is missing' },
		deliveryKey: (output) => {
			const id = (output.data as IDataObject | null)?.id;
			return typeof id === 'string' ? { key: `id:${id}` } : undefined;
		},
		answers: {
			accepted: ({ event }) => ({ status: 'accepted', event }),
			ignored: ({ event }) => ({ status: 'ignored', event }),
			duplicate: ({ event }) => ({ status: 'duplicate', event }),
		},
		...extra,
	};
}

/** A trigger that also answers from the workflow (parameter `respond`), like the Sense Trigger. */
const answering = spec([{ path: 'secret' }], {
	responseModeParameter: 'respond',
	delivered: (status, answer) =>
		status === 200 && typeof (answer as IDataObject | undefined)?.ref === 'string',
	answers: {
		accepted: ({ event }) => ({ status: 'accepted', event }),
		ignored: ({ event }) => ({ status: 'ignored', event }),
		duplicate: ({ event }) => ({ status: 'duplicate', event }),
		kept: (answer) => ({ ref: answer.ref }),
		pending: () => ({ error: 'still running' }),
	},
});

/** The credential holding the secret. */
const exampleApi: ICredentialType = {
	name: 'exampleApi',
	displayName: 'Example API',
	properties: [
		{
			displayName: 'The Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
	],
};
const credentials = { exampleApi: { secret: SECRET } };

/**
 * A trigger node made of the helper's parts, as a vendor's trigger is: the authentication, events,
 * respond (with `responseModeParameter`) and options parameters, the credential tested by the
 * helper's local test, the helper's webhook and (unless given) its registration.
 */
function exampleTrigger(
	trigger: WebhookTriggerSpec,
	webhookMethods?: INodeType['webhookMethods'],
): INodeType {
	const deliveries = new WebhookTrigger(trigger);
	const respond: INodeProperties[] = trigger.responseModeParameter
		? [
				{
					displayName: 'Respond',
					name: trigger.responseModeParameter,
					type: 'options',
					options: [
						{ name: 'Immediately', value: 'onReceived' },
						{ name: 'When Last Node Finishes', value: 'lastNode' },
						{ name: "Using 'Respond to Webhook' Node", value: 'responseNode' },
					],
					default: 'onReceived',
				},
			]
		: [];
	const description: INodeTypeDescription = {
		displayName: 'Example Trigger',
		name: 'exampleTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Starts the workflow on Example deliveries',
		defaults: { name: 'Trigger' },
		inputs: [],
		outputs: ['main'],
		credentials: [
			{
				name: 'exampleApi',
				required: true,
				testedBy: 'exampleSecret',
				displayOptions: { show: { authentication: ['secret'] } },
			},
		],
		webhooks: [deliveries.endpoint()],
		properties: deliveries.properties([
			deliveries.authenticationProperty({ name: 'Secret', description: 'd' }),
			// all events selected by default, as in the vendors' triggers
			deliveries.eventsProperty({ displayName: 'Events', description: 'd', labels: {} }),
			...respond,
			deliveries.optionsCollection([], {
				remembered: { displayName: 'Remembered Deliveries', description: 'r' },
				unknown: { displayName: 'Unrecognized Events', description: 'u', ignore: 'i' },
			}),
		]),
	};
	const registration = webhookMethods ?? {
		default: deliveries.registration('Example Trigger', 'Example support must configure it.'),
	};
	class ExampleTrigger extends deliveries.nodeType() implements INodeType {
		description = description;
		webhookMethods = registration;
	}
	return new ExampleTrigger();
}

/** n8n's Respond to Webhook and Wait nodes (n8n-nodes-base is not loaded: their descriptions) */
const respondToWebhook = describedNodeType(
	'n8n-nodes-base.respondToWebhook',
	'Respond to Webhook',
	[1, 1.1, 1.5],
);
const waitNode: WorkflowNode = {
	name: 'Wait',
	node: describedNodeType('n8n-nodes-base.wait', 'Wait', [1, 1.1]),
	typeVersion: 1.1,
};
const respondNode = (typeVersion: number, name = 'Answer'): WorkflowNode => ({
	name,
	node: respondToWebhook,
	typeVersion,
});

/** The workflow after the trigger `from`: each branch a chain of nodes starting at it. */
function after(
	from: string,
	...branches: WorkflowNode[][]
): Pick<RunWebhookOptions, 'otherNodes' | 'connections'> {
	const connections: Array<[string, string]> = [];
	for (const branch of branches)
		branch.forEach((node, i) => connections.push([i === 0 ? from : branch[i - 1].name, node.name]));
	return { otherNodes: branches.flat(), connections };
}

/** A delivery: the request, the node's parameters and the harness' options. */
type Request = Omit<RunWebhookOptions, 'node' | 'parameters' | 'staticData'> & {
	parameters?: IDataObject;
};

/**
 * Delivers a request to the trigger through n8n-core's WebhookContext. Resolves with what webhook()
 * returned, the answer the node wrote itself (`answer`), the headers it set, and `answerRun`: n8n's
 * answer to a run it started (sent by the harness on receipt unless `holdAnswer`; a trigger
 * answering from the workflow gets it when the test says).
 */
async function deliver(
	trigger: WebhookTriggerSpec,
	request: Request,
	staticData: IDataObject = {},
) {
	const { parameters, ...options } = request;
	return await runWebhook({
		node: exampleTrigger(trigger),
		parameters: { authentication: 'secret', ...parameters } as INodeParameters,
		credentials,
		credentialTypes: [exampleApi],
		nodeId: NODE_ID,
		webhookId: 'abc',
		staticData,
		...options,
	});
}

const created = (id: string) => JSON.stringify({ trigger: 'booking.created', data: { id } });
const params = { secret: SECRET };
const run = (id: string) => ({
	workflowData: [[{ json: { event: 'booking.created', data: { id } } }]],
	webhookResponse: { status: 'accepted', event: 'booking.created' },
});
/** Lets queued promise callbacks and timers of 0 ms run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

/** what the trigger logs through n8n's Logger */
let logs: ReturnType<typeof recordLogs>;
/** the errors and warnings logged */
const logged = () => logs.lines.filter((line) => line.level !== 'info').map((line) => line.message);
/** the info lines logged */
const infoLines = () =>
	logs.lines.filter((line) => line.level === 'info').map((line) => line.message);

beforeEach(() => {
	resetLedgers();
	logs = recordLogs();
});

afterEach(() => logs.stop());

describe('webhookTrigger: webhook()', () => {
	const inPath = spec([{ path: 'secret' }]);

	it('starts a run with the output item and answers `accepted`', async () => {
		const { answer, result } = await deliver(inPath, { body: created('b-1'), params });
		expect(answer).toBeUndefined();
		expect(result).toEqual(run('b-1'));
	});

	it('answers 401 for a missing or wrong secret, before reading the body', async () => {
		for (const secret of [{}, { secret: 'guess' }] as Array<Record<string, string>>) {
			const { answer, result } = await deliver(inPath, { body: 'not json', params: secret });
			expect([answer, result]).toEqual([
				{ status: 401, body: { error: 'bad secret' } },
				{ noWebhookResponse: true },
			]);
		}
	});

	it('checks nothing with authentication off', async () => {
		const { result } = await deliver(inPath, {
			body: created('b-2'),
			parameters: { authentication: 'none' },
		});
		expect(result).toMatchObject({ webhookResponse: { status: 'accepted' } });
	});

	it.each([
		['a bearer token', [{ bearer: true }], { headers: { Authorization: `Bearer ${SECRET}` } }],
		['a header', [{ header: 'X-Secret' }], { headers: { 'x-secret': ` ${SECRET} ` } }],
		[
			'an Authorization header without scheme',
			[{ header: 'Authorization' }],
			{ headers: { authorization: SECRET } },
		],
		[
			'the second source',
			[{ bearer: true }, { query: 'token' }],
			{ headers: { authorization: 'Basic x' }, query: { token: SECRET } },
		],
	] as Array<[string, SecretSource[], Request]>)(
		'reads the secret from %s',
		async (_what, sources, request) => {
			const { result } = await deliver(spec(sources), { body: created('b-3'), ...request });
			expect(result).toMatchObject({ webhookResponse: { status: 'accepted' } });
		},
	);

	it('answers 400 for a body that is not a JSON object, or that `read` refuses', async () => {
		expect((await deliver(inPath, { body: '[1]', params })).answer).toEqual({
			status: 400,
			body: { error: 'the request body must be a JSON object, not an array' },
		});
		expect((await deliver(inPath, { body: '{"data": {}}', params })).answer).toEqual({
			status: 400,
			body: { error: 'trigger is missing' },
		});
	});

	it('answers a body n8n cannot read itself: 413 too large, 400 bad gzip; no run', async () => {
		const tooLarge = { type: 'entity.too.large', status: 413, limit: 16 * 1024 * 1024 };
		const gzip = { 'content-encoding': 'gzip' };
		expect(await deliver(inPath, { params, readError: tooLarge, headers: gzip })).toEqual(
			expect.objectContaining({
				answer: {
					status: 413,
					body: { error: 'the request body is larger than n8n accepts (16 MB) once decompressed' },
				},
				result: { noWebhookResponse: true },
			}),
		);
		expect(
			(await deliver(inPath, { params, readError: { code: 'Z_DATA_ERROR' }, headers: gzip }))
				.answer,
		).toEqual({
			status: 400,
			body: { error: 'the request body is not valid gzip data (Content-Encoding: gzip)' },
		});
	});

	it('answers `ignored` for an event not selected, and for an unknown one when told to', async () => {
		const cancelled = JSON.stringify({ trigger: 'booking.cancelled', data: { id: 'b-4' } });
		const renamed = JSON.stringify({ trigger: 'room.renamed', data: {} });
		const selected = { events: ['booking.created'] };
		expect(
			(await deliver(inPath, { body: cancelled, params, parameters: selected })).answer,
		).toEqual({
			status: 200,
			body: { status: 'ignored', event: 'booking.cancelled' },
		});
		expect(
			(
				await deliver(inPath, {
					body: renamed,
					params,
					parameters: { advanced: { unknown: 'ignore' } },
				})
			).answer,
		).toEqual({ status: 200, body: { status: 'ignored', event: 'room.renamed' } });
		expect((await deliver(inPath, { body: renamed, params })).result).toMatchObject({
			webhookResponse: { status: 'accepted', event: 'room.renamed' },
		});
	});
});

describe('webhookTrigger: de-duplication, answering on receipt', () => {
	const inPath = spec([{ path: 'secret' }]);

	it('answers `duplicate` for a key accepted before, without a run; not in manual tests', async () => {
		const first = await deliver(inPath, { body: created('b-5'), params, holdAnswer: true });
		expect(first.result).toEqual(run('b-5'));
		first.answerRun(200, { status: 'accepted', event: 'booking.created' });
		expect((await deliver(inPath, { body: created('b-5'), params })).answer).toEqual({
			status: 200,
			body: { status: 'duplicate', event: 'booking.created' },
		});
		expect(
			(await deliver(inPath, { body: created('b-5'), params, mode: 'manual' })).result,
		).toEqual(run('b-5'));
	});

	it('lets a re-delivery that arrives before n8n answered the first wait for that answer', async () => {
		const first = await deliver(inPath, { body: created('b-6'), params, holdAnswer: true });
		const again = deliver(inPath, { body: created('b-6'), params });
		await settle();
		first.answerRun(200, { status: 'accepted', event: 'booking.created' });
		expect((await again).answer).toEqual({
			status: 200,
			body: { status: 'duplicate', event: 'booking.created' },
		});
	});

	it('forgets the key when n8n could not answer 2xx (the run did not start): it runs again', async () => {
		const first = await deliver(inPath, { body: created('b-7'), params, holdAnswer: true });
		first.answerRun(500, { message: 'Error in workflow' });
		expect((await deliver(inPath, { body: created('b-7'), params })).result).toEqual(run('b-7'));
	});

	it('writes the ledger into static data before n8n answers; after a restart re-deliveries still count', async () => {
		const staticData: IDataObject = {};
		const first = await deliver(
			inPath,
			{ body: created('b-8'), params, holdAnswer: true },
			staticData,
		);
		// counted on receipt: in the copy n8n saves before it answers
		expect(JSON.parse(JSON.stringify(staticData))[NODE].deliveries).toEqual({
			v: 2,
			keys: expect.stringMatching(/^[A-Za-z0-9_-]{11}$/),
		});
		first.answerRun(200, { status: 'accepted', event: 'booking.created' });
		const saved = JSON.parse(JSON.stringify(staticData));
		resetLedgers(); // a new process
		expect((await deliver(inPath, { body: created('b-8'), params }, saved)).answer).toEqual({
			status: 200,
			body: { status: 'duplicate', event: 'booking.created' },
		});
		expect((await deliver(inPath, { body: created('b-9'), params }, saved)).result).toEqual(
			run('b-9'),
		);
	});
});

describe('webhookTrigger: de-duplication, answering from the workflow', () => {
	const lastNode = { respond: 'lastNode' };
	const waitBriefly = { respond: 'lastNode', advanced: { redeliveryWait: 0.02 } };

	it('concurrent copies start one run and all get the answer that run produced', async () => {
		const first = await deliver(answering, { body: created('c-1'), params, parameters: lastNode });
		expect(first.result).toEqual(run('c-1'));
		const copies = Array.from({ length: 5 }, () =>
			deliver(answering, { body: created('c-1'), params, parameters: lastNode }),
		);
		await settle();
		first.answerRun(200, { ref: 'R-1', other: 'not replayed' });
		for (const copy of await Promise.all(copies)) {
			expect([copy.answer, copy.result]).toEqual([
				{ status: 200, body: { ref: 'R-1' } },
				{ noWebhookResponse: true },
			]);
		}
		// and later ones too
		expect(
			(await deliver(answering, { body: created('c-1'), params, parameters: lastNode })).answer,
		).toEqual({ status: 200, body: { ref: 'R-1' } });
	});

	it('a failed run leaves the key open: a waiting copy starts the next run, the others wait for it', async () => {
		const first = await deliver(answering, { body: created('c-2'), params, parameters: lastNode });
		const copies = Array.from({ length: 3 }, () =>
			deliver(answering, { body: created('c-2'), params, parameters: lastNode }),
		);
		await settle();
		first.answerRun(500, { message: 'Error in workflow' });
		await settle();
		// exactly one copy started a run; it succeeds this time
		const settled = await Promise.race([
			Promise.all(copies).then(() => 'all'),
			settle().then(() => 'some'),
		]);
		expect(settled).toBe('some');
		const second = await copies[0];
		expect(second.result).toEqual(run('c-2'));
		second.answerRun(200, { ref: 'R-2' });
		for (const copy of await Promise.all(copies.slice(1)))
			expect(copy.answer).toEqual({ status: 200, body: { ref: 'R-2' } });
	});

	it('an answer the vendor would not count (here: without `ref`) leaves the key open too', async () => {
		const first = await deliver(answering, { body: created('c-3'), params, parameters: lastNode });
		first.answerRun(200, { id: 'no ref' });
		expect(
			(await deliver(answering, { body: created('c-3'), params, parameters: lastNode })).result,
		).toEqual(run('c-3'));
		expect(logged()).toEqual([
			'Trigger: a delivery was answered 200, not as delivered; its re-delivery starts a new run',
		]);
	});

	it('a copy still waiting when the wait is over is answered 503 with Retry-After, no run', async () => {
		await deliver(answering, { body: created('c-4'), params, parameters: waitBriefly });
		const late = await deliver(answering, {
			body: created('c-4'),
			params,
			parameters: waitBriefly,
		});
		expect([late.answer, late.result, late.responseHeaders]).toEqual([
			{ status: 503, body: { error: 'still running' } },
			{ noWebhookResponse: true },
			{ 'Retry-After': '1' },
		]);
	});

	it('keeps the answer across a restart once a later request saved it', async () => {
		const staticData: IDataObject = {};
		const first = await deliver(
			answering,
			{ body: created('c-5'), params, parameters: lastNode },
			staticData,
		);
		first.answerRun(200, { ref: 'R-5' });
		// the next request (here: an ignored event) carries the ledger into the static data n8n saves
		const ignoredStore = JSON.parse(JSON.stringify(staticData));
		await deliver(
			answering,
			{
				body: JSON.stringify({ trigger: 'booking.cancelled', data: {} }),
				params,
				parameters: { ...lastNode, events: ['booking.created'] },
			},
			ignoredStore,
		);
		const saved = JSON.parse(JSON.stringify(ignoredStore));
		expect(Object.values(saved[NODE].deliveries.answers)).toEqual([{ ref: 'R-5' }]);
		resetLedgers();
		expect(
			(await deliver(answering, { body: created('c-5'), params, parameters: lastNode }, saved))
				.answer,
		).toEqual({ status: 200, body: { ref: 'R-5' } });
	});
});

describe('webhookTrigger: a workflow that cannot answer', () => {
	const inPath = spec([{ path: 'secret' }]);

	it('answers 500 {error} without a run when a Respond to Webhook 1.1+ follows the trigger', async () => {
		const { answer, result } = await deliver(inPath, {
			body: created('d-1'),
			params,
			...after('Trigger', [respondNode(1.5)]),
		});
		const error =
			'"Answer" is a Respond to Webhook node of version 1.5, which answers only n8n\'s own Webhook trigger: every run "Trigger" starts would fail. Use Respond to Webhook version 1 (as in the example workflow), or set Respond to "When Last Node Finishes".';
		expect([answer, result]).toEqual([
			{ status: 500, body: { error } },
			{ noWebhookResponse: true },
		]);
		expect(logged()).toEqual([`Trigger: ${error}`]);
		// the key stayed open: with a fixed workflow the re-delivery runs
		expect((await deliver(inPath, { body: created('d-1'), params })).result).toEqual(run('d-1'));
	});

	it("accepts version 1, a disabled node, and 1.1+ after one of n8n's own webhook nodes", () => {
		// the problem as the trigger's HookContext (in a workflow of these branches) shows it
		const check = (...branches: WorkflowNode[][]) =>
			respondProblem(
				createHookContext({
					node: exampleTrigger(answering),
					credentials,
					credentialTypes: [exampleApi],
					...after('Trigger', ...branches),
				}),
				'responseNode',
			);
		expect(check([respondNode(1)])).toBeUndefined();
		expect(
			check([{ ...respondNode(1.5), disabled: true }], [respondNode(1, 'Other')]),
		).toBeUndefined();
		expect(check([waitNode, respondNode(1.5)])).toBeUndefined();
		expect(check()).toBe(
			'"Trigger" answers "Using \'Respond to Webhook\' Node", but no Respond to Webhook node follows it. Add one (version 1), or choose another Respond option.',
		);
	});

	it('refuses to publish such a workflow (registration), logs the URL otherwise', async () => {
		const hooks = new WebhookTrigger(answering).registration(
			'Example Trigger',
			'Example support must configure it.',
		);
		const node = exampleTrigger(answering, { default: hooks });
		const create = (branches: WorkflowNode[][], respond = 'responseNode') =>
			runHook({
				node,
				method: 'create',
				nodeName: 'On booking',
				parameters: { respond },
				credentials,
				credentialTypes: [exampleApi],
				webhookId: 'abc',
				baseUrl: 'https://n8n.example.test',
				...after('On booking', ...branches),
			});
		await expect(create([[respondNode(1.5)]])).rejects.toThrow(
			'"Answer" is a Respond to Webhook node of version 1.5',
		);
		await expect(create([])).rejects.toThrow('no Respond to Webhook node follows it');
		expect((await create([[respondNode(1)]])).result).toBe(true);
		expect((await create([], 'lastNode')).result).toBe(true);
		expect(infoLines()).toHaveLength(2);
	});
});

describe('webhookTrigger: execute() and registration', () => {
	const items: INodeExecutionData[] = [
		{ json: { event: 'booking.created', data: { id: 'e-1' } } },
		{ json: { event: 'booking.created', data: null } },
	];
	/** The trigger's step of a run (WorkflowExecute), with these items from the delivery. */
	const execute = async (
		mode: 'webhook' | 'manual',
		staticData: IDataObject,
		trigger: WebhookTriggerSpec,
		parameters: IDataObject,
	) => {
		const { outputs, error } = await runNode({
			node: exampleTrigger(trigger),
			mode,
			staticData,
			parameters: parameters as INodeParameters,
			input: structuredClone(items),
			nodeId: NODE_ID,
		});
		expect(error).toBeUndefined();
		return outputs;
	};
	/** the items passed on unchanged (n8n pairs each output item with its input item) */
	const passedOn = [items.map((item, index) => ({ ...item, pairedItem: { item: index } }))];

	it('passes the items on; writes the ledger only with Respond to Webhook, in the receiving process', async () => {
		const responseNode = { respond: 'responseNode' };
		// a queue-mode worker: this process received nothing
		const onWorker: IDataObject = {};
		expect(await execute('webhook', onWorker, answering, responseNode)).toEqual(passedOn);
		expect(onWorker).toEqual({});

		const first = await deliver(answering, {
			body: created('e-1'),
			params,
			parameters: responseNode,
			...after('Trigger', [respondNode(1)]),
		});
		expect(first.result).toEqual(run('e-1'));
		for (const [mode, parameters] of [
			['manual', responseNode],
			['webhook', { respond: 'lastNode' }],
			['webhook', {}],
		] as Array<['webhook' | 'manual', IDataObject]>) {
			const staticData: IDataObject = {};
			expect(await execute(mode, staticData, answering, parameters)).toEqual(passedOn);
			expect(staticData).toEqual({});
		}
		first.answerRun(200, { ref: 'R-e' }); // something to save
		const onMain: IDataObject = {};
		expect(await execute('webhook', onMain, answering, responseNode)).toEqual(passedOn);
		const saved = JSON.parse(JSON.stringify(onMain))[NODE];
		expect(saved.deliveries).toEqual({
			v: 2,
			keys: expect.stringMatching(/^[A-Za-z0-9_-]{11}$/),
			answers: { [saved.deliveries.keys]: { ref: 'R-e' } },
		});
	});

	it('manual registration registers nothing and logs the URL to hand over', async () => {
		const hooks = manualRegistration('Example Trigger', 'Example support must configure it.');
		const node = exampleTrigger(spec([{ query: 'token' }]), { default: hooks });
		const hook = (method: 'checkExists' | 'create' | 'delete') =>
			runHook({
				node,
				method,
				nodeName: 'On booking',
				credentials,
				credentialTypes: [exampleApi],
				webhookId: 'abc',
				baseUrl: 'https://n8n.example.test',
			});
		expect((await hook('checkExists')).result).toBe(false);
		expect((await hook('create')).result).toBe(true);
		expect((await hook('delete')).result).toBe(true);
		expect(infoLines()).toEqual([
			'Example Trigger "On booking" listens at https://n8n.example.test/webhook/abc/webhook; Example support must configure it.',
		]);
	});
});

describe('webhookTrigger: description parts', () => {
	const trigger = new WebhookTrigger(spec([{ query: 'token' }]));

	it('tests the secret credential locally', async () => {
		// n8n's credential tester runs the function the node names in credentials[].testedBy
		await expect(
			testCredential({
				credentialType: exampleApi,
				data: { secret: 'short' },
				nodes: [exampleTrigger(trigger.spec)],
			}),
		).resolves.toEqual({
			status: 'Error',
			message: 'The secret is too short: use at least 16 random characters',
		});
	});

	it('builds the events, authentication and options parameters the webhook reads', () => {
		expect(
			trigger.eventsProperty({
				displayName: 'Events',
				description: 'd',
				labels: { 'booking.created': 'Booking Created' },
			}),
		).toEqual({
			displayName: 'Events',
			name: 'events',
			type: 'multiOptions',
			options: [
				{ name: 'Booking Created', value: 'booking.created' },
				{ name: 'booking.cancelled', value: 'booking.cancelled' },
			],
			default: ['booking.created', 'booking.cancelled'],
			required: true,
			description: 'd',
		});
		expect(trigger.authenticationProperty({ name: 'Secret', description: 'd' })).toMatchObject({
			name: 'authentication',
			options: [
				{ name: 'None', value: 'none' },
				{ name: 'Secret', value: 'secret' },
			],
			default: 'secret',
		});
		const texts = {
			remembered: { displayName: 'Remembered Deliveries', description: 'r' },
			unknown: { displayName: 'Unrecognized Events', description: 'u', ignore: 'i' },
		};
		const own = [
			{ displayName: 'Event Field', name: 'eventField', type: 'string' as const, default: '' },
		];
		const names = (collection: ReturnType<WebhookTrigger['optionsCollection']>) =>
			collection.options?.map((o) => [o.name, (o as { default?: unknown }).default]);
		const collection = trigger.optionsCollection(own, texts);
		expect(collection).toMatchObject({ name: 'advanced', type: 'collection', default: {} });
		expect(names(collection)).toEqual([
			['eventField', ''],
			['ledgerSize', 10_000],
			['unknown', 'run'],
		]);
		// a trigger that answers from the workflow also has the re-delivery wait
		expect(names(new WebhookTrigger(answering).optionsCollection(own, texts))).toEqual([
			['eventField', ''],
			['redeliveryWait', 30],
			['ledgerSize', 10_000],
			['unknown', 'run'],
		]);
	});

	it('answers on receipt at POST …/webhook (or as its parameter says) and keeps the body raw', () => {
		expect(trigger.endpoint()).toEqual({
			name: 'default',
			httpMethod: 'POST',
			path: 'webhook',
			responseMode: 'onReceived',
			responseData: '',
		});
		// the templates for the editor, and n8n-workflow's native resolvers giving the same values
		// (test/triggers/answerFields.test.ts compares them with n8n's expression engine)
		const answered = new WebhookTrigger(answering).endpoint();
		expect(answered).toEqual({
			name: 'default',
			httpMethod: 'POST',
			path: 'webhook',
			responseMode: '={{$parameter["respond"]}}',
			responseData: '={{$parameter["respond"] === "lastNode" ? "firstEntryJson" : ""}}',
			[WEBHOOK_RESOLVERS]: {
				responseMode: { template: '={{$parameter["respond"]}}', resolve: expect.any(Function) },
				responseData: {
					template: '={{$parameter["respond"] === "lastNode" ? "firstEntryJson" : ""}}',
					resolve: expect.any(Function),
				},
			},
		});
		const resolvers = answered[WEBHOOK_RESOLVERS]!;
		expect(
			['onReceived', 'lastNode', 'responseNode'].map((respond) => [
				resolvers.responseMode.resolve({ respond }),
				resolvers.responseData.resolve({ respond }),
			]),
		).toEqual([
			['onReceived', ''],
			['lastNode', 'firstEntryJson'],
			['responseNode', ''],
		]);
		expect(trigger.endpoint()[WEBHOOK_RESOLVERS]).toBeUndefined();
		expect(trigger.properties([]).map((p) => [p.name, p.type, p.default])).toEqual([
			['options', 'hidden', { binaryData: true }],
		]);
	});
});

describe('webhookTrigger: a secret the node keeps itself (authentication.expected)', () => {
	const kept = (expected: string | undefined): WebhookTriggerSpec => {
		const base = spec([{ query: 'token' }]);
		return { ...base, authentication: { ...base.authentication!, expected: async () => expected } };
	};

	it('compares with what `expected` returns instead of the credential', async () => {
		const generated = 'generated-token-0123456789';
		const ok = await deliver(kept(generated), {
			body: created('b-7'),
			query: { token: generated },
		});
		expect(ok.result).toMatchObject({ webhookResponse: { status: 'accepted' } });
		// the credential's secret is not accepted then
		const credential = await deliver(kept(generated), {
			body: created('b-8'),
			query: { token: SECRET },
		});
		expect(credential.answer).toEqual({ status: 401, body: { error: 'bad secret' } });
	});

	it('refuses every delivery while there is no secret to compare with', async () => {
		for (const query of [{ token: '' }, { token: 'anything' }, {}] as Array<
			Record<string, string>
		>) {
			const { answer } = await deliver(kept(undefined), { body: created('b-9'), query });
			expect(answer).toEqual({ status: 401, body: { error: 'bad secret' } });
		}
	});

	it('the events parameter can preselect fewer events than all', () => {
		const trigger = new WebhookTrigger(spec([]));
		expect(
			trigger.eventsProperty({ displayName: 'Events', description: 'd', labels: {}, selected: [] })
				.default,
		).toEqual([]);
	});
});
