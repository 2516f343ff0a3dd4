import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { nodeErrorOf } from '../common/errors';
import { collectPages, metaPages } from '../common/paging';
import { emittedOf, freshChanges, listPages, type Change } from '../common/poll';
import { failureOf, vendorJson } from '../common/transport';
import { DeliveryLedger } from '../common/webhook';
import {
	SESAME_CREDENTIAL,
	SESAME_SMALL_PAGE_SIZE,
	sesameBaseUrl,
	sesameVendor,
} from '../SesameHr/shared/vendor';
import {
	activeIds,
	byTime,
	clockEvents,
	EMITTED_LEDGER_SIZE,
	EMPLOYEES_PATH,
	initialState,
	isState,
	leaverEvent,
	MANUAL_SAMPLE_SIZE,
	REQUEST_PATHS,
	scanEmployees,
	scanRequests,
	sesameDateTime,
	timeOf,
	windowStart,
	type Departure,
	type PollEvent,
	type PollState,
	type RequestEvents,
	type RequestKind,
	WORK_ENTRIES_PATH,
} from './state';

/** Safety stop for one poll (100 items per page: 100,000 changes). */
const MAX_PAGES = 1000;

/** Employees missing from the active list that one poll looks up (the rest wait for the next poll). */
const MAX_LEAVER_CHECKS = 100;

const EVENT_LABELS: Record<PollEvent, string> = {
	employee: 'New or updated employee',
	workEntry: 'New clock-in/clock-out',
	leaver: 'Employee left',
	absenceRequest: 'New or decided absence request',
	vacationRequest: 'New or decided vacation request',
};

const isRequest = (event: PollEvent): event is RequestKind => event in REQUEST_PATHS;

/** The list a poll reads newest first (and the manual sample shows), per event. */
const LIST_PATH: Record<Exclude<PollEvent, 'leaver'>, string> = {
	employee: EMPLOYEES_PATH,
	workEntry: WORK_ENTRIES_PATH,
	...REQUEST_PATHS,
};

interface Poll {
	ctx: IPollFunctions;
	event: PollEvent;
	options: IDataObject;
	timeField: string;
	baseURL: string;
	/** filters of the list (employee, deleted entries) */
	filters: IDataObject;
}

/** One page of a Sesame list (page 1 unless `qs` says otherwise). */
async function fetchPage(poll: Poll, path: string, qs: IDataObject): Promise<IDataObject[]> {
	const body = await vendorJson(poll.ctx, sesameVendor, {
		method: 'GET',
		baseURL: poll.baseURL,
		url: path,
		qs,
	});
	return metaPages(SESAME_SMALL_PAGE_SIZE).read(body, Number(qs.page)).items;
}

/** The pages of a Sesame list, one request each, until meta.lastPage (or MAX_PAGES). */
async function* pages(poll: Poll, path: string, qs: IDataObject) {
	const request = { baseURL: poll.baseURL, url: path, qs };
	for await (const page of listPages(
		poll.ctx,
		sesameVendor,
		metaPages(SESAME_SMALL_PAGE_SIZE),
		request,
		MAX_PAGES,
	))
		yield page.items;
}

/** The requests of the day-off lists that `scanRequests` looks at, and which events are wanted. */
function requestScan(poll: Poll, state: Pick<PollState, 'since'>, start: number) {
	const wanted = (poll.options.requestEvents as RequestEvents | undefined) ?? [
		'created',
		'decided',
	];
	return {
		kind: poll.event as RequestKind,
		timeField: poll.timeField,
		start,
		since: state.since,
		wanted,
	};
}

/** The changes of one page of the newest-first list of `event` (employees, requests). */
function scanPage(
	poll: Poll,
	page: IDataObject[],
	since: number,
	start: number,
	emitted: DeliveryLedger,
): { changes: Change[]; reachedOlder: boolean } {
	if (isRequest(poll.event))
		return scanRequests(page, { ...requestScan(poll, { since }, start), emitted });
	return scanEmployees(page, poll.timeField, start, emitted);
}

/** The active employees, every page (1,000 per page, 100 if Sesame refuses that). */
async function activeEmployees(poll: Poll): Promise<string[]> {
	const employees = await collectPages(
		{ ...sesameVendor.paging!, maxPages: MAX_PAGES },
		async (query) =>
			await vendorJson(poll.ctx, sesameVendor, {
				method: 'GET',
				baseURL: poll.baseURL,
				url: EMPLOYEES_PATH,
				qs: { status: 'active', ...query },
			}),
		undefined,
		{ node: poll.ctx.getNode(), vendor: sesameVendor.vendor },
	);
	return activeIds(employees);
}

