/**
 * The shared webhook mechanics (nodes/common/webhook.ts): constant-time secret comparison, query /
 * bearer extraction, JSON-object bodies, dotted paths, event matching and filtering, and the
 * bounded de-duplication ledgers (persisted + in-process).
 */
import type { IDataObject } from 'n8n-workflow';

import {
	bearerToken,
	canonicalJson,
	checkSharedSecret,
	claimDelivery,
	DeliveryLedger,
	eventSelected,
	fingerprint,
	firstScalar,
	matchKnownEvent,
	parseJsonObject,
	queryValue,
	rememberDelivery,
	resetProcessLedgers,
	secretsMatch,
	valueAtPath,
} from '../../nodes/common/webhook';

describe('secretsMatch', () => {
	it('is true only for the identical secret', () => {
		expect(secretsMatch('s3cret-value-0001', 's3cret-value-0001')).toBe(true);
		expect(secretsMatch('s3cret-value-0002', 's3cret-value-0001')).toBe(false);
		expect(secretsMatch('s3cret-value-000', 's3cret-value-0001')).toBe(false); // a prefix
		expect(secretsMatch('s3cret-value-00011', 's3cret-value-0001')).toBe(false); // longer
		expect(secretsMatch('S3CRET-VALUE-0001', 's3cret-value-0001')).toBe(false); // case matters
	});

	it('never matches missing or empty values, even against an empty expectation', () => {
		expect(secretsMatch(undefined, 'x')).toBe(false);
		expect(secretsMatch(null, 'x')).toBe(false);
		expect(secretsMatch('', '')).toBe(false);
		expect(secretsMatch('x', '')).toBe(false);
		expect(secretsMatch('', 'x')).toBe(false);
	});

	it('compares equal-length digests with crypto.timingSafeEqual (values of any length)', () => {
		const crypto = jest.requireActual('crypto') as typeof import('crypto');
		const spy = jest.spyOn(crypto, 'timingSafeEqual');
		try {
			expect(secretsMatch('a', 'a much longer secret value')).toBe(false);
			expect(spy).toHaveBeenCalledTimes(1);
			const [left, right] = spy.mock.calls[0] as unknown as [Buffer, Buffer];
			expect(left.length).toBe(32);
			expect(right.length).toBe(32);
		} finally {
			spy.mockRestore();
		}
	});
});

describe('checkSharedSecret (local credential test)', () => {
	it('accepts a long secret and explains what is wrong otherwise', () => {
		expect(checkSharedSecret('0123456789abcdef', 'The token')).toEqual({
			status: 'OK',
			message: "The token is usable; the vendor's deliveries are checked against it",
		});
		expect(checkSharedSecret('', 'The token')).toEqual({
			status: 'Error',
			message: 'The token is empty',
		});
		expect(checkSharedSecret(undefined, 'The token')).toEqual({
			status: 'Error',
			message: 'The token is empty',
		});
		expect(checkSharedSecret(' 0123456789abcdef', 'The token').message).toBe(
			'The token starts or ends with whitespace',
		);
		expect(checkSharedSecret('short', 'The token').message).toBe(
			'The token is too short: use at least 16 random characters',
		);
	});
});

describe('query and bearer values', () => {
	it('reads query parameters by exact name', () => {
		expect(queryValue({ token: 'abc' }, 'token')).toBe('abc');
		expect(queryValue({ token: ['a', 'b'] }, 'token')).toBe('a');
		expect(queryValue({ Token: 'abc' }, 'token')).toBeUndefined();
		expect(queryValue({ token: { nested: 1 } }, 'token')).toBeUndefined();
	});

	it('extracts a Bearer token (any case, trimmed) and nothing from other schemes', () => {
		expect(bearerToken('Bearer abc123')).toBe('abc123');
		expect(bearerToken('bearer   abc123  ')).toBe('abc123');
		expect(bearerToken('Basic abc123')).toBeUndefined();
		expect(bearerToken('Bearer')).toBeUndefined();
		expect(bearerToken(undefined)).toBeUndefined();
	});
});

