/** Holiday: leave and public holidays of agents and workdays (IDs are GUIDs). */
import { names, recordLocator, recordResource } from '../shared/fields';

export const holiday = recordResource({
	value: 'holiday',
	name: 'Holiday',
	plural: 'holidays',
	filters: true,
	delete: true,
	record: {
		noun: 'holiday',
		path: '/Holiday',
		schema: 'Holidays',
		id: (sendAsBodyId = false) =>
			recordLocator('Holiday', 'holidayId', 'searchHolidays', {
				sendAsBodyId,
				placeholder: 'e.g. 3f2c9a7e-1b2c-4d5e-8f90-1234567890ab',
			}),
		required: names('name date'),
		// add a property of the Holidays schema here to offer it on Create and Update
		optional: names(
			'end_date allday agent_id workday_id holiday_type duration isrecurring approvalnote',
		),
	},
});
