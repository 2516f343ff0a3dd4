/**
 * The example workflows (examples/sesame-*.json) use operations and fields the node really has, and
 * their Sesame HR steps send the expected requests.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import nock from 'nock';
import { NodeHelpers } from 'n8n-workflow';
import type { INode, INodeParameters, INodeProperties } from 'n8n-workflow';

import { runNode } from '../harness';
import { listOperations } from '../support/operations';
import { BASE, TOKEN, credentialTypes, credentials, node } from './helpers';

const description = node.description;
const load = (name: string) =>
	JSON.parse(readFileSync(join(__dirname, '../../examples', name), 'utf8')) as {
		nodes: INode[];
		connections: Record<string, unknown>;
	};
const examples = ['sesame-onboarding.json', 'sesame-absence-digest.json'];
const sesameNodes = (name: string) =>
	load(name).nodes.filter((n) => n.type === 'n8n-nodes-workforce.sesameHr');
const auth = { reqheaders: { authorization: `Bearer ${TOKEN}` } };

afterEach(() => {
	const pending = nock.pendingMocks();
	nock.cleanAll();
	expect(pending).toEqual([]);
});

describe.each(examples)('%s', (file) => {
	it('every Sesame HR step uses an existing operation and only its fields', () => {
		const operations = listOperations(description).map((r) => `${r.resource}.${r.operation}`);
		const steps = sesameNodes(file);
		expect(steps.length).toBeGreaterThan(1);
		for (const step of steps) {
			const parameters = step.parameters as INodeParameters;
			expect(operations).toContain(
				`${String(parameters.resource)}.${String(parameters.operation)}`,
			);
			const shown = description.properties.filter((p) =>
				NodeHelpers.displayParameter(parameters, p, { typeVersion: 1 }, description),
			);
			for (const [key, value] of Object.entries(parameters)) {
				const property = shown.find((p) => p.name === key);
				expect({ step: step.name, key, known: property !== undefined }).toEqual({
					step: step.name,
					key,
					known: true,
				});
				if (property?.type === 'collection') {
					const options = ((property.options ?? []) as INodeProperties[]).map((o) => o.name);
					for (const option of Object.keys(value as object))
						expect({ step: step.name, option, known: options.includes(option) }).toEqual({
							step: step.name,
							option,
							known: true,
						});
				}
			}
			for (const required of shown.filter((p) => p.required))
				expect({
					step: step.name,
					missing: required.name,
					set: required.name in parameters,
				}).toEqual({ step: step.name, missing: required.name, set: true });
			expect(Object.keys(step.credentials ?? {})).toEqual(['sesameHrApi']);
		}
	});

	it('connects every node', () => {
		const workflow = load(file);
		const targets = new Set(
			JSON.stringify(workflow.connections)
				.match(/"node":"[^"]+"/g)
				?.map((m) => m.slice(8, -1)),
		);
		for (const n of workflow.nodes.slice(1)) expect(targets.has(n.name)).toBe(true);
	});
});

describe("running the examples' Sesame HR steps", () => {
	it('onboarding: Create Employee sends the new hire from the previous step', async () => {
		const step = sesameNodes('sesame-onboarding.json')[0];
		const newHire = {
			companyId: 'c1',
			firstName: 'Ana',
			lastName: 'García',
			email: 'ana.garcia@example.com',
		};
		const scope = nock(BASE, auth)
			.post('/core/v3/employees', {
				companyId: 'c1',
				firstName: 'Ana',
				lastName: 'García',
				invitation: true,
				status: 'active',
				email: 'ana.garcia@example.com',
			})
			.reply(201, { data: { id: 'e1', firstName: 'Ana' } });
		const { outputs, error } = await runNode({
			node,
			parameters: step.parameters,
			credentials,
			credentialTypes,
			input: [{ json: newHire }],
		});
		expect(error).toBeUndefined();
		expect(outputs[0]).toEqual([{ json: { id: 'e1', firstName: 'Ana' }, pairedItem: { item: 0 } }]);
		expect(scope.isDone()).toBe(true);
	});

	it.each(sesameNodes('sesame-absence-digest.json').map((n) => [n.name, n] as const))(
		'digest: %s lists every day off of today',
		async (_name, step) => {
			const path =
				step.parameters.resource === 'absence'
					? '/schedule/v1/absence-day-off'
					: '/schedule/v1/vacation-day-off';
			const scope = nock(BASE, auth)
				.get(path)
				.query(
					(q) =>
						q.from === q.to &&
						/^\d{4}-\d{2}-\d{2}$/.test(String(q.from)) &&
						q.page === '1' &&
						q.limit === '1000',
				)
				.reply(200, {
					data: [{ id: 'd1', employee: { firstName: 'Ana', lastName: 'García' } }],
					meta: { currentPage: 1, lastPage: 1 },
				});
			const { outputs, error } = await runNode({
				node,
				parameters: step.parameters,
				credentials,
				credentialTypes,
			});
			expect(error).toBeUndefined();
			expect(outputs[0].map((i) => i.json.id)).toEqual(['d1']);
			expect(scope.isDone()).toBe(true);
		},
	);
});
