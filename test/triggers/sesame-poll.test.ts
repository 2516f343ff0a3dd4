/**
 * Sesame HR Poll Trigger over several polls, in-process through n8n-core's PollContext (runPoll),
 * with nock as the Sesame API: first activation, nothing new, new items, paging, the overlap
 * window, manual "Fetch Test Event", failures, and state surviving a restart (static data as JSON).
 */
import nock from 'nock';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runPoll } from '../harness';
import { SesameHrApi } from '../../credentials/SesameHrApi.credentials';
import { SesameHrPollTrigger } from '../../nodes/SesameHrPollTrigger/SesameHrPollTrigger.node';

const API = 'https://api-eu1.sesametime.com';
const TOKEN = 'sesame-poll-token';
const credentials = { sesameHrApi: { apiToken: TOKEN, region: 'eu1' } };
const credentialTypes = [new SesameHrApi()];
const NODE = 'node:Sesame HR Poll Trigger';

const api = () => nock(API, { reqheaders: { authorization: `Bearer ${TOKEN}` } });
const page = (data: IDataObject[], currentPage = 1, lastPage = 1) => ({
	data,
	meta: { currentPage, lastPage, total: data.length, perPage: 100 },
});
const at = (minutes: number) =>
	new Date(Date.UTC(2026, 10, 20, 9, 0, 0) + minutes * 60_000)
		.toISOString()
		.replace('.000Z', '+00:00');
const ms = (minutes: number) => Date.UTC(2026, 10, 20, 9, 0, 0) + minutes * 60_000;

const employee = (id: string, updated: number, created = -600) => ({
	id,
	firstName: id,
	createdAt: at(created),
	updatedAt: at(updated),
});

afterEach(() => {
	const pending = nock.pendingMocks();
	nock.cleanAll();
	expect(pending).toEqual([]);
});

function poller(parameters: INodeParameters, staticData: IDataObject = {}) {
	return async (mode: 'trigger' | 'manual' = 'trigger') =>
		await runPoll({
			node: new SesameHrPollTrigger(),
			parameters,
			credentials,
			credentialTypes,
			staticData,
			mode,
		});
}

const jsonOf = (result: Awaited<ReturnType<ReturnType<typeof poller>>>) =>
	result.result?.[0].map((item) => item.json) ?? null;

