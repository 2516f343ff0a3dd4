/**
 * The shared webhook mechanics (nodes/common/webhook.ts): constant-time secret comparison, query /
 * bearer extraction, reading bodies (every failure of n8n's reader as a 413/400 answer), JSON-object
 * bodies and their depth, dotted paths, event matching and filtering, fingerprints at any depth,
 * the bounded key ledger of the polling triggers and the watcher of the answer n8n sends.
 */
import {
	bearerToken,
	bodyReadError,
	canonicalJson,
	checkSharedSecret,
	DeliveryLedger,
	eventSelected,
	fingerprint,
	firstScalar,
	matchKnownEvent,
	MAX_BODY_DEPTH,
	nestedDeeperThan,
	parseJsonObject,
	queryValue,
	readRequestBody,
	secretsMatch,
	valueAtPath,
	watchAnswer,
} from '../../nodes/common/webhook';

/** `depth` levels of `{"a": …}` around `inner` (1 = `{"a": inner}`). */
const nested = (depth: number, inner = '1') => '{"a":'.repeat(depth) + inner + '}'.repeat(depth);

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

	it(`accepts ${MAX_BODY_DEPTH} levels of nesting and refuses deeper bodies, even 100,000 deep`, () => {
		expect(parseJsonObject(nested(MAX_BODY_DEPTH, '"x"')).ok).toBe(true);
		for (const depth of [MAX_BODY_DEPTH + 1, 100_000]) {
			expect(parseJsonObject(nested(depth))).toEqual({
				ok: false,
				error: 'the request body is nested more than 1000 levels deep',
			});
		}
		const arrays = `{"a":${'['.repeat(MAX_BODY_DEPTH)}${']'.repeat(MAX_BODY_DEPTH)}}`;
		expect(parseJsonObject(arrays)).toMatchObject({ ok: false });
	});

	it('measures depth without recursion: objects and arrays count, scalars do not', () => {
		expect(nestedDeeperThan({ a: 1 }, 1)).toBe(false);
		expect(nestedDeeperThan({ a: {} }, 1)).toBe(true);
		expect(nestedDeeperThan({ a: [1, 'x', null] }, 2)).toBe(false);
		expect(nestedDeeperThan({ a: [[]] }, 2)).toBe(true);
		expect(nestedDeeperThan(JSON.parse(nested(200_000)), 199_999)).toBe(true);
		expect(nestedDeeperThan(JSON.parse(nested(200_000)), 200_000)).toBe(false);
	});
});

