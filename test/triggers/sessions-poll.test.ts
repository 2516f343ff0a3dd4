/**
 * Sessions Poll Trigger (the fallback for API keys without webhook rights) over several polls,
 * in-process through n8n-core's PollContext (runPoll), with nock as the Sessions API: activation,
 * new sessions and bookings, ended sessions, the pages read per poll, manual "Fetch Test Event", and
 * state surviving a restart (static data as JSON). The clock is fixed (fake Date).
 */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { jsonOf, pollerOf } from '../support/poll';
import { SessionsApi } from '../../credentials/SessionsApi.credentials';
import { SessionsPollTrigger } from '../../nodes/SessionsPollTrigger/SessionsPollTrigger.node';

const BASE = 'https://sessions.test';
const KEY = 'sk_test_poll';
const NOW = Date.UTC(2026, 10, 20, 9, 0, 0);
const at = (minutes: number) => new Date(NOW + minutes * 60_000).toISOString();

const api = () => nock(BASE, { reqheaders: { 'x-api-key': KEY } });

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
	() => new SessionsPollTrigger(),
	{ sessionsApi: { apiKey: KEY, baseUrl: BASE } },
	[new SessionsApi()],
);

const session = (id: string, created: number, ended?: number) => ({
	id,
	name: `Session ${id}`,
	createdAt: at(created),
	startAt: at(created + 60),
	endedAt: ended === undefined ? null : at(ended),
});
const filler = (from: number, count: number) =>
	Array.from({ length: count }, (_, i) => session(`old-${from + i}`, -1000 - from - i));

describe('New Session', () => {
	it('the first poll remembers what is there; later polls emit each new session once, across a restart', async () => {
		let staticData: IDataObject = {};
		let poll = poller({ event: 'newSession' }, staticData);
		// activation: 3 pages (the third is short: the end of the list)
		let scope = api()
			.get('/api/sessions')
			.query({ page: '1' })
			.reply(200, filler(0, 20))
			.get('/api/sessions')
			.query({ page: '2' })
			.reply(200, filler(20, 20))
			.get('/api/sessions')
			.query({ page: '3' })
			.reply(200, filler(40, 5));
		let result = await poll();
		expect(scope.isDone()).toBe(true);
		expect(result.result).toBeNull();
		expect(result.nodeStaticData).toMatchObject({ version: 1, event: 'newSession', since: NOW });

		// s-1 created after activation on page 1; an old session beyond the pages read before shows up
		const s1 = session('s-1', 2);
		const beyond = session('old-90', -5000);
		scope = api()
			.get('/api/sessions')
			.query({ page: '1' })
			.reply(200, [s1, beyond, ...filler(0, 3)]);
		result = await poll();
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(result)).toEqual([{ event: 'sessionCreated', sessionId: 's-1', session: s1 }]);

		// restart: the same list emits nothing; s-2 without createdAt counts as new when first seen
		staticData = JSON.parse(JSON.stringify(staticData));
		poll = poller({ event: 'newSession' }, staticData);
		const s2 = { id: 's-2', name: 'No date' };
		scope = api().get('/api/sessions').query({ page: '1' }).reply(200, [s2, s1, beyond]);
		result = await poll();
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(result)).toEqual([{ event: 'sessionCreated', sessionId: 's-2', session: s2 }]);
		scope = api().get('/api/sessions').query({ page: '1' }).reply(200, [s2, s1, beyond]);
		expect((await poll()).result).toBeNull();
		expect(scope.isDone()).toBe(true);
	});

	it('reads only the configured number of pages', async () => {
		const staticData: IDataObject = {
			'node:Sessions Poll Trigger': {
				version: 1,
				event: 'newSession',
				since: NOW,
				cursor: NOW,
				emitted: {},
			},
		};
		const poll = poller({ event: 'newSession', options: { pages: 1 } }, staticData);
		const fresh = Array.from({ length: 20 }, (_, i) => session(`n-${i}`, 20 - i));
		const scope = api().get('/api/sessions').query({ page: '1' }).reply(200, fresh);
		const result = await poll();
		expect(scope.isDone()).toBe(true);
		// oldest first
		expect(jsonOf(result)!.map((item) => item.sessionId)).toEqual(fresh.map((s) => s.id).reverse());
	});
});

describe('Session Ended', () => {
	it('emits a session once when it ends after the activation', async () => {
		const staticData: IDataObject = {};
		const poll = poller({ event: 'endedSession' }, staticData);
		const done = session('s-done', -300, -200);
		const live = session('s-live', -30);
		let scope = api().get('/api/sessions').query({ page: '1' }).reply(200, [done, live]);
		expect((await poll()).result).toBeNull();
		expect(scope.isDone()).toBe(true);

		const ended = session('s-live', -30, 15);
		scope = api().get('/api/sessions').query({ page: '1' }).reply(200, [done, ended]);
		const result = await poll();
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(result)).toEqual([
			{ event: 'sessionEnded', sessionId: 's-live', endedAt: ended.endedAt, session: ended },
		]);
		scope = api().get('/api/sessions').query({ page: '1' }).reply(200, [done, ended]);
		expect((await poll()).result).toBeNull();
		expect(scope.isDone()).toBe(true);
	});
});

describe('New Booking', () => {
	it('lists bookings; "Fetch Test Event" shows the first ones without moving the position', async () => {
		const staticData: IDataObject = {};
		const poll = poller({ event: 'newBooking' }, staticData);
		const booking = { id: 'b-1', name: 'Intro call', startAt: at(600), createdAt: at(-5) };
		const scope = api().get('/api/bookings').query({ page: '1' }).reply(200, [booking]);
		const result = await poll('manual');
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(result)).toEqual([{ event: 'bookingCreated', bookingId: 'b-1', booking }]);
		expect(result.nodeStaticData).toEqual({});
	});

	it('a new booking after activation is emitted once', async () => {
		const staticData: IDataObject = {};
		const poll = poller({ event: 'newBooking' }, staticData);
		let scope = api().get('/api/bookings').query({ page: '1' }).reply(200, []);
		expect((await poll()).result).toBeNull();
		expect(scope.isDone()).toBe(true);
		const booking = { id: 'b-2', name: 'Demo', createdAt: at(1) };
		scope = api().get('/api/bookings').query({ page: '1' }).reply(200, [booking]);
		expect(jsonOf(await poll())).toEqual([{ event: 'bookingCreated', bookingId: 'b-2', booking }]);
		expect(scope.isDone()).toBe(true);
	});
});
