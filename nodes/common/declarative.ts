/**
 * Declarative operations, described as data.
 *
 * Each operation is an option of the node's `operation` picker whose `routing` n8n's RoutingNode
 * executes: it builds method, query and body from the node's fields (`routing.send`), then hands the
 * request to our `pagination` hook — the declarative extension point for custom request loops —
 * which fills in the path parameters, merges the raw-JSON options, pages through lists (Return All /
 * Limit), and sends every request through the shared transport (rate-limit gate, retries, vendor
 * errors). Every output item is paired with its input item, also on `continueOnFail`.
 */
import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { sendInBatch } from './batch';
import { errorItem, nodeErrorOf } from './errors';
import { multipartBody, type FormPart } from './multipart';
import { parseJsonParameter } from './parameters';
import { collectPages, type PagingStrategy } from './paging';
import { vendorRequest, type VendorProfile } from './transport';

export interface DeclarativeVendor extends VendorProfile {
	/** Paging of this vendor's list endpoints. */
	paging?: PagingStrategy;
}

export interface OperationSpec {
	method: IHttpRequestMethods;
	/** Path with `{parameterName}` placeholders filled from node parameters (resource locators extracted). */
	path: string;
	/** A list endpoint: honours Return All / Limit. `true` = the vendor's default paging. */
	list?: boolean | PagingStrategy;
	/** Property of a non-list response holding the record (e.g. `data`). */
	rootProperty?: string;
	/** Node parameter holding a JSON object merged into the request body last. */
	jsonBody?: string;
	/** Node parameter holding a JSON object merged into the query string. */
	jsonQuery?: string;
	/** Sends the body as a JSON array of one record (HaloPSA style). */
	bodyAsArray?: boolean;
	/** Replaces the request body just before it is sent (e.g. an endpoint that takes a bare array of IDs). */
	buildBody?: (this: IExecutePaginationFunctions, body: IDataObject, itemIndex: number) => unknown;
	/**
	 * Boolean node parameter: when true, the records of all input items are sent in one request
	 * (needs `bodyAsArray`; see ./batch.ts).
	 */
	batchParameter?: string;
	/**
	 * Multipart upload: the file of an input binary property, plus the body fields (routed fields and
	 * `jsonBody`) as form fields, sent as multipart/form-data.
	 */
	upload?: {
		/** Node parameter naming the input binary property that holds the file. */
		binaryPropertyParam: string;
		/** Form field the file is sent in. */
		fileField: string;
		/** Node parameter that may override `fileField` (empty = keep `fileField`). */
		fileFieldParam?: string;
	};
	/** The answer is a file: it is output in the binary property named by this node parameter. */
	binaryOutput?: { propertyParam: string };
}

export interface OperationDefinition extends OperationSpec {
	value: string;
	name: string;
	action: string;
	description?: string;
}

/** Display labels of path parameters, for "missing value" errors. */
export type ParameterLabels = Record<string, string>;

function jsonObject(
	ctx: IExecutePaginationFunctions,
	name: string,
	itemIndex: number,
): IDataObject | undefined {
	// '' when the parameter is absent (e.g. an option of a collection the user did not add)
	const label = name.split('.').pop() ?? name;
	return parseJsonParameter(ctx.getNode(), ctx.getNodeParameter(name, ''), {
		label,
		itemIndex,
		object: true,
	});
}

function fillPath(
	ctx: IExecutePaginationFunctions,
	template: string,
	labels: ParameterLabels,
	itemIndex: number,
): string {
	return template.replace(/\{(\w+)\}/g, (_match, name: string) => {
		const value = ctx.getNodeParameter(name, '', { extractValue: true }) as unknown;
		const text = value === undefined || value === null ? '' : String(value).trim();
		if (!text) {
			throw new NodeOperationError(ctx.getNode(), `"${labels[name] ?? name}" is required`, {
				itemIndex,
				description: `Enter a value for "${labels[name] ?? name}", pick one from the list, or map it from the input with an expression.`,
			});
		}
		return encodeURIComponent(text);
	});
}

function toItems(body: unknown, spec: OperationSpec): IDataObject[] {
	if (
		body === undefined ||
		body === null ||
		body === '' ||
		(typeof body === 'object' &&
			!Array.isArray(body) &&
			Object.keys(body as object).length === 0 &&
			spec.method === 'DELETE')
	) {
		return [{ success: true }];
	}
	let value: unknown = body;
	if (
		spec.rootProperty &&
		value &&
		typeof value === 'object' &&
		!Array.isArray(value) &&
		spec.rootProperty in (value as IDataObject)
	) {
		value = (value as IDataObject)[spec.rootProperty];
	}
	if (Array.isArray(value))
		return value.map((v) =>
			v !== null && typeof v === 'object' ? (v as IDataObject) : { value: v },
		);
	if (value !== null && typeof value === 'object') return [value as IDataObject];
	return [{ value: value as string }];
}

