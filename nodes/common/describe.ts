/**
 * The one description model of every action node: resources and operations declared as data
 * (`ResourceSpec` → `OperationData` → `FieldSpec`), turned into n8n properties here.
 *
 * - A field is declared once per operation that shows it, with where its value goes (`in`: path,
 *   query, body, or `setting` = read by the operation itself) and what it is (`kind`). Declarative
 *   operations read and convert the values in `./request.ts`, so no routing expressions are needed
 *   in the description; programmatic nodes (Sense) read them in their own `execute()`.
 * - One order in every node: the record acted on (path parameters, `record`), required fields,
 *   other top-level fields, Return All / Limit, output options (Simplify), the optional collections
 *   (Filters, Additional Fields / Update Fields, Options, …), raw JSON last.
 * - Identical properties of several operations (and of several resources) become one property
 *   shown for all of them, which keeps the description the editor downloads small.
 */
import type {
	IDataObject,
	IDisplayOptions,
	IHttpRequestMethods,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import type { PagingStrategy } from './paging';

export type FieldKind =
	| 'string'
	| 'number'
	| 'boolean'
	| 'options'
	| 'multiOptions'
	/** date picker, sent as YYYY-MM-DD */
	| 'date'
	/** date-time picker, sent as ISO 8601 with an explicit offset (the workflow's time zone when none is given) */
	| 'dateTime'
	/** JSON editor, sent parsed (`json`: object or array) */
	| 'json'
	/** comma-separated values (or a JSON array), sent as an array (`itemType`: string or number) */
	| 'list'
	/** a record picker (resource locator): From List (`search`) or By ID */
	| 'locator'
	/** comma-separated e-mail addresses, sent as `[{email}]` */
	| 'emails'
	/** an n8n property the model does not shape (fixedCollection, notice, …): `property` holds it */
	| 'custom';

export interface FieldSpec {
	/** Node parameter name: part of the locked public surface. */
	name: string;
	label: string;
	kind: FieldKind;
	/** Where the value goes; `setting` (default) = read by the operation itself. */
	in?: 'path' | 'query' | 'body' | 'setting';
	/** Name at the API when it differs from `name`. */
	key?: string;
	required?: boolean;
	/** The record the operation acts on (shown first); path parameters are such fields anyway. */
	record?: boolean;
	/** The collection (Filters, Additional Fields, …) that holds this optional field. */
	collection?: string;
	description?: string;
	placeholder?: string;
	hint?: string;
	default?: string | number | boolean | string[] | IDataObject;
	options?: Array<{ name: string; value: string | number | boolean; description?: string }>;
	/** listSearch method of a `locator`. */
	search?: string;
	/** loadOptions method of an `options` / `multiOptions` field. */
	loadOptions?: string;
	loadOptionsDependsOn?: string[];
	/** Items of a `list`. */
	itemType?: 'string' | 'number';
	/** Shape of a `json` field. */
	json?: 'object' | 'array';
	/** `multiOptions` sent as one comma-separated string instead of an array. */
	joined?: boolean;
	/** A numeric-looking ID is sent as a number (HaloPSA integer IDs; GUIDs stay strings). */
	numericId?: boolean;
	/** A `dateTime` sent exactly as entered (no offset added). */
	asGiven?: boolean;
	/** Further conditions for showing the field (e.g. `{ dataMode: ['define'] }`). */
	show?: IDisplayOptions['show'];
	/** Overrides of the built property (typeOptions, a `custom` kind's whole shape, …). */
	property?: Partial<INodeProperties>;
	/** Place in the field order when the default one does not fit. */
	rank?: number;
}

/** How a declarative operation is executed (see ./declarative.ts). */
export interface OperationSpec {
	method: IHttpRequestMethods;
	/** Path with `{parameterName}` placeholders filled from node parameters (resource locators extracted). */
	path: string;
	/** A list endpoint: honours Return All / Limit. `true` = the vendor's default paging. */
	list?: boolean | PagingStrategy;
	/** Property of a non-list response holding the record (e.g. `data`). */
	rootProperty?: string;
	/** Node parameter (path) holding a JSON object merged into the request body last. */
	jsonBody?: string;
	/** Node parameter (path) holding a JSON object merged into the query string. */
	jsonQuery?: string;
	/** Sends the body as a JSON array of one record (HaloPSA style). */
	bodyAsArray?: boolean;
	/** Values every request of the operation carries in its body (e.g. the flag naming an action). */
	fixedBody?: IDataObject;
	/** Replaces the request body just before it is sent (e.g. an endpoint that takes a bare array of IDs). */
	buildBody?: (
		this: import('n8n-workflow').IExecutePaginationFunctions,
		body: IDataObject,
		itemIndex: number,
	) => unknown;
	/** Boolean node parameter: when true, the records of all input items are sent in one request. */
	batchParameter?: string;
	/** Multipart upload: the file of an input binary property plus the body fields as form fields. */
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
	/**
	 * The fields "Simplify" keeps of each record (on by default): large records are cut to what
	 * most workflows use; switching Simplify off returns the whole record.
	 */
	simplify?: string[];
}

export interface OperationData extends Partial<OperationSpec> {
	/** Operation parameter value: part of the locked public surface. */
	value: string;
	/** Title Case verb (+ object where the resource has several operations of that verb). */
	name: string;
	/** Sentence-case action text. */
	action: string;
	description?: string;
	fields: FieldSpec[];
}

export interface ResourceSpec {
	value: string;
	name: string;
	description?: string;
	/** The operation preselected when the resource is picked (default: the first "Get Many", else the first). */
	defaultOperation?: string;
	operations: OperationData[];
}

export interface CollectionInfo {
	displayName: string;
	placeholder: string;
	description?: string;
	/** Order among the collections of one operation. */
	order: number;
}

/** The collections every node may use; a node can add its own. */
export const COLLECTIONS: Record<string, CollectionInfo> = {
	filters: {
		displayName: 'Filters',
		placeholder: 'Add Filter',
		description: 'Only records that match every filter you add are returned',
		order: 0,
	},
	additionalFields: {
		displayName: 'Additional Fields',
		placeholder: 'Add Field',
		description: 'Optional fields to send; fields you do not add are left out of the request',
		order: 1,
	},
	updateFields: {
		displayName: 'Update Fields',
		placeholder: 'Add Field',
		description: 'The fields to change; fields you do not add are not sent',
		order: 1,
	},
	options: {
		displayName: 'Options',
		placeholder: 'Add Option',
		description: 'Further settings of this operation',
		order: 2,
	},
};

/** Ranks of the field order (see the header). */
export const RANK = {
	record: 0,
	required: 1,
	field: 2,
	returnAll: 3,
	limit: 3.5,
	output: 4,
	collection: 5,
	rawJson: 6,
} as const;

const LOCATOR_PLACEHOLDER = 'e.g. 0b9e2a6e-5f1c-4c1a-9d7e-2f4a8c6b1e35';

/** The n8n property of one field, without displayOptions. */
export function propertyOf(field: FieldSpec): INodeProperties {
	const base = {
		displayName: field.label,
		name: field.name,
		...(field.required ? { required: true } : {}),
		...(field.description ? { description: field.description } : {}),
		...(field.placeholder ? { placeholder: field.placeholder } : {}),
		...(field.hint ? { hint: field.hint } : {}),
	};
	const loaded = (type: 'options' | 'multiOptions', empty: string | string[]): INodeProperties => ({
		...base,
		type,
		typeOptions: {
			loadOptionsMethod: field.loadOptions,
			...(field.loadOptionsDependsOn ? { loadOptionsDependsOn: field.loadOptionsDependsOn } : {}),
		},
		default: (field.default as string) ?? empty,
	});
	let property: INodeProperties;
	switch (field.kind) {
		case 'locator':
			property = {
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
						placeholder: field.placeholder ?? LOCATOR_PLACEHOLDER,
					},
				],
			};
			delete property.placeholder;
			break;
		case 'number':
			property = {
				...base,
				type: 'number',
				default: typeof field.default === 'number' ? field.default : 0,
			};
			break;
		case 'boolean':
			property = {
				...base,
				type: 'boolean',
				default: typeof field.default === 'boolean' ? field.default : false,
			};
			break;
		case 'options':
			property = field.loadOptions
				? loaded('options', '')
				: {
						...base,
						type: 'options',
						options: field.options ?? [],
						default: (field.default as string) ?? field.options?.[0]?.value ?? '',
					};
			break;
		case 'multiOptions':
			property = field.loadOptions
				? loaded('multiOptions', [])
				: { ...base, type: 'multiOptions', options: field.options ?? [], default: [] };
			break;
		case 'date':
		case 'dateTime':
			property = { ...base, type: 'dateTime', default: '' };
			break;
		case 'json':
			property = {
				...base,
				type: 'json',
				default: (field.default as string) ?? (field.json === 'array' ? '[]' : '{}'),
			};
			break;
		case 'custom':
			property = { ...base, type: 'string', default: '' };
			break;
		default:
			property = {
				...base,
				type: 'string',
				default: typeof field.default === 'string' ? field.default : '',
			};
	}
	return field.property ? ({ ...property, ...field.property } as INodeProperties) : property;
}

