/** Workday: working-day patterns (hours per weekday, time zone) agents and holidays refer to. */
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

const schema = 'Workdays';
const workdayId = (sendAsBodyId = false) =>
	recordLocator('Workday', 'workdayId', 'searchWorkdays', { sendAsBodyId });

const REQUIRED = ['name'];
/** The optional fields of a workday (types from the OpenAPI document). */
const WORKDAY = [
	'summary',
	'timezone',
	'start',
	'end',
	'alldayssame',
	'incmonday',
	'inctuesday',
	'incwednesday',
	'incthursday',
	'incfriday',
	'incsaturday',
	'incsunday',
	'access_control_level',
];

export const workday: ResourceSpec = {
	value: 'workday',
	name: 'Workday',
	operations: [
		haloOperation('getAll', 'Get Many', 'Get many workdays', 'GET', '/Workday', {
			list: true,
			jsonQuery: 'queryJson',
			fields: [...queryFields('GET', '/Workday'), queryJsonField()],
		}),
		haloOperation('create', 'Create', 'Create a workday', 'POST', '/Workday', {
			...RECORD_WRITE,
			fields: [
				...bodyFields(schema, REQUIRED, { required: true }),
				...bodyFields(schema, WORKDAY, { collection: 'additionalFields' }),
				batchField(),
				recordJsonField(),
			],
		}),
		haloOperation('update', 'Update', 'Update a workday', 'POST', '/Workday', {
			...RECORD_WRITE,
			fields: [
				workdayId(true),
				...bodyFields(schema, [...REQUIRED, ...WORKDAY], { collection: 'updateFields' }),
				batchField(),
				recordJsonField(),
			],
		}),
		haloOperation('get', 'Get', 'Get a workday', 'GET', '/Workday/{id}', {
			idParameter: 'workdayId',
			fields: [workdayId(), ...queryFields('GET', '/Workday/{id}', 'options')],
		}),
		haloOperation('delete', 'Delete', 'Delete a workday', 'DELETE', '/Workday/{id}', {
			idParameter: 'workdayId',
			fields: [workdayId()],
		}),
	],
};
