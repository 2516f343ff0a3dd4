/** Booking: meetings booked through booking pages. */
import type { FieldSpec, ResourceSpec } from '../../common/describe';
import { body, inCollection, rawBody } from '../../common/fields';
import { bookingLocator, bookingPageLocator, startAt } from '../shared/fields';

/** Fields shared by "create a booking" here and by the guest variant. */
export const bookingCreateFields = (): FieldSpec[] => [
	bookingPageLocator({ in: 'body', description: 'The booking page the booking is made on' }),
	startAt('Start of the booked slot', true),
	body('string', 'name', 'Guest Name', { required: true, description: 'Full name of the guest' }),
	body('string', 'email', 'Guest Email', {
		required: true,
		placeholder: 'name@email.com',
		description: 'E-mail address of the guest',
	}),
	...inCollection('additionalFields', [
		body('string', 'timeZone', 'Time Zone', {
			placeholder: 'e.g. Europe/Madrid',
			description: 'IANA time zone of the guest',
		}),
		body('string', 'notes', 'Notes', { description: 'Notes the guest leaves with the booking' }),
	]),
	rawBody(),
];

export const booking: ResourceSpec = {
	value: 'booking',
	name: 'Booking',
	operations: [
		{
			value: 'create',
			name: 'Create',
			action: 'Create a booking',
			method: 'POST',
			path: '/api/bookings',
			jsonBody: 'jsonBody',
			fields: bookingCreateFields(),
		},
		{
			value: 'delete',
			name: 'Delete',
			action: 'Delete a booking',
			method: 'DELETE',
			path: '/api/bookings/{bookingId}',
			fields: [bookingLocator()],
		},
		{
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many bookings',
			method: 'GET',
			path: '/api/bookings',
			list: true,
			fields: [],
		},
		{
			value: 'update',
			name: 'Update',
			action: 'Update a booking',
			method: 'PUT',
			path: '/api/bookings/{bookingId}',
			jsonBody: 'jsonBody',
			fields: [bookingLocator(), startAt('New start of the booked slot'), rawBody()],
		},
		{
			value: 'cancel',
			name: 'Cancel',
			action: 'Cancel a booking',
			method: 'POST',
			path: '/api/bookings/{bookingId}',
			jsonBody: 'jsonBody',
			fields: [
				bookingLocator(),
				body('string', 'reason', 'Reason', { description: 'Why the booking is cancelled' }),
				rawBody(),
			],
		},
		{
			value: 'changeCollaborator',
			name: 'Change Collaborator',
			action: 'Change the collaborator of a booking',
			method: 'POST',
			path: '/api/bookings/{bookingId}/collaborator',
			jsonBody: 'jsonBody',
			fields: [
				bookingLocator(),
				body('string', 'email', 'Collaborator Email', {
					required: true,
					placeholder: 'name@email.com',
					description: 'E-mail of the workspace member who takes over the booking',
				}),
				rawBody(),
			],
		},
	],
};
