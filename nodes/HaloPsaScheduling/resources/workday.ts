/** Workday: working-day patterns (hours per weekday, time zone) agents and holidays refer to. */
import { names, recordLocator, recordResource } from '../shared/fields';

export const workday = recordResource({
	value: 'workday',
	name: 'Workday',
	plural: 'workdays',
	filters: true,
	delete: true,
	record: {
		noun: 'workday',
		path: '/Workday',
		schema: 'Workdays',
		id: (sendAsBodyId = false) =>
			recordLocator('Workday', 'workdayId', 'searchWorkdays', { sendAsBodyId }),
		required: names('name'),
		// add a property of the Workdays schema here to offer it on Create and Update
		optional: names(
			'summary timezone start end alldayssame incmonday inctuesday incwednesday incthursday incfriday incsaturday incsunday access_control_level',
		),
	},
});
