/**
 * The harness entry points. Each call builds a fresh single-node workflow and hands it to the
 * real n8n-core machinery:
 *   runNode         -> WorkflowExecute.processRunExecutionData -> (RoutingNode | execute())
 *   runLoadOptions  -> LoadOptionsContext + methods.loadOptions / RoutingNode for routing options
 *   runListSearch   -> LoadOptionsContext + methods.listSearch
 *   testCredential  -> RoutingNode over a temporary node type, like n8n's CredentialsTester
 *   runPoll         -> PollContext + TriggersAndPollers.runPollFunction
 *   runHook         -> HookContext + webhookMethods (checkExists / create / delete)
 *   runWebhook      -> WebhookContext + webhook() with a request and a recording response
 *   createHookContext -> the HookContext runHook uses, for a helper that takes one
 *   recordLogs      -> what nodes log through n8n's Logger (the one the contexts hand out)
 * A test may add nodes after the one under test (`otherNodes`, `connections`): the workflow's own
 * getChildNodes/getParentNodes then see them.
 * Requests leave through n8n's own HTTP client, so nock sees exactly what n8n would send.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';

import {
	CredentialTestContext,
	ExecuteContext,
	HookContext,
	LoadOptionsContext,
	PollContext,
	RoutingNode,
	TriggersAndPollers,
	WebhookContext,
	WorkflowExecute,
} from 'n8n-core';
import { UnexpectedError, createEmptyRunExecutionData, createRunExecutionData } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunction,
	ICredentialTestRequest,
	ICredentialType,
	IConnections,
	IDataObject,
	IHookFunctions,
	ILoadOptionsFunctions,
	INode,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeListSearchResult,
	INodeParameters,
	INodeProperties,
	INodePropertyOptions,
	INodeType,
	IRunData,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
	LogLevel,
	LogMetadata,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import {
	CREDENTIAL_TEST_NODE_TYPE,
	CredentialStore,
	CredentialTypeRegistry,
	HarnessCredentialsHelper,
	toCredentialStore,
	type CredentialsMap,
} from './credentials';
import {
	createAdditionalData,
	createNodeTypes,
	createWorkflow,
	ensureEngine,
	getContainer,
	latestVersion,
	typeNameOf,
	type AnyNodeType,
} from './engine';

/** A further node of the workflow: what follows (or precedes) the node under test. */
export interface WorkflowNode {
	name: string;
	/** its type: a node class, or a description-only stand-in for one of n8n's (describedNodeType) */
	node: AnyNodeType;
	/** default: the type's newest version */
	typeVersion?: number;
	parameters?: INodeParameters;
	disabled?: boolean;
}

export interface NodeContextOptions {
	/** an instance of the node class (declarative, programmatic, versioned or polling) */
	node: AnyNodeType;
	parameters?: INodeParameters;
	/** decrypted data per credential type, or a store shared between calls */
	credentials?: CredentialsMap | CredentialStore;
	/** the credential classes the node uses (needed for authenticate/preAuthentication) */
	credentialTypes?: ICredentialType[];
	typeVersion?: number;
	nodeName?: string;
	/** the workflow's time zone (settings.timezone); n8n's default otherwise */
	timezone?: string;
	/** the webhook id of a webhook node (as the editor sets it) */
	webhookId?: string;
	/** the node's id (default: a new one per call) */
	nodeId?: string;
	/** further nodes of the workflow (getChildNodes/getParentNodes of the contexts see them) */
	otherNodes?: WorkflowNode[];
	/** main connections between the workflow's nodes: [from, to] node names, output 0 to input 0 */
	connections?: Array<[string, string]>;
	/** the instance's base URL, which webhook URLs start with (default http://127.0.0.1:5678) */
	baseUrl?: string;
}

export interface RunNodeOptions extends NodeContextOptions {
	/** the workflow's static data (what the node writes there stays in this object) */
	staticData?: IDataObject;
	/** input items; default one empty item */
	input?: INodeExecutionData[];
	/** shorthand for onError: 'continueRegularOutput' */
	continueOnFail?: boolean;
	onError?: INode['onError'];
	mode?: WorkflowExecuteMode;
}

