/** Booking: meetings booked through booking pages. */
import type { INodeProperties } from 'n8n-workflow';

import { resourceProperties, type OperationDefinition } from '../../../common/declarative';
import { bodyField, collectionOption, idLocator, jsonBodyField } from '../../../common/fields';
import { bookingLocator } from '../../shared/fields';
import { sessionsLabels, sessionsVendor } from '../../shared/vendor';

const r = 'booking';

export const bookingOperations: OperationDefinition[] = [
	{
		value: 'create',
		name: 'Create',
		action: 'Create a booking',
		method: 'POST',
		path: '/api/bookings',
		jsonBody: 'jsonBody',
	},
	{
		value: 'delete',
		name: 'Delete',
		action: 'Delete a booking',
		method: 'DELETE',
		path: '/api/bookings/{bookingId}',
	},
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many bookings',
		method: 'GET',
		path: '/api/bookings',
		list: true,
	},
	{
		value: 'update',
		name: 'Update',
		action: 'Update a booking',
		method: 'PUT',
		path: '/api/bookings/{bookingId}',
		jsonBody: 'jsonBody',
	},
	{
		value: 'cancel',
		name: 'Cancel',
		action: 'Cancel a booking',
		method: 'POST',
		path: '/api/bookings/{bookingId}',
		jsonBody: 'jsonBody',
	},
	{
		value: 'changeCollaborator',
		name: 'Change Collaborator',
		action: 'Change the collaborator of a booking',
		method: 'POST',
		path: '/api/bookings/{bookingId}/collaborator',
		jsonBody: 'jsonBody',
	},
];

/** Fields shared by "create a booking" here and by the guest variant. */
export function bookingCreateFields(resource: string, operations: string[]): INodeProperties[] {
	return [
		idLocator('Booking Page', 'bookingPageId', resource, operations, 'searchBookingPages', {
			description: 'The booking page the booking is made on',
			sendAsBody: 'bookingPageId',
		}),
		bodyField('dateTime', 'Starts At', 'startAt', resource, operations, {
			required: true,
			description: 'Start of the booked slot',
		}),
		bodyField('string', 'Guest Name', 'name', resource, operations, { required: true }),
		bodyField('string', 'Guest Email', 'email', resource, operations, {
			required: true,
			placeholder: 'name@email.com',
		}),
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: { show: { resource: [resource], operation: operations } },
			options: [
				collectionOption('string', 'Time Zone', 'timeZone', { placeholder: 'e.g. Europe/Madrid' }),
				collectionOption('string', 'Notes', 'notes'),
			],
		},
	];
}

export const bookingProperties: INodeProperties[] = resourceProperties(
	sessionsVendor,
	r,
	bookingOperations,
	sessionsLabels,
	[
		bookingLocator(r, ['delete', 'update', 'cancel', 'changeCollaborator']),
		...bookingCreateFields(r, ['create']),
		bodyField('dateTime', 'Starts At', 'startAt', r, ['update'], {
			description: 'New start of the booked slot',
		}),
		bodyField('string', 'Reason', 'reason', r, ['cancel'], {
			description: 'Why the booking is cancelled',
		}),
		bodyField('string', 'Collaborator Email', 'email', r, ['changeCollaborator'], {
			required: true,
			placeholder: 'name@email.com',
		}),
		jsonBodyField(r, ['create', 'update', 'cancel', 'changeCollaborator']),
	],
);
