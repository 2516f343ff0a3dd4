/** Timesheet Event: time entries of a timesheet (work, breaks, travel), the agent's own events. */
import {
	haloOperation,
	names,
	queryJsonField,
	recordLocator,
	recordResource,
} from '../shared/fields';

export const timesheetEvent = recordResource({
	value: 'timesheetEvent',
	name: 'Timesheet Event',
	plural: 'timesheet events',
	filters: true,
	delete: true,
	record: {
		noun: 'timesheet event',
		path: '/TimesheetEvent',
		schema: 'TimesheetEvent',
		id: (sendAsBodyId = false) =>
			recordLocator('Timesheet Event', 'timesheetEventId', 'searchTimesheetEvents', {
				sendAsBodyId,
			}),
		required: names('start_date end_date'),
		// add a property of the TimesheetEvent schema here to offer it on Create and Update
		optional: names(
			'subject agent_id event_type break_type ticket_id client_id site_id note timetaken charge_rate traveltime mileage',
		),
	},
	more: [
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
	],
});