/** The record of an employee, or null when Sesame answers 404 (deleted). */
async function employeeRecord(poll: Poll, id: string): Promise<IDataObject | null> {
	try {
		const body = await vendorJson(poll.ctx, sesameVendor, {
			method: 'GET',
			baseURL: poll.baseURL,
			url: `${EMPLOYEES_PATH}/${encodeURIComponent(id)}`,
		});
		return (body?.data as IDataObject | undefined) ?? body;
	} catch (error) {
		if (failureOf(error).status === 404) return null;
		throw nodeErrorOf(poll.ctx.getNode(), error, 0);
	}
}

/**
 * Leavers: the employees of the previous poll's active list that are missing now, looked up one by
 * one (deactivated: the record; deleted: 404). Each leaves the roster once emitted.
 */
async function pollLeavers(poll: Poll, state: PollState): Promise<IDataObject[]> {
	const active = await activeEmployees(poll);
	const current = new Set(active);
	const missing = (state.roster ?? []).filter((id) => !current.has(id));
	const leavers: IDataObject[] = [];
	const stay: string[] = [];
	for (const [index, id] of missing.entries()) {
		if (index >= MAX_LEAVER_CHECKS) {
			stay.push(id);
			continue;
		}
		const departure: Departure = { id, employee: await employeeRecord(poll, id) };
		const leaver = leaverEvent(departure);
		if (leaver) leavers.push(leaver);
		else stay.push(id);
	}
	state.roster = [...active, ...stay];
	return leavers;
}

/** "Fetch Test Event": the latest few records of the event, the position untouched. */
async function sample(poll: Poll): Promise<IDataObject[]> {
	const { event, timeField } = poll;
	const newest = { orderBy: `${timeField} desc`, page: 1, limit: MANUAL_SAMPLE_SIZE };
	if (event === 'leaver') {
		const inactive = await fetchPage(poll, EMPLOYEES_PATH, { status: 'inactive', ...newest });
		return inactive
			.map((employee) => leaverEvent({ id: String(employee.id), employee }))
			.filter((item): item is IDataObject => item !== undefined);
	}
	const latest = await fetchPage(poll, LIST_PATH[event], { ...poll.filters, ...newest });
	const empty = new DeliveryLedger();
	if (event === 'workEntry')
		return clockEvents(latest, timeField, empty)
			.sort(byTime)
			.slice(-MANUAL_SAMPLE_SIZE)
			.map((change) => change.item);
	// newest first, as listed; a request as its latest event
	const latestOf = new Map<unknown, IDataObject>();
	for (const { item } of scanPage(poll, latest, 0, 0, empty).changes)
		latestOf.set(item.requestId ?? item.employeeId, item);
	return [...latestOf.values()].slice(0, MANUAL_SAMPLE_SIZE);
}

/**
 * First activation (or another event chosen): remember where Sesame is now and emit nothing. "Now"
 * is the newest change on the server (its own clock; the local time if the list is empty), and the
 * records of that first page count as already seen. Leavers remember the active employees.
 */
async function start(poll: Poll, stored: IDataObject): Promise<void> {
	const { event, timeField } = poll;
	if (event === 'leaver') {
		Object.assign(stored, initialState(event, Date.now()), {
			roster: await activeEmployees(poll),
		});
		return;
	}
	const newest = await fetchPage(poll, LIST_PATH[event], {
		...poll.filters,
		orderBy: `${timeField} desc`,
		page: 1,
		limit: SESAME_SMALL_PAGE_SIZE,
	});
	const times = newest
		.map((record) => timeOf(record[timeField]))
		.filter((t): t is number => t !== undefined);
	const position = times.length > 0 ? Math.max(...times) : Date.now();
	const seen = new DeliveryLedger(EMITTED_LEDGER_SIZE);
	const changes =
		event === 'workEntry'
			? clockEvents(newest, timeField, seen)
			: scanPage(poll, newest, 0, 0, seen).changes;
	for (const change of changes) seen.add(change.key);
	Object.assign(stored, initialState(event, position), { emitted: seen.toJSON() });
}

