/**
 * What the polling triggers share: reading a vendor list page by page through the transport, at
 * most `maxPages` requests per poll, and the position they keep in the node's static data.
 *
 * Position (`PollState`): `since` = when the trigger was activated (nothing older is news), `cursor`
 * = how far the trigger has handled the vendor's changes (a change time or an id, per trigger), and
 * `emitted` = a bounded ledger (./webhook.ts `DeliveryLedger`) of the keys of what was emitted, so
 * what a poll sees again (an overlap window, a list without a change filter) is not emitted twice.
 * A poll writes its new state only after every request succeeded: a failed poll changes nothing and
 * the next one repeats it. n8n saves the static data after each poll, so restarts keep the position.
 */
import type { IDataObject, IHttpRequestOptions, IPollFunctions } from 'n8n-workflow';

import type { PagingStrategy } from './paging';
import { vendorJson, type VendorProfile } from './transport';
import { DeliveryLedger } from './webhook';

/** Keys of emitted changes kept per trigger node. */
export const EMITTED_LEDGER_SIZE = 10_000;

/** Items a manual "Fetch Test Event" shows. */
export const MANUAL_SAMPLE_SIZE = 5;

export interface PollState {
	version: number;
	/** the event the state belongs to: choosing another one starts over */
	event: string;
	/** activation time (ms) */
	since: number;
	/** how far changes were handled (a time in ms, or an id, per trigger) */
	cursor: number;
	/** emitted keys (DeliveryLedger JSON) */
	emitted: Record<string, number>;
}

/** Whether the static data holds a state of this version and event. */
export function isPollState(value: IDataObject, version: number, event: string): boolean {
	return (
		value.version === version &&
		value.event === event &&
		typeof value.cursor === 'number' &&
		typeof value.since === 'number'
	);
}

/** The ledger of emitted keys of a state. */
export const emittedOf = (state: Pick<PollState, 'emitted'>): DeliveryLedger =>
	DeliveryLedger.from(state.emitted, EMITTED_LEDGER_SIZE);

export interface ListPage {
	items: IDataObject[];
	/** the vendor says another page follows */
	more: boolean;
}

/**
 * The pages of a list, one request each (`strategy` adds the paging parameters to `request.qs`),
 * until the vendor says there are no more, a page repeats the previous one, or `maxPages` pages
 * were read (then the last page yielded has `more: true`).
 */
export async function* listPages(
	ctx: IPollFunctions,
	profile: VendorProfile,
	strategy: PagingStrategy,
	request: IHttpRequestOptions,
	maxPages: number,
): AsyncGenerator<ListPage> {
	let previous: string | undefined;
	for (let page = 1; page <= maxPages; page++) {
		const body = await vendorJson(ctx, profile, {
			method: 'GET',
			...request,
			qs: { ...request.qs, ...strategy.query(page, undefined) },
		});
		const { items, hasMore } = strategy.read(body, page);
		// a page the vendor already sent (it ignores the page parameter): nothing new follows
		if (items.length > 0) {
			const signature = JSON.stringify(items);
			if (signature === previous) return;
			previous = signature;
		}
		yield { items, more: hasMore && items.length > 0 };
		if (!hasMore || items.length === 0) return;
	}
}

/** ms of a date-time (ISO 8601; one without an offset is read as UTC), or undefined. */
export function timeOf(value: unknown): number | undefined {
	if (typeof value !== 'string' || !value.trim()) return undefined;
	const text = value.trim();
	const zoned = /[zZ]$|[+-]\d{2}:?\d{2}$/.test(text) || !/\d{2}:\d{2}/.test(text);
	const ms = Date.parse(zoned ? text : `${text}Z`);
	return Number.isFinite(ms) ? ms : undefined;
}

/** The id of a record as a string (string or number ids), or undefined. */
export function idOf(record: IDataObject, key = 'id'): string | undefined {
	const id = record[key];
	return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

/** Oldest first; equal times in key order. */
export function byTime<T extends { time: number; key: string }>(a: T, b: T): number {
	return a.time - b.time || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/** A change a poll found: its ledger key, when it happened (for the order) and the output item. */
export interface Change {
	key: string;
	time: number;
	item: IDataObject;
}

/**
 * The changes to emit, oldest first, each key once, none emitted before; records them in `emitted`.
 */
export function freshChanges(found: Change[], emitted: DeliveryLedger): Change[] {
	const unique = new Map<string, Change>();
	for (const change of found)
		if (!emitted.has(change.key, 0) && !unique.has(change.key)) unique.set(change.key, change);
	const changes = [...unique.values()].sort(byTime);
	for (const change of changes) emitted.add(change.key);
	return changes;
}
