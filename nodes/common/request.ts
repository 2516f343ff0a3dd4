/**
 * Reads the fields of a declarative operation (`FieldSpec`s, see ./describe.ts) from the node
 * parameters of one item and places them in the request: path, query string or body. Values are
 * converted by kind (dates, lists, JSON, IDs); an empty optional value is left out; an empty
 * required one, or a value that cannot be what the field needs ("five" for a number), fails before
 * anything is sent, with an error that names the field and the value.
 */
import type { IDataObject, IExecutePaginationFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { FieldSpec } from './describe';

export interface FieldValues {
	/** Path placeholders (by node parameter name), not yet URL-encoded. */
	path: Record<string, string>;
	qs: IDataObject;
	body: IDataObject;
}

/** Nothing a request should carry: no value, an empty text, NaN, an empty list or object. */
export function isEmptyValue(value: unknown): boolean {
	if (value === undefined || value === null) return true;
	if (typeof value === 'string') return value.trim() === '';
	if (typeof value === 'number') return Number.isNaN(value);
	if (Array.isArray(value)) return value.length === 0;
	if (typeof value === 'object') return Object.keys(value as object).length === 0;
	return false;
}

class FieldError extends Error {
	constructor(
		message: string,
		readonly hint: string,
	) {
		super(message);
	}
}

const shown = (value: unknown) => {
	const text = typeof value === 'string' ? value : JSON.stringify(value);
	return text.length > 80 ? `${text.slice(0, 77)}...` : text;
};

function fail(field: FieldSpec, value: unknown, wants: string, example: string): never {
	throw new FieldError(
		`"${field.label}" must be ${wants}, not "${shown(value)}"`,
		`Enter ${example}, or map a value of that form with an expression.`,
	);
}

function toNumber(field: FieldSpec, value: unknown): number {
	const number = typeof value === 'number' ? value : Number(String(value).trim());
	if (typeof value === 'boolean' || !Number.isFinite(number) || String(value).trim() === '') {
		return fail(field, value, 'a number', 'a number such as 42');
	}
	return number;
}

function toBoolean(field: FieldSpec, value: unknown): boolean {
	if (typeof value === 'boolean') return value;
	const text = String(value).trim().toLowerCase();
	if (text === 'true') return true;
	if (text === 'false') return false;
	return fail(field, value, 'true or false', 'true or false');
}

/** Text of a date/time value: strings as they are, luxon DateTimes and JS Dates as ISO 8601. */
function dateText(value: unknown): string {
	if (value instanceof Date) return value.toISOString();
	const object = value as { toISO?: () => string } | null;
	if (object && typeof object === 'object' && typeof object.toISO === 'function')
		return object.toISO();
	return String(value).trim();
}

function toDate(field: FieldSpec, value: unknown): string {
	const text = dateText(value);
	if (/^\d{4}-\d{2}-\d{2}/.test(text) && !Number.isNaN(Date.parse(text.slice(0, 10)))) {
		return text.slice(0, 10);
	}
	return fail(field, value, 'a date', 'a date such as 2026-03-02');
}

const pad = (n: number) => String(Math.abs(Math.trunc(n))).padStart(2, '0');

/** "+01:00" for a UTC offset in minutes. */
function offsetText(minutes: number): string {
	return `${minutes < 0 ? '-' : '+'}${pad(minutes / 60)}:${pad(minutes % 60)}`;
}

/** The UTC offset (minutes) of `timeZone` at the instant `utcMs`. */
function zoneOffsetMinutes(timeZone: string, utcMs: number): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(new Date(utcMs));
	const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
	const asUtc = Date.UTC(
		get('year'),
		get('month') - 1,
		get('day'),
		get('hour'),
		get('minute'),
		get('second'),
	);
	return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60000);
}

