import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { HALO_CREDENTIAL, haloPaging, haloVendor } from '../HaloPsaScheduling/shared/vendor';
import { haloResourceUrl } from '../../credentials/HaloPsaSchedulingApi.credentials';
import { parseJsonParameter } from '../common/parameters';
import { countedPages } from '../common/paging';
import {
	emittedOf,
	EMITTED_LEDGER_SIZE,
	freshChanges,
	listPages,
	MANUAL_SAMPLE_SIZE,
	timeOf,
	type Change,
} from '../common/poll';
import { vendorJson } from '../common/transport';
import { DeliveryLedger } from '../common/webhook';
import {
	dateWindow,
	highestId,
	holidayChanges,
	idFloor,
	isState,
	newTimesheetEvents,
	PATHS,
	scanAppointments,
	STATE_VERSION,
	type HaloPollEvent,
	type HaloPollState,
} from './changes';

/** Pages (100 records each) one poll reads at most: 50 of Halo's 300 requests per 5 minutes. */
export const MAX_PAGES = 50;

const EVENT_LABELS: Record<HaloPollEvent, string> = {
	newAppointment: 'New appointment',
	appointment: 'New or updated appointment',
	timesheetEvent: 'New timesheet event',
	holiday: 'New or changed holiday',
};

const NEWEST_CHANGE_FIRST = { order: 'last_modified', orderdesc: true };

interface Poll {
	ctx: IPollFunctions;
	event: HaloPollEvent;
	baseURL: string;
	/** the date window and the user's extra query parameters */
	qs: IDataObject;
	window: { from: number; to: number };
	overlapMs: number;
}

const isAppointment = (event: HaloPollEvent) =>
	event === 'newAppointment' || event === 'appointment';

/** The pages of the event's list within the window (plus `qs`), at most MAX_PAGES. */
function pages(poll: Poll, qs: IDataObject = {}) {
	return listPages(
		poll.ctx,
		haloVendor,
		haloPaging,
		{ baseURL: poll.baseURL, url: PATHS[poll.event], qs: { ...poll.qs, ...qs } },
		MAX_PAGES,
	);
}

/** Every record of the window (as far as MAX_PAGES reach) and whether that was all of them. */
async function listAll(poll: Poll): Promise<{ records: IDataObject[]; complete: boolean }> {
	const records: IDataObject[] = [];
	let complete = true;
	for await (const page of pages(poll)) {
		records.push(...page.items);
		complete = !page.more;
	}
	return { records, complete };
}

/** The first `size` records of the list ordered as `qs` says (one request). */
async function firstRecords(poll: Poll, size: number, qs: IDataObject): Promise<IDataObject[]> {
	const paging = countedPages(size, { fixedQuery: { pageinate: true } });
	const body = await vendorJson(poll.ctx, haloVendor, {
		method: 'GET',
		baseURL: poll.baseURL,
		url: PATHS[poll.event],
		qs: { ...poll.qs, ...qs, ...paging.query(1, size) },
	});
	return paging.read(body, 1).items;
}

/**
 * First activation (or another event chosen): remember where Halo is and emit nothing. Appointments:
 * the newest change (Halo's clock) and the highest id; timesheet events: the highest id in the
 * window; holidays: the snapshot of the window.
 */
