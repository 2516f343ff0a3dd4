/** Building the entity body of one item: mapped from the input item, or from the fields set in the node. */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parseJsonParameter } from '../../common/parameters';
import type { EntitySchema } from '../generated/schema';
import { customSlotValue, fieldMap, type FieldInfo } from '../shared/fields';

/** Date fields take the date part of a date-time; numbers in text fields (typical for IDs) become text. */
function normalise(field: FieldInfo | undefined, value: unknown): unknown {
	if (!field || value === null || value === undefined) return value;
	if (field.kind === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value))
		return value.slice(0, 10);
	if (field.kind === 'string' && typeof value === 'number') return String(value);
	if (field.kind === 'stringList' && Array.isArray(value))
		return value.filter((v) => v !== '' && v !== null).map(String);
	return value;
}

/** The custom slots set in the node ("Custom Fields" name/value pairs), converted to their types. */
function customSlots(
	ctx: IExecuteFunctions,
	fields: Map<string, FieldInfo>,
	itemIndex: number,
): IDataObject {
	const rows = ((ctx.getNodeParameter('customFields', itemIndex, {}) as IDataObject).field ??
		[]) as IDataObject[];
	const body: IDataObject = {};
	for (const row of rows) {
		const name = String(row.name ?? '').trim();
		if (!name) continue;
		const field = fields.get(name);
		if (!field?.custom) {
			throw new NodeOperationError(
				ctx.getNode(),
				`"${name}" is not a custom slot of this record type`,
				{
					itemIndex,
					description:
						'Pick a slot from the list, or use one of the custom_* names of the record type.',
				},
			);
		}
		const value = customSlotValue(field, row.value);
		if (value instanceof Error) {
			throw new NodeOperationError(ctx.getNode(), value.message, {
				itemIndex,
				description: 'Enter the value in the form the slot takes, or map it with an expression.',
			});
		}
		if (value !== undefined) body[name] = normalise(field, value) as IDataObject[string];
	}
	return body;
}

export interface RecordBody {
	id: string;
	body: IDataObject;
}

/**
 * The record of one item. `withId`: the ID is part of the body (upsert); otherwise it is taken from the
 * ID parameter and left out of the body (update).
 */
export function recordBody(
	ctx: IExecuteFunctions,
	entity: EntitySchema,
	item: INodeExecutionData,
	itemIndex: number,
	withId: boolean,
): RecordBody {
	const fields = fieldMap(entity);
	const mode = ctx.getNodeParameter('dataMode', itemIndex, 'autoMap') as string;
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};

	if (mode === 'autoMap') {
		const onlyDocumented = options.onlyDocumentedFields !== false;
		for (const [key, value] of Object.entries(item.json)) {
			const field = fields.get(key);
			if (!field && onlyDocumented) continue;
			if (value !== undefined) body[key] = normalise(field, value) as IDataObject[string];
		}
	} else {
		const set = ctx.getNodeParameter('fields', itemIndex, {}) as IDataObject;
		for (const [key, value] of Object.entries(set)) {
			if (value === '' || value === undefined) continue;
			body[key] = normalise(fields.get(key), value) as IDataObject[string];
		}
		Object.assign(body, customSlots(ctx, fields, itemIndex));
		const extra = parseJsonParameter(
			ctx.getNode(),
			ctx.getNodeParameter('jsonFields', itemIndex, ''),
			{
				label: 'Additional Fields (JSON)',
				itemIndex,
				object: true,
			},
		);
		if (extra !== undefined) Object.assign(body, extra);
	}
	if (options.softDelete === true) body.is_deleted = true;

	const fromInput = withId && mode === 'autoMap';
	const rawId = fromInput ? body.id : ctx.getNodeParameter('recordId', itemIndex, '');
	const id = rawId === undefined || rawId === null ? '' : String(rawId).trim();
	if (!id) {
		throw new NodeOperationError(
			ctx.getNode(),
			fromInput ? 'The input item has no "id" field' : '"ID" is required',
			{
				itemIndex,
				description: fromInput
					? 'Every record needs the ID it has in your system: add an "id" field to the input, or switch "Fields to Send" to "Define Below".'
					: 'Enter the ID the record has in your system, or map it from the input with an expression.',
			},
		);
	}
	if (withId) {
		body.id = id;
	} else {
		delete body.id;
	}
	return { id, body };
}
