/**
 * Every npm package of this repository (scripts/packages.cjs: the all-in-one and one per vendor),
 * as packed for publishing, installed the way n8n's community installer does into a fresh user
 * folder of a real n8n 2.41.1 (one server per package): the server registers exactly the package's
 * nodes, as <package>.<node>, and its credentials — none of another vendor — and one workflow per
 * package runs against a fake vendor API on 127.0.0.1.
 *
 * The expected contents are worked out here from the repository's package.json (every node and
 * credential it lists, in that order) and the vendors' "owns" prefixes in packages/packages.json,
 * independently of scripts/lib/packages.cjs. `scripts/test.mjs` passes the packages' report in
 * WF_E2E_PACKAGES; run alone, this file builds them first (`scripts/packages.cjs --check`, ~1 min).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';

import * as runtime from '../../scripts/lib/n8n-runtime.cjs';
import type { Owner, RunningN8n } from '../../scripts/lib/n8n-runtime.cjs';
import { route, startFakeServer, type FakeServer } from '../fakes/server';
import { startHaloFake } from '../fakes/halopsa';
import { startSesameFake } from '../fakes/sesame';
import { startSessionsFake } from '../fakes/sessions';
import { ROOT, WORK_DIR, declaredTypes, manualWorkflow, outputJson } from './harness';

interface PackageResult {
	name: string;
	version: string;
	ok: boolean;
	tarball?: string;
}

const data = JSON.parse(readFileSync(join(ROOT, 'packages/packages.json'), 'utf8')) as {
	allInOne: { name: string };
	vendors: Array<{ name: string; owns: string }>;
};
const rootPkg = runtime.projectPackage();
const allNames = [data.allInOne.name, ...data.vendors.map((v) => v.name)];
/** Our credential types, from the credential sources (`name = '...'`). */
const ourCredentialTypes = readdirSync(join(ROOT, 'credentials'))
	.filter((file) => file.endsWith('.credentials.ts'))
	.map((file) => {
		const match = /^\s*name = '([^']+)';/m.exec(
			readFileSync(join(ROOT, 'credentials', file), 'utf8'),
		);
		if (!match) throw new Error(`credentials/${file}: no name = '...'`);
		return match[1];
	})
	.sort();

/** What package.json of `name` must list: the repository's entries in the vendor's folders. */
function expectedEntries(name: string) {
	const vendor = data.vendors.find((v) => v.name === name);
	const nodes = rootPkg.n8n?.nodes ?? [];
	const credentials = rootPkg.n8n?.credentials ?? [];
	if (!vendor) return { nodes, credentials };
	return {
		nodes: nodes.filter((file) => file.split('/')[2].startsWith(vendor.owns)),
		credentials: credentials.filter((file) => basename(file).startsWith(vendor.owns)),
	};
}

let reportCache: PackageResult[] | undefined;
/** The packed packages: scripts/test.mjs's report, else built now. */
function packed(): PackageResult[] {
	if (reportCache) return reportCache;
	let file = process.env.WF_E2E_PACKAGES;
	if (!file) {
		file = join(ROOT, '.cache', 'packages', 'e2e-report.json');
		const res = spawnSync(process.execPath, ['scripts/packages.cjs', '--check', '--report', file], {
			cwd: ROOT,
			encoding: 'utf8',
			timeout: 10 * 60 * 1000,
		});
		if (res.status !== 0)
			throw new Error(`scripts/packages.cjs --check failed:\n${res.stdout}\n${res.stderr}`);
	}
	reportCache = (JSON.parse(readFileSync(file, 'utf8')) as { packages: PackageResult[] }).packages;
	return reportCache;
}

interface Instance {
	userFolder: string;
	server: RunningN8n;
	owner: Owner;
}

/** A fresh user folder with the package installed, and n8n started on it with an owner. */
async function start(pkg: PackageResult): Promise<Instance> {
	mkdirSync(WORK_DIR, { recursive: true });
	const label = `package-${pkg.name.replace(/^n8n-nodes-/, '')}`;
	for (const old of readdirSync(WORK_DIR).filter((d) => d.startsWith(`${label}-`)))
		rmSync(join(WORK_DIR, old), { recursive: true, force: true });
	const userFolder = join(WORK_DIR, `${label}-${Date.now()}`);
	const log = (message: string) => process.stderr.write(`[e2e:${label}] ${message}\n`);
	if (!pkg.tarball || !existsSync(pkg.tarball))
		throw new Error(`${pkg.name}: no tarball (${pkg.tarball})`);
	runtime.ensureN8n({ log });
	runtime.installTarball(userFolder, pkg.tarball, { log });
	const server = await runtime.startN8n({ userFolder, log });
	try {
		return { userFolder, server, owner: await runtime.ensureOwner(server.url, userFolder) };
	} catch (error) {
		await server.stop();
		throw error;
	}
}

