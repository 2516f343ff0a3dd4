/** Schedule: recurring schedules of agents (on-call rotas, maintenance windows). */
import { names, recordLocator, recordResource } from '../shared/fields';

export const schedule = recordResource({
	value: 'schedule',
	name: 'Schedule',
	plural: 'schedules',
	filters: true,
	record: {
		noun: 'schedule',
		path: '/Schedule',
		schema: 'Schedule',
		id: (sendAsBodyId = false) =>
			recordLocator('Schedule', 'scheduleId', 'searchSchedules', { sendAsBodyId }),
		required: names('subject startdate'),
		// add a property of the Schedule schema here to offer it on Create and Update
		optional: names(
			'enddate agentid hours type recurrencepattern rangeofrecurrence endafteramount dailyrecurrencepattern dailyrecurrencedays weeklyrecurrenceweeks weeklyrecurrencestring',
		),
	},
});
