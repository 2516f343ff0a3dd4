/** Sessions (sessions.us) API profile: API key header, 20-item pages, 10 requests per minute. */
import type { DeclarativeVendor } from '../../common/declarative';
import { fixedSizePages } from '../../common/paging';

export const SESSIONS_PAGE_SIZE = 20;

/**
 * Sessions announces no total: a list ends on a short page, and after at most this many pages
 * (20,000 records; at 10 requests per minute, over an hour and a half of paging).
 */
export const SESSIONS_MAX_PAGES = 1000;

export const sessionsVendor: DeclarativeVendor = {
	vendor: 'Sessions',
	credentialType: 'sessionsApi',
	// Sessions allows 10 requests per minute and reports limit/remaining/reset in headers.
	headerDrivenRateLimit: true,
	paging: fixedSizePages(SESSIONS_PAGE_SIZE, { maxPages: SESSIONS_MAX_PAGES }),
	retry: { rateLimited: 12, maxWaitMs: 65_000 },
};

/** Path placeholders and their labels, for "missing value" errors. */
export const sessionsLabels = {
	bookingPageId: 'Booking Page',
	bookingId: 'Booking ID',
	roomId: 'Room',
	sessionId: 'Session',
	eventId: 'Event or Session',
};
