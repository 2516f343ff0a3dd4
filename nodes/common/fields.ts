/**
 * Short constructors for the field specs of ./describe.ts, so a resource file reads as a list of
 * fields: `body('string', 'name', 'Name', { required: true })`, `locator('roomId', 'Room',
 * 'searchRooms', { in: 'path' })`, `rawBody()`.
 */
import type { FieldKind, FieldSpec } from './describe';

type Extra = Omit<Partial<FieldSpec>, 'name' | 'label' | 'kind'>;

/** A constructor of fields placed `where` (body, query string, or read by the operation itself). */
const placed =
	(where: FieldSpec['in']) =>
	(kind: FieldKind, name: string, label: string, extra: Extra = {}): FieldSpec => ({
		name,
		label,
		kind,
		in: where,
		...extra,
	});

/** A field sent in the JSON body. */
export const body = placed('body');

/** A field sent in the query string. */
export const query = placed('query');

/** A field the operation reads itself (raw JSON, binary field names, modes). */
export const setting = placed('setting');

/** A record picker (From List / By ID); a path parameter unless `in` says otherwise. */
export const locator = (
	name: string,
	label: string,
	search: string,
	extra: Extra = {},
): FieldSpec => ({
	name,
	label,
	kind: 'locator',
	search,
	in: 'path',
	required: true,
	...extra,
});

/** The same fields, in the collection `collection` (Additional Fields, Filters, …). */
export const inCollection = (collection: string, fields: FieldSpec[]): FieldSpec[] =>
	fields.map((field) => ({ ...field, collection, required: undefined }));

/** "Additional Body Fields (JSON)": an object merged into the request body last. */
export const rawBody = (name = 'jsonBody', extra: Extra = {}): FieldSpec => ({
	name,
	label: 'Additional Body Fields (JSON)',
	kind: 'json',
	json: 'object',
	in: 'setting',
	description:
		'Any further fields the API accepts, as a JSON object. They are merged into the request body and win over the fields above.',
	...extra,
});

/** "Additional Query Parameters (JSON)": an object merged into the query string. */
export const rawQuery = (name = 'queryJson', extra: Extra = {}): FieldSpec => ({
	name,
	label: 'Additional Query Parameters (JSON)',
	kind: 'json',
	json: 'object',
	in: 'setting',
	description:
		'Any further query parameters the endpoint accepts, as a JSON object, e.g. {"count": 10}',
	...extra,
});