function withoutContentType(
	headers: IHttpRequestOptions['headers'],
): IHttpRequestOptions['headers'] {
	return Object.fromEntries(
		Object.entries(headers ?? {}).filter(([name]) => name.toLowerCase() !== 'content-type'),
	);
}

/** multipart/form-data with the body fields and the file of the input binary property. */
async function uploadBody(
	ctx: IExecutePaginationFunctions,
	upload: NonNullable<OperationSpec['upload']>,
	fields: IDataObject,
): Promise<{ body: Buffer; contentType: string }> {
	const property = String(ctx.getNodeParameter(upload.binaryPropertyParam, 'data')).trim();
	const binary = ctx.helpers.assertBinaryData(property);
	const data = await ctx.helpers.getBinaryDataBuffer(property);
	const parts: FormPart[] = [];
	for (const [field, value] of Object.entries(fields)) {
		if (value === undefined || value === null) continue;
		parts.push({ field, value: typeof value === 'object' ? JSON.stringify(value) : String(value) });
	}
	const fileField =
		(upload.fileFieldParam ? String(ctx.getNodeParameter(upload.fileFieldParam, '')).trim() : '') ||
		upload.fileField;
	parts.push({
		field: fileField,
		filename: binary.fileName ?? 'file',
		contentType: binary.mimeType || 'application/octet-stream',
		data,
	});
	return multipartBody(parts);
}

/** `filename*=UTF-8''...` or `filename="..."` of a Content-Disposition header. */
export function fileNameOf(disposition: unknown): string | undefined {
	const text = Array.isArray(disposition)
		? String(disposition[0])
		: typeof disposition === 'string'
			? disposition
			: '';
	const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)?''([^;]+)/.exec(text);
	if (extended) {
		try {
			return decodeURIComponent(extended[1].trim().replace(/^"|"$/g, ''));
		} catch {
			return extended[1].trim();
		}
	}
	const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/.exec(text);
	return plain ? (plain[2] ?? plain[1]).trim() || undefined : undefined;
}

/** Sends the request and outputs the answer as a file (name and type from the response headers). */
async function downloadFile(
	ctx: IExecutePaginationFunctions,
	vendor: DeclarativeVendor,
	options: IHttpRequestOptions,
	output: NonNullable<OperationSpec['binaryOutput']>,
	itemIndex: number,
): Promise<INodeExecutionData> {
	const response = await vendorRequest(
		ctx,
		vendor,
		{ ...options, json: false, encoding: 'arraybuffer' },
		itemIndex,
	);
	const body = response.body as unknown;
	const data = Buffer.isBuffer(body)
		? body
		: body instanceof ArrayBuffer
			? Buffer.from(body)
			: ArrayBuffer.isView(body)
				? Buffer.from(body.buffer, body.byteOffset, body.byteLength)
				: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body ?? ''));
	const headers = Object.fromEntries(
		Object.entries(response.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
	);
	const contentType =
		typeof headers['content-type'] === 'string' ? headers['content-type'].split(';')[0].trim() : '';
	const property = String(ctx.getNodeParameter(output.propertyParam, 'data')).trim() || 'data';
	const binary = await ctx.helpers.prepareBinaryData(
		data,
		fileNameOf(headers['content-disposition']),
		contentType || undefined,
	);
	return {
		json: {
			fileName: binary.fileName ?? null,
			mimeType: binary.mimeType,
			fileSize: binary.fileSize ?? data.length,
		},
		binary: { [property]: binary },
	};
}

