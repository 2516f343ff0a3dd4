/**
 * Downtime: planned downtime records and their calendar. The OpenAPI document has no Downtime
 * schema, so records are entered as JSON.
 */
import type { INodeProperties } from 'n8n-workflow';

import { resourceProperties, type OperationDefinition } from '../../../common/declarative';
import {
	batchField,
	haloOperation,
	queryJsonField,
	RECORD_WRITE,
	recordJsonField,
	recordLocator,
} from '../../shared/fields';
import { haloLabels, haloVendor } from '../../shared/vendor';

const r = 'downtime';

export const downtimeOperations: OperationDefinition[] = [
	haloOperation('getAll', 'Get Many', 'Get many downtime records', 'GET', '/Downtime', {
		list: true,
		jsonQuery: 'queryJson',
	}),
	haloOperation('create', 'Create', 'Create a downtime record', 'POST', '/Downtime', RECORD_WRITE),
	haloOperation('update', 'Update', 'Update a downtime record', 'POST', '/Downtime', RECORD_WRITE),
	haloOperation('get', 'Get', 'Get a downtime record', 'GET', '/Downtime/{id}', {
		idParameter: 'downtimeId',
	}),
	haloOperation('delete', 'Delete', 'Delete a downtime record', 'DELETE', '/Downtime/{id}', {
		idParameter: 'downtimeId',
	}),
	haloOperation(
		'getCalendar',
		'Get Calendar',
		'Get the downtime calendar',
		'GET',
		'/Downtime/DowntimeCalendar',
		{ jsonQuery: 'queryJson' },
	),
];

export const downtimeProperties: INodeProperties[] = resourceProperties(
	haloVendor,
	r,
	downtimeOperations,
	haloLabels,
	[
		recordLocator('Downtime Record', 'downtimeId', r, ['get', 'delete'], 'searchDowntimes'),
		recordLocator('Downtime Record', 'downtimeId', r, ['update'], 'searchDowntimes', {
			sendAsBodyId: true,
		}),
		recordJsonField(r, ['create'], { required: true, displayName: 'Downtime Record (JSON)' }),
		recordJsonField(r, ['update'], { displayName: 'Fields to Update (JSON)' }),
		batchField(r, ['create', 'update']),
		queryJsonField(r, ['getAll', 'getCalendar']),
	],
);
