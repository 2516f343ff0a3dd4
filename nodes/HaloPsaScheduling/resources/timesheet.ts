/** Timesheet: an agent's working day (target, actual and break hours), own timesheets and forecasting. */
import type { ResourceSpec } from '../../common/describe';
import {
	RECORD_WRITE,
	SIMPLE_TIMESHEET,
	batchField,
	bodyFields,
	haloOperation,
	queryFields,
	queryJsonField,
	recordJsonField,
	recordLocator,
} from '../shared/fields';

const schema = 'Timesheet';
const timesheetId = (sendAsBodyId = false) =>
	recordLocator('Timesheet', 'timesheetId', 'searchTimesheets', { sendAsBodyId });

const REQUIRED = ['agent_id', 'date'];
/** The optional fields of a timesheet (types from the OpenAPI document). */
const TIMESHEET = [
	'start_time',
	'end_time',
	'target_hours',
	'break_hours',
	'allowed_break_hours',
	'workdayid',
	'timesheet_manager',
	'_submitapproval',
	'_approve',
	'_reject',
	'_approval_message',
];

export const timesheet: ResourceSpec = {
	value: 'timesheet',
	name: 'Timesheet',
	operations: [
		haloOperation('getAll', 'Get Many', 'Get many timesheets', 'GET', '/Timesheet', {
			list: true,
			simplify: SIMPLE_TIMESHEET,
			jsonQuery: 'queryJson',
			fields: [queryJsonField()],
		}),
		haloOperation('create', 'Create', 'Create a timesheet', 'POST', '/Timesheet', {
			...RECORD_WRITE,
			fields: [
				...bodyFields(schema, REQUIRED, { required: true }),
				...bodyFields(schema, TIMESHEET, { collection: 'additionalFields' }),
				batchField(),
				recordJsonField(),
			],
		}),
		haloOperation('update', 'Update', 'Update a timesheet', 'POST', '/Timesheet', {
			...RECORD_WRITE,
			fields: [
				timesheetId(true),
				...bodyFields(schema, [...REQUIRED, ...TIMESHEET], { collection: 'updateFields' }),
				batchField(),
				recordJsonField(),
			],
		}),
		haloOperation(
			'getMine',
			'Get Many My Timesheets',
			'Get my timesheets',
			'GET',
			'/Timesheet/mine',
			{
				list: true,
				simplify: SIMPLE_TIMESHEET,
				jsonQuery: 'queryJson',
				fields: [queryJsonField()],
			},
		),
		haloOperation(
			'getForecasting',
			'Get Forecasting',
			'Get timesheet forecasting',
			'GET',
			'/Timesheet/forecasting',
			{ jsonQuery: 'queryJson', fields: [queryJsonField()] },
		),
		haloOperation('get', 'Get Timesheet', 'Get a timesheet', 'GET', '/Timesheet/{id}', {
			idParameter: 'timesheetId',
			simplify: SIMPLE_TIMESHEET,
			fields: [timesheetId(), ...queryFields('GET', '/Timesheet/{id}', 'options')],
		}),
	],
};
