/**
 * The Sense node's resources as data (nodes/common/describe.ts): one resource per record type of
 * the generated schema, each with the operations of ./vendor.ts. Sense is a programmatic node
 * (upserts batch across items), so the fields carry no routing: execute() reads them.
 */
import type { INodeProperties } from 'n8n-workflow';

import {
	describeResources,
	type CollectionInfo,
	type FieldSpec,
	type OperationData,
	type ResourceSpec,
} from '../../common/describe';
import {
	MAX_BATCH_COMPRESSED_KB,
	MAX_BATCH_ENTITIES,
	RESUME_EXTENSIONS,
	RESUME_MAX_BYTES,
	SENSE_ENTITIES,
	SYNC_ORDER,
	type EntitySchema,
} from '../generated/schema';
import { personalDataProperties, type PersonalData } from '../../common/output';
import { customFieldsSpec, recordFieldSpecs } from './fields';
import { operationsFor, type OperationValue } from './vendor';

const entityName = (resource: string) =>
	SENSE_ENTITIES.find((e) => e.resource === resource)?.displayName ?? resource;

const COLLECTIONS: Record<string, CollectionInfo> = {
	fields: {
		displayName: 'Fields',
		placeholder: 'Add Field',
		description: 'The fields of the record to send; the ones you do not add are not sent',
		order: 0.5,
	},
	resumeOptions: {
		displayName: 'Options',
		placeholder: 'Add Option',
		description: 'Further settings of the upload',
		order: 2,
	},
};

/** Shown with "Define Below" only. */
const DEFINE = { dataMode: ['define'] };

const upsertNotice: FieldSpec = {
	name: 'upsertNotice',
	label:
		`Create or Update replaces the whole record: fields you leave out are cleared in Sense. Use Update to change single fields. ` +
		`All input items are sent in batches (up to ${MAX_BATCH_ENTITIES} records, ${MAX_BATCH_COMPRESSED_KB} KB compressed). ` +
		`For a full sync, run the record types in this order: ${SYNC_ORDER.map(entityName).join(', ')}.`,
	kind: 'custom',
	property: { type: 'notice' },
	rank: -1,
};

const dataMode: FieldSpec = {
	name: 'dataMode',
	label: 'Fields to Send',
	kind: 'options',
	options: [
		{
			name: 'Map All Fields From Input',
			value: 'autoMap',
			description:
				'Send the fields of each input item whose names match Sense fields (first_name, email, custom_text1, ...)',
		},
		{ name: 'Define Below', value: 'define', description: 'Set each field in this node' },
	],
	default: 'autoMap',
	// a tool call has no input fields to map: the agent fills the fields defined below
	toolDefault: 'define',
	description: 'Where the fields of each record come from',
	// right after the record: it decides which of the fields below are shown
	rank: 0.5,
};

const recordId = (extra: Partial<FieldSpec> = {}): FieldSpec => ({
	name: 'recordId',
	label: 'ID',
	kind: 'string',
	required: true,
	placeholder: 'e.g. 12345',
	description: 'ID of the record in your system (Sense stores your ATS IDs)',
	...extra,
});

const jsonFields: FieldSpec = {
	name: 'jsonFields',
	label: 'Additional Fields (JSON)',
	kind: 'json',
	json: 'object',
	description: 'Further fields as a JSON object, merged over the fields above',
	show: DEFINE,
};

const commonOptions = (): FieldSpec[] => [
	{
		name: 'onlyDocumentedFields',
		label: 'Ignore Unknown Input Fields',
		kind: 'boolean',
		default: true,
		collection: 'options',
		description:
			'Whether to leave out input fields that are not Sense fields when mapping from input (Sense rejects a request with unknown fields)',
	},
	{
		name: 'softDelete',
		label: 'Mark as Deleted',
		kind: 'boolean',
		collection: 'options',
		description: 'Whether to set is_deleted to true, which soft-deletes the records in Sense',
	},
];

const upsertOptions = (): FieldSpec[] => [
	{
		name: 'batchSize',
		label: 'Batch Size',
		kind: 'number',
		default: MAX_BATCH_ENTITIES,
		collection: 'options',
		description: 'Most records per request',
		property: { typeOptions: { minValue: 1, maxValue: MAX_BATCH_ENTITIES } },
	},
	...commonOptions(),
	{
		name: 'maxCompressedKb',
		label: 'Max Compressed Batch Size (KB)',
		kind: 'number',
		default: MAX_BATCH_COMPRESSED_KB,
		collection: 'options',
		description: 'Largest request body after gzip compression; bigger batches are split',
		property: { typeOptions: { minValue: 1, maxValue: MAX_BATCH_COMPRESSED_KB } },
	},
];

/** The record's own fields, shown with "Define Below". */
const definedFields = (entity: EntitySchema): FieldSpec[] => [
	...recordFieldSpecs(entity).map((f) => ({ ...f, show: DEFINE })),
	customFieldsSpec(DEFINE),
];

