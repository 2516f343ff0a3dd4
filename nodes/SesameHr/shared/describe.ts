/**
 * Turns the generated operation data (../generated, derived from the endpoint catalogue) into the
 * node's properties: one Resource picker, and per resource an operation picker, Return All/Limit
 * for lists, the operation's fields (routed to path, query or body) and its collection of optional
 * fields. Identical fields of several operations become one property shown for all of them.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import {
	resourceProperties,
	type OperationDefinition,
	type ParameterLabels,
} from '../../common/declarative';
import { singlePage } from '../../common/paging';
import { SESAME_RESOURCES } from '../generated';
import type { SesameField, SesameOperation, SesameResource } from './types';
import { sesameVendor } from './vendor';

const UNPAGED = singlePage('data');

/** `format: date`: whatever the picker or an expression gives, the API wants YYYY-MM-DD. */
const DATE_VALUE = '={{ $value ? String($value).slice(0, 10) : $value }}';
/** `format: Y-m-dTH:i:sP`: ISO 8601 with the offset (the workflow time zone when none is given). */
const DATE_TIME_VALUE =
	'={{ $value && DateTime.fromISO(String($value), { setZone: true }).isValid ? DateTime.fromISO(String($value), { setZone: true }).toFormat("yyyy-MM-dd\'T\'HH:mm:ssZZ") : $value }}';
/** JSON editor text -> the parsed value ('' = not sent). */
const JSON_VALUE =
	'={{ typeof $value === "string" ? ($value.trim() === "" ? undefined : JSON.parse($value)) : $value }}';
/** "a, b" or '["a","b"]' -> ["a", "b"]. */
const LIST_VALUE =
	'={{ Array.isArray($value) ? $value : String($value).trim() === "" ? undefined : String($value).trim().startsWith("[") ? JSON.parse(String($value)) : String($value).split(",").map(v => v.trim()).filter(v => v !== "") }}';
const NUMBER_LIST_VALUE =
	'={{ Array.isArray($value) ? $value.map(v => Number(v)) : String($value).trim() === "" ? undefined : (String($value).trim().startsWith("[") ? JSON.parse(String($value)) : String($value).split(",").map(v => v.trim()).filter(v => v !== "")).map(v => Number(v)) }}';

function routingOf(field: SesameField): INodeProperties['routing'] {
	if (field.in !== 'query' && field.in !== 'body') return undefined;
	const value =
		field.kind === 'date'
			? DATE_VALUE
			: field.kind === 'dateTime'
				? DATE_TIME_VALUE
				: field.kind === 'json'
					? JSON_VALUE
					: field.kind === 'list'
						? field.itemType === 'number'
							? NUMBER_LIST_VALUE
							: LIST_VALUE
						: undefined;
	return {
		send: {
			type: field.in,
			property: field.key ?? field.name,
			// names such as "employeeIds[in]" are literal, not paths
			propertyInDotNotation: false,
			...(value ? { value } : {}),
		},
	};
}

/** One field as a node property (without displayOptions). */
function propertyOf(field: SesameField): INodeProperties {
	const base = {
		displayName: field.label,
		name: field.name,
		...(field.required ? { required: true } : {}),
		...(field.description ? { description: field.description } : {}),
		...(field.placeholder ? { placeholder: field.placeholder } : {}),
	};
	const routing = routingOf(field);
	const routed = routing ? { routing } : {};
	switch (field.kind) {
		case 'locator':
			return {
				...base,
				type: 'resourceLocator',
				default: { mode: 'list', value: '' },
				modes: [
					{
						displayName: 'From List',
						name: 'list',
						type: 'list',
						typeOptions: {
							searchListMethod: field.search,
							searchable: true,
							searchFilterRequired: false,
						},
					},
					{
						displayName: 'By ID',
						name: 'id',
						type: 'string',
						placeholder: 'e.g. 0b9e2a6e-5f1c-4c1a-9d7e-2f4a8c6b1e35',
					},
				],
				...routed,
			};
		case 'number':
			return {
				...base,
				type: 'number',
				default: typeof field.default === 'number' ? field.default : 0,
				...routed,
			};
		case 'boolean':
			return {
				...base,
				type: 'boolean',
				default: typeof field.default === 'boolean' ? field.default : false,
				...routed,
			};
		case 'options':
			return {
				...base,
				type: 'options',
				options: field.options ?? [],
				default: field.default ?? field.options?.[0]?.value ?? '',
				...routed,
			};
		case 'multiOptions':
			return {
				...base,
				type: 'multiOptions',
				options: field.options ?? [],
				default: [],
				...routed,
			};
		case 'date':
		case 'dateTime':
			return { ...base, type: 'dateTime', default: '', ...routed };
		case 'json':
			return { ...base, type: 'json', default: field.json === 'array' ? '[]' : '{}', ...routed };
		case 'list':
			return {
				...base,
				type: 'string',
				default: '',
				placeholder: field.placeholder ?? 'e.g. value1, value2',
				...routed,
			};
		default:
			return {
				...base,
				type: 'string',
				default: typeof field.default === 'string' ? field.default : '',
				...routed,
			};
	}
}

