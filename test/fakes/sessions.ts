/**
 * Fake Sessions (sessions.us) public API on 127.0.0.1, for e2e tests and benchmarks.
 * - auth: header `x-api-key` must equal `apiKey`, else 401 {"message":"Invalid API key"}
 * - in-memory collections rooms, sessions, events, bookings, booking-pages, seeded with N items each
 * - GET /api/<collection>?page=K  (1-based, default 1) -> plain JSON array of at most 20 items
 * - GET/PUT/DELETE /api/<collection>/<id>, POST /api/<collection> (201 + object with a new `id`)
 * - webhooks (public integrations' registration, not among the documented endpoints):
 *   POST /api/webhooks {url, trigger, permission: personal|organization, ...} -> 201 {id, url,
 *   trigger, permission} (400 {"message"} for a missing url/trigger or another permission);
 *   DELETE /api/webhooks/:id -> 204, 404 when unknown. `deliver(trigger, data)` POSTs
 *   `{trigger, data}` to every webhook registered for that trigger, as Sessions does.
 * - 404 {"message":"Not found"}
 * - fixed-window rate limit (default 10 requests / 60 s): `x-ratelimit-limit`, `-remaining` and
 *   `-reset` (seconds left in the window) on every response; 429 {"message":"Too many requests"}
 *   beyond the limit (rejected requests do not use up the quota).
 */
import { randomUUID } from 'node:crypto';

import { route, startFakeServer, type FakeRequest, type FakeServer, type Route } from './server';

export const SESSIONS_COLLECTIONS = [
	'rooms',
	'sessions',
	'events',
	'bookings',
	'booking-pages',
] as const;
export type SessionsCollection = (typeof SESSIONS_COLLECTIONS)[number];
export type SessionsItem = { id: string; [key: string]: unknown };

export interface SessionsFakeOptions {
	/** The key `x-api-key` must carry (default 'test-key'). */
	apiKey?: string;
	/** Items to seed: one count for every collection, or per collection (default 0). */
	seed?: number | Partial<Record<SessionsCollection, number>>;
	/** Fixed-window rate limit (default 10 per 60 000 ms); `false` disables 429s (headers stay). */
	rateLimit?: { limit: number; windowMs: number } | false;
	/** Page size of list endpoints (default 20, as the real API). */
	pageSize?: number;
	/** More routes (e.g. `/api/rooms/:id/clone`), matched before the generic ones. */
	extraRoutes?: (fake: { data: Record<SessionsCollection, SessionsItem[]> }) => Route[];
}

export interface SessionsWebhook {
	id: string;
	url: string;
	trigger: string;
	permission: string;
	[key: string]: unknown;
}

export interface Delivery {
	webhook: SessionsWebhook;
	status: number;
	body: unknown;
}

export interface SessionsFake extends FakeServer {
	apiKey: string;
	data: Record<SessionsCollection, SessionsItem[]>;
	/** The webhooks registered now. */
	webhooks: SessionsWebhook[];
	/** POSTs `{trigger, data}` to every webhook registered for `trigger`; their answers. */
	deliver(trigger: string, data: Record<string, unknown>): Promise<Delivery[]>;
	/** Page numbers requested from GET /api/<collection>, in order (missing `page` = 1). */
	pagesRequested(collection: SessionsCollection): number[];
}

const SINGULAR: Record<SessionsCollection, string> = {
	rooms: 'Room',
	sessions: 'Session',
	events: 'Event',
	bookings: 'Booking',
	'booking-pages': 'Booking Page',
};

