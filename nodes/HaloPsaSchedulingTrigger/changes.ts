/**
 * Change detection of the HaloPSA Scheduling Trigger, as pure functions over plain values (the
 * position and the ledger of emitted keys: ../common/poll.ts). Every list is read within a date
 * window (`start_date` = now − Look Back, `end_date` = now + Look Ahead), page by page.
 *
 * - Appointments: listed newest change first (`order=last_modified&orderdesc=true`) until a change
 *   older than the position minus the overlap (when the page shows Halo honoured the order; else
 *   every page). A version is `a:<id>@<last_modified>`; an appointment is new when its id is above the
 *   highest id that existed at activation (Halo ids grow) and `a:<id>:new` was not emitted yet.
 * - Timesheet events: every page of the window; an event is new when its id is above the id floor
 *   (the highest id at activation, later the highest emitted id minus `ID_OVERLAP`, for ids committed
 *   out of order) and `t:<id>` was not emitted.
 * - Holidays: every page of the window, compared with the previous poll's snapshot (id → digest of
 *   the record): an unknown id is new, a different digest is a change. A holiday that only entered
 *   the window because the window moved on (dated after the previous window's end) is not news.
 */
import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { idOf, isPollState, timeOf, type Change, type PollState } from '../common/poll';
import { canonicalJson, type DeliveryLedger } from '../common/webhook';

export type HaloPollEvent = 'newAppointment' | 'appointment' | 'timesheetEvent' | 'holiday';

export const STATE_VERSION = 1;

export interface HaloPollState extends PollState {
	event: HaloPollEvent;
	/** appointments, timesheet events: the highest id at activation (ids up to it are not new) */
	sinceId?: number;
	/** appointments, timesheet events: the highest id emitted as new */
	highestId?: number;
	/** holidays: id → digest of the record at the previous poll */
	snapshot?: Record<string, string>;
}

/** Ids of new records may be committed this far out of order. */
export const ID_OVERLAP = 1000;

export const PATHS: Record<HaloPollEvent, string> = {
	newAppointment: '/Appointment',
	appointment: '/Appointment',
	timesheetEvent: '/TimesheetEvent',
	holiday: '/Holiday',
};

export function isState(value: IDataObject, event: HaloPollEvent): boolean {
	if (!isPollState(value, STATE_VERSION, event)) return false;
	if (event === 'holiday') return typeof value.snapshot === 'object' && value.snapshot !== null;
	return typeof value.sinceId === 'number';
}

const DAY_MS = 86_400_000;

/** `YYYY-MM-DDTHH:mm:ssZ` (UTC, whole seconds). */
export const haloDateTime = (ms: number) =>
	`${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}Z`;

/** The date window of a poll at `now`. */
export function dateWindow(
	now: number,
	lookBackDays: number,
	lookAheadDays: number,
): { from: number; to: number; qs: IDataObject } {
	const from = now - Math.max(0, lookBackDays) * DAY_MS;
	const to = now + Math.max(0, lookAheadDays) * DAY_MS;
	return { from, to, qs: { start_date: haloDateTime(from), end_date: haloDateTime(to) } };
}

/** A whole-number id, or undefined (GUIDs, missing ids). */
function numericId(record: IDataObject): number | undefined {
	const id = Number(record.id);
	return Number.isSafeInteger(id) ? id : undefined;
}

/** The highest whole-number id of some records (or `floor`). */
export function highestId(records: IDataObject[], floor = 0): number {
	return records.reduce((max, record) => Math.max(max, numericId(record) ?? max), floor);
}

/** Ids above this are new (the activation's highest id, or the highest emitted minus the overlap). */
export function idFloor(state: Pick<HaloPollState, 'sinceId' | 'highestId'>): number {
	const since = state.sinceId ?? 0;
	return state.highestId === undefined ? since : Math.max(since, state.highestId - ID_OVERLAP);
}

// ---------------------------------------------------------------------------------------------
// Appointments

