/**
 * Helpers for webhook end-to-end tests (on top of harness.ts / scripts/lib/n8n-runtime.cjs):
 *
 *   const n8n = await startWebhookN8n('sense', { workflows: [wf], credentials: [cred] });
 *   const res = await n8n.post('/webhook/<webhookId>/webhook', body, { headers, query });
 *   const runs = await n8n.waitForExecutions(wf.id, 1);      // finished executions, newest first
 *   const json = await n8n.triggerOutput(runs[0].id, 'Sense Trigger');
 *   await n8n.stop();
 *
 * Workflows are imported and published with the CLI before the server starts (the activation path
 * n8n documents for headless use: `n8n publish:workflow --id=<id>`, then start), so their webhooks
 * are live at /webhook/<path> as soon as the server is ready. Executions are read through the REST
 * API with the owner's cookie.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import * as runtime from '../../scripts/lib/n8n-runtime.cjs';
import type { ImportedCredential, Owner, RunningN8n } from '../../scripts/lib/n8n-runtime.cjs';
import { WORK_DIR } from './harness';

/** n8n stores execution data with `flatted`; read it with n8n's own copy. */
const flatted: { parse(text: string): any } = createRequire(
	join(runtime.CACHE_DIR, 'node_modules', 'n8n', 'package.json'),
)('flatted');

export interface Workflow {
	id: string;
	name: string;
	nodes: Array<Record<string, unknown>>;
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
	[key: string]: unknown;
}

export interface HttpAnswer {
	status: number;
	/** parsed JSON when the answer is JSON, else the text */
	body: any;
	text: string;
}

export interface PublicationStatus {
	status: string;
	triggers: Array<{ nodeId: string; status: string; errorMessage: string | null }>;
	[key: string]: unknown;
}

export interface ExecutionSummary {
	id: string;
	workflowId: string;
	status: string;
	mode: string;
	finished?: boolean;
	[key: string]: unknown;
}

