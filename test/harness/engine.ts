/**
 * What n8n-core needs around a node to run it: the one DI stub (InstanceSettings), a node-types
 * registry prepared like n8n's DirectoryLoader does, a workflow with that node (and, if a test asks,
 * the nodes after it), and the `additionalData` (credentials helper, lifecycle hooks, URLs) an
 * execution carries.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { DirectoryLoader, ExecutionLifecycleHooks, InstanceSettings } from 'n8n-core';
import { NodeHelpers, UnexpectedError, Workflow } from 'n8n-workflow';
import type {
	IConnections,
	IDataObject,
	INode,
	INodeParameters,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import type { HarnessCredentialsHelper } from './credentials';

/** community node types are registered as `<package>.<name>` */
export const PACKAGE_NAME = 'n8n-nodes-workforce';

type Di = typeof import('@n8n/di');

/**
 * Register the InstanceSettings stub in the @n8n/di Container copy n8n-core itself resolves
 * (a different copy would silently be ignored and the real settings would write ~/.n8n).
 */
export function getContainer(): Di['Container'] {
	const diPath = require.resolve('@n8n/di', { paths: [path.dirname(require.resolve('n8n-core'))] });
	return (require(diPath) as Di).Container;
}

let diReady = false;
export function ensureEngine(): void {
	if (diReady) return;
	const Container = getContainer();
	const n8nFolder = path.join(tmpdir(), `${PACKAGE_NAME}-harness`);
	mkdirSync(n8nFolder, { recursive: true });
	const stub = {
		n8nFolder,
		staticCacheDir: path.join(n8nFolder, 'cache'),
		customExtensionDir: path.join(n8nFolder, 'custom'),
		nodesDownloadDir: path.join(n8nFolder, 'nodes'),
		instanceId: 'harness-instance',
		derivedInstanceId: 'harness-instance',
		hmacSignatureSecret: 'harness-hmac-secret',
		encryptionKey: 'harness-encryption-key',
		instanceType: 'main',
		instanceRole: 'leader',
		hostId: 'harness-host',
		isLeader: true,
		isFollower: false,
		isMultiMain: false,
		isSingleMain: true,
		isWorker: false,
		fsStorageMigrated: true,
		isDocker: false,
		markFsStorageMigrated: () => {},
		update: () => {},
	};
	Container.set(InstanceSettings, stub as unknown as InstanceSettings);
	diReady = true;
}

export type AnyNodeType = INodeType | IVersionedNodeType;

const prepared = new WeakSet<INodeType>();

/** what the real loader adds to a node description (request options of declarative nodes, once) */
function prepareForLoad(nodeType: AnyNodeType): void {
	const versions = 'nodeVersions' in nodeType ? Object.values(nodeType.nodeVersions) : [nodeType];
	for (const version of versions) {
		if (prepared.has(version)) continue;
		DirectoryLoader.applyDeclarativeNodeOptionParameters(version);
		prepared.add(version);
	}
}

export const typeNameOf = (nodeType: AnyNodeType): string => {
	const { name } = nodeType.description;
	return name.includes('.') ? name : `${PACKAGE_NAME}.${name}`;
};

/** the newest version a node type offers (the default for a new node in the editor) */
export function latestVersion(nodeType: AnyNodeType): number {
	if ('nodeVersions' in nodeType) return nodeType.currentVersion;
	const { version } = nodeType.description;
	return Array.isArray(version) ? Math.max(...version) : version;
}

/** a node-types registry over the given classes, resolving versions with NodeHelpers like n8n */
export function createNodeTypes(types: AnyNodeType[]): INodeTypes {
	const byName = new Map<string, AnyNodeType>();
	for (const type of types) {
		prepareForLoad(type);
		byName.set(typeNameOf(type), type);
	}
	const lookup = (name: string) => {
		const type = byName.get(name);
		if (!type) throw new UnexpectedError(`Unknown node type "${name}" in the test harness`);
		return type;
	};
	return {
		getByName: lookup,
		getByNameAndVersion: (name, version) => NodeHelpers.getVersionedNodeType(lookup(name), version),
		getKnownTypes: () => ({}),
	};
}

/**
 * A node type that is only its description: stands for one of n8n's own nodes (n8n-nodes-base is not
 * loaded in the harness) in a workflow whose shape the node under test inspects (getChildNodes,
 * getParentNodes). It has no execute(): a run that reaches it fails.
 */
