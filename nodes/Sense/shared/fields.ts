/**
 * Node fields generated from the entity schemas (./schema.ts, itself generated from the OpenAPI
 * document): display names, types and descriptions are derived from the field names and kinds.
 */
import type { INodePropertyOptions } from 'n8n-workflow';

import type { FieldSpec } from '../../common/describe';
import { titleOf } from '../../common/text';

import { CUSTOM_SLOT_KINDS, type EntitySchema, type FieldKind } from '../generated/schema';

export interface FieldInfo {
	name: string;
	kind: FieldKind;
	custom: boolean;
}

export { titleOf };

/** Every documented field of an entity, custom slots expanded (custom_text1 ... custom_textN). */
export function fieldsOf(entity: EntitySchema): FieldInfo[] {
	const fields: FieldInfo[] = Object.entries(entity.fields).map(([name, kind]) => ({
		name,
		kind,
		custom: false,
	}));
	for (const [prefix, count] of Object.entries(entity.customSlots)) {
		for (let n = 1; n <= count; n++)
			fields.push({ name: `${prefix}${n}`, kind: CUSTOM_SLOT_KINDS[prefix], custom: true });
	}
	return fields;
}

const fieldCache = new Map<EntitySchema, Map<string, FieldInfo>>();

/** Field name -> field, for one entity. */
export function fieldMap(entity: EntitySchema): Map<string, FieldInfo> {
	let map = fieldCache.get(entity);
	if (!map) {
		map = new Map(fieldsOf(entity).map((f) => [f.name, f]));
		fieldCache.set(entity, map);
	}
	return map;
}

const KIND_HINTS: Record<FieldKind, string> = {
	string: '',
	number: '',
	integer: 'Whole number. ',
	boolean: '',
	date: 'Date, sent as YYYY-MM-DD. ',
	dateTime: 'Date and time, sent as ISO 8601. ',
	dateOrDateTime: 'Date or date and time (ISO 8601). ',
	stringList: 'One or more text values. ',
};

function describe(field: FieldInfo, title: string): string {
	if (field.name === 'is_deleted')
		return 'Whether the record is deleted in your system: Sense then soft-deletes it. API field: is_deleted.';
	const reference = /^([a-z_]+)_id\d*$/.exec(field.name);
	if (reference)
		return `ID, in your system, of the ${reference[1].replace(/_/g, ' ')} this record refers to. API field: ${field.name}.`;
	if (field.kind === 'boolean') return `Whether "${title}" is true. API field: ${field.name}.`;
	return `${KIND_HINTS[field.kind]}API field: ${field.name}.`;
}

/** One field of a record as a field spec of the collection `collection` (read by execute()). */
export function fieldSpec(field: FieldInfo, collection: string): FieldSpec {
	const title = titleOf(field.name);
	const base: FieldSpec = {
		name: field.name,
		label: title,
		kind: 'string',
		collection,
		description: describe(field, title),
	};
	switch (field.kind) {
		case 'number':
			return { ...base, kind: 'number' };
		case 'integer':
			return { ...base, kind: 'number', property: { typeOptions: { numberPrecision: 0 } } };
		case 'boolean':
			return { ...base, kind: 'boolean' };
		case 'date':
		case 'dateTime':
		case 'dateOrDateTime':
			return { ...base, kind: 'dateTime' };
		case 'stringList':
			return { ...base, property: { default: [], typeOptions: { multipleValues: true } } };
		default:
			if (/^email\d*$/.test(field.name)) return { ...base, placeholder: 'name@email.com' };
			return base;
	}
}

/** The documented fields of an entity (without the ID), for its "Fields" collection. */
export const recordFieldSpecs = (entity: EntitySchema): FieldSpec[] =>
	fieldsOf(entity)
		.filter((f) => f.name !== 'id' && !f.custom)
		.map((f) => fieldSpec(f, 'fields'));

const SLOT_KIND_NAMES: Record<FieldKind, string> = {
	string: 'text',
	number: 'number',
	integer: 'whole number',
	boolean: 'true or false',
	date: 'date',
	dateTime: 'date and time',
	dateOrDateTime: 'date or date and time',
	stringList: 'list of texts',
};

/**
 * "Custom Fields": the custom slots as name/value pairs. The slot dropdown is loaded for the chosen
 * record type (`getCustomSlots`), so one small property serves every record type; the value is
 * converted to the slot's type when the record is built (see customSlotValue).
 */
export const customFieldsSpec = (show: FieldSpec['show']): FieldSpec => ({
	name: 'customFields',
	label: 'Custom Fields',
	kind: 'custom',
	show,
	placeholder: 'Add Custom Field',
	description:
		'The custom slots Sense offers for this record type; your Sense team maps them to your ATS fields',
	rank: 5.06,
	property: {
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		options: [
			{
				displayName: 'Custom Field',
				name: 'field',
				values: [
					{
						displayName: 'Slot Name or ID',
						name: 'name',
						type: 'options',
						typeOptions: {
							loadOptionsMethod: 'getCustomSlots',
							loadOptionsDependsOn: ['resource'],
						},
						default: '',
						description:
							'The custom slot to set. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description:
							"Converted to the slot's type: numbers, true/false, dates (YYYY-MM-DD or ISO 8601), lists (comma-separated or a JSON array)",
					},
				],
			},
		],
	},
});

/** The custom slots of an entity as dropdown options ("Custom Text 1 — text"). */
export function customSlotOptions(entity: EntitySchema): INodePropertyOptions[] {
	return fieldsOf(entity)
		.filter((f) => f.custom)
		.map((f) => ({ name: `${titleOf(f.name)} — ${SLOT_KIND_NAMES[f.kind]}`, value: f.name }))
		.sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
}

/** The value of a custom slot as its type wants it; undefined for an empty value, an Error for a wrong one. */
export function customSlotValue(field: FieldInfo, raw: unknown): unknown {
	if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === ''))
		return undefined;
	if (typeof raw !== 'string') return raw;
	const text = raw.trim();
	switch (field.kind) {
		case 'number':
		case 'integer': {
			const number = Number(text);
			if (!Number.isFinite(number) || (field.kind === 'integer' && !Number.isInteger(number))) {
				return new Error(
					`"${field.name}" needs ${field.kind === 'integer' ? 'a whole number' : 'a number'}, not "${raw}"`,
				);
			}
			return number;
		}
		case 'boolean':
			if (/^(true|false)$/i.test(text)) return text.toLowerCase() === 'true';
			return new Error(`"${field.name}" needs true or false, not "${raw}"`);
		case 'stringList':
			if (text.startsWith('[')) {
				try {
					const list = JSON.parse(text) as unknown;
					if (Array.isArray(list)) return list.map(String);
				} catch {
					// not JSON: split on commas below
				}
			}
			return text
				.split(',')
				.map((v) => v.trim())
				.filter((v) => v !== '');
		default:
			return text;
	}
}

/** Dropdown options of every field of an entity except the ID (for the possible-values operations). */
export function fieldOptions(entity: EntitySchema): INodePropertyOptions[] {
	return fieldsOf(entity)
		.filter((f) => f.name !== 'id')
		.map((f) => ({ name: `${titleOf(f.name)} (${f.name})`, value: f.name }))
		.sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
}
