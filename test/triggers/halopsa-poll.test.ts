/**
 * HaloPSA Scheduling Trigger over several polls, in-process through n8n-core's PollContext
 * (runPoll), with nock as the Halo API (bearer token stored with the credential): activation,
 * new/updated appointments (newest change first, early stop only when Halo honoured the order),
 * new timesheet events (id floor), new/changed holidays (snapshot of the date window), paging,
 * manual "Fetch Test Event", a failed request, and state surviving a restart (static data as JSON).
 * The clock is fixed (fake timers) so the date window of every request is exact.
 */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { jsonOf, pollerOf } from '../support/poll';
import { API, credentialType, CREDENTIALS, storedToken, TYPE } from '../halopsa/helpers';
import { HaloPsaSchedulingTrigger } from '../../nodes/HaloPsaSchedulingTrigger/HaloPsaSchedulingTrigger.node';

const NODE = 'node:HaloPSA Scheduling Trigger';
const NOW = Date.UTC(2026, 10, 20, 9, 0, 0);
const at = (minutes: number) => new Date(NOW + minutes * 60_000).toISOString().slice(0, 19);
const ms = (minutes: number) => NOW + minutes * 60_000;
const day = (days: number) => `${new Date(NOW + days * 86_400_000).toISOString().slice(0, 19)}Z`;

/** The date window of a poll at NOW with the default options (7 days back, 365 ahead). */
const WINDOW = { start_date: day(-7), end_date: day(365) };
const PAGE = (page = 1, size = 100) => ({
	pageinate: 'true',
	page_size: String(size),
	page_no: String(page),
});
const NEWEST = { order: 'last_modified', orderdesc: 'true' };

const api = () => nock(API, { reqheaders: { authorization: 'Bearer tok-1' } });
const envelope = (key: string, records: IDataObject[], total = records.length) => ({
	record_count: total,
	[key]: records,
});

beforeEach(() => {
	jest.useFakeTimers({
		now: NOW,
		doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'setTimeout', 'clearTimeout'],
	});
});

afterEach(() => {
	jest.useRealTimers();
	const pending = nock.pendingMocks();
	nock.cleanAll();
	expect(pending).toEqual([]);
});

const poller = pollerOf(
	() => new HaloPsaSchedulingTrigger(),
	{ [TYPE]: { ...CREDENTIALS, ...storedToken('tok-1', NOW + 3_600_000) } },
	[credentialType],
);