async function start(poll: Poll, stored: IDataObject): Promise<void> {
	const now = Date.now();
	const state: HaloPollState = {
		version: STATE_VERSION,
		event: poll.event,
		since: now,
		cursor: now,
		emitted: {},
	};
	if (isAppointment(poll.event)) {
		const newest = await firstRecords(poll, 100, NEWEST_CHANGE_FIRST);
		const highest = await firstRecords(poll, 1, { order: 'id', orderdesc: true });
		const times = newest
			.map((record) => timeOf(record.last_modified))
			.filter((t): t is number => t !== undefined);
		const position = times.length > 0 ? Math.max(...times) : now;
		const seen = new DeliveryLedger(EMITTED_LEDGER_SIZE);
		for (const record of newest) {
			const changed = timeOf(record.last_modified);
			if (changed !== undefined) seen.add(`a:${String(record.id)}@${changed}`);
		}
		Object.assign(state, {
			since: position,
			cursor: position,
			emitted: seen.toJSON(),
			sinceId: highestId([...highest, ...newest]),
		});
	} else if (poll.event === 'timesheetEvent') {
		const { records } = await listAll(poll);
		const seen = new DeliveryLedger(EMITTED_LEDGER_SIZE);
		for (const record of records) seen.add(`t:${String(record.id)}`);
		Object.assign(state, { emitted: seen.toJSON(), sinceId: highestId(records) });
	} else {
		const { records } = await listAll(poll);
		Object.assign(state, {
			cursor: poll.window.to,
			snapshot: holidayChanges(records, {}, Number.POSITIVE_INFINITY).snapshot,
		});
	}
	Object.assign(stored, state);
}

/** New (and updated) appointments since the position minus the overlap. */
async function pollAppointments(poll: Poll, state: HaloPollState): Promise<Change[]> {
	const emitted = emittedOf(state);
	const floor = idFloor(state);
	const start = Math.max(state.since, state.cursor - poll.overlapMs);
	const found: Change[] = [];
	let cursor = state.cursor;
	for await (const page of pages(poll, NEWEST_CHANGE_FIRST)) {
		const scan = scanAppointments(page.items, {
			start,
			floor,
			updates: poll.event === 'appointment',
			emitted,
		});
		found.push(...scan.changes);
		for (const record of page.items) {
			const time = timeOf(record.last_modified);
			if (time !== undefined && time > cursor) cursor = time;
		}
		if (scan.reachedOlder) break;
	}
	state.cursor = cursor;
	return emitNew(state, found, emitted, 'appointmentCreated', 'appointment');
}

/**
 * The changes to emit (../common/poll.ts `freshChanges`), recorded in the state with the highest
 * id among those of `event` (the records new by id, under `record` in the item).
 */
function emitNew(
	state: HaloPollState,
	found: Change[],
	emitted: DeliveryLedger,
	event: string,
	record: string,
): Change[] {
	const changes = freshChanges(found, emitted);
	const created = changes.filter((change) => change.item.event === event);
	state.emitted = emitted.toJSON();
	state.highestId = highestId(
		created.map((change) => change.item[record] as IDataObject),
		state.highestId ?? 0,
	);
	return changes;
}

/** Timesheet events above the id floor. */
async function pollTimesheetEvents(poll: Poll, state: HaloPollState): Promise<Change[]> {
	const emitted = emittedOf(state);
	const floor = idFloor(state);
	const found: Change[] = [];
	for await (const page of pages(poll))
		found.push(...newTimesheetEvents(page.items, floor, emitted));
	return emitNew(state, found, emitted, 'timesheetEventCreated', 'timesheetEvent');
}

/** Holidays new or changed since the previous poll's snapshot. */
async function pollHolidays(poll: Poll, state: HaloPollState): Promise<Change[]> {
	const { records, complete } = await listAll(poll);
	const previous = state.snapshot ?? {};
	const { changes, snapshot } = holidayChanges(records, previous, state.cursor);
	const emitted = emittedOf(state);
	const fresh = freshChanges(changes, emitted);
	// a listing cut short by MAX_PAGES keeps what it did not reach (it is not gone)
	Object.assign(state, {
		cursor: poll.window.to,
		emitted: emitted.toJSON(),
		snapshot: complete ? snapshot : { ...previous, ...snapshot },
	});
	return fresh;
}

