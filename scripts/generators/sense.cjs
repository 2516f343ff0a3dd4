// Sense generator (run through scripts/generate.cjs): nodes/Sense/generated/schema.ts from the Sense
// OpenAPI document (specs/sense-openapi.json): the ten entity types with their documented fields and
// custom slots, the recommended full-sync order, the batch limits and the resume-upload constraints.
//
// And the output schemas nodes/Sense/__schema__/v1.0.0/<resource>/<operation>.json
// (../lib/output-schema.cjs) of every operation of every entity type (the operation table of
// nodes/Sense/shared/vendor.ts), from the documented success response of its endpoint, shaped the
// way the node outputs it (OUTPUTS below).
'use strict';
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const { loadTs } = require('../lib/load-ts.cjs');
const { schemaFile, schemaPath, toJsonSchema } = require('../lib/output-schema.cjs');

const OUT = 'nodes/Sense/generated/schema.ts';
const NODE_DIR = 'nodes/Sense';
const OPERATIONS = `${NODE_DIR}/shared/vendor.ts`;

function fail(message) {
	throw new Error(`generate-sense-schema: ${message}`);
}

/** The field kind the node models for one OpenAPI property. */
function kindOf(name, property) {
	const formats = (property.anyOf || []).map((variant) => variant.format).sort();
	if (property.type === 'string' && formats.join() === 'date,date-time') return 'dateOrDateTime';
	if (property.type === 'string' && property.format === 'date') return 'date';
	if (property.type === 'string' && property.format === 'date-time') return 'dateTime';
	if (property.type === 'string' && !property.format) return 'string';
	if (property.type === 'number') return 'number';
	if (property.type === 'integer') return 'integer';
	if (property.type === 'boolean') return 'boolean';
	if (property.type === 'array' && property.items && property.items.type === 'string')
		return 'stringList';
	return fail(`unsupported type of ${name}: ${JSON.stringify(property)}`);
}

const words = (schemaName) => schemaName.replace(/([a-z])([A-Z])/g, '$1 $2');

function build(spec) {
	const schemas = spec.components.schemas;
	const entities = [];
	const customKinds = {};
	for (const [path, item] of Object.entries(spec.paths)) {
		const items =
			item.post && item.post.requestBody && item.post.requestBody.content['application/json'];
		const ref = items && items.schema.type === 'array' && items.schema.items.$ref;
		if (!ref) continue;
		const schemaName = ref.split('/').pop();
		const schema = schemas[schemaName] || fail(`missing schema ${schemaName}`);
		const fields = {};
		const slots = {};
		for (const [name, property] of Object.entries(schema.properties).sort(([a], [b]) =>
			a.localeCompare(b),
		)) {
			const kind = kindOf(name, property);
			const slot = /^(custom_[a-z_]+)(\d+)$/.exec(name);
			if (!slot) {
				fields[name] = kind;
				continue;
			}
			const [, prefix, number] = slot;
			if (customKinds[prefix] && customKinds[prefix] !== kind) fail(`${prefix} has two kinds`);
			customKinds[prefix] = kind;
			(slots[prefix] = slots[prefix] || []).push(Number(number));
		}
		const customSlots = {};
		for (const [prefix, numbers] of Object.entries(slots).sort(([a], [b]) => a.localeCompare(b))) {
			numbers.sort((a, b) => a - b);
			if (numbers.some((n, i) => n !== i + 1))
				fail(`${schemaName}.${prefix} slots are not 1..${numbers.length}`);
			customSlots[prefix] = numbers.length;
		}
		if (!(schema.required || []).includes('id')) fail(`${schemaName} does not require id`);
		entities.push({
			resource: schemaName[0].toLowerCase() + schemaName.slice(1),
			displayName: words(schemaName),
			schema: schemaName,
			path: path.slice(1),
			maxBatch: items.schema.maxItems,
			resumeUpload: Boolean(spec.paths[`${path}/{id}/resume`]),
			fields,
			customSlots,
		});
	}
	if (entities.length !== 10) fail(`expected 10 entity types, found ${entities.length}`);
	entities.sort((a, b) => a.displayName.localeCompare(b.displayName));

	// The recommended order of a full sync: the entity URLs in the order the API overview lists them.
	const description = spec.info.description;
	const order = [];
	for (const match of description.matchAll(/sensehq\.com\/v1\/([a-z-]+)/g)) {
		if (!order.includes(match[1])) order.push(match[1]);
	}
	const syncOrder = order.map(
		(path) => (entities.find((e) => e.path === path) || fail(`unknown sync path ${path}`)).resource,
	);
	if (syncOrder.length !== entities.length) fail('the sync order does not name every entity type');

	const maxBatch = Math.min(...entities.map((e) => e.maxBatch));
	const compressed =
		/(\d+)\s*kb after compression/i.exec(description) || fail('no compressed batch limit');

	const resume = Object.entries(spec.paths).find(([path]) => path.endsWith('/resume'))[1].post;
	const form = resume.requestBody.content['multipart/form-data'].schema;
	const extensions =
		/Supported values\s*:\s*([a-z, ]+)/i.exec(form.properties.file_extension.description) ||
		fail('no resume extensions');
	const maxMb =
		/Maximum file size:\s*(\d+)\s*MB/i.exec(form.properties.file.description) ||
		fail('no resume size limit');

	return {
		entities,
		customKinds: Object.fromEntries(
			Object.entries(customKinds).sort(([a], [b]) => a.localeCompare(b)),
		),
		syncOrder,
		maxBatch,
		maxCompressedKb: Number(compressed[1]),
		resume: {
			required: form.required,
			extensions: extensions[1]
				.split(',')
				.map((e) => e.trim())
				.filter(Boolean),
			maxBytes: Number(maxMb[1]) * 1024 * 1024,
		},
	};
}