/** Deterministic UUID-shaped id: collection index in the first group, item number in the last. */
function seededId(collection: SessionsCollection, n: number): string {
	const c = SESSIONS_COLLECTIONS.indexOf(collection) + 1;
	return `${String(c).padStart(8, '0')}-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

export function seedItems(collection: SessionsCollection, count: number): SessionsItem[] {
	return Array.from({ length: count }, (_, i) => ({
		id: seededId(collection, i + 1),
		name: `${SINGULAR[collection]} ${i + 1}`,
		createdAt: new Date(Date.UTC(2026, 0, 1, 9, i)).toISOString(),
	}));
}

const isCollection = (name: string): name is SessionsCollection =>
	(SESSIONS_COLLECTIONS as readonly string[]).includes(name);

export async function startSessionsFake(options: SessionsFakeOptions = {}): Promise<SessionsFake> {
	const apiKey = options.apiKey ?? 'test-key';
	const pageSize = options.pageSize ?? 20;
	const limit = options.rateLimit === false ? Infinity : (options.rateLimit?.limit ?? 10);
	const windowMs = options.rateLimit === false ? 60_000 : (options.rateLimit?.windowMs ?? 60_000);
	const countFor = (c: SessionsCollection) =>
		typeof options.seed === 'number' ? options.seed : (options.seed?.[c] ?? 0);
	const data = Object.fromEntries(
		SESSIONS_COLLECTIONS.map((c) => [c, seedItems(c, countFor(c))]),
	) as Record<SessionsCollection, SessionsItem[]>;

	// Fixed window: opens with the first request after the previous one closed.
	let windowStart = 0;
	let used = 0;
	const rollWindow = (now: number) => {
		if (now >= windowStart + windowMs) {
			windowStart = now;
			used = 0;
		}
	};

	const notFound = { status: 404, body: { message: 'Not found' } };
	const find = (req: FakeRequest) => {
		const collection = req.params.collection;
		if (!isCollection(collection)) return undefined;
		const items = data[collection];
		const index = items.findIndex((item) => item.id === req.params.id);
		return index < 0 ? undefined : { items, index };
	};
	const bodyObject = (req: FakeRequest) =>
		req.body && typeof req.body === 'object' && !Array.isArray(req.body)
			? (req.body as Record<string, unknown>)
			: {};

	const webhooks: SessionsWebhook[] = [];
	let webhookCount = 0;
	const routes: Route[] = [
		...(options.extraRoutes?.({ data }) ?? []),
		route('POST', '/api/webhooks', (req) => {
			const body = bodyObject(req);
			if (typeof body.url !== 'string' || !/^https?:\/\//.test(body.url))
				return { status: 400, body: { message: 'url must be an http(s) URL' } };
			if (typeof body.trigger !== 'string' || !body.trigger)
				return { status: 400, body: { message: 'trigger is required' } };
			if (!['personal', 'organization'].includes(String(body.permission)))
				return { status: 400, body: { message: 'permission must be personal or organization' } };
			const webhook: SessionsWebhook = {
				...body,
				id: `wh-${++webhookCount}`,
				url: body.url,
				trigger: body.trigger,
				permission: String(body.permission),
			};
			webhooks.push(webhook);
			return { status: 201, body: webhook };
		}),
		route('DELETE', '/api/webhooks/:id', (req) => {
			const index = webhooks.findIndex((w) => w.id === req.params.id);
			if (index < 0) return notFound;
			webhooks.splice(index, 1);
			return { status: 204 };
		}),
		route('GET', '/api/:collection', (req) => {
			if (!isCollection(req.params.collection)) return notFound;
			const page = req.query.page === undefined ? 1 : Number(req.query.page);
			if (!Number.isInteger(page) || page < 1)
				return { status: 400, body: { message: 'Invalid page' } };
			return {
				status: 200,
				body: data[req.params.collection].slice((page - 1) * pageSize, page * pageSize),
			};
		}),
		route('POST', '/api/:collection', (req) => {
			if (!isCollection(req.params.collection)) return notFound;
			const item = { ...bodyObject(req), id: randomUUID(), createdAt: new Date().toISOString() };
			data[req.params.collection].push(item);
			return { status: 201, body: item };
		}),
		route('GET', '/api/:collection/:id', (req) => {
			const hit = find(req);
			return hit ? { status: 200, body: hit.items[hit.index] } : notFound;
		}),
		route('PUT', '/api/:collection/:id', (req) => {
			const hit = find(req);
			if (!hit) return notFound;
			hit.items[hit.index] = {
				...hit.items[hit.index],
				...bodyObject(req),
				id: hit.items[hit.index].id,
			};
			return { status: 200, body: hit.items[hit.index] };
		}),
		route('DELETE', '/api/:collection/:id', (req) => {
			const hit = find(req);
			if (!hit) return notFound;
			hit.items.splice(hit.index, 1);
			return { status: 204 };
		}),
	];

	const server = await startFakeServer({
		routes,
		notFound,
		before: (req) => {
			rollWindow(Date.now());
			if (req.headers['x-api-key'] !== apiKey)
				return { status: 401, body: { message: 'Invalid API key' } };
			if (used >= limit) return { status: 429, body: { message: 'Too many requests' } };
			used++;
			return undefined;
		},
		headers: () => ({
			'x-ratelimit-limit': String(Number.isFinite(limit) ? limit : 1_000_000),
			'x-ratelimit-remaining': String(
				Number.isFinite(limit) ? Math.max(0, limit - used) : 1_000_000,
			),
			'x-ratelimit-reset': String(
				Math.max(0, Math.ceil((windowStart + windowMs - Date.now()) / 1000)),
			),
		}),
	});

	const deliver = async (trigger: string, payload: Record<string, unknown>) => {
		const deliveries: Delivery[] = [];
		for (const webhook of webhooks.filter((w) => w.trigger === trigger)) {
			const res = await fetch(webhook.url, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ trigger, data: payload }),
				signal: AbortSignal.timeout(60_000),
			});
			const text = await res.text();
			let body: unknown = text;
			try {
				body = JSON.parse(text);
			} catch {
				/* not JSON */
			}
			deliveries.push({ webhook, status: res.status, body });
		}
		return deliveries;
	};

	return {
		...server,
		apiKey,
		data,
		webhooks,
		deliver,
		pagesRequested: (collection) =>
			server.requests
				.filter((r) => r.method === 'GET' && r.path === `/api/${collection}`)
				.map((r) => (r.query.page === undefined ? 1 : Number(r.query.page))),
	};
}