export interface WebhookN8n {
	url: string;
	owner: Owner;
	userFolder: string;
	/** POST to the server (path like /webhook/<id>/webhook); a string or Buffer body is sent as is. */
	post(
		path: string,
		body: unknown,
		options?: {
			headers?: Record<string, string>;
			query?: Record<string, string>;
			contentType?: string;
		},
	): Promise<HttpAnswer>;
	/**
	 * Waits until n8n serves the webhook at `path` (workflows are activated shortly after the server
	 * reports ready). Probes with a CORS preflight, which answers 204 only for a registered path.
	 */
	waitForWebhook(path: string, timeoutMs?: number): Promise<void>;
	/** Executions of a workflow, newest first (every page). */
	executions(workflowId: string): Promise<ExecutionSummary[]>;
	/** Waits until the workflow has at least `count` executions, none of them still running. */
	waitForExecutions(
		workflowId: string,
		count: number,
		timeoutMs?: number,
	): Promise<ExecutionSummary[]>;
	/** The JSON items a node output in an execution. */
	nodeOutput(executionId: string, nodeName: string): Promise<Array<Record<string, unknown>>>;
	/**
	 * Unpublishes (deactivates) a workflow through the REST API while the server runs, as the
	 * editor's Unpublish does: n8n removes its webhooks (a node's `webhookMethods.delete` runs).
	 */
	unpublish(workflowId: string): Promise<void>;
	/**
	 * Stops and starts the server on the same user folder: on a new port (`url` follows), or with
	 * `samePort` on the same one (the URLs a vendor was given stay valid).
	 */
	restart(options?: { samePort?: boolean }): Promise<void>;
	/**
	 * Publishes an imported workflow the way the editor does (POST /rest/workflows/:id/activate).
	 * n8n 2.41 answers at once and activates the triggers afterwards (its publication outbox):
	 * the outcome is `publicationStatus`.
	 */
	publish(workflowId: string): Promise<HttpAnswer>;
	/**
	 * The publication status once settled (GET /rest/workflows/:id/publication-status, polled while
	 * "in_progress"): `{status: 'published' | 'failed' | …, triggers: [{nodeId, status, errorMessage}]}`.
	 */
	publicationStatus(workflowId: string, timeoutMs?: number): Promise<PublicationStatus>;
	stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function answerOf(res: Response): Promise<HttpAnswer> {
	const text = await res.text();
	let parsed: unknown = text;
	try {
		parsed = JSON.parse(text);
	} catch {
		/* not JSON */
	}
	return { status: res.status, body: parsed, text };
}

async function cli(userFolder: string, args: string[]): Promise<void> {
	const res = await runtime.runN8nCli(userFolder, args);
	if (res.code !== 0)
		throw new Error(`n8n ${args.join(' ')} exited with ${res.code}\n${res.stdout}\n${res.stderr}`);
}

/**
 * Fresh user folder with the packed package installed, the credentials and workflows imported and
 * published, and n8n started on a free 127.0.0.1 port with the owner logged in.
 */
export async function startWebhookN8n(
	name: string,
	setup: {
		workflows: Workflow[];
		/** imported but not published (see `publish`) */
		unpublished?: Workflow[];
		credentials?: ImportedCredential[];
		env?: Record<string, string>;
	},
): Promise<WebhookN8n> {
	mkdirSync(WORK_DIR, { recursive: true });
	for (const old of readdirSync(WORK_DIR).filter((d) => d.startsWith(`${name}-`))) {
		rmSync(join(WORK_DIR, old), { recursive: true, force: true });
	}
	const userFolder = join(WORK_DIR, `${name}-${Date.now()}`);
	mkdirSync(userFolder, { recursive: true });
	const log = (message: string) => process.stderr.write(`[e2e:${name}] ${message}\n`);
	runtime.packAndInstall(userFolder, { tarball: process.env.WF_E2E_TARBALL, log });

	const imports = join(userFolder, 'imports');
	mkdirSync(imports, { recursive: true });
	if (setup.credentials?.length) {
		const file = join(imports, 'credentials.json');
		writeFileSync(file, JSON.stringify(setup.credentials, null, 2));
		await cli(userFolder, ['import:credentials', `--input=${file}`]);
	}
	const file = join(imports, 'workflows.json');
	writeFileSync(
		file,
		JSON.stringify(
			[...setup.workflows, ...(setup.unpublished ?? [])].map((wf) => ({
				active: false,
				settings: {},
				...wf,
			})),
			null,
			2,
		),
	);
	await cli(userFolder, ['import:workflow', `--input=${file}`]);
	for (const workflow of setup.workflows)
		await cli(userFolder, ['publish:workflow', `--id=${workflow.id}`]);

	let server: RunningN8n = await runtime.startN8n({ userFolder, log, env: setup.env });
	let owner: Owner;
	try {
		owner = await runtime.ensureOwner(server.url, userFolder);
	} catch (error) {
		await server.stop();
		throw error;
	}

	const getJson = (path: string) => runtime.getJson<any>(`${server.url}${path}`, owner.cookie);

	const executions = async (workflowId: string): Promise<ExecutionSummary[]> => {
		const all: ExecutionSummary[] = [];
		let cursor: string | undefined;
		for (let page = 0; page < 100; page++) {
			const query = new URLSearchParams({ filter: JSON.stringify({ workflowId }), limit: '100' });
			if (cursor) query.set('cursor', cursor);
			const { data } = await getJson(`/rest/executions?${query}`);
			all.push(...data.results);
			cursor = data.nextCursor ?? undefined;
			if (!cursor || data.results.length === 0) break;
		}
		return [...new Map(all.map((e) => [String(e.id), e])).values()];
	};

	return {
		get url() {
			return server.url;
		},
		get owner() {
			return owner;
		},
		userFolder,
		async post(path, body, options = {}) {
			const url = new URL(path, server.url);
			for (const [key, value] of Object.entries(options.query ?? {}))
				url.searchParams.set(key, value);
			const res = await fetch(url, {
				method: 'POST',
				headers: { 'content-type': options.contentType ?? 'application/json', ...options.headers },
				body: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body),
				signal: AbortSignal.timeout(60_000),
			});
			return await answerOf(res);
		},
		async publish(workflowId) {
			const { data } = await getJson(`/rest/workflows/${workflowId}`);
			const res = await fetch(new URL(`/rest/workflows/${workflowId}/activate`, server.url), {
				method: 'POST',
				headers: { 'content-type': 'application/json', cookie: owner.cookie },
				body: JSON.stringify({ versionId: data.versionId }),
				signal: AbortSignal.timeout(60_000),
			});
			return await answerOf(res);
		},
		async publicationStatus(workflowId, timeoutMs = 60_000) {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const { data } = await getJson(`/rest/workflows/${workflowId}/publication-status`);
				if (!['in_progress', 'not_published'].includes(data.status)) return data;
				if (Date.now() > deadline)
					throw new Error(`workflow ${workflowId}: publication still ${data.status}`);
				await sleep(250);
			}
		},
		async waitForWebhook(path, timeoutMs = 60_000) {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const res = await fetch(new URL(path, server.url), {
					method: 'OPTIONS',
					headers: { origin: 'http://127.0.0.1', 'access-control-request-method': 'POST' },
					signal: AbortSignal.timeout(10_000),
				});
				await res.arrayBuffer();
				if (res.status === 204) return;
				if (Date.now() > deadline)
					throw new Error(
						`webhook ${path} was not registered within ${timeoutMs / 1000}s (${res.status})`,
					);
				await sleep(250);
			}
		},
		executions,
		async waitForExecutions(workflowId, count, timeoutMs = 60_000) {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const list = await executions(workflowId);
				const settled = list.filter((e) => !['new', 'running', 'waiting'].includes(e.status));
				if (settled.length >= count && settled.length === list.length) return list;
				if (Date.now() > deadline) {
					throw new Error(
						`workflow ${workflowId}: ${list.length} executions (${settled.length} finished), expected ${count}`,
					);
				}
				await sleep(200);
			}
		},
		async nodeOutput(executionId, nodeName) {
			const { data } = await getJson(`/rest/executions/${executionId}`);
			const run = flatted.parse(data.data);
			const task = run.resultData.runData[nodeName]?.[0];
			if (!task) throw new Error(`node "${nodeName}" did not run in execution ${executionId}`);
			return (task.data?.main?.[0] ?? []).map(
				(item: { json: Record<string, unknown> }) => item.json,
			);
		},
		async unpublish(workflowId) {
			const res = await fetch(`${server.url}/rest/workflows/${workflowId}/deactivate`, {
				method: 'POST',
				headers: { cookie: owner.cookie, 'content-type': 'application/json' },
				body: '{}',
				signal: AbortSignal.timeout(120_000),
			});
			const text = await res.text();
			if (!res.ok)
				throw new Error(`unpublishing ${workflowId}: ${res.status} ${text.slice(0, 300)}`);
		},
		async restart({ samePort = false } = {}) {
			const port = server.port;
			await server.stop();
			server = await runtime.startN8n({
				userFolder,
				log,
				env: setup.env,
				...(samePort ? { port } : {}),
			});
			owner = await runtime.ensureOwner(server.url, userFolder);
		},
		stop: () => server.stop(),
	};
}

/** A one-trigger workflow (optionally followed by more nodes) with a fixed webhook id. */
export function triggerWorkflow(options: {
	id: string;
	trigger: {
		name: string;
		type: string;
		parameters: Record<string, unknown>;
		webhookId: string;
		credentials?: Record<string, { id: string; name: string }>;
	};
	after?: Array<Record<string, unknown> & { name: string }>;
}): Workflow {
	const nodes: Array<Record<string, unknown>> = [
		{ id: `${options.id}-trigger`, typeVersion: 1, position: [0, 0], ...options.trigger },
		...(options.after ?? []).map((node, index) => ({
			id: `${options.id}-n${index}`,
			position: [240 * (index + 1), 0],
			...node,
		})),
	];
	const connections: Record<string, unknown> = {};
	let previous = options.trigger.name;
	for (const node of options.after ?? []) {
		connections[previous] = { main: [[{ node: node.name, type: 'main', index: 0 }]] };
		previous = node.name;
	}
	return {
		id: options.id,
		name: `e2e ${options.id}`,
		nodes,
		connections,
		settings: { executionOrder: 'v1' },
	};
}