const q = (value) => `'${value}'`;

function render(spec) {
	const data = build(spec);
	const lines = [
		'// GENERATED by scripts/generators/sense.cjs from specs/sense-openapi.json — do not edit by hand;',
		'// run `npm run generate`.',
		'',
		'/** How the node models a field: the OpenAPI type and format, reduced to what the UI needs. */',
		"export type FieldKind = 'string' | 'number' | 'integer' | 'boolean' | 'date' | 'dateTime' | 'dateOrDateTime' | 'stringList';",
		'',
		'export interface EntitySchema {',
		"\t/** Value of the node's Resource option. */",
		'\tresource: string;',
		'\tdisplayName: string;',
		'\t/** Name of the schema in the OpenAPI document. */',
		'\tschema: string;',
		'\t/** Path segment under the API base URL, e.g. `candidates`. */',
		'\tpath: string;',
		'\t/** The entity has `POST /{path}/{id}/resume`. */',
		'\tresumeUpload: boolean;',
		'\t/** Documented fields other than the custom slots. */',
		'\tfields: Record<string, FieldKind>;',
		'\t/** Custom slots: `custom_text: 50` means custom_text1 ... custom_text50. */',
		'\tcustomSlots: Record<string, number>;',
		'}',
		'',
		'/** Kind of each custom slot family (the same for every entity type). */',
		'export const CUSTOM_SLOT_KINDS: Record<string, FieldKind> = {',
		...Object.entries(data.customKinds).map(([prefix, kind]) => `\t${prefix}: ${q(kind)},`),
		'};',
		'',
		'export const SENSE_ENTITIES: EntitySchema[] = [',
	];
	for (const entity of data.entities) {
		lines.push(
			'\t{',
			`\t\tresource: ${q(entity.resource)},`,
			`\t\tdisplayName: ${q(entity.displayName)},`,
			`\t\tschema: ${q(entity.schema)},`,
			`\t\tpath: ${q(entity.path)},`,
			`\t\tresumeUpload: ${entity.resumeUpload},`,
			'\t\tfields: {',
			...Object.entries(entity.fields).map(([name, kind]) => `\t\t\t${name}: ${q(kind)},`),
			'\t\t},',
			`\t\tcustomSlots: { ${Object.entries(entity.customSlots)
				.map(([p, n]) => `${p}: ${n}`)
				.join(', ')} },`,
			'\t},',
		);
	}
	lines.push(
		'];',
		'',
		'/** Recommended order of a full sync, so that references point at records Sense already has. */',
		`export const SYNC_ORDER: string[] = [${data.syncOrder.map(q).join(', ')}];`,
		'',
		'/** At most this many entities per upsert request. */',
		`export const MAX_BATCH_ENTITIES = ${data.maxBatch};`,
		'',
		'/** At most this many kilobytes per upsert request after gzip compression. */',
		`export const MAX_BATCH_COMPRESSED_KB = ${data.maxCompressedKb};`,
		'',
		'/** Form fields the resume upload requires. */',
		`export const RESUME_REQUIRED_FIELDS: string[] = [${data.resume.required.map(q).join(', ')}];`,
		'',
		'/** File extensions the resume upload accepts. */',
		`export const RESUME_EXTENSIONS: string[] = [${data.resume.extensions.map(q).join(', ')}];`,
		'',
		'/** Largest resume file the API accepts, in bytes. */',
		`export const RESUME_MAX_BYTES = ${data.resume.maxBytes};`,
		'',
	);
	return lines.join('\n');
}

