/** Holiday: leave and public holidays of agents and workdays (IDs are GUIDs). */
import type { ResourceSpec } from '../../common/describe';
import {
	RECORD_WRITE,
	batchField,
	bodyFields,
	haloOperation,
	queryFields,
	queryJsonField,
	recordJsonField,
	recordLocator,
} from '../shared/fields';

const schema = 'Holidays';
const holidayId = (sendAsBodyId = false) =>
	recordLocator('Holiday', 'holidayId', 'searchHolidays', {
		sendAsBodyId,
		placeholder: 'e.g. 3f2c9a7e-1b2c-4d5e-8f90-1234567890ab',
	});

const REQUIRED = ['name', 'date'];
/** The optional fields of a holiday (types from the OpenAPI document). */
const HOLIDAY = [
	'end_date',
	'allday',
	'agent_id',
	'workday_id',
	'holiday_type',
	'duration',
	'isrecurring',
	'approvalnote',
];

export const holiday: ResourceSpec = {
	value: 'holiday',
	name: 'Holiday',
	operations: [
		haloOperation('getAll', 'Get Many', 'Get many holidays', 'GET', '/Holiday', {
			list: true,
			jsonQuery: 'queryJson',
			fields: [...queryFields('GET', '/Holiday'), queryJsonField()],
		}),
		haloOperation('create', 'Create', 'Create a holiday', 'POST', '/Holiday', {
			...RECORD_WRITE,
			fields: [
				...bodyFields(schema, REQUIRED, { required: true }),
				...bodyFields(schema, HOLIDAY, { collection: 'additionalFields' }),
				batchField(),
				recordJsonField(),
			],
		}),
		haloOperation('update', 'Update', 'Update a holiday', 'POST', '/Holiday', {
			...RECORD_WRITE,
			fields: [
				holidayId(true),
				...bodyFields(schema, [...REQUIRED, ...HOLIDAY], { collection: 'updateFields' }),
				batchField(),
				recordJsonField(),
			],
		}),
		haloOperation('get', 'Get', 'Get a holiday', 'GET', '/Holiday/{id}', {
			idParameter: 'holidayId',
			fields: [holidayId(), ...queryFields('GET', '/Holiday/{id}', 'options')],
		}),
		haloOperation('delete', 'Delete', 'Delete a holiday', 'DELETE', '/Holiday/{id}', {
			idParameter: 'holidayId',
			fields: [holidayId()],
		}),
	],
};
