/**
 * Sesame HR generator (run through scripts/generate.cjs): the node's operations from the endpoint
 * catalogue specs/sesame-endpoints.json and the hand-written data beside the node
 * (nodes/SesameHr/overrides.json) — one data module per resource under nodes/SesameHr/generated/
 * and the dropdown searches. The data modules are `ResourceSpec`s of nodes/common/describe.ts.
 *
 * Decided in overrides.json (see its $comment), never derived here: each endpoint's resource,
 * operation value, name and action (the public surface); the dropdown searches and which ID
 * parameters use them; uploads/downloads; list kinds the schema does not tell.
 * Derived here from the catalogue: the fields (name from the parameter, kind from its schema, place
 * from params), labels and descriptions.
 */
'use strict';
const { readFileSync } = require('node:fs');
const { join, posix } = require('node:path');

const { pick, schemaFile, schemaPath, toJsonSchema } = require('../lib/output-schema.cjs');

const NODE_DIR = 'nodes/SesameHr';
const OUT_DIR = 'nodes/SesameHr/generated';
const OVERRIDES = 'nodes/SesameHr/overrides.json';
/** An import of a node module from a generated file (paths relative to the repository root). */
const importPath = (fromDir, module) => {
	const path = posix.relative(fromDir, module);
	return path.startsWith('.') ? path : `./${path}`;
};

/** Reserved node parameter names a field must not take. */
const RESERVED = new Set([
	'resource',
	'operation',
	'returnAll',
	'limit',
	'filters',
	'additionalFields',
	'options',
	'queryParametersJson',
	'bodyJson',
	'binaryPropertyName',
]);

const ACRONYMS = new Map(
	[
		'id',
		'ids',
		'url',
		'urls',
		'nid',
		'ssn',
		'bic',
		'cif',
		'cbo',
		'dni',
		'nie',
		'rut',
		'fte',
		'pin',
		'nfc',
		'api',
		'eur',
		'usd',
		'mxn',
	].map((a) => [a, a === 'ids' ? 'IDs' : a === 'urls' ? 'URLs' : a.toUpperCase()]),
);
const SMALL_WORDS = new Set([
	'a',
	'an',
	'the',
	'and',
	'or',
	'of',
	'to',
	'in',
	'on',
	'by',
	'for',
	'from',
	'at',
	'with',
	'into',
	'as',
]);
const OPERATORS = { in: ' (Any Of)', contains: ' Contains', gte: ' From', lte: ' To' };

// ---------------------------------------------------------------- text helpers

