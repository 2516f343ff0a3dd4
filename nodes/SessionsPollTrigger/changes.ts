/**
 * Change detection of the Sessions Poll Trigger (the fallback for API keys without webhook rights),
 * as pure functions over plain values. The Sessions lists have no filters and 20 records a page: a
 * poll reads the first pages only (_Pages per Poll_, inside the 10 requests per minute).
 *
 * - New session / booking: a record the trigger has not seen before (`n:<id>` in the ledger of
 *   ../common/poll.ts; every record read is remembered there) that was created after the activation
 *   (`createdAt`, with `CLOCK_SKEW` of tolerance for the two clocks; a record without `createdAt`
 *   counts as new when first seen).
 * - Session ended: a session with an `endedAt` after the activation, emitted once (`e:<id>`).
 */
import type { IDataObject } from 'n8n-workflow';

import { idOf, isPollState, timeOf, type Change } from '../common/poll';
import type { DeliveryLedger } from '../common/webhook';

export type SessionsPollEvent = 'newSession' | 'endedSession' | 'newBooking';

export const STATE_VERSION = 1;

/** How far Sessions' clock may be behind n8n's. */
export const CLOCK_SKEW = 5 * 60_000;

export const PATHS: Record<SessionsPollEvent, string> = {
	newSession: '/api/sessions',
	endedSession: '/api/sessions',
	newBooking: '/api/bookings',
};

export const isState = (value: IDataObject, event: SessionsPollEvent) =>
	isPollState(value, STATE_VERSION, event);

const OUTPUT: Record<SessionsPollEvent, { event: string; id: string; record: string }> = {
	newSession: { event: 'sessionCreated', id: 'sessionId', record: 'session' },
	endedSession: { event: 'sessionEnded', id: 'sessionId', record: 'session' },
	newBooking: { event: 'bookingCreated', id: 'bookingId', record: 'booking' },
};

/**
 * The changes of one page of records not emitted yet. New records are remembered as seen in
 * `emitted` (whether news or not), so a record is never news twice.
 */
export function pageChanges(
	records: IDataObject[],
	event: SessionsPollEvent,
	since: number,
	emitted: DeliveryLedger,
): Change[] {
	const out = OUTPUT[event];
	const changes: Change[] = [];
	for (const record of records) {
		const id = idOf(record);
		if (id === undefined) continue;
		const item = (extra: IDataObject = {}): IDataObject => ({
			event: out.event,
			[out.id]: record.id as string | number,
			...extra,
			[out.record]: record,
		});
		if (event === 'endedSession') {
			const ended = timeOf(record.endedAt);
			const key = `e:${id}`;
			if (ended !== undefined && ended >= since - CLOCK_SKEW && !emitted.has(key, 0))
				changes.push({ key, time: ended, item: item({ endedAt: record.endedAt }) });
			continue;
		}
		const key = `n:${id}`;
		if (emitted.has(key, 0)) {
			emitted.add(key); // still around: stays remembered
			continue;
		}
		const created = timeOf(record.createdAt);
		if (created === undefined || created >= since - CLOCK_SKEW)
			changes.push({ key, time: created ?? Number.MAX_SAFE_INTEGER, item: item() });
		else emitted.add(key); // older than the activation: seen, not news
	}
	return changes;
}

/** The keys of the records a first poll sees: none of them is news later. */
export function seenKeys(records: IDataObject[], event: SessionsPollEvent): string[] {
	return records
		.filter((record) => idOf(record) !== undefined)
		.filter((record) => event !== 'endedSession' || timeOf(record.endedAt) !== undefined)
		.map((record) => `${event === 'endedSession' ? 'e' : 'n'}:${idOf(record)}`);
}
