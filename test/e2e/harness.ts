/**
 * End-to-end harness: a real n8n 2.41.1 (Node 24, cached in .cache/n8n) with this package packed and
 * installed the way a community install places it, in a fresh user folder under test/e2e/.work/.
 *
 *   const n8n = await startE2eN8n('registration');            // server on a free 127.0.0.1 port
 *   const types = await n8n.nodeTypes();                        // GET /types/nodes.json (owner cookie)
 *   const run = await n8n.importAndExecute(workflow, [cred]);   // n8n import:* + n8n execute --id
 *   await n8n.stop();                                           // always (afterAll), kills n8n
 *
 * `scripts/test.mjs` builds and packs once and passes the tarball in WF_E2E_TARBALL; run alone
 * (`npx jest test/e2e/sessions --selectProjects e2e`), the first test file builds and packs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import * as runtime from '../../scripts/lib/n8n-runtime.cjs';
import type { ImportedCredential, Owner, RunningN8n } from '../../scripts/lib/n8n-runtime.cjs';

export const ROOT = join(__dirname, '..', '..');
export const WORK_DIR = join(__dirname, '.work');
export const projectPackage = runtime.projectPackage;

export interface TypeDescription {
	name: string;
	displayName?: string;
	version?: number | number[];
	[key: string]: unknown;
}

export interface E2eN8n {
	userFolder: string;
	/** Set when started with a server. */
	url?: string;
	owner?: Owner;
	/** Node types the running server registered (GET /types/nodes.json with the owner cookie). */
	nodeTypes(): Promise<TypeDescription[]>;
	/** Credential types the running server registered (GET /types/credentials.json). */
	credentialTypes(): Promise<TypeDescription[]>;
	/** Import credentials + workflow with the CLI and run it with `n8n execute --id`; returns n8n's IRun. */
	importAndExecute(
		workflow: Record<string, unknown>,
		credentials?: ImportedCredential[],
	): Promise<any>;
	/** Stop the server (if any). Idempotent. */
	stop(): Promise<void>;
}

/**
 * The packed package for this jest run: WF_E2E_TARBALL (set by scripts/test.mjs), else built and
 * packed by the first test file that asks and reused by the next ones of the same (in-band) run.
 */
export function packageTarball(log: (message: string) => void = () => {}): string {
	const given = process.env.WF_E2E_TARBALL;
	if (given) {
		if (!existsSync(given)) throw new Error(`WF_E2E_TARBALL does not exist: ${given}`);
		return given;
	}
	const stamp = join(ROOT, '.cache', 'pack', 'jest-run.json');
	try {
		const previous = JSON.parse(readFileSync(stamp, 'utf8'));
		if (previous.pid === process.pid && existsSync(previous.tarball)) return previous.tarball;
	} catch {
		/* first file of this run */
	}
	const tarball = runtime.packProject({ log });
	writeFileSync(stamp, JSON.stringify({ pid: process.pid, tarball }));
	return tarball;
}

/** `<package name>.<type>` as workflows must reference our nodes. */
export const nodeType = (name: string) => `${runtime.projectPackage().name}.${name}`;

/**
 * Fresh user folder `test/e2e/.work/<name>-<time>` (older ones of that name are removed) with the
 * package installed; with `server` (default) also `n8n start` on a free port and the owner set up.
 */
export async function startE2eN8n(name: string, { server = true } = {}): Promise<E2eN8n> {
	mkdirSync(WORK_DIR, { recursive: true });
	for (const old of readdirSync(WORK_DIR).filter((d) => d.startsWith(`${name}-`))) {
		rmSync(join(WORK_DIR, old), { recursive: true, force: true });
	}
	const userFolder = join(WORK_DIR, `${name}-${Date.now()}`);
	mkdirSync(userFolder, { recursive: true });

	const log = (message: string) => process.stderr.write(`[e2e:${name}] ${message}\n`);
	runtime.packAndInstall(userFolder, { tarball: packageTarball(log), log });

	let n8n: RunningN8n | undefined;
	let owner: Owner | undefined;
	if (server) {
		n8n = await runtime.startN8n({ userFolder, log });
		try {
			owner = await runtime.ensureOwner(n8n.url, userFolder);
		} catch (error) {
			await n8n.stop();
			throw error;
		}
	}
	const types = async (file: string) => {
		if (!n8n || !owner) throw new Error('started without a server');
		return await runtime.getJson<TypeDescription[]>(`${n8n.url}/types/${file}`, owner.cookie);
	};
	return {
		userFolder,
		url: n8n?.url,
		owner,
		nodeTypes: () => types('nodes.json'),
		credentialTypes: () => types('credentials.json'),
		importAndExecute: (workflow, credentials = []) =>
			runtime.importAndExecute(userFolder, workflow, credentials),
		stop: async () => {
			await n8n?.stop();
		},
	};
}