/** "EntityGroup" -> ["Entity", "Group"], "linkedinURL" -> ["linkedin", "URL"], "employee-leave" -> ["employee", "leave"] */
function words(text) {
	return text
		.replace(/([a-z0-9])([A-Z])/g, '$1 $2')
		.replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
		.split(/[^A-Za-z0-9']+/)
		.filter(Boolean);
}

function acronym(word) {
	return ACRONYMS.get(word.toLowerCase());
}

function titleWord(word, first) {
	const lower = word.toLowerCase();
	if (acronym(lower)) return acronym(lower);
	if (!first && SMALL_WORDS.has(lower)) return lower;
	return lower.charAt(0).toUpperCase() + lower.slice(1);
}

/** "employeeIds[in]" -> "Employee IDs (Any Of)" */
function labelOf(apiName) {
	const match = /^(.*?)\[(\w+)\]$/.exec(apiName);
	const base = match ? match[1] : apiName;
	const label = words(base)
		.map((w, i) => titleWord(w, i === 0))
		.join(' ');
	return titleCase(
		match ? `${label}${OPERATORS[match[2]] ?? ` ${titleWord(match[2], false)}`}` : label,
	);
}

/** "no_response" -> "No Response", "absencesManager" -> "Absences Manager", "EUR" -> "EUR" */
function optionName(value) {
	if (typeof value !== 'string') return String(value);
	if (/^[A-Z0-9]+$/.test(value)) return value;
	return words(value)
		.map((w, i) => titleWord(w, i === 0))
		.join(' ');
}

/** "employeeIds[in]" -> "employeeIdsIn" (a valid n8n parameter name) */
function paramNameOf(apiName) {
	const match = /^(.*?)\[(\w+)\]$/.exec(apiName);
	if (!match) return apiName;
	return match[1] + match[2].charAt(0).toUpperCase() + match[2].slice(1);
}

/**
 * Title Case the way n8n's lint rules check display names (the algorithm of the `title-case`
 * package): small words stay lower case except first and last, hyphenated parts are words too,
 * words with capitals inside (IDs, acronyms) are left alone.
 */
const TITLE_SMALL =
	/\b(?:an?d?|a[st]|because|but|by|en|for|i[fn]|neither|nor|o[fnr]|only|over|per|so|some|tha[tn]|the|to|up|upon|vs?\.?|versus|via|when|with|without|yet)\b/i;
function titleCase(text) {
	let result = '';
	for (const m of text.matchAll(/[^\s:\u2013\u2014-]+|./g)) {
		const token = m[0];
		const index = m.index;
		const manual = /.(?=[A-Z]|\..)/.test(token);
		const small = TITLE_SMALL.test(token) && index !== 0 && index + token.length !== text.length;
		result +=
			!manual && !small ? token.replace(/[A-Za-z0-9\u00C0-\u00FF]/, (c) => c.toUpperCase()) : token;
	}
	return result;
}

/** "absence-day-off-requests" -> "absenceDayOffRequest" */
function singularCamel(segment) {
	const parts = segment.split('-');
	let last = parts.pop();
	if (last.endsWith('ies')) last = last.slice(0, -3) + 'y';
	else if (last.endsWith('sses')) last = last.slice(0, -2);
	else if (last.endsWith('s')) last = last.slice(0, -1);
	return [...parts, last]
		.map((p, i) => (i === 0 ? p : p.charAt(0).toUpperCase() + p.slice(1)))
		.join('');
}

/** Schema descriptions, cleaned: no markup, nothing addressed to AI tools, no operator notes. */
function cleanDescription(text) {
	if (!text || /llm-instruction|expandSchema/i.test(text)) return '';
	return text
		.replace(/<b>\s*Supported operators:\s*<\/b>\s*in\.?/gi, '')
		.replace(/<\/?[a-z][^>]*>/gi, '')
		.replace(/\s+/g, ' ')
		.trim()
		.replace(/^default: \w+$/i, '');
}

function sentence(text) {
	const t = text.trim();
	if (!t) return '';
	const capital = t.charAt(0).toUpperCase() + t.slice(1);
	return /[.!?)]$/.test(capital) ? capital : `${capital}.`;
}

// ---------------------------------------------------------------- schema -> fields

const SAMPLE_UUID = '0b9e2a6e-5f1c-4c1a-9d7e-2f4a8c6b1e35';

/** An example value for a JSON field's description, derived from the schema. */
function exampleOf(schema, depth = 0) {
	if (!schema || depth > 3) return '';
	if (schema.example !== undefined) return schema.example;
	if (schema.enum) return schema.enum[0];
	if (schema.type === 'array') return [exampleOf(schema.items, depth + 1)];
	if (schema.properties)
		return Object.fromEntries(
			Object.entries(schema.properties).map(([k, v]) => [k, exampleOf(v, depth + 1)]),
		);
	if (schema.type === 'object') return {};
	switch (schema.format) {
		case 'uuid':
			return SAMPLE_UUID;
		case 'date':
		case 'Y-m-d':
			return '2025-01-31';
		case 'Y-m':
			return '2025-01';
		case 'H:i':
			return '09:00';
		case 'Y-m-dTH:i:sP':
		case 'date-time':
			return '2025-01-31T09:00:00+01:00';
		default:
	}
	if (schema.type === 'integer' || schema.type === 'number') return 0;
	if (schema.type === 'boolean') return false;
	return '';
}

function kindOf(schema) {
	const type = schema.type;
	if (type === 'array') {
		const items = schema.items ?? {};
		if (items.enum) return { kind: 'multiOptions', options: items.enum };
		if (items.type === 'integer' || items.type === 'number')
			return { kind: 'list', itemType: 'number' };
		if (items.type === 'string') return { kind: 'list', itemType: 'string' };
		return { kind: 'json', json: 'array' };
	}
	if (schema.enum) return { kind: 'options', options: schema.enum };
	if (type === 'object' || (!type && schema.properties)) return { kind: 'json', json: 'object' };
	if (type === 'integer' || type === 'number') return { kind: 'number' };
	if (type === 'boolean') return { kind: 'boolean' };
	if (['date', 'Y-m-d'].includes(schema.format)) return { kind: 'date' };
	if (['date-time', 'Y-m-dTH:i:sP'].includes(schema.format)) return { kind: 'dateTime' };
	return { kind: 'string' };
}

/** A description where the schema has none, from the field's name and kind (our words). */
function fallbackDescription(name, label, kind) {
	const words = label.toLowerCase();
	if (kind === 'boolean') return `Whether the record is ${words.replace(/^is /, '')}`;
	if (/^(from|to|start|end|date)/i.test(name) && ['date', 'dateTime'].includes(kind))
		return `${label} of the period`;
	if (kind === 'options') return `The ${words} to set`;
	if (/email/i.test(name)) return `E-mail address (${words})`;
	if (/phone/i.test(name)) return `Phone number (${words})`;
	if (/count|number|amount|hours|minutes|days/i.test(name) && kind === 'number')
		return `The ${words}, a number`;
	return `The ${words}`;
}

function describeField(schema, kind, json, name, label) {
	const own = sentence(cleanDescription(schema.description));
	const parts = [own || sentence(fallbackDescription(name, label, kind))];
	if (kind === 'json') parts.push(`A JSON ${json}; the placeholder shows its shape.`);
	if (kind === 'list') parts.push('Separate values with commas, or give a JSON array.');
	if (kind === 'multiOptions') parts.push('Sent as a list.');
	if (kind === 'date') parts.push('Sent as YYYY-MM-DD.');
	if (kind === 'dateTime') parts.push('Sent with its UTC offset, e.g. 2025-01-31T09:00:00+01:00.');
	if (schema.format === 'Y-m') parts.push('Format YYYY-MM.');
	if (schema.format === 'YYYY') parts.push('A year, e.g. 2025.');
	if (schema.pattern) parts.push(`Format ${schema.pattern}.`);
	return parts.filter(Boolean).join(' ');
}

/** What a field's value looks like, as its placeholder. */
function placeholderOf(schema, kind) {
	if (kind === 'json') {
		const truncated = /llm-instruction|expandSchema/i.test(schema.description ?? '');
		const example = JSON.stringify(exampleOf(schema));
		if (!truncated && example && !['{}', '[{}]', '[""]', '""'].includes(example))
			return `e.g. ${example}`;
		return schema.type === 'array' ? 'e.g. [{"key": "value"}]' : 'e.g. {"key": "value"}';
	}
	if (kind === 'list') {
		const item = schema.items ?? {};
		if (item.format === 'uuid') return `e.g. ${SAMPLE_UUID}, ${SAMPLE_UUID.replace(/^0b/, '7c')}`;
		if (item.type === 'integer' || item.type === 'number') return 'e.g. 2024, 2025';
		return 'e.g. first, second';
	}
	if (kind === 'date') return 'e.g. 2025-01-31';
	if (kind === 'dateTime') return 'e.g. 2025-01-31T09:00:00+01:00';
	if (kind !== 'string') return undefined;
	if (schema.format === 'uuid') return `e.g. ${SAMPLE_UUID}`;
	if (schema.format === 'email') return 'name@email.com';
	if (schema.format === 'Y-m') return 'e.g. 2025-01';
	if (schema.format === 'H:i') return 'e.g. 09:00';
	if (schema.example !== undefined && typeof schema.example !== 'object')
		return `e.g. ${schema.example}`;
	return undefined;
}

/** A node parameter that holds the ID of another record (or a list of IDs). */
const isIdName = (name) => /(Id|Ids|IdsIn)$/.test(name) || name === 'id';

/** The dropdown search of an ID field, or undefined for a text box (with the reason in plainIds). */
function searchOf(name, location, endpoint, o) {
	const specific = o.fieldSearches[`${endpoint} ${location} ${name}`];
	if (specific !== undefined) return specific;
	if (o.plainIds[name] !== undefined) return undefined;
	const search = o.idFields[name];
	if (!search && isIdName(name)) {
		throw new Error(
			`${endpoint}: ID field "${name}" has no search in idFields and no reason in plainIds`,
		);
	}
	return search;
}

/** "searchEmployees" -> "getEmployees": the loadOptions method of a multi-select over the same list. */
const loadOptionsOf = (search) => search.replace(/^search/, 'get');

function field({ name, key, location, schema, required, endpoint, collection, o }) {
	const { kind, options, itemType, json } = kindOf(schema);
	const search = isIdName(name) ? searchOf(name, location, endpoint, o) : undefined;
	const dropdown =
		search && kind === 'string'
			? 'locator'
			: search && kind === 'list' && itemType === 'string'
				? 'multiOptions'
				: undefined;
	const searchLabel = search && o.searches[search]?.label;
	const label = dropdown
		? (searchLabel ??
			labelOf(name)
				.replace(/ IDs( \(Any Of\))?$/, 's$1')
				.replace(/ ID$/, ''))
		: labelOf(location === 'path' ? name : key);
	const f = {
		name,
		...(key !== name ? { key } : {}),
		in: location,
		kind: dropdown ?? kind,
		label,
	};
	if (required) f.required = true;
	else f.collection = collection;
	const description = dropdown
		? sentence(cleanDescription(schema.description)) || `The ${label.toLowerCase()} to use.`
		: describeField(schema, kind, json, name, label);
	if (description) f.description = description;
	if (dropdown === 'locator') f.search = search;
	if (dropdown === 'multiOptions') f.loadOptions = loadOptionsOf(search);
	const dependsOn = search && o.searches[search]?.dependsOn;
	if (dropdown === 'multiOptions' && dependsOn)
		throw new Error(`${endpoint}: a multi-select cannot depend on ${dependsOn}`);
	if (options)
		f.options = options
			.map((value) => ({ name: optionName(value), value }))
			.sort((a, b) => a.name.localeCompare(b.name));
	if (itemType && !dropdown) f.itemType = itemType;
	if (json) f.json = json;
	const placeholder = dropdown
		? dropdown === 'locator'
			? placeholderOf(schema, kind)
			: undefined
		: placeholderOf(schema, kind);
	if (placeholder) f.placeholder = placeholder;
	if (!dropdown && isIdName(name) && o.plainIds[name] && !f.description.includes('(')) {
		f.description = `${f.description} (A text box: ${o.plainIds[name]}.)`;
	}
	const fallback = options?.[0];
	if (
		schema.default !== undefined &&
		(!options || options.includes(schema.default)) &&
		!['json', 'multiOptions'].includes(kind)
	)
		f.default = schema.default;
	else if (kind === 'options' && fallback !== undefined) f.default = fallback;
	if (RESERVED.has(f.name))
		throw new Error(`${endpoint}: parameter "${f.name}" collides with a reserved node parameter`);
	return f;
}

/** Path placeholders: `{id}` is renamed after its collection ("/employees/{id}" -> employeeId). */
function pathFields(endpoint, schema, o) {
	const segments = endpoint.path.split('/');
	const renames = {};
	const fields = [];
	segments.forEach((segment, index) => {
		const m = /^\{(\w+)\}$/.exec(segment);
		if (!m) return;
		const key = m[1];
		const name = key === 'id' ? `${singularCamel(segments[index - 1])}Id` : key;
		renames[key] = name;
		const prop = schema?.properties?.[key] ?? { type: 'string' };
		fields.push(
			field({
				name,
				key,
				location: 'path',
				schema: prop,
				required: true,
				endpoint: `${endpoint.method} ${endpoint.path}`,
				o,
			}),
		);
	});
	const path = endpoint.path.replace(/\{(\w+)\}/g, (_m, key) => `{${renames[key]}}`);
	return { path, fields };
}

// ---------------------------------------------------------------- endpoints -> operations

function listKind(endpoint, id, o) {
	if (endpoint.method !== 'GET' || o.binary[id] || (o.singleRecords ?? []).includes(id))
		return undefined;
	if (endpoint.inputSchema) {
		if (
			(endpoint.params?.query && 'page' in endpoint.params.query) ||
			o.pagedCollections.includes(id)
		)
			return 'paged';
		if (
			o.unpagedCollections.includes(id) ||
			/^list\b/i.test(endpoint.title) ||
			/\blist$/i.test(endpoint.title)
		)
			return 'unpaged';
		return undefined;
	}
	if (/^list\b/i.test(endpoint.title) || o.rawCollections.includes(id)) return 'paged';
	return undefined;
}

function operationOf(endpoint, surface, o) {
	const id = `${endpoint.method} ${endpoint.path}`;
	const list = listKind(endpoint, id, o);
	const binary = o.binary[id];
	const schema = endpoint.inputSchema;
	const { path, fields: pathParams } = pathFields(endpoint, schema, o);
	const op = {
		value: surface.value,
		name: surface.name,
		action: surface.action,
		method: endpoint.method,
		path,
	};
	if (list) op.list = list;
	else op.rootProperty = 'data';
	if (o.simplify?.[id]) op.simplify = o.simplify[id];
	if (binary) op.binary = binary;
	const fields = [...pathParams];
	const optional = [];
	const hasBodyMethod = ['POST', 'PUT', 'PATCH'].includes(endpoint.method);
	// the collection of the optional fields: Filters on lists, Options on uploads, else Additional Fields
	const collection = list ? 'filters' : binary === 'upload' ? 'options' : 'additionalFields';
	if (schema) {
		const required = new Set(schema.required ?? []);
		for (const location of ['query', 'body']) {
			for (const key of Object.keys(endpoint.params?.[location] ?? {})) {
				const paging = list === 'paged' || (o.singleRecords ?? []).includes(id);
				if (location === 'query' && paging && ['page', 'limit'].includes(key)) continue;
				const isRequired =
					required.has(key) && !o.optionalRequired.includes(`${id} ${location} ${key}`);
				const prop = schema.properties[key] ?? { type: 'string' };
				const f = field({
					name: paramNameOf(key),
					key,
					location,
					schema: prop,
					required: isRequired,
					endpoint: id,
					collection,
					o,
				});
				(isRequired ? fields : optional).push(f);
			}
		}
		const sendsBody = hasBodyMethod || Object.keys(endpoint.params?.body ?? {}).length > 0;
		if (binary === 'upload') {
			optional.push({
				name: 'fileFieldName',
				in: 'setting',
				kind: 'string',
				label: 'File Field Name',
				collection,
				default: 'file',
				description: 'Multipart field the file is sent in.',
			});
			optional.push({
				name: 'formFieldsJson',
				in: 'setting',
				kind: 'json',
				json: 'object',
				label: 'Extra Form Fields (JSON)',
				collection,
				description: 'Further multipart form fields, as a JSON object.',
			});
		} else if (sendsBody) {
			optional.push({
				name: 'extraBodyJson',
				in: 'setting',
				kind: 'json',
				json: 'object',
				label: 'Extra Body Fields (JSON)',
				collection,
				description:
					'Body fields the schema does not list, as a JSON object. They are merged into the body last.',
			});
		}
		if (!hasBodyMethod && binary !== 'download') {
			optional.push({
				name: 'extraQueryJson',
				in: 'setting',
				kind: 'json',
				json: 'object',
				label: 'Extra Query Parameters (JSON)',
				collection,
				description: 'Query parameters the schema does not list, as a JSON object.',
			});
		}
		if (optional.some((f) => f.name === 'extraBodyJson'))
			op.jsonBody = `${collection}.extraBodyJson`;
		if (optional.some((f) => f.name === 'formFieldsJson'))
			op.jsonBody = `${collection}.formFieldsJson`;
		if (optional.some((f) => f.name === 'extraQueryJson'))
			op.jsonQuery = `${collection}.extraQueryJson`;
		if (binary === 'upload') op.fileFieldParam = `${collection}.fileFieldName`;
	} else {
		fields.push({
			name: 'queryParametersJson',
			in: 'setting',
			kind: 'json',
			json: 'object',
			label: 'Query Parameters (JSON)',
			description: 'Query parameters to send, as a JSON object.',
		});
		op.jsonQuery = 'queryParametersJson';
		if (hasBodyMethod || endpoint.method === 'DELETE') {
			fields.push({
				name: 'bodyJson',
				in: 'setting',
				kind: 'json',
				json: 'object',
				label: 'Body (JSON)',
				description: 'The request body, as a JSON object.',
			});
			op.jsonBody = 'bodyJson';
		}
	}
	if (binary) {
		fields.push({
			name: 'binaryPropertyName',
			in: 'setting',
			kind: 'string',
			label: binary === 'upload' ? 'Input Binary Field' : 'Put Output File in Field',
			required: true,
			default: 'data',
			description:
				binary === 'upload'
					? 'The name of the input binary field containing the file to be uploaded'
					: 'The name of the output binary field to put the file in',
		});
	}
	op.fields = [...fields, ...optional];
	const names = op.fields.map((f) => f.name);
	const duplicate = names.find((n, i) => names.indexOf(n) !== i);
	if (duplicate) throw new Error(`${id}: two fields are named "${duplicate}"`);
	return op;
}

function build(catalogue, o) {
	const endpoints = catalogue.endpoints;
	const resources = new Map(o.resources.map((r) => [r.value, { ...r, operations: [] }]));
	const problems = [];
	for (const endpoint of endpoints) {
		const id = `${endpoint.method} ${endpoint.path}`;
		const surface = o.operations[id];
		if (!surface) {
			problems.push(
				`${id}: no entry in ${OVERRIDES} "operations" (give it a resource, value, name and action)`,
			);
			continue;
		}
		const resource = resources.get(surface.resource);
		if (!resource) {
			problems.push(`${id}: unknown resource "${surface.resource}"`);
			continue;
		}
		resource.operations.push(operationOf(endpoint, surface, o));
	}
	for (const id of Object.keys(o.operations)) {
		if (!endpoints.some((e) => `${e.method} ${e.path}` === id))
			problems.push(`${id}: in ${OVERRIDES} but not in the catalogue`);
	}
	if (problems.length) throw new Error(problems.join('\n'));
	for (const resource of resources.values()) {
		if (!resource.operations.length) throw new Error(`Resource ${resource.value} has no operation`);
		for (const key of ['name', 'value']) {
			const seen = new Set();
			for (const op of resource.operations) {
				if (seen.has(op[key]))
					throw new Error(`${resource.value}: operation ${key} "${op[key]}" used twice`);
				seen.add(op[key]);
			}
		}
	}

	// every search must call a list endpoint of the catalogue
	const searches = {};
	for (const [method, search] of Object.entries(o.searches)) {
		const endpoint = endpoints.find((e) => e.method === 'GET' && e.path === search.path);
		if (!endpoint) throw new Error(`${method}: GET ${search.path} is not in the catalogue`);
		const placeholders = [...search.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
		if (placeholders.join() !== (search.dependsOn ?? ''))
			throw new Error(
				`${method}: the path parameters of ${search.path} must be named by dependsOn`,
			);
		const query = Object.keys(endpoint.params?.query ?? {});
		// lists without a schema take page/limit like every documented Sesame list
		const paged = endpoint.inputSchema ? query.includes('page') : /^list\b/i.test(endpoint.title);
		if (search.filterParam && !query.includes(search.filterParam))
			throw new Error(`${method}: ${search.path} has no "${search.filterParam}" filter`);
		searches[method] = {
			path: search.path,
			paged,
			...(search.filterParam ? { filterParam: search.filterParam } : {}),
			...(search.pick ? { pick: search.pick } : {}),
			...(search.dependsOn ? { dependsOn: search.dependsOn } : {}),
			...(search.companyParam ? { companyParam: search.companyParam } : {}),
		};
	}
	for (const method of new Set([...Object.values(o.idFields), ...Object.values(o.fieldSearches)]))
		if (method && !searches[method]) throw new Error(`No search ${method}`);

	return { resources: [...resources.values()], searches };
}

// ---------------------------------------------------------------- emit

const HEADER = (what) =>
	`// Generated by scripts/generators/sesame.cjs from specs/sesame-endpoints.json and\n// nodes/SesameHr/overrides.json (${what}). Do not edit: change those and run \`npm run generate\`.\n`;

function literal(value) {
	return JSON.stringify(value).replace(/\u2028|\u2029/g, (c) =>
		c === '\u2028' ? '\\u2028' : '\\u2029',
	);
}

const OP_KEYS = [
	'value',
	'name',
	'action',
	'method',
	'path',
	'list',
	'rootProperty',
	'jsonBody',
	'jsonQuery',
	'simplify',
];
const FIELD_KEYS = [
	'name',
	'key',
	'in',
	'kind',
	'label',
	'required',
	'collection',
	'search',
	'options',
	'itemType',
	'json',
	'default',
	'placeholder',
	'description',
];

function emitObject(object, keyOrder) {
	const keys = [
		...keyOrder.filter((k) => k in object),
		...Object.keys(object).filter((k) => !keyOrder.includes(k)),
	];
	return `{ ${keys.map((k) => `${/^[A-Za-z_]\w*$/.test(k) ? k : literal(k)}: ${literal(object[k])}`).join(', ')} }`;
}

/** One operation as TypeScript: data, plus the paging and binary settings as code. */
function emitOperation(op) {
	const { fields, list, binary, fileFieldParam, ...data } = op;
	const parts = [emitObject(data, OP_KEYS).slice(2, -2)];
	if (list === 'paged') parts.push('list: true');
	if (list === 'unpaged') parts.push('list: UNPAGED');
	if (binary === 'upload') {
		parts.push(
			`upload: { binaryPropertyParam: 'binaryPropertyName', fileField: 'file'${fileFieldParam ? `, fileFieldParam: ${literal(fileFieldParam)}` : ''} }`,
		);
	}
	if (binary === 'download') parts.push(`binaryOutput: { propertyParam: 'binaryPropertyName' }`);
	parts.push(`fields: [${fields.map((f) => emitObject(f, FIELD_KEYS)).join(', ')}]`);
	return `{ ${parts.join(', ')} }`;
}

function emitResource(resource) {
	const usesUnpaged = resource.operations.some((op) => op.list === 'unpaged');
	const dir = `${OUT_DIR}/resources`;
	return `${HEADER(`resource "${resource.name}"`)}import type { ResourceSpec } from '${importPath(dir, 'nodes/common/describe')}';
${usesUnpaged ? `import { UNPAGED } from '${importPath(dir, 'nodes/SesameHr/shared/vendor')}';\n` : ''}
export const ${resource.value}: ResourceSpec = {
	value: ${literal(resource.value)},
	name: ${literal(resource.name)},
	description: ${literal(resource.description)},
	operations: [${resource.operations.map(emitOperation).join(', ')}],
};
`;
}

function emitIndex(model) {
	const imports = model.resources
		.map((r) => `import { ${r.value} } from './resources/${r.value}';`)
		.join('\n');
	const searches = Object.entries(model.searches)
		.map(
			([name, s]) =>
				`\t${name}: ${emitObject(s, ['path', 'paged', 'filterParam', 'pick', 'dependsOn', 'companyParam'])},`,
		)
		.join('\n');
	return `${HEADER('index')}import type { ResourceSpec } from '${importPath(OUT_DIR, 'nodes/common/describe')}';
import type { SesameSearch } from '${importPath(OUT_DIR, 'nodes/SesameHr/shared/types')}';
${imports}

/** Every resource, in the order of the overrides (the Resource picker sorts them by name). */
export const SESAME_RESOURCES: ResourceSpec[] = [${model.resources.map((r) => r.value).join(', ')}];

/** Dropdown searches of the resource locators and the list endpoint each calls. */
export const SESAME_SEARCHES: Record<string, SesameSearch> = {
${searches}
};
`;
}

// ---------------------------------------------------------------- output schemas

/**
 * nodes/SesameHr/__schema__/v1.0.0/<resource>/<operation>.json (../lib/output-schema.cjs) for the
 * endpoints whose catalogue entry documents its answer as an `outputSchema` (JSON Schema, beside
 * `inputSchema`): the record in `data`, one list entry for lists, the Simplify fields where Simplify
 * is offered. The catalogue of 2025-07 documents no answers, so today there are none.
 */
function outputSchemas(catalogue, o) {
	const files = {};
	for (const endpoint of catalogue.endpoints) {
		const id = `${endpoint.method} ${endpoint.path}`;
		const surface = o.operations[id];
		if (!endpoint.outputSchema || !surface || o.binary[id]) continue;
		let schema = toJsonSchema(endpoint.outputSchema, {});
		if (schema.properties?.data) schema = schema.properties.data;
		if (listKind(endpoint, id, o)) schema = schema.type === 'array' ? (schema.items ?? {}) : {};
		if (o.simplify?.[id]) schema = pick(schema, o.simplify[id], `${id} Simplify`);
		const content = schemaFile(schema);
		if (content) files[schemaPath(NODE_DIR, surface.resource, surface.value)] = content;
	}
	return files;
}

/** Generated files (relative to the repository root) from the catalogue in `specs` and the overrides. */
function generate({ specs, root }) {
	const catalogue = JSON.parse(readFileSync(join(specs, 'sesame-endpoints.json'), 'utf8'));
	const overrides = JSON.parse(readFileSync(join(root, OVERRIDES), 'utf8'));
	const model = build(catalogue, overrides);
	const files = {};
	for (const resource of model.resources)
		files[`${OUT_DIR}/resources/${resource.value}.ts`] = emitResource(resource);
	files[`${OUT_DIR}/index.ts`] = emitIndex(model);
	return { ...files, ...outputSchemas(catalogue, overrides) };
}

module.exports = {
	name: 'sesame',
	/** Folders whose every file is generated: a file generated no more is stale. */
	owns: [`${OUT_DIR}/resources`, `${NODE_DIR}/__schema__`],
	generate,
	build,
};
