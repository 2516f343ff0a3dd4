/**
 * Change detection for the Sesame HR poll trigger, as pure functions over plain values (the
 * position and the ledger of emitted keys: ../common/poll.ts).
 *
 * Position: `cursor` = the newest change time (vendor clock, ms) already handled. Each poll asks for
 * changes from `cursor - overlap` (late-committed records can carry a slightly older time) but never
 * from before the activation time `since`; what falls in the overlap again is recognised by its key
 * in a bounded ledger of emitted keys, so nothing is emitted twice and nothing in the window is lost.
 *
 * Keys: an employee change is `e:<id>@<updatedAt>`; a work entry yields one clock event per side,
 * `w:<id>:in` and `w:<id>:out` (a clock-out arrives as an update of the entry its clock-in created);
 * a day-off request yields its creation `<a|v>:<id>:created` and each decision `<a|v>:<id>:<status>`.
 * Leavers are found by comparing the active employees with those of the previous poll (`roster`).
 */
import type { IDataObject } from 'n8n-workflow';

import {
	byTime,
	idOf,
	isPollState,
	timeOf,
	type Change,
	type PollState as CommonPollState,
} from '../common/poll';
import type { DeliveryLedger } from '../common/webhook';

export { byTime, timeOf };
export { EMITTED_LEDGER_SIZE, MANUAL_SAMPLE_SIZE } from '../common/poll';

export type PollEvent = 'employee' | 'workEntry' | 'leaver' | RequestKind;

/** The two lists of day-off requests. */
export type RequestKind = 'absenceRequest' | 'vacationRequest';

export const STATE_VERSION = 1;

export interface PollState extends CommonPollState {
	event: PollEvent;
	/** leavers: the ids of the active employees at the previous poll */
	roster?: string[];
}

export function isState(value: IDataObject, event: PollEvent): boolean {
	return (
		isPollState(value, STATE_VERSION, event) && (event !== 'leaver' || Array.isArray(value.roster))
	);
}

export function initialState(event: PollEvent, now: number): PollState {
	return { version: STATE_VERSION, event, since: now, cursor: now, emitted: {} };
}

/** Where a poll starts looking: the cursor minus the overlap, but not before activation. */
export function windowStart(state: PollState, overlapMs: number): number {
	return Math.max(state.since, state.cursor - overlapMs);
}

/** `Y-m-dTH:i:sP` as Sesame's `updatedAt[gte]` expects, in UTC, whole seconds rounded down. */
export function sesameDateTime(ms: number): string {
	return `${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}+00:00`;
}

function objectAt(record: IDataObject, key: string): IDataObject | undefined {
	const value = record[key];
	return value !== null && typeof value === 'object' && !Array.isArray(value)
		? (value as IDataObject)
		: undefined;
}

// ---------------------------------------------------------------------------------------------
// Employees

export type EmployeeChange = Change;

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

export type ClockEvent = Change;

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

// ---------------------------------------------------------------------------------------------
// Leavers

/** The ids of the employees of a list that are active (all of them if the records carry no status). */
export function activeIds(employees: IDataObject[]): string[] {
	const ids = new Set<string>();
	for (const employee of employees) {
		const id = idOf(employee);
		if (id !== undefined && (employee.status === undefined || employee.status === 'active'))
			ids.add(id);
	}
	return [...ids];
}

/** What became of an employee missing from the active list: its record (404 = deleted). */
export type Departure = { id: string; employee: IDataObject | null };

/**
 * The leaver event of an employee missing from the active list, or undefined when the record says it
 * is still active (a list that missed it: it stays in the roster).
 */
export function leaverEvent({ id, employee }: Departure): IDataObject | undefined {
	if (employee === null) return { event: 'employeeDeleted', employeeId: id, employee: null };
	if (employee.status === 'active') return undefined;
	return { event: 'employeeDeactivated', employeeId: id, employee };
}

// ---------------------------------------------------------------------------------------------
// Day-off requests (absences, vacations)

/** Whether new requests, decided ones, or both are emitted. */
export type RequestEvents = Array<'created' | 'decided'>;

/** The statuses that decide a request. */
export const DECIDED = ['accepted', 'rejected'];

const capitalized = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/**
 * Scans one page of requests ordered by `timeField` descending: the creations (created at or after
 * `since`) and decisions (accepted/rejected, changed in the window) not emitted yet. Records without
 * a readable change time are skipped.
 */
export function scanRequests(
	page: IDataObject[],
	options: {
		kind: RequestKind;
		timeField: string;
		start: number;
		since: number;
		wanted: RequestEvents;
		emitted: DeliveryLedger;
	},
): { changes: Change[]; reachedOlder: boolean } {
	const { kind, timeField, start, since, wanted, emitted } = options;
	const prefix = kind === 'absenceRequest' ? 'a' : 'v';
	const changes: Change[] = [];
	let reachedOlder = false;
	for (const request of page) {
		const changed = timeOf(request[timeField]);
		const id = idOf(request);
		if (changed === undefined || id === undefined) continue;
		if (changed < start) {
			reachedOlder = true;
			continue;
		}
		const status = typeof request.status === 'string' ? request.status : '';
		const created = timeOf(request.createdAt);
		const item = (event: string, time: number): Change => ({
			key: `${prefix}:${id}:${event}`,
			time,
			item: {
				event: `${kind}${capitalized(event)}`,
				requestId: id,
				employeeId: employeeIdOf(request) ?? null,
				status: status || null,
				changedAt: request[timeField],
				request,
			},
		});
		// created after activation; without a creation time, a pending request changed since then
		const isNew = created !== undefined ? created >= since : status === 'pending';
		if (wanted.includes('created') && isNew) changes.push(item('created', created ?? changed));
		if (wanted.includes('decided') && DECIDED.includes(status) && changed >= since)
			changes.push(item(status, changed));
	}
	return {
		changes: changes.filter((change) => !emitted.has(change.key, 0)),
		reachedOlder,
	};
}

export const EMPLOYEES_PATH = '/core/v3/employees';
export const WORK_ENTRIES_PATH = '/schedule/v1/work-entries';
export const REQUEST_PATHS: Record<RequestKind, string> = {
	absenceRequest: '/schedule/v1/absence-day-off-requests',
	vacationRequest: '/schedule/v1/vacation-day-off-requests',
};
