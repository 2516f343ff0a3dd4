/** Event: public, registration-based sessions. Actions accept an event ID or the session ID behind it. */
import type { INodeProperties } from 'n8n-workflow';

import { resourceProperties, type OperationDefinition } from '../../../common/declarative';
import { bodyField, jsonBodyField } from '../../../common/fields';
import { eventLocator, scheduleFields } from '../../shared/fields';
import { sessionsLabels, sessionsVendor } from '../../shared/vendor';

const r = 'event';

export const eventOperations: OperationDefinition[] = [
	{
		value: 'create',
		name: 'Create',
		action: 'Create an event',
		method: 'POST',
		path: '/api/events',
		jsonBody: 'jsonBody',
	},
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many events',
		method: 'GET',
		path: '/api/events',
		list: true,
	},
	{
		value: 'publish',
		name: 'Publish',
		action: 'Publish an event',
		method: 'POST',
		path: '/api/events/{eventId}/publish',
	},
	{
		value: 'togglePublic',
		name: 'Toggle Public',
		action: 'Toggle whether an event is public',
		method: 'POST',
		path: '/api/events/{eventId}/toggle-public',
	},
	{
		value: 'clone',
		name: 'Clone',
		action: 'Clone an event',
		method: 'POST',
		path: '/api/events/{eventId}/clone',
		jsonBody: 'jsonBody',
	},
	{
		value: 'register',
		name: 'Register',
		action: 'Register someone to an event',
		method: 'POST',
		path: '/api/events/{eventId}/register',
		jsonBody: 'jsonBody',
	},
];

export const eventProperties: INodeProperties[] = resourceProperties(
	sessionsVendor,
	r,
	eventOperations,
	sessionsLabels,
	[
		eventLocator(r, ['publish', 'togglePublic', 'clone', 'register']),
		bodyField('string', 'Name', 'name', r, ['create'], {
			required: true,
			description: 'Name of the event',
		}),
		bodyField('string', 'Slug', 'slug', r, ['create'], {
			description: 'URL part of the event page; leave empty to let Sessions derive it',
		}),
		...scheduleFields(r, ['create'], true),
		bodyField('string', 'Email', 'email', r, ['register'], {
			required: true,
			placeholder: 'name@email.com',
		}),
		bodyField('string', 'Name', 'name', r, ['register'], {
			description: 'Full name of the attendee',
		}),
		jsonBodyField(r, ['create', 'clone', 'register']),
	],
);
