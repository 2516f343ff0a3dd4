/** The per-item operations: Get, Update, Get/Set Possible Values and Upload Resume. */
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { vendorRequest } from '../../common/transport';
import { multipartBody, type FormPart } from '../../common/multipart';
import { parseJsonParameter } from '../../common/parameters';
import {
	RESUME_EXTENSIONS,
	RESUME_MAX_BYTES,
	RESUME_REQUIRED_FIELDS,
	type EntitySchema,
} from '../generated/schema';
import {
	pathOf,
	senseVendor,
	SENSE_OPERATIONS,
	type OperationValue,
	type SenseOperation,
} from '../shared/vendor';
import { recordBody } from './records';

type PerItemOperation = Exclude<OperationValue, 'upsert'>;

const operation = (value: OperationValue) =>
	SENSE_OPERATIONS.find((op) => op.value === value) as SenseOperation;

/** `data` of `{data, resource_id, errors}` answers; the whole answer otherwise. */
function unwrap(body: unknown): IDataObject {
	if (body && typeof body === 'object' && !Array.isArray(body)) {
		const data = (body as IDataObject).data;
		if (data && typeof data === 'object' && !Array.isArray(data)) return data as IDataObject;
		return body as IDataObject;
	}
	return { value: body as string };
}

function requireText(
	ctx: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
): string {
	const value = String(ctx.getNodeParameter(name, itemIndex, '') ?? '').trim();
	if (!value) throw new NodeOperationError(ctx.getNode(), `"${label}" is required`, { itemIndex });
	return value;
}

function possibleValuesBody(ctx: IExecuteFunctions, itemIndex: number): IDataObject[] {
	const source = ctx.getNodeParameter('valuesSource', itemIndex, 'define') as string;
	if (source === 'json') {
		const list =
			parseJsonParameter(ctx.getNode(), ctx.getNodeParameter('valuesJson', itemIndex, ''), {
				label: 'Values (JSON)',
				itemIndex,
			}) ?? [];
		const valid =
			Array.isArray(list) &&
			list.every(
				(v) =>
					v &&
					typeof v === 'object' &&
					typeof (v as IDataObject).label === 'string' &&
					['string', 'number', 'boolean'].includes(typeof (v as IDataObject).value),
			);
		if (!valid) {
			throw new NodeOperationError(
				ctx.getNode(),
				'"Values (JSON)" must be an array of {"label": text, "value": text, number or boolean}',
				{
					itemIndex,
				},
			);
		}
		return list as IDataObject[];
	}
	const rows = ((ctx.getNodeParameter('values', itemIndex, {}) as IDataObject).value ??
		[]) as IDataObject[];
	return rows.map((row) => {
		const text = String(row.value ?? '');
		let value: string | number | boolean = text;
		if (row.type === 'number') {
			value = Number(text);
			if (text.trim() === '' || !Number.isFinite(value)) {
				throw new NodeOperationError(
					ctx.getNode(),
					`The value "${text}" of "${String(row.label)}" is not a number`,
					{ itemIndex },
				);
			}
		} else if (row.type === 'boolean') {
			value = ['true', '1', 'yes'].includes(text.trim().toLowerCase());
		}
		return { label: String(row.label ?? ''), value };
	});
}

/** The node parameter that fills each text form field of the resume upload. */
const RESUME_PARAMETERS: Record<string, { parameter: string; label: string } | undefined> = {
	resume_id: { parameter: 'resumeId', label: 'Resume ID' },
	date_created: { parameter: 'dateCreated', label: 'Date Created' },
	date_updated: { parameter: 'dateUpdated', label: 'Date Updated' },
};

