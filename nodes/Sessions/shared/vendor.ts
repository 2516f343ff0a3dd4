/** Sessions (sessions.us) API profile: API key header, 20-item pages, 10 requests per minute. */
import type { DeclarativeVendor } from '../../common/declarative';
import { fixedSizePages } from '../../common/paging';

export const SESSIONS_PAGE_SIZE = 20;

export const sessionsVendor: DeclarativeVendor = {
	vendor: 'Sessions',
	credentialType: 'sessionsApi',
	// Sessions allows 10 requests per minute and reports limit/remaining/reset in headers.
	headerDrivenRateLimit: true,
	paging: fixedSizePages(SESSIONS_PAGE_SIZE),
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
