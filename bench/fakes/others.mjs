// Fake Sesame HR, Sessions and HaloPSA APIs, a fake ATS (source of benchmark records) and a sink
// that counts deliveries, all on 127.0.0.1. Each enforces the vendor's documented limits.
import { randomBytes } from 'node:crypto';

import { route, startFake } from './http.mjs';
import { candidates } from './sense.mjs';

/** Fixed-window limiter: opens with the first request after the previous window closed. */
function fixedWindow(limit, windowMs) {
	let start = 0;
	let used = 0;
	return {
		configure(newLimit, newWindowMs) {
			limit = newLimit;
			windowMs = newWindowMs;
			start = 0;
			used = 0;
		},
		take(now = Date.now()) {
			if (now >= start + windowMs) {
				start = now;
				used = 0;
			}
			if (used >= limit) return false;
			used++;
			return true;
		},
		remaining: () => Math.max(0, limit - used),
		resetSeconds: (now = Date.now()) => Math.max(0, Math.ceil((start + windowMs - now) / 1000)),
		resetMs: (now = Date.now()) => Math.max(0, start + windowMs - now),
	};
}

// ------------------------------------------------------------------ ATS (source of records)

/** GET /candidates?n=N&offset=K -> JSON array of N candidates (cached text). */
export async function startAtsFake() {
	const cache = new Map();
	return await startFake({
		name: 'ats',
		routes: [
			route('GET', '/candidates', (request) => {
				const n = Number(request.query.n ?? 10);
				const offset = Number(request.query.offset ?? 0);
				const key = `${n}:${offset}`;
				if (!cache.has(key)) cache.set(key, JSON.stringify(candidates(n, offset)));
				return {
					status: 200,
					text: cache.get(key),
					headers: { 'content-type': 'application/json' },
				};
			}),
			route('GET', '/ids', (request) => {
				const n = Number(request.query.n ?? 10);
				const prefix = String(request.query.prefix ?? 'id');
				return {
					status: 200,
					body: Array.from({ length: n }, (_, i) => ({ id: `${prefix}-${i + 1}` })),
				};
			}),
		],
	});
}

// ------------------------------------------------------------------ Sesame HR

const DEPARTMENTS = ['Sales', 'Engineering', 'Support', 'Finance', 'People'];

function employee(i) {
	const id = `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`;
	return {
		id,
		firstName: `Name${i + 1}`,
		lastName: `Surname${(i * 7) % 1000}`,
		email: `employee${i + 1}@example.com`,
		workStatus: i % 3 ? 'offline' : 'online',
		code: i + 1,
		pin: 1000 + (i % 9000),
		phone: `+34 600 ${String(i % 1000).padStart(3, '0')} ${String(i % 997).padStart(3, '0')}`,
		company: { id: '11111111-1111-4111-8111-111111111111', name: 'Bench Co' },
		gender: i % 2 ? 'female' : 'male',
		dateOfBirth: `19${70 + (i % 30)}-0${1 + (i % 9)}-1${i % 9}`,
		createdAt: '2024-01-01T10:00:00+01:00',
		updatedAt: '2025-06-01T10:00:00+01:00',
		status: i % 10 ? 'active' : 'inactive',
		department: DEPARTMENTS[i % DEPARTMENTS.length],
		customFields: [{ slug: 'badge', value: `B-${i + 1}` }],
	};
}

/**
 * Sesame HR: GET /core/v3/employees?page=&limit= -> {data, meta: {currentPage, lastPage, total, perPage}};
 * Bearer token; 1,000 requests per minute per company (429 + Retry-After beyond). `limit` above
 * `maxPageSize` is clamped (the documentation gives no maximum; the cap is an assumption).
 */
export async function startSesameFake({
	token = 'sesame-bench-token',
	employees = 10_000,
	maxPageSize = 1000,
	rateLimit = { limit: 1000, windowMs: 60_000 },
} = {}) {
	const data = Array.from({ length: employees }, (_, i) => employee(i));
	const window = fixedWindow(rateLimit.limit, rateLimit.windowMs);
	const state = { pages: [], rateLimited: 0 };
	const fake = await startFake({
		name: 'sesame',
		before: (request) => {
			if (request.headers.authorization !== `Bearer ${token}`)
				return { status: 401, body: { message: 'Unauthenticated' } };
			if (!window.take()) {
				state.rateLimited++;
				return {
					status: 429,
					body: { error: 'rate_limit_exceeded' },
					headers: { 'retry-after': String(window.resetSeconds()) },
				};
			}
			return undefined;
		},
		routes: [
			route('GET', '/core/v3/employees', (request) => {
				const page = Math.max(1, Number(request.query.page ?? 1) || 1);
				const perPage = Math.min(maxPageSize, Math.max(1, Number(request.query.limit ?? 20) || 20));
				state.pages.push({ page, perPage });
				const slice = data.slice((page - 1) * perPage, page * perPage);
				const lastPage = Math.max(1, Math.ceil(data.length / perPage));
				return {
					status: 200,
					body: { data: slice, meta: { currentPage: page, lastPage, total: data.length, perPage } },
				};
			}),
		],
	});
	return {
		...fake,
		get stats() {
			return fake.stats;
		},
		state,
		resetState() {
			fake.reset();
			state.pages = [];
			state.rateLimited = 0;
		},
		token,
		baseUrl: fake.url,
	};
}