const possibleValueFields = (set: boolean): FieldSpec[] => [
	{
		name: 'fieldName',
		label: 'Field Name or ID',
		kind: 'options',
		required: true,
		loadOptions: 'getEntityFields',
		loadOptionsDependsOn: ['resource'],
		description:
			'The field whose dropdown values to read or set. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	...(set
		? ([
				{
					name: 'valuesSource',
					label: 'Values Source',
					kind: 'options',
					options: [
						{ name: 'Define Below', value: 'define' },
						{ name: 'JSON', value: 'json' },
					],
					default: 'define',
					description: 'The list replaces the values Sense has for the field',
				},
				{
					name: 'values',
					label: 'Values',
					kind: 'custom',
					show: { valuesSource: ['define'] },
					placeholder: 'Add Value',
					description: 'The values Sense offers for the field, each with its label',
					property: {
						type: 'fixedCollection',
						typeOptions: { multipleValues: true, sortable: true },
						default: {},
						options: [
							{
								displayName: 'Value',
								name: 'value',
								values: [
									{
										displayName: 'Label',
										name: 'label',
										type: 'string',
										default: '',
										description: 'Text shown in Sense',
									},
									{
										displayName: 'Value',
										name: 'value',
										type: 'string',
										default: '',
										description: 'Value stored in the field',
									},
									{
										displayName: 'Value Type',
										name: 'type',
										type: 'options',
										options: [
											{ name: 'Boolean', value: 'boolean' },
											{ name: 'Number', value: 'number' },
											{ name: 'String', value: 'string' },
										],
										default: 'string',
										description: 'How Sense stores the value',
									},
								],
							},
						],
					},
				},
				{
					name: 'valuesJson',
					label: 'Values (JSON)',
					kind: 'json',
					json: 'array',
					default: '[]',
					show: { valuesSource: ['json'] },
					placeholder: '[{"label": "Hourly", "value": "hourly"}]',
					description: 'An array of objects with label and value (text, number or boolean)',
				},
			] as FieldSpec[])
		: []),
];

const resumeFields = (): FieldSpec[] => [
	recordId({ record: true }),
	{
		name: 'binaryPropertyName',
		label: 'Input Binary Field',
		kind: 'string',
		required: true,
		default: 'data',
		hint: `The name of the input binary field holding the resume (at most ${RESUME_MAX_BYTES / 1024 / 1024} MB)`,
	},
	{
		name: 'resumeId',
		label: 'Resume ID',
		kind: 'string',
		required: true,
		description: 'ID of this resume file in your system',
	},
	{
		name: 'fileExtension',
		label: 'File Extension',
		kind: 'options',
		options: [
			{ name: 'Detect From File', value: 'auto' },
			...RESUME_EXTENSIONS.map((ext) => ({ name: ext.toUpperCase(), value: ext })),
		],
		default: 'auto',
		description: 'Format of the file; detect takes it from the binary file name',
	},
	{
		name: 'dateCreated',
		label: 'Date Created',
		kind: 'dateTime',
		required: true,
		description: 'When the resume was created in your system',
	},
	{
		name: 'dateUpdated',
		label: 'Date Updated',
		kind: 'dateTime',
		required: true,
		description: 'When the resume was last updated in your system',
	},
	{
		name: 'fileName',
		label: 'File Name',
		kind: 'string',
		collection: 'resumeOptions',
		description: 'File name to send instead of the binary file name',
	},
];

/** The fields of one operation of one record type. */
function fieldsOf(operation: OperationValue, entity: EntitySchema): FieldSpec[] {
	switch (operation) {
		case 'upsert':
			return [
				upsertNotice,
				dataMode,
				recordId({ show: DEFINE }),
				...definedFields(entity),
				jsonFields,
				...upsertOptions(),
			];
		case 'update':
			return [
				recordId({ record: true }),
				dataMode,
				...definedFields(entity),
				jsonFields,
				...commonOptions(),
			];
		case 'get':
			return [recordId({ record: true })];
		case 'getPossibleValues':
			return possibleValueFields(false);
		case 'setPossibleValues':
			return possibleValueFields(true);
		case 'uploadResume':
			return resumeFields();
	}
}

export const SENSE_RESOURCES: ResourceSpec[] = SENSE_ENTITIES.map((entity) => ({
	value: entity.resource,
	name: entity.displayName,
	defaultOperation: 'upsert',
	operations: operationsFor(entity).map(
		(op): OperationData => ({
			value: op.value,
			name: op.name,
			action: op.action(entity),
			effect: op.effect(entity),
			method: op.method,
			returnsRecords: op.value !== 'uploadResume',
			fields: fieldsOf(op.value, entity),
		}),
	),
}));

/** Personal data in Sense records (./output.ts): redacted unless the user includes it. */
export const SENSE_PERSONAL_DATA: PersonalData = {
	what: 'birth dates, salaries and ethnicity',
	keys: ['date_of_birth', 'salary', 'ethnicity'],
	contactKeys: [
		'email',
		'email2',
		'email3',
		'phone',
		'phone3',
		'phone4',
		'phone5',
		'home_phone',
		'mobile_phone',
		'work_phone',
		'billing_phone',
		'address1',
		'address2',
		'zipcode',
	],
};

export const senseProperties: INodeProperties[] = describeResources(SENSE_RESOURCES, {
	defaultResource: 'candidate',
	collections: COLLECTIONS,
	outputProperties: personalDataProperties(SENSE_PERSONAL_DATA),
});
