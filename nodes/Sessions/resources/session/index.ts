/** Session: scheduled video meetings, their participants, takeaways and transcripts. */
import type { INodeProperties } from 'n8n-workflow';

import { resourceProperties, type OperationDefinition } from '../../../common/declarative';
import { bodyField, collectionOption, jsonBodyField } from '../../../common/fields';
import { participantsField, scheduleFields, sessionLocator } from '../../shared/fields';
import { sessionsLabels, sessionsVendor } from '../../shared/vendor';

const r = 'session';

export const sessionOperations: OperationDefinition[] = [
	{
		value: 'create',
		name: 'Create',
		action: 'Create a session',
		method: 'POST',
		path: '/api/sessions',
		jsonBody: 'jsonBody',
	},
	{
		value: 'delete',
		name: 'Delete',
		action: 'Delete a session',
		method: 'DELETE',
		path: '/api/sessions/{sessionId}',
	},
	{
		value: 'get',
		name: 'Get',
		action: 'Get a session',
		method: 'GET',
		path: '/api/sessions/{sessionId}',
	},
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many sessions',
		method: 'GET',
		path: '/api/sessions',
		list: true,
	},
	{
		value: 'update',
		name: 'Update',
		action: 'Update a session',
		method: 'PUT',
		path: '/api/sessions/{sessionId}',
		jsonBody: 'jsonBody',
	},
	{
		value: 'getParticipants',
		name: 'Get Participants',
		action: 'Get participants of a session',
		method: 'GET',
		path: '/api/sessions/{sessionId}/participants',
	},
	{
		value: 'addParticipants',
		name: 'Add Participants',
		action: 'Add participants to a session',
		method: 'POST',
		path: '/api/sessions/{sessionId}/participants',
		jsonBody: 'jsonBody',
	},
	{
		value: 'updateParticipants',
		name: 'Update Participants',
		action: 'Update participants of a session',
		method: 'PUT',
		path: '/api/sessions/{sessionId}/participants',
		jsonBody: 'jsonBody',
	},
	{
		value: 'deleteParticipants',
		name: 'Delete Participants',
		action: 'Remove participants from a session',
		method: 'DELETE',
		path: '/api/sessions/{sessionId}/participants',
		jsonBody: 'jsonBody',
	},
	{
		value: 'getTakeaways',
		name: 'Get Takeaways',
		action: 'Get takeaways of a session',
		method: 'GET',
		path: '/api/sessions/{sessionId}/takeaways',
	},
	{
		value: 'getTranscripts',
		name: 'Get Transcripts',
		action: 'Get transcripts of a session',
		method: 'GET',
		path: '/api/sessions/{sessionId}/transcripts',
	},
];

export const sessionProperties: INodeProperties[] = resourceProperties(
	sessionsVendor,
	r,
	sessionOperations,
	sessionsLabels,
	[
		sessionLocator(r, [
			'delete',
			'get',
			'update',
			'getParticipants',
			'addParticipants',
			'updateParticipants',
			'deleteParticipants',
			'getTakeaways',
			'getTranscripts',
		]),
		bodyField('string', 'Name', 'name', r, ['create'], {
			required: true,
			description: 'Name of the session',
		}),
		...scheduleFields(r, ['create'], true),
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: { show: { resource: [r], operation: ['update'] } },
			options: [
				collectionOption('string', 'Name', 'name'),
				collectionOption('dateTime', 'Starts At', 'startAt'),
				collectionOption('dateTime', 'Ends At', 'plannedEnd'),
				collectionOption('string', 'Time Zone', 'timeZone', { placeholder: 'e.g. Europe/Madrid' }),
			],
		},
		participantsField(r, ['addParticipants', 'updateParticipants', 'deleteParticipants']),
		jsonBodyField(r, [
			'create',
			'update',
			'addParticipants',
			'updateParticipants',
			'deleteParticipants',
		]),
	],
);