/** The `pagination` hook that executes one operation for one item. */
export function executeOperation(
	vendor: DeclarativeVendor,
	spec: OperationSpec,
	labels: ParameterLabels,
) {
	return async function (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const itemIndex = this.getItemIndex();
		const paired = (json: IDataObject): INodeExecutionData => ({
			json,
			pairedItem: { item: itemIndex },
		});
		try {
			const base = requestData.options as IHttpRequestOptions;
			const options: IHttpRequestOptions = {
				...base,
				method: spec.method,
				url: fillPath(this, spec.path, labels, itemIndex),
				qs: { ...(base.qs ?? {}) },
				json: true,
			};
			let body: IDataObject = {};
			// Optional fields left empty are not sent; use the JSON field to send an explicit empty value.
			for (const [key, value] of Object.entries((base.body ?? {}) as IDataObject)) {
				if (value !== '' && value !== undefined) body[key] = value;
			}
			if (spec.jsonBody) body = { ...body, ...(jsonObject(this, spec.jsonBody, itemIndex) ?? {}) };
			if (spec.jsonQuery)
				Object.assign(options.qs as IDataObject, jsonObject(this, spec.jsonQuery, itemIndex) ?? {});
			if (
				['POST', 'PUT', 'PATCH'].includes(spec.method) ||
				(spec.method === 'DELETE' && Object.keys(body).length > 0)
			) {
				options.body = spec.bodyAsArray ? [body] : body;
				if (spec.buildBody)
					options.body = spec.buildBody.call(this, body, itemIndex) as IHttpRequestOptions['body'];
			} else {
				delete options.body;
			}

			// joins the batch synchronously (see ./batch.ts): nothing above may await
			if (
				spec.batchParameter &&
				spec.bodyAsArray &&
				this.getNodeParameter(spec.batchParameter, false) === true
			) {
				const share = await sendInBatch(this, vendor, options, itemIndex);
				return share.received ? toItems(share.response, spec).map(paired) : [];
			}

			if (spec.upload) {
				const upload = await uploadBody(this, spec.upload, body);
				options.body = upload.body;
				options.headers = {
					...withoutContentType(options.headers),
					'Content-Type': upload.contentType,
				};
			}
			if (spec.binaryOutput) {
				return [
					{
						...(await downloadFile(this, vendor, options, spec.binaryOutput, itemIndex)),
						pairedItem: { item: itemIndex },
					},
				];
			}

			if (!spec.list) {
				const response = await vendorRequest(this, vendor, options, itemIndex);
				return toItems(response.body, spec).map(paired);
			}

			const strategy = spec.list === true ? vendor.paging : spec.list;
			if (!strategy)
				throw new NodeOperationError(this.getNode(), 'No paging strategy configured', {
					itemIndex,
				});
			const returnAll = this.getNodeParameter('returnAll', false) as boolean;
			const limit = returnAll ? undefined : (this.getNodeParameter('limit', 50) as number);
			const items = await collectPages(
				strategy,
				async (query) => {
					const response = await vendorRequest(
						this,
						vendor,
						{ ...options, qs: { ...options.qs, ...query } },
						itemIndex,
					);
					return response.body;
				},
				limit,
			);
			return items.map(paired);
		} catch (error) {
			const nodeError = nodeErrorOf(this.getNode(), error, itemIndex);
			if (this.continueOnFail()) return [errorItem(nodeError, itemIndex)];
			throw nodeError;
		}
	};
}

/** Builds the operation picker option that runs `definition` through the routing engine. */
export function operationOption(
	vendor: DeclarativeVendor,
	definition: OperationDefinition,
	labels: ParameterLabels = {},
): INodePropertyOptions {
	const { value, name, action, description, ...spec } = definition;
	return {
		name,
		value,
		action,
		description: description ?? action,
		routing: {
			// the url documents the endpoint (docs tables); executeOperation fills in the path parameters
			request: { method: spec.method, url: spec.path },
			send: { paginate: true },
			operations: { pagination: executeOperation(vendor, spec, labels) },
		},
	};
}

/** The `operation` picker of one resource. */
export function operationPicker(
	vendor: DeclarativeVendor,
	resource: string,
	definitions: OperationDefinition[],
	labels: ParameterLabels = {},
	defaultOperation?: string,
): INodeProperties {
	const options = definitions.map((d) => operationOption(vendor, d, labels));
	options.sort((a, b) => a.name.localeCompare(b.name));
	const picker: INodeProperties = {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options,
		default: '',
	};
	picker.default = defaultOperation ?? definitions[0].value;
	return picker;
}

/** Return All + Limit for the given list operations. */
export function returnAllAndLimit(resource: string, operations: string[]): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			displayOptions: { show: { resource: [resource], operation: operations } },
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			displayOptions: { show: { resource: [resource], operation: operations, returnAll: [false] } },
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
		},
	];
}

/** Shows a field only for the given resource and operations. */
export function showFor(resource: string, operations: string[]) {
	return { show: { resource: [resource], operation: operations } };
}

/** Everything one resource contributes to a node: its operation picker, Return All/Limit, its fields. */
export function resourceProperties(
	vendor: DeclarativeVendor,
	resource: string,
	definitions: OperationDefinition[],
	labels: ParameterLabels,
	fields: INodeProperties[],
	defaultOperation?: string,
): INodeProperties[] {
	const lists = definitions.filter((d) => d.list).map((d) => d.value);
	return [
		operationPicker(vendor, resource, definitions, labels, defaultOperation),
		...(lists.length ? returnAllAndLimit(resource, lists) : []),
		...fields,
	];
}
