/** Fields several Sessions resources share. */
import type { FieldSpec } from '../../common/describe';
import { body, locator } from '../../common/fields';

export const bookingPageLocator = (extra: Partial<FieldSpec> = {}): FieldSpec =>
	locator('bookingPageId', 'Booking Page', 'searchBookingPages', {
		description: 'The booking page to use',
		...extra,
	});

export const roomLocator = (): FieldSpec =>
	locator('roomId', 'Room', 'searchRooms', { description: 'The room to use' });

export const sessionLocator = (): FieldSpec =>
	locator('sessionId', 'Session', 'searchSessions', { description: 'The session to use' });

export const eventLocator = (): FieldSpec =>
	locator('eventId', 'Event or Session', 'searchEvents', {
		description: 'The event, or the session behind an event (the API accepts either ID)',
	});

export const bookingLocator = (): FieldSpec =>
	locator('bookingId', 'Booking', 'searchBookings', { description: 'The booking to use' });

/** Date-times go out as entered: Sessions reads them with the separate time zone field. */
const asGiven = { asGiven: true };

/** Time-window fields used when creating sessions and events. */
export function scheduleFields(required: boolean): FieldSpec[] {
	return [
		body('dateTime', 'startAt', 'Starts At', {
			required,
			description: 'When it starts (ISO 8601)',
			...asGiven,
		}),
		body('dateTime', 'plannedEnd', 'Ends At', {
			required,
			description: 'When it is planned to end (ISO 8601)',
			...asGiven,
		}),
		body('string', 'timeZone', 'Time Zone', {
			required,
			placeholder: 'e.g. Europe/Madrid',
			description: 'IANA time zone the times refer to',
		}),
	];
}

/** "Participants": comma-separated e-mails sent as `participants: [{email}]`. */
export const participantsField = (): FieldSpec =>
	body('emails', 'participantEmails', 'Participant Emails', {
		key: 'participants',
		required: true,
		placeholder: 'e.g. ana@example.com, li@example.com',
		description: 'Comma-separated e-mail addresses, sent as participants: [{email}]',
	});

export const startAt = (description: string, required = false): FieldSpec =>
	body('dateTime', 'startAt', 'Starts At', { required, description, ...asGiven });
