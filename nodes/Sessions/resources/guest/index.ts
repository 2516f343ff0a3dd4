/** Guest: the same booking and registration actions, performed with a GUEST-role API key. */
import type { INodeProperties } from 'n8n-workflow';

import { resourceProperties, type OperationDefinition } from '../../../common/declarative';
import { bodyField, jsonBodyField } from '../../../common/fields';
import { bookingCreateFields } from '../booking';
import { eventLocator } from '../../shared/fields';
import { sessionsLabels, sessionsVendor } from '../../shared/vendor';

const r = 'guest';

export const guestOperations: OperationDefinition[] = [
	{
		value: 'createBooking',
		name: 'Create Booking',
		action: 'Create a booking as guest',
		method: 'POST',
		path: '/api/guests/bookings',
		jsonBody: 'jsonBody',
	},
	{
		value: 'updateBooking',
		name: 'Update Booking',
		action: 'Update a booking as guest',
		method: 'PUT',
		path: '/api/guests/bookings/{bookingId}',
		jsonBody: 'jsonBody',
	},
	{
		value: 'cancelBooking',
		name: 'Cancel Booking',
		action: 'Cancel a booking as guest',
		method: 'POST',
		path: '/api/guests/bookings/{bookingId}',
		jsonBody: 'jsonBody',
	},
	{
		value: 'registerToEvent',
		name: 'Register to Event',
		action: 'Register to an event as guest',
		method: 'POST',
		path: '/api/guests/events/{eventId}/register',
		jsonBody: 'jsonBody',
	},
];

export const guestProperties: INodeProperties[] = resourceProperties(
	sessionsVendor,
	r,
	guestOperations,
	sessionsLabels,
	[
		...bookingCreateFields(r, ['createBooking']),
		{
			displayName: 'Booking ID',
			name: 'bookingId',
			type: 'string',
			required: true,
			default: '',
			description: 'ID of the booking (guest keys cannot list bookings)',
			displayOptions: { show: { resource: [r], operation: ['updateBooking', 'cancelBooking'] } },
		},
		bodyField('dateTime', 'Starts At', 'startAt', r, ['updateBooking'], {
			description: 'New start of the booked slot',
		}),
		bodyField('string', 'Reason', 'reason', r, ['cancelBooking'], {
			description: 'Why the booking is cancelled',
		}),
		eventLocator(r, ['registerToEvent']),
		bodyField('string', 'Email', 'email', r, ['registerToEvent'], {
			required: true,
			placeholder: 'name@email.com',
		}),
		bodyField('string', 'Name', 'name', r, ['registerToEvent'], {
			description: 'Full name of the attendee',
		}),
		jsonBodyField(r, ['createBooking', 'updateBooking', 'cancelBooking', 'registerToEvent']),
	],
);
