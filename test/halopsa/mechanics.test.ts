/**
 * HaloPSA mechanics: the client-credentials token (one exchange per run of many items, reused by the
 * next run, exactly one more after a 401), paging in both response shapes, "Send All Items in One
 * Request", 429 and Halo's error messages, the credential test with its distinguished errors, and the
 * dropdowns.
 */
import nock from 'nock';

import { runListSearch, runLoadOptions, testCredential } from '../harness';
import {
	API,
	APP,
	api,
	byId,
	credentialType,
	CREDENTIALS,
	newStore,
	node,
	records,
	run,
	storedToken,
	TOKEN_FORM,
	tokenEndpoint,
	TYPE,
} from './helpers';
import { HALO_TOKEN_BINDING } from '../../credentials/HaloPsaSchedulingApi.credentials';
import { clearTokenCaches, tokenBinding, validityExpression } from '../../nodes/common/tokenCache';
import { advance, REAL_IO } from '../support/clock';

// each case starts like a fresh n8n process: no token shared in memory from an earlier case
beforeEach(clearTokenCaches);

afterEach(() => {
	const pending = nock.pendingMocks();
	nock.cleanAll();
	expect(pending).toEqual([]);
});

/** A token endpoint that answers every exchange with the next token and counts them. */
function countingTokenEndpoint(
	answer: Record<string, unknown> = { token_type: 'Bearer', expires_in: 3600 },
) {
	const issued: string[] = [];
	nock(APP)
		.persist()
		.post('/auth/token', TOKEN_FORM)
		.query({ tenant: 'acme' })
		.reply(() => {
			issued.push(`tok-${issued.length + 1}`);
			return [200, { access_token: issued[issued.length - 1], ...answer }];
		});
	return issued;
}

const items = (n: number) =>
	Array.from({ length: n }, (_, i) => ({ json: { subject: `Visit ${i}` } }));

