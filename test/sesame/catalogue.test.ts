/**
 * Catalogue coverage and the exact request of every operation.
 *
 * Each of the node's operations is EXECUTED through n8n's routing engine with sample values for its
 * fields, and nock records the request. The test then proves:
 *  - every catalogue endpoint is produced by exactly one resource/operation (it
 *    names any endpoint no operation, or more than one, produces);
 *  - the request is exactly what the catalogue says: method, path with every path parameter
 *    substituted, each field in the query or the body as the catalogue's `params` places it (and
 *    every catalogue parameter offered as a field), values encoded by their schema type, paging
 *    parameters on paged lists, Bearer auth — once with the required fields only, once with every
 *    optional field of the operation's collection filled in as well;
 *  - the output is the record (`data`) or the list items, each paired with its input item.
 * The expected values come from the catalogue and the sample inputs, not from the generated data.
 */
import nock from 'nock';
import { NodeHelpers } from 'n8n-workflow';
import type {
	IDataObject,
	INodeExecutionData,
	INodeParameters,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { runNode } from '../harness';
import { listOperations, matchEndpoint, type OperationRef } from '../support/operations';
import {
	BASE,
	TOKEN,
	catalogue,
	credentialTypes,
	credentials,
	node,
	type CatalogueEndpoint,
	type JsonSchema,
} from './helpers';

const description = node.description;
const COLLECTIONS = new Set(['filters', 'additionalFields', 'options']);
const LIMIT = 3;
const FILE = Buffer.from('%PDF-1.4 sample file');

interface Captured {
	method: string;
	path: string;
	query: Array<[string, string]>;
	body: unknown;
	headers: Record<string, unknown>;
}

interface Fill {
	property: INodeProperties;
	input: unknown;
}

const visible = (parameters: INodeParameters, property: INodeProperties) =>
	NodeHelpers.displayParameter(parameters, property, { typeVersion: 1 }, description);

/** qs "indices" encoding of one query value, as n8n sends it. */
function encodeQuery(key: string, value: unknown): Array<[string, string]> {
	if (value === undefined) return [];
	if (Array.isArray(value)) return value.flatMap((v, i) => encodeQuery(`${key}[${i}]`, v));
	if (value !== null && typeof value === 'object')
		return Object.entries(value).flatMap(([k, v]) => encodeQuery(`${key}[${k}]`, v));
	return [[key, String(value)]];
}

let counter = 1000;

/**
 * A sample input valid for any field of its n8n type. Text samples are unique numeric strings so the
 * same input is a valid id, text, comma-separated list or number list; what the API must receive
 * is derived afterwards from the catalogue schema (see `expectedValue`).
 */
function sampleInput(property: INodeProperties): unknown {
	switch (property.name) {
		case 'queryParametersJson':
			return '{"rawQuery":"q"}';
		case 'extraQueryJson':
			return '{"extraQuery":"eq"}';
		case 'bodyJson':
			return '{"rawBody":{"b":1}}';
		case 'extraBodyJson':
			return '{"extraBody":{"nested":true}}';
		case 'formFieldsJson':
			return '{"folder":"contracts"}';
		case 'fileFieldName':
			return 'document';
		case 'binaryPropertyName':
			return 'file';
		default:
	}
	switch (property.type) {
		case 'resourceLocator':
			return { __rl: true, mode: 'id', value: String(++counter) };
		case 'number':
			return 7;
		case 'boolean':
			return true;
		case 'options': {
			const options = (property.options ?? []) as INodePropertyOptions[];
			return options[options.length - 1].value;
		}
		case 'multiOptions':
			// a multi-select of IDs loads its options from the API: sample IDs instead
			if (property.typeOptions?.loadOptionsMethod) return [String(++counter), String(++counter)];
			return ((property.options ?? []) as INodePropertyOptions[]).map((o) => o.value);
		case 'dateTime':
			return '2025-03-04T10:15:00+02:00';
		case 'json':
			return property.default === '[]'
				? `[{"sample":"${property.name}"}]`
				: `{"sample":"${property.name}"}`;
		default:
			return String(++counter);
	}
}

/** What the API must receive for a sample input, by the catalogue schema of the parameter. */
function expectedValue(
	property: INodeProperties,
	input: unknown,
	schema: JsonSchema | undefined,
): unknown {
	switch (property.type) {
		case 'resourceLocator':
			return (input as { value: string }).value;
		case 'dateTime':
			return schema?.format === 'Y-m-dTH:i:sP' ? input : String(input).slice(0, 10);
		case 'json':
			return JSON.parse(String(input));
		case 'string':
			if (schema?.type === 'array')
				return ['integer', 'number'].includes(schema.items?.type ?? '') ? [Number(input)] : [input];
			return input;
		default:
			return input;
	}
}

/**
 * The query or body parameter of the catalogue a field carries. A field is named after its
 * parameter; a bracket operator joins the name ("employeeIds[in]" -> "employeeIdsIn").
 */
function catalogueParameter(
	params: NonNullable<CatalogueEndpoint['params']>,
	fieldName: string,
): { location: 'query' | 'body'; apiName: string } | undefined {
	for (const location of ['query', 'body'] as const) {
		for (const apiName of Object.keys(params[location] ?? {})) {
			const m = /^(.*?)\[(\w+)\]$/.exec(apiName);
			const nodeName = m ? m[1] + m[2].charAt(0).toUpperCase() + m[2].slice(1) : apiName;
			if (nodeName === fieldName) return { location, apiName };
		}
	}
	return undefined;
}

function prepare(ref: OperationRef, withOptional: boolean) {
	const parameters: INodeParameters = {
		resource: ref.resource,
		operation: ref.operation,
		returnAll: false,
		limit: LIMIT,
		simplify: false,
	};
	const top: Fill[] = [];
	const optional: Fill[] = [];
	let collection: string | undefined;
	for (const property of description.properties) {
		// requestOptions: added by n8n's loader to every declarative node (batching, proxy, timeout)
		// simplify: off below, so the output is the whole record the fake answers
		if (
			[
				'resource',
				'operation',
				'returnAll',
				'limit',
				'requestOptions',
				'simplify',
				'includePersonalData',
			].includes(property.name)
		)
			continue;
		if (!visible(parameters, property)) continue;
		if (COLLECTIONS.has(property.name)) {
			collection = property.name;
			if (!withOptional) continue;
			const values: INodeParameters = {};
			for (const option of (property.options ?? []) as INodeProperties[]) {
				const input = sampleInput(option);
				values[option.name] = input as INodeParameters[string];
				optional.push({ property: option, input });
			}
			parameters[property.name] = values;
			continue;
		}
		const input = sampleInput(property);
		parameters[property.name] = input as INodeParameters[string];
		top.push({ property, input });
	}
	return { parameters, fills: [...top, ...optional], collection };
}

/**
 * Lists whose reference page documents only the path, while the answer carries `meta` paging
 * (catalogue of 2026-12): they page like every Sesame list.
 */
const PAGED_BY_ANSWER = new Set([
	'GET /contract/v1/compensations/{compensationId}/employees',
	'GET /contract/v1/employees/{employeeId}/compensations',
]);

/** Endpoints whose schema takes page/limit while the answer is one record: no paging fields. */
const ONE_RECORD = new Set(['GET /schedule/v1/agreements/{agreementId}']);

/** A paged list per the catalogue: its schema takes `page`, it has no schema and is a list, or its answer pages. */
function isPaged(endpoint: CatalogueEndpoint): boolean {
	if (PAGED_BY_ANSWER.has(`${endpoint.method} ${endpoint.path}`)) return true;
	return endpoint.inputSchema ? 'page' in (endpoint.params?.query ?? {}) : true;
}

function listReply(count: number) {
	return Array.from({ length: count }, (_, i) => ({ id: `r${i + 1}`, name: `Record ${i + 1}` }));
}

async function execute(
	parameters: INodeParameters,
	isList: boolean,
	binary: 'upload' | 'download' | undefined,
) {
	const requests: Captured[] = [];
	const scope = nock(BASE).persist();
	for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
		scope
			.intercept(() => true, method)
			.reply(function (uri, body) {
				const url = new URL(uri, BASE);
				requests.push({
					method,
					path: url.pathname,
					query: [...url.searchParams.entries()],
					body,
					headers: { ...this.req.headers },
				});
				if (binary === 'download') {
					return [
						200,
						FILE,
						{
							'Content-Type': 'application/pdf',
							'Content-Disposition': 'attachment; filename="payslip.pdf"',
						},
					];
				}
				if (isList)
					return [
						200,
						{
							data: listReply(5),
							meta: { currentPage: 1, lastPage: 4, total: 20, perPage: LIMIT },
						},
					];
				return [200, { data: { id: 'r1', name: 'Record 1' } }];
			});
	}
	const input: INodeExecutionData[] =
		binary === 'upload'
			? [
					{
						json: {},
						binary: {
							file: {
								data: FILE.toString('base64'),
								mimeType: 'application/pdf',
								fileName: 'contract.pdf',
							},
						},
					},
				]
			: [{ json: {} }];
	try {
		const result = await runNode({ node, parameters, credentials, credentialTypes, input });
		return { ...result, requests };
	} finally {
		scope.persist(false);
		nock.cleanAll();
	}
}