const COLLECTIONS = {
	filters: { displayName: 'Filters', placeholder: 'Add Filter' },
	additionalFields: { displayName: 'Additional Fields', placeholder: 'Add Field' },
	options: { displayName: 'Options', placeholder: 'Add Option' },
};

function collectionOf(operation: SesameOperation): INodeProperties | undefined {
	const optional = operation.fields.filter((f) => f.optional);
	if (!operation.collection || !optional.length) return undefined;
	return {
		...COLLECTIONS[operation.collection],
		name: operation.collection,
		type: 'collection',
		default: {},
		options: optional.map(propertyOf).sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

function definitionOf(operation: SesameOperation): OperationDefinition {
	return {
		value: operation.value,
		name: operation.name,
		action: operation.action,
		method: operation.method,
		path: operation.path,
		...(operation.list
			? { list: operation.list === 'paged' ? true : UNPAGED }
			: { rootProperty: 'data' }),
		...(operation.jsonBody ? { jsonBody: operation.jsonBody } : {}),
		...(operation.jsonQuery ? { jsonQuery: operation.jsonQuery } : {}),
		...(operation.binary === 'upload'
			? {
					upload: {
						binaryPropertyParam: 'binaryPropertyName',
						fileField: 'file',
						fileFieldParam: operation.fileFieldParam,
					},
				}
			: {}),
		...(operation.binary === 'download'
			? { binaryOutput: { propertyParam: 'binaryPropertyName' } }
			: {}),
	};
}

/** Properties of one resource; a property shared verbatim by several operations is emitted once. */
function propertiesOf(resource: SesameResource): INodeProperties[] {
	const merged = new Map<string, { property: INodeProperties; operations: string[] }>();
	const add = (property: INodeProperties, operation: string) => {
		const key = JSON.stringify(property);
		const entry = merged.get(key);
		if (entry) entry.operations.push(operation);
		else merged.set(key, { property, operations: [operation] });
	};
	const labels: ParameterLabels = {};
	for (const operation of resource.operations) {
		for (const field of operation.fields.filter((f) => !f.optional)) {
			if (field.in === 'path') labels[field.name] = field.label;
			add(propertyOf(field), operation.value);
		}
		const collection = collectionOf(operation);
		if (collection) add(collection, operation.value);
	}
	const fields = [...merged.values()].map(({ property, operations }) => ({
		...property,
		displayOptions: { show: { resource: [resource.value], operation: operations } },
	}));
	const definitions = resource.operations.map(definitionOf);
	const firstList = resource.operations.find((op) => op.list && /^List\b/.test(op.name));
	return resourceProperties(
		sesameVendor,
		resource.value,
		definitions,
		labels,
		fields,
		(firstList ?? resource.operations[0]).value,
	);
}

export function resourceOptions(): INodePropertyOptions[] {
	return SESAME_RESOURCES.map((r) => ({
		name: r.name,
		value: r.value,
		description: r.description,
	})).sort((a, b) => a.name.localeCompare(b.name));
}

/** Every property of the node: the Resource picker, then each resource's properties. */
export function sesameProperties(): INodeProperties[] {
	return [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: resourceOptions(),
			default: 'employee',
		},
		...SESAME_RESOURCES.flatMap(propertiesOf),
	];
}
