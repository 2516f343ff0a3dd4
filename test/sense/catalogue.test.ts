/**
 * Catalogue coverage: every one of the Sense operations (specs/sense-endpoints.json,
 * every path × method of sense-openapi.json but the token endpoint) is produced by exactly one
 * resource/operation of the node. Each operation is EXECUTED through n8n's engine with sample
 * parameters; the request nock receives is matched against the catalogue, and the test names every
 * endpoint that no operation (or more than one) produces.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import {
	captureRequests,
	listOperations,
	matchEndpoint,
	sampleParameters,
	type OperationRef,
} from '../support/operations';
import { API, expectNoPendingMocks, node, run, storeWithToken } from './helpers';

interface Endpoint {
	method: string;
	path: string;
	operationId: string;
}

const specs = join(__dirname, '../../specs');
const catalogue = JSON.parse(readFileSync(join(specs, 'sense-endpoints.json'), 'utf8')) as {
	endpoints: Endpoint[];
};
const openapi = JSON.parse(readFileSync(join(specs, 'sense-openapi.json'), 'utf8')) as {
	paths: Record<string, Record<string, unknown>>;
};

/** What the sample parameters cannot guess: a field name, a list of values, a file. */
function extras(ref: OperationRef): { parameters: INodeParameters; input?: INodeExecutionData[] } {
	switch (ref.operation) {
		case 'getPossibleValues':
			return { parameters: { fieldName: 'status' } };
		case 'setPossibleValues':
			return {
				parameters: {
					fieldName: 'status',
					values: { value: [{ label: 'Active', value: 'active', type: 'string' }] },
				},
			};
		case 'uploadResume':
			return {
				parameters: { binaryPropertyName: 'data' },
				input: [
					{
						json: {},
						binary: {
							data: {
								data: Buffer.from('resume').toString('base64'),
								mimeType: 'text/plain',
								fileName: 'cv.txt',
								fileExtension: 'txt',
							},
						},
					},
				],
			};
		case 'upsert':
			return { parameters: {}, input: [{ json: { id: 'id-1' } }] };
		case 'update':
			return { parameters: {}, input: [{ json: { is_archived: false } }] }; // a field every record type has
		default:
			return { parameters: {} };
	}
}

afterEach(expectNoPendingMocks);

describe('Sense catalogue coverage', () => {
	it('the catalogue is every path × method of the OpenAPI document except the token endpoint', () => {
		const documented = Object.entries(openapi.paths)
			.flatMap(([path, item]) =>
				Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
			)
			.filter((e) => e !== 'POST /oauth2/token')
			.sort();
		expect(catalogue.endpoints.map((e) => `${e.method} ${e.path}`).sort()).toEqual(documented);
		expect(new Set(catalogue.endpoints.map((e) => e.path)).size).toBe(31);
	});

	it('produces each catalogue endpoint from exactly one operation', async () => {
		const refs = listOperations(node.description);
		expect(refs).toHaveLength(catalogue.endpoints.length);
		const producedBy = new Map<Endpoint, string[]>();
		const unmatched: string[] = [];
		const store = storeWithToken('tok-catalogue');
		for (const ref of refs) {
			const extra = extras(ref);
			// upserts count only with the request_id Sense accepted them under
			const capture = captureRequests(API, [], { request_id: 'req-catalogue' });
			const { error } = await run(
				store,
				sampleParameters(node.description, ref, extra.parameters),
				{ input: extra.input },
			);
			capture.done();
			expect({ ref, error }).toEqual({ ref, error: undefined });
			expect({ ref, count: capture.requests.length }).toEqual({ ref, count: 1 });
			const request = capture.requests[0];
			expect(request.headers.authorization).toBe('Bearer tok-catalogue');
			const path = request.path.replace(/^\/v1/, '');
			const matches = matchEndpoint(catalogue.endpoints, request.method, path);
			if (matches.length !== 1)
				unmatched.push(`${ref.resource}.${ref.operation} -> ${request.method} ${path}`);
			for (const endpoint of matches)
				producedBy.set(endpoint, [
					...(producedBy.get(endpoint) ?? []),
					`${ref.resource}.${ref.operation}`,
				]);
		}
		const problems = catalogue.endpoints
			.filter((e) => (producedBy.get(e) ?? []).length !== 1)
			.map((e) => `${e.method} ${e.path}: produced by [${(producedBy.get(e) ?? []).join(', ')}]`);
		expect(unmatched).toEqual([]);
		expect(problems).toEqual([]);
		expect(producedBy.size).toBe(catalogue.endpoints.length);
	});
});