describe('New or Updated Employee', () => {
	const newestFirst = { orderBy: 'updatedAt desc', page: '1', limit: '100' };

	it('first poll remembers where Sesame is and emits nothing; later polls emit only changes, oldest first', async () => {
		const staticData: IDataObject = {};
		const poll = poller({ event: 'employee' }, staticData);

		// 1. activation: one request, nothing emitted
		let scope = api()
			.get('/core/v3/employees')
			.query(newestFirst)
			.reply(200, page([employee('e1', 0), employee('e2', -60)]));
		let result = await poll();
		expect(scope.isDone()).toBe(true);
		expect(result.result).toBeNull();
		expect(result.nodeStaticData).toMatchObject({
			version: 1,
			event: 'employee',
			since: ms(0),
			cursor: ms(0),
		});

		// 2. nothing changed: still one request, nothing emitted
		scope = api()
			.get('/core/v3/employees')
			.query(newestFirst)
			.reply(200, page([employee('e1', 0), employee('e2', -60)]));
		result = await poll();
		expect(scope.isDone()).toBe(true);
		expect(result.result).toBeNull();

		// 3. e3 created, e1 updated: both emitted once, oldest change first
		const e3 = employee('e3', 2, 2);
		const e1b = employee('e1', 1);
		scope = api()
			.get('/core/v3/employees')
			.query(newestFirst)
			.reply(200, page([e3, e1b, employee('e2', -60)]));
		result = await poll();
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(result)).toEqual([
			{ event: 'employeeUpdated', employeeId: 'e1', changedAt: e1b.updatedAt, employee: e1b },
			{ event: 'employeeCreated', employeeId: 'e3', changedAt: e3.updatedAt, employee: e3 },
		]);
		expect(result.nodeStaticData.cursor).toBe(ms(2));

		// 4. the same list again: nothing is emitted twice
		scope = api()
			.get('/core/v3/employees')
			.query(newestFirst)
			.reply(200, page([e3, e1b, employee('e2', -60)]));
		result = await poll();
		expect(scope.isDone()).toBe(true);
		expect(result.result).toBeNull();
	});

	it('reads further pages only until a record older than the window', async () => {
		const staticData: IDataObject = {
			[NODE]: { version: 1, event: 'employee', since: ms(0), cursor: ms(0), emitted: {} },
		};
		const poll = poller({ event: 'employee', options: { overlapSeconds: 0 } }, staticData);
		const changed = Array.from({ length: 150 }, (_, i) => employee(`n${i}`, 150 - i)); // newest first
		const scope = api()
			.get('/core/v3/employees')
			.query(newestFirst)
			.reply(200, page(changed.slice(0, 100), 1, 3))
			.get('/core/v3/employees')
			.query({ ...newestFirst, page: '2' })
			.reply(200, page([...changed.slice(100), employee('old', -5)], 2, 3));
		// page 3 exists but is never asked for
		const result = await poll();
		expect(scope.isDone()).toBe(true);
		const ids = jsonOf(result)!.map((item) => item.employeeId);
		expect(ids).toHaveLength(150);
		expect(ids[0]).toBe('n149');
		expect(ids[149]).toBe('n0');
		expect(result.nodeStaticData.cursor).toBe(ms(150));
	});

	it('emits a record saved late inside the overlap window, but nothing from before activation', async () => {
		const staticData: IDataObject = {
			[NODE]: { version: 1, event: 'employee', since: ms(0), cursor: ms(10), emitted: {} },
		};
		const poll = poller({ event: 'employee', options: { overlapSeconds: 300 } }, staticData);
		const late = employee('late', 7); // older than the cursor, within 5 minutes of it
		const scope = api()
			.get('/core/v3/employees')
			.query(newestFirst)
			.reply(200, page([late, employee('tooOld', 4), employee('preActivation', -1)]));
		const result = await poll();
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(result)!.map((item) => item.employeeId)).toEqual(['late']);
		expect(result.nodeStaticData.cursor).toBe(ms(10));
	});

	it('uses the configured change-time field for ordering and comparison', async () => {
		const staticData: IDataObject = {
			[NODE]: { version: 1, event: 'employee', since: ms(0), cursor: ms(0), emitted: {} },
		};
		const poll = poller({ event: 'employee', options: { timeField: 'modifiedAt' } }, staticData);
		const record = { id: 'm1', modifiedAt: at(3) };
		const scope = api()
			.get('/core/v3/employees')
			.query({ ...newestFirst, orderBy: 'modifiedAt desc' })
			.reply(200, page([record]));
		const result = await poll();
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(result)).toEqual([
			{ event: 'employeeUpdated', employeeId: 'm1', changedAt: at(3), employee: record },
		]);
	});

	it('"Fetch Test Event" shows the latest few employees and leaves the position alone', async () => {
		const staticData: IDataObject = {};
		const poll = poller({ event: 'employee' }, staticData);
		const latest = [employee('a', 3), employee('b', 2)];
		const scope = api()
			.get('/core/v3/employees')
			.query({ orderBy: 'updatedAt desc', page: '1', limit: '5' })
			.reply(200, page(latest));
		const result = await poll('manual');
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(result)!.map((item) => item.employeeId)).toEqual(['a', 'b']);
		expect(result.nodeStaticData).toEqual({});
	});

	it('a failed request changes nothing: the next poll repeats the same window', async () => {
		const state = { version: 1, event: 'employee', since: ms(0), cursor: ms(0), emitted: {} };
		const staticData: IDataObject = { [NODE]: { ...state } };
		const poll = poller({ event: 'employee', options: { overlapSeconds: 0 } }, staticData);
		const changed = Array.from({ length: 100 }, (_, i) => employee(`f${i}`, 200 - i));
		let scope = api()
			.get('/core/v3/employees')
			.query(newestFirst)
			.reply(200, page(changed, 1, 2))
			.get('/core/v3/employees')
			.query({ ...newestFirst, page: '2' })
			.reply(400, { message: 'Bad page' });
		await expect(poll()).rejects.toThrow();
		expect(scope.isDone()).toBe(true);
		expect(staticData[NODE]).toEqual(state);

		scope = api()
			.get('/core/v3/employees')
			.query(newestFirst)
			.reply(200, page(changed, 1, 2))
			.get('/core/v3/employees')
			.query({ ...newestFirst, page: '2' })
			.reply(200, page([employee('old', -1)], 2, 2));
		const result = await poll();
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(result)).toHaveLength(100);
	});
});