describe('parseJsonObject', () => {
	it('parses the raw body whatever the content type, BOM and whitespace tolerated', () => {
		expect(parseJsonObject(Buffer.from('\uFEFF {"a": 1} '))).toEqual({ ok: true, body: { a: 1 } });
		expect(parseJsonObject('{"a": {"b": [1]}}')).toEqual({ ok: true, body: { a: { b: [1] } } });
	});

	it('falls back to the parsed body when no raw body is available', () => {
		expect(parseJsonObject(undefined, { a: 1 })).toEqual({ ok: true, body: { a: 1 } });
		expect(parseJsonObject(undefined, '{"a": 2}')).toEqual({ ok: true, body: { a: 2 } });
	});

	it('rejects malformed JSON, empty bodies and anything that is not an object', () => {
		expect(parseJsonObject(Buffer.from('{"a": '))).toEqual({
			ok: false,
			error: 'the request body is not valid JSON',
		});
		expect(parseJsonObject(Buffer.from(''))).toEqual({
			ok: false,
			error: 'the request body is empty; a JSON object is expected',
		});
		expect(parseJsonObject(undefined, undefined)).toEqual({
			ok: false,
			error: 'the request body is empty; a JSON object is expected',
		});
		expect(parseJsonObject('null')).toEqual({
			ok: false,
			error: 'the request body is empty; a JSON object is expected',
		});
		expect(parseJsonObject('[1]')).toEqual({
			ok: false,
			error: 'the request body must be a JSON object, not an array',
		});
		expect(parseJsonObject('"text"')).toEqual({
			ok: false,
			error: 'the request body must be a JSON object, not string',
		});
		expect(parseJsonObject('42')).toEqual({
			ok: false,
			error: 'the request body must be a JSON object, not number',
		});
		expect(parseJsonObject('name=value')).toEqual({
			ok: false,
			error: 'the request body is not valid JSON',
		});
	});
});

describe('paths and scalars', () => {
	const body = { event: 'X', data: { employee: { id: 42 }, list: [{ id: 'a' }], blank: '  ' } };

	it('walks dotted paths through objects and arrays', () => {
		expect(valueAtPath(body, 'data.employee.id')).toBe(42);
		expect(valueAtPath(body, 'data.list.0.id')).toBe('a');
		expect(valueAtPath(body, 'data.missing.id')).toBeUndefined();
		expect(valueAtPath(body, '')).toBeUndefined();
	});

	it('returns the first path holding a non-empty string or number', () => {
		expect(firstScalar(body, ['data.blank', 'data.employee', 'data.employee.id'])).toEqual({
			path: 'data.employee.id',
			value: '42',
		});
		expect(firstScalar(body, ['nothing'])).toBeUndefined();
	});
});

describe('events', () => {
	const known = ['EmployeeCreated', 'CheckInCreated'];

	it('matches spelling variants to the canonical name', () => {
		for (const variant of [
			'EmployeeCreated',
			'employee.created',
			'EMPLOYEE_CREATED',
			'employee-created',
			'employeecreated',
		]) {
			expect(matchKnownEvent(variant, known)).toBe('EmployeeCreated');
		}
		expect(matchKnownEvent('EmployeeCreatedX', known)).toBeUndefined();
		expect(matchKnownEvent('', known)).toBeUndefined();
		expect(matchKnownEvent(undefined, known)).toBeUndefined();
	});

	it('filters known events by the selection (empty = all) and unknown ones by the policy', () => {
		expect(eventSelected('employee.created', known, ['EmployeeCreated'], 'ignore')).toBe(true);
		expect(eventSelected('CheckInCreated', known, ['EmployeeCreated'], 'run')).toBe(false);
		expect(eventSelected('CheckInCreated', known, [], 'ignore')).toBe(true);
		expect(eventSelected('SomethingNew', known, ['EmployeeCreated'], 'run')).toBe(true);
		expect(eventSelected('SomethingNew', known, ['EmployeeCreated'], 'ignore')).toBe(false);
		expect(eventSelected(undefined, known, [], 'ignore')).toBe(false);
	});
});

