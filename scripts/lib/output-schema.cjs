// Output schemas: what an operation outputs per item, as the JSON Schema (draft-07) files n8n's
// editor reads before a first run ("schema preview"). n8n serves
//   GET /schemas/<package>.<node>/<version>/<resource>/<operation>.json
// from <folder of the node file>/__schema__/v<version>/<resource>/<operation>.json (n8n-core's
// resolveOutputSchemaPath), the layout n8n-nodes-base ships; the editor accepts a schema with a
// `type` and non-empty `properties` and reads only type (the first of a list), properties and items.
//
// The generators build these files from the vendors' OpenAPI schemas: $refs inlined, `nullable` as a
// type list (scalars), names, types, formats, enums, items and required kept — no descriptions or
// examples (nothing of the vendors' prose is copied).
'use strict';

const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';
/** Every node of the package is at version 1; n8n pads the version to three parts. */
const VERSION_DIR = 'v1.0.0';
/** Formats worth keeping (the editor shows dates and IDs alike; mapping tools read them). */
const FORMATS = new Set(['date', 'date-time', 'uuid', 'email', 'uri']);
const SCALARS = new Set(['string', 'number', 'integer', 'boolean']);

/** `<node folder>/__schema__/v1.0.0/<resource>/<operation>.json` */
const schemaPath = (nodeDir, resource, operation) =>
	`${nodeDir}/__schema__/${VERSION_DIR}/${resource}/${operation}.json`;

const refName = (ref) => ref.split('/').pop();

/**
 * A draft-07 schema from an OpenAPI 3.0 `schema` (itself possibly a $ref). `components` resolves
 * $refs. Other record types a record refers to by $ref are expanded `refs` levels deep (default:
 * none, they stay `{type: object}`: their own operations describe them); schemas written inline
 * are always expanded.
 */
function toJsonSchema(schema, components, { refs = 0, seen = [], top = true } = {}) {
	if (!schema || typeof schema !== 'object') return {};
	if (schema.$ref) {
		const name = refName(schema.$ref);
		const target = components[name];
		if (!target) throw new Error(`unknown schema ${schema.$ref}`);
		if (seen.includes(name) || (!top && refs <= 0))
			return nullable({ type: 'object' }, schema.nullable ?? target.nullable);
		return toJsonSchema({ ...target, nullable: schema.nullable ?? target.nullable }, components, {
			refs: top ? refs : refs - 1,
			seen: [...seen, name],
			top,
		});
	}
	const nested = { refs, seen, top: false };
	const variants = schema.oneOf ?? schema.anyOf;
	let type = schema.type ?? (schema.properties ? 'object' : undefined);
	if (!type && variants) {
		const types = [...new Set(variants.map((v) => v.type).filter(Boolean))];
		type = types.length === 1 ? types[0] : types;
	}
	if (Array.isArray(type)) return nullable({ type }, schema.nullable);
	const out = { type };
	if (type === 'string' && FORMATS.has(schema.format)) out.format = schema.format;
	if (Array.isArray(schema.enum) && schema.enum.every((v) => v === null || SCALARS.has(typeof v)))
		out.enum = schema.enum;
	if (type === 'array') out.items = toJsonSchema(schema.items, components, nested);
	if (type === 'object' && schema.properties) {
		out.properties = Object.fromEntries(
			Object.entries(schema.properties).map(([name, property]) => [
				name,
				toJsonSchema(property, components, nested),
			]),
		);
		const required = (schema.required ?? []).filter((name) => name in out.properties);
		if (required.length) out.required = required;
	}
	return nullable(out, schema.nullable);
}

/**
 * `nullable` as a type list, for scalars only: the editor expands the items and properties of a
 * schema whose type is exactly "array" or "object", so those keep their single type.
 */
function nullable(schema, isNullable) {
	if (!isNullable || schema.type === undefined || ['array', 'object'].includes(schema.type))
		return schema;
	const types = Array.isArray(schema.type) ? schema.type : [schema.type];
	return { ...schema, type: types.includes('null') ? types : [...types, 'null'] };
}

/** The object schema with only `names` (in the record's order); every name must be a property. */
function pick(schema, names, what) {
	const missing = names.filter((name) => !(name in (schema.properties ?? {})));
	if (missing.length) throw new Error(`${what}: ${missing.join(', ')} not in the record schema`);
	const properties = Object.fromEntries(
		Object.entries(schema.properties).filter(([name]) => names.includes(name)),
	);
	const required = (schema.required ?? []).filter((name) => names.includes(name));
	return { ...schema, properties, ...(required.length ? { required } : { required: undefined }) };
}

/** The file content: the item schema as a draft-07 document (undefined if it has no properties). */
function schemaFile(schema) {
	const { type, properties, required } = schema;
	if (!properties || !Object.keys(properties).length) return undefined;
	const document = { $schema: DRAFT_07, type: Array.isArray(type) ? 'object' : type, properties };
	if (required?.length) document.required = required;
	return `${JSON.stringify(document, null, '\t')}\n`;
}

module.exports = { DRAFT_07, VERSION_DIR, schemaPath, toJsonSchema, pick, schemaFile };
