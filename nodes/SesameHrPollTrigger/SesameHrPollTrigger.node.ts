import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { metaPages } from '../common/paging';
import { vendorJson } from '../common/transport';
import { DeliveryLedger } from '../common/webhook';
import {
	SESAME_CREDENTIAL,
	SESAME_SMALL_PAGE_SIZE,
	sesameBaseUrl,
	sesameVendor,
} from '../SesameHr/shared/vendor';
import {
	byTime,
	clockEvents,
	EMITTED_LEDGER_SIZE,
	EMPLOYEES_PATH,
	initialState,
	isState,
	MANUAL_SAMPLE_SIZE,
	scanEmployees,
	sesameDateTime,
	timeOf,
	windowStart,
	type PollEvent,
	type PollState,
	WORK_ENTRIES_PATH,
} from './state';

/** Safety stop for one poll (100 items per page: 100,000 changes). */
const MAX_PAGES = 1000;

/** The pages of a Sesame list, one request each, until meta.lastPage (or MAX_PAGES). */
async function* pages(
	ctx: IPollFunctions,
	baseURL: string,
	path: string,
	qs: IDataObject,
): AsyncGenerator<IDataObject[]> {
	const paging = metaPages(SESAME_SMALL_PAGE_SIZE);
	for (let page = 1; page <= MAX_PAGES; page++) {
		const body = await vendorJson(ctx, sesameVendor, {
			method: 'GET',
			baseURL,
			url: path,
			qs: { ...qs, ...paging.query(page, undefined) },
		});
		const { items, hasMore } = paging.read(body, page);
		yield items;
		if (!hasMore) return;
	}
}

export class SesameHrPollTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sesame HR Poll Trigger',
		name: 'sesameHrPollTrigger',
		icon: { light: 'file:../../icons/sesame.svg', dark: 'file:../../icons/sesame.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{ $parameter["event"] === "workEntry" ? "New clock-in/clock-out" : "New or updated employee" }}',
		description:
			'Starts the workflow on new or updated employees and new clock-ins/clock-outs in Sesame HR by polling the API, for accounts without Sesame webhooks',
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
						name: 'New or Updated Employee',
						value: 'employee',
						description:
							'An employee was created or changed (GET /core/v3/employees, newest first)',
					},
					{
						name: 'New Clock-In/Clock-Out',
						value: 'workEntry',
						description:
							'A work entry got a clock-in or a clock-out (GET /schedule/v1/work-entries changed since the last poll)',
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
					},
					{
						displayName: 'Employee ID',
						name: 'employeeId',
						type: 'string',
						default: '',
						description: 'Only the work entries of this employee',
						displayOptions: { show: { '/event': ['workEntry'] } },
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
					},
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event') as PollEvent;
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const timeField = String(options.timeField || 'updatedAt');
		const baseURL = sesameBaseUrl(await this.getCredentials(SESAME_CREDENTIAL));
		const paging = metaPages(SESAME_SMALL_PAGE_SIZE);
		const workEntryFilters: IDataObject = {};
		if (event === 'workEntry') {
			if (options.employeeId) workEntryFilters.employeeId = String(options.employeeId).trim();
			if (options.includeDeleted) workEntryFilters.onlyReturn = 'all';
		}
		const fetchPage = async (path: string, qs: IDataObject): Promise<IDataObject[]> => {
			const body = await vendorJson(this, sesameVendor, { method: 'GET', baseURL, url: path, qs });
			return paging.read(body, Number(qs.page)).items;
		};
		const fetchPages = (path: string, qs: IDataObject) => pages(this, baseURL, path, qs);

		// "Fetch Test Event": the latest few records, position untouched
		if (this.getMode() === 'manual') {
			const path = event === 'employee' ? EMPLOYEES_PATH : WORK_ENTRIES_PATH;
			const latest = await fetchPage(path, {
				...workEntryFilters,
				orderBy: `${timeField} desc`,
				page: 1,
				limit: MANUAL_SAMPLE_SIZE,
			});
			const empty = new DeliveryLedger();
			const items =
				event === 'employee'
					? scanEmployees(latest, timeField, 0, empty).changes
					: clockEvents(latest, timeField, empty).sort(byTime).slice(-MANUAL_SAMPLE_SIZE);
			return items.length
				? [this.helpers.returnJsonArray(items.map((change) => change.item))]
				: null;
		}

		const stored = this.getWorkflowStaticData('node');
		const overlapMs = Math.max(0, Number(options.overlapSeconds ?? 300)) * 1000;
		if (!isState(stored, event)) {
			// First activation (or another event chosen): remember where Sesame is now and emit nothing.
			// "Now" is the newest change on the server (its own clock; the local time if the list is
			// empty), and the records of that first page count as already seen.
			const path = event === 'employee' ? EMPLOYEES_PATH : WORK_ENTRIES_PATH;
			const newest = await fetchPage(path, {
				...workEntryFilters,
				orderBy: `${timeField} desc`,
				page: 1,
				limit: SESAME_SMALL_PAGE_SIZE,
			});
			const seen = new DeliveryLedger(EMITTED_LEDGER_SIZE);
			const changes =
				event === 'employee'
					? scanEmployees(newest, timeField, 0, seen).changes
					: clockEvents(newest, timeField, seen);
			const times = newest
				.map((record) => timeOf(record[timeField]))
				.filter((t): t is number => t !== undefined);
			const position = times.length > 0 ? Math.max(...times) : Date.now();
			for (const change of changes) seen.add(change.key);
			Object.assign(stored, initialState(event, position), { emitted: seen.toJSON() });
			return null;
		}
		const state = stored as unknown as PollState;
		const start = windowStart(state, overlapMs);
		const emitted = DeliveryLedger.from(state.emitted, EMITTED_LEDGER_SIZE);

		// the state is only written once every page was read: a failed request changes nothing
		let cursor = state.cursor;
		const found: Array<{ key: string; time: number; item: IDataObject }> = [];
		if (event === 'employee') {
			// no change filter on this list: read it newest first until a record older than the window
			for await (const page of fetchPages(EMPLOYEES_PATH, { orderBy: `${timeField} desc` })) {
				const scan = scanEmployees(page, timeField, start, emitted);
				found.push(...scan.changes);
				if (scan.reachedOlder) break;
			}
		} else {
			const qs = {
				...workEntryFilters,
				[`${timeField}[gte]`]: sesameDateTime(start),
				orderBy: `${timeField} asc`,
			};
			for await (const page of fetchPages(WORK_ENTRIES_PATH, qs)) {
				found.push(...clockEvents(page, timeField, emitted, state.since));
				// entries changed without a new clock event (edits) still move the position on
				for (const entry of page) {
					const time = timeOf(entry[timeField]);
					if (time !== undefined && time > cursor) cursor = time;
				}
			}
		}

		// one item per change, oldest first; a record seen on two pages counts once
		const unique = new Map(found.map((change) => [change.key, change]));
		const changes = [...unique.values()].sort(byTime);
		for (const change of changes) {
			emitted.add(change.key);
			if (change.time > cursor) cursor = change.time;
		}
		state.cursor = cursor;
		state.emitted = emitted.toJSON();
		if (changes.length === 0) return null;
		return [this.helpers.returnJsonArray(changes.map((change) => change.item))];
	}
}