async function resumeRequest(
	ctx: IExecuteFunctions,
	entity: EntitySchema,
	itemIndex: number,
): Promise<{ id: string; request: IHttpRequestOptions }> {
	const id = requireText(ctx, 'recordId', 'ID', itemIndex);
	const property = requireText(ctx, 'binaryPropertyName', 'Input Binary Field', itemIndex);
	const binary = ctx.helpers.assertBinaryData(itemIndex, property);
	const data = await ctx.helpers.getBinaryDataBuffer(itemIndex, property);
	if (data.length > RESUME_MAX_BYTES) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The resume is larger than ${RESUME_MAX_BYTES / 1024 / 1024} MB`,
			{
				itemIndex,
				description: `The file has ${(data.length / 1024 / 1024).toFixed(1)} MB; Sense accepts at most ${RESUME_MAX_BYTES / 1024 / 1024} MB.`,
			},
		);
	}
	const options = ctx.getNodeParameter('resumeOptions', itemIndex, {}) as IDataObject;
	const fileName = String(options.fileName || binary.fileName || `resume-${id}`);
	let extension = ctx.getNodeParameter('fileExtension', itemIndex, 'auto') as string;
	if (extension === 'auto') {
		const fromName = /\.([a-z0-9]+)$/i.exec(binary.fileName ?? fileName)?.[1];
		extension = String(binary.fileExtension || fromName || '').toLowerCase();
	}
	if (!RESUME_EXTENSIONS.includes(extension)) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Sense does not accept "${extension || 'unknown'}" resumes`,
			{
				itemIndex,
				description: `Supported formats: ${RESUME_EXTENSIONS.join(', ')}. Set "File Extension" if the file name has no or a different extension.`,
			},
		);
	}
	// the form fields Sense requires, in its order, then the optional file name
	const parts: FormPart[] = RESUME_REQUIRED_FIELDS.map((field): FormPart => {
		if (field === 'file')
			return {
				field,
				filename: fileName,
				contentType: binary.mimeType || 'application/octet-stream',
				data,
			};
		if (field === 'file_extension') return { field, value: extension };
		const source = RESUME_PARAMETERS[field];
		if (!source) {
			throw new NodeOperationError(
				ctx.getNode(),
				`Sense requires the form field "${field}", which this node does not fill`,
				{ itemIndex },
			);
		}
		return { field, value: requireText(ctx, source.parameter, source.label, itemIndex) };
	});
	parts.push({ field: 'file_name', value: fileName });
	const { body, contentType } = multipartBody(parts);
	return {
		id,
		request: {
			method: 'POST',
			url: pathOf(operation('uploadResume'), entity, { id }),
			headers: { 'Content-Type': contentType },
			body,
		},
	};
}

/** Runs one per-item operation and returns its output item's JSON. */
export async function runForItem(
	this: IExecuteFunctions,
	op: PerItemOperation,
	entity: EntitySchema,
	item: INodeExecutionData,
	itemIndex: number,
	baseURL: string,
): Promise<IDataObject> {
	let request: IHttpRequestOptions;
	let result = unwrap;
	switch (op) {
		case 'get':
			request = {
				method: 'GET',
				url: pathOf(operation(op), entity, { id: requireText(this, 'recordId', 'ID', itemIndex) }),
			};
			break;
		case 'update': {
			const { id, body } = recordBody(this, entity, item, itemIndex, false);
			if (!Object.keys(body).length) {
				throw new NodeOperationError(this.getNode(), 'No fields to update', {
					itemIndex,
					description:
						'Map fields from the input or add fields below; Update changes only the fields it sends.',
				});
			}
			request = { method: 'PATCH', url: pathOf(operation(op), entity, { id }), body };
			result = (response) => ({ id, ...unwrap(response) });
			break;
		}
		case 'getPossibleValues':
		case 'setPossibleValues': {
			const fieldName = requireText(this, 'fieldName', 'Field Name or ID', itemIndex);
			request =
				op === 'getPossibleValues'
					? { method: 'GET', url: pathOf(operation(op), entity, { fieldName }) }
					: {
							method: 'PUT',
							url: pathOf(operation(op), entity, { fieldName }),
							// always the JSON array the API takes, `[]` too (it clears the values): n8n's HTTP
							// layer drops an empty array body, so the array goes out as JSON text
							headers: { 'Content-Type': 'application/json' },
							body: JSON.stringify(possibleValuesBody(this, itemIndex)),
						};
			break;
		}
		case 'uploadResume': {
			const upload = await resumeRequest(this, entity, itemIndex);
			const id = upload.id;
			request = upload.request;
			result = (response) => ({ id, ...unwrap(response) });
			break;
		}
	}
	const response = await vendorRequest(
		this,
		senseVendor,
		{ json: true, ...request, baseURL },
		itemIndex,
	);
	return result(response.body);
}