export interface AppointmentScan {
	changes: Change[];
	/** the page is ordered by last_modified (newest first) and reaches back before `start` */
	reachedOlder: boolean;
}

/**
 * One page of appointments (newest change first): the new ones (`created`) and, with `updates`, the
 * changed ones, changed at or after `start`, not emitted yet.
 */
export function scanAppointments(
	page: IDataObject[],
	options: { start: number; floor: number; updates: boolean; emitted: DeliveryLedger },
): AppointmentScan {
	const { start, floor, updates, emitted } = options;
	const changes: Change[] = [];
	let ordered = true;
	let previous = Number.POSITIVE_INFINITY;
	let older = false;
	for (const appointment of page) {
		const id = idOf(appointment);
		if (id === undefined) continue;
		const changed = timeOf(appointment.last_modified);
		if (changed !== undefined) {
			if (changed > previous) ordered = false;
			previous = changed;
			if (changed < start) {
				older = true;
				continue;
			}
		}
		const item = (event: string): IDataObject => ({
			event,
			appointmentId: appointment.id as string | number,
			changedAt: appointment.last_modified ?? null,
			appointment,
		});
		const time = changed ?? 0;
		const isNew = (numericId(appointment) ?? 0) > floor;
		if (isNew && !emitted.has(`a:${id}:new`, 0)) {
			changes.push({ key: `a:${id}:new`, time, item: item('appointmentCreated') });
			// the version it was created in is not an update
			if (changed !== undefined) emitted.add(`a:${id}@${changed}`);
			continue;
		}
		if (!updates || changed === undefined) continue;
		const key = `a:${id}@${changed}`;
		if (!emitted.has(key, 0)) changes.push({ key, time, item: item('appointmentUpdated') });
	}
	return { changes, reachedOlder: ordered && older };
}

// ---------------------------------------------------------------------------------------------
// Timesheet events

/** The timesheet events above the id floor (or with another kind of id) not emitted yet. */
export function newTimesheetEvents(
	page: IDataObject[],
	floor: number,
	emitted: DeliveryLedger,
): Change[] {
	const changes: Change[] = [];
	for (const record of page) {
		const id = idOf(record);
		if (id === undefined) continue;
		const numeric = numericId(record);
		if ((numeric !== undefined && numeric <= floor) || emitted.has(`t:${id}`, 0)) continue;
		changes.push({
			key: `t:${id}`,
			// creation order
			time: numeric ?? 0,
			item: {
				event: 'timesheetEventCreated',
				timesheetEventId: record.id as string | number,
				agentId: record.agent_id ?? null,
				timesheetEvent: record,
			},
		});
	}
	return changes;
}

// ---------------------------------------------------------------------------------------------
// Holidays

/** A short digest of a record's content (any key order). */
export const digest = (record: IDataObject) =>
	createHash('sha256').update(canonicalJson(record), 'utf8').digest('hex').slice(0, 16);

/**
 * The new and changed holidays of a listing against the previous snapshot, and the next snapshot.
 * `previousEnd` is where the previous poll's window ended: a holiday unknown so far and dated after
 * it only came into view.
 */
export function holidayChanges(
	holidays: IDataObject[],
	snapshot: Record<string, string>,
	previousEnd: number,
): { changes: Change[]; snapshot: Record<string, string> } {
	const next: Record<string, string> = {};
	const changes: Change[] = [];
	for (const holiday of holidays) {
		const id = idOf(holiday);
		if (id === undefined) continue;
		const version = digest(holiday);
		next[id] = version;
		const known = snapshot[id];
		if (known === version) continue;
		const starts = timeOf(holiday.date);
		if (known === undefined && starts !== undefined && starts > previousEnd) continue;
		changes.push({
			key: `h:${id}#${version}`,
			time: starts ?? 0,
			item: {
				event: known === undefined ? 'holidayCreated' : 'holidayChanged',
				holidayId: holiday.id as string | number,
				holiday,
			},
		});
	}
	return { changes, snapshot: next };
}
