/** The resources of the HaloPSA Scheduling node (the Resource picker sorts them by name). */
import type { ResourceSpec } from '../../common/describe';
import { appointment } from './appointment';
import { bookingType } from './bookingType';
import { changeCalendar } from './changeCalendar';
import { downtime } from './downtime';
import { holiday } from './holiday';
import { schedule } from './schedule';
import { scheduleOccurrence } from './scheduleOccurrence';
import { timesheet } from './timesheet';
import { timesheetEvent } from './timesheetEvent';
import { timeslot } from './timeslot';
import { workday } from './workday';

export const HALO_RESOURCES: ResourceSpec[] = [
	appointment,
	bookingType,
	changeCalendar,
	downtime,
	holiday,
	schedule,
	scheduleOccurrence,
	timesheet,
	timesheetEvent,
	timeslot,
	workday,
];