export interface DeclaredType {
	/** Path listed in package.json's n8n section, e.g. dist/nodes/Sessions/Sessions.node.js */
	file: string;
	/** `description.name` of the node / `name` of the credential class the file exports */
	name: string;
	/** nodes: `description.usableAsTool` (n8n then also registers `<name>Tool`) */
	usableAsTool?: boolean;
}

/**
 * The node and credential types an installed package (default: this project's) declares: every file listed in its
 * package.json `n8n` section, loaded (in a Node 24 child, as n8n would) and asked for its name.
 */
export function declaredTypes(
	userFolder: string,
	packageName: string = runtime.projectPackage().name,
): {
	nodes: DeclaredType[];
	credentials: DeclaredType[];
} {
	const packageDir = join(userFolder, '.n8n', 'nodes', 'node_modules', packageName);
	const script = `
		const path = require('node:path');
		const dir = process.argv[1];
		const pkg = require(path.join(dir, 'package.json'));
		// like n8n's loader: the class named as the file (Sessions.node.js -> export Sessions)
		const load = (file, kind) => {
			const className = path.basename(file).split('.')[0];
			const Type = require(path.join(dir, file))[className];
			if (typeof Type !== 'function') throw new Error(file + ' does not export a class ' + className);
			const instance = new Type();
			return kind === 'node'
				? { file, name: instance.description.name, usableAsTool: Boolean(instance.description.usableAsTool) }
				: { file, name: instance.name };
		};
		console.log(JSON.stringify({
			nodes: (pkg.n8n?.nodes ?? []).map((f) => load(f, 'node')),
			credentials: (pkg.n8n?.credentials ?? []).map((f) => load(f, 'credential')),
		}));
	`;
	const res = spawnSync(runtime.node24Binary(), ['-e', script, packageDir], {
		encoding: 'utf8',
		timeout: 120_000,
		env: { ...process.env, N8N_LOG_LEVEL: 'silent' },
	});
	if (res.status !== 0) throw new Error(`could not load the declared types:\n${res.stderr}`);
	return JSON.parse(res.stdout.trim().split('\n').pop() ?? '{}');
}

/** The JSON of the items a node output on its first run (main output `outputIndex`). */
export function outputJson(
	run: any,
	nodeName: string,
	outputIndex = 0,
): Array<Record<string, unknown>> {
	const nodeRuns = run?.data?.resultData?.runData?.[nodeName];
	if (!nodeRuns) {
		const error = run?.data?.resultData?.error;
		throw new Error(
			`node "${nodeName}" did not run${error ? `: ${error.message} ${error.description ?? ''}` : ''}`,
		);
	}
	if (nodeRuns[0].error) throw new Error(`node "${nodeName}" failed: ${nodeRuns[0].error.message}`);
	return (nodeRuns[0].data?.main?.[outputIndex] ?? []).map(
		(item: { json: Record<string, unknown> }) => item.json,
	);
}

/** A workflow: Manual Trigger -> one node. */
export function manualWorkflow(node: {
	name: string;
	type: string;
	typeVersion: number;
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
}): Record<string, unknown> {
	return {
		name: `e2e ${node.name}`,
		nodes: [
			{
				id: 'trigger',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{ id: 'node', position: [240, 0], ...node },
		],
		connections: { Start: { main: [[{ node: node.name, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}
