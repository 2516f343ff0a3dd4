/** HaloPSA API profile: bearer token from the client-credentials exchange, counted pages, 429 handling. */
import type { DeclarativeVendor } from '../../common/declarative';
import { countedPages } from '../../common/paging';

export const HALO_CREDENTIAL = 'haloPsaSchedulingApi';

/** Page size of Return All (a Limit below it asks for exactly that many). */
export const HALO_PAGE_SIZE = 100;

/** `pageinate=true&page_size=N&page_no=K`, answered with a bare array or `{record_count, <plural>: [...]}`. */
export const haloPaging = countedPages(HALO_PAGE_SIZE, {
	pageParam: 'page_no',
	sizeParam: 'page_size',
	countKey: 'record_count',
	fixedQuery: { pageinate: true },
});

export const haloVendor: DeclarativeVendor = {
	vendor: 'HaloPSA',
	credentialType: HALO_CREDENTIAL,
	// Halo allows 500 requests per rolling 3 minutes and announces no budget in headers:
	// a 429 waits for Retry-After when sent, else backs off 2 s, 4 s, … for at most 2 minutes in
	// all (DEFAULT_RETRY.unannouncedWaitMs), then fails with the count of attempts.
	headerDrivenRateLimit: false,
	paging: haloPaging,
	retry: { rateLimited: 10, baseDelayMs: 1000, maxWaitMs: 180_000 },
};

/** Path placeholders and their labels, for "missing value" errors. */
export const haloLabels = {
	appointmentId: 'Appointment',
	scheduleId: 'Schedule',
	scheduleOccurrenceId: 'Schedule Occurrence',
	timesheetId: 'Timesheet',
	timesheetEventId: 'Timesheet Event',
	holidayId: 'Holiday',
	workdayId: 'Workday',
	downtimeId: 'Downtime Record',
};
