/** Timesheet: an agent's working day (target, actual and break hours), own timesheets and forecasting. */
import {
	SIMPLE_TIMESHEET,
	haloOperation,
	names,
	queryJsonField,
	recordLocator,
	recordResource,
} from '../shared/fields';

export const timesheet = recordResource({
	value: 'timesheet',
	name: 'Timesheet',
	plural: 'timesheets',
	record: {
		noun: 'timesheet',
		path: '/Timesheet',
		schema: 'Timesheet',
		id: (sendAsBodyId = false) =>
			recordLocator('Timesheet', 'timesheetId', 'searchTimesheets', { sendAsBodyId }),
		required: names('agent_id date'),
		// add a property of the Timesheet schema here to offer it on Create and Update
		optional: names(
			'start_time end_time target_hours break_hours allowed_break_hours workdayid timesheet_manager _submitapproval _approve _reject _approval_message',
		),
		names: { get: 'Get Timesheet' },
		simplify: SIMPLE_TIMESHEET,
	},
	more: [
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
			{
				jsonQuery: 'queryJson',
				fields: [queryJsonField()],
			},
		),
	],
});
