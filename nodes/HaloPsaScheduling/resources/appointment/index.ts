/** Appointment: calendar events, tasks and shifts; booking availability, bookings, generation from recurring templates. */
import type { INodeProperties } from 'n8n-workflow';

import { resourceProperties, type OperationDefinition } from '../../../common/declarative';
import {
	RECORD_WRITE,
	batchField,
	bodyCollection,
	bodyFields,
	haloOperation,
	idListBody,
	idListField,
	queryCollection,
	queryJsonField,
	recordJsonField,
	recordLocator,
} from '../../shared/fields';
import { haloLabels, haloVendor } from '../../shared/vendor';

const r = 'appointment';
const schema = 'Appointment';
const BOOKING_FIELDS = [
	'resourcebookingtype',
	'resource_booking_timeslot',
	'booking_name',
	'booking_email',
	'booking_phonenumber',
];

export const appointmentOperations: OperationDefinition[] = [
	haloOperation('getAll', 'Get Many', 'Get many appointments', 'GET', '/Appointment', {
		list: true,
		jsonQuery: 'queryJson',
	}),
	haloOperation('create', 'Create', 'Create an appointment', 'POST', '/Appointment', RECORD_WRITE),
	haloOperation('update', 'Update', 'Update an appointment', 'POST', '/Appointment', RECORD_WRITE),
	haloOperation('get', 'Get', 'Get an appointment', 'GET', '/Appointment/{id}', {
		idParameter: 'appointmentId',
	}),
	haloOperation('delete', 'Delete', 'Delete an appointment', 'DELETE', '/Appointment/{id}', {
		idParameter: 'appointmentId',
	}),
	haloOperation(
		'getBookingAvailability',
		'Get Booking Availability',
		'Get booking availability',
		'GET',
		'/Appointment/Booking',
		{ jsonQuery: 'queryJson' },
	),
	haloOperation(
		'createBooking',
		'Create Booking',
		'Create a booking',
		'POST',
		'/Appointment/Booking',
		{ jsonBody: 'jsonBody' },
	),
	haloOperation('generate', 'Generate', 'Generate appointments', 'POST', '/Appointment/Generate', {
		buildBody: idListBody('appointmentIds', 'Appointment IDs'),
	}),
];

export const appointmentProperties: INodeProperties[] = resourceProperties(
	haloVendor,
	r,
	appointmentOperations,
	haloLabels,
	[
		recordLocator('Appointment', 'appointmentId', r, ['get', 'delete'], 'searchAppointments'),
		recordLocator('Appointment', 'appointmentId', r, ['update'], 'searchAppointments', {
			sendAsBodyId: true,
		}),
		...bodyFields(schema, ['subject', 'start_date', 'end_date'], r, ['create']),
		bodyCollection(schema, r, ['create'], {
			exclude: ['subject', 'start_date', 'end_date', ...BOOKING_FIELDS],
		}),
		bodyCollection(schema, r, ['update'], { exclude: BOOKING_FIELDS, name: 'updateFields' }),
		...bodyFields(schema, ['resourcebookingtype'], r, ['createBooking']),
		bodyCollection(schema, r, ['createBooking'], { exclude: ['resourcebookingtype'] }),
		idListField(
			'Appointment IDs',
			'appointmentIds',
			r,
			['generate'],
			'IDs of the appointments (recurring templates) to generate appointments from, separated by commas',
		),
		batchField(r, ['create', 'update']),
		recordJsonField(r, ['create', 'update', 'createBooking']),
		...queryCollection(r, 'getAll', 'GET', '/Appointment'),
		...queryCollection(r, 'get', 'GET', '/Appointment/{id}', 'options'),
		...queryCollection(r, 'delete', 'DELETE', '/Appointment/{id}', 'options'),
		queryJsonField(r, ['getAll', 'getBookingAvailability']),
	],
);
