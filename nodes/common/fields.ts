/**
 * Reusable field builders for declarative nodes: body fields routed with `routing.send`,
 * resource locators backed by list searches, and the raw-JSON escape hatches.
 */
import type { INodeProperties } from 'n8n-workflow';

import { showFor } from './declarative';

interface FieldOptions {
	required?: boolean;
	description?: string;
	placeholder?: string;
	/** Body property the value is sent as (dot notation allowed); defaults to the field name. */
	property?: string;
	default?: string | number | boolean;
}

type FieldType = 'string' | 'dateTime' | 'number' | 'boolean';

/** A field sent in the JSON body. */
export function bodyField(
	type: FieldType,
	displayName: string,
	name: string,
	resource: string,
	operations: string[],
	options: FieldOptions = {},
): INodeProperties {
	const defaults: Record<FieldType, string | number | boolean> = {
		string: '',
		dateTime: '',
		number: 0,
		boolean: false,
	};
	return {
		displayName,
		name,
		type,
		required: options.required ?? false,
		default: options.default ?? defaults[type],
		description: options.description,
		placeholder: options.placeholder,
		displayOptions: showFor(resource, operations),
		routing: { send: { type: 'body', property: options.property ?? name } },
	};
}

/** A field for a collection: same as bodyField but without displayOptions. */
export function collectionOption(
	type: FieldType,
	displayName: string,
	name: string,
	options: FieldOptions & { location?: 'body' | 'query' } = {},
): INodeProperties {
	const defaults: Record<FieldType, string | number | boolean> = {
		string: '',
		dateTime: '',
		number: 0,
		boolean: false,
	};
	return {
		displayName,
		name,
		type,
		default: options.default ?? defaults[type],
		description: options.description,
		placeholder: options.placeholder,
		routing: { send: { type: options.location ?? 'body', property: options.property ?? name } },
	};
}

/** A searchable dropdown (resource locator) with "From List" and "By ID" modes. */
export function idLocator(
	displayName: string,
	name: string,
	resource: string,
	operations: string[],
	searchListMethod: string,
	options: { description?: string; placeholder?: string; sendAsBody?: string } = {},
): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: options.description,
		displayOptions: showFor(resource, operations),
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod, searchable: true, searchFilterRequired: false },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: options.placeholder ?? 'e.g. 3f2c9a7e-...',
			},
		],
		...(options.sendAsBody
			? {
					routing: {
						send: { type: 'body' as const, property: options.sendAsBody, value: '={{ $value }}' },
					},
				}
			: {}),
	};
}

/** "Additional Body Fields (JSON)": an object merged into the request body last. */
export function jsonBodyField(
	resource: string,
	operations: string[],
	name = 'jsonBody',
): INodeProperties {
	return {
		displayName: 'Additional Body Fields (JSON)',
		name,
		type: 'json',
		default: '{}',
		description:
			'Any further fields the API accepts, as a JSON object. They are merged into the request body and win over the fields above.',
		displayOptions: showFor(resource, operations),
	};
}
