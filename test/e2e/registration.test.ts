/**
 * The packed package, installed the way n8n installs community packages, loads in a real n8n
 * 2.41.1: every node and credential listed in package.json's `n8n` section is registered, and the
 * output schemas of the nodes are served to the editor's schema preview.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { ROOT, declaredTypes, nodeType, projectPackage, startE2eN8n, type E2eN8n } from './harness';

let n8n: E2eN8n;

beforeAll(async () => {
	n8n = await startE2eN8n('registration');
});

afterAll(async () => {
	await n8n?.stop();
});

test('the package is installed in .n8n/nodes like a community install', () => {
	const pkg = projectPackage();
	const nodesDir = join(n8n.userFolder, '.n8n', 'nodes');
	const ledger = JSON.parse(readFileSync(join(nodesDir, 'package.json'), 'utf8'));
	expect(ledger.dependencies).toEqual({ [pkg.name]: pkg.version });

	const installed = JSON.parse(
		readFileSync(join(nodesDir, 'node_modules', pkg.name, 'package.json'), 'utf8'),
	);
	expect(installed).toMatchObject({ name: pkg.name, version: pkg.version, n8n: pkg.n8n });
	expect(installed.devDependencies).toBeUndefined();
	expect(installed.peerDependencies).toBeUndefined();
	// n8n-workflow comes from n8n itself, never bundled (checked by requiring every file, see harness)
	expect(existsSync(join(nodesDir, 'node_modules', pkg.name, 'node_modules', 'n8n-workflow'))).toBe(
		false,
	);
});

test('every node listed in package.json is registered as <package>.<name>', async () => {
	const declared = declaredTypes(n8n.userFolder);
	expect(declared.nodes.map((d) => d.file)).toEqual(projectPackage().n8n?.nodes ?? []);
	expect(declared.nodes.length).toBeGreaterThan(0);

	const registered = new Set((await n8n.nodeTypes()).map((t) => t.name));
	expect(registered.has('n8n-nodes-base.manualTrigger')).toBe(true); // the listing itself works
	const missing = declared.nodes.filter((d) => !registered.has(nodeType(d.name)));
	expect(missing).toEqual([]);
});

test('every credential listed in package.json is registered under its name', async () => {
	const declared = declaredTypes(n8n.userFolder);
	expect(declared.credentials.map((d) => d.file)).toEqual(projectPackage().n8n?.credentials ?? []);

	const registered = new Set((await n8n.credentialTypes()).map((t) => t.name));
	expect(registered.has('httpHeaderAuth')).toBe(true);
	const missing = declared.credentials.filter((d) => !registered.has(d.name));
	expect(missing).toEqual([]);
});

test("n8n's node panel gets every node's codex: aliases and Docs links", async () => {
	const types = await n8n.nodeTypes();
	for (const file of projectPackage().n8n?.nodes ?? []) {
		const codexFile = join(ROOT, file.replace(/^dist\//, '').replace(/\.js$/, '.json'));
		const codex = JSON.parse(readFileSync(codexFile, 'utf8'));
		const registered = types.find((t) => t.name === codex.node) as
			| { codex?: { alias?: string[]; resources?: unknown } }
			| undefined;
		expect([codex.node, registered?.codex?.alias]).toEqual([codex.node, codex.alias]);
		expect(registered?.codex?.resources).toEqual(codex.resources);
	}
});

describe("the editor's schema preview (GET /schemas/<type>/<version>/<resource>/<operation>.json)", () => {
	const schemaUrl = (node: string, resource: string, operation: string) =>
		`${n8n.url}/schemas/${nodeType(node)}/1.0.0/${resource}/${operation}.json`;
	const repoSchema = (folder: string, resource: string, operation: string) =>
		JSON.parse(
			readFileSync(
				join(ROOT, 'nodes', folder, '__schema__/v1.0.0', resource, `${operation}.json`),
				'utf8',
			),
		);

	it.each([
		['haloPsaScheduling', 'HaloPsaScheduling', 'appointment', 'getAll'],
		['haloPsaScheduling', 'HaloPsaScheduling', 'workday', 'create'],
		['sense', 'Sense', 'candidate', 'get'],
		['sense', 'Sense', 'jobOrder', 'setPossibleValues'],
	])(
		'%s %s/%s answers 200 with the generated schema',
		async (node, folder, resource, operation) => {
			// the editor asks without credentials (withCredentials: false)
			const res = await fetch(schemaUrl(node, resource, operation));
			expect(res.status).toBe(200);
			expect(await res.json()).toEqual(repoSchema(folder, resource, operation));
		},
	);

	it.each([
		['sesameHr', 'employee', 'get'],
		['sessions', 'room', 'getAll'],
		['haloPsaScheduling', 'appointment', 'delete'],
	])('%s %s/%s (no documented answer) answers 404', async (node, resource, operation) => {
		expect((await fetch(schemaUrl(node, resource, operation))).status).toBe(404);
	});
});
