/** Pure functions of the shared mechanics: header parsing, error wording, paging strategies. */
import {
	MESSAGE_DETAIL_LIMIT,
	describeFailure,
	fieldErrors,
	vendorMessage,
	withDetail,
} from '../../nodes/common/errors';
import {
	collectPages,
	fixedSizePages,
	metaPages,
	type PagingGuard,
} from '../../nodes/common/paging';
import {
	credentialBudget,
	RateGate,
	remainingRequests,
	resetDelayMs,
} from '../../nodes/common/rateLimit';

const GUARD: PagingGuard = {
	node: { id: 'n', name: 'Test', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} },
	vendor: 'Test',
};

const NOW = Date.parse('2026-11-21T10:00:00Z');

describe('rate-limit headers', () => {
	it.each([
		[{ 'retry-after': '3' }, 3000],
		[{ 'Retry-After': 'Sat, 21 Nov 2026 10:00:05 GMT' }, 5000],
		[{ 'x-ratelimit-reset': '12' }, 12000],
		[{ 'x-ratelimit-reset': String(NOW / 1000 + 7) }, 7000],
		[{ 'ratelimit-reset': String(NOW + 2500) }, 2500],
		[{ 'x-rate-limit-reset': ['4'] }, 4000],
		[{}, undefined],
		[{ 'retry-after': 'soon' }, undefined],
	])('%j -> %s ms', (headers, expected) => {
		expect(resetDelayMs(headers as Record<string, unknown>, NOW)).toBe(expected);
	});

	it('reads the remaining budget', () => {
		expect(remainingRequests({ 'X-RateLimit-Remaining': '0' })).toBe(0);
		expect(remainingRequests({ 'ratelimit-remaining': '9' })).toBe(9);
		expect(remainingRequests({})).toBeUndefined();
	});

	it('a header-driven gate admits one probe, then as many as the budget allows', async () => {
		const gate = new RateGate(true);
		const probe = await gate.acquire();
		let second = false;
		const waiting = gate.acquire().then((t) => {
			second = true;
			return t;
		});
		await Promise.resolve();
		expect(second).toBe(false);
		probe.done({ 'x-ratelimit-remaining': '5', 'x-ratelimit-reset': '60' }, 200);
		const ticket = await waiting;
		expect(second).toBe(true);
		ticket.done({ 'x-ratelimit-remaining': '4', 'x-ratelimit-reset': '59' }, 200);
	});
});

describe('client-side budget (rolling window)', () => {
	afterEach(() => jest.useRealTimers());

	/** Acquires `count` tickets one after the other; the fake clock's time of each admission. */
	async function admissions(gate: RateGate, count: number, step = 1000): Promise<number[]> {
		const times: number[] = [];
		const all = (async () => {
			for (let i = 0; i < count; i++) {
				const ticket = await gate.acquire();
				times.push(Date.now() - NOW);
				ticket.done({}, 200);
			}
		})();
		while (times.length < count) await jest.advanceTimersByTimeAsync(step);
		await all;
		return times;
	}

	it('admits `limit` requests in any window and holds the next until the oldest leaves it', async () => {
		jest.useFakeTimers({ now: NOW });
		const gate = new RateGate(false);
		gate.setBudget({ limit: 3, windowMs: 10_000 });
		expect(await admissions(gate, 7)).toEqual([0, 0, 0, 10_000, 10_000, 10_000, 20_000]);
	});

	it('counts a window that rolls: requests spread out are admitted as their slots free up', async () => {
		jest.useFakeTimers({ now: NOW });
		const gate = new RateGate(false);
		gate.setBudget({ limit: 2, windowMs: 10_000 });
		const first = await gate.acquire();
		first.done({}, 200);
		await jest.advanceTimersByTimeAsync(4_000);
		(await gate.acquire()).done({}, 200); // at 4 s: the second slot
		// the third waits for the first to leave (10 s), the fourth for the second (14 s)
		expect(await admissions(gate, 2)).toEqual([10_000, 14_000]);
	});

	it('a 429 still blocks until the announced reset, whatever the budget says', async () => {
		jest.useFakeTimers({ now: NOW });
		const gate = new RateGate(false);
		gate.setBudget({ limit: 100, windowMs: 60_000 });
		(await gate.acquire()).done({ 'retry-after': '30' }, 429);
		expect(await admissions(gate, 1)).toEqual([30_000]);
	});

	it('no budget: requests are not held', async () => {
		jest.useFakeTimers({ now: NOW });
		const gate = new RateGate(false);
		gate.setBudget({ limit: 1, windowMs: 60_000 });
		gate.setBudget(undefined);
		expect(await admissions(gate, 5)).toEqual([0, 0, 0, 0, 0]);
	});

	it('reads the budget of a credential: defaults for empty fields, 0 turns it off', () => {
		const fields = { limit: 'rateLimit', windowSeconds: 'rateLimitWindow' };
		const defaults = { limit: 300, windowSeconds: 300 };
		expect(credentialBudget({}, fields, defaults)).toEqual({ limit: 300, windowMs: 300_000 });
		expect(credentialBudget({ rateLimit: '', rateLimitWindow: null }, fields, defaults)).toEqual({
			limit: 300,
			windowMs: 300_000,
		});
		expect(credentialBudget({ rateLimit: 500, rateLimitWindow: 180 }, fields, defaults)).toEqual({
			limit: 500,
			windowMs: 180_000,
		});
		expect(credentialBudget({ rateLimit: 0 }, fields, defaults)).toBeUndefined();
		expect(credentialBudget({ rateLimitWindow: 0 }, fields, defaults)).toBeUndefined();
	});
});

