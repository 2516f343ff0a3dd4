/** Appointment: calendar events, tasks and shifts; booking availability, bookings, generation from recurring templates. */
import type { ResourceSpec } from '../../common/describe';
import {
	RECORD_WRITE,
	SIMPLE_APPOINTMENT,
	batchField,
	bodyFields,
	haloOperation,
	idListBody,
	idListField,
	queryFields,
	queryJsonField,
	recordJsonField,
	recordLocator,
} from '../shared/fields';

const schema = 'Appointment';
const appointmentId = (sendAsBodyId = false) =>
	recordLocator('Appointment', 'appointmentId', 'searchAppointments', { sendAsBodyId });

/** Fields of a booking made through a booking type. */
const BOOKING = [
	'resource_booking_timeslot',
	'booking_name',
	'booking_email',
	'booking_phonenumber',
];
/**
 * The fields an appointment can be given (types from the OpenAPI document). Add a property of the
 * Appointment schema here to offer it on Create and Update, or to one operation's list below.
 */
const APPOINTMENT = [
	'allday',
	'agent_id',
	'appointment_type_id',
	'client_id',
	'site_id',
	'user_id',
	'ticket_id',
	'note',
	'is_private',
	'is_task',
	'reminderminutes',
	'online_meeting_url',
	'appointment_location_free_text',
	'inform_agents',
	'inform_user',
	'colour',
	'complete_status',
];
const REQUIRED = ['subject', 'start_date', 'end_date'];

export const appointment: ResourceSpec = {
	value: 'appointment',
	name: 'Appointment',
	operations: [
		haloOperation('getAll', 'Get Many', 'Get many appointments', 'GET', '/Appointment', {
			list: true,
			simplify: SIMPLE_APPOINTMENT,
			jsonQuery: 'queryJson',
			fields: [...queryFields('GET', '/Appointment'), queryJsonField()],
		}),
		haloOperation('create', 'Create Appointment', 'Create an appointment', 'POST', '/Appointment', {
			...RECORD_WRITE,
			fields: [
				...bodyFields(schema, REQUIRED, { required: true }),
				...bodyFields(schema, APPOINTMENT, { collection: 'additionalFields' }),
				batchField(),
				recordJsonField(),
			],
		}),
		haloOperation('update', 'Update', 'Update an appointment', 'POST', '/Appointment', {
			...RECORD_WRITE,
			fields: [
				appointmentId(true),
				...bodyFields(schema, [...REQUIRED, ...APPOINTMENT], { collection: 'updateFields' }),
				batchField(),
				recordJsonField(),
			],
		}),
		haloOperation('get', 'Get Appointment', 'Get an appointment', 'GET', '/Appointment/{id}', {
			idParameter: 'appointmentId',
			simplify: SIMPLE_APPOINTMENT,
			fields: [appointmentId(), ...queryFields('GET', '/Appointment/{id}', 'options')],
		}),
		haloOperation('delete', 'Delete', 'Delete an appointment', 'DELETE', '/Appointment/{id}', {
			idParameter: 'appointmentId',
			fields: [appointmentId(), ...queryFields('DELETE', '/Appointment/{id}', 'options')],
		}),
		haloOperation(
			'getBookingAvailability',
			'Get Booking Availability',
			'Get booking availability',
			'GET',
			'/Appointment/Booking',
			{ jsonQuery: 'queryJson', fields: [queryJsonField()] },
		),
		haloOperation(
			'createBooking',
			'Create Booking',
			'Create a booking',
			'POST',
			'/Appointment/Booking',
			{
				jsonBody: 'jsonBody',
				fields: [
					...bodyFields(schema, ['resourcebookingtype'], { required: true }),
					...bodyFields(schema, [...REQUIRED, ...APPOINTMENT, ...BOOKING], {
						collection: 'additionalFields',
					}),
					recordJsonField(),
				],
			},
		),
		haloOperation(
			'generate',
			'Generate',
			'Generate appointments',
			'POST',
			'/Appointment/Generate',
			{
				buildBody: idListBody('appointmentIds', 'Appointment IDs'),
				fields: [
					idListField(
						'Appointment Names or IDs',
						'appointmentIds',
						'getRecurringAppointments',
						'The recurring appointments (templates) to generate appointments from',
					),
				],
			},
		),
	],
};
