/**
 * The exact request of the Sessions operations that carry typed fields: method, URL, query,
 * JSON body and the x-api-key header, and the output items (paired with their inputs).
 */
import nock from 'nock';

import { api, BASE, byId, KEY, run } from './helpers';

afterEach(() => {
	const pending = nock.pendingMocks();
	nock.cleanAll();
	expect(pending).toEqual([]);
});

describe('Sessions requests', () => {
	it('creates a session with the typed fields and the raw JSON merged last', async () => {
		const scope = api()
			.post('/api/sessions', {
				name: 'Weekly sync',
				startAt: '2026-03-02T09:30:00.000Z',
				plannedEnd: '2026-03-02T10:00:00.000Z',
				timeZone: 'Europe/Madrid',
				description: 'agenda',
			})
			.reply(201, { id: 's1', sessionLink: 'https://app.sessions.us/s1' });
		const { outputs, error } = await run({
			resource: 'session',
			operation: 'create',
			name: 'Weekly sync',
			startAt: '2026-03-02T09:30:00.000Z',
			plannedEnd: '2026-03-02T10:00:00.000Z',
			timeZone: 'Europe/Madrid',
			jsonBody: '{"description": "agenda"}',
		});
		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(outputs).toEqual([
			[{ json: { id: 's1', sessionLink: 'https://app.sessions.us/s1' }, pairedItem: { item: 0 } }],
		]);
	});

	it('gets a room by id (URL-encoded) and sends the key header only', async () => {
		const scope = nock(BASE, { badheaders: ['authorization'] })
			.matchHeader('x-api-key', KEY)
			.matchHeader('accept', 'application/json')
			.get('/api/rooms/a%2Fb')
			.reply(200, { id: 'a/b', name: 'Lobby' });
		const { outputs } = await run({ resource: 'room', operation: 'get', roomId: byId('a/b') });
		expect(scope.isDone()).toBe(true);
		expect(outputs[0].map((i) => i.json)).toEqual([{ id: 'a/b', name: 'Lobby' }]);
	});

	it('updates a session with only the fields the user filled', async () => {
		const scope = api()
			.put('/api/sessions/s9', { name: 'Renamed', timeZone: 'UTC' })
			.reply(200, { id: 's9', name: 'Renamed' });
		const { outputs } = await run({
			resource: 'session',
			operation: 'update',
			sessionId: byId('s9'),
			updateFields: { name: 'Renamed', timeZone: 'UTC' },
			jsonBody: '{}',
		});
		expect(scope.isDone()).toBe(true);
		expect(outputs[0][0].json).toEqual({ id: 's9', name: 'Renamed' });
	});

	it('adds participants from a comma-separated list', async () => {
		const scope = api()
			.post('/api/sessions/s1/participants', {
				participants: [{ email: 'ana@example.com' }, { email: 'li@example.com' }],
			})
			.reply(200, { ok: true });
		await run({
			resource: 'session',
			operation: 'addParticipants',
			sessionId: byId('s1'),
			participantEmails: 'ana@example.com, li@example.com,',
			jsonBody: '{}',
		});
		expect(scope.isDone()).toBe(true);
	});

	it('computes booking page slots between two dates', async () => {
		const scope = api()
			.post('/api/booking-pages/bp1/slots', {
				startDate: '2026-03-02T00:00:00.000Z',
				endDate: '2026-03-06T00:00:00.000Z',
			})
			.reply(200, [{ start: '2026-03-02T09:00:00Z' }, { start: '2026-03-02T10:00:00Z' }]);
		const { outputs } = await run({
			resource: 'bookingPage',
			operation: 'getAvailableSlots',
			bookingPageId: byId('bp1'),
			startDate: '2026-03-02T00:00:00.000Z',
			endDate: '2026-03-06T00:00:00.000Z',
			jsonBody: '{}',
		});
		expect(scope.isDone()).toBe(true);
		expect(outputs[0]).toHaveLength(2);
		expect(outputs[0].map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
	});

	it('creates a booking with the booking page from a resource locator', async () => {
		const scope = api()
			.post('/api/bookings', {
				bookingPageId: 'bp7',
				startAt: '2026-03-02T09:00:00.000Z',
				name: 'Ana',
				email: 'ana@example.com',
				timeZone: 'Europe/Madrid',
			})
			.reply(201, { id: 'b1' });
		await run({
			resource: 'booking',
			operation: 'create',
			bookingPageId: byId('bp7'),
			startAt: '2026-03-02T09:00:00.000Z',
			name: 'Ana',
			email: 'ana@example.com',
			additionalFields: { timeZone: 'Europe/Madrid' },
			jsonBody: '{}',
		});
		expect(scope.isDone()).toBe(true);
	});

	it('cancels a booking as guest with a reason', async () => {
		const scope = api()
			.post('/api/guests/bookings/b1', { reason: 'Sick' })
			.reply(200, { id: 'b1', status: 'cancelled' });
		await run({
			resource: 'guest',
			operation: 'cancelBooking',
			bookingId: 'b1',
			reason: 'Sick',
			jsonBody: '{}',
		});
		expect(scope.isDone()).toBe(true);
	});

	it('registers to an event by event or session id', async () => {
		const scope = api()
			.post('/api/events/e1/register', { email: 'li@example.com', name: 'Li' })
			.reply(200, { registered: true });
		await run({
			resource: 'event',
			operation: 'register',
			eventId: byId('e1'),
			email: 'li@example.com',
			name: 'Li',
			jsonBody: '{}',
		});
		expect(scope.isDone()).toBe(true);
	});

	it('deletes a room and outputs success for an empty answer', async () => {
		const scope = api().delete('/api/rooms/r1').reply(204);
		const { outputs } = await run({ resource: 'room', operation: 'delete', roomId: byId('r1') });
		expect(scope.isDone()).toBe(true);
		expect(outputs).toEqual([[{ json: { success: true }, pairedItem: { item: 0 } }]]);
	});

	it('sends one request per input item, each paired with its item', async () => {
		const scope = api()
			.get('/api/sessions/s1/takeaways')
			.reply(200, { takeaways: ['a'] })
			.get('/api/sessions/s2/takeaways')
			.reply(200, { takeaways: ['b'] });
		const { outputs } = await run(
			{
				resource: 'session',
				operation: 'getTakeaways',
				sessionId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
			},
			{ input: [{ json: { id: 's1' } }, { json: { id: 's2' } }] },
		);
		expect(scope.isDone()).toBe(true);
		expect(outputs[0]).toEqual([
			{ json: { takeaways: ['a'] }, pairedItem: { item: 0 } },
			{ json: { takeaways: ['b'] }, pairedItem: { item: 1 } },
		]);
	});

	it('fails with a clear message when the id resolves to nothing, without any request', async () => {
		// n8n itself refuses an empty required field before running; an expression can still resolve to ''.
		const { error, outputs } = await run({
			resource: 'room',
			operation: 'get',
			roomId: byId('={{ $json.missing ?? "" }}'),
		});
		expect(outputs).toEqual([]);
		expect(error?.message).toBe('"Room" is required');
	});

	it('rejects JSON that is not an object', async () => {
		const { error } = await run({
			resource: 'room',
			operation: 'create',
			name: 'x',
			jsonBody: '[1,2',
		});
		expect(error?.message).toBe('The JSON in "jsonBody" is not a valid JSON object');
	});

	it('honours a base URL override (sandbox or proxy) with a trailing slash', async () => {
		const scope = nock('http://proxy.test:8080', { reqheaders: { 'x-api-key': KEY } })
			.get('/api/rooms/r1')
			.reply(200, { id: 'r1' });
		await run(
			{ resource: 'room', operation: 'get', roomId: byId('r1') },
			{ baseUrl: 'http://proxy.test:8080/' },
		);
		expect(scope.isDone()).toBe(true);
	});
});