describe('fingerprints', () => {
	it('do not depend on key order but on every value', () => {
		expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe('{"a":[{"c":3,"d":2}],"b":1}');
		expect(fingerprint({ a: 1, b: 2 })).toBe(fingerprint({ b: 2, a: 1 }));
		expect(fingerprint({ a: 1, b: 2 })).not.toBe(fingerprint({ a: 1, b: 3 }));
		expect(fingerprint({ a: 1 })).toMatch(/^[0-9a-f]{64}$/);
	});
});

describe('DeliveryLedger', () => {
	it('keeps the newest `max` keys, oldest evicted first', () => {
		const ledger = new DeliveryLedger(3);
		for (const key of ['k1', 'k2', 'k3', 'k4']) ledger.add(key);
		expect(Object.keys(ledger.toJSON())).toEqual(['k2', 'k3', 'k4']);
		ledger.add('k2'); // re-adding refreshes its position
		ledger.add('k5');
		expect(Object.keys(ledger.toJSON())).toEqual(['k4', 'k2', 'k5']);
	});

	it('expires keys with a time limit, keeps the others', () => {
		const ledger = DeliveryLedger.from({ kA: 0, kB: 1000, kC: 'junk' });
		expect(ledger.has('kA', 5000)).toBe(true);
		expect(ledger.has('kB', 999)).toBe(true);
		expect(ledger.has('kB', 1000)).toBe(false);
		expect(ledger.has('kC', 5000)).toBe(true); // unreadable expiry = no expiry
		ledger.prune(1000);
		expect(Object.keys(ledger.toJSON())).toEqual(['kA', 'kC']);
	});

	it('reads anything that is not an object as empty', () => {
		expect(DeliveryLedger.from(undefined).size).toBe(0);
		expect(DeliveryLedger.from(['k1']).size).toBe(0);
	});
});

describe('claimDelivery', () => {
	beforeEach(() => resetProcessLedgers());

	it('accepts a key once; the persisted ledger in static data remembers it (bounded)', () => {
		const store: IDataObject = {};
		const claim = (key: string, now = 1000) =>
			claimDelivery({ scope: 'wf1:node1', key, store, now, max: 3 });
		expect(claim('id:1')).toBe(true);
		expect(claim('id:1')).toBe(false);
		expect(claim('id:2')).toBe(true);
		expect(Object.keys(store.deliveries as object)).toHaveLength(2);
		expect(Object.keys(store.deliveries as object).every((k) => /^k[0-9a-f]{20}$/.test(k))).toBe(
			true,
		);
		claim('id:3');
		claim('id:4');
		expect(Object.keys(store.deliveries as object)).toHaveLength(3);
	});

	it('catches a duplicate in the same process although the static data it sees is stale', () => {
		// two concurrent requests load the same (empty) static data before either is saved
		const storeSeenByFirst: IDataObject = {};
		const storeSeenBySecond: IDataObject = {};
		expect(
			claimDelivery({ scope: 'wf1:node1', key: 'id:x', store: storeSeenByFirst, now: 1 }),
		).toBe(true);
		expect(
			claimDelivery({ scope: 'wf1:node1', key: 'id:x', store: storeSeenBySecond, now: 1 }),
		).toBe(false);
	});

	it('catches a duplicate after a restart through the persisted ledger', () => {
		const store: IDataObject = {};
		expect(claimDelivery({ scope: 'wf1:node1', key: 'id:y', store, now: 1 })).toBe(true);
		resetProcessLedgers(); // a new process
		expect(
			claimDelivery({
				scope: 'wf1:node1',
				key: 'id:y',
				store: JSON.parse(JSON.stringify(store)),
				now: 2,
			}),
		).toBe(false);
	});

	it('writes the in-process keys into every save, so a later save does not lose an earlier key', () => {
		const first: IDataObject = {};
		const second: IDataObject = {};
		claimDelivery({ scope: 'wf1:node1', key: 'id:a', store: first, now: 1 });
		claimDelivery({ scope: 'wf1:node1', key: 'id:b', store: second, now: 1 });
		// n8n saves `second` last: it must still contain id:a
		resetProcessLedgers();
		expect(claimDelivery({ scope: 'wf1:node1', key: 'id:a', store: second, now: 2 })).toBe(false);
	});

	it('keeps workflows and nodes apart', () => {
		expect(claimDelivery({ scope: 'wf1:node1', key: 'id:z', store: {}, now: 1 })).toBe(true);
		expect(claimDelivery({ scope: 'wf1:node2', key: 'id:z', store: {}, now: 1 })).toBe(true);
		expect(claimDelivery({ scope: 'wf2:node1', key: 'id:z', store: {}, now: 1 })).toBe(true);
	});

	it('lets a key with a time limit count again once it expired', () => {
		const store: IDataObject = {};
		const claim = (now: number) =>
			claimDelivery({ scope: 'wf1:node1', key: 'body:f', store, now, ttlMs: 1000 });
		expect(claim(0)).toBe(true);
		expect(claim(999)).toBe(false);
		expect(claim(1000)).toBe(true);
	});
});

