/** Fields several Sessions resources share. */
import type { INodeProperties } from 'n8n-workflow';

import { bodyField, idLocator } from '../../common/fields';

export const bookingPageLocator = (resource: string, operations: string[]): INodeProperties =>
	idLocator('Booking Page', 'bookingPageId', resource, operations, 'searchBookingPages', {
		description: 'The booking page to use',
	});

export const roomLocator = (resource: string, operations: string[]): INodeProperties =>
	idLocator('Room', 'roomId', resource, operations, 'searchRooms', {
		description: 'The room to use',
	});

export const sessionLocator = (resource: string, operations: string[]): INodeProperties =>
	idLocator('Session', 'sessionId', resource, operations, 'searchSessions', {
		description: 'The session to use',
	});

export const eventLocator = (resource: string, operations: string[]): INodeProperties =>
	idLocator('Event or Session', 'eventId', resource, operations, 'searchEvents', {
		description: 'The event, or the session behind an event (the API accepts either ID)',
	});

export const bookingLocator = (resource: string, operations: string[]): INodeProperties =>
	idLocator('Booking', 'bookingId', resource, operations, 'searchBookings', {
		description: 'The booking to use',
	});

/** Time-window fields used when creating sessions and events. */
export function scheduleFields(
	resource: string,
	operations: string[],
	required: boolean,
): INodeProperties[] {
	return [
		bodyField('dateTime', 'Starts At', 'startAt', resource, operations, {
			required,
			description: 'When it starts (ISO 8601)',
		}),
		bodyField('dateTime', 'Ends At', 'plannedEnd', resource, operations, {
			required,
			description: 'When it is planned to end (ISO 8601)',
		}),
		bodyField('string', 'Time Zone', 'timeZone', resource, operations, {
			required,
			placeholder: 'e.g. Europe/Madrid',
			description: 'IANA time zone the times refer to',
		}),
	];
}

/** "Participants": comma-separated e-mails sent as `participants: [{email}]`. */
export function participantsField(resource: string, operations: string[]): INodeProperties {
	return {
		displayName: 'Participant Emails',
		name: 'participantEmails',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. ana@example.com, li@example.com',
		description: 'Comma-separated e-mail addresses, sent as participants: [{email}]',
		displayOptions: { show: { resource: [resource], operation: operations } },
		routing: {
			send: {
				type: 'body',
				property: 'participants',
				value:
					'={{ String($value).split(",").map(e => e.trim()).filter(e => e).map(email => ({ email })) }}',
			},
		},
	};
}
