/**
 * Downtime: planned downtime records and their calendar. The OpenAPI document has no Downtime
 * schema, so records are entered as JSON.
 */
import type { ResourceSpec } from '../../common/describe';
import {
	RECORD_WRITE,
	batchField,
	haloOperation,
	queryJsonField,
	recordJsonField,
	recordLocator,
} from '../shared/fields';

const downtimeId = (sendAsBodyId = false) =>
	recordLocator('Downtime Record', 'downtimeId', 'searchDowntimes', { sendAsBodyId });

export const downtime: ResourceSpec = {
	value: 'downtime',
	name: 'Downtime',
	operations: [
		haloOperation('getAll', 'Get Many', 'Get many downtime records', 'GET', '/Downtime', {
			list: true,
			jsonQuery: 'queryJson',
			fields: [queryJsonField()],
		}),
		haloOperation('create', 'Create', 'Create a downtime record', 'POST', '/Downtime', {
			...RECORD_WRITE,
			fields: [recordJsonField({ required: true, label: 'Downtime Record (JSON)' }), batchField()],
		}),
		haloOperation('update', 'Update', 'Update a downtime record', 'POST', '/Downtime', {
			...RECORD_WRITE,
			repeatable: true,
			fields: [
				downtimeId(true),
				batchField(),
				recordJsonField({ label: 'Fields to Update (JSON)' }),
			],
		}),
		haloOperation('get', 'Get Downtime Record', 'Get a downtime record', 'GET', '/Downtime/{id}', {
			idParameter: 'downtimeId',
			fields: [downtimeId()],
		}),
		haloOperation('delete', 'Delete', 'Delete a downtime record', 'DELETE', '/Downtime/{id}', {
			idParameter: 'downtimeId',
			fields: [downtimeId()],
		}),
		haloOperation(
			'getCalendar',
			'Get Calendar',
			'Get the downtime calendar',
			'GET',
			'/Downtime/DowntimeCalendar',
			{ jsonQuery: 'queryJson', fields: [queryJsonField()] },
		),
	],
};
