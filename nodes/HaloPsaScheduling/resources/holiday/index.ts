/** Holiday: leave and public holidays of agents and workdays (IDs are GUIDs). */
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

const r = 'holiday';
const schema = 'Holidays';
const guid = { placeholder: 'e.g. 3f2c9a7e-1b2c-4d5e-8f90-1234567890ab' };

export const holidayOperations: OperationDefinition[] = [
	haloOperation('getAll', 'Get Many', 'Get many holidays', 'GET', '/Holiday', {
		list: true,
		jsonQuery: 'queryJson',
	}),
	haloOperation('create', 'Create', 'Create a holiday', 'POST', '/Holiday', RECORD_WRITE),
	haloOperation('update', 'Update', 'Update a holiday', 'POST', '/Holiday', RECORD_WRITE),
	haloOperation('get', 'Get', 'Get a holiday', 'GET', '/Holiday/{id}', {
		idParameter: 'holidayId',
	}),
	haloOperation('delete', 'Delete', 'Delete a holiday', 'DELETE', '/Holiday/{id}', {
		idParameter: 'holidayId',
	}),
];

export const holidayProperties: INodeProperties[] = resourceProperties(
	haloVendor,
	r,
	holidayOperations,
	haloLabels,
	[
		recordLocator('Holiday', 'holidayId', r, ['get', 'delete'], 'searchHolidays', guid),
		recordLocator('Holiday', 'holidayId', r, ['update'], 'searchHolidays', {
			...guid,
			sendAsBodyId: true,
		}),
		...bodyFields(schema, ['name', 'date'], r, ['create']),
		bodyCollection(schema, r, ['create'], { exclude: ['name', 'date'] }),
		bodyCollection(schema, r, ['update'], { name: 'updateFields' }),
		batchField(r, ['create', 'update']),
		recordJsonField(r, ['create', 'update']),
		...queryCollection(r, 'getAll', 'GET', '/Holiday'),
		...queryCollection(r, 'get', 'GET', '/Holiday/{id}', 'options'),
		queryJsonField(r, ['getAll']),
	],
);