describe('appointments', () => {
	const appointment = (id: number, modified: number) => ({
		id,
		subject: `Visit ${id}`,
		start_date: at(24 * 60),
		last_modified: at(modified),
	});

	it('activation remembers the newest change and the highest id; later polls emit new and updated appointments once', async () => {
		let staticData: IDataObject = {};
		let poll = poller({ event: 'appointment' }, staticData);

		// activation: the newest changes (100) and the highest id (1), nothing emitted
		let scope = api()
			.get('/Appointment')
			.query({ ...WINDOW, ...NEWEST, ...PAGE(1) })
			.reply(200, envelope('appointments', [appointment(10, 0), appointment(7, -30)]))
			.get('/Appointment')
			.query({ ...WINDOW, order: 'id', orderdesc: 'true', ...PAGE(1, 1) })
			.reply(200, envelope('appointments', [appointment(12, -600)], 40));
		let result = await poll();
		expect(scope.isDone()).toBe(true);
		expect(result.result).toBeNull();
		expect(result.nodeStaticData).toMatchObject({
			version: 1,
			event: 'appointment',
			since: ms(0),
			cursor: ms(0),
			sinceId: 12,
		});

		// 13 created, 7 updated; 10 unchanged
		const a13 = appointment(13, 3);
		const a7 = appointment(7, 2);
		scope = api()
			.get('/Appointment')
			.query({ ...WINDOW, ...NEWEST, ...PAGE(1) })
			.reply(200, envelope('appointments', [a13, a7, appointment(10, 0)]));
		result = await poll();
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(result)).toEqual([
			{
				event: 'appointmentUpdated',
				appointmentId: 7,
				changedAt: a7.last_modified,
				appointment: a7,
			},
			{
				event: 'appointmentCreated',
				appointmentId: 13,
				changedAt: a13.last_modified,
				appointment: a13,
			},
		]);
		expect(result.nodeStaticData).toMatchObject({ cursor: ms(3), highestId: 13 });

		// restart; the same list plus an update of 13: only the update is news
		staticData = JSON.parse(JSON.stringify(staticData));
		poll = poller({ event: 'appointment' }, staticData);
		const a13b = { ...appointment(13, 9), subject: 'Moved' };
		scope = api()
			.get('/Appointment')
			.query({ ...WINDOW, ...NEWEST, ...PAGE(1) })
			.reply(200, envelope('appointments', [a13b, a13, a7]));
		result = await poll();
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(result)).toEqual([
			{
				event: 'appointmentUpdated',
				appointmentId: 13,
				changedAt: a13b.last_modified,
				appointment: a13b,
			},
		]);
	});

	it('New Appointment emits creations only; pages until a change older than the window', async () => {
		const staticData: IDataObject = {
			[NODE]: {
				version: 1,
				event: 'newAppointment',
				since: ms(0),
				cursor: ms(100),
				emitted: {},
				sinceId: 500,
			},
		};
		const poll = poller(
			{ event: 'newAppointment', options: { overlapSeconds: 0, lookBackDays: 1 } },
			staticData,
		);
		const window = { start_date: day(-1), end_date: day(365) };
		const first = Array.from({ length: 100 }, (_, i) => appointment(600 + i, 300 - i));
		const scope = api()
			.get('/Appointment')
			.query({ ...window, ...NEWEST, ...PAGE(1) })
			.reply(200, envelope('appointments', first, 250))
			.get('/Appointment')
			.query({ ...window, ...NEWEST, ...PAGE(2) })
			.reply(200, envelope('appointments', [appointment(499, 150), appointment(700, 50)], 250));
		// page 3 is never asked for: page 2 is ordered and reaches before the cursor
		const result = await poll();
		expect(scope.isDone()).toBe(true);
		const ids = jsonOf(result)!.map((item) => item.appointmentId);
		expect(ids).toHaveLength(100);
		expect(ids[0]).toBe(699);
		expect(ids[99]).toBe(600);
		expect(jsonOf(result)!.every((item) => item.event === 'appointmentCreated')).toBe(true);
	});

	it('reads every page when Halo did not honour the order', async () => {
		const staticData: IDataObject = {
			[NODE]: {
				version: 1,
				event: 'appointment',
				since: ms(0),
				cursor: ms(10),
				emitted: {},
				sinceId: 50,
			},
		};
		const poll = poller({ event: 'appointment', options: { overlapSeconds: 0 } }, staticData);
		const unordered = [
			appointment(1, -100),
			...Array.from({ length: 99 }, (_, i) => appointment(2 + i, -200)),
		];
		unordered[50] = appointment(51, 20);
		const scope = api()
			.get('/Appointment')
			.query({ ...WINDOW, ...NEWEST, ...PAGE(1) })
			.reply(200, envelope('appointments', unordered, 101))
			.get('/Appointment')
			.query({ ...WINDOW, ...NEWEST, ...PAGE(2) })
			.reply(200, envelope('appointments', [appointment(9, 15)], 101));
		const result = await poll();
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(result)!.map((item) => `${item.event}:${item.appointmentId}`)).toEqual([
			'appointmentUpdated:9',
			'appointmentCreated:51',
		]);
	});

	it('passes the additional query parameters and the configured window; a failed page changes nothing', async () => {
		const state = {
			version: 1,
			event: 'appointment',
			since: ms(0),
			cursor: ms(0),
			emitted: {},
			sinceId: 5,
		};
		const staticData: IDataObject = { [NODE]: { ...state } };
		const poll = poller(
			{
				event: 'appointment',
				options: { lookBackDays: 0, lookAheadDays: 30, queryJson: '{"agents": "4,7"}' },
			},
			staticData,
		);
		const query = { start_date: day(0), end_date: day(30), agents: '4,7', ...NEWEST };
		const full = Array.from({ length: 100 }, (_, i) => appointment(6 + i, 500 - i));
		const scope = api()
			.get('/Appointment')
			.query({ ...query, ...PAGE(1) })
			.reply(200, full)
			.get('/Appointment')
			.query({ ...query, ...PAGE(2) })
			.reply(400, { message: 'Bad page' });
		await expect(poll()).rejects.toThrow();
		expect(scope.isDone()).toBe(true);
		expect(staticData[NODE]).toEqual(state);
	});

	it('"Fetch Test Event" shows the latest changes and leaves the position alone', async () => {
		const staticData: IDataObject = {};
		const poll = poller({ event: 'newAppointment' }, staticData);
		const latest = [appointment(3, 5), appointment(2, 4)];
		const scope = api()
			.get('/Appointment')
			.query({ ...WINDOW, ...NEWEST, ...PAGE(1, 5) })
			.reply(200, latest);
		const result = await poll('manual');
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(result)!.map((item) => `${item.event}:${item.appointmentId}`)).toEqual([
			'appointmentCreated:3',
			'appointmentCreated:2',
		]);
		expect(result.nodeStaticData).toEqual({});
	});
});

