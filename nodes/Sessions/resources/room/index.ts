/** Room: permanent meeting rooms. */
import type { INodeProperties } from 'n8n-workflow';

import { resourceProperties, type OperationDefinition } from '../../../common/declarative';
import { bodyField, collectionOption, jsonBodyField } from '../../../common/fields';
import { participantsField, roomLocator } from '../../shared/fields';
import { sessionsLabels, sessionsVendor } from '../../shared/vendor';

const r = 'room';

export const roomOperations: OperationDefinition[] = [
	{
		value: 'create',
		name: 'Create',
		action: 'Create a room',
		method: 'POST',
		path: '/api/rooms',
		jsonBody: 'jsonBody',
	},
	{
		value: 'delete',
		name: 'Delete',
		action: 'Delete a room',
		method: 'DELETE',
		path: '/api/rooms/{roomId}',
	},
	{ value: 'get', name: 'Get', action: 'Get a room', method: 'GET', path: '/api/rooms/{roomId}' },
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many rooms',
		method: 'GET',
		path: '/api/rooms',
		list: true,
	},
	{
		value: 'update',
		name: 'Update',
		action: 'Update a room',
		method: 'PUT',
		path: '/api/rooms/{roomId}',
		jsonBody: 'jsonBody',
	},
	{
		value: 'clone',
		name: 'Clone',
		action: 'Clone a room',
		method: 'POST',
		path: '/api/rooms/{roomId}/clone',
		jsonBody: 'jsonBody',
	},
	{
		value: 'share',
		name: 'Share',
		action: 'Share a room',
		method: 'POST',
		path: '/api/rooms/{roomId}/share',
		jsonBody: 'jsonBody',
	},
];

export const roomProperties: INodeProperties[] = resourceProperties(
	sessionsVendor,
	r,
	roomOperations,
	sessionsLabels,
	[
		roomLocator(r, ['delete', 'get', 'update', 'clone', 'share']),
		bodyField('string', 'Name', 'name', r, ['create'], {
			required: true,
			description: 'Name of the room',
		}),
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: { show: { resource: [r], operation: ['update', 'clone'] } },
			options: [
				collectionOption('string', 'Name', 'name'),
				collectionOption('string', 'Description', 'description'),
			],
		},
		participantsField(r, ['share']),
		jsonBodyField(r, ['create', 'update', 'clone', 'share']),
	],
);
