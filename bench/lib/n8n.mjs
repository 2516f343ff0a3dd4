// A real n8n (the cached 2.41.1 of scripts/lib/n8n-runtime.cjs) for benchmarks: one user folder
// with this package installed like a community install, credentials and webhook-started workflows
// imported and published with the CLI, and the server started/stopped around each measurement so
// every variant starts from a fresh process. Everything listens on 127.0.0.1.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { install } from './pkg.mjs';
import { BENCH_WORK, childPids, log, sleep } from './util.mjs';

const require = createRequire(import.meta.url);
export const runtime = require('../../scripts/lib/n8n-runtime.cjs');

// keep-alive like fetch, no socket limit (the load test opens one connection per concurrent client)
const keepAliveAgent = new Agent({ keepAlive: true, maxSockets: Infinity });

/** Environment every benchmark n8n gets (plus the caller's). */
export const BASE_ENV = {
	N8N_LOG_LEVEL: 'warn',
	// executions are measured, not stored: saving 100,000-item run data would dominate both sides
	EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'none',
	EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
	EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'false',
	N8N_PAYLOAD_SIZE_MAX: '64',
	N8N_METRICS: 'false',
	// the default 16 GB heap cap is fine; make it explicit so runs are comparable
	NODE_OPTIONS: '--max-old-space-size=8192',
};

async function cli(userFolder, args, env) {
	const res = await runtime.runN8nCli(userFolder, args, { timeoutMs: 300_000, env });
	if (res.code !== 0)
		throw new Error(`n8n ${args.join(' ')} exited with ${res.code}\n${res.stdout}\n${res.stderr}`);
	return res;
}

/**
 * Creates bench/.work/<name> (fresh), installs the package, imports credentials and workflows and
 * publishes the workflows listed in `publish` (default: all). Returns an Instance (not started).
 */
export async function createInstance(
	name,
	{ tarball, credentials = [], workflows = [], publish, env = {} },
) {
	const userFolder = join(BENCH_WORK, name);
	rmSync(userFolder, { recursive: true, force: true });
	mkdirSync(userFolder, { recursive: true });
	install(userFolder, tarball);
	const fullEnv = { ...BASE_ENV, ...env };
	const imports = join(userFolder, 'imports');
	mkdirSync(imports, { recursive: true });
	if (credentials.length) {
		writeFileSync(join(imports, 'credentials.json'), JSON.stringify(credentials, null, 2));
		await cli(
			userFolder,
			['import:credentials', `--input=${join(imports, 'credentials.json')}`],
			fullEnv,
		);
	}
	if (workflows.length) {
		const list = workflows.map((wf) => ({
			active: false,
			settings: { executionOrder: 'v1' },
			connections: {},
			...wf,
		}));
		writeFileSync(join(imports, 'workflows.json'), JSON.stringify(list, null, 2));
		await cli(
			userFolder,
			['import:workflow', `--input=${join(imports, 'workflows.json')}`],
			fullEnv,
		);
		for (const wf of workflows) {
			if (!publish || publish.includes(wf.id))
				await cli(userFolder, ['publish:workflow', `--id=${wf.id}`], fullEnv);
		}
	}
	return new Instance(userFolder, fullEnv);
}

export class Instance {
	constructor(userFolder, env) {
		this.userFolder = userFolder;
		this.env = env;
		this.server = undefined;
	}

	/** Starts `n8n start` (or, with `command`, e.g. ['worker'], another n8n command kept running). */
	async start(extraEnv = {}) {
		this.server = await runtime.startN8n({
			userFolder: this.userFolder,
			env: { ...this.env, ...extraEnv },
			log,
		});
		this.url = this.server.url;
		this.owner = await runtime.ensureOwner(this.url, this.userFolder);
		return this;
	}

	/** PID of the n8n process itself (the guard's child). */
	get pid() {
		return n8nPid(this.server.child);
	}

	async stop() {
		if (this.server) await this.server.stop();
		this.server = undefined;
	}

	/** Waits until n8n serves a production webhook at `path` (a CORS preflight answers 204 once registered). */
	async waitForWebhook(path, timeoutMs = 120_000) {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			try {
				const res = await fetch(`${this.url}${path}`, {
					method: 'OPTIONS',
					headers: { origin: 'http://127.0.0.1', 'access-control-request-method': 'POST' },
					signal: AbortSignal.timeout(10_000),
				});
				await res.arrayBuffer();
				if (res.status === 204) return;
			} catch {
				/* not yet */
			}
			if (Date.now() > deadline)
				throw new Error(`webhook ${path} not registered within ${timeoutMs / 1000}s`);
			await sleep(250);
		}
	}

	/** POSTs JSON to a path of the server; resolves { status, body, ms }. */
	async post(path, body, { headers = {}, timeoutMs = 3_600_000 } = {}) {
		return await postJson(`${this.url}${path}`, body, { headers, timeoutMs });
	}

	async getJson(path) {
		return await runtime.getJson(`${this.url}${path}`, this.owner.cookie);
	}

	/** n8n's own count of a workflow's stored executions (the `count` of the list's first page). */
	async executionCount(workflowId) {
		const query = new URLSearchParams({ filter: JSON.stringify({ workflowId }), limit: '1' });
		const { data } = await this.getJson(`/rest/executions?${query}`);
		return data.count;
	}

	/** Number of stored executions of a workflow (REST API, every page). */
	async executions(workflowId) {
		const all = new Map();
		let cursor;
		for (let page = 0; page < 1000; page++) {
			const query = new URLSearchParams({ filter: JSON.stringify({ workflowId }), limit: '100' });
			if (cursor) query.set('cursor', cursor);
			const { data } = await this.getJson(`/rest/executions?${query}`);
			for (const e of data.results) all.set(String(e.id), e);
			cursor = data.nextCursor ?? undefined;
			if (!cursor || data.results.length === 0) break;
		}
		return [...all.values()];
	}
}

/** The n8n process behind a guard child (spawned by n8n-runtime.cjs), waiting briefly for it. */
export function n8nPid(guardChild) {
	const kids = childPids(guardChild.pid);
	return kids[0] ?? guardChild.pid;
}

/**
 * POSTs JSON with node:http (fetch would give up after undici's fixed 300 s headers timeout, and a
 * webhook answering "when the last node finishes" can take longer); bounded by `timeoutMs`.
 */
export function postJson(url, body, { headers = {}, timeoutMs = 600_000 } = {}) {
	const payload = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
	const started = performance.now();
	return new Promise((resolve, reject) => {
		const req = httpRequest(url, {
			method: 'POST',
			agent: keepAliveAgent,
			headers: { 'content-type': 'application/json', 'content-length': payload.length, ...headers },
		});
		const timer = setTimeout(
			() => req.destroy(new Error(`POST ${url}: no answer within ${timeoutMs / 1000} s`)),
			timeoutMs,
		);
		req.on('response', (res) => {
			const chunks = [];
			res.on('data', (chunk) => chunks.push(chunk));
			res.on('end', () => {
				clearTimeout(timer);
				const text = Buffer.concat(chunks).toString('utf8');
				let parsed = text;
				try {
					parsed = JSON.parse(text);
				} catch {
					/* not JSON */
				}
				resolve({ status: res.statusCode, body: parsed, text, ms: performance.now() - started });
			});
			res.on('error', (error) => {
				clearTimeout(timer);
				reject(error);
			});
		});
		req.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		req.end(payload);
	});
}
