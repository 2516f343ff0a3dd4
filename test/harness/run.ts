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
 * Requests leave through n8n's own HTTP client, so nock sees exactly what n8n would send.
 */
import {
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
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
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
	const nodeTypes = createNodeTypes([opts.node]);
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
	});
	// the editor sends its current parameters with load-options requests; executions send none
	const currentNodeParameters =
		mode === 'internal' ? { ...node.parameters, ...opts.parameters } : undefined;
	const additionalData = createAdditionalData(helper, workflow, mode, currentNodeParameters);
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

/** Run a credential type's declarative `test` request the way n8n's CredentialsTester does. */
export async function testCredential(
	opts: TestCredentialOptions,
): Promise<INodeCredentialTestResult> {
	const { credentialType } = opts;
	const test = credentialType.test as ICredentialTestRequest | undefined;
	if (!test) return { status: 'Error', message: 'No testing function found for this credential.' };

	const store =
		opts.data instanceof CredentialStore
			? opts.data
			: new CredentialStore({ [credentialType.name]: opts.data });
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
	const s = setUp(
		{
			node: testNodeType,
			credentials: store,
			credentialTypes: [credentialType, ...(opts.credentialTypes ?? [])],
			nodeName: 'Temp-Node',
		},
		'internal',
	);
	let credentialsData: ICredentialDataDecryptedObject;
	try {
		credentialsData = s.helper.applyDefaults(
			store.get(credentialType.name),
			credentialType.name,
			s.additionalData,
			'internal',
		);
	} catch (error) {
		return { status: 'Error', message: String((error as Error).message) };
	}
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

export interface RunHookOptions extends NodeContextOptions {
	method: 'checkExists' | 'create' | 'delete';
	/** the workflow's static data; pass the same object to later calls (see runPoll) */
	staticData?: IDataObject;
	/** 'trigger' = publishing (production URL); 'manual' = "Listen for test event" (test URL) */
	mode?: 'trigger' | 'manual';
	activation?: WorkflowActivateMode;
	webhook?: 'default' | 'setup';
}

export interface RunHookResult {
	result: boolean | undefined;
	staticData: IDataObject;
	nodeStaticData: IDataObject;
}

/** Call one of a webhook node's `webhookMethods` with n8n-core's HookContext, as activation does. */
export async function runHook(opts: RunHookOptions): Promise<RunHookResult> {
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
}

export interface RunWebhookResult {
	/** what webhook() returned */
	result: IWebhookResponseData;
	/** the answer the node wrote itself (respond(): status and JSON body), if any */
	answer?: { status: number; body: unknown };
	staticData: IDataObject;
	nodeStaticData: IDataObject;
}

/**
 * Call a webhook node's `webhook()` with n8n-core's WebhookContext, the request as n8n's webhook
 * server hands it over (headers lower-cased, the raw body) and a response that records what the node
 * answers.
 */
export async function runWebhook(opts: RunWebhookOptions): Promise<RunWebhookResult> {
	const mode = opts.mode ?? 'webhook';
	const staticData = opts.staticData ?? {};
	const s = setUp({ ...opts, staticData }, mode);
	const headers = Object.fromEntries(
		Object.entries(opts.headers ?? {}).map(([key, value]) => [key.toLowerCase(), value]),
	);
	const request = {
		method: 'POST',
		headers,
		query: opts.query ?? {},
		params: opts.params ?? {},
		rawBody: opts.body === undefined ? undefined : Buffer.from(opts.body, 'utf8'),
		body: undefined,
	};
	let answer: RunWebhookResult['answer'];
	// an Express response as far as nodes touch it: status, headers, json/send, write/end
	const response = {
		statusCode: 200,
		headers: {} as Record<string, string>,
		setHeader(name: string, value: string) {
			response.headers[name.toLowerCase()] = value;
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
	const context = new WebhookContext(
		s.workflow,
		s.node,
		additionalData,
		mode,
		webhookDataOf(s, name, mode === 'manual'),
		[],
		null,
	);
	const result = await (s.nodeType as INodeType).webhook!.call(context);
	const written = answer;
	// then n8n answers a run that answers on receipt: 200 with the node's webhookResponse (a node
	// watching the response, as the de-duplicating triggers do, sees that answer)
	if (!result.noWebhookResponse && !written)
		response.status(200).json(result.webhookResponse ?? { message: 'Workflow was started' });
	return {
		result,
		answer: written,
		staticData,
		nodeStaticData: s.workflow.getStaticData('node', s.node),
	};
}
