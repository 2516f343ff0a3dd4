/**
 * HaloPSA API profile: bearer token from the client-credentials exchange, counted pages, a
 * client-side budget of requests per rolling window (from the credential), 429 handling.
 */
import type { DeclarativeVendor } from '../../common/declarative';
import { countedPages } from '../../common/paging';
import { credentialBudget } from '../../common/rateLimit';

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

/**
 * Halo-hosted instances answer 429 "Rate Limit Reached" beyond 300 requests per rolling 5 minutes
 * (public reports; Halo documents no figure and sends no budget headers). The credential's
 * _Rate Limit_ fields override it (self-hosted instances configure their own).
 */
export const HALO_RATE_LIMIT = { limit: 300, windowSeconds: 300 };

/** The credential fields of the budget. */
export const HALO_RATE_LIMIT_FIELDS = { limit: 'rateLimit', windowSeconds: 'rateLimitWindow' };

export const haloVendor: DeclarativeVendor = {
	vendor: 'HaloPSA',
	credentialType: HALO_CREDENTIAL,
	// no budget headers: the client-side budget (300 per rolling 5 minutes, set in the credential)
	// spaces the requests out; a 429 still waits for Retry-After when sent, else backs off 2 s,
	// 4 s, … for at most 2 minutes in all (DEFAULT_RETRY.unannouncedWaitMs), then fails with the
	// count of attempts.
	headerDrivenRateLimit: false,
	budget: (credentials) => credentialBudget(credentials, HALO_RATE_LIMIT_FIELDS, HALO_RATE_LIMIT),
	paging: haloPaging,
	retry: { rateLimited: 10, baseDelayMs: 1000, maxWaitMs: 300_000 },
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