describe('New Clock-In/Clock-Out', () => {
	const entry = (
		id: string,
		updated: number,
		inAt?: number,
		outAt?: number,
		employeeId = 'emp-1',
	) => ({
		id,
		employee: { id: employeeId },
		workEntryIn: inAt === undefined ? null : { date: at(inAt) },
		workEntryOut: outAt === undefined ? null : { date: at(outAt) },
		updatedAt: at(updated),
	});
	const changedSince = (minutes: number, extra: IDataObject = {}) => ({
		'updatedAt[gte]': at(minutes),
		orderBy: 'updatedAt asc',
		page: '1',
		limit: '100',
		...extra,
	});

	it('emits one item per clock-in and clock-out, each once, across polls and a restart', async () => {
		let staticData: IDataObject = {};
		let poll = poller({ event: 'workEntry' }, staticData);

		// activation: the newest work entry fixes the position; its clock-in is not news
		let scope = api()
			.get('/schedule/v1/work-entries')
			.query({ orderBy: 'updatedAt desc', page: '1', limit: '100' })
			.reply(200, page([entry('w1', 0, 0)]));
		let result = await poll();
		expect(scope.isDone()).toBe(true);
		expect(result.result).toBeNull();
		expect(result.nodeStaticData).toMatchObject({
			event: 'workEntry',
			since: ms(0),
			cursor: ms(0),
		});

		// w2 clocks in, w1 clocks out (its entry updated)
		const w2 = entry('w2', 60, 60);
		const w1 = entry('w1', 480, 0, 480);
		scope = api()
			.get('/schedule/v1/work-entries')
			.query(changedSince(0))
			.reply(200, page([w2, w1]));
		result = await poll();
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(result)).toEqual([
			{ event: 'clockIn', date: at(60), workEntryId: 'w2', employeeId: 'emp-1', workEntry: w2 },
			{ event: 'clockOut', date: at(480), workEntryId: 'w1', employeeId: 'emp-1', workEntry: w1 },
		]);
		expect(result.nodeStaticData.cursor).toBe(ms(480));

		// restart: the static data is stored as JSON and read back
		staticData = JSON.parse(JSON.stringify(staticData));
		poll = poller({ event: 'workEntry' }, staticData);

		// the window looks 5 minutes back: w1 is listed again but not emitted again; an edit of w2
		// (no new clock event) moves the position on without emitting
		const w2edited = { ...w2, updatedAt: at(490), comment: 'fixed' };
		scope = api()
			.get('/schedule/v1/work-entries')
			.query(changedSince(475))
			.reply(200, page([w1, w2edited]));
		result = await poll();
		expect(scope.isDone()).toBe(true);
		expect(result.result).toBeNull();
		expect(result.nodeStaticData.cursor).toBe(ms(490));
	});

	it('pages through every change (meta.lastPage) and passes the filters', async () => {
		const staticData: IDataObject = {
			[NODE]: { version: 1, event: 'workEntry', since: ms(0), cursor: ms(0), emitted: {} },
		};
		const poll = poller(
			{
				event: 'workEntry',
				options: { employeeId: ' emp-9 ', includeDeleted: true, overlapSeconds: 0 },
			},
			staticData,
		);
		const first = Array.from({ length: 100 }, (_, i) =>
			entry(`p${i}`, i + 1, i + 1, undefined, 'emp-9'),
		);
		const second = [entry('p100', 200, 101, 200, 'emp-9')];
		const filters = { employeeId: 'emp-9', onlyReturn: 'all' };
		const scope = api()
			.get('/schedule/v1/work-entries')
			.query(changedSince(0, filters))
			.reply(200, page(first, 1, 2))
			.get('/schedule/v1/work-entries')
			.query(changedSince(0, { ...filters, page: '2' }))
			.reply(200, page(second, 2, 2));
		const result = await poll();
		expect(scope.isDone()).toBe(true);
		const events = jsonOf(result)!;
		expect(events).toHaveLength(102);
		expect(events.slice(-2).map((e) => `${e.workEntryId}:${e.event}`)).toEqual([
			'p100:clockIn',
			'p100:clockOut',
		]);
	});

	it('skips clock events dated before the trigger was activated', async () => {
		const staticData: IDataObject = {
			[NODE]: { version: 1, event: 'workEntry', since: ms(0), cursor: ms(0), emitted: {} },
		};
		const poll = poller({ event: 'workEntry' }, staticData);
		const overnight = entry('w9', 30, -120, 30); // clocked in before activation, out after
		const scope = api()
			.get('/schedule/v1/work-entries')
			.query(changedSince(0))
			.reply(200, page([overnight]));
		const result = await poll();
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(result)!.map((e) => e.event)).toEqual(['clockOut']);
	});

	it('"Fetch Test Event" shows the clock events of the latest entries', async () => {
		const staticData: IDataObject = {};
		const poll = poller({ event: 'workEntry' }, staticData);
		const scope = api()
			.get('/schedule/v1/work-entries')
			.query({ orderBy: 'updatedAt desc', page: '1', limit: '5' })
			.reply(200, page([entry('w5', 9, 9), entry('w4', 8, 1, 8)]));
		const result = await poll('manual');
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(result)!.map((e) => `${e.workEntryId}:${e.event}`)).toEqual([
			'w4:clockIn',
			'w4:clockOut',
			'w5:clockIn',
		]);
		expect(result.nodeStaticData).toEqual({});
	});
});

describe('state', () => {
	it('starts over when another event is chosen', async () => {
		const staticData: IDataObject = {
			[NODE]: {
				version: 1,
				event: 'employee',
				since: ms(0),
				cursor: ms(5),
				emitted: { 'e:x@1': 0 },
			},
		};
		const poll = poller({ event: 'workEntry' }, staticData);
		const scope = api()
			.get('/schedule/v1/work-entries')
			.query({ orderBy: 'updatedAt desc', page: '1', limit: '100' })
			.reply(200, page([]));
		const before = Date.now();
		const result = await poll();
		expect(scope.isDone()).toBe(true);
		expect(result.result).toBeNull();
		const state = result.nodeStaticData as IDataObject;
		expect(state).toMatchObject({ event: 'workEntry', emitted: {} });
		// an empty list gives no server time: the local time is the position
		expect(state.since).toBeGreaterThanOrEqual(before);
		expect(state.cursor).toBe(state.since);
	});
});
