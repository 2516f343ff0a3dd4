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
 * - The tool variant (n8n's "… Tool" twin of a `usableAsTool` node, given to AI agents) differs
 *   through n8n's `@tool` display condition: its own Operation pickers whose texts say what each
 *   operation returns or changes (they become the tool descriptions) and which leave out
 *   operations a tool call cannot use (uploads need an input file, downloads return one), a small
 *   Limit without Return All, Fields to Return, and per-field tool defaults (`toolDefault`).
 */
import type {
	IDataObject,
	IDisplayOptions,
	IHttpRequestMethods,
	INodeProperties,
	INodePropertyOptions,
	UsableAsToolDescription,
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
	/** Default in the tool variant when it differs (e.g. "Define Below" so the agent fills the fields). */
	toolDefault?: string | number | boolean;
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
	 * A POST that cannot create a record twice (an update by ID): retried, like GET/PUT/PATCH/DELETE,
	 * after a failure that leaves open whether the vendor carried it out (see RequestPolicy).
	 */
	repeatable?: boolean;
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
	/**
	 * What the operation returns or changes, for the tool variant's description (default: worded
	 * from the method and kind, see `toolEffect`); `false` leaves the operation out of the tool variant.
	 */
	effect?: string | false;
	/** The operation outputs records (Fields to Return applies); default: lists and GETs. */
	returnsRecords?: boolean;
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
		description: 'Further settings',
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

/**
 * Keeping "Custom API Call" out of the tool variant, where it would be a parameter-less GET of the
 * API root. n8n 2.x appends it, in place, to every Resource and Operation picker of each node whose
 * credential has `authenticate` — and builds the tool variant as a copy of the node, again each
 * time it loads a package, so what it appended to the node before reaches the copy. Two rules:
 *
 * - `TOOL_VARIANT` (`usableAsTool` of the action nodes, which declare `version: [1]`): n8n skips
 *   a node whose `defaultVersion` differs from its `version`; the tool's `defaultVersion` 1 next to
 *   the version list [1] is the same version, so the copy itself is left alone;
 * - the pickers the tool variant shows (Resource, its own Operation pickers) hand out a fresh copy
 *   of their options on every read (`fixedOptions`), so nothing appended to the node stays. The
 *   action node keeps "Custom API Call" in its own Operation pickers.
 *
 * test/e2e/agent.test.ts checks both variants in a real n8n.
 */
export const TOOL_VARIANT: UsableAsToolDescription = { replacements: { defaultVersion: 1 } };

/** The property with `options` read as a fresh copy each time (see `TOOL_VARIANT`). */
export function fixedOptions(property: INodeProperties): INodeProperties {
	const options = property.options ?? [];
	return Object.defineProperty({ ...property }, 'options', {
		enumerable: true,
		configurable: true,
		get: () => options.map((option) => ({ ...option })),
	});
}

/** The tool variant's Limit (see the header): small, so what an agent reads stays bounded. */
export const TOOL_LIMIT = { default: 10, max: 100 } as const;

/** Shown only in the tool variant / only in the action node. */
export const IN_TOOL = { '@tool': [true] };
export const NOT_IN_TOOL = { '@tool': [false] };

/** Keeps the named fields of each record (dotted paths reach into nested objects). */
export const FIELDS_TO_RETURN: INodeProperties = {
	displayName: 'Fields to Return',
	name: 'fieldsToReturn',
	type: 'string',
	default: '',
	placeholder: 'e.g. firstName, email, department.name',
	description:
		'Comma-separated fields to keep in each record the operation returns (dotted paths reach into nested objects); empty keeps all',
};

/** Whether an operation outputs records (not a file, not only a status). */
export function returnsRecords(operation: OperationData): boolean {
	if (operation.returnsRecords !== undefined) return operation.returnsRecords;
	if (operation.binaryOutput || operation.upload) return false;
	return Boolean(operation.list) || operation.method === 'GET';
}

/** Whether the tool variant offers the operation: a tool call carries no file and returns none. */
export function offeredAsTool(operation: OperationData): boolean {
	return operation.effect !== false && !operation.upload && !operation.binaryOutput;
}

/** What the operation returns or changes, in a few words (see `OperationData.effect`). */
export function toolEffect(operation: OperationData): string {
	if (typeof operation.effect === 'string') return operation.effect;
	const simplified = operation.simplify ? '; simplified' : '';
	if (operation.list) return `up to Limit records, default ${TOOL_LIMIT.default}${simplified}`;
	switch (operation.method) {
		case 'GET':
			return `reads only${simplified}`;
		case 'DELETE':
			return 'deletes it permanently';
		case 'PATCH':
			return 'changes only the fields sent';
		case 'PUT':
			return /^(update|edit)/i.test(operation.value)
				? 'overwrites the fields sent'
				: 'changes data';
		default:
			if (/^(update|edit)/i.test(operation.value)) return 'changes only the fields sent';
			return /^create/i.test(operation.value) ? 'adds a record' : 'changes data';
	}
}

/** The tool variant's action text of an operation: n8n makes "<action> in <node>" the tool description. */
export function toolAction(operation: OperationData): string {
	return `${operation.action} (${toolEffect(operation)})`;
}

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
	outputProperties: INodeProperties[] = [],
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
		const rank = rankOf(field);
		if (field.toolDefault === undefined) {
			out.push({
				property: extra ? { ...property, displayOptions: { show: extra } } : property,
				rank,
			});
			continue;
		}
		out.push(
			{ property: { ...property, displayOptions: { show: { ...extra, ...NOT_IN_TOOL } } }, rank },
			{
				property: {
					...property,
					default: field.toolDefault,
					displayOptions: { show: { ...extra, ...IN_TOOL } },
				},
				rank,
			},
		);
	}
	if (operation.simplify) {
		out.push({ property: SIMPLIFY, rank: RANK.output });
	}
	// whatever answers JSON may carry the record (creates and updates echo it)
	if (!operation.binaryOutput) {
		for (const property of outputProperties) out.push({ property, rank: RANK.output });
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
					displayOptions: { show: NOT_IN_TOOL },
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
					// hidden in the tool variant with Return All, which it does not show
					displayOptions: { show: { returnAll: [false] } },
				},
				rank: RANK.limit,
			},
			{
				property: {
					displayName: 'Limit',
					// its own name: n8n's lint holds every "limit" to a default of 50
					name: 'toolLimit',
					type: 'number',
					typeOptions: { minValue: 1, maxValue: TOOL_LIMIT.max },
					// TOOL_LIMIT.default (n8n's lint wants the literal)
					default: 10,
					description: 'Max number of results to return',
					displayOptions: { show: IN_TOOL },
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
	/**
	 * The declarative `routing` of every Operation picker (absent for programmatic nodes): one hook
	 * that runs the picked operation, so the options themselves carry none.
	 */
	routing?: INodeProperties['routing'];
	/** Collections beyond the common ones. */
	collections?: Record<string, CollectionInfo>;
	/** The resource preselected in a new node. */
	defaultResource: string;
	/** Output settings of every operation that returns records (e.g. personal-data redaction). */
	outputProperties?: INodeProperties[];
}

/** Method and path of each declarative operation option, for the docs tables and tests. */
const ENDPOINTS = new WeakMap<INodePropertyOptions, { method: string; url: string }>();

/** The endpoint an operation option calls (declarative nodes), e.g. `GET /Appointment/{appointmentId}`. */
export function endpointOf(
	option: INodePropertyOptions,
): { method: string; url: string } | undefined {
	return ENDPOINTS.get(option);
}

function operationOption(operation: OperationData): INodePropertyOptions {
	const option: INodePropertyOptions = {
		name: operation.name,
		value: operation.value,
		action: operation.action,
		// the action says it already; a description of its own only where it adds something
		...(operation.description && operation.description !== operation.action
			? { description: operation.description }
			: {}),
	};
	if (operation.method && operation.path)
		ENDPOINTS.set(option, { method: operation.method, url: operation.path });
	return option;
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
	const resourceProperty = fixedOptions(resourcePicker);
	const pickers: INodeProperties[] = resources.flatMap((resource) => {
		const picker: INodeProperties = {
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource.value], ...NOT_IN_TOOL } },
			options: resource.operations.map(operationOption).sort(byOptionName),
			default: '',
			...(options.routing ? { routing: options.routing } : {}),
		};
		picker.default = defaultOperationOf(resource);
		// first: n8n words a tool's description from the first Operation picker of its resource
		const offered = resource.operations.filter(offeredAsTool);
		if (!offered.length) return [picker];
		const toolPicker: INodeProperties = {
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource.value], ...IN_TOOL } },
			options: offered
				.map((op) => ({ name: op.name, value: op.value, action: toolAction(op) }))
				.sort(byOptionName),
			default: '',
			...(options.routing ? { routing: options.routing } : {}),
		};
		toolPicker.default = offered.some((op) => op.value === picker.default)
			? picker.default
			: (offered.find((op) => op.list) ?? offered[0]).value;
		return [fixedOptions(toolPicker), picker];
	});
	const placed: Placed[] = [];
	for (const resource of resources) {
		for (const operation of resource.operations) {
			for (const { property, rank } of operationProperties(
				operation,
				collections,
				options.outputProperties,
			)) {
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
	// the resources that have an operation of a value
	const havingOperation = new Map<string, string[]>();
	for (const resource of resources)
		for (const operation of resource.operations)
			havingOperation.set(operation.value, [
				...(havingOperation.get(operation.value) ?? []),
				resource.value,
			]);
	const fields = merge(placed)
		.sort((a, b) => a.rank - b.rank || a.seq - b.seq)
		.map(({ property, resources: shownFor, operations }) => {
			// shown for every resource that has these operations: the operations say it alone
			const everywhere = operations.every((op) =>
				(havingOperation.get(op) ?? []).every((r) => shownFor.includes(r)),
			);
			return {
				...property,
				displayOptions: {
					...property.displayOptions,
					show: {
						...(everywhere ? {} : { resource: shownFor }),
						operation: operations,
						...property.displayOptions?.show,
					},
				},
			};
		});
	// one property for the whole tool variant (shown for every operation: a smaller description)
	const fieldsToReturn = resources.some((r) => r.operations.some(returnsRecords))
		? [{ ...FIELDS_TO_RETURN, displayOptions: { show: IN_TOOL } }]
		: [];
	return [resourceProperty, ...pickers, ...fields, ...fieldsToReturn];
}

/** Display labels of path parameters, for "missing value" errors. */
export function pathLabels(operation: OperationData): Record<string, string> {
	return Object.fromEntries(
		operation.fields.filter((f) => f.in === 'path').map((f) => [f.name, f.label]),
	);
}
