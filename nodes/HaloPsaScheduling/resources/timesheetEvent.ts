/** Timesheet Event: time entries of a timesheet (work, breaks, travel), the agent's own events. */
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

const schema = 'TimesheetEvent';
const timesheetEventId = (sendAsBodyId = false) =>
	recordLocator('Timesheet Event', 'timesheetEventId', 'searchTimesheetEvents', { sendAsBodyId });

const REQUIRED = ['start_date', 'end_date'];
/** The optional fields of a timesheet event (types from the OpenAPI document). */
const EVENT = [
	'subject',
	'agent_id',
	'event_type',
	'break_type',
	'ticket_id',
	'client_id',
	'site_id',
	'note',
	'timetaken',
	'charge_rate',
	'traveltime',
	'mileage',
];

export const timesheetEvent: ResourceSpec = {
	value: 'timesheetEvent',
	name: 'Timesheet Event',
	operations: [
		haloOperation('getAll', 'Get Many', 'Get many timesheet events', 'GET', '/TimesheetEvent', {
			list: true,
			jsonQuery: 'queryJson',
			fields: [...queryFields('GET', '/TimesheetEvent'), queryJsonField()],
		}),
		haloOperation('create', 'Create', 'Create a timesheet event', 'POST', '/TimesheetEvent', {
			...RECORD_WRITE,
			fields: [
				...bodyFields(schema, REQUIRED, { required: true }),
				...bodyFields(schema, EVENT, { collection: 'additionalFields' }),
				batchField(),
				recordJsonField(),
			],
		}),
		haloOperation('update', 'Update', 'Update a timesheet event', 'POST', '/TimesheetEvent', {
			...RECORD_WRITE,
			fields: [
				timesheetEventId(true),
				...bodyFields(schema, [...REQUIRED, ...EVENT], { collection: 'updateFields' }),
				batchField(),
				recordJsonField(),
			],
		}),
		haloOperation(
			'getMine',
			'Get Many My Timesheet Events',
			'Get my timesheet events',
			'GET',
			'/TimesheetEvent/mine',
			{
				list: true,
				jsonQuery: 'queryJson',
				fields: [queryJsonField()],
			},
		),
		haloOperation('get', 'Get', 'Get a timesheet event', 'GET', '/TimesheetEvent/{id}', {
			idParameter: 'timesheetEventId',
			fields: [timesheetEventId(), ...queryFields('GET', '/TimesheetEvent/{id}', 'options')],
		}),
		haloOperation(
			'delete',
			'Delete',
			'Delete a timesheet event',
			'DELETE',
			'/TimesheetEvent/{id}',
			{
				idParameter: 'timesheetEventId',
				fields: [timesheetEventId()],
			},
		),
	],
};