export interface RunNodeResult {
	/** items per output index */
	outputs: INodeExecutionData[][];
	/** the node error from the run data (a plain serialised object: check name/httpCode/description) */
	error?: any;
	runData: IRunData;
}

/** the name the editor gives a new node of this type */
const defaultNodeName = (type: AnyNodeType) =>
	('defaults' in type.description ? type.description.defaults.name : undefined) ??
	type.description.displayName;

/** `[from, to]` pairs as a workflow's connections (main output 0 to main input 0) */
function mainConnections(pairs: Array<[string, string]>): IConnections {
	const connections: IConnections = {};
	for (const [from, to] of pairs) {
		connections[from] ??= { main: [[]] };
		const outputs = connections[from].main;
		outputs[0] ??= [];
		outputs[0].push({ node: to, type: 'main', index: 0 });
	}
	return connections;
}

function setUp(
	opts: NodeContextOptions & { onError?: INode['onError']; staticData?: IDataObject },
	mode: WorkflowExecuteMode,
) {
	ensureEngine();
	const store = toCredentialStore(opts.credentials);
	const helper = new HarnessCredentialsHelper(
		store,
		new CredentialTypeRegistry(opts.credentialTypes),
	);
	const others = opts.otherNodes ?? [];
	const nodeTypes = createNodeTypes([opts.node, ...others.map((other) => other.node)]);
	const otherNodes: INode[] = others.map((other) => ({
		id: randomUUID(),
		name: other.name,
		type: typeNameOf(other.node),
		typeVersion: other.typeVersion ?? latestVersion(other.node),
		position: [0, 0],
		parameters: other.parameters ?? {},
		...(other.disabled ? { disabled: true } : {}),
	}));
	const typeVersion = opts.typeVersion ?? latestVersion(opts.node);
	const { workflow, node } = createWorkflow({
		nodeTypes,
		type: typeNameOf(opts.node),
		name: opts.nodeName ?? defaultNodeName(opts.node),
		typeVersion,
		parameters: opts.parameters,
		credentialTypes: store.types(),
		credentialRef: (type) => store.ref(type),
		onError: opts.onError,
		staticData: opts.staticData,
		timezone: opts.timezone,
		webhookId: opts.webhookId,
		nodeId: opts.nodeId,
		otherNodes,
		connections: mainConnections(opts.connections ?? []),
	});
	// the editor sends its current parameters with load-options requests; executions send none
	const currentNodeParameters =
		mode === 'internal' ? { ...node.parameters, ...opts.parameters } : undefined;
	const additionalData = createAdditionalData(
		helper,
		workflow,
		mode,
		currentNodeParameters,
		opts.baseUrl,
	);
	const nodeType = nodeTypes.getByNameAndVersion(node.type, typeVersion);
	return { store, helper, workflow, node, additionalData, nodeType };
}

/** Execute one node through WorkflowExecute, as a manual run of a one-node workflow would. */
export async function runNode(opts: RunNodeOptions): Promise<RunNodeResult> {
	const mode = opts.mode ?? 'manual';
	const onError = opts.onError ?? (opts.continueOnFail ? 'continueRegularOutput' : undefined);
	const { workflow, node, additionalData } = setUp({ ...opts, onError }, mode);
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node, data: { main: [opts.input ?? [{ json: {} }]] }, source: null }],
		},
	});
	const run = await new WorkflowExecute(
		additionalData,
		mode,
		runExecutionData,
	).processRunExecutionData(workflow);
	const { runData } = run.data.resultData;
	const task = runData[node.name]?.[0];
	return {
		outputs: (task?.data?.main ?? []).map((items) => items ?? []),
		error: task?.error ?? run.data.resultData.error,
		runData,
	};
}

