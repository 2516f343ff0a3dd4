/**
 * Create or Update (batch upsert): every input item of the run goes out in batches of at most 500
 * records and 256 KB after gzip; entity errors of a 400 land on their items; a 413 splits the batch.
 */
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';

import nock from 'nock';

import {
	api,
	expectNoPendingMocks,
	items,
	newStore,
	run,
	storeWithToken,
	tokenExchange,
} from './helpers';

afterEach(expectNoPendingMocks);

const upsert = (resource = 'candidate', extra: object = {}) => ({
	resource,
	operation: 'upsert',
	...extra,
});

/** Records every body the scope receives. */
function capture(token: string, path: string, replies: Array<[number, object]>) {
	const bodies: unknown[][] = [];
	let scope = api(token);
	for (const [status, reply] of replies) {
		scope = scope
			.post(path, (body: unknown[]) => {
				bodies.push(body);
				return true;
			})
			.reply(status, reply);
	}
	return { scope, bodies };
}

describe('batching', () => {
	it('sends 1,201 items as 3 requests (500 + 500 + 201), one token, each item paired with its request_id', async () => {
		const store = newStore();
		const token = tokenExchange(store, 'tok-batch');
		const records = Array.from({ length: 1201 }, (_, n) => ({
			id: String(n + 1),
			first_name: `First ${n + 1}`,
			email: `c${n + 1}@example.com`,
		}));
		const { scope, bodies } = capture('tok-batch', '/v1/candidates', [
			[201, { request_id: 'req-1', message: 'request req-1 is received' }],
			[201, { request_id: 'req-2', message: 'request req-2 is received' }],
			[201, { request_id: 'req-3', message: 'request req-3 is received' }],
		]);

		const { outputs, error } = await run(store, upsert(), { input: items(records) });

		expect(error).toBeUndefined();
		expect(token.isDone() && scope.isDone()).toBe(true);
		expect(bodies.map((b) => b.length)).toEqual([500, 500, 201]);
		expect(bodies.flat()).toEqual(records);
		expect(outputs[0]).toHaveLength(1201);
		expect(outputs[0][0]).toEqual({
			json: { id: '1', request_id: 'req-1', message: 'request req-1 is received' },
			pairedItem: { item: 0 },
		});
		expect(outputs[0][499].json.request_id).toBe('req-1');
		expect(outputs[0][500]).toEqual({
			json: { id: '501', request_id: 'req-2', message: 'request req-2 is received' },
			pairedItem: { item: 500 },
		});
		expect(outputs[0][1200]).toEqual({
			json: { id: '1201', request_id: 'req-3', message: 'request req-3 is received' },
			pairedItem: { item: 1200 },
		});
		expect(outputs[0].every((item, i) => (item.pairedItem as { item: number }).item === i)).toBe(
			true,
		);
	});

	it('splits batches whose gzip size exceeds 256 KB, keeping the input order', async () => {
		const store = storeWithToken('tok-big');
		// 150 job orders with 6 KB of barely compressible text each: about 700 KB after gzip
		const records = Array.from({ length: 150 }, (_, n) => ({
			id: `j${n}`,
			title: `Job ${n}`,
			description: randomBytes(4500).toString('base64'),
		}));
		const bodies: unknown[][] = [];
		const scope = api('tok-big')
			.post('/v1/job-orders', (body: unknown[]) => {
				bodies.push(body);
				return true;
			})
			.reply(201, () => ({ request_id: `req-${bodies.length}` }))
			.persist();

		const { outputs, error } = await run(store, upsert('jobOrder'), { input: items(records) });

		expect(error).toBeUndefined();
		const sizes = bodies.map((b) => gzipSync(JSON.stringify(b)).length);
		const total = gzipSync(JSON.stringify(records)).length;
		expect(total).toBeGreaterThan(2 * 256 * 1024);
		expect(sizes.every((size) => size <= 256 * 1024)).toBe(true);
		// no more requests than needed plus one
		expect(bodies.length).toBeGreaterThanOrEqual(Math.ceil(total / (256 * 1024)));
		expect(bodies.length).toBeLessThanOrEqual(Math.ceil(total / (256 * 1024)) + 1);
		expect(bodies.flat()).toEqual(records);
		let offset = 0;
		bodies.forEach((body, i) => {
			for (let k = 0; k < body.length; k++)
				expect(outputs[0][offset + k]).toEqual({
					json: { id: `j${offset + k}`, request_id: `req-${i + 1}` },
					pairedItem: { item: offset + k },
				});
			offset += body.length;
		});
		expect(scope.isDone()).toBe(true);
		nock.cleanAll(); // the persisted reply
	});

	it('honours a smaller batch size from the options', async () => {
		const store = storeWithToken('tok-small');
		const { scope, bodies } = capture('tok-small', '/v1/companies', [
			[201, { request_id: 'a' }],
			[201, { request_id: 'b' }],
		]);
		const { outputs } = await run(store, upsert('company', { options: { batchSize: 2 } }), {
			input: items([{ id: 'c1' }, { id: 'c2' }, { id: 'c3' }]),
		});
		expect(bodies).toEqual([[{ id: 'c1' }, { id: 'c2' }], [{ id: 'c3' }]]);
		expect(outputs[0].map((i) => i.json.request_id)).toEqual(['a', 'a', 'b']);
		expect(scope.isDone()).toBe(true);
	});
});