describe('vendor errors', () => {
	it('finds the vendor message in the usual places', () => {
		expect(vendorMessage({ message: 'a' })).toBe('a');
		expect(vendorMessage({ error: { message: 'b' } })).toBe('b');
		expect(vendorMessage({ error: 'invalid_client', error_description: 'bad secret' })).toBe(
			'bad secret',
		);
		expect(vendorMessage('plain text')).toBe('plain text');
		expect(vendorMessage(undefined)).toBeUndefined();
	});

	it('lists field errors of every common shape', () => {
		expect(fieldErrors({ errors: { name: ['is required', 'too short'] } })).toEqual([
			'name: is required',
			'name: too short',
		]);
		expect(fieldErrors({ errors: [{ field: 'email', message: 'invalid' }, 'general'] })).toEqual([
			'email: invalid',
			'general',
		]);
		expect(fieldErrors({ violations: [{ propertyPath: 'startAt', message: 'past' }] })).toEqual([
			'startAt: past',
		]);
		expect(fieldErrors({ errors: [{ entity_id: 'c-1', message: 'bad email' }] })).toEqual([
			'c-1: bad email',
		]);
	});

	it('words network failures with a hint', () => {
		expect(
			describeFailure('Sesame HR', { code: 'ENOTFOUND', url: 'api-eu9.sesametime.com' }),
		).toEqual({
			message:
				'Could not reach Sesame HR (api-eu9.sesametime.com) — the host name does not resolve — check the base URL (or region) in the credential',
			description:
				'ENOTFOUND: the host name does not resolve — check the base URL (or region) in the credential',
		});
	});

	it('puts what to fix in the message (an agent sees only that), shortened, never repeated', () => {
		const failure = {
			status: 422,
			body: {
				message: 'Invalid',
				errors: { email: ['is taken'], startAt: ['must be in the future'] },
			},
		};
		expect(describeFailure('Sessions', failure)).toEqual({
			message:
				'Sessions answered 422: Validation failed — Invalid; email: is taken; startAt: must be in the future',
			description: 'Invalid\nemail: is taken\nstartAt: must be in the future',
		});
		expect(withDetail('X answered 404: Not found', ['Not found', '  '])).toBe(
			'X answered 404: Not found',
		);
		const long = withDetail('X answered 400: Bad request', ['a'.repeat(1000)]);
		expect(long).toBe(`X answered 400: Bad request — ${'a'.repeat(MESSAGE_DETAIL_LIMIT - 1)}…`);
	});

	it('parses a JSON body that arrived as text or bytes', () => {
		expect(describeFailure('X', { status: 409, body: '{"message":"exists"}' }).description).toBe(
			'exists',
		);
		expect(
			describeFailure('X', { status: 400, body: new TextEncoder().encode('{"detail":"no"}') })
				.description,
		).toBe('no');
		expect(describeFailure('X', { status: 418, body: '' })).toEqual({
			message: 'X answered 418: Request failed',
			description: 'Request failed',
		});
	});
});

describe('paging strategies', () => {
	it('fixed-size pages stop on a short page', async () => {
		const pages = [[1, 2], [3, 4], [5]].map((p) => p.map((id) => ({ id })));
		const seen: unknown[] = [];
		const items = await collectPages(
			fixedSizePages(2),
			async (query) => {
				seen.push(query);
				return pages[(query.page as number) - 1];
			},
			undefined,
			GUARD,
		);
		expect(items.map((i) => i.id)).toEqual([1, 2, 3, 4, 5]);
		expect(seen).toEqual([{ page: 1 }, { page: 2 }, { page: 3 }]);
	});

	it('meta pages follow lastPage and keep one page size (page numbers count in it)', async () => {
		const seen: unknown[] = [];
		const items = await collectPages(
			metaPages(100),
			async (query) => {
				seen.push(query);
				const page = query.page as number;
				return {
					data: Array.from({ length: query.limit as number }, (_, i) => ({ id: `${page}-${i}` })),
					meta: { currentPage: page, lastPage: 9 },
				};
			},
			150,
			GUARD,
		);
		expect(items).toHaveLength(150);
		// page 2 of 50-item pages would repeat items 51-100 of page 1
		expect(seen).toEqual([
			{ page: 1, limit: 100 },
			{ page: 2, limit: 100 },
		]);
		expect(items[100]).toEqual({ id: '2-0' });
	});

	it('meta pages end at lastPage', async () => {
		const items = await collectPages(
			metaPages(2),
			async (query) => ({
				data: [{ p: query.page }],
				meta: { currentPage: query.page, lastPage: 2 },
			}),
			undefined,
			GUARD,
		);
		expect(items).toEqual([{ p: 1 }, { p: 2 }]);
	});
});
