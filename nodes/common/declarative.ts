/**
 * Declarative operations: how an operation described as data (./describe.ts) is executed.
 *
 * Each operation is an option of the node's `operation` picker, whose `routing` n8n's RoutingNode
 * executes (one routing per picker, for all its options). Its request defaults (base URL, headers)
 * come from the node; everything else is done by our `pagination` hook — the declarative extension
 * point for custom request loops — which runs the picked operation: it reads
 * the operation's fields (./request.ts: path, query and body, converted and checked), merges the
 * raw-JSON options, pages through lists (Return All / Limit), and sends every request through the
 * shared transport (rate-limit gate, retries, vendor errors). Every output item is paired with its
 * input item, also on `continueOnFail`.
 */
import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError, UnexpectedError } from 'n8n-workflow';

import { sendInBatch } from './batch';
import {
	describeResources,
	pathLabels,
	TOOL_LIMIT,
	type FieldSpec,
	type OperationSpec,
	type ResourceSpec,
} from './describe';
import { errorItem, nodeErrorOf } from './errors';
import { multipartBody, type FormPart } from './multipart';
import { parseJsonParameter } from './parameters';
import { collectPages, type PagingStrategy } from './paging';
import { personalDataProperties, shapeRecords, type PersonalData } from './output';
import { readFields } from './request';
import { vendorRequest, type VendorProfile } from './transport';

export interface DeclarativeVendor extends VendorProfile {
	/** Paging of this vendor's list endpoints. */
	paging?: PagingStrategy;
	/** Keys of the vendor's records that are personal data (redacted by default, see ./output.ts). */
	personalData?: PersonalData;
}