export function describedNodeType(
	name: string,
	displayName: string,
	version: number | number[],
): INodeType {
	return {
		description: {
			displayName,
			name,
			group: ['transform'],
			version,
			description: `${displayName} (its description only, for the shape of a workflow)`,
			defaults: { name: displayName },
			inputs: ['main'],
			outputs: ['main'],
			properties: [],
		},
	};
}

export interface NodeSetup {
	nodeTypes: INodeTypes;
	type: string;
	name: string;
	typeVersion: number;
	parameters?: INodeParameters;
	credentialTypes: string[];
	credentialRef: (type: string) => { id: string; name: string };
	onError?: INode['onError'];
	staticData?: IDataObject;
	/** settings.timezone of the workflow */
	timezone?: string;
	/** the id the editor gives a webhook node (its URLs are `<base>/webhook/<webhookId>/<path>`) */
	webhookId?: string;
	/** the node's id (default: a new one per call; webhook triggers keep ledgers per node id) */
	nodeId?: string;
	/** further nodes of the workflow (their types must be in `nodeTypes`) */
	otherNodes?: INode[];
	connections?: IConnections;
}

/**
 * a workflow holding the node under test (and `otherNodes`, connected by `connections`); returns
 * the node as the Workflow normalised it
 */
export function createWorkflow(setup: NodeSetup): { workflow: Workflow; node: INode } {
	const credentials = Object.fromEntries(
		setup.credentialTypes.map((t) => [t, setup.credentialRef(t)]),
	);
	const node: INode = {
		id: setup.nodeId ?? randomUUID(),
		name: setup.name,
		type: setup.type,
		typeVersion: setup.typeVersion,
		position: [0, 0],
		parameters: setup.parameters ?? {},
		...(setup.credentialTypes.length ? { credentials } : {}),
		...(setup.onError ? { onError: setup.onError } : {}),
		...(setup.webhookId ? { webhookId: setup.webhookId } : {}),
	};
	const workflow = new Workflow({
		id: 'harness-workflow',
		name: 'Harness workflow',
		nodes: [node, ...(setup.otherNodes ?? [])],
		connections: setup.connections ?? {},
		active: false,
		nodeTypes: setup.nodeTypes,
		staticData: setup.staticData,
		settings: { executionOrder: 'v1', ...(setup.timezone ? { timezone: setup.timezone } : {}) },
	});
	return { workflow, node: workflow.getNode(setup.name)! };
}

/** the per-execution data n8n's CLI builds in WorkflowExecuteAdditionalData.getBase() */
export function createAdditionalData(
	credentialsHelper: HarnessCredentialsHelper,
	workflow: Workflow,
	mode: WorkflowExecuteMode,
	currentNodeParameters?: INodeParameters,
	/** the instance's base URL, which the webhook, form and REST URLs start with */
	base = 'http://127.0.0.1:5678',
): IWorkflowExecuteAdditionalData {
	const executionId = randomUUID();
	const now = new Date();
	const hooks = new ExecutionLifecycleHooks(mode, executionId, {
		id: workflow.id,
		name: workflow.name ?? 'Harness workflow',
		active: false,
		isArchived: false,
		activeVersionId: null,
		createdAt: now,
		updatedAt: now,
		nodes: Object.values(workflow.nodes),
		connections: workflow.connectionsBySourceNode,
	});
	const unsupported = (what: string) => async () => {
		throw new UnexpectedError(`${what} is not available in the test harness`);
	};
	const additionalData: Partial<IWorkflowExecuteAdditionalData> = {
		credentialsHelper,
		hooks,
		executionId,
		workflowId: workflow.id,
		userId: 'harness-user',
		currentNodeParameters,
		currentNodeExecutionIndex: 0,
		variables: {},
		restApiUrl: `${base}/rest`,
		instanceBaseUrl: base,
		formBaseUrl: `${base}/form`,
		formWaitingBaseUrl: `${base}/form-waiting`,
		formTestBaseUrl: `${base}/form-test`,
		webhookBaseUrl: `${base}/webhook`,
		webhookWaitingBaseUrl: `${base}/webhook-waiting`,
		webhookTestBaseUrl: `${base}/webhook-test`,
		mcpBaseUrl: `${base}/mcp`,
		mcpTestBaseUrl: `${base}/mcp-test`,
		executeWorkflow: unsupported('executeWorkflow'),
		getRunExecutionData: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: unsupported('startRunnerTask'),
	};
	return additionalData as IWorkflowExecuteAdditionalData;
}
