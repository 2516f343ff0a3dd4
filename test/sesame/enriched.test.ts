/**
 * The 25 endpoints whose parameters come from Sesame's reference pages (catalogue entries with
 * `schemaSource`): every documented parameter is a field, placed where the catalogue puts it, and
 * the pages that were cut (`schemaCompleteness: partial`) keep a raw-JSON field. Exact requests of
 * a few of them, written out by hand from the catalogue.
 */
import nock from 'nock';
import type { INodeParameters, INodePropertyOptions } from 'n8n-workflow';

import { runNode } from '../harness';
import { BASE, TOKEN, byId, catalogue, credentialTypes, credentials, node } from './helpers';
import { endpointOf } from '../../nodes/common/describe';
import { actionPickers } from '../support/operations';

const description = node.description;
const enriched = catalogue.filter((e) => (e as { schemaSource?: string }).schemaSource);
const auth = { reqheaders: { authorization: `Bearer ${TOKEN}` } };
const run = async (parameters: INodeParameters) =>
	await runNode({ node, parameters, credentials, credentialTypes });

/** The resource/operation whose request is `method path` (the operation documents its endpoint). */
function operationOf(method: string, path: string) {
	const template = (p: string) => p.replace(/\{\w+\}/g, '{}');
	for (const picker of actionPickers(description)) {
		for (const option of picker.options as INodePropertyOptions[]) {
			const request = endpointOf(option);
			if (request?.method === method && template(String(request.url)) === template(path)) {
				return {
					resource: picker.displayOptions!.show!.resource![0] as string,
					operation: String(option.value),
				};
			}
		}
	}
	throw new Error(`no operation for ${method} ${path}`);
}

/** The parameters (top level and in collections) shown for one operation. */
function parameterNames(resource: string, operation: string): string[] {
	return description.properties
		.filter(
			(p) =>
				(p.displayOptions?.show?.resource?.includes(resource) ?? true) &&
				p.displayOptions?.show?.operation?.includes(operation),
		)
		.flatMap((p) =>
			p.type === 'collection'
				? (p.options as Array<{ name: string }>).map((o) => o.name)
				: [p.name],
		);
}

afterEach(() => {
	const pending = nock.pendingMocks();
	nock.cleanAll();
	expect(pending).toEqual([]);
});

describe('endpoints described from the reference pages', () => {
	it('are the 25 of the catalogue', () => {
		expect(enriched).toHaveLength(25);
	});

	it.each(enriched.map((e) => [`${e.method} ${e.path}`, e] as const))(
		'%s offers every documented parameter as a field, and raw JSON where the page was cut',
		(_name, endpoint) => {
			const { resource, operation } = operationOf(endpoint.method, endpoint.path);
			const names = parameterNames(resource, operation);
			const nodeName = (apiName: string) =>
				apiName.replace(/\[(\w)(\w*)\]$/, (_m, a: string, b: string) => a.toUpperCase() + b);
			const params = endpoint.params ?? {};
			const listed = [...Object.keys(params.query ?? {}), ...Object.keys(params.body ?? {})]
				.filter((n) => !['page', 'limit'].includes(n))
				.map(nodeName);
			expect(listed.filter((n) => !names.includes(n))).toEqual([]);
			expect(names.some((n) => n === 'queryParametersJson' || n === 'bodyJson')).toBe(false);
			if ((endpoint as { schemaCompleteness?: string }).schemaCompleteness === 'partial') {
				expect(names.some((n) => n === 'extraBodyJson' || n === 'extraQueryJson')).toBe(true);
			}
		},
	);
});

describe('exact requests', () => {
	it('Entity Group → Create sends the documented body fields', async () => {
		const { resource, operation } = operationOf('POST', '/core/v3/entity-groups');
		const scope = nock(BASE, auth)
			.post('/core/v3/entity-groups', {
				name: 'Night shift',
				groupId: 'NS-1',
				showGroup: true,
				costCenter: false,
			})
			.reply(201, { data: { id: 'g1', name: 'Night shift' } });
		const { outputs, error } = await run({
			resource,
			operation,
			name: 'Night shift',
			additionalFields: { groupId: 'NS-1', showGroup: true, costCenter: false },
		});
		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(outputs[0]).toEqual([
			{ json: { id: 'g1', name: 'Night shift' }, pairedItem: { item: 0 } },
		]);
	});

	it('Salary → Get Many Compensations sends the filters in the query string', async () => {
		const { resource, operation } = operationOf('GET', '/contract/v1/compensations');
		const scope = nock(BASE, auth)
			.get('/contract/v1/compensations')
			.query({
				compensationType: 'variable',
				status: 'active',
				currency: 'EUR',
				page: '1',
				limit: '2',
			})
			.reply(200, { data: [{ id: 'c1' }, { id: 'c2' }], meta: { currentPage: 1, lastPage: 1 } });
		const { outputs } = await run({
			resource,
			operation,
			limit: 2,
			filters: { compensationType: 'variable', status: 'active', currency: 'EUR' },
		});
		expect(scope.isDone()).toBe(true);
		expect(outputs[0].map((i) => i.json.id)).toEqual(['c1', 'c2']);
	});

	it('Planner → Assign Shifts (a cut page) sends the documented array and merges the raw JSON', async () => {
		const { resource, operation } = operationOf(
			'POST',
			'/schedule/v1/planners/{plannerId}/shift-assignments',
		);
		const shifts = [{ employeeId: 'e1', date: '2026-12-07', shiftId: 's1', status: 'assign' }];
		const scope = nock(BASE, auth)
			.post('/schedule/v1/planners/p%201/shift-assignments', {
				shiftAssignments: shifts,
				notify: true,
			})
			.reply(200, { data: { ok: true } });
		const { error } = await run({
			resource,
			operation,
			plannerId: byId('p 1'),
			additionalFields: {
				shiftAssignments: JSON.stringify(shifts),
				extraBodyJson: '{"notify": true}',
			},
		});
		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});

	it('Salary → Get Many Employee Compensations pages by meta although the page documents only the path', async () => {
		const { resource, operation } = operationOf(
			'GET',
			'/contract/v1/employees/{employeeId}/compensations',
		);
		const scope = nock(BASE, auth)
			.get('/contract/v1/employees/e1/compensations')
			.query({ page: '1', limit: '1000' })
			.reply(200, { data: [{ id: 'a' }], meta: { currentPage: 1, lastPage: 2 } })
			.get('/contract/v1/employees/e1/compensations')
			.query({ page: '2', limit: '1000' })
			.reply(200, { data: [{ id: 'b' }], meta: { currentPage: 2, lastPage: 2 } });
		const { outputs } = await run({ resource, operation, employeeId: byId('e1'), returnAll: true });
		expect(scope.isDone()).toBe(true);
		expect(outputs[0].map((i) => i.json.id)).toEqual(['a', 'b']);
	});
});