export type { OperationSpec } from './describe';

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
	known: Record<string, string> = {},
): string {
	return template.replace(/\{(\w+)\}/g, (_match, name: string) => {
		const value =
			known[name] ?? (ctx.getNodeParameter(name, '', { extractValue: true }) as unknown);
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

/** The listed fields of a record, in the record's own order (fields it lacks stay out). */
export function simplify(record: IDataObject, keep: string[]): IDataObject {
	return Object.fromEntries(Object.entries(record).filter(([key]) => keep.includes(key)));
}

/** Limit as a whole number of at least 1; anything else fails before a request is sent. */
function limitOf(ctx: IExecutePaginationFunctions, itemIndex: number): number {
	// the tool variant's Limit has a name of its own (see TOOL_LIMIT in ./describe.ts)
	const inTool = ctx.getNode().type.endsWith('Tool');
	const raw = (
		inTool
			? ctx.getNodeParameter('toolLimit', TOOL_LIMIT.default)
			: ctx.getNodeParameter('limit', 50)
	) as unknown;
	const limit = typeof raw === 'number' ? raw : Number(String(raw).trim());
	if (!Number.isInteger(limit) || limit < 1 || (typeof raw === 'string' && raw.trim() === '')) {
		throw new NodeOperationError(
			ctx.getNode(),
			`"Limit" must be a whole number of 1 or more, not "${String(raw)}"`,
			{
				itemIndex,
				description: 'Enter how many records to return, e.g. 50, or switch on Return All.',
			},
		);
	}
	return inTool ? Math.min(limit, TOOL_LIMIT.max) : limit;
}

/** The `pagination` hook that executes one operation (its spec and fields) for one item. */
export function executeOperation(
	vendor: DeclarativeVendor,
	spec: OperationSpec,
	labels: ParameterLabels,
	fields: FieldSpec[] = [],
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
			// optional fields left empty are not sent; use the JSON field to send an explicit empty value
			const values = readFields(this, fields, itemIndex);
			const options: IHttpRequestOptions = {
				...base,
				method: spec.method,
				url: fillPath(this, spec.path, labels, itemIndex, values.path),
				qs: { ...(base.qs ?? {}), ...values.qs },
				json: true,
			};
			let body: IDataObject = {
				...((base.body ?? {}) as IDataObject),
				...values.body,
				...spec.fixedBody,
			};
			if (spec.jsonBody) body = { ...body, ...(jsonObject(this, spec.jsonBody, itemIndex) ?? {}) };
			if (spec.jsonQuery)
				Object.assign(options.qs as IDataObject, jsonObject(this, spec.jsonQuery, itemIndex) ?? {});
			// an empty object goes out as no body at all (n8n's HTTP layer drops it), so no Content-Type
			if (
				(['POST', 'PUT', 'PATCH'].includes(spec.method) &&
					(spec.bodyAsArray || spec.buildBody || spec.upload || Object.keys(body).length > 0)) ||
				(spec.method === 'DELETE' && Object.keys(body).length > 0)
			) {
				options.body = spec.bodyAsArray ? [body] : body;
				if (spec.buildBody)
					options.body = spec.buildBody.call(this, body, itemIndex) as IHttpRequestOptions['body'];
			} else {
				// no body, so no Content-Type either (the node's request defaults may name one)
				delete options.body;
				options.headers = withoutContentType(options.headers);
			}

			// joins the batch synchronously (see ./batch.ts): nothing above may await
			if (
				spec.batchParameter &&
				spec.bodyAsArray &&
				this.getNodeParameter(spec.batchParameter, false) === true
			) {
				const share = await sendInBatch(this, vendor, options, itemIndex, {
					repeatable: spec.repeatable,
				});
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

			// Simplify, then Fields to Return and the personal-data switches (./output.ts)
			const simplified = (records: IDataObject[]) =>
				shapeRecords(
					(name, fallback) => this.getNodeParameter(name, fallback),
					spec.simplify && this.getNodeParameter('simplify', true) === true
						? records.map((record) => simplify(record, spec.simplify!))
						: records,
					vendor.personalData,
				);
			if (!spec.list) {
				const response = await vendorRequest(this, vendor, options, itemIndex, {
					repeatable: spec.repeatable,
				});
				return simplified(toItems(response.body, spec)).map(paired);
			}

			const strategy = spec.list === true ? vendor.paging : spec.list;
			if (!strategy)
				throw new NodeOperationError(this.getNode(), 'No paging strategy configured', {
					itemIndex,
				});
			const returnAll = this.getNodeParameter('returnAll', false) as boolean;
			const limit = returnAll ? undefined : limitOf(this, itemIndex);
			const items = await collectPages(
				strategy,
				async (query, _page, check) => {
					const response = await vendorRequest(
						this,
						vendor,
						{ ...options, qs: { ...options.qs, ...query } },
						itemIndex,
						{ bodyRequired: true, shape: check },
					);
					return response.body;
				},
				limit,
				{ node: this.getNode(), vendor: vendor.vendor, itemIndex },
			);
			return simplified(items).map(paired);
		} catch (error) {
			const nodeError = nodeErrorOf(this.getNode(), error, itemIndex);
			if (this.continueOnFail()) return [errorItem(nodeError, itemIndex)];
			throw nodeError;
		}
	};
}

/** The properties of a declarative node from its resources: every operation runs through `vendor`. */
export function declarativeProperties(
	vendor: DeclarativeVendor,
	resources: ResourceSpec[],
	defaultResource: string,
): INodeProperties[] {
	// every Operation picker (the action node's and the tool variant's) routes to one hook, which
	// runs the picked operation: the options themselves carry no routing (a smaller description)
	const hooks = new Map<string, ReturnType<typeof executeOperation>>();
	for (const resource of resources) {
		for (const operation of resource.operations) {
			if (!operation.method || !operation.path) {
				throw new UnexpectedError(
					`${operation.value}: a declarative operation needs a method and a path`,
				);
			}
			hooks.set(
				`${resource.value}.${operation.value}`,
				executeOperation(
					vendor,
					operation as OperationSpec,
					pathLabels(operation),
					operation.fields,
				),
			);
		}
	}
	async function runPickedOperation(
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const resource = String(this.getNodeParameter('resource', ''));
		const operation = String(this.getNodeParameter('operation', ''));
		const hook = hooks.get(`${resource}.${operation}`);
		if (!hook) {
			throw new NodeOperationError(
				this.getNode(),
				`There is no operation "${operation}" for "${resource}"`,
				{ description: 'Pick one of the operations the node offers.' },
			);
		}
		return await hook.call(this, requestData);
	}
	return describeResources(resources, {
		defaultResource,
		outputProperties: vendor.personalData ? personalDataProperties(vendor.personalData) : [],
		// send.paginate hands the whole request loop to the hook (the declarative extension point)
		routing: { send: { paginate: true }, operations: { pagination: runPickedOperation } },
	});
}