export interface LoadOptionsOptions extends NodeContextOptions {
	/** name of a `methods.loadOptions` function... */
	method?: string;
	/** ...or the name of a property whose `typeOptions.loadOptions.routing` describes the request */
	property?: string;
	/** the parameter path the editor asks for (getCurrentNodeParameter('&x') is relative to it) */
	path?: string;
}

function loadOptionsContext(opts: NodeContextOptions & { path?: string }, fallbackPath: string) {
	const s = setUp(opts, 'internal');
	const context = new LoadOptionsContext(
		s.workflow,
		s.node,
		s.additionalData,
		opts.path ?? `parameters.${fallbackPath}`,
	);
	return { ...s, context };
}

function nodeMethod<T>(nodeType: INodeType, kind: 'loadOptions' | 'listSearch', name: string): T {
	const method = nodeType.methods?.[kind]?.[name];
	if (typeof method !== 'function') {
		throw new UnexpectedError(`Node type has no methods.${kind}.${name}`);
	}
	return method as T;
}

/** Run a loadOptions method (or a declarative routing loadOptions) like the editor would. */
export async function runLoadOptions(opts: LoadOptionsOptions): Promise<INodePropertyOptions[]> {
	const name = opts.method ?? opts.property;
	if (!name) throw new UnexpectedError('runLoadOptions needs `method` or `property`');
	// n8n's DynamicNodeParametersService names the temporary node "Temp-Node"
	const nodeOpts = { nodeName: 'Temp-Node', ...opts };
	if (opts.method) {
		const { context, nodeType } = loadOptionsContext(nodeOpts, name);
		const method = nodeMethod<(this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>>(
			nodeType,
			'loadOptions',
			name,
		);
		return await method.call(context);
	}
	// routing loadOptions: a copy of the node type whose only property carries that routing
	const s = setUp(nodeOpts, 'internal');
	const property = s.nodeType.description.properties.find((p) => p.name === opts.property);
	const routing = property?.typeOptions?.loadOptions?.routing;
	if (!routing)
		throw new UnexpectedError(`Property "${opts.property}" has no typeOptions.loadOptions.routing`);
	const tempNodeType: INodeType = {
		...s.nodeType,
		description: {
			...s.nodeType.description,
			properties: [
				{ displayName: '', name: '', type: 'string', default: '', routing } as INodeProperties,
			],
		},
	};
	const result = await runRouting(s, tempNodeType, 'internal');
	return (result?.[0] ?? []).map((item) => item.json as unknown as INodePropertyOptions);
}

export interface ListSearchOptions extends NodeContextOptions {
	method: string;
	filter?: string;
	paginationToken?: string;
	path?: string;
}

/** Run a listSearch method (resource locator "From list") like the editor would. */
export async function runListSearch(opts: ListSearchOptions): Promise<INodeListSearchResult> {
	const { context, nodeType } = loadOptionsContext({ nodeName: 'Temp-Node', ...opts }, opts.method);
	type ListSearch = (
		this: ILoadOptionsFunctions,
		filter?: string,
		token?: string,
	) => Promise<INodeListSearchResult>;
	const method = nodeMethod<ListSearch>(nodeType, 'listSearch', opts.method);
	return await method.call(context, opts.filter, opts.paginationToken);
}

/** RoutingNode over a one-item ExecuteContext, as the CLI does outside of workflow executions */
async function runRouting(
	s: ReturnType<typeof setUp>,
	nodeType: INodeType,
	mode: WorkflowExecuteMode,
	credentialsDecrypted?: ConstructorParameters<typeof RoutingNode>[2],
) {
	const context = new ExecuteContext(
		s.workflow,
		s.node,
		s.additionalData,
		mode,
		createEmptyRunExecutionData(),
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node: s.node, data: {}, source: null },
		[],
	);
	return await new RoutingNode(context, nodeType, credentialsDecrypted).runNode();
}