describe('claimDelivery without persisting', () => {
	beforeEach(() => resetProcessLedgers());

	it('consults the persisted ledger, records in-process only and leaves static data untouched', () => {
		const store: IDataObject = {};
		expect(claimDelivery({ scope: 's', key: 'id:p', store, now: 1 })).toBe(true);
		const snapshot = JSON.stringify(store);
		resetProcessLedgers();
		expect(claimDelivery({ scope: 's', key: 'id:p', store, now: 2, persist: false })).toBe(false);
		expect(claimDelivery({ scope: 's', key: 'id:q', store, now: 2, persist: false })).toBe(true);
		expect(claimDelivery({ scope: 's', key: 'id:q', store, now: 3, persist: false })).toBe(false);
		expect(JSON.stringify(store)).toBe(snapshot);
	});
});

describe('rememberDelivery (the run persists what its webhook request accepted)', () => {
	beforeEach(() => resetProcessLedgers());

	it('writes the key and every key this process accepted into the store the run saves', () => {
		const requestStore: IDataObject = {};
		expect(
			claimDelivery({ scope: 's', key: 'id:1', store: requestStore, now: 1, persist: false }),
		).toBe(true);
		expect(
			claimDelivery({ scope: 's', key: 'id:2', store: requestStore, now: 1, persist: false }),
		).toBe(true);
		expect(requestStore).toEqual({});

		// the run of delivery 1 starts with the static data loaded from the database (empty)
		const runStore: IDataObject = {};
		rememberDelivery({ scope: 's', key: 'id:1', store: runStore, now: 2 });
		expect(Object.keys(runStore.deliveries as object)).toHaveLength(2);

		// after a restart both are still known
		resetProcessLedgers();
		expect(claimDelivery({ scope: 's', key: 'id:1', store: runStore, now: 3 })).toBe(false);
		expect(claimDelivery({ scope: 's', key: 'id:2', store: runStore, now: 3 })).toBe(false);
	});

	it('records a key the process has not seen (a run on another process) and keeps time limits', () => {
		const store: IDataObject = {};
		rememberDelivery({ scope: 's', key: 'body:f', store, now: 0, ttlMs: 1000 });
		resetProcessLedgers();
		expect(claimDelivery({ scope: 's', key: 'body:f', store, now: 500 })).toBe(false);
		resetProcessLedgers();
		expect(claimDelivery({ scope: 's', key: 'body:f', store, now: 1500 })).toBe(true);
	});
});
