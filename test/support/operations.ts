/**
 * Data-driven helpers for "every operation" tests, shared by all vendors:
 *  - listOperations(description): every resource/operation pair a node offers
 *  - sampleParameters(description, resource, operation): node parameters with every visible required
 *    field filled with a typed sample value (ids become `id-<name>` so they can be recognised in paths)
 *  - captureRequests(baseUrl): a nock scope that answers any request and records it
 *  - matchEndpoint(catalogue, method, path): which catalogue endpoints a concrete request matches
 */
import nock from 'nock';
import { NodeHelpers } from 'n8n-workflow';
import type {
	INodeParameters,
	INodeProperties,
	INodeTypeDescription,
	NodeParameterValue,
} from 'n8n-workflow';

export interface OperationRef {
	resource: string;
	operation: string;
}

/** A property shown only in the tool variant (n8n's `@tool` display condition). */
export const toolOnly = (property: INodeProperties): boolean =>
	property.displayOptions?.show?.['@tool']?.includes(true) === true &&
	!property.displayOptions.show['@tool'].includes(false);

/** The Operation pickers of the action node (not those of its tool variant). */
export const actionPickers = (description: INodeTypeDescription): INodeProperties[] =>
	description.properties.filter((p) => p.name === 'operation' && !toolOnly(p));

export function listOperations(description: INodeTypeDescription): OperationRef[] {
	const resourceProperty = description.properties.find((p) => p.name === 'resource');
	const resources = (resourceProperty?.options ?? []).map((o) =>
		String((o as { value: string }).value),
	);
	const refs: OperationRef[] = [];
	for (const resource of resources) {
		const pickers = actionPickers(description).filter((p) =>
			(p.displayOptions?.show?.resource ?? []).includes(resource),
		);
		for (const picker of pickers) {
			for (const option of picker.options ?? [])
				refs.push({ resource, operation: String((option as { value: string }).value) });
		}
	}
	return refs;
}

function sampleValue(property: INodeProperties): NodeParameterValue | INodeParameters | undefined {
	switch (property.type) {
		case 'resourceLocator':
			return { __rl: true, mode: 'id', value: `id-${property.name}` } as unknown as INodeParameters;
		case 'string':
			if (/id$/i.test(property.name)) return `id-${property.name}`;
			if (/email/i.test(property.name)) return `${property.name.toLowerCase()}@example.com`;
			return `sample-${property.name}`;
		case 'dateTime':
			return '2026-03-02T09:30:00.000Z';
		case 'number':
			return 7;
		case 'boolean':
			return true;
		case 'options':
			return (property.options?.[0] as { value: NodeParameterValue } | undefined)?.value;
		case 'multiOptions':
			return [
				(property.options?.[0] as { value: string } | undefined)?.value ?? '',
			] as unknown as NodeParameterValue;
		case 'json':
			return '{}';
		default:
			return undefined;
	}
}

/**
 * Parameters for one operation: resource, operation, Return All off with Limit 1 (one request for
 * lists), and a sample for every required field visible for that operation.
 */
export function sampleParameters(
	description: INodeTypeDescription,
	ref: OperationRef,
	overrides: INodeParameters = {},
): INodeParameters {
	const parameters: INodeParameters = {
		resource: ref.resource,
		operation: ref.operation,
		returnAll: false,
		limit: 1,
	};
	for (const property of description.properties) {
		if (['resource', 'operation', 'returnAll', 'limit'].includes(property.name)) continue;
		if (!property.required) continue;
		const node = {
			parameters,
			name: 'n',
			type: description.name,
			typeVersion: 1,
			position: [0, 0] as [number, number],
			id: 'n',
		};
		if (!NodeHelpers.displayParameter(parameters, property, node, description)) continue;
		const value = sampleValue(property);
		if (value !== undefined) parameters[property.name] = value;
	}
	return { ...parameters, ...overrides };
}

export interface CapturedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	body: unknown;
	headers: Record<string, unknown>;
}

/** A scope on `baseUrl` answering every request (GET with `listBody`, others with `writeBody`) and recording it. */
export function captureRequests(
	baseUrl: string,
	listBody: unknown = [],
	writeBody: unknown = {},
): { requests: CapturedRequest[]; done: () => void } {
	const requests: CapturedRequest[] = [];
	const scope = nock(baseUrl).persist();
	for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
		scope
			.intercept(() => true, method)
			.reply(function (uri, body) {
				const url = new URL(uri, baseUrl);
				requests.push({
					method,
					path: decodeURIComponent(url.pathname),
					query: Object.fromEntries(url.searchParams.entries()),
					body,
					headers: { ...this.req.headers },
				});
				return [200, (method === 'GET' ? listBody : writeBody) as nock.Body];
			});
	}
	return { requests, done: () => scope.persist(false) && nock.cleanAll() };
}

export interface CatalogueEndpoint {
	method: string;
	path: string;
}

/** Catalogue endpoints whose method and templated path (`{x}` = one segment) match a concrete request. */
export function matchEndpoint<T extends CatalogueEndpoint>(
	catalogue: T[],
	method: string,
	path: string,
): T[] {
	const matches = catalogue.filter((endpoint) => {
		if (endpoint.method.toUpperCase() !== method.toUpperCase()) return false;
		const pattern =
			'^' +
			endpoint.path
				.split(/\{[^}]+\}/)
				.map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
				.join('[^/]+') +
			'/?$';
		return new RegExp(pattern).test(path);
	});
	// A literal segment beats a placeholder: /x/search matches "/x/search" rather than "/x/{id}".
	const placeholders = (endpoint: T) => (endpoint.path.match(/\{/g) ?? []).length;
	const fewest = Math.min(...matches.map(placeholders));
	return matches.filter((endpoint) => placeholders(endpoint) === fewest);
}