describe('token exchange', () => {
	it('one exchange for a run of many items, none for the next run, exactly one more after a 401', async () => {
		const issued = countingTokenEndpoint();
		const store = newStore(); // empty token
		const create = {
			resource: 'appointment',
			operation: 'create',
			subject: '={{ $json.subject }}',
			startDate: '2026-03-02T09:00:00+00:00',
			endDate: '2026-03-02T10:00:00+00:00',
			jsonBody: '{}',
		};

		// run 1: six items sent concurrently by n8n's routing engine -> one shared exchange
		const first = api('tok-1')
			.post('/Appointment')
			.times(6)
			.reply(200, (_uri, body) => ({
				id: 1,
				subject: (body as Array<{ subject: string }>)[0].subject,
			}));
		const r1 = await run(create, { input: items(6), store });
		expect(r1.error).toBeUndefined();
		expect(first.isDone()).toBe(true);
		expect(issued).toEqual(['tok-1']);
		expect(r1.outputs[0].map((i) => [i.json.subject, i.pairedItem])).toEqual(
			items(6).map((it, i) => [it.json.subject, { item: i }]),
		);
		expect(store.get(TYPE).accessToken).toBe('tok-1');

		// run 2: same credential store -> the stored token is reused, a paged list of 3 requests, no exchange
		const second = api('tok-1')
			.get('/Appointment')
			.query({ pageinate: 'true', page_size: '100', page_no: '1' })
			.reply(200, records(1, 100))
			.get('/Appointment')
			.query({ pageinate: 'true', page_size: '100', page_no: '2' })
			.reply(200, records(101, 100))
			.get('/Appointment')
			.query({ pageinate: 'true', page_size: '100', page_no: '3' })
			.reply(200, records(201, 3));
		const r2 = await run(
			{ resource: 'appointment', operation: 'getAll', returnAll: true },
			{ store },
		);
		expect(second.isDone()).toBe(true);
		expect(r2.outputs[0]).toHaveLength(203);
		expect(issued).toEqual(['tok-1']);

		// run 3: the token expired -> three concurrent 401s, exactly one new exchange, every item retried with it
		const expired = api('tok-1')
			.get(/\/Appointment\/\d+/)
			.times(3)
			.reply(401, { message: 'Token expired' });
		const retried = api('tok-2')
			.get(/\/Appointment\/\d+/)
			.times(3)
			.reply(200, (uri) => ({ id: Number(uri.split('/').pop()) }));
		const r3 = await run(
			{ resource: 'appointment', operation: 'get', appointmentId: byId('={{ $json.id }}') },
			{ input: [{ json: { id: 7 } }, { json: { id: 8 } }, { json: { id: 9 } }], store },
		);
		expect(r3.error).toBeUndefined();
		expect(expired.isDone() && retried.isDone()).toBe(true);
		expect(issued).toEqual(['tok-1', 'tok-2']);
		expect(r3.outputs[0].map((i) => [i.json.id, i.pairedItem])).toEqual([
			[7, { item: 0 }],
			[8, { item: 1 }],
			[9, { item: 2 }],
		]);
		expect(store.get(TYPE)).toMatchObject({ accessToken: 'tok-2', clientSecret: 'secret-1' });
	});

	it('stores the announced lifetime: renewal is due 5 s before expires_in (3,600 s) runs out', async () => {
		countingTokenEndpoint();
		const store = newStore();
		const call = api('tok-1')
			.get('/Workday')
			.query({ pageinate: 'true', page_size: '1', page_no: '1' })
			.reply(200, []);
		const before = Date.now();
		const { error } = await run({ resource: 'workday', operation: 'getAll', limit: 1 }, { store });
		expect(error).toBeUndefined();
		expect(call.isDone()).toBe(true);
		const saved = store.get(TYPE);
		expect(saved).toMatchObject({
			accessToken: 'tok-1',
			validity: validityExpression(HALO_TOKEN_BINDING),
			tokenFor: tokenBinding(CREDENTIALS, HALO_TOKEN_BINDING),
		});
		expect(Number(saved.expiresAt)).toBeGreaterThanOrEqual(before + 3_595_000);
		expect(Number(saved.expiresAt)).toBeLessThanOrEqual(Date.now() + 3_595_000);
	});

	it('a token whose lifetime has passed is renewed before the call: no request carries it, no 401', async () => {
		const issued = countingTokenEndpoint();
		const store = newStore(storedToken('tok-old', Date.now() - 1_000));
		// only the new token is accepted: a request with tok-old would find no interceptor and fail the run
		const calls = api('tok-1')
			.get(/\/Appointment\/\d+/)
			.times(4)
			.reply(200, (uri) => ({ id: Number(uri.split('/').pop()) }));
		const { error, outputs } = await run(
			{ resource: 'appointment', operation: 'get', appointmentId: byId('={{ $json.id }}') },
			{ input: [1, 2, 3, 4].map((id) => ({ json: { id } })), store },
		);
		expect(error).toBeUndefined();
		expect(calls.isDone()).toBe(true);
		expect(issued).toEqual(['tok-1']);
		expect(outputs[0].map((i) => i.json.id)).toEqual([1, 2, 3, 4]);
		expect(store.get(TYPE).accessToken).toBe('tok-1');
	});

	it('a run still holding the replaced token gets the renewed one without another exchange', async () => {
		const issued = countingTokenEndpoint();
		// two executions that loaded the credential before either renewed it
		const first = newStore(storedToken('tok-0'));
		const second = newStore(storedToken('tok-0'));
		const refused = api('tok-0')
			.get('/Appointment/5')
			.times(2)
			.reply(401, { message: 'Token expired' });
		const accepted = api('tok-1').get('/Appointment/5').times(2).reply(200, { id: 5 });
		const get = { resource: 'appointment', operation: 'get', appointmentId: byId('5') };

		expect((await run(get, { store: first })).error).toBeUndefined();
		expect(issued).toEqual(['tok-1']);
		expect((await run(get, { store: second })).error).toBeUndefined();
		expect(issued).toEqual(['tok-1']);
		expect(refused.isDone() && accepted.isDone()).toBe(true);
		expect(second.get(TYPE).accessToken).toBe('tok-1');
	});

	it('a token answer without expires_in (and not a JWT) stays valid until Halo answers 401', async () => {
		countingTokenEndpoint({ token_type: 'Bearer' });
		const store = newStore();
		const call = api('tok-1')
			.get('/Workday')
			.query({ pageinate: 'true', page_size: '1', page_no: '1' })
			.reply(200, []);
		expect(
			(await run({ resource: 'workday', operation: 'getAll', limit: 1 }, { store })).error,
		).toBeUndefined();
		expect(call.isDone()).toBe(true);
		expect(store.get(TYPE)).toMatchObject({
			accessToken: 'tok-1',
			expiresAt: 0,
			validity: validityExpression(HALO_TOKEN_BINDING, false),
		});
	});

	it('a refused secret fails the run with a clear message after a single exchange', async () => {
		const token = nock(APP)
			.post('/auth/token', TOKEN_FORM)
			.query({ tenant: 'acme' })
			.once()
			.reply(400, { error: 'invalid_client' });
		const { error } = await run(
			{ resource: 'workday', operation: 'getAll', limit: 5 },
			{ store: newStore() },
		);
		expect(token.isDone()).toBe(true);
		expect(error).toMatchObject({
			name: 'NodeApiError',
			message: 'HaloPSA rejected the client ID or client secret (invalid_client)',
		});
		expect(JSON.stringify(error)).not.toContain('secret-1');
	});

	it('a token endpoint that is briefly unavailable (503) is retried by the shared transport', async () => {
		const busy = nock(APP)
			.post('/auth/token', TOKEN_FORM)
			.query({ tenant: 'acme' })
			.reply(503, 'busy', { 'Retry-After': '0' });
		const token = tokenEndpoint('tok-r');
		const call = api('tok-r')
			.get('/Timesheet/mine')
			.query({ pageinate: 'true', page_size: '2', page_no: '1' })
			.reply(200, [{ id: 1 }]);
		const { error, outputs } = await run(
			{ resource: 'timesheet', operation: 'getMine', limit: 2 },
			{ store: newStore() },
		);
		expect(error).toBeUndefined();
		expect(busy.isDone() && token.isDone() && call.isDone()).toBe(true);
		expect(outputs[0].map((i) => i.json)).toEqual([{ id: 1 }]);
	});

	it('self-hosted Halo: no tenant on the token URL, API at <Halo URL>/api', async () => {
		const token = tokenEndpoint('tok-sh', TOKEN_FORM, APP, '/auth/token', null);
		const call = api('tok-sh')
			.get('/Workday')
			.query({ pageinate: 'true', page_size: '1', page_no: '1' })
			.reply(200, [{ id: 1 }]);
		const { error } = await run(
			{ resource: 'workday', operation: 'getAll', limit: 1 },
			{ store: newStore({ hosting: 'selfHosted', tenant: 'ignored' }) },
		);
		expect(error).toBeUndefined();
		expect(token.isDone() && call.isDone()).toBe(true);
	});
});