describe('timesheet events', () => {
	const entry = (id: number, agent = 4) => ({
		id,
		agent_id: agent,
		subject: `Work ${id}`,
		start_date: at(-60),
		end_date: at(-30),
	});

	it('activation remembers the highest id of the window; later polls emit each new event once, in id order', async () => {
		let staticData: IDataObject = {};
		let poll = poller({ event: 'timesheetEvent' }, staticData);
		let scope = api()
			.get('/TimesheetEvent')
			.query({ ...WINDOW, ...PAGE(1) })
			.reply(200, [entry(100), entry(98)]);
		let result = await poll();
		expect(scope.isDone()).toBe(true);
		expect(result.result).toBeNull();
		expect(result.nodeStaticData).toMatchObject({ event: 'timesheetEvent', sinceId: 100 });

		// 102 and 101 logged (101 committed late); 98 and 100 are old
		scope = api()
			.get('/TimesheetEvent')
			.query({ ...WINDOW, ...PAGE(1) })
			.reply(200, [entry(102, 7), entry(100), entry(98)]);
		result = await poll();
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(result)).toEqual([
			{
				event: 'timesheetEventCreated',
				timesheetEventId: 102,
				agentId: 7,
				timesheetEvent: entry(102, 7),
			},
		]);

		staticData = JSON.parse(JSON.stringify(staticData));
		poll = poller({ event: 'timesheetEvent' }, staticData);
		scope = api()
			.get('/TimesheetEvent')
			.query({ ...WINDOW, ...PAGE(1) })
			.reply(200, [entry(103), entry(101), entry(102, 7), entry(100)]);
		result = await poll();
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(result)!.map((item) => item.timesheetEventId)).toEqual([101, 103]);
		expect(result.nodeStaticData.highestId).toBe(103);
	});

	it('an event at or below the id floor is old even when the ledger does not know it', async () => {
		const staticData: IDataObject = {
			[NODE]: {
				version: 1,
				event: 'timesheetEvent',
				since: ms(0),
				cursor: ms(0),
				emitted: {},
				sinceId: 100,
				highestId: 1500,
			},
		};
		const poll = poller({ event: 'timesheetEvent' }, staticData);
		const scope = api()
			.get('/TimesheetEvent')
			.query({ ...WINDOW, ...PAGE(1) })
			.reply(200, [entry(99), entry(500), entry(501), entry(1501)]);
		const result = await poll();
		expect(scope.isDone()).toBe(true);
		// floor = max(100, 1500 - 1000) = 500
		expect(jsonOf(result)!.map((item) => item.timesheetEventId)).toEqual([501, 1501]);
	});

	it('reads at most 50 pages per poll', async () => {
		const staticData: IDataObject = {
			[NODE]: {
				version: 1,
				event: 'timesheetEvent',
				since: ms(0),
				cursor: ms(0),
				emitted: {},
				sinceId: 0,
			},
		};
		const poll = poller({ event: 'timesheetEvent' }, staticData);
		let scope = api();
		for (let page = 1; page <= 50; page++) {
			scope = scope
				.get('/TimesheetEvent')
				.query({ ...WINDOW, ...PAGE(page) })
				.reply(
					200,
					Array.from({ length: 100 }, (_, i) => entry(page * 1000 + i)),
				);
		}
		const result = await poll();
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(result)).toHaveLength(5000);
	});
});

