/** Event: public, registration-based sessions. Actions accept an event ID or the session ID behind it. */
import type { ResourceSpec } from '../../common/describe';
import { body, rawBody } from '../../common/fields';
import { eventLocator, scheduleFields } from '../shared/fields';

export const attendeeFields = () => [
	body('string', 'email', 'Email', {
		required: true,
		placeholder: 'name@email.com',
		description: 'E-mail address of the attendee',
	}),
	body('string', 'name', 'Name', { description: 'Full name of the attendee' }),
];

export const event: ResourceSpec = {
	value: 'event',
	name: 'Event',
	operations: [
		{
			value: 'create',
			name: 'Create',
			action: 'Create an event',
			method: 'POST',
			path: '/api/events',
			jsonBody: 'jsonBody',
			fields: [
				body('string', 'name', 'Name', { required: true, description: 'Name of the event' }),
				...scheduleFields(true),
				body('string', 'slug', 'Slug', {
					description: 'URL part of the event page; leave empty to let Sessions derive it',
				}),
				rawBody(),
			],
		},
		{
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many events',
			method: 'GET',
			path: '/api/events',
			list: true,
			fields: [],
		},
		{
			value: 'publish',
			name: 'Publish',
			action: 'Publish an event',
			method: 'POST',
			path: '/api/events/{eventId}/publish',
			fields: [eventLocator()],
		},
		{
			value: 'togglePublic',
			name: 'Toggle Public',
			action: 'Toggle whether an event is public',
			method: 'POST',
			path: '/api/events/{eventId}/toggle-public',
			fields: [eventLocator()],
		},
		{
			value: 'clone',
			name: 'Clone',
			action: 'Clone an event',
			method: 'POST',
			path: '/api/events/{eventId}/clone',
			jsonBody: 'jsonBody',
			fields: [eventLocator(), rawBody()],
		},
		{
			value: 'register',
			name: 'Register',
			action: 'Register someone to an event',
			method: 'POST',
			path: '/api/events/{eventId}/register',
			jsonBody: 'jsonBody',
			fields: [eventLocator(), ...attendeeFields(), rawBody()],
		},
	],
};