describe('paging', () => {
	const page = (n: number, size = 100) => ({
		pageinate: 'true',
		page_size: String(size),
		page_no: String(n),
	});

	it('envelope {record_count, appointments}: stops once record_count items were read', async () => {
		const scope = api()
			.get('/Appointment')
			.query(page(1))
			.reply(200, { record_count: 200, appointments: records(1, 100) })
			.get('/Appointment')
			.query(page(2))
			.reply(200, { record_count: 200, appointments: records(101, 100) });
		const { outputs } = await run({
			resource: 'appointment',
			operation: 'getAll',
			returnAll: true,
		});
		expect(scope.isDone()).toBe(true);
		expect(outputs[0].map((i) => i.json.id)).toEqual(records(1, 200).map((r) => r.id));
	});

	it('bare arrays: Limit keeps the page size constant and cuts the result', async () => {
		const scope = api()
			.get('/TimesheetEvent')
			.query(page(1))
			.reply(200, records(1, 100))
			.get('/TimesheetEvent')
			.query(page(2))
			.reply(200, records(101, 100));
		const { outputs } = await run({
			resource: 'timesheetEvent',
			operation: 'getAll',
			returnAll: false,
			limit: 130,
		});
		expect(scope.isDone()).toBe(true);
		expect(outputs[0]).toHaveLength(130);
		expect(outputs[0][129].json.id).toBe(130);
	});

	it('a Limit below the page size asks for exactly that many; an empty envelope yields nothing', async () => {
		const scope = api()
			.get('/Schedule')
			.query(page(1, 7))
			.reply(200, { record_count: 0, schedules: [] })
			.get('/Holiday')
			.query(page(1, 7))
			.reply(200, { record_count: 3, holidays: [{ id: 'a' }, { id: 'b' }, { id: 'c' }] });
		const empty = await run({ resource: 'schedule', operation: 'getAll', limit: 7 });
		const short = await run({ resource: 'holiday', operation: 'getAll', limit: 7 });
		expect(scope.isDone()).toBe(true);
		expect(empty.outputs).toEqual([[]]);
		expect(short.outputs[0].map((i) => i.json.id)).toEqual(['a', 'b', 'c']);
	});

	it('an endpoint that ignores paging and sends more than asked is read once', async () => {
		const scope = api().get('/Downtime').query(page(1)).reply(200, records(1, 150));
		const over = await run({ resource: 'downtime', operation: 'getAll', returnAll: true });
		expect(scope.isDone()).toBe(true);
		expect(over.outputs[0]).toHaveLength(150);
	});

	it('the same page again fails (a list cut to its first page is not a success) and says how to read it', async () => {
		const scope = api()
			.get('/Timeslot')
			.query(page(1))
			.reply(200, records(1, 100))
			.get('/Timeslot')
			.query(page(2))
			.reply(200, records(1, 100));
		const same = await run({ resource: 'timeslot', operation: 'getAll', returnAll: true });
		expect(scope.isDone()).toBe(true);
		expect(same.outputs).toEqual([]);
		expect(same.error).toMatchObject({
			message: 'HaloPSA sent page 2 with the same records as page 1',
			description:
				'Paging stopped after 2 pages (100 records): the server answers a page it already sent, so the list would never end (it may ignore the page parameter). Use Limit, or filters, to ask for fewer records. If the server ignores paging and the list holds no more than 100 records, switch off Return All and set Limit to 100: one request reads it.',
		});
	});
});

