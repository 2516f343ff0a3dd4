/**
 * Node fields generated from the entity schemas (./schema.ts, itself generated from the OpenAPI
 * document): display names, types and descriptions are derived from the field names and kinds.
 */
import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { CUSTOM_SLOT_KINDS, type EntitySchema, type FieldKind } from './schema';

export interface FieldInfo {
	name: string;
	kind: FieldKind;
	custom: boolean;
}

const WORDS: Record<string, string> = {
	id: 'ID',
	url: 'URL',
	sms: 'SMS',
	datetime: 'Date Time',
	no: 'Number',
};
const MINOR = new Set(['of', 'and', 'or', 'to', 'in', 'on', 'per', 'for']);

/** `internal_user_id2` -> "Internal User ID 2", `date_of_birth` -> "Date of Birth". */
export function titleOf(name: string): string {
	const parts = name.split('_').flatMap((word) => {
		const numbered = /^([a-z]+)(\d+)$/.exec(word);
		return numbered ? [numbered[1], numbered[2]] : [word];
	});
	return parts
		.map(
			(word, i) =>
				WORDS[word] ??
				(i > 0 && MINOR.has(word) ? word : word.charAt(0).toUpperCase() + word.slice(1)),
		)
		.join(' ');
}

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

/** One collection option for a field. */
export function fieldProperty(field: FieldInfo): INodeProperties {
	const title = titleOf(field.name);
	const property: INodeProperties = {
		displayName: title,
		name: field.name,
		type: 'string',
		default: '',
		description: describe(field, title),
	};
	switch (field.kind) {
		case 'number':
			return { ...property, type: 'number', default: 0 };
		case 'integer':
			return { ...property, type: 'number', default: 0, typeOptions: { numberPrecision: 0 } };
		case 'boolean':
			return { ...property, type: 'boolean', default: false };
		case 'date':
		case 'dateTime':
		case 'dateOrDateTime':
			return { ...property, type: 'dateTime' };
		case 'stringList':
			return { ...property, default: [], typeOptions: { multipleValues: true } };
		default:
			if (/^email\d*$/.test(field.name)) return { ...property, placeholder: 'name@email.com' };
			return property;
	}
}

const byDisplayName = (a: { displayName: string }, b: { displayName: string }) =>
	a.displayName.localeCompare(b.displayName, 'en', { numeric: true });

/** The "Fields" collection (documented fields) of one entity. */
export function fieldCollection(entity: EntitySchema, show: IDataObject): INodeProperties {
	return {
		displayName: 'Fields',
		name: 'fields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { ...show, resource: [entity.resource] } },
		options: fieldsOf(entity)
			.filter((f) => f.name !== 'id' && !f.custom)
			.map(fieldProperty)
			.sort(byDisplayName),
	};
}

/**
 * The "Custom Fields" collections (custom slots). Record types with the same set of slots share one
 * collection shown for all of them (six of the ten share one set), which keeps the description the
 * editor downloads ~80 KB smaller; the parameter and its values are the same for every record type.
 */
export function customFieldCollections(
	entities: EntitySchema[],
	show: IDataObject,
): INodeProperties[] {
	const groups = new Map<string, { resources: string[]; options: INodeProperties[] }>();
	for (const entity of entities) {
		const options = fieldsOf(entity)
			.filter((f) => f.name !== 'id' && f.custom)
			.map(fieldProperty)
			.sort(byDisplayName);
		const key = JSON.stringify(options);
		const group = groups.get(key) ?? { resources: [], options };
		group.resources.push(entity.resource);
		groups.set(key, group);
	}
	return [...groups.values()].map(({ resources, options }) => ({
		displayName: 'Custom Fields',
		name: 'customFields',
		type: 'collection',
		placeholder: 'Add Custom Field',
		default: {},
		description:
			'The custom slots Sense offers for this record type; your Sense team maps them to your ATS fields',
		displayOptions: { show: { ...show, resource: resources } },
		options,
	}));
}

/** Dropdown options of every field of an entity except the ID (for the possible-values operations). */
export function fieldOptions(entity: EntitySchema): INodePropertyOptions[] {
	return fieldsOf(entity)
		.filter((f) => f.name !== 'id')
		.map((f) => ({ name: `${titleOf(f.name)} (${f.name})`, value: f.name }))
		.sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
}