// ------------------------------------------------------------------ Sessions

/**
 * Sessions: x-api-key; POST /api/rooms etc.; fixed window of `limit` requests per `windowMs`
 * (documented: 10 per minute), x-ratelimit-limit/-remaining/-reset (seconds) on every answer,
 * 429 beyond the limit (rejected requests do not use the quota).
 */
export async function startSessionsFake({
	apiKey = 'sessions-bench-key',
	limit = 10,
	windowMs = 60_000,
} = {}) {
	const window = fixedWindow(limit, windowMs);
	const state = { created: 0, rateLimited: 0, accepted: [] };
	const current = { limit, windowMs };
	const fake = await startFake({
		name: 'sessions',
		before: (request) => {
			if (request.headers['x-api-key'] !== apiKey)
				return { status: 401, body: { message: 'Invalid API key' } };
			if (!window.take()) {
				state.rateLimited++;
				return { status: 429, body: { message: 'Too many requests' } };
			}
			state.accepted.push(Date.now());
			return undefined;
		},
		headers: () => ({
			'x-ratelimit-limit': String(current.limit),
			'x-ratelimit-remaining': String(window.remaining()),
			'x-ratelimit-reset': String(window.resetSeconds()),
		}),
		routes: [
			route('POST', '/api/:collection', (request) => {
				state.created++;
				return {
					status: 201,
					body: {
						...(request.body ?? {}),
						id: randomBytes(8).toString('hex'),
						createdAt: new Date().toISOString(),
					},
				};
			}),
		],
	});
	return {
		...fake,
		get stats() {
			return fake.stats;
		},
		state,
		resetState() {
			fake.reset();
			state.created = 0;
			state.rateLimited = 0;
			state.accepted = [];
		},
		/** Changes the limit (e.g. to the real 10 per 60 s) and starts a fresh window. */
		configure(newLimit, newWindowMs) {
			current.limit = newLimit;
			current.windowMs = newWindowMs;
			window.configure(newLimit, newWindowMs);
		},
		apiKey,
		baseUrl: fake.url,
	};
}

// ------------------------------------------------------------------ HaloPSA

/**
 * HaloPSA: POST /auth/token?tenant= (client credentials, form) -> {access_token, expires_in};
 * /api/* needs a live bearer token (401 once it expired).
 */
export async function startHaloFake({
	tenant = 'bench',
	clientId = 'halo-client',
	clientSecret = 'halo-secret',
	tokenLifetimeS = 3600,
} = {}) {
	const tokens = new Map();
	const state = { tokensIssued: [], expiredRejected: 0 };
	const fake = await startFake({
		name: 'halopsa',
		before: (request) => {
			if (!request.path.startsWith('/api/')) return undefined;
			const match = /^Bearer (.+)$/.exec(String(request.headers.authorization ?? ''));
			const expiresAt = match ? tokens.get(match[1]) : undefined;
			if (expiresAt === undefined || Date.now() >= expiresAt) {
				state.expiredRejected++;
				return { status: 401, body: { error: 'invalid_token' } };
			}
			return undefined;
		},
		routes: [
			route('POST', '/auth/token', (request) => {
				const form = new URLSearchParams(request.raw.toString('utf8'));
				let id = form.get('client_id');
				let secret = form.get('client_secret');
				const basic = /^Basic (.+)$/i.exec(String(request.headers.authorization ?? ''));
				if (basic)
					[id, secret] = Buffer.from(basic[1], 'base64')
						.toString('utf8')
						.split(':')
						.map(decodeURIComponent);
				if (request.query.tenant !== tenant)
					return {
						status: 400,
						body: { error: 'invalid_request', error_description: 'unknown tenant' },
					};
				if (id !== clientId || secret !== clientSecret)
					return { status: 401, body: { error: 'invalid_client' } };
				const token = `halo-${state.tokensIssued.length + 1}-${randomBytes(6).toString('hex')}`;
				tokens.set(token, Date.now() + tokenLifetimeS * 1000);
				state.tokensIssued.push(Date.now());
				return {
					status: 200,
					body: { access_token: token, expires_in: tokenLifetimeS, token_type: 'Bearer' },
				};
			}),
			route('GET', '/api/Appointment/:id', (request) => ({
				status: 200,
				body: {
					id: Number(request.params.id) || request.params.id,
					subject: `Appointment ${request.params.id}`,
				},
			})),
		],
	});
	return {
		...fake,
		get stats() {
			return fake.stats;
		},
		state,
		resetState() {
			fake.reset();
			state.tokensIssued = [];
			state.expiredRejected = 0;
		},
		credentials: { tenant, clientId, clientSecret, appUrl: fake.url },
	};
}

// ------------------------------------------------------------------ sink

/** POST /seen {id} -> counts per id (proves "exactly one run per delivery"). */
export async function startSink() {
	const seen = new Map();
	const fake = await startFake({
		name: 'sink',
		routes: [
			route('POST', '/seen', (request) => {
				const body = request.body ?? {};
				const id = String(body.id ?? '');
				seen.set(id, (seen.get(id) ?? 0) + 1);
				return { status: 200, body: { ok: true } };
			}),
		],
	});
	return {
		...fake,
		seen,
		resetState() {
			fake.reset();
			seen.clear();
		},
	};
}