describe('Send All Items in One Request', () => {
	const createMany = {
		resource: 'appointment',
		operation: 'create',
		subject: '={{ $json.subject }}',
		startDate: '2026-03-02T09:00:00+00:00',
		endDate: '2026-03-02T10:00:00+00:00',
		jsonBody: '{}',
		sendAllItemsInOneRequest: true,
	};
	const record = (subject: string) => ({
		subject,
		start_date: '2026-03-02T09:00:00+00:00',
		end_date: '2026-03-02T10:00:00+00:00',
	});

	it('sends one POST with every record and pairs answer i with item i', async () => {
		const scope = api()
			.post('/Appointment', [record('Visit 0'), record('Visit 1'), record('Visit 2')])
			.reply(200, [
				{ id: 10, subject: 'Visit 0' },
				{ id: 11, subject: 'Visit 1' },
				{ id: 12, subject: 'Visit 2' },
			]);
		const { outputs, error } = await run(createMany, { input: items(3) });
		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(outputs).toEqual([
			[
				{ json: { id: 10, subject: 'Visit 0' }, pairedItem: { item: 0 } },
				{ json: { id: 11, subject: 'Visit 1' }, pairedItem: { item: 1 } },
				{ json: { id: 12, subject: 'Visit 2' }, pairedItem: { item: 2 } },
			],
		]);
	});

	it('updates in one request too; an answer that cannot be split goes to the first item', async () => {
		const scope = api()
			.post('/Workday', [
				{ id: 1, name: 'A' },
				{ id: 2, name: 'B' },
			])
			.reply(200, { saved: 2 });
		const { outputs } = await run(
			{
				resource: 'workday',
				operation: 'update',
				workdayId: byId('={{ $json.id }}'),
				updateFields: { name: '={{ $json.name }}' },
				jsonBody: '{}',
				sendAllItemsInOneRequest: true,
			},
			{ input: [{ json: { id: 1, name: 'A' } }, { json: { id: 2, name: 'B' } }] },
		);
		expect(scope.isDone()).toBe(true);
		expect(outputs).toEqual([[{ json: { saved: 2 }, pairedItem: { item: 0 } }]]);
	});

	it('a failed batch gives every item its error (continue on fail), paired', async () => {
		const scope = api()
			.post('/Appointment')
			.reply(400, { message: 'End date must be after start date' });
		const { outputs } = await run(createMany, { input: items(2), continueOnFail: true });
		expect(scope.isDone()).toBe(true);
		expect(outputs[0].map((i) => [i.json.error, i.pairedItem])).toEqual([
			['HaloPSA answered 400: Bad request — End date must be after start date', { item: 0 }],
			['HaloPSA answered 400: Bad request — End date must be after start date', { item: 1 }],
		]);
	});
});

