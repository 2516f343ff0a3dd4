/** Schedule: recurring schedules of agents (on-call rotas, maintenance windows). */
import type { ResourceSpec } from '../../common/describe';
import {
	RECORD_WRITE,
	batchField,
	bodyFields,
	haloOperation,
	queryFields,
	queryJsonField,
	recordJsonField,
	recordLocator,
} from '../shared/fields';

const schema = 'Schedule';
const scheduleId = (sendAsBodyId = false) =>
	recordLocator('Schedule', 'scheduleId', 'searchSchedules', { sendAsBodyId });

const REQUIRED = ['subject', 'startdate'];
/** The optional fields of a schedule (types from the OpenAPI document). */
const SCHEDULE = [
	'enddate',
	'agentid',
	'hours',
	'type',
	'recurrencepattern',
	'rangeofrecurrence',
	'endafteramount',
	'dailyrecurrencepattern',
	'dailyrecurrencedays',
	'weeklyrecurrenceweeks',
	'weeklyrecurrencestring',
];

export const schedule: ResourceSpec = {
	value: 'schedule',
	name: 'Schedule',
	operations: [
		haloOperation('getAll', 'Get Many', 'Get many schedules', 'GET', '/Schedule', {
			list: true,
			jsonQuery: 'queryJson',
			fields: [...queryFields('GET', '/Schedule'), queryJsonField()],
		}),
		haloOperation('create', 'Create', 'Create a schedule', 'POST', '/Schedule', {
			...RECORD_WRITE,
			fields: [
				...bodyFields(schema, REQUIRED, { required: true }),
				...bodyFields(schema, SCHEDULE, { collection: 'additionalFields' }),
				batchField(),
				recordJsonField(),
			],
		}),
		haloOperation('update', 'Update', 'Update a schedule', 'POST', '/Schedule', {
			...RECORD_WRITE,
			fields: [
				scheduleId(true),
				...bodyFields(schema, [...REQUIRED, ...SCHEDULE], { collection: 'updateFields' }),
				batchField(),
				recordJsonField(),
			],
		}),
		haloOperation('get', 'Get', 'Get a schedule', 'GET', '/Schedule/{id}', {
			idParameter: 'scheduleId',
			fields: [scheduleId(), ...queryFields('GET', '/Schedule/{id}', 'options')],
		}),
	],
};
