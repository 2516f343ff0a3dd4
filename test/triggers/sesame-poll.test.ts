/**
 * Sesame HR Poll Trigger over several polls, in-process through n8n-core's PollContext (runPoll),
 * with nock as the Sesame API: first activation, nothing new, new items, paging, the overlap
 * window, manual "Fetch Test Event", failures, and state surviving a restart (static data as JSON),
 * for every event: employees, clock-ins/outs, leavers, absence and vacation requests.
 */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { jsonOf, pollerOf } from '../support/poll';
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

const poller = pollerOf(() => new SesameHrPollTrigger(), credentials, credentialTypes);

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

describe('Employee Left', () => {
	const activeList = { status: 'active', page: '1', limit: '1000' };
	const person = (id: string, status = 'active') => ({ id, firstName: id, status });

	it('remembers the active employees, then emits each deactivation and deletion once, across a restart', async () => {
		let staticData: IDataObject = {};
		let poll = poller({ event: 'leaver' }, staticData);

		// activation: the active employees, nothing emitted
		let scope = api()
			.get('/core/v3/employees')
			.query(activeList)
			.reply(200, page(['e1', 'e2', 'e3', 'e4'].map((id) => person(id))));
		let result = await poll();
		expect(scope.isDone()).toBe(true);
		expect(result.result).toBeNull();
		expect(result.nodeStaticData).toMatchObject({
			version: 1,
			event: 'leaver',
			roster: ['e1', 'e2', 'e3', 'e4'],
		});

		// e2 deactivated, e3 deleted (404), e4 missing from the list but still active, e5 hired
		const e2 = person('e2', 'inactive');
		scope = api()
			.get('/core/v3/employees')
			.query(activeList)
			.reply(200, page([person('e1'), person('e5')]))
			.get('/core/v3/employees/e2')
			.reply(200, { data: e2 })
			.get('/core/v3/employees/e3')
			.reply(404, { message: 'Not found' })
			.get('/core/v3/employees/e4')
			.reply(200, { data: person('e4') });
		result = await poll();
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(result)).toEqual([
			{ event: 'employeeDeactivated', employeeId: 'e2', employee: e2 },
			{ event: 'employeeDeleted', employeeId: 'e3', employee: null },
		]);
		expect(result.nodeStaticData.roster).toEqual(['e1', 'e5', 'e4']);

		// restart: the same list again emits nothing; e4 now leaves
		staticData = JSON.parse(JSON.stringify(staticData));
		poll = poller({ event: 'leaver' }, staticData);
		const e4 = person('e4', 'inactive');
		scope = api()
			.get('/core/v3/employees')
			.query(activeList)
			.reply(200, page([person('e1'), person('e5')]))
			.get('/core/v3/employees/e4')
			.reply(200, { data: e4 });
		result = await poll();
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(result)).toEqual([
			{ event: 'employeeDeactivated', employeeId: 'e4', employee: e4 },
		]);
		scope = api()
			.get('/core/v3/employees')
			.query(activeList)
			.reply(200, page([person('e1'), person('e5')]));
		result = await poll();
		expect(scope.isDone()).toBe(true);
		expect(result.result).toBeNull();
	});

	it('reads every page of active employees and ignores records of another status', async () => {
		const staticData: IDataObject = {
			[NODE]: {
				version: 1,
				event: 'leaver',
				since: ms(0),
				cursor: ms(0),
				emitted: {},
				roster: ['a', 'b', 'c'],
			},
		};
		const poll = poller({ event: 'leaver' }, staticData);
		const first = Array.from({ length: 1000 }, (_, i) => person(`p${i}`));
		const scope = api()
			.get('/core/v3/employees')
			.query(activeList)
			.reply(200, page([person('a'), ...first.slice(1)], 1, 2))
			.get('/core/v3/employees')
			.query({ ...activeList, page: '2' })
			.reply(200, page([person('b'), person('c', 'inactive')], 2, 2))
			.get('/core/v3/employees/c')
			.reply(200, { data: person('c', 'inactive') });
		const result = await poll();
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(result)!.map((item) => item.employeeId)).toEqual(['c']);
		expect((result.nodeStaticData.roster as string[]).length).toBe(1001);
	});

	it('a failed lookup changes nothing: the next poll looks again', async () => {
		const state = {
			version: 1,
			event: 'leaver',
			since: ms(0),
			cursor: ms(0),
			emitted: {},
			roster: ['a', 'b'],
		};
		const staticData: IDataObject = { [NODE]: { ...state } };
		const poll = poller({ event: 'leaver' }, staticData);
		let scope = api()
			.get('/core/v3/employees')
			.query(activeList)
			.reply(200, page([person('a')]))
			.get('/core/v3/employees/b')
			.reply(403, { message: 'Forbidden' });
		await expect(poll()).rejects.toThrow();
		expect(scope.isDone()).toBe(true);
		expect(staticData[NODE]).toEqual(state);

		scope = api()
			.get('/core/v3/employees')
			.query(activeList)
			.reply(200, page([person('a')]))
			.get('/core/v3/employees/b')
			.reply(404, { message: 'Not found' });
		expect(jsonOf(await poll())).toEqual([
			{ event: 'employeeDeleted', employeeId: 'b', employee: null },
		]);
		expect(scope.isDone()).toBe(true);
	});

	it('"Fetch Test Event" shows the latest deactivated employees', async () => {
		const staticData: IDataObject = {};
		const poll = poller({ event: 'leaver' }, staticData);
		const gone = person('g1', 'inactive');
		const scope = api()
			.get('/core/v3/employees')
			.query({ status: 'inactive', orderBy: 'updatedAt desc', page: '1', limit: '5' })
			.reply(200, page([gone]));
		const result = await poll('manual');
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(result)).toEqual([
			{ event: 'employeeDeactivated', employeeId: 'g1', employee: gone },
		]);
		expect(result.nodeStaticData).toEqual({});
	});
});