type Runner = (instance: Instance, type: (node: string) => string) => Promise<void>;
const fakes: FakeServer[] = [];

const sessionsRooms: Runner = async ({ userFolder }, type) => {
	const fake = await startSessionsFake({ apiKey: 'pkg-key', seed: { rooms: 5 }, rateLimit: false });
	fakes.push(fake);
	const credential = {
		id: 'pkgSessionsCred1',
		name: 'Sessions',
		type: 'sessionsApi',
		data: { apiKey: 'pkg-key', baseUrl: fake.url },
	};
	const run = await runtime.importAndExecute(
		userFolder,
		manualWorkflow({
			name: 'Sessions',
			type: type('sessions'),
			typeVersion: 1,
			parameters: { resource: 'room', operation: 'getAll', returnAll: true },
			credentials: { sessionsApi: { id: credential.id, name: credential.name } },
		}),
		[credential],
	);
	expect(run.status).toBe('success');
	expect(outputJson(run, 'Sessions').map((room) => room.id)).toEqual(
		fake.data.rooms.map((room) => room.id),
	);
	expect(fake.requests.map((r) => `${r.method} ${r.path} ${r.headers['x-api-key']}`)).toEqual([
		'GET /api/rooms pkg-key',
	]);
};

const sesameEmployees: Runner = async ({ userFolder }, type) => {
	const fake = await startSesameFake({ token: 'pkg-token', employees: 2 });
	fakes.push(fake);
	const credential = {
		id: 'pkgSesameCred001',
		name: 'Sesame HR',
		type: 'sesameHrApi',
		data: { apiToken: 'pkg-token', region: 'custom', baseUrl: `${fake.url}/` },
	};
	const run = await runtime.importAndExecute(
		userFolder,
		manualWorkflow({
			name: 'Sesame HR',
			type: type('sesameHr'),
			typeVersion: 1,
			parameters: { resource: 'employee', operation: 'getAll', returnAll: true },
			credentials: { sesameHrApi: { id: credential.id, name: credential.name } },
		}),
		[credential],
	);
	expect(run.status).toBe('success');
	const employees = outputJson(run, 'Sesame HR');
	expect(employees).toHaveLength(3); // the 2 seeded + the seeded manager
	expect(employees.map((e) => e.id)).toEqual(fake.data.employees.map((e) => e.id));
	expect(fake.requests.map((r) => `${r.method} ${r.path} ${r.headers.authorization}`)).toEqual([
		'GET /core/v3/employees Bearer pkg-token',
	]);
};

const haloHolidays: Runner = async ({ userFolder }, type) => {
	const holidays = [1, 2, 3].map((n) => ({
		id: `00000000-0000-4000-8000-00000000000${n}`,
		name: `Holiday ${n}`,
		date: `2026-12-0${n}T00:00:00`,
		agent_id: n,
		approval_status: 1,
	}));
	const fake = await startHaloFake({
		tenant: 'acme',
		clientId: 'pkg-client',
		clientSecret: 'pkg-secret',
		holidays,
	});
	fakes.push(fake);
	const credential = {
		id: 'pkgHaloCred00001',
		name: 'HaloPSA',
		type: 'haloPsaSchedulingApi',
		data: {
			hosting: 'hosted',
			appUrl: `${fake.url}/`,
			tenant: 'acme',
			clientId: 'pkg-client',
			clientSecret: 'pkg-secret',
			scope: 'all',
		},
	};
	const run = await runtime.importAndExecute(
		userFolder,
		manualWorkflow({
			name: 'HaloPSA Scheduling',
			type: type('haloPsaScheduling'),
			typeVersion: 1,
			parameters: { resource: 'holiday', operation: 'getAll', returnAll: true },
			credentials: { haloPsaSchedulingApi: { id: credential.id, name: credential.name } },
		}),
		[credential],
	);
	expect(run.status).toBe('success');
	expect(outputJson(run, 'HaloPSA Scheduling').map((h) => h.id)).toEqual(holidays.map((h) => h.id));
	expect(fake.tokenRequests()).toHaveLength(1);
	expect(fake.apiRequests().map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/Holiday']);
};

const senseCandidate: Runner = async ({ userFolder }, type) => {
	const fake = await startFakeServer({
		routes: [
			route('POST', '/oauth2/token', (request) =>
				new URLSearchParams(String(request.body)).get('client_secret') === 'pkg-secret'
					? { status: 200, body: { access_token: 'pkg-tok', expires_in: 3600 } }
					: { status: 401, body: { error: 'invalid_client' } },
			),
			route('GET', '/v1/candidates/:id', (request) =>
				request.headers.authorization === 'Bearer pkg-tok'
					? { status: 200, body: { data: { id: request.params.id, first_name: 'Ada' } } }
					: { status: 401, body: { errors: [{ message: 'invalid token' }] } },
			),
		],
	});
	fakes.push(fake);
	const credential = {
		id: 'pkgSenseCred0001',
		name: 'Sense',
		type: 'senseApi',
		data: {
			clientId: 'pkg-client',
			clientSecret: 'pkg-secret',
			tokenUrl: `${fake.url}/oauth2/token`,
			baseUrl: `${fake.url}/v1`,
		},
	};
	const run = await runtime.importAndExecute(
		userFolder,
		manualWorkflow({
			name: 'Sense',
			type: type('sense'),
			typeVersion: 1,
			parameters: { resource: 'candidate', operation: 'get', recordId: 'c-7' },
			credentials: { senseApi: { id: credential.id, name: credential.name } },
		}),
		[credential],
	);
	expect(run.status).toBe('success');
	expect(outputJson(run, 'Sense')).toEqual([{ id: 'c-7', first_name: 'Ada' }]);
	expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
		'POST /oauth2/token',
		'GET /v1/candidates/c-7',
	]);
};

