/** Timesheet: an agent's working day (target, actual and break hours), own timesheets and forecasting. */
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

const r = 'timesheet';
const schema = 'Timesheet';

export const timesheetOperations: OperationDefinition[] = [
	haloOperation('getAll', 'Get Many', 'Get many timesheets', 'GET', '/Timesheet', {
		list: true,
		jsonQuery: 'queryJson',
	}),
	haloOperation('create', 'Create', 'Create a timesheet', 'POST', '/Timesheet', RECORD_WRITE),
	haloOperation('update', 'Update', 'Update a timesheet', 'POST', '/Timesheet', RECORD_WRITE),
	haloOperation('getMine', 'Get Mine', 'Get my timesheets', 'GET', '/Timesheet/mine', {
		list: true,
		jsonQuery: 'queryJson',
	}),
	haloOperation(
		'getForecasting',
		'Get Forecasting',
		'Get timesheet forecasting',
		'GET',
		'/Timesheet/forecasting',
		{ jsonQuery: 'queryJson' },
	),
	haloOperation('get', 'Get', 'Get a timesheet', 'GET', '/Timesheet/{id}', {
		idParameter: 'timesheetId',
	}),
];

export const timesheetProperties: INodeProperties[] = resourceProperties(
	haloVendor,
	r,
	timesheetOperations,
	haloLabels,
	[
		recordLocator('Timesheet', 'timesheetId', r, ['get'], 'searchTimesheets'),
		recordLocator('Timesheet', 'timesheetId', r, ['update'], 'searchTimesheets', {
			sendAsBodyId: true,
		}),
		...bodyFields(schema, ['agent_id', 'date'], r, ['create']),
		bodyCollection(schema, r, ['create'], { exclude: ['agent_id', 'date'] }),
		bodyCollection(schema, r, ['update'], { name: 'updateFields' }),
		batchField(r, ['create', 'update']),
		recordJsonField(r, ['create', 'update']),
		...queryCollection(r, 'get', 'GET', '/Timesheet/{id}', 'options'),
		queryJsonField(r, ['getAll', 'getMine', 'getForecasting']),
	],
);