describe('New or Decided Absence / Vacation Request', () => {
	const ABSENCES = '/schedule/v1/absence-day-off-requests';
	const VACATIONS = '/schedule/v1/vacation-day-off-requests';
	const newestFirst = { orderBy: 'updatedAt desc', page: '1', limit: '100' };
	const request = (id: string, status: string, created: number, updated = created) => ({
		id,
		status,
		employee: { id: 'emp-1' },
		daysOff: [{ date: '2026-12-24' }],
		createdAt: at(created),
		updatedAt: at(updated),
	});
	const out = (event: string, r: ReturnType<typeof request>): Record<string, unknown> => ({
		event,
		requestId: r.id,
		employeeId: 'emp-1',
		status: r.status,
		changedAt: r.updatedAt,
		request: r,
	});

	it('emits new requests and each decision once, oldest first, across polls and a restart', async () => {
		let staticData: IDataObject = {};
		let poll = poller({ event: 'absenceRequest' }, staticData);

		// activation at the newest change (r0, pending since before)
		const r0 = request('r0', 'pending', -60, 0);
		let scope = api()
			.get(ABSENCES)
			.query(newestFirst)
			.reply(200, page([r0]));
		let result = await poll();
		expect(scope.isDone()).toBe(true);
		expect(result.result).toBeNull();
		expect(result.nodeStaticData).toMatchObject({ event: 'absenceRequest', since: ms(0) });

		// r1 made; r0 (made before activation) accepted; r2 made and rejected between two polls
		const r1 = request('r1', 'pending', 5);
		const r0accepted = request('r0', 'accepted', -60, 7);
		const r2 = request('r2', 'rejected', 3, 9);
		scope = api()
			.get(ABSENCES)
			.query(newestFirst)
			.reply(200, page([r2, r0accepted, r1]));
		result = await poll();
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(result)).toEqual([
			out('absenceRequestCreated', r2),
			out('absenceRequestCreated', r1),
			out('absenceRequestAccepted', r0accepted),
			out('absenceRequestRejected', r2),
		]);
		expect(result.nodeStaticData.cursor).toBe(ms(9));

		// restart; r1 edited (still pending) and then accepted: only the decision is news
		staticData = JSON.parse(JSON.stringify(staticData));
		poll = poller({ event: 'absenceRequest' }, staticData);
		const r1edited = { ...request('r1', 'pending', 5, 12), comment: 'half day' };
		scope = api()
			.get(ABSENCES)
			.query(newestFirst)
			.reply(200, page([r1edited, r2, r0accepted]));
		result = await poll();
		expect(scope.isDone()).toBe(true);
		expect(result.result).toBeNull();
		const r1accepted = request('r1', 'accepted', 5, 20);
		scope = api()
			.get(ABSENCES)
			.query(newestFirst)
			.reply(200, page([r1accepted, r1edited, r2]));
		result = await poll();
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(result)).toEqual([out('absenceRequestAccepted', r1accepted)]);
	});

	it('vacation requests of one employee, decisions only; stops at the first record older than the window', async () => {
		const staticData: IDataObject = {
			[NODE]: {
				version: 1,
				event: 'vacationRequest',
				since: ms(0),
				cursor: ms(10),
				emitted: {},
			},
		};
		const poll = poller(
			{
				event: 'vacationRequest',
				options: { employeeId: 'emp-1', requestEvents: ['decided'], overlapSeconds: 0 },
			},
			staticData,
		);
		const v1 = request('v1', 'accepted', 8, 30);
		const v2 = request('v2', 'pending', 25);
		const filtered = { ...newestFirst, employeeId: 'emp-1' };
		const scope = api()
			.get(VACATIONS)
			.query(filtered)
			.reply(200, page([v1, v2], 1, 3))
			.get(VACATIONS)
			.query({ ...filtered, page: '2' })
			.reply(200, page([request('v0', 'rejected', 1, 5)], 2, 3));
		// page 3 is never asked for: page 2 already reached changes older than the cursor
		const result = await poll();
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(result)).toEqual([out('vacationRequestAccepted', v1)]);
		expect(result.nodeStaticData.cursor).toBe(ms(30));
	});

	it('"Fetch Test Event" shows the latest requests as their latest event', async () => {
		const staticData: IDataObject = {};
		const poll = poller({ event: 'vacationRequest' }, staticData);
		const pending = request('v5', 'pending', 9);
		const accepted = request('v4', 'accepted', 2, 8);
		const scope = api()
			.get(VACATIONS)
			.query({ orderBy: 'updatedAt desc', page: '1', limit: '5' })
			.reply(200, page([pending, accepted]));
		const result = await poll('manual');
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(result)).toEqual([
			out('vacationRequestCreated', pending),
			out('vacationRequestAccepted', accepted),
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
