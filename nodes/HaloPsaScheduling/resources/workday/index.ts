/** Workday: working-hours configurations (days, start/end times, time zone). */
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

const r = 'workday';
const schema = 'Workdays';

export const workdayOperations: OperationDefinition[] = [
	haloOperation('getAll', 'Get Many', 'Get many workdays', 'GET', '/Workday', {
		list: true,
		jsonQuery: 'queryJson',
	}),
	haloOperation('create', 'Create', 'Create a workday', 'POST', '/Workday', RECORD_WRITE),
	haloOperation('update', 'Update', 'Update a workday', 'POST', '/Workday', RECORD_WRITE),
	haloOperation('get', 'Get', 'Get a workday', 'GET', '/Workday/{id}', {
		idParameter: 'workdayId',
	}),
	haloOperation('delete', 'Delete', 'Delete a workday', 'DELETE', '/Workday/{id}', {
		idParameter: 'workdayId',
	}),
];

export const workdayProperties: INodeProperties[] = resourceProperties(
	haloVendor,
	r,
	workdayOperations,
	haloLabels,
	[
		recordLocator('Workday', 'workdayId', r, ['get', 'delete'], 'searchWorkdays'),
		recordLocator('Workday', 'workdayId', r, ['update'], 'searchWorkdays', { sendAsBodyId: true }),
		...bodyFields(schema, ['name'], r, ['create']),
		bodyCollection(schema, r, ['create'], { exclude: ['name'] }),
		bodyCollection(schema, r, ['update'], { name: 'updateFields' }),
		batchField(r, ['create', 'update']),
		recordJsonField(r, ['create', 'update']),
		...queryCollection(r, 'getAll', 'GET', '/Workday'),
		...queryCollection(r, 'get', 'GET', '/Workday/{id}', 'options'),
		queryJsonField(r, ['getAll']),
	],
);