export interface TestCredentialOptions {
	/** the credential class whose `test` request is run */
	credentialType: ICredentialType;
	/** the data typed into the credential dialog, or a store holding it */
	data: ICredentialDataDecryptedObject | CredentialStore;
	/** other credential types it extends */
	credentialTypes?: ICredentialType[];
	/**
	 * the node types using it: for a credential without `test`, n8n's tester runs the function a
	 * node names in `credentials[].testedBy` (its `methods.credentialTest`)
	 */
	nodes?: AnyNodeType[];
}

/** The minimal node n8n's credential tester falls back to (n8n-nodes-base.noOp). */
const noOpNodeType: INodeType = {
	description: {
		displayName: 'No Operation, do nothing',
		name: CREDENTIAL_TEST_NODE_TYPE,
		group: ['organization'],
		version: 1,
		description: 'No Operation',
		defaults: { name: 'No Operation, do nothing' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
	},
};

/** The `testedBy` function of a node using the credential type, found the way n8n's tester does. */
function testedByFunction(type: string, nodes: AnyNodeType[]): ICredentialTestFunction | undefined {
	for (const node of nodes) {
		// a versioned node: the newest version that has the function
		const versions =
			'nodeVersions' in node
				? Object.keys(node.nodeVersions)
						.map(Number)
						.sort((a, b) => b - a)
						.map((version) => node.nodeVersions[version])
				: [node];
		for (const version of versions) {
			for (const { name, testedBy } of version.description.credentials ?? []) {
				if (name !== type || typeof testedBy !== 'string') continue;
				const test = version.methods?.credentialTest?.[testedBy];
				if (test) return test;
			}
		}
	}
	return undefined;
}

/**
 * Test a credential the way n8n's CredentialsTester does: its declarative `test` request, or else
 * the `testedBy` function of one of `nodes`, called with n8n-core's CredentialTestContext.
 */
export async function testCredential(
	opts: TestCredentialOptions,
): Promise<INodeCredentialTestResult> {
	const { credentialType } = opts;
	const test = credentialType.test as ICredentialTestRequest | undefined;
	const store =
		opts.data instanceof CredentialStore
			? opts.data
			: new CredentialStore({ [credentialType.name]: opts.data });
	// the tester's temporary node with the credential, and the credential's data with its defaults
	const prepare = (
		node: INodeType,
	):
		| { s: ReturnType<typeof setUp>; data: ICredentialDataDecryptedObject }
		| { error: INodeCredentialTestResult } => {
		const s = setUp(
			{
				node,
				credentials: store,
				credentialTypes: [credentialType, ...(opts.credentialTypes ?? [])],
				nodeName: 'Temp-Node',
			},
			'internal',
		);
		try {
			const data: ICredentialDataDecryptedObject = s.helper.applyDefaults(
				store.get(credentialType.name),
				credentialType.name,
				s.additionalData,
				'internal',
			);
			return { s, data };
		} catch (error) {
			return { error: { status: 'Error', message: String((error as Error).message) } };
		}
	};
	if (!test) {
		const testFunction = testedByFunction(credentialType.name, opts.nodes ?? []);
		if (!testFunction)
			return { status: 'Error', message: 'No testing function found for this credential.' };
		const prepared = prepare(noOpNodeType);
		if ('error' in prepared) return prepared.error;
		const { s, data } = prepared;
		// (n8n also masks external-secret values in the message; the harness has no external secrets)
		return await testFunction.call(new CredentialTestContext(s.additionalData), {
			...store.ref(credentialType.name),
			type: credentialType.name,
			data,
		});
	}
	const testNodeType: INodeType = {
		description: {
			...noOpNodeType.description,
			credentials: [{ name: credentialType.name, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: test.request },
					default: '',
				},
			],
		},
	};
	const prepared = prepare(testNodeType);
	if ('error' in prepared) return prepared.error;
	const { s, data: credentialsData } = prepared;
	const ref = store.ref(credentialType.name);
	let response: INodeExecutionData[][] | null | undefined;
	try {
		response = await runRouting(s, testNodeType, 'internal', {
			...ref,
			type: credentialType.name,
			data: credentialsData,
		});
	} catch (error) {
		const cause = (
			error as { cause?: { response?: { status: number; statusText?: string }; code?: string } }
		).cause;
		if (cause?.response) {
			const { status, statusText } = cause.response;
			for (const rule of test.rules ?? []) {
				if (rule.type === 'responseCode' && rule.properties.value === status) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			if (status < 199 || status > 299) {
				return { status: 'Error', message: statusText || `Received HTTP status code: ${status}` };
			}
		} else if (cause?.code) {
			return { status: 'Error', message: cause.code };
		}
		return { status: 'Error', message: String((error as Error).message) };
	}
	for (const rule of test.rules ?? []) {
		if (rule.type === 'responseSuccessBody') {
			const json = response?.[0]?.[0]?.json ?? {};
			const actual = rule.properties.key
				.split('.')
				.reduce<unknown>((v, k) => (v as IDataObject | undefined)?.[k], json);
			if (actual === rule.properties.value)
				return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}

export interface RunPollOptions extends NodeContextOptions {
	/**
	 * The workflow's static data; pass the same object to later calls to persist state.
	 * The node's own data lives under `staticData['node:<nodeName>']`.
	 */
	staticData?: IDataObject;
	/** 'trigger' = an active workflow polling; 'manual' = "Fetch test event" in the editor */
	mode?: 'trigger' | 'manual';
	activation?: WorkflowActivateMode;
}

export interface RunPollResult {
	/** what poll() returned (null = nothing new) */
	result: INodeExecutionData[][] | null;
	staticData: IDataObject;
	/** the node's own static data after the poll */
	nodeStaticData: IDataObject;
}

/** Run a polling trigger's poll() once with n8n-core's PollContext. */
export async function runPoll(opts: RunPollOptions): Promise<RunPollResult> {
	const mode = opts.mode ?? 'trigger';
	const staticData = opts.staticData ?? {};
	const s = setUp({ ...opts, staticData }, mode);
	const activation: WorkflowActivateMode =
		opts.activation ?? (mode === 'manual' ? 'manual' : 'activate');
	const context = new PollContext(s.workflow, s.node, s.additionalData, mode, activation);
	const result = await getContainer()
		.get(TriggersAndPollers)
		.runPollFunction(s.workflow, s.node, context);
	return {
		result: result ?? null,
		staticData,
		nodeStaticData: s.workflow.getStaticData('node', s.node),
	};
}

/** The webhook of a node as n8n hands it to the hook and webhook contexts. */
function webhookDataOf(s: ReturnType<typeof setUp>, name: string, isTest: boolean): IWebhookData {
	const description = s.nodeType.description.webhooks?.find((w) => w.name === name);
	if (!description) throw new UnexpectedError(`The node has no webhook "${name}"`);
	return {
		httpMethod: description.httpMethod as IWebhookData['httpMethod'],
		node: s.node.name,
		path: String(description.path),
		webhookDescription: description,
		workflowId: s.workflow.id,
		workflowExecuteAdditionalData: s.additionalData,
		isTest,
	};
}

export interface HookContextOptions extends NodeContextOptions {
	/** the workflow's static data; pass the same object to later calls (see runPoll) */
	staticData?: IDataObject;
	/** 'trigger' = publishing (production URL); 'manual' = "Listen for test event" (test URL) */
	mode?: 'trigger' | 'manual';
	activation?: WorkflowActivateMode;
	webhook?: 'default' | 'setup';
}

export interface RunHookOptions extends HookContextOptions {
	method: 'checkExists' | 'create' | 'delete';
}

export interface RunHookResult {
	result: boolean | undefined;
	staticData: IDataObject;
	nodeStaticData: IDataObject;
}

function hookSetUp(opts: HookContextOptions) {
	const mode = opts.mode ?? 'trigger';
	const staticData = opts.staticData ?? {};
	const s = setUp({ ...opts, staticData }, mode);
	const activation: WorkflowActivateMode =
		opts.activation ?? (mode === 'manual' ? 'manual' : 'activate');
	const name = opts.webhook ?? 'default';
	const webhookData = webhookDataOf(s, name, mode === 'manual');
	const context = new HookContext(
		s.workflow,
		s.node,
		s.additionalData,
		mode,
		activation,
		webhookData,
	);
	return { s, staticData, name, context };
}

/** n8n-core's HookContext for a webhook node, as activation creates it (for code taking one). */
export function createHookContext(opts: HookContextOptions): IHookFunctions {
	return hookSetUp(opts).context;
}

/** Call one of a webhook node's `webhookMethods` with n8n-core's HookContext, as activation does. */
export async function runHook(opts: RunHookOptions): Promise<RunHookResult> {
	const { s, staticData, name, context } = hookSetUp(opts);
	const method = s.nodeType.webhookMethods?.[name]?.[opts.method];
	if (!method) throw new UnexpectedError(`The node has no webhookMethods.${name}.${opts.method}`);
	const result = await method.call(context);
	return { result, staticData, nodeStaticData: s.workflow.getStaticData('node', s.node) };
}

export interface RunWebhookOptions extends NodeContextOptions {
	/** the raw request body */
	body?: string;
	headers?: Record<string, string>;
	query?: Record<string, string>;
	params?: Record<string, string>;
	staticData?: IDataObject;
	/** 'webhook' = a production delivery; 'manual' = a delivery while the editor listens */
	mode?: 'webhook' | 'manual';
	webhook?: string;
	/**
	 * how n8n's raw-body reader fails (what `req.readRawBody()` throws, e.g. raw-body's
	 * `{ type: 'entity.too.large', status: 413, limit }` or zlib's `{ code: 'Z_DATA_ERROR' }`); the
	 * request then carries no body
	 */
	readError?: unknown;
	/**
	 * leave n8n's answer to a run that answers on receipt to the test (`answerRun`), as if the next
	 * request arrived before n8n sent it; a webhook answering otherwise is always left to the test
	 */
	holdAnswer?: boolean;
}

export interface RunWebhookResult {
	/** what webhook() returned */
	result: IWebhookResponseData;
	/** the answer the node wrote itself (respond(): status and JSON body), if any */
	answer?: { status: number; body: unknown };
	/** the headers the node set on the response, named as it named them */
	responseHeaders: Record<string, string>;
	/**
	 * n8n's answer to the run the node started, once that run (or, on receipt, its start) produced
	 * it: `res.status(status).json(body)`. Already sent by the harness for a webhook that answers on
	 * receipt (unless `holdAnswer`); a response that was answered keeps its first answer.
	 */
	answerRun: (status: number, body: unknown) => void;
	staticData: IDataObject;
	nodeStaticData: IDataObject;
}

/**
 * Call a webhook node's `webhook()` with n8n-core's WebhookContext, the request as n8n's webhook
 * server hands it over (headers lower-cased, the raw body or n8n's reader for it) and a response
 * that records what the node answers. Then, for a webhook whose response mode (its description's
 * `responseMode`, evaluated like n8n does) is "onReceived", n8n's answer on receipt; other modes
 * answer when the run is done, which the test plays with `answerRun`.
 */
export async function runWebhook(opts: RunWebhookOptions): Promise<RunWebhookResult> {
	const mode = opts.mode ?? 'webhook';
	const staticData = opts.staticData ?? {};
	const s = setUp({ ...opts, staticData }, mode);
	const headers = Object.fromEntries(
		Object.entries(opts.headers ?? {}).map(([key, value]) => [key.toLowerCase(), value]),
	);
	const readError = opts.readError;
	const request = {
		method: 'POST',
		headers,
		query: opts.query ?? {},
		params: opts.params ?? {},
		rawBody:
			opts.body === undefined || readError !== undefined
				? undefined
				: Buffer.from(opts.body, 'utf8'),
		body: undefined,
		// n8n's raw-body reader (set on every request) and the stream methods of Express's request
		async readRawBody() {
			if (readError !== undefined) throw readError;
			request.rawBody = Buffer.from(opts.body ?? '', 'utf8');
		},
		unpipe() {},
		resume() {},
	};
	let answer: RunWebhookResult['answer'];
	// an Express response as far as nodes touch it: status, headers, json/send, write/end
	const response = {
		statusCode: 200,
		headers: {} as Record<string, string>,
		setHeader(name: string, value: string) {
			response.headers[name] = value;
		},
		status(status: number) {
			response.statusCode = status;
			return response;
		},
		json(body: unknown) {
			return response.end(JSON.stringify(body));
		},
		send(body: unknown) {
			return response.end(typeof body === 'string' ? body : JSON.stringify(body));
		},
		write() {
			return true;
		},
		end(chunk?: unknown) {
			if (!answer) {
				const text = typeof chunk === 'string' ? chunk : '';
				let body: unknown = text || undefined;
				try {
					body = text ? JSON.parse(text) : undefined;
				} catch {
					// not JSON: the text as sent
				}
				answer = { status: response.statusCode, body };
			}
			return response;
		},
	};
	const additionalData = {
		...s.additionalData,
		httpRequest: request,
		httpResponse: response,
	} as unknown as IWorkflowExecuteAdditionalData;
	const name = opts.webhook ?? 'default';
	const webhookData = webhookDataOf(s, name, mode === 'manual');
	const context = new WebhookContext(
		s.workflow,
		s.node,
		additionalData,
		mode,
		webhookData,
		[],
		null,
	);
	const result = await (s.nodeType as INodeType).webhook!.call(context);
	const written = answer;
	const answerRun = (status: number, body: unknown) => {
		response.status(status).json(body);
	};
	// then n8n answers a run that answers on receipt: 200 with the node's webhookResponse (a node
	// watching the response, as the de-duplicating triggers do, sees that answer)
	const responseMode = s.workflow.expression.getSimpleParameterValue(
		s.node,
		webhookData.webhookDescription.responseMode,
		mode,
		{ $executionId: s.additionalData.executionId },
		undefined,
		'onReceived',
	);
	if (!result.noWebhookResponse && !written && responseMode === 'onReceived' && !opts.holdAnswer)
		answerRun(200, result.webhookResponse ?? { message: 'Workflow was started' });
	return {
		result,
		answer: written,
		responseHeaders: { ...response.headers },
		answerRun,
		staticData,
		nodeStaticData: s.workflow.getStaticData('node', s.node),
	};
}

type BackendCommon = typeof import('@n8n/backend-common');

type LineLevel = Exclude<LogLevel, 'silent'>;

/** A line a node logged: its level and message. */
export interface LoggedLine {
	level: LineLevel;
	message: string;
}

/**
 * Record what is logged through n8n's Logger, the one n8n-core's contexts hand out as `this.logger`
 * (from the DI container n8n-core resolves; silent in the tests, so the lines are recorded only).
 * Call `stop()` when done.
 */
export function recordLogs(levels: LineLevel[] = ['error', 'warn', 'info']): {
	lines: LoggedLine[];
	stop: () => void;
} {
	ensureEngine();
	const modulePath = require.resolve('@n8n/backend-common', {
		paths: [path.dirname(require.resolve('n8n-core'))],
	});
	const { Logger } = require(modulePath) as BackendCommon;
	const logger = getContainer().get(Logger);
	const lines: LoggedLine[] = [];
	const restore: Array<() => void> = [];
	for (const level of levels) {
		const own = Object.getOwnPropertyDescriptor(logger, level);
		const original = logger[level].bind(logger);
		Object.defineProperty(logger, level, {
			configurable: true,
			writable: true,
			value: (message: string, metadata?: LogMetadata) => {
				lines.push({ level, message });
				original(message, metadata);
			},
		});
		restore.push(() =>
			own ? Object.defineProperty(logger, level, own) : Reflect.deleteProperty(logger, level),
		);
	}
	return { lines, stop: () => restore.forEach((undo) => undo()) };
}
