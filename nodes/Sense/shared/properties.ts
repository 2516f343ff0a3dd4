/** The node's parameters, built from the entity schemas and the operation table. */
import type { INodeProperties } from 'n8n-workflow';

import { customFieldCollections, fieldCollection } from './fields';
import {
	MAX_BATCH_COMPRESSED_KB,
	MAX_BATCH_ENTITIES,
	RESUME_EXTENSIONS,
	RESUME_MAX_BYTES,
	SENSE_ENTITIES,
	SYNC_ORDER,
} from './schema';
import { operationsFor } from './vendor';

const entityName = (resource: string) =>
	SENSE_ENTITIES.find((e) => e.resource === resource)?.displayName ?? resource;

const resourcePicker: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: SENSE_ENTITIES.map((e) => ({ name: e.displayName, value: e.resource })),
	default: 'candidate',
};

const operationPickers: INodeProperties[] = SENSE_ENTITIES.map((entity) => ({
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: [entity.resource] } },
	options: operationsFor(entity)
		.map((op) => ({
			name: op.name,
			value: op.value,
			action: op.action(entity),
			description: op.action(entity),
		}))
		.sort((a, b) => a.name.localeCompare(b.name)),
	default: 'upsert',
}));

/** Where the per-field collections show: Create or Update / Update with "Define Below". */
const DEFINE_FIELDS = { operation: ['upsert', 'update'], dataMode: ['define'] };

const recordFields: INodeProperties[] = [
	{
		displayName:
			`Create or Update replaces the whole record: fields you leave out are cleared in Sense. Use Update to change single fields. ` +
			`All input items are sent in batches (up to ${MAX_BATCH_ENTITIES} records, ${MAX_BATCH_COMPRESSED_KB} KB compressed). ` +
			`For a full sync, run the record types in this order: ${SYNC_ORDER.map(entityName).join(', ')}.`,
		name: 'upsertNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { operation: ['upsert'] } },
	},
	{
		displayName: 'Fields to Send',
		name: 'dataMode',
		type: 'options',
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
		displayOptions: { show: { operation: ['upsert', 'update'] } },
	},
	{
		displayName: 'ID',
		name: 'recordId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 12345',
		description: 'ID of the record in your system (Sense stores your ATS IDs)',
		displayOptions: { show: { operation: ['upsert'], dataMode: ['define'] } },
	},
	{
		displayName: 'ID',
		name: 'recordId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 12345',
		description: 'ID of the record in your system (Sense stores your ATS IDs)',
		displayOptions: { show: { operation: ['get', 'update', 'uploadResume'] } },
	},
	...SENSE_ENTITIES.map((entity) => fieldCollection(entity, DEFINE_FIELDS)),
	...customFieldCollections(SENSE_ENTITIES, DEFINE_FIELDS),
	{
		displayName: 'Additional Fields (JSON)',
		name: 'jsonFields',
		type: 'json',
		default: '{}',
		description: 'Further fields as a JSON object, merged over the fields above',
		displayOptions: { show: { operation: ['upsert', 'update'], dataMode: ['define'] } },
	},
];

const commonOptions: INodeProperties[] = [
	{
		displayName: 'Ignore Unknown Input Fields',
		name: 'onlyDocumentedFields',
		type: 'boolean',
		default: true,
		description:
			'Whether to leave out input fields that are not Sense fields when mapping from input (Sense rejects a request with unknown fields)',
	},
	{
		displayName: 'Mark as Deleted',
		name: 'softDelete',
		type: 'boolean',
		default: false,
		description: 'Whether to set is_deleted to true, which soft-deletes the records in Sense',
	},
];

const options: INodeProperties[] = [
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { operation: ['upsert'] } },
		options: [
			{
				displayName: 'Batch Size',
				name: 'batchSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_BATCH_ENTITIES },
				default: MAX_BATCH_ENTITIES,
				description: 'Most records per request',
			},
			...commonOptions,
			{
				displayName: 'Max Compressed Batch Size (KB)',
				name: 'maxCompressedKb',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_BATCH_COMPRESSED_KB },
				default: MAX_BATCH_COMPRESSED_KB,
				description: 'Largest request body after gzip compression; bigger batches are split',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { operation: ['update'] } },
		options: commonOptions,
	},
];

const possibleValues: INodeProperties[] = [
	{
		displayName: 'Field Name or ID',
		name: 'fieldName',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getEntityFields', loadOptionsDependsOn: ['resource'] },
		required: true,
		default: '',
		description:
			'The field whose dropdown values to read or set. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show: { operation: ['getPossibleValues', 'setPossibleValues'] } },
	},
	{
		displayName: 'Values Source',
		name: 'valuesSource',
		type: 'options',
		options: [
			{ name: 'Define Below', value: 'define' },
			{ name: 'JSON', value: 'json' },
		],
		default: 'define',
		description: 'The list replaces the values Sense has for the field',
		displayOptions: { show: { operation: ['setPossibleValues'] } },
	},
	{
		displayName: 'Values',
		name: 'values',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Value',
		default: {},
		displayOptions: { show: { operation: ['setPossibleValues'], valuesSource: ['define'] } },
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
					},
				],
			},
		],
	},
	{
		displayName: 'Values (JSON)',
		name: 'valuesJson',
		type: 'json',
		default: '[]',
		placeholder: '[{"label": "Hourly", "value": "hourly"}]',
		description: 'An array of objects with label and value (text, number or boolean)',
		displayOptions: { show: { operation: ['setPossibleValues'], valuesSource: ['json'] } },
	},
];

const resume = { show: { resource: ['candidate'], operation: ['uploadResume'] } };
const resumeFields: INodeProperties[] = [
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: `The name of the input binary field holding the resume (at most ${RESUME_MAX_BYTES / 1024 / 1024} MB)`,
		displayOptions: resume,
	},
	{
		displayName: 'Resume ID',
		name: 'resumeId',
		type: 'string',
		required: true,
		default: '',
		description: 'ID of this resume file in your system',
		displayOptions: resume,
	},
	{
		displayName: 'File Extension',
		name: 'fileExtension',
		type: 'options',
		options: [
			{ name: 'Detect From File', value: 'auto' },
			...RESUME_EXTENSIONS.map((ext) => ({ name: ext.toUpperCase(), value: ext })),
		],
		default: 'auto',
		description: 'Format of the file; detect takes it from the binary file name',
		displayOptions: resume,
	},
	{
		displayName: 'Date Created',
		name: 'dateCreated',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'When the resume was created in your system',
		displayOptions: resume,
	},
	{
		displayName: 'Date Updated',
		name: 'dateUpdated',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'When the resume was last updated in your system',
		displayOptions: resume,
	},
	{
		displayName: 'Options',
		name: 'resumeOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: resume,
		options: [
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				description: 'File name to send instead of the binary file name',
			},
		],
	},
];

export const senseProperties: INodeProperties[] = [
	resourcePicker,
	...operationPickers,
	...recordFields,
	...options,
	...possibleValues,
	...resumeFields,
];