/** One workflow per package; a package without one fails its test. */
const workflows: Record<string, Runner> = {
	'n8n-nodes-workforce': sessionsRooms,
	'n8n-nodes-sesame-hr': sesameEmployees,
	'n8n-nodes-sessions': sessionsRooms,
	'n8n-nodes-halopsa-scheduling': haloHolidays,
	'n8n-nodes-sense': senseCandidate,
};

afterAll(async () => {
	await Promise.all(fakes.map((fake) => fake.stop()));
});

test('packages/packages.json names the all-in-one and four vendor packages', () => {
	expect(allNames).toEqual([
		'n8n-nodes-workforce',
		'n8n-nodes-sesame-hr',
		'n8n-nodes-sessions',
		'n8n-nodes-halopsa-scheduling',
		'n8n-nodes-sense',
	]);
	expect(packed().map((p) => [p.name, p.version, p.ok])).toEqual(
		allNames.map((name) => [name, rootPkg.version, true]),
	);
});

describe.each(allNames)('%s', (name) => {
	let instance: Instance | undefined;
	const type = (node: string) => `${name}.${node}`;

	beforeAll(async () => {
		const pkg = packed().find((p) => p.name === name);
		if (!pkg) throw new Error(`${name} was not packed`);
		instance = await start(pkg);
	});

	afterAll(async () => {
		await instance?.server.stop();
	});

	test('is installed like a community package, with its own files and no dependencies', () => {
		const nodesDir = join(instance!.userFolder, '.n8n', 'nodes');
		expect(JSON.parse(readFileSync(join(nodesDir, 'package.json'), 'utf8')).dependencies).toEqual({
			[name]: rootPkg.version,
		});
		const installed = JSON.parse(
			readFileSync(join(nodesDir, 'node_modules', name, 'package.json'), 'utf8'),
		);
		expect(installed.version).toBe(rootPkg.version);
		expect(installed.n8n.nodes).toEqual(expectedEntries(name).nodes);
		expect(installed.n8n.credentials).toEqual(expectedEntries(name).credentials);
		expect(installed.dependencies).toBeUndefined();
		expect(readdirSync(join(nodesDir, 'node_modules')).sort()).toEqual([name]);
	});

	test('registers exactly its nodes as <package>.<node> and exactly its credentials', async () => {
		const { server, owner, userFolder } = instance!;
		const declared = declaredTypes(userFolder, name);
		expect(declared.nodes.map((d) => d.file)).toEqual(expectedEntries(name).nodes);

		const nodeTypes = (await runtime.getJson<Array<{ name: string }>>(
			`${server.url}/types/nodes.json`,
			owner.cookie,
		)) as Array<{ name: string }>;
		const registered = nodeTypes.map((t) => t.name);
		expect(registered).toContain('n8n-nodes-base.manualTrigger'); // the listing itself works
		const ours = [...new Set(registered.filter((t) => allNames.includes(t.split('.')[0])))];
		// n8n adds an AI-tool variant <name>Tool of every node that is usableAsTool
		const expected = declared.nodes.flatMap((d) =>
			d.usableAsTool ? [type(d.name), type(`${d.name}Tool`)] : [type(d.name)],
		);
		expect(declared.nodes.some((d) => d.usableAsTool)).toBe(true);
		expect(ours.sort()).toEqual(expected.sort());

		const credentialTypes = await runtime.getJson<Array<{ name: string }>>(
			`${server.url}/types/credentials.json`,
			owner.cookie,
		);
		const registeredCredentials = credentialTypes
			.map((c) => c.name)
			.filter((c) => ourCredentialTypes.includes(c));
		expect(registeredCredentials.sort()).toEqual(declared.credentials.map((d) => d.name).sort());
	});

	test('runs a workflow with its node against the fake vendor API', async () => {
		const runner = workflows[name];
		if (!runner) throw new Error(`no workflow for ${name} in test/e2e/packages.test.ts`);
		await runner(instance!, type);
	});
});
