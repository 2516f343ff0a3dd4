/** Room: permanent meeting rooms. */
import type { ResourceSpec } from '../../common/describe';
import { body, inCollection, rawBody } from '../../common/fields';
import { participantsField, roomLocator } from '../shared/fields';

const roomFields = () =>
	inCollection('updateFields', [
		body('string', 'name', 'Name', { description: 'Name of the room' }),
		body('string', 'description', 'Description', { description: 'Text shown in the room' }),
	]);

export const room: ResourceSpec = {
	value: 'room',
	name: 'Room',
	operations: [
		{
			value: 'create',
			name: 'Create',
			action: 'Create a room',
			method: 'POST',
			path: '/api/rooms',
			jsonBody: 'jsonBody',
			fields: [
				body('string', 'name', 'Name', { required: true, description: 'Name of the room' }),
				rawBody(),
			],
		},
		{
			value: 'delete',
			name: 'Delete',
			action: 'Delete a room',
			method: 'DELETE',
			path: '/api/rooms/{roomId}',
			fields: [roomLocator()],
		},
		{
			value: 'get',
			name: 'Get',
			action: 'Get a room',
			method: 'GET',
			path: '/api/rooms/{roomId}',
			fields: [roomLocator()],
		},
		{
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many rooms',
			method: 'GET',
			path: '/api/rooms',
			list: true,
			fields: [],
		},
		{
			value: 'update',
			name: 'Update',
			action: 'Update a room',
			method: 'PUT',
			path: '/api/rooms/{roomId}',
			jsonBody: 'jsonBody',
			fields: [roomLocator(), ...roomFields(), rawBody()],
		},
		{
			value: 'clone',
			name: 'Clone',
			action: 'Clone a room',
			method: 'POST',
			path: '/api/rooms/{roomId}/clone',
			jsonBody: 'jsonBody',
			fields: [roomLocator(), ...roomFields(), rawBody()],
		},
		{
			value: 'share',
			name: 'Share',
			action: 'Share a room',
			method: 'POST',
			path: '/api/rooms/{roomId}/share',
			jsonBody: 'jsonBody',
			fields: [roomLocator(), participantsField(), rawBody()],
		},
	],
};
