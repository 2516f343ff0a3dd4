/** Timesheet Event: the entries of a timesheet (work, breaks, travel). */
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

const r = 'timesheetEvent';
const schema = 'TimesheetEvent';

export const timesheetEventOperations: OperationDefinition[] = [
	haloOperation('getAll', 'Get Many', 'Get many timesheet events', 'GET', '/TimesheetEvent', {
		list: true,
		jsonQuery: 'queryJson',
	}),
	haloOperation(
		'create',
		'Create',
		'Create a timesheet event',
		'POST',
		'/TimesheetEvent',
		RECORD_WRITE,
	),
	haloOperation(
		'update',
		'Update',
		'Update a timesheet event',
		'POST',
		'/TimesheetEvent',
		RECORD_WRITE,
	),
	haloOperation('getMine', 'Get Mine', 'Get my timesheet events', 'GET', '/TimesheetEvent/mine', {
		list: true,
		jsonQuery: 'queryJson',
	}),
	haloOperation('get', 'Get', 'Get a timesheet event', 'GET', '/TimesheetEvent/{id}', {
		idParameter: 'timesheetEventId',
	}),
	haloOperation('delete', 'Delete', 'Delete a timesheet event', 'DELETE', '/TimesheetEvent/{id}', {
		idParameter: 'timesheetEventId',
	}),
];

export const timesheetEventProperties: INodeProperties[] = resourceProperties(
	haloVendor,
	r,
	timesheetEventOperations,
	haloLabels,
	[
		recordLocator(
			'Timesheet Event',
			'timesheetEventId',
			r,
			['get', 'delete'],
			'searchTimesheetEvents',
		),
		recordLocator('Timesheet Event', 'timesheetEventId', r, ['update'], 'searchTimesheetEvents', {
			sendAsBodyId: true,
		}),
		...bodyFields(schema, ['start_date', 'end_date'], r, ['create']),
		bodyCollection(schema, r, ['create'], { exclude: ['start_date', 'end_date'] }),
		bodyCollection(schema, r, ['update'], { name: 'updateFields' }),
		batchField(r, ['create', 'update']),
		recordJsonField(r, ['create', 'update']),
		...queryCollection(r, 'getAll', 'GET', '/TimesheetEvent'),
		...queryCollection(r, 'get', 'GET', '/TimesheetEvent/{id}', 'options'),
		queryJsonField(r, ['getAll', 'getMine']),
	],
);
