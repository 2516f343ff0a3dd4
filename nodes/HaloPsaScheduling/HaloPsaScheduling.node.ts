import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { HALO_RESOURCE_URL_EXPRESSION } from '../../credentials/HaloPsaSchedulingApi.credentials';
import * as dropdowns from './listSearch';
import { appointmentProperties } from './resources/appointment';
import { bookingTypeProperties } from './resources/bookingType';
import { changeCalendarProperties } from './resources/changeCalendar';
import { downtimeProperties } from './resources/downtime';
import { holidayProperties } from './resources/holiday';
import { scheduleProperties } from './resources/schedule';
import { scheduleOccurrenceProperties } from './resources/scheduleOccurrence';
import { timesheetProperties } from './resources/timesheet';
import { timesheetEventProperties } from './resources/timesheetEvent';
import { timeslotProperties } from './resources/timeslot';
import { workdayProperties } from './resources/workday';

const {
	getAgents,
	getAppointmentTypes,
	getBookingTypes,
	getClients,
	getSites,
	getWorkdays,
	searchAppointments,
	searchDowntimes,
	searchHolidays,
	searchScheduleOccurrences,
	searchSchedules,
	searchTimesheetEvents,
	searchTimesheets,
	searchWorkdays,
} = dropdowns;

export class HaloPsaScheduling implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HaloPSA Scheduling',
		name: 'haloPsaScheduling',
		icon: { light: 'file:../../icons/halopsa.svg', dark: 'file:../../icons/halopsa.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Manage appointments, schedules, timesheets, holidays, workdays and downtime in HaloPSA',
		defaults: { name: 'HaloPSA Scheduling' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'haloPsaSchedulingApi', required: true }],
		requestDefaults: {
			baseURL: HALO_RESOURCE_URL_EXPRESSION,
			headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
		},
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Appointment', value: 'appointment' },
					{ name: 'Booking Type', value: 'bookingType' },
					{ name: 'Change Calendar', value: 'changeCalendar' },
					{ name: 'Downtime', value: 'downtime' },
					{ name: 'Holiday', value: 'holiday' },
					{ name: 'Schedule', value: 'schedule' },
					{ name: 'Schedule Occurrence', value: 'scheduleOccurrence' },
					{ name: 'Timesheet', value: 'timesheet' },
					{ name: 'Timesheet Event', value: 'timesheetEvent' },
					{ name: 'Timeslot', value: 'timeslot' },
					{ name: 'Workday', value: 'workday' },
				],
				default: 'appointment',
			},
			...appointmentProperties,
			...bookingTypeProperties,
			...changeCalendarProperties,
			...downtimeProperties,
			...holidayProperties,
			...scheduleProperties,
			...scheduleOccurrenceProperties,
			...timesheetProperties,
			...timesheetEventProperties,
			...timeslotProperties,
			...workdayProperties,
		],
	};

	methods = {
		listSearch: {
			searchAppointments,
			searchDowntimes,
			searchHolidays,
			searchScheduleOccurrences,
			searchSchedules,
			searchTimesheetEvents,
			searchTimesheets,
			searchWorkdays,
		},
		loadOptions: {
			getAgents,
			getAppointmentTypes,
			getBookingTypes,
			getClients,
			getSites,
			getWorkdays,
		},
	};
}