describe('rate limit and errors', () => {
	it('waits on 429 (Retry-After) and retries', async () => {
		const scope = api()
			.get('/BookingType')
			.query(true)
			.reply(429, { message: 'Too many requests' }, { 'Retry-After': '0' })
			.get('/BookingType')
			.query(true)
			.reply(200, [{ id: 1 }]);
		const { outputs, error } = await run({
			resource: 'bookingType',
			operation: 'getAll',
			limit: 5,
		});
		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(outputs[0].map((i) => i.json)).toEqual([{ id: 1 }]);
	});

	it("spaces requests out to the credential's budget (requests per rolling window)", async () => {
		jest.useFakeTimers({ now: Date.now(), doNotFake: REAL_IO });
		try {
			// its own API address, so no request of an earlier case counts against this budget
			const resourceUrl = 'https://budget.halopsa.test/api';
			const halo = () => nock(resourceUrl, { reqheaders: { authorization: 'Bearer tok-1' } });
			const first = halo()
				.get('/Holiday/h-1')
				.reply(200, { id: 'h-1' })
				.get('/Holiday/h-2')
				.reply(200, { id: 'h-2' });
			const third = halo().get('/Holiday/h-3').reply(200, { id: 'h-3' });
			const running = run(
				{ resource: 'holiday', operation: 'get', holidayId: byId('={{ $json.id }}') },
				{
					input: [{ json: { id: 'h-1' } }, { json: { id: 'h-2' } }, { json: { id: 'h-3' } }],
					// the token is bound to the credential's values, the resource URL among them
					store: newStore({
						...storedToken('tok-1', undefined, { ...CREDENTIALS, resourceUrl }),
						resourceUrl,
						rateLimit: 2,
						rateLimitWindow: 60,
					}),
				},
			);
			// two at once, the third only when the first leaves the 60 s window
			await advance(59_000);
			expect([first.isDone(), third.isDone()]).toEqual([true, false]);
			await advance(6_000);
			const { outputs, error } = await running;
			expect(error).toBeUndefined();
			expect(third.isDone()).toBe(true);
			expect(outputs[0].map((i) => i.json.id)).toEqual(['h-1', 'h-2', 'h-3']);
		} finally {
			jest.useRealTimers();
		}
	});

	it("reports Halo's own message", async () => {
		const scope = api()
			.get('/Holiday/nope')
			.reply(404, { ClassName: 'HaloException', message: 'Holiday not found' });
		const { error } = await run({ resource: 'holiday', operation: 'get', holidayId: byId('nope') });
		expect(scope.isDone()).toBe(true);
		expect(error).toMatchObject({
			name: 'NodeApiError',
			httpCode: '404',
			message: 'HaloPSA answered 404: Not found — Holiday not found',
			description: 'Holiday not found',
		});
	});
});