const DATE_TIME =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * ISO 8601 with an explicit offset, to the second: "2026-03-02T09:30:00+01:00". A value with an
 * offset (or Z) keeps it; one without is wall-clock time in `timeZone` (the workflow's).
 */
export function toOffsetDateTime(value: string, timeZone: string): string | undefined {
	const m = DATE_TIME.exec(value.trim());
	if (!m) return undefined;
	const [, y, mo, d, h = '00', mi = '00', s = '00', zone] = m;
	const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
	if (Number.isNaN(wall) || new Date(wall).getUTCDate() !== Number(d)) return undefined;
	let offset: number;
	if (zone === undefined) {
		// the offset in force at that wall-clock time (iterate once for DST edges)
		offset = zoneOffsetMinutes(timeZone, wall);
		offset = zoneOffsetMinutes(timeZone, wall - offset * 60000);
	} else if (/^z$/i.test(zone)) {
		offset = 0;
	} else {
		const sign = zone.startsWith('-') ? -1 : 1;
		const digits = zone.replace(/[+:-]/g, '');
		offset = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
	}
	return `${y}-${mo}-${d}T${h}:${mi}:${s}${offsetText(offset)}`;
}

function toDateTime(field: FieldSpec, value: unknown, timeZone: string): string {
	const text = dateText(value);
	if (field.asGiven) {
		if (Number.isNaN(Date.parse(text))) {
			return fail(field, value, 'a date and time', 'a date and time such as 2026-03-02T09:30:00');
		}
		return text;
	}
	return (
		toOffsetDateTime(text, timeZone) ??
		fail(field, value, 'a date and time', 'a date and time such as 2026-03-02T09:30:00+01:00')
	);
}

function toJson(field: FieldSpec, value: unknown): unknown {
	if (typeof value !== 'string') return value;
	try {
		return JSON.parse(value) as unknown;
	} catch {
		return fail(
			field,
			value,
			field.json === 'array' ? 'a JSON array' : 'valid JSON',
			field.json === 'array'
				? 'a JSON array such as [{"key": "value"}]'
				: 'JSON such as {"key": "value"}',
		);
	}
}

function toList(field: FieldSpec, value: unknown): unknown[] {
	let items: unknown[];
	if (Array.isArray(value)) items = value;
	else if (typeof value === 'string' && value.trim().startsWith('[')) {
		const parsed = toJson({ ...field, json: 'array' }, value);
		if (!Array.isArray(parsed)) return fail(field, value, 'a list', 'values separated by commas');
		items = parsed;
	} else {
		items = String(value)
			.split(',')
			.map((item) => item.trim())
			.filter((item) => item !== '');
	}
	if (field.itemType !== 'number') return items;
	return items.map((item) => {
		const number = Number(typeof item === 'string' ? item.trim() : item);
		if (!Number.isFinite(number) || String(item).trim() === '') {
			return fail(field, value, 'numbers separated by commas', 'numbers such as 12, 15, 31');
		}
		return number;
	});
}

function toId(field: FieldSpec, value: unknown): string | number {
	const text = String(value).trim();
	if (field.numericId && /^\d+$/.test(text)) return Number(text);
	return text;
}

function toEmails(field: FieldSpec, value: unknown): Array<{ email: string }> {
	const list = Array.isArray(value) ? value.map(String) : String(value).split(',');
	return list
		.map((email) => email.trim())
		.filter((email) => email !== '')
		.map((email) => ({ email }));
}

/** The value to send for `field` (`value` is not empty). */
export function convert(field: FieldSpec, value: unknown, timeZone: string): unknown {
	switch (field.kind) {
		case 'number':
			return toNumber(field, value);
		case 'boolean':
			return toBoolean(field, value);
		case 'date':
			return toDate(field, value);
		case 'dateTime':
			return toDateTime(field, value, timeZone);
		case 'json':
			return toJson(field, value);
		case 'list':
			return toList(field, value);
		case 'locator':
			return toId(field, value);
		case 'emails':
			return toEmails(field, value);
		case 'multiOptions': {
			const list = Array.isArray(value)
				? value
				: String(value)
						.split(',')
						.map((v) => v.trim());
			return field.joined ? list.join(',') : list;
		}
		default:
			return value;
	}
}

/** The value of a resource locator ({__rl, mode, value}); anything else as it is. */
export function locatorValue(value: unknown): unknown {
	if (
		value &&
		typeof value === 'object' &&
		!Array.isArray(value) &&
		'mode' in value &&
		'value' in value
	) {
		return (value as { value: unknown }).value;
	}
	return value;
}

/** The node parameter a field is read from ("filters.name" inside a collection). */
export const parameterPath = (field: FieldSpec) =>
	field.collection ? `${field.collection}.${field.name}` : field.name;

/** Reads every routed field of an operation for the current item. */
export function readFields(
	ctx: IExecutePaginationFunctions,
	fields: FieldSpec[],
	itemIndex: number,
): FieldValues {
	const values: FieldValues = { path: {}, qs: {}, body: {} };
	const timeZone = ctx.getTimezone();
	for (const field of fields) {
		const place = field.in ?? 'setting';
		if (place === 'setting') continue;
		const path = parameterPath(field);
		// null: the parameter is not set (e.g. an option of a collection the user did not add)
		const present = ctx.getNodeParameter(path, null, { rawExpressions: true }) !== null;
		const raw = present ? locatorValue(ctx.getNodeParameter(path, null) as unknown) : undefined;
		const empty = field.required ? isEmptyRequired(raw) : isEmptyValue(raw);
		if (empty) {
			if (!field.required) continue;
			throw new NodeOperationError(ctx.getNode(), `"${field.label}" is required`, {
				itemIndex,
				description: `Enter a value for "${field.label}"${field.kind === 'locator' ? ', pick one from the list,' : ''} or map it from the input with an expression.`,
			});
		}
		let value: unknown;
		try {
			value = convert(field, raw, timeZone);
		} catch (error) {
			throw new NodeOperationError(ctx.getNode(), error as Error, {
				itemIndex,
				...(error instanceof FieldError ? { message: error.message, description: error.hint } : {}),
			});
		}
		if (!field.required && isEmptyValue(value)) continue;
		const key = field.key ?? field.name;
		if (place === 'path') values.path[field.name] = String(value);
		else if (place === 'query') values.qs[key] = value as IDataObject[string];
		else values.body[key] = value as IDataObject[string];
	}
	return values;
}

/** A required value is missing only when there is nothing at all (an empty list or `{}` is a value). */
function isEmptyRequired(value: unknown): boolean {
	if (value === undefined || value === null) return true;
	if (typeof value === 'string') return value.trim() === '';
	if (typeof value === 'number') return Number.isNaN(value);
	return false;
}