describe("reading the body (n8n's raw-body reader behind gunzip/inflate)", () => {
	/** A request as n8n hands it over, whose `readRawBody()` fails with `error` (or reads `raw`). */
	function request(options: { error?: unknown; raw?: string; headers?: Record<string, string> }) {
		const calls: string[] = [];
		const req = {
			headers: options.headers ?? {},
			rawBody: undefined as Buffer | undefined,
			body: undefined,
			async readRawBody() {
				calls.push('read');
				if (options.error) throw options.error;
				req.rawBody = Buffer.from(options.raw ?? '');
			},
			unpipe: () => calls.push('unpipe'),
			resume: () => calls.push('resume'),
		};
		return { ctx: { getRequestObject: () => req } as never, calls };
	}
	// the errors raw-body, zlib and n8n raise (raw-body: `type`/`status`/`limit`; zlib: `code`)
	const tooLarge = Object.assign(new Error('request entity too large'), {
		type: 'entity.too.large',
		status: 413,
		limit: 16 * 1024 * 1024,
	});
	const badGzip = Object.assign(new Error('incorrect header check'), { code: 'Z_DATA_ERROR' });
	const aborted = Object.assign(new Error('Request body stream was aborted mid-read'), {
		httpStatusCode: 400,
		cause: Object.assign(new Error('request aborted'), { type: 'request.aborted' }),
	});

	it('answers 413 for a body over the limit, also once decompressed (a gzip bomb)', async () => {
		const plain = request({ error: tooLarge });
		expect(await readRequestBody(plain.ctx)).toEqual({
			ok: false,
			status: 413,
			error: 'the request body is larger than n8n accepts (16 MB)',
		});
		// the rest of the upload is drained, so the connection stays usable
		expect(plain.calls).toEqual(['read', 'unpipe', 'resume']);
		const bomb = request({ error: tooLarge, headers: { 'Content-Encoding': 'gzip' } });
		expect(await readRequestBody(bomb.ctx)).toEqual({
			ok: false,
			status: 413,
			error: 'the request body is larger than n8n accepts (16 MB) once decompressed',
		});
	});

	it('answers 400 for data that is not gzip/deflate, an unknown encoding, a broken upload', async () => {
		expect(
			await readRequestBody(
				request({ error: badGzip, headers: { 'content-encoding': 'gzip' } }).ctx,
			),
		).toEqual({
			ok: false,
			status: 400,
			error: 'the request body is not valid gzip data (Content-Encoding: gzip)',
		});
		const br = request({ raw: '{}', headers: { 'content-encoding': 'br' } });
		expect(await readRequestBody(br.ctx)).toEqual({
			ok: false,
			status: 400,
			error:
				'the request body is encoded as "br", which n8n does not decode: send it uncompressed or gzip-compressed',
		});
		expect(br.calls).toEqual(['unpipe', 'resume']);
		expect(await readRequestBody(request({ error: aborted }).ctx)).toEqual({
			ok: false,
			status: 400,
			error: 'the request body was not received completely',
		});
		expect(bodyReadError({ type: 'request.size.invalid' })).toEqual({
			status: 400,
			error: 'the request body does not match its Content-Length',
		});
		expect(bodyReadError(new Error('anything else'))).toEqual({
			status: 400,
			error: 'the request body could not be read',
		});
	});

	it('returns the raw body when it can be read', async () => {
		const ok = request({ raw: '{"a":1}', headers: { 'content-encoding': 'gzip' } });
		expect(await readRequestBody(ok.ctx)).toEqual({
			ok: true,
			raw: Buffer.from('{"a":1}'),
			parsed: undefined,
		});
		expect(ok.calls).toEqual(['read']);
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
	/** The recursive definition canonicalJson implements without recursion. */
	function reference(value: unknown): string {
		if (Array.isArray(value)) return `[${value.map((v) => reference(v)).join(',')}]`;
		if (value !== null && typeof value === 'object') {
			const record = value as Record<string, unknown>;
			const entries = Object.keys(record)
				.sort()
				.filter((key) => record[key] !== undefined)
				.map((key) => `${JSON.stringify(key)}:${reference(record[key])}`);
			return `{${entries.join(',')}}`;
		}
		return JSON.stringify(value) ?? 'null';
	}

	it('do not depend on key order but on every value', () => {
		expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe('{"a":[{"c":3,"d":2}],"b":1}');
		expect(fingerprint({ a: 1, b: 2 })).toBe(fingerprint({ b: 2, a: 1 }));
		expect(fingerprint({ a: 1, b: 2 })).not.toBe(fingerprint({ a: 1, b: 3 }));
		expect(fingerprint({ a: 1 })).toMatch(/^[0-9a-f]{64}$/);
	});

	it('write the same JSON as the recursive definition (so stored fingerprints still match)', () => {
		const samples: unknown[] = [
			{},
			[],
			{ 'q"uote': 'é\n', n: -0.5, t: true, f: false, z: null, u: undefined, e: [] },
			[1, [2, [3, { b: [{}, []], a: 'x' }]], undefined, null],
			{ data: { employee: { id: 42, tags: ['a', 'b'] }, list: [{ id: 'a' }, { id: 'b' }] } },
			'text',
			7,
			null,
		];
		for (const sample of samples) expect(canonicalJson(sample)).toBe(reference(sample));
	});

	it('work at any depth: 100,000 levels of objects or arrays', () => {
		const deep = JSON.parse(nested(100_000));
		const json = canonicalJson(deep);
		expect(json).toHaveLength(nested(100_000).length);
		expect(json.startsWith('{"a":{"a":')).toBe(true);
		expect(fingerprint(deep)).toMatch(/^[0-9a-f]{64}$/);
		expect(fingerprint(deep)).not.toBe(fingerprint(JSON.parse(nested(99_999))));
		const arrays = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
		expect(canonicalJson(arrays)).toBe(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
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

describe('watchAnswer', () => {
	/** A stand-in of Express's response: write/end record what reaches the socket. */
	function response() {
		const sent: string[] = [];
		return {
			sent,
			statusCode: 200,
			write(chunk: unknown) {
				sent.push(String(chunk));
				return true;
			},
			end(...args: unknown[]) {
				const [chunk] = args;
				if (chunk !== undefined && typeof chunk !== 'function') sent.push(String(chunk));
				return this;
			},
		};
	}

	it('reports the status and the body once, at the first end(), and passes everything on', () => {
		const res = response();
		const seen: Array<[number, string | undefined]> = [];
		watchAnswer(res, (status, body) => seen.push([status, body?.toString('utf8')]));
		res.statusCode = 200;
		res.write('{"id":"wb-1",');
		res.end(Buffer.from('"entity_id":"7"}'), 'utf8');
		res.end(); // n8n ends some answers twice
		expect(seen).toEqual([[200, '{"id":"wb-1","entity_id":"7"}']]);
		expect(res.sent).toEqual(['{"id":"wb-1",', '"entity_id":"7"}']);
	});

	it('reports an error status and an empty body; no body for answers over 64 KB', () => {
		const failed = response();
		const seen: Array<[number, string | undefined]> = [];
		watchAnswer(failed, (status, body) => seen.push([status, body?.toString('utf8')]));
		failed.statusCode = 500;
		failed.end();
		const large = response();
		watchAnswer(large, (status, body) => seen.push([status, body?.toString('utf8')]));
		large.write('x'.repeat(64 * 1024));
		large.end('y');
		expect(seen).toEqual([
			[500, ''],
			[200, undefined],
		]);
	});
});
