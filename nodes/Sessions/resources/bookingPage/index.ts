/** Booking Page: scheduling pages guests book from, their bookings, slots and collaborators. */
import type { INodeProperties } from 'n8n-workflow';

import { resourceProperties, type OperationDefinition } from '../../../common/declarative';
import { bodyField, collectionOption, jsonBodyField } from '../../../common/fields';
import { bookingPageLocator } from '../../shared/fields';
import { sessionsLabels, sessionsVendor } from '../../shared/vendor';

const r = 'bookingPage';

export const bookingPageOperations: OperationDefinition[] = [
	{
		value: 'create',
		name: 'Create',
		action: 'Create a booking page',
		method: 'POST',
		path: '/api/booking-pages',
		jsonBody: 'jsonBody',
	},
	{
		value: 'delete',
		name: 'Delete',
		action: 'Delete a booking page',
		method: 'DELETE',
		path: '/api/booking-pages/{bookingPageId}',
	},
	{
		value: 'get',
		name: 'Get',
		action: 'Get a booking page',
		method: 'GET',
		path: '/api/booking-pages/{bookingPageId}',
	},
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many booking pages',
		method: 'GET',
		path: '/api/booking-pages',
		list: true,
	},
	{
		value: 'update',
		name: 'Update',
		action: 'Update a booking page',
		method: 'PUT',
		path: '/api/booking-pages/{bookingPageId}',
		jsonBody: 'jsonBody',
	},
	{
		value: 'getAvailableSlots',
		name: 'Get Available Slots',
		action: 'Get available slots of a booking page',
		description: 'Compute the free time slots of a booking page between two dates',
		method: 'POST',
		path: '/api/booking-pages/{bookingPageId}/slots',
		jsonBody: 'jsonBody',
	},
	{
		value: 'getBookings',
		name: 'Get Bookings',
		action: 'Get upcoming bookings of a booking page',
		method: 'GET',
		path: '/api/booking-pages/{bookingPageId}/bookings',
		list: true,
	},
	{
		value: 'getCollaborators',
		name: 'Get Collaborators',
		action: 'Get collaborators of a booking page',
		method: 'GET',
		path: '/api/booking-pages/{bookingPageId}/collaborators',
		list: true,
	},
	{
		value: 'addCollaborator',
		name: 'Add Collaborator',
		action: 'Add a collaborator to a booking page',
		method: 'POST',
		path: '/api/booking-pages/{bookingPageId}/collaborators',
		jsonBody: 'jsonBody',
	},
	{
		value: 'updateCollaborator',
		name: 'Update Collaborator',
		action: 'Update a collaborator of a booking page',
		method: 'PUT',
		path: '/api/booking-pages/{bookingPageId}/collaborators',
		jsonBody: 'jsonBody',
	},
	{
		value: 'deleteCollaborator',
		name: 'Delete Collaborator',
		action: 'Remove a collaborator from a booking page',
		method: 'DELETE',
		path: '/api/booking-pages/{bookingPageId}/collaborators',
		jsonBody: 'jsonBody',
	},
];

const pageFields = [
	collectionOption('string', 'Description', 'description'),
	collectionOption('number', 'Duration (Minutes)', 'duration', {
		description: 'Length of one booking',
	}),
	collectionOption('string', 'Time Zone', 'timeZone', { placeholder: 'e.g. Europe/Madrid' }),
	collectionOption('string', 'Slug', 'slug', {
		description: 'URL part of the public booking page',
	}),
];

export const bookingPageProperties: INodeProperties[] = resourceProperties(
	sessionsVendor,
	r,
	bookingPageOperations,
	sessionsLabels,
	[
		bookingPageLocator(r, [
			'delete',
			'get',
			'update',
			'getAvailableSlots',
			'getBookings',
			'getCollaborators',
			'addCollaborator',
			'updateCollaborator',
			'deleteCollaborator',
		]),
		bodyField('string', 'Name', 'name', r, ['create'], {
			required: true,
			description: 'Name of the booking page',
		}),
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: { show: { resource: [r], operation: ['create'] } },
			options: pageFields,
		},
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: { show: { resource: [r], operation: ['update'] } },
			options: [collectionOption('string', 'Name', 'name'), ...pageFields],
		},
		bodyField('dateTime', 'Start Date', 'startDate', r, ['getAvailableSlots'], {
			required: true,
			description: 'First day to compute slots for',
		}),
		bodyField('dateTime', 'End Date', 'endDate', r, ['getAvailableSlots'], {
			required: true,
			description: 'Last day to compute slots for',
		}),
		bodyField(
			'string',
			'Collaborator Email',
			'email',
			r,
			['addCollaborator', 'updateCollaborator', 'deleteCollaborator'],
			{
				required: true,
				placeholder: 'name@email.com',
				description: 'E-mail of the workspace member',
			},
		),
		jsonBodyField(r, [
			'create',
			'update',
			'getAvailableSlots',
			'addCollaborator',
			'updateCollaborator',
			'deleteCollaborator',
		]),
	],
);
