/** Booking Page: scheduling pages guests book from, their bookings, slots and collaborators. */
import type { FieldSpec, ResourceSpec } from '../../common/describe';
import { body, inCollection, rawBody } from '../../common/fields';
import { bookingPageLocator } from '../shared/fields';

const pageFields = (): FieldSpec[] => [
	body('string', 'description', 'Description', { description: 'Text shown on the booking page' }),
	body('number', 'duration', 'Duration (Minutes)', { description: 'Length of one booking' }),
	body('string', 'timeZone', 'Time Zone', {
		placeholder: 'e.g. Europe/Madrid',
		description: 'IANA time zone of the booking page',
	}),
	body('string', 'slug', 'Slug', { description: 'URL part of the public booking page' }),
];

const collaboratorEmail = () =>
	body('string', 'email', 'Collaborator Email', {
		required: true,
		placeholder: 'name@email.com',
		description: 'E-mail of the workspace member',
	});

const slotDay = (name: string, label: string, description: string) =>
	body('dateTime', name, label, { required: true, description, asGiven: true });

export const bookingPage: ResourceSpec = {
	value: 'bookingPage',
	name: 'Booking Page',
	operations: [
		{
			value: 'create',
			name: 'Create',
			action: 'Create a booking page',
			method: 'POST',
			path: '/api/booking-pages',
			jsonBody: 'jsonBody',
			fields: [
				body('string', 'name', 'Name', { required: true, description: 'Name of the booking page' }),
				...inCollection('additionalFields', pageFields()),
				rawBody(),
			],
		},
		{
			value: 'delete',
			name: 'Delete Booking Page',
			action: 'Delete a booking page',
			method: 'DELETE',
			path: '/api/booking-pages/{bookingPageId}',
			fields: [bookingPageLocator()],
		},
		{
			value: 'get',
			name: 'Get Booking Page',
			action: 'Get a booking page',
			method: 'GET',
			path: '/api/booking-pages/{bookingPageId}',
			fields: [bookingPageLocator()],
		},
		{
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many booking pages',
			method: 'GET',
			path: '/api/booking-pages',
			list: true,
			fields: [],
		},
		{
			value: 'update',
			name: 'Update Booking Page',
			action: 'Update a booking page',
			method: 'PUT',
			path: '/api/booking-pages/{bookingPageId}',
			jsonBody: 'jsonBody',
			fields: [
				bookingPageLocator(),
				...inCollection('updateFields', [
					body('string', 'name', 'Name', { description: 'New name of the booking page' }),
					...pageFields(),
				]),
				rawBody(),
			],
		},
		{
			value: 'getAvailableSlots',
			name: 'Get Available Slots',
			action: 'Get available slots of a booking page',
			description: 'Compute the free time slots of a booking page between two dates',
			method: 'POST',
			path: '/api/booking-pages/{bookingPageId}/slots',
			jsonBody: 'jsonBody',
			fields: [
				bookingPageLocator(),
				slotDay('startDate', 'Start Date', 'First day to compute slots for'),
				slotDay('endDate', 'End Date', 'Last day to compute slots for'),
				rawBody(),
			],
		},
		{
			value: 'getBookings',
			name: 'Get Many Bookings',
			action: 'Get upcoming bookings of a booking page',
			method: 'GET',
			path: '/api/booking-pages/{bookingPageId}/bookings',
			list: true,
			fields: [bookingPageLocator()],
		},
		{
			value: 'getCollaborators',
			name: 'Get Many Collaborators',
			action: 'Get collaborators of a booking page',
			method: 'GET',
			path: '/api/booking-pages/{bookingPageId}/collaborators',
			list: true,
			fields: [bookingPageLocator()],
		},
		{
			value: 'addCollaborator',
			name: 'Add Collaborator',
			action: 'Add a collaborator to a booking page',
			method: 'POST',
			path: '/api/booking-pages/{bookingPageId}/collaborators',
			jsonBody: 'jsonBody',
			fields: [bookingPageLocator(), collaboratorEmail(), rawBody()],
		},
		{
			value: 'updateCollaborator',
			name: 'Update Collaborator',
			action: 'Update a collaborator of a booking page',
			method: 'PUT',
			path: '/api/booking-pages/{bookingPageId}/collaborators',
			jsonBody: 'jsonBody',
			fields: [bookingPageLocator(), collaboratorEmail(), rawBody()],
		},
		{
			value: 'deleteCollaborator',
			name: 'Delete Collaborator',
			action: 'Remove a collaborator from a booking page',
			method: 'DELETE',
			path: '/api/booking-pages/{bookingPageId}/collaborators',
			jsonBody: 'jsonBody',
			fields: [bookingPageLocator(), collaboratorEmail(), rawBody()],
		},
	],
};