describe('holidays', () => {
	const guid = (n: number) => `3f2c9a7e-1b2c-4d5e-8f90-${String(n).padStart(12, '0')}`;
	const holiday = (n: number, days: number, extra: IDataObject = {}) => ({
		id: guid(n),
		name: `Leave ${n}`,
		agent_id: 4,
		date: day(days).slice(0, 19),
		approval_status: 0,
		...extra,
	});

	it('emits added and changed holidays once; one that only came into the window is not news', async () => {
		let staticData: IDataObject = {};
		let poll = poller({ event: 'holiday' }, staticData);
		let scope = api()
			.get('/Holiday')
			.query({ ...WINDOW, ...PAGE(1) })
			.reply(200, envelope('holidays', [holiday(1, 10), holiday(2, 20)]));
		let result = await poll();
		expect(scope.isDone()).toBe(true);
		expect(result.result).toBeNull();
		expect(Object.keys(result.nodeStaticData.snapshot as IDataObject)).toEqual([guid(1), guid(2)]);

		// a day later: 1 approved, 3 added, 4 dated 365.5 days ahead (just came into view), 2 unchanged
		jest.setSystemTime(NOW + 86_400_000);
		const window = { start_date: day(-6), end_date: day(366) };
		const approved = holiday(1, 10, { approval_status: 1 });
		const added = holiday(3, 5);
		scope = api()
			.get('/Holiday')
			.query({ ...window, ...PAGE(1) })
			.reply(200, envelope('holidays', [approved, holiday(2, 20), added, holiday(4, 365.5)]));
		result = await poll();
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(result)).toEqual([
			{ event: 'holidayCreated', holidayId: guid(3), holiday: added },
			{ event: 'holidayChanged', holidayId: guid(1), holiday: approved },
		]);

		// restart: the same listing emits nothing
		staticData = JSON.parse(JSON.stringify(staticData));
		poll = poller({ event: 'holiday' }, staticData);
		scope = api()
			.get('/Holiday')
			.query({ ...window, ...PAGE(1) })
			.reply(200, envelope('holidays', [approved, holiday(2, 20), added, holiday(4, 365.5)]));
		result = await poll();
		expect(scope.isDone()).toBe(true);
		expect(result.result).toBeNull();
	});

	it('"Fetch Test Event" shows the first holidays of the window', async () => {
		const staticData: IDataObject = {};
		const poll = poller({ event: 'holiday' }, staticData);
		const scope = api()
			.get('/Holiday')
			.query({ ...WINDOW, ...PAGE(1) })
			.reply(200, [holiday(1, 3)]);
		const result = await poll('manual');
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(result)).toEqual([
			{ event: 'holidayCreated', holidayId: guid(1), holiday: holiday(1, 3) },
		]);
		expect(result.nodeStaticData).toEqual({});
	});
});