describe('credential test', () => {
	const test = (data = {}) =>
		testCredential({ credentialType, data: { ...CREDENTIALS, accessToken: 'stale', ...data } });

	it('OK: exchanges a token and calls /api/Agent/me with it', async () => {
		const token = tokenEndpoint('tok-t');
		const me = api('tok-t').get('/Agent/me').reply(200, { id: 1, name: 'Api Agent' });
		await expect(test()).resolves.toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(token.isDone() && me.isDone()).toBe(true);
	});

	it('a bad client secret', async () => {
		const token = nock(APP)
			.post('/auth/token')
			.query(true)
			.reply(401, { error: 'invalid_client', error_description: 'Invalid client credentials' });
		await expect(test()).resolves.toEqual({
			status: 'Error',
			message: 'HaloPSA rejected the client ID or client secret (invalid_client)',
		});
		expect(token.isDone()).toBe(true);
	});

	it('a wrong tenant', async () => {
		const token = nock(APP)
			.post('/auth/token')
			.query({ tenant: 'acme-typo' })
			.reply(400, { error: 'invalid_request', error_description: 'Tenant acme-typo not found' });
		await expect(test({ tenant: 'acme-typo' })).resolves.toEqual({
			status: 'Error',
			message: 'HaloPSA does not know the tenant "acme-typo"',
		});
		expect(token.isDone()).toBe(true);
	});

	it('a wrong URL (the host does not resolve)', async () => {
		// (nock 14's replyWithError({code}) breaks on POST; the callback form raises the same socket error)
		const dnsFailure = Object.assign(new Error('getaddrinfo ENOTFOUND acme.halopsa.invalid'), {
			code: 'ENOTFOUND',
		});
		const token = nock('https://acme.halopsa.invalid')
			.post('/auth/token')
			.query(true)
			.reply((_uri, _body, callback) => callback!(dnsFailure, [500, '']));
		await expect(test({ appUrl: 'https://acme.halopsa.invalid' })).resolves.toEqual({
			status: 'Error',
			message:
				'Could not reach the Halo authorisation server acme.halopsa.invalid: the host name does not resolve',
		});
		expect(token.isDone()).toBe(true);
	});

	it('a wrong URL (nothing listens on that port): the node run says so too', async () => {
		await expect(test({ appUrl: 'http://127.0.0.1:9' })).resolves.toEqual({
			status: 'Error',
			message:
				'Could not reach the Halo authorisation server 127.0.0.1:9: the connection was refused',
		});
		const { error } = await run(
			{ resource: 'workday', operation: 'getAll', limit: 1 },
			{ store: newStore({ appUrl: 'http://127.0.0.1:9' }) },
		);
		expect(error).toMatchObject({
			name: 'NodeApiError',
			message:
				'Could not reach the Halo authorisation server 127.0.0.1:9: the connection was refused',
			description:
				'Check the Halo URL (and the Authorisation Server URL override, if set). The token request went to http://127.0.0.1:9/auth/token.',
		});
	});

	it('a URL that is not a Halo authorisation server (a web page instead of a token)', async () => {
		const token = nock(APP)
			.post('/auth/token')
			.query(true)
			.reply(200, '<html>Login</html>', { 'Content-Type': 'text/html' });
		await expect(test()).resolves.toEqual({
			status: 'Error',
			message: 'acme.halopsa.test answered the token request without an access token',
		});
		expect(token.isDone()).toBe(true);
	});

	it('missing tenant for hosted Halo, before any request', async () => {
		await expect(test({ tenant: ' ' })).resolves.toEqual({
			status: 'Error',
			message: 'Enter the Halo tenant in the HaloPSA credential',
		});
	});

	it('a token that the API refuses to use for agents (403 rule)', async () => {
		const token = tokenEndpoint('tok-t');
		const me = api('tok-t').get('/Agent/me').reply(403, { message: 'Forbidden' });
		await expect(test()).resolves.toEqual({
			status: 'Error',
			message:
				'Halo issued a token, but the API application may not read agents: check its permissions',
		});
		expect(token.isDone() && me.isDone()).toBe(true);
	});
});

