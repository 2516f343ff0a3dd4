/** Timeslot: the bookable time slots of booking types. */
import type { ResourceSpec } from '../../common/describe';
import { haloOperation, queryFields, queryJsonField } from '../shared/fields';

export const timeslot: ResourceSpec = {
	value: 'timeslot',
	name: 'Timeslot',
	operations: [
		haloOperation('getAll', 'Get Many', 'Get many timeslots', 'GET', '/Timeslot', {
			list: true,
			jsonQuery: 'queryJson',
			fields: [...queryFields('GET', '/Timeslot'), queryJsonField()],
		}),
	],
};