export class SesameHrPollTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sesame HR Poll Trigger',
		name: 'sesameHrPollTrigger',
		icon: { light: 'file:../../icons/sesame.svg', dark: 'file:../../icons/sesame.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: `={{ (${JSON.stringify(EVENT_LABELS)})[$parameter["event"]] }}`,
		description:
			'Starts the workflow when employees, clock-ins/clock-outs or day-off requests change in Sesame HR, or an employee leaves, by polling the API (for accounts without Sesame webhooks)',
		defaults: { name: 'Sesame HR Poll Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: SESAME_CREDENTIAL, required: true }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Employee Left',
						value: 'leaver',
						description:
							'An employee was deactivated or deleted (the active employees compared with the previous poll)',
					},
					{
						name: 'New Clock-In/Clock-Out',
						value: 'workEntry',
						description:
							'A work entry got a clock-in or a clock-out (GET /schedule/v1/work-entries changed since the last poll)',
					},
					{
						name: 'New or Decided Absence Request',
						value: 'absenceRequest',
						description:
							'An absence request was made, accepted or rejected (GET /schedule/v1/absence-day-off-requests, newest first)',
					},
					{
						name: 'New or Decided Vacation Request',
						value: 'vacationRequest',
						description:
							'A vacation request was made, accepted or rejected (GET /schedule/v1/vacation-day-off-requests, newest first)',
					},
					{
						name: 'New or Updated Employee',
						value: 'employee',
						description:
							'An employee was created or changed (GET /core/v3/employees, newest first)',
					},
				],
				default: 'employee',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Change Time Field',
						name: 'timeField',
						type: 'string',
						default: 'updatedAt',
						description: 'Record field holding the last change time; lists are ordered by it',
						displayOptions: { hide: { '/event': ['leaver'] } },
					},
					{
						displayName: 'Employee ID',
						name: 'employeeId',
						type: 'string',
						default: '',
						description: 'Only the work entries or requests of this employee',
						displayOptions: {
							show: { '/event': ['workEntry', 'absenceRequest', 'vacationRequest'] },
						},
					},
					{
						displayName: 'Include Deleted Work Entries',
						name: 'includeDeleted',
						type: 'boolean',
						default: false,
						description: 'Whether deleted work entries count too (onlyReturn=all)',
						displayOptions: { show: { '/event': ['workEntry'] } },
					},
					{
						displayName: 'Overlap (Seconds)',
						name: 'overlapSeconds',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 300,
						description:
							'Each poll looks this far behind the newest change already seen, for records saved late; what it sees again is not emitted twice',
						displayOptions: { hide: { '/event': ['leaver'] } },
					},
					{
						displayName: 'Request Events',
						name: 'requestEvents',
						type: 'multiOptions',
						options: [
							{ name: 'New Request', value: 'created' },
							{ name: 'Request Accepted or Rejected', value: 'decided' },
						],
						default: ['created', 'decided'],
						description: 'Which changes of a request start the workflow',
						displayOptions: { show: { '/event': ['absenceRequest', 'vacationRequest'] } },
					},
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event') as PollEvent;
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const filters: IDataObject = {};
		if (event !== 'employee' && event !== 'leaver' && options.employeeId)
			filters.employeeId = String(options.employeeId).trim();
		if (event === 'workEntry' && options.includeDeleted) filters.onlyReturn = 'all';
		const poll: Poll = {
			ctx: this,
			event,
			options,
			timeField: String(options.timeField || 'updatedAt'),
			baseURL: sesameBaseUrl(await this.getCredentials(SESAME_CREDENTIAL)),
			filters,
		};
		const emit = (items: IDataObject[]) =>
			items.length ? [this.helpers.returnJsonArray(items)] : null;

		if (this.getMode() === 'manual') return emit(await sample(poll));

		const stored = this.getWorkflowStaticData('node');
		if (!isState(stored, event)) {
			await start(poll, stored);
			return null;
		}
		// the state is only written once every request succeeded: a failed request changes nothing
		const state = { ...(stored as unknown as PollState) };
		if (event === 'leaver') {
			const leavers = await pollLeavers(poll, state);
			Object.assign(stored, state);
			return emit(leavers);
		}

		const overlapMs = Math.max(0, Number(options.overlapSeconds ?? 300)) * 1000;
		const windowFrom = windowStart(state, overlapMs);
		const emitted = emittedOf(state);
		let cursor = state.cursor;
		const found: Change[] = [];
		if (event === 'workEntry') {
			const qs = {
				...filters,
				[`${poll.timeField}[gte]`]: sesameDateTime(windowFrom),
				orderBy: `${poll.timeField} asc`,
			};
			for await (const page of pages(poll, WORK_ENTRIES_PATH, qs)) {
				found.push(...clockEvents(page, poll.timeField, emitted, state.since));
				// entries changed without a new clock event (edits) still move the position on
				for (const entry of page) {
					const time = timeOf(entry[poll.timeField]);
					if (time !== undefined && time > cursor) cursor = time;
				}
			}
		} else {
			// no change filter on these lists: read them newest first until a record older than the window
			const qs = { ...filters, orderBy: `${poll.timeField} desc` };
			for await (const page of pages(poll, LIST_PATH[event], qs)) {
				const scan = scanPage(poll, page, state.since, windowFrom, emitted);
				found.push(...scan.changes);
				// records read without a new event (edits of a request) still move the position on
				for (const record of page) {
					const time = timeOf(record[poll.timeField]);
					if (time !== undefined && time > cursor) cursor = time;
				}
				if (scan.reachedOlder) break;
			}
		}

		// one item per change, oldest first; a record seen on two pages counts once
		const changes = freshChanges(found, emitted);
		for (const change of changes) if (change.time > cursor) cursor = change.time;
		Object.assign(stored, { cursor, emitted: emitted.toJSON() });
		return emit(changes.map((change) => change.item));
	}
}
