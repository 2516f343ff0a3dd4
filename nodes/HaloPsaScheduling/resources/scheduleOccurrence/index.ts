/** Schedule Occurrence: the occurrences generated from schedules. */
import type { INodeProperties } from 'n8n-workflow';

import { resourceProperties, type OperationDefinition } from '../../../common/declarative';
import {
	haloOperation,
	idListBody,
	idListField,
	queryJsonField,
	recordLocator,
} from '../../shared/fields';
import { haloLabels, haloVendor } from '../../shared/vendor';

const r = 'scheduleOccurrence';

export const scheduleOccurrenceOperations: OperationDefinition[] = [
	haloOperation(
		'getAll',
		'Get Many',
		'Get many schedule occurrences',
		'GET',
		'/ScheduleOccurrence',
		{ list: true, jsonQuery: 'queryJson' },
	),
	haloOperation(
		'generate',
		'Generate',
		'Generate schedule occurrences',
		'POST',
		'/ScheduleOccurrence',
		{
			buildBody: idListBody('scheduleIds', 'Schedule IDs'),
		},
	),
	haloOperation('get', 'Get', 'Get a schedule occurrence', 'GET', '/ScheduleOccurrence/{id}', {
		idParameter: 'scheduleOccurrenceId',
	}),
];

export const scheduleOccurrenceProperties: INodeProperties[] = resourceProperties(
	haloVendor,
	r,
	scheduleOccurrenceOperations,
	haloLabels,
	[
		recordLocator(
			'Schedule Occurrence',
			'scheduleOccurrenceId',
			r,
			['get'],
			'searchScheduleOccurrences',
		),
		idListField(
			'Schedule IDs',
			'scheduleIds',
			r,
			['generate'],
			'IDs of the schedules to generate occurrences for, separated by commas',
		),
		queryJsonField(r, ['getAll']),
	],
);
