/**
 * Change detection for the Sesame HR poll trigger, as pure functions over plain values.
 *
 * Position: `cursor` = the newest change time (vendor clock, ms) already handled. Each poll asks for
 * changes from `cursor - overlap` (late-committed records can carry a slightly older time) but never
 * from before the activation time `since`; what falls in the overlap again is recognised by its key
 * in a bounded ledger of emitted keys, so nothing is emitted twice and nothing in the window is lost.
 *
 * Keys: an employee change is `e:<id>@<updatedAt>`; a work entry yields one clock event per side,
 * `w:<id>:in` and `w:<id>:out` (a clock-out arrives as an update of the entry its clock-in created).
 */
import type { IDataObject } from 'n8n-workflow';

import { DeliveryLedger } from '../common/webhook';

export type PollEvent = 'employee' | 'workEntry';

export const STATE_VERSION = 1;
export const EMITTED_LEDGER_SIZE = 10_000;

export interface PollState {
	version: number;
	event: PollEvent;
	/** activation time (ms): nothing older is ever emitted */
	since: number;
	/** newest change time handled (ms) */
	cursor: number;
	/** emitted keys (DeliveryLedger JSON) */
	emitted: Record<string, number>;
}

export function isState(value: IDataObject, event: PollEvent): boolean {
	return (
		value.version === STATE_VERSION &&
		value.event === event &&
		typeof value.cursor === 'number' &&
		typeof value.since === 'number'
	);
}

export function initialState(event: PollEvent, now: number): PollState {
	return { version: STATE_VERSION, event, since: now, cursor: now, emitted: {} };
}

/** Where a poll starts looking: the cursor minus the overlap, but not before activation. */
export function windowStart(state: PollState, overlapMs: number): number {
	return Math.max(state.since, state.cursor - overlapMs);
}

/** ms of an ISO-8601 date-time (or undefined). */
export function timeOf(value: unknown): number | undefined {
	if (typeof value !== 'string' || !value.trim()) return undefined;
	const ms = Date.parse(value);
	return Number.isFinite(ms) ? ms : undefined;
}

/** `Y-m-dTH:i:sP` as Sesame's `updatedAt[gte]` expects, in UTC, whole seconds rounded down. */
export function sesameDateTime(ms: number): string {
	return `${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}+00:00`;
}

function idOf(record: IDataObject): string | undefined {
	const id = record.id;
	return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

function objectAt(record: IDataObject, key: string): IDataObject | undefined {
	const value = record[key];
	return value !== null && typeof value === 'object' && !Array.isArray(value)
		? (value as IDataObject)
		: undefined;
}

// ---------------------------------------------------------------------------------------------
// Employees

export interface EmployeeChange {
	key: string;
	time: number;
	item: IDataObject;
}

export interface EmployeeScan {
	changes: EmployeeChange[];
	/** true once a record older than the window start was seen (the list is newest first) */
	reachedOlder: boolean;
}

/**
 * Scans one page of employees ordered by `timeField` descending: the records changed in the window
 * and not emitted yet. Records without a readable time are skipped (they cannot be placed).
 */
export function scanEmployees(
	page: IDataObject[],
	timeField: string,
	start: number,
	emitted: DeliveryLedger,
): EmployeeScan {
	const changes: EmployeeChange[] = [];
	let reachedOlder = false;
	for (const employee of page) {
		const time = timeOf(employee[timeField]);
		const id = idOf(employee);
		if (time === undefined || id === undefined) continue;
		if (time < start) {
			reachedOlder = true;
			continue;
		}
		const key = `e:${id}@${time}`;
		if (emitted.has(key, 0)) continue;
		const created = timeOf(employee.createdAt);
		changes.push({
			key,
			time,
			item: {
				event:
					created !== undefined && created >= time - 1000 ? 'employeeCreated' : 'employeeUpdated',
				employeeId: id,
				changedAt: employee[timeField],
				employee,
			},
		});
	}
	return { changes, reachedOlder };
}

// ---------------------------------------------------------------------------------------------
// Work entries

/** The clock-in and clock-out dates of a work entry (`workEntryIn.date` / `workEntryOut.date`). */
export function clockDates(entry: IDataObject): { in?: string; out?: string } {
	const side = (name: 'In' | 'Out'): string | undefined => {
		const nested = objectAt(entry, `workEntry${name}`) ?? objectAt(entry, `check${name}`);
		const value = nested?.date ?? entry[`workEntry${name}Date`] ?? entry[`check${name}Date`];
		return typeof value === 'string' && value.trim() ? value : undefined;
	};
	return { in: side('In'), out: side('Out') };
}

export interface ClockEvent {
	key: string;
	time: number;
	item: IDataObject;
}

function employeeIdOf(entry: IDataObject): string | undefined {
	const employee = objectAt(entry, 'employee');
	const id = employee?.id ?? entry.employeeId;
	return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

/**
 * The clock events of work entries not emitted yet: a clock-in for each entry with an in-date, a
 * clock-out for each entry with an out-date, none dated before `since`. `time` orders them (the change
 * time, else the clock time).
 */
export function clockEvents(
	entries: IDataObject[],
	timeField: string,
	emitted: DeliveryLedger,
	since = 0,
): ClockEvent[] {
	const events: ClockEvent[] = [];
	for (const entry of entries) {
		const id = idOf(entry);
		if (id === undefined) continue;
		const dates = clockDates(entry);
		const changed = timeOf(entry[timeField]);
		for (const side of ['in', 'out'] as const) {
			const date = dates[side];
			// a clock event from before the trigger was activated is not news
			if (date === undefined || (timeOf(date) ?? since) < since) continue;
			const key = `w:${id}:${side}`;
			if (emitted.has(key, 0)) continue;
			events.push({
				key,
				time: changed ?? timeOf(date) ?? 0,
				item: {
					event: side === 'in' ? 'clockIn' : 'clockOut',
					date,
					workEntryId: id,
					employeeId: employeeIdOf(entry) ?? null,
					workEntry: entry,
				},
			});
		}
	}
	return events;
}

/** Oldest first; a clock-in before the clock-out of the same entry. */
export function byTime<T extends { time: number; key: string }>(a: T, b: T): number {
	return a.time - b.time || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

export const EMPLOYEES_PATH = '/core/v3/employees';
export const WORK_ENTRIES_PATH = '/schedule/v1/work-entries';
/** Items a manual "Fetch Test Event" shows. */
export const MANUAL_SAMPLE_SIZE = 5;
