/** Schedule: recurring patterns for appointments and other time-based items. */
import type { INodeProperties } from 'n8n-workflow';

import { resourceProperties, type OperationDefinition } from '../../../common/declarative';
import {
	RECORD_WRITE,
	batchField,
	bodyCollection,
	bodyFields,
	haloOperation,
	queryCollection,
	queryJsonField,
	recordJsonField,
	recordLocator,
} from '../../shared/fields';
import { haloLabels, haloVendor } from '../../shared/vendor';

const r = 'schedule';
const schema = 'Schedule';

export const scheduleOperations: OperationDefinition[] = [
	haloOperation('getAll', 'Get Many', 'Get many schedules', 'GET', '/Schedule', {
		list: true,
		jsonQuery: 'queryJson',
	}),
	haloOperation('create', 'Create', 'Create a schedule', 'POST', '/Schedule', RECORD_WRITE),
	haloOperation('update', 'Update', 'Update a schedule', 'POST', '/Schedule', RECORD_WRITE),
	haloOperation('get', 'Get', 'Get a schedule', 'GET', '/Schedule/{id}', {
		idParameter: 'scheduleId',
	}),
];

export const scheduleProperties: INodeProperties[] = resourceProperties(
	haloVendor,
	r,
	scheduleOperations,
	haloLabels,
	[
		recordLocator('Schedule', 'scheduleId', r, ['get'], 'searchSchedules'),
		recordLocator('Schedule', 'scheduleId', r, ['update'], 'searchSchedules', {
			sendAsBodyId: true,
		}),
		...bodyFields(schema, ['subject', 'startdate'], r, ['create']),
		bodyCollection(schema, r, ['create'], { exclude: ['subject', 'startdate'] }),
		bodyCollection(schema, r, ['update'], { name: 'updateFields' }),
		batchField(r, ['create', 'update']),
		recordJsonField(r, ['create', 'update']),
		...queryCollection(r, 'getAll', 'GET', '/Schedule'),
		...queryCollection(r, 'get', 'GET', '/Schedule/{id}', 'options'),
		queryJsonField(r, ['getAll']),
	],
);
