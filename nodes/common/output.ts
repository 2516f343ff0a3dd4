/**
 * What an operation outputs, shaped the same way in every action node after Simplify:
 *
 * - Fields to Return (tool variant): only the named fields of each record, so an AI agent reads
 *   what it needs;
 * - personal data: the values of the keys a vendor names (national IDs, social-security numbers,
 *   bank details, salaries, birth dates, …) read "[redacted]" unless Include Personal Data is on;
 *   contact data (e-mail, phone, address) only when Redact Contact Data is on. n8n's own
 *   `sensitiveOutputFields` cannot be revealed by anybody, so it does not fit data a workflow may
 *   legitimately need; these switches do.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

export const REDACTED = '[redacted]';

export interface PersonalData {
	/** Keys redacted unless Include Personal Data is on (compared without case, `_` and `-`). */
	keys: string[];
	/** Keys redacted only when Redact Contact Data is on. */
	contactKeys?: string[];
	/** What the keys are, for the option's description (e.g. "national ID, bank and salary"). */
	what: string;
}

/** The output switches of a node whose records carry personal data. */
export function personalDataProperties(data: PersonalData): INodeProperties[] {
	return [
		{
			displayName: 'Include Personal Data',
			name: 'includePersonalData',
			type: 'boolean',
			default: false,
			description: `Whether to output ${data.what} as they are; off, their values read "${REDACTED}"`,
		},
		...(data.contactKeys?.length
			? [
					{
						displayName: 'Redact Contact Data',
						name: 'redactContactData',
						type: 'boolean',
						default: false,
						description: `Whether to replace e-mail addresses, phone numbers and postal addresses with "${REDACTED}" too`,
					} as INodeProperties,
				]
			: []),
	];
}

const normalise = (key: string) => key.replace(/[_-]/g, '').toLowerCase();

/** A copy of `value` with the values of `keys` replaced (empty values stay as they are). */
export function redact(value: unknown, keys: Set<string>): unknown {
	if (Array.isArray(value)) return value.map((entry) => redact(entry, keys));
	if (value === null || typeof value !== 'object') return value;
	const out: IDataObject = {};
	for (const [key, entry] of Object.entries(value as IDataObject)) {
		const empty = entry === null || entry === undefined || entry === '';
		out[key] = keys.has(normalise(key)) && !empty ? REDACTED : (redact(entry, keys) as IDataObject);
	}
	return out;
}

/** The keys to redact for the switches as set. */
export function redactedKeys(
	data: PersonalData,
	settings: { includePersonalData?: boolean; redactContactData?: boolean },
): Set<string> {
	return new Set(
		[
			...(settings.includePersonalData ? [] : data.keys),
			...(settings.redactContactData ? (data.contactKeys ?? []) : []),
		].map(normalise),
	);
}

/** The comma-separated paths of Fields to Return (empty: keep everything). */
export function fieldPaths(text: unknown): string[] {
	return String(text ?? '')
		.split(',')
		.map((path) => path.trim())
		.filter(Boolean);
}

/** Only the given (dotted) paths of a record, nested as in the record; absent ones stay out. */
export function pickFields(record: IDataObject, paths: string[]): IDataObject {
	if (!paths.length) return record;
	const out: IDataObject = {};
	for (const path of paths) {
		const parts = path.split('.');
		let source: unknown = record;
		for (const part of parts) {
			source =
				source !== null && typeof source === 'object' ? (source as IDataObject)[part] : undefined;
		}
		if (source === undefined) continue;
		let target = out;
		for (const part of parts.slice(0, -1)) {
			if (target[part] === null || typeof target[part] !== 'object') target[part] = {};
			target = target[part] as IDataObject;
		}
		target[parts[parts.length - 1]] = source as IDataObject;
	}
	return out;
}

/** Reads the output settings of one item (absent parameters: the defaults). */
export function shapeRecords(
	get: (name: string, fallback: unknown) => unknown,
	records: IDataObject[],
	data?: PersonalData,
): IDataObject[] {
	const paths = fieldPaths(get('fieldsToReturn', ''));
	const keys = data
		? redactedKeys(data, {
				includePersonalData: get('includePersonalData', false) === true,
				redactContactData: get('redactContactData', false) === true,
			})
		: new Set<string>();
	return records.map((record) => {
		const shown = keys.size ? (redact(record, keys) as IDataObject) : record;
		return pickFields(shown, paths);
	});
}
