/** Booking Type: the kinds of bookings customers can make (used by Appointment → Create Booking). */
import type { ResourceSpec } from '../../common/describe';
import { haloOperation, queryFields, queryJsonField } from '../shared/fields';

export const bookingType: ResourceSpec = {
	value: 'bookingType',
	name: 'Booking Type',
	operations: [
		haloOperation('getAll', 'Get Many', 'Get many booking types', 'GET', '/BookingType', {
			list: true,
			jsonQuery: 'queryJson',
			fields: [...queryFields('GET', '/BookingType'), queryJsonField()],
		}),
	],
};