describe('entity errors and 413', () => {
	const five = items([1, 2, 3, 4, 5].map((n) => ({ id: String(n), first_name: `N${n}` })));
	const rejection = {
		errors: [
			{ entity_id: '2', message: 'first_name is not valid', path: ['1', 'first_name'] },
			{ message: 'date_added is not ISO 8601', path: ['3', 'date_added'] },
		],
		warnings: [{ entity_id: '5', message: 'status is not a known value' }],
	};

	it('fails only the items a 400 names (by entity_id or array index) and sends the others again', async () => {
		const store = storeWithToken('tok-400');
		const { scope, bodies } = capture('tok-400', '/v1/candidates', [
			[400, rejection],
			[201, { request_id: 'req-ok' }],
		]);

		const { outputs, error } = await run(store, upsert(), { input: five, continueOnFail: true });

		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(bodies[1]).toEqual([
			{ id: '1', first_name: 'N1' },
			{ id: '3', first_name: 'N3' },
			{ id: '5', first_name: 'N5' },
		]);
		const out = outputs[0];
		expect(out.map((i) => i.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
		expect(out[0].json).toEqual({ id: '1', request_id: 'req-ok' });
		expect(out[4].json).toEqual({
			id: '5',
			request_id: 'req-ok',
			warnings: ['status is not a known value'],
		});
		// n8n keeps the message in json and the whole error (with its description) in item.error
		expect(out[1].json).toEqual({ error: 'Sense rejected the candidate "2"' });
		expect(out[1].error).toMatchObject({
			name: 'NodeApiError',
			description: '1.first_name: first_name is not valid',
			context: { itemIndex: 1 },
		});
		expect(out[3].json).toEqual({ error: 'Sense rejected the candidate "4"' });
		expect(out[3].error).toMatchObject({
			description: '3.date_added: date_added is not ISO 8601',
			context: { itemIndex: 3 },
		});
		expect(out[2].json).toEqual({ id: '3', request_id: 'req-ok' });
	});

	it('routes rejected items to the error output', async () => {
		const store = storeWithToken('tok-400b');
		const { scope } = capture('tok-400b', '/v1/candidates', [
			[400, rejection],
			[201, { request_id: 'req-ok' }],
		]);
		const { outputs } = await run(store, upsert(), { input: five, onError: 'continueErrorOutput' });
		expect(scope.isDone()).toBe(true);
		expect(outputs[0].map((i) => [i.pairedItem, i.json.id])).toEqual([
			[{ item: 0 }, '1'],
			[{ item: 2 }, '3'],
			[{ item: 4 }, '5'],
		]);
		expect(outputs[1].map((i) => i.pairedItem)).toEqual([{ item: 1 }, { item: 3 }]);
	});

	it('without Continue On Fail the first rejected item stops the run', async () => {
		const store = storeWithToken('tok-400c');
		const { scope } = capture('tok-400c', '/v1/candidates', [[400, rejection]]);
		const { error, outputs } = await run(store, upsert(), { input: five });
		expect(scope.isDone()).toBe(true);
		expect(outputs).toEqual([]);
		expect(error).toMatchObject({
			name: 'NodeApiError',
			message: 'Sense rejected the candidate "2"',
			description: '1.first_name: first_name is not valid',
			httpCode: '400',
			context: { itemIndex: 1 },
		});
	});

	it('a 400 that names no record fails every item of the batch', async () => {
		const store = storeWithToken('tok-400d');
		const { scope } = capture('tok-400d', '/v1/candidates', [
			[400, { errors: [{ message: 'Content-Type must be application/json' }] }],
		]);
		const { outputs } = await run(store, upsert(), {
			input: five.slice(0, 2),
			continueOnFail: true,
		});
		expect(scope.isDone()).toBe(true);
		expect(outputs[0].map((i) => [i.pairedItem, i.json.error, i.error?.description])).toEqual([
			[
				{ item: 0 },
				'Sense answered 400: Bad request — Content-Type must be application/json',
				'Content-Type must be application/json',
			],
			[
				{ item: 1 },
				'Sense answered 400: Bad request — Content-Type must be application/json',
				'Content-Type must be application/json',
			],
		]);
	});

	it('splits a batch answered with 413 and sends the halves', async () => {
		const store = storeWithToken('tok-413');
		const { scope, bodies } = capture('tok-413', '/v1/placements', [
			[413, { errors: [{ message: 'Payload too large' }] }],
			[201, { request_id: 'left' }],
			[413, { errors: [{ message: 'Payload too large' }] }],
			[201, { request_id: 'right-1' }],
			[201, { request_id: 'right-2' }],
		]);
		const { outputs, error } = await run(store, upsert('placement'), {
			input: items([{ id: 'p1' }, { id: 'p2' }, { id: 'p3' }, { id: 'p4' }]),
		});
		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(bodies.map((b) => (b as Array<{ id: string }>).map((r) => r.id))).toEqual([
			['p1', 'p2', 'p3', 'p4'],
			['p1', 'p2'],
			['p3', 'p4'],
			['p3'],
			['p4'],
		]);
		expect(outputs[0].map((i) => [i.pairedItem, i.json.request_id])).toEqual([
			[{ item: 0 }, 'left'],
			[{ item: 1 }, 'left'],
			[{ item: 2 }, 'right-1'],
			[{ item: 3 }, 'right-2'],
		]);
	});

	it('a single record answered with 413 fails that item only', async () => {
		const store = storeWithToken('tok-413b');
		const { scope } = capture('tok-413b', '/v1/placements', [
			[413, { errors: [{ message: 'Payload too large' }] }],
		]);
		const { outputs } = await run(store, upsert('placement'), {
			input: items([{ id: 'p9' }]),
			continueOnFail: true,
		});
		expect(scope.isDone()).toBe(true);
		expect(outputs[0]).toHaveLength(1);
		expect(outputs[0][0]).toMatchObject({
			json: { error: 'The placement "p9" is too large for Sense' },
			pairedItem: { item: 0 },
		});
		expect(outputs[0][0].error?.description).toBe(
			'Sense answered 413 (payload too large) for this record alone.',
		);
	});
});

describe('fields', () => {
	it('maps the documented fields of each input item: unknown fields left out, numeric IDs as text, soft delete', async () => {
		const store = storeWithToken('tok-map');
		const { scope, bodies } = capture('tok-map', '/v1/placements', [[201, { request_id: 'r' }]]);
		await run(store, upsert('placement', { options: { softDelete: true } }), {
			input: items([
				{
					id: 17,
					candidate_id: 4,
					job_order_id: '9',
					pay_rate: 31.5,
					original_start_date: '2026-01-05T00:00:00Z',
					ats_only: 'x',
					custom_text3: 'c',
					status: null,
				},
			]),
		});
		expect(scope.isDone()).toBe(true);
		expect(bodies).toEqual([
			[
				{
					id: '17',
					candidate_id: '4',
					job_order_id: '9',
					pay_rate: 31.5,
					original_start_date: '2026-01-05',
					custom_text3: 'c',
					status: null,
					is_deleted: true,
				},
			],
		]);
	});

	it('sends unknown input fields too when "Ignore Unknown Input Fields" is off', async () => {
		const store = storeWithToken('tok-map2');
		const { scope, bodies } = capture('tok-map2', '/v1/leads', [[201, { request_id: 'r' }]]);
		await run(store, upsert('lead', { options: { onlyDocumentedFields: false } }), {
			input: items([{ id: 'l1', extra: 1 }]),
		});
		expect(scope.isDone()).toBe(true);
		expect(bodies).toEqual([[{ id: 'l1', extra: 1 }]]);
	});

	it('builds the record from the fields defined in the node', async () => {
		const store = storeWithToken('tok-def');
		const { scope, bodies } = capture('tok-def', '/v1/candidates', [
			[201, { request_id: 'r-def' }],
		]);
		const { outputs } = await run(
			store,
			upsert('candidate', {
				dataMode: 'define',
				recordId: '={{ $json.atsId }}',
				fields: {
					first_name: 'Linus',
					email: 'linus@example.com',
					date_of_birth: '1990-04-01T00:00:00',
					skills: ['Java', '', 'SQL'],
					opt_out_sms: false,
					status: '',
				},
				customFields: {
					field: [
						{ name: 'custom_text1', value: 'A' },
						{ name: 'custom_integer2', value: '5' },
						{ name: 'custom_datetime1', value: '2026-02-01T10:30:00' },
						{ name: 'custom_boolean1', value: 'true' },
						{ name: 'custom_array2', value: 'x, y' },
						{ name: 'custom_text2', value: '' },
					],
				},
				jsonFields: '{"custom_array1": ["x"], "last_name": "Kerns"}',
			}),
			{ input: items([{ atsId: 123 }]) },
		);
		expect(scope.isDone()).toBe(true);
		expect(bodies).toEqual([
			[
				{
					first_name: 'Linus',
					email: 'linus@example.com',
					date_of_birth: '1990-04-01',
					skills: ['Java', 'SQL'],
					opt_out_sms: false,
					custom_text1: 'A',
					custom_integer2: 5,
					custom_datetime1: '2026-02-01T10:30:00',
					custom_boolean1: true,
					custom_array2: ['x', 'y'],
					custom_array1: ['x'],
					last_name: 'Kerns',
					id: '123',
				},
			],
		]);
		expect(outputs[0]).toEqual([
			{ json: { id: '123', request_id: 'r-def' }, pairedItem: { item: 0 } },
		]);
	});

	it('fails the item before sending when a custom slot value does not fit the slot or the slot is unknown', async () => {
		const store = storeWithToken('tok-slot');
		const define = (customFields: unknown) =>
			upsert('candidate', { dataMode: 'define', recordId: 'c1', customFields });
		const wrongType = await run(
			store,
			define({ field: [{ name: 'custom_integer1', value: 'five' }] }),
		);
		expect(wrongType.error).toMatchObject({
			name: 'NodeOperationError',
			message: '"custom_integer1" needs a whole number, not "five"',
		});
		const unknown = await run(store, define({ field: [{ name: 'first_name', value: 'x' }] }));
		expect(unknown.error).toMatchObject({
			name: 'NodeOperationError',
			message: '"first_name" is not a custom slot of this record type',
		});
	});

	it('an item without an ID fails alone; the others are sent', async () => {
		const store = storeWithToken('tok-noid');
		const { scope, bodies } = capture('tok-noid', '/v1/internal-users', [
			[201, { request_id: 'r' }],
		]);
		const { outputs } = await run(store, upsert('internalUser'), {
			input: items([{ id: 'u1' }, { first_name: 'no id' }, { id: '  ' }]),
			continueOnFail: true,
		});
		expect(scope.isDone()).toBe(true);
		expect(bodies).toEqual([[{ id: 'u1' }]]);
		expect(outputs[0].map((i) => [i.pairedItem, i.json.error ?? i.json.request_id])).toEqual([
			[{ item: 0 }, 'r'],
			[{ item: 1 }, 'The input item has no "id" field'],
			[{ item: 2 }, 'The input item has no "id" field'],
		]);
	});

	it('stops before sending anything when an item has no ID and Continue On Fail is off', async () => {
		const store = storeWithToken('tok-noid2');
		const { error } = await run(store, upsert('internalUser'), {
			input: items([{ id: 'u1' }, { first_name: 'no id' }]),
		});
		expect(error).toMatchObject({
			name: 'NodeOperationError',
			message: 'The input item has no "id" field',
			context: { itemIndex: 1 },
		});
	});
});
