/** Sense API profile and the operations the node offers for every entity type, as data. */
import type { IHttpRequestMethods } from 'n8n-workflow';

import { field, urlExpression, urlOf } from '../../common/credentialUrl';
import type { VendorProfile } from '../../common/transport';
import type { EntitySchema } from '../generated/schema';

export const senseVendor: VendorProfile = {
	vendor: 'Sense',
	credentialType: 'senseApi',
};

/** The API base URL: the credential's Base URL (trimmed, without a trailing slash). */
const SENSE_BASE_URL = field('baseUrl');

export const senseBaseUrl = (credentials: Readonly<Record<string, unknown>>): string =>
	urlOf(SENSE_BASE_URL, credentials);

/** The same rule as an n8n expression, for the credential test. */
export const SENSE_BASE_URL_EXPRESSION = urlExpression(SENSE_BASE_URL);

export type OperationValue =
	| 'upsert'
	| 'get'
	| 'update'
	| 'getPossibleValues'
	| 'setPossibleValues'
	| 'uploadResume';

export interface SenseOperation {
	value: OperationValue;
	name: string;
	action: (entity: EntitySchema) => string;
	/** What it returns or changes, for the tool variant's description; `false`: not a tool. */
	effect: (entity: EntitySchema) => string | false;
	method: IHttpRequestMethods;
	/** `{entity}` is the entity's path segment; `{id}` and `{fieldName}` come from node parameters. */
	path: string;
	/** Offered only for entity types that have this endpoint. */
	availableFor?: (entity: EntitySchema) => boolean;
}

const lower = (entity: EntitySchema) => entity.displayName.toLowerCase();
const plural = (entity: EntitySchema) => entity.path.replace(/-/g, ' ');
const article = (entity: EntitySchema) => (/^[aeiou]/i.test(entity.displayName) ? 'an' : 'a');

export const SENSE_OPERATIONS: SenseOperation[] = [
	{
		value: 'upsert',
		name: 'Create or Update',
		action: (e) => `Create or update ${plural(e)} in batches`,
		effect: (e) =>
			`replaces the whole ${lower(e)} record: fields not sent are cleared; use Update to change single fields`,
		method: 'POST',
		path: '/{entity}',
	},
	{
		value: 'get',
		name: 'Get',
		action: (e) => `Get ${article(e)} ${lower(e)}`,
		effect: () => 'returns the record',
		method: 'GET',
		path: '/{entity}/{id}',
	},
	{
		value: 'getPossibleValues',
		name: 'Get Possible Values',
		action: (e) => `Get the possible values of ${article(e)} ${lower(e)} field`,
		effect: () => 'returns the values the field offers',
		method: 'GET',
		path: '/{entity}/possible-values/{fieldName}',
	},
	{
		value: 'setPossibleValues',
		name: 'Set Possible Values',
		action: (e) => `Set the possible values of ${article(e)} ${lower(e)} field`,
		effect: () => "replaces the field's whole list of values",
		method: 'PUT',
		path: '/{entity}/possible-values/{fieldName}',
	},
	{
		value: 'update',
		name: 'Update',
		action: (e) => `Update fields of ${article(e)} ${lower(e)}`,
		effect: () => 'changes only the fields sent',
		method: 'PATCH',
		path: '/{entity}/{id}',
	},
	{
		value: 'uploadResume',
		name: 'Upload Resume',
		action: (e) => `Upload the resume of ${article(e)} ${lower(e)}`,
		// a tool call carries no file
		effect: () => false,
		method: 'POST',
		path: '/{entity}/{id}/resume',
		availableFor: (e) => e.resumeUpload,
	},
];

export function operationsFor(entity: EntitySchema): SenseOperation[] {
	return SENSE_OPERATIONS.filter((op) => !op.availableFor || op.availableFor(entity));
}

/** The request path of an operation for an entity, with `{id}`/`{fieldName}` URL-encoded. */
export function pathOf(
	operation: SenseOperation,
	entity: EntitySchema,
	values: { id?: string; fieldName?: string } = {},
): string {
	return operation.path
		.replace('{entity}', entity.path)
		.replace('{id}', encodeURIComponent(values.id ?? ''))
		.replace('{fieldName}', encodeURIComponent(values.fieldName ?? ''));
}