describe('dropdowns', () => {
	const ctx = {
		node,
		credentials: newStore(storedToken('tok-1')),
		credentialTypes: [credentialType],
	};

	it('searches appointments with Halo search and pages with a token', async () => {
		const scope = api()
			.get('/Appointment')
			.query({ pageinate: 'true', page_size: '50', page_no: '2', search: 'router' })
			.reply(
				200,
				records(51, 50).map((r) => ({ ...r, start_date: '2026-03-02T09:00:00' })),
			);
		const result = await runListSearch({
			...ctx,
			method: 'searchAppointments',
			filter: 'router',
			paginationToken: '2',
			parameters: { resource: 'appointment', operation: 'get' },
		});
		expect(scope.isDone()).toBe(true);
		expect(result.results[0]).toEqual({ name: 'Visit 51 · 2026-03-02 09:00 (#51)', value: '51' });
		expect(result.paginationToken).toBe('3');
	});

	it('filters workdays by name on our side and stops at the last page', async () => {
		const scope = api()
			.get('/Workday')
			.query({ pageinate: 'true', page_size: '50', page_no: '1' })
			.reply(200, [
				{ id: 1, name: 'Office' },
				{ id: 2, name: 'Night shift' },
			]);
		const result = await runListSearch({
			...ctx,
			method: 'searchWorkdays',
			filter: 'night',
			parameters: { resource: 'workday', operation: 'get' },
		});
		expect(scope.isDone()).toBe(true);
		expect(result).toEqual({
			results: [{ name: 'Night shift (#2)', value: '2' }],
			paginationToken: undefined,
		});
	});

	it('loads agents (bare array) and clients (envelope) as sorted options', async () => {
		const scope = api()
			.get('/Agent')
			.query({ pageinate: 'true', page_size: '100', page_no: '1' })
			.reply(200, [
				{ id: 4, name: 'Zoe' },
				{ id: 2, name: 'Ann' },
			])
			.get('/Client')
			.query({ pageinate: 'true', page_size: '100', page_no: '1' })
			.reply(200, { record_count: 1, clients: [{ id: 12, name: 'Acme Ltd' }] });
		const parameters = { resource: 'appointment', operation: 'create' };
		await expect(runLoadOptions({ ...ctx, method: 'getAgents', parameters })).resolves.toEqual([
			{ name: 'Ann', value: 2 },
			{ name: 'Zoe', value: 4 },
		]);
		await expect(runLoadOptions({ ...ctx, method: 'getClients', parameters })).resolves.toEqual([
			{ name: 'Acme Ltd', value: 12 },
		]);
		expect(scope.isDone()).toBe(true);
	});

	it('offers the appointment types of recent appointments, once each', async () => {
		const scope = api()
			.get('/Appointment')
			.query({
				pageinate: 'true',
				page_size: '100',
				page_no: '1',
				order: 'start_date',
				orderdesc: 'true',
			})
			.reply(200, [
				{ id: 1, appointment_type_id: 3, appointment_type_name: 'Onsite' },
				{ id: 2, appointment_type_id: 1, appointment_type_name: 'Call' },
				{ id: 3, appointment_type_id: 3, appointment_type_name: 'Onsite' },
				{ id: 4, appointment_type_id: 0 },
			]);
		await expect(
			runLoadOptions({
				...ctx,
				method: 'getAppointmentTypes',
				parameters: { resource: 'appointment', operation: 'create' },
			}),
		).resolves.toEqual([
			{ name: 'Call', value: 1 },
			{ name: 'Onsite', value: 3 },
		]);
		expect(scope.isDone()).toBe(true);
	});
});

it('API constant matches the default derivation', () => {
	expect(API).toBe('https://acme.halopsa.test/api');
});
