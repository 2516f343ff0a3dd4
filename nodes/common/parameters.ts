/** Reading node parameters that hold JSON, the same way in declarative and programmatic nodes. */
import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

export interface JsonParameterOptions {
	/** How the field is named in error messages. */
	label: string;
	itemIndex: number;
	/** The value must be a JSON object (not an array, string, number, ...). */
	object?: boolean;
}

const isPlainObject = (value: unknown): value is IDataObject =>
	value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The value of a JSON parameter: JSON text is parsed, a value an expression produced is taken as it
 * is, and an empty (or blank) field is absent (undefined). Anything else fails the item with a
 * NodeOperationError naming the field.
 */
export function parseJsonParameter(
	node: INode,
	raw: unknown,
	options: JsonParameterOptions & { object: true },
): IDataObject | undefined;
export function parseJsonParameter(
	node: INode,
	raw: unknown,
	options: JsonParameterOptions,
): unknown;
export function parseJsonParameter(
	node: INode,
	raw: unknown,
	{ label, itemIndex, object = false }: JsonParameterOptions,
): unknown {
	if (raw === undefined || raw === null) return undefined;
	if (typeof raw === 'string' && !raw.trim()) return undefined;
	let value: unknown = raw;
	if (typeof raw === 'string') {
		try {
			value = JSON.parse(raw) as unknown;
		} catch {
			value = undefined;
		}
	}
	if (object && !isPlainObject(value)) {
		throw new NodeOperationError(node, `The JSON in "${label}" is not a valid JSON object`, {
			itemIndex,
			description:
				'Enter an object such as {"key": "value"}, or use an expression that returns one.',
		});
	}
	if (value === undefined)
		throw new NodeOperationError(node, `The JSON in "${label}" is not valid JSON`, { itemIndex });
	return value;
}