/** "Fetch Test Event": the latest few records, the position untouched. */
async function sample(poll: Poll): Promise<IDataObject[]> {
	if (isAppointment(poll.event)) {
		const latest = await firstRecords(poll, MANUAL_SAMPLE_SIZE, NEWEST_CHANGE_FIRST);
		const { changes } = scanAppointments(latest, {
			start: 0,
			floor: poll.event === 'newAppointment' ? -1 : Number.POSITIVE_INFINITY,
			updates: true,
			emitted: new DeliveryLedger(),
		});
		return changes.map((change) => change.item);
	}
	const { records } = await listAll(poll);
	if (poll.event === 'timesheetEvent') {
		return newTimesheetEvents(records, -1, new DeliveryLedger())
			.sort((a, b) => b.time - a.time)
			.slice(0, MANUAL_SAMPLE_SIZE)
			.map((change) => change.item);
	}
	return holidayChanges(records, {}, Number.POSITIVE_INFINITY)
		.changes.slice(0, MANUAL_SAMPLE_SIZE)
		.map((change) => change.item);
}

export class HaloPsaSchedulingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HaloPSA Scheduling Trigger',
		name: 'haloPsaSchedulingTrigger',
		icon: { light: 'file:../../icons/halopsa.svg', dark: 'file:../../icons/halopsa.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: `={{ (${JSON.stringify(EVENT_LABELS)})[$parameter["event"]] }}`,
		description:
			'Starts the workflow when appointments, timesheet events or holidays change in HaloPSA (polling the API)',
		defaults: { name: 'HaloPSA Scheduling Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: HALO_CREDENTIAL, required: true }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'New Appointment',
						value: 'newAppointment',
						description: 'An appointment was created (GET /Appointment, newest change first)',
					},
					{
						name: 'New or Changed Holiday',
						value: 'holiday',
						description:
							'A holiday was added or changed, e.g. approved (GET /Holiday within the date window)',
					},
					{
						name: 'New or Updated Appointment',
						value: 'appointment',
						description:
							'An appointment was created or changed (GET /Appointment, newest change first)',
					},
					{
						name: 'New Timesheet Event',
						value: 'timesheetEvent',
						description:
							'A time entry was added to a timesheet (GET /TimesheetEvent within the date window)',
					},
				],
				default: 'appointment',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Additional Query Parameters (JSON)',
						name: 'queryJson',
						type: 'json',
						default: '{}',
						description:
							'Further filters of the list, as a JSON object, e.g. {"agents": "4,7"} for appointments of two agents',
					},
					{
						displayName: 'Look Ahead (Days)',
						name: 'lookAheadDays',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 365,
						description:
							'The list covers records dated up to this many days ahead (end_date); later ones are not watched',
					},
					{
						displayName: 'Look Back (Days)',
						name: 'lookBackDays',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 7,
						description:
							'The list covers records dated from this many days ago (start_date); a record dated earlier is not watched',
					},
					{
						displayName: 'Overlap (Seconds)',
						name: 'overlapSeconds',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 300,
						description:
							'Each poll looks this far behind the newest change already seen, for appointments saved late; what it sees again is not emitted twice',
						displayOptions: { show: { '/event': ['newAppointment', 'appointment'] } },
					},
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event') as HaloPollEvent;
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const window = dateWindow(
			Date.now(),
			Number(options.lookBackDays ?? 7),
			Number(options.lookAheadDays ?? 365),
		);
		const extra = parseJsonParameter(this.getNode(), options.queryJson ?? '', {
			label: 'Additional Query Parameters (JSON)',
			itemIndex: 0,
			object: true,
		});
		const poll: Poll = {
			ctx: this,
			event,
			baseURL: haloResourceUrl(await this.getCredentials(HALO_CREDENTIAL)),
			qs: { ...window.qs, ...extra },
			window,
			overlapMs: Math.max(0, Number(options.overlapSeconds ?? 300)) * 1000,
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
		const state = { ...(stored as unknown as HaloPollState) };
		const changes = isAppointment(event)
			? await pollAppointments(poll, state)
			: event === 'timesheetEvent'
				? await pollTimesheetEvents(poll, state)
				: await pollHolidays(poll, state);
		Object.assign(stored, state);
		return emit(changes.map((change) => change.item));
	}
}