// ---------------------------------------------------------------- output schemas

const ID = { type: 'string' };
const withId = (schema) => ({ ...schema, properties: { id: ID, ...schema.properties } });

/**
 * What the node makes of an answer (nodes/Sense/actions/): the record of `{data, …}` answers (Get,
 * possible values), the entity's ID in front of an acknowledgement (Update, Upload Resume), and per
 * upserted item its ID, the request ID (null when Sense gave none) and Sense's warnings about it.
 */
const OUTPUTS = {
	get: (answer) => answer,
	getPossibleValues: (answer) => answer,
	setPossibleValues: (answer) => answer,
	update: withId,
	uploadResume: withId,
	upsert: (answer) => ({
		type: 'object',
		properties: {
			id: ID,
			request_id: { type: ['string', 'null'] },
			...(answer.properties.message ? { message: answer.properties.message } : {}),
			warnings: { type: 'array', items: { type: 'string' } },
		},
		required: ['id', 'request_id'],
	}),
};

/** The documented JSON answer of a success status (2xx) of `method path`. */
function successSchema(spec, method, path) {
	const operation = spec.paths[path]?.[method.toLowerCase()];
	if (!operation) fail(`no ${method} ${path} in the OpenAPI document`);
	const status = Object.keys(operation.responses).find((code) => /^2\d\d$/.test(code));
	const schema = status && operation.responses[status].content?.['application/json']?.schema;
	return schema || fail(`${method} ${path} documents no JSON success answer`);
}

function outputSchemas(spec, entities, operationsFor) {
	const schemas = spec.components.schemas;
	const files = {};
	for (const entity of entities) {
		for (const op of operationsFor(entity)) {
			const shape = OUTPUTS[op.value] || fail(`no output shape for the operation ${op.value}`);
			let answer = toJsonSchema(
				successSchema(spec, op.method, op.path.replace('{entity}', entity.path)),
				schemas,
			);
			// the node outputs `data` of {data, resource_id, errors}; Get documents it only as an
			// object "containing <entity> details": the entity's own schema
			const data = answer.properties?.data;
			if (data && [].concat(data.type).includes('object'))
				answer = data.properties ? data : toJsonSchema(schemas[entity.schema], schemas);
			const content = schemaFile(shape(answer));
			if (content) files[schemaPath(NODE_DIR, entity.resource, op.value)] = content;
		}
	}
	return files;
}

function generate({ specs, root }) {
	const spec = JSON.parse(readFileSync(join(specs, 'sense-openapi.json'), 'utf8'));
	const { operationsFor } = loadTs(OPERATIONS, { root });
	return {
		[OUT]: render(spec),
		...outputSchemas(spec, build(spec).entities, operationsFor),
	};
}

module.exports = {
	name: 'sense',
	/** Folders whose every file is generated: a file generated no more is stale. */
	owns: [`${NODE_DIR}/__schema__`],
	generate,
	build,
	render,
};