/** The multipart parts of a recorded body: name -> {filename?, content}. */
function multipartParts(
	body: unknown,
	contentType: string,
): Record<string, { filename?: string; content: string }> {
	const boundary = /boundary=(.+)$/.exec(contentType)?.[1];
	if (!boundary) throw new Error(`no multipart boundary in "${contentType}"`);
	const parts: Record<string, { filename?: string; content: string }> = {};
	for (const chunk of String(body).split(`--${boundary}`)) {
		const m = /name="([^"]+)"(?:; filename="([^"]+)")?[\s\S]*?\r\n\r\n([\s\S]*)\r\n$/.exec(chunk);
		if (m) parts[m[1]] = { ...(m[2] ? { filename: m[2] } : {}), content: m[3] };
	}
	return parts;
}

const refs = listOperations(description);
const producedBy = new Map<CatalogueEndpoint, string[]>();
const unmatched: string[] = [];
const sortPairs = (pairs: Array<[string, string]>) =>
	[...pairs].sort((a, b) => (a[0] + '=' + a[1]).localeCompare(b[0] + '=' + b[1]));

async function runAndCheck(ref: OperationRef, withOptional: boolean) {
	const name = `${ref.resource}.${ref.operation}`;
	const { parameters, fills } = prepare(ref, withOptional);
	const isList = description.properties.some(
		(p) => p.name === 'returnAll' && visible(parameters, p),
	);
	const binaryField = description.properties.find(
		(p) => p.name === 'binaryPropertyName' && visible(parameters, p),
	);
	const binary = binaryField
		? binaryField.displayName === 'Input Binary Field'
			? 'upload'
			: 'download'
		: undefined;
	const run = await execute(parameters, isList, binary);
	expect({ name, error: run.error }).toEqual({ name, error: undefined });
	expect({ name, requests: run.requests.length }).toEqual({ name, requests: 1 });
	const request = run.requests[0];

	const matches = matchEndpoint(catalogue, request.method, request.path);
	if (!withOptional) {
		if (matches.length !== 1) unmatched.push(`${name} -> ${request.method} ${request.path}`);
		for (const match of matches) producedBy.set(match, [...(producedBy.get(match) ?? []), name]);
	}
	expect({ name, matches: matches.length }).toEqual({ name, matches: 1 });
	const endpoint = matches[0];
	const params = endpoint.params ?? {};
	const schemaOf = (apiName: string) => endpoint.inputSchema?.properties[apiName];

	// the request the catalogue describes for these inputs
	const pathValues: Record<string, string> = {};
	const query: Array<[string, string]> = [];
	const body: IDataObject = {};
	const form: IDataObject = {};
	const routed: string[] = [];
	let fileField = 'file';
	for (const { property, input } of fills) {
		const send = catalogueParameter(params, property.name);
		if (send) {
			const { location, apiName } = send;
			routed.push(`${location} ${apiName}`);
			const value = expectedValue(property, input, schemaOf(apiName));
			if (location === 'query') query.push(...encodeQuery(apiName, value));
			else body[apiName] = value as IDataObject[string];
			continue;
		}
		const raw = property.type === 'json' ? (JSON.parse(String(input)) as IDataObject) : undefined;
		if (property.name === 'queryParametersJson' || property.name === 'extraQueryJson')
			for (const [k, v] of Object.entries(raw!)) query.push(...encodeQuery(k, v));
		else if (property.name === 'bodyJson' || property.name === 'extraBodyJson')
			Object.assign(body, raw);
		else if (property.name === 'formFieldsJson') Object.assign(form, raw);
		else if (property.name === 'fileFieldName') fileField = String(input);
		else if (property.name !== 'binaryPropertyName')
			pathValues[property.name] = expectedValue(property, input, undefined) as string;
	}
	if (isList && isPaged(endpoint)) query.push(['page', '1'], ['limit', String(LIMIT)]);

	// method and Bearer auth
	expect(request.method).toBe(endpoint.method);
	expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);

	// path: every placeholder filled with the value of one path field, each field used once; a field
	// named like its placeholder fills exactly that placeholder
	const actual = request.path.split('/');
	const filled: Record<string, string> = {};
	endpoint.path.split('/').forEach((segment, i) => {
		const m = /^\{(\w+)\}$/.exec(segment);
		if (m) filled[m[1]] = decodeURIComponent(actual[i]);
	});
	expect({ name, path: Object.values(filled).sort() }).toEqual({
		name,
		path: Object.values(pathValues).sort(),
	});
	for (const [placeholder, value] of Object.entries(filled)) {
		if (placeholder in pathValues)
			expect({ name, placeholder, value }).toEqual({
				name,
				placeholder,
				value: pathValues[placeholder],
			});
	}

	// placement: each routed field where the catalogue's params put it ...
	const misplaced = routed.filter((entry) => {
		const [location, apiName] = entry.split(' ') as ['query' | 'body', string];
		return !(apiName in (params[location] ?? {}));
	});
	expect({ name, misplaced }).toEqual({ name, misplaced: [] });
	// ... and, with the optional fields, every documented parameter offered as a field
	if (withOptional && endpoint.inputSchema) {
		const documented = (['query', 'body'] as const)
			.flatMap((l) => Object.keys(params[l] ?? {}).map((n) => `${l} ${n}`))
			.filter(
				(p) =>
					!(
						((isList && isPaged(endpoint)) ||
							ONE_RECORD.has(`${endpoint.method} ${endpoint.path}`)) &&
						['query page', 'query limit'].includes(p)
					),
			);
		expect({ name, offered: [...routed].sort() }).toEqual({ name, offered: documented.sort() });
	}

	// query string
	expect({ name, query: sortPairs(request.query) }).toEqual({ name, query: sortPairs(query) });

	// body
	if (binary === 'upload') {
		const contentType = String(request.headers['content-type']);
		expect(contentType).toMatch(/^multipart\/form-data; boundary=/);
		const parts = multipartParts(request.body, contentType);
		expect(parts[fileField]).toEqual({ filename: 'contract.pdf', content: FILE.toString() });
		const fields = Object.fromEntries(
			Object.entries(parts)
				.filter(([k]) => k !== fileField)
				.map(([k, v]) => [k, v.content]),
		);
		expect(fields).toEqual(form);
	} else if (Object.keys(body).length) {
		expect({ name, body: request.body }).toEqual({ name, body });
	} else {
		expect({ name, body: request.body }).toEqual({ name, body: '' });
	}

	// output: the record of `data`, the list items (cut to the limit), or the file
	const items = run.outputs[0];
	if (binary === 'download') {
		expect(items).toHaveLength(1);
		expect(items[0].json).toEqual({
			fileName: 'payslip.pdf',
			mimeType: 'application/pdf',
			fileSize: expect.anything(),
		});
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[0].binary?.file).toMatchObject({
			fileName: 'payslip.pdf',
			mimeType: 'application/pdf',
		});
		expect(Buffer.from(String(items[0].binary?.file.data), 'base64')).toEqual(FILE);
	} else if (isList) {
		expect(items).toEqual(listReply(LIMIT).map((json) => ({ json, pairedItem: { item: 0 } })));
	} else {
		expect(items).toEqual([{ json: { id: 'r1', name: 'Record 1' }, pairedItem: { item: 0 } }]);
	}
}

describe('Sesame HR catalogue', () => {
	it('has one operation per catalogue endpoint', () => {
		expect(refs).toHaveLength(catalogue.length);
	});

	describe.each(refs.map((ref) => [`${ref.resource}.${ref.operation}`, ref] as const))(
		'%s',
		(_name, ref) => {
			it('sends the catalogue request with the required fields', async () =>
				await runAndCheck(ref, false));
			const { collection } = prepare(ref, true);
			if (collection)
				it(`sends every field of "${collection}" where the catalogue puts it`, async () =>
					await runAndCheck(ref, true));
		},
	);

	it('produces each catalogue endpoint from exactly one resource/operation', () => {
		const problems = catalogue
			.filter((e) => (producedBy.get(e) ?? []).length !== 1)
			.map(
				(e) =>
					`${e.method} ${e.path} (${e.title}): produced by [${(producedBy.get(e) ?? []).join(', ')}]`,
			);
		expect(unmatched).toEqual([]);
		expect(problems).toEqual([]);
		expect(producedBy.size).toBe(catalogue.length);
	});
});
