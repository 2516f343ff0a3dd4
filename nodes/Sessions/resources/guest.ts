/** Guest: the same booking and registration actions, performed with a GUEST-role API key. */
import type { ResourceSpec } from '../../common/describe';
import { body, locator, rawBody } from '../../common/fields';
import { eventLocator, startAt } from '../shared/fields';
import { bookingCreateFields } from './booking';
import { attendeeFields } from './event';

/** Guest keys cannot list bookings: the dropdown opens on "By ID" (a USER key can still pick from the list). */
const bookingId = () =>
	locator('bookingId', 'Booking', 'searchBookings', {
		description:
			'The booking to change. Guest keys cannot list bookings: paste its ID, or map it from the input.',
		property: { default: { mode: 'id', value: '' } },
	});

export const guest: ResourceSpec = {
	value: 'guest',
	name: 'Guest',
	operations: [
		{
			value: 'createBooking',
			name: 'Create Booking',
			action: 'Create a booking as guest',
			method: 'POST',
			path: '/api/guests/bookings',
			jsonBody: 'jsonBody',
			fields: bookingCreateFields(),
		},
		{
			value: 'updateBooking',
			name: 'Update Booking',
			action: 'Update a booking as guest',
			method: 'PUT',
			path: '/api/guests/bookings/{bookingId}',
			jsonBody: 'jsonBody',
			fields: [bookingId(), startAt('New start of the booked slot'), rawBody()],
		},
		{
			value: 'cancelBooking',
			name: 'Cancel Booking',
			action: 'Cancel a booking as guest',
			method: 'POST',
			path: '/api/guests/bookings/{bookingId}',
			jsonBody: 'jsonBody',
			fields: [
				bookingId(),
				body('string', 'reason', 'Reason', { description: 'Why the booking is cancelled' }),
				rawBody(),
			],
		},
		{
			value: 'registerToEvent',
			name: 'Register to Event',
			action: 'Register to an event as guest',
			method: 'POST',
			path: '/api/guests/events/{eventId}/register',
			jsonBody: 'jsonBody',
			fields: [eventLocator(), ...attendeeFields(), rawBody()],
		},
	],
};
