import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import {
	emittedOf,
	EMITTED_LEDGER_SIZE,
	freshChanges,
	listPages,
	MANUAL_SAMPLE_SIZE,
	type Change,
	type PollState,
} from '../common/poll';
import { DeliveryLedger } from '../common/webhook';
import { sessionsVendor } from '../Sessions/shared/vendor';
import {
	isState,
	pageChanges,
	PATHS,
	seenKeys,
	STATE_VERSION,
	type SessionsPollEvent,
} from './changes';

const EVENT_LABELS: Record<SessionsPollEvent, string> = {
	newSession: 'New session',
	endedSession: 'Session ended',
	newBooking: 'New booking',
};

/** The first `pages` pages of the event's list (20 records each). */
async function firstPages(
	ctx: IPollFunctions,
	event: SessionsPollEvent,
	pages: number,
): Promise<IDataObject[][]> {
	const credentials = await ctx.getCredentials(sessionsVendor.credentialType);
	const baseURL = String(credentials.baseUrl ?? '').replace(/\/+$/, '');
	const read: IDataObject[][] = [];
	for await (const page of listPages(
		ctx,
		sessionsVendor,
		sessionsVendor.paging!,
		{ baseURL, url: PATHS[event], headers: { Accept: 'application/json' } },
		pages,
	))
		read.push(page.items);
	return read;
}

export class SessionsPollTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sessions Poll Trigger',
		name: 'sessionsPollTrigger',
		icon: { light: 'file:../../icons/sessions.svg', dark: 'file:../../icons/sessions.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: `={{ (${JSON.stringify(EVENT_LABELS)})[$parameter["event"]] }}`,
		description:
			'Starts the workflow when a session is created or ends, or a booking is made in Sessions (polling the API, for API keys without webhook rights)',
		defaults: { name: 'Sessions Poll Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'sessionsApi', required: true }],
		properties: [
			{
				displayName:
					'Prefer the Sessions Trigger (webhooks) when your API key may register webhooks: it reacts at once and spends no requests while nothing happens.',
				name: 'fallbackNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'New Booking',
						value: 'newBooking',
						description: 'A booking was made (GET /api/bookings)',
					},
					{
						name: 'New Session',
						value: 'newSession',
						description: 'A session was created (GET /api/sessions)',
					},
					{
						name: 'Session Ended',
						value: 'endedSession',
						description: 'A session ended (GET /api/sessions, its endedAt)',
					},
				],
				default: 'newSession',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Pages per Poll',
						name: 'pages',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 10 },
						default: 3,
						description:
							'How many pages of 20 records each poll reads (one request each; Sessions allows 10 requests per minute). Changes beyond them are not seen.',
					},
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event') as SessionsPollEvent;
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const pages = Math.min(10, Math.max(1, Math.floor(Number(options.pages ?? 3)) || 3));
		const emit = (items: IDataObject[]) =>
			items.length ? [this.helpers.returnJsonArray(items)] : null;

		// "Fetch Test Event": the first records of the list, the position untouched
		if (this.getMode() === 'manual') {
			const [first = []] = await firstPages(this, event, 1);
			const changes = pageChanges(first, event, 0, new DeliveryLedger());
			return emit(changes.slice(0, MANUAL_SAMPLE_SIZE).map((change) => change.item));
		}

		const stored = this.getWorkflowStaticData('node');
		const read = await firstPages(this, event, pages);
		if (!isState(stored, event)) {
			// first activation (or another event): what is there now is not news
			const seen = new DeliveryLedger(EMITTED_LEDGER_SIZE);
			for (const key of read.flatMap((page) => seenKeys(page, event))) seen.add(key);
			const now = Date.now();
			const state: PollState = {
				version: STATE_VERSION,
				event,
				since: now,
				cursor: now,
				emitted: seen.toJSON(),
			};
			Object.assign(stored, state);
			return null;
		}
		const state = stored as unknown as PollState;
		const emitted = emittedOf(state);
		const found: Change[] = read.flatMap((page) => pageChanges(page, event, state.since, emitted));
		const changes = freshChanges(found, emitted);
		Object.assign(stored, { cursor: Date.now(), emitted: emitted.toJSON() });
		return emit(changes.map((change) => change.item));
	}
}
