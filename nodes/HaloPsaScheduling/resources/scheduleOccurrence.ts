/** Schedule Occurrence: the occurrences generated from schedules. */
import type { ResourceSpec } from '../../common/describe';
import {
	haloOperation,
	idListBody,
	idListField,
	queryJsonField,
	recordLocator,
} from '../shared/fields';

export const scheduleOccurrence: ResourceSpec = {
	value: 'scheduleOccurrence',
	name: 'Schedule Occurrence',
	operations: [
		haloOperation(
			'getAll',
			'Get Many',
			'Get many schedule occurrences',
			'GET',
			'/ScheduleOccurrence',
			{
				list: true,
				jsonQuery: 'queryJson',
				fields: [queryJsonField()],
			},
		),
		haloOperation(
			'generate',
			'Generate',
			'Generate schedule occurrences',
			'POST',
			'/ScheduleOccurrence',
			{
				buildBody: idListBody('scheduleIds', 'Schedule IDs'),
				fields: [
					idListField(
						'Schedule Names or IDs',
						'scheduleIds',
						'getSchedules',
						'The schedules to generate occurrences for',
					),
				],
			},
		),
		haloOperation('get', 'Get', 'Get a schedule occurrence', 'GET', '/ScheduleOccurrence/{id}', {
			idParameter: 'scheduleOccurrenceId',
			fields: [
				recordLocator('Schedule Occurrence', 'scheduleOccurrenceId', 'searchScheduleOccurrences'),
			],
		}),
	],
};
