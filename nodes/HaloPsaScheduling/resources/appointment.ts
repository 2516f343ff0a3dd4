/** Appointment: calendar events, tasks and shifts; booking availability, bookings, generation from recurring templates. */
import type { ResourceSpec } from '../../common/describe';
import {
	SIMPLE_APPOINTMENT,
	bodyFields,
	haloOperation,
	idListBody,
	idListField,
	names,
	queryFields,
	queryJsonField,
	recordDelete,
	recordGet,
	recordJsonField,
	recordLocator,
	recordWrites,
	type RecordType,
} from '../shared/fields';

const schema = 'Appointment';

/** Fields of a booking made through a booking type. */
const BOOKING = names('resource_booking_timeslot booking_name booking_email booking_phonenumber');
/**
 * The fields an appointment can be given (types from the OpenAPI document). Add a property of the
 * Appointment schema here to offer it on Create and Update, or to one operation's list below.
 */
const APPOINTMENT = names(
	'allday agent_id appointment_type_id client_id site_id user_id ticket_id note is_private is_task reminderminutes online_meeting_url appointment_location_free_text inform_agents inform_user colour complete_status',
);
const REQUIRED = names('subject start_date end_date');

const record: RecordType = {
	noun: 'appointment',
	path: '/Appointment',
	schema,
	id: (sendAsBodyId = false) =>
		recordLocator('Appointment', 'appointmentId', 'searchAppointments', { sendAsBodyId }),
	required: REQUIRED,
	optional: APPOINTMENT,
	names: { create: 'Create Appointment', get: 'Get Appointment' },
	simplify: SIMPLE_APPOINTMENT,
};

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
		...recordWrites(record),
		recordGet(record),
		recordDelete(record),
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