/** n8n's Simplify switch (the same words as its built-in nodes). */
export const SIMPLIFY: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description: 'Whether to return a simplified version of the response instead of the raw data',
};

/** Where a top-level field stands in the order. */
function rankOf(field: FieldSpec): number {
	if (field.rank !== undefined) return field.rank;
	if (field.in === 'path' || field.record) return RANK.record;
	if (field.required) return RANK.required;
	if (field.kind === 'json' && (field.in ?? 'setting') === 'setting') return RANK.rawJson;
	return RANK.field;
}

interface Placed {
	property: INodeProperties;
	rank: number;
	resources: string[];
	operations: string[];
	/** First appearance, for a stable order within a rank. */
	seq: number;
}

const byName = (a: { displayName: string }, b: { displayName: string }) =>
	a.displayName.localeCompare(b.displayName, 'en', { numeric: true });
const byOptionName = (a: { name: string }, b: { name: string }) =>
	a.name.localeCompare(b.name, 'en', { numeric: true });

/** The properties one operation contributes (before merging), with their ranks. */
function operationProperties(
	operation: OperationData,
	collections: Record<string, CollectionInfo>,
): Array<{ property: INodeProperties; rank: number }> {
	const out: Array<{ property: INodeProperties; rank: number }> = [];
	const grouped = new Map<string, FieldSpec[]>();
	const show = (field: FieldSpec) => field.show;
	for (const field of operation.fields) {
		if (field.collection) {
			const list = grouped.get(field.collection) ?? [];
			list.push(field);
			grouped.set(field.collection, list);
			continue;
		}
		const property = propertyOf(field);
		const extra = show(field);
		out.push({
			property: extra ? { ...property, displayOptions: { show: extra } } : property,
			rank: rankOf(field),
		});
	}
	if (operation.simplify) {
		out.push({ property: SIMPLIFY, rank: RANK.output });
	}
	if (operation.list) {
		out.push(
			{
				property: {
					displayName: 'Return All',
					name: 'returnAll',
					type: 'boolean',
					default: false,
					description: 'Whether to return all results or only up to a given limit',
				},
				rank: RANK.returnAll,
			},
			{
				property: {
					displayName: 'Limit',
					name: 'limit',
					type: 'number',
					typeOptions: { minValue: 1 },
					default: 50,
					description: 'Max number of results to return',
					displayOptions: { show: { returnAll: [false] } },
				},
				rank: RANK.limit,
			},
		);
	}
	for (const [name, fields] of grouped) {
		const info = collections[name];
		if (!info) throw new Error(`${operation.value}: unknown collection "${name}"`);
		const extra = fields.find((f) => f.show)?.show;
		out.push({
			property: {
				displayName: info.displayName,
				name,
				type: 'collection',
				placeholder: info.placeholder,
				default: {},
				...(info.description ? { description: info.description } : {}),
				options: fields.map(propertyOf).sort(byName),
				...(extra ? { displayOptions: { show: extra } } : {}),
			},
			rank: RANK.collection + info.order / 10,
		});
	}
	return out;
}

/** Shape of a property for merging: everything but the resource/operation it is shown for. */
function mergeKey(property: INodeProperties, rank: number): string {
	return `${rank}|${JSON.stringify(property)}`;
}

const sameSet = (a: string[], b: string[]) =>
	a.length === b.length && a.every((value) => b.includes(value));

/**
 * Merges identical properties: within a resource (the operation lists are joined) and across
 * resources shown for the same operations (the resource lists are joined). Never a combination
 * that would show a property where none of the originals was shown.
 */
function merge(placed: Placed[]): Placed[] {
	const groups = new Map<string, Placed[]>();
	for (const entry of placed) {
		const key = mergeKey(entry.property, entry.rank);
		const group = groups.get(key) ?? [];
		group.push(entry);
		groups.set(key, group);
	}
	const result: Placed[] = [];
	for (const group of groups.values()) {
		let entries = group;
		for (let changed = true; changed; ) {
			changed = false;
			const next: Placed[] = [];
			for (const entry of entries) {
				const target = next.find(
					(other) =>
						sameSet(other.resources, entry.resources) ||
						sameSet(other.operations, entry.operations),
				);
				if (!target) {
					next.push({
						...entry,
						resources: [...entry.resources],
						operations: [...entry.operations],
					});
					continue;
				}
				if (sameSet(target.resources, entry.resources)) {
					for (const op of entry.operations)
						if (!target.operations.includes(op)) target.operations.push(op);
				} else {
					for (const r of entry.resources)
						if (!target.resources.includes(r)) target.resources.push(r);
				}
				target.seq = Math.min(target.seq, entry.seq);
				changed = true;
			}
			entries = next;
		}
		result.push(...entries);
	}
	return result;
}

export interface DescribeOptions {
	/** The declarative `routing` of an operation option (absent for programmatic nodes). */
	routing?: (resource: ResourceSpec, operation: OperationData) => INodePropertyOptions['routing'];
	/** Collections beyond the common ones. */
	collections?: Record<string, CollectionInfo>;
	/** The resource preselected in a new node. */
	defaultResource: string;
}

function operationOption(
	resource: ResourceSpec,
	operation: OperationData,
	options: DescribeOptions,
): INodePropertyOptions {
	const routing = options.routing?.(resource, operation);
	return {
		name: operation.name,
		value: operation.value,
		action: operation.action,
		description: operation.description ?? operation.action,
		...(routing ? { routing } : {}),
	};
}

function defaultOperationOf(resource: ResourceSpec): string {
	if (resource.defaultOperation) return resource.defaultOperation;
	const list = resource.operations.find((op) => op.list && op.name.startsWith('Get Many'));
	return (list ?? resource.operations[0]).value;
}

/** Checks the data before it becomes a description (a mistake here is a programming error). */
function validate(resources: ResourceSpec[]): void {
	for (const resource of resources) {
		const values = new Set<string>();
		const names = new Set<string>();
		for (const operation of resource.operations) {
			const where = `${resource.value}.${operation.value}`;
			if (values.has(operation.value)) throw new Error(`${where}: operation value used twice`);
			if (names.has(operation.name))
				throw new Error(`${where}: operation name "${operation.name}" used twice`);
			values.add(operation.value);
			names.add(operation.name);
			const seen = new Set<string>();
			for (const field of operation.fields) {
				const path = field.collection ? `${field.collection}.${field.name}` : field.name;
				if (seen.has(path)) throw new Error(`${where}: field "${path}" declared twice`);
				seen.add(path);
				if (field.collection && field.required) {
					throw new Error(`${where}: required field "${field.name}" inside a collection`);
				}
				if (field.kind === 'locator' && !field.search) {
					throw new Error(`${where}: locator "${field.name}" has no search`);
				}
			}
		}
	}
}

/**
 * Every property of a node: the Resource picker, one Operation picker per resource, then the
 * fields of all operations in the one order, merged where identical.
 */
export function describeResources(
	resources: ResourceSpec[],
	options: DescribeOptions,
): INodeProperties[] {
	validate(resources);
	const collections = { ...COLLECTIONS, ...options.collections };
	const resourcePicker: INodeProperties = {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: resources
			.map((r) => ({
				name: r.name,
				value: r.value,
				...(r.description ? { description: r.description } : {}),
			}))
			.sort(byOptionName),
		default: '',
	};
	resourcePicker.default = options.defaultResource;
	const pickers: INodeProperties[] = resources.map((resource) => {
		const picker: INodeProperties = {
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource.value] } },
			options: resource.operations
				.map((op) => operationOption(resource, op, options))
				.sort(byOptionName),
			default: '',
		};
		picker.default = defaultOperationOf(resource);
		return picker;
	});
	const placed: Placed[] = [];
	for (const resource of resources) {
		for (const operation of resource.operations) {
			for (const { property, rank } of operationProperties(operation, collections)) {
				placed.push({
					property,
					rank,
					resources: [resource.value],
					operations: [operation.value],
					seq: placed.length,
				});
			}
		}
	}
	const fields = merge(placed)
		.sort((a, b) => a.rank - b.rank || a.seq - b.seq)
		.map(({ property, resources: shownFor, operations }) => ({
			...property,
			displayOptions: {
				...property.displayOptions,
				show: { resource: shownFor, operation: operations, ...property.displayOptions?.show },
			},
		}));
	return [resourcePicker, ...pickers, ...fields];
}

/** Display labels of path parameters, for "missing value" errors. */
export function pathLabels(operation: OperationData): Record<string, string> {
	return Object.fromEntries(
		operation.fields.filter((f) => f.in === 'path').map((f) => [f.name, f.label]),
	);
}
