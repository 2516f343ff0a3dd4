/**
 * One fake of all four vendors on 127.0.0.1 that misbehaves on command, for the chaos suite.
 * Each vendor lives under its own prefix (/sessions, /sesame, /halo, /sense) with a list, a get and
 * a create (Sense: an upsert), and Halo and Sense with their token endpoints. `misbehave(key, mode,
 * times)` makes one route (`'POST /halo/api/Appointment'`) answer in a broken way for its next
 * `times` requests (default: all of them):
 *
 * - hangBeforeHeaders: never answers; hangAfterHeaders: sends the status line, headers and half a
 *   body, then nothing
 * - html, empty, truncated: a 200 with a login page, with nothing, or with JSON cut in half;
 *   wrongShape: a 200 with JSON of another shape (a list without its list, an upsert without
 *   request_id)
 * - 502, 504, reset: a create stores its record and then answers 502/504 or drops the connection
 *   (the vendor did the work, the answer got lost)
 * - 429, 503: refused before any work, with Retry-After: 0 (the vendor says: not carried out)
 * - redirect307, redirect308: a redirect to `elsewhere` (another host:port), which logs what reaches
 *   it; redirectSameHost: a 307 to the same URL on the same host
 * - endlessPages (Sesame and Halo announce one page more on each), repeatedPage, cycle (pages A,
 *   B, A, B …), bigPages (10 MB pages, a thousand announced): lists
 *
 * `stored` holds what each create stored (Sense: every upserted record, by id); `tokens` every
 * token issued, by client; `requests` every request with the authorization it carried.
 */
import type { IDataObject } from 'n8n-workflow';

import { clearTokenCaches } from '../../nodes/common/tokenCache';

import {
	route,
	startFakeServer,
	type FakeResponse,
	type FakeServer,
	type Route,
} from '../fakes/server';
import type { FakeRequest } from '../../scripts/lib/fake-server.cjs';

export type Mode =
	| 'hangBeforeHeaders'
	| 'hangAfterHeaders'
	| 'html'
	| 'empty'
	| 'truncated'
	| 'wrongShape'
	| '502'
	| '504'
	| 'reset'
	| 'redirect307'
	| 'redirect308'
	| 'redirectSameHost'
	| '429'
	| '503'
	| 'endlessPages'
	| 'repeatedPage'
	| 'cycle'
	| 'bigPages';

const LOGIN_PAGE =
	'<!DOCTYPE html><html><head><title>Sign in</title></head><body><form action="/login">…</form></body></html>';

/** Characters of one page of `bigPages`. */
const BIG_PAGE = 10_000_000;

export interface ChaosFake {
	url: string;
	/** The other host redirects point at, and what reached it. */
	elsewhere: FakeServer;
	requests: FakeServer['requests'];
	/** What the creates stored, per collection ('sessions', 'sesame', 'halo', 'sense'). */
	stored: Record<string, IDataObject[]>;
	/** Tokens issued: `${clientId}:${n}`. */
	tokens: Array<{ vendor: string; clientId: string; token: string }>;
	misbehave(key: string, mode: Mode, times?: number): void;
	/** Every route behaves again, and the logs and stores are emptied. */
	reset(): void;
	stop(): Promise<void>;
}

export async function startChaosFake(): Promise<ChaosFake> {
	const modes = new Map<string, { mode: Mode; left: number }>();
	const stored: Record<string, IDataObject[]> = { sessions: [], sesame: [], halo: [], sense: [] };
	const tokens: ChaosFake['tokens'] = [];
	const elsewhere = await startFakeServer({ routes: [] });

	/** The mode of a route for this request (counting it down). */
	const modeOf = (key: string): Mode | undefined => {
		const entry = modes.get(key);
		if (!entry || entry.left <= 0) return undefined;
		entry.left--;
		return entry.mode;
	};

	/** A route whose answers the generic modes break (lists read their mode through `page`). */
	const chaos = (
		method: string,
		pattern: string,
		handler: (request: FakeRequest, mode: Mode | undefined) => FakeResponse,
	): Route =>
		route(method, pattern, (request) => {
			const mode = modeOf(`${method} ${pattern}`);
			if (mode === 'redirect307' || mode === 'redirect308') {
				return {
					status: mode === 'redirect307' ? 307 : 308,
					headers: { location: `${elsewhere.url}${request.path}` },
				};
			}
			if (mode === 'redirectSameHost') {
				const query = new URLSearchParams(request.query).toString();
				return { status: 307, headers: { location: `${request.path}${query ? `?${query}` : ''}` } };
			}
			if (mode === '429' || mode === '503')
				return {
					status: Number(mode),
					body: { message: 'try again' },
					headers: { 'retry-after': '0' },
				};
			const answer = handler(request, mode);
			const text = answer.text ?? JSON.stringify(answer.body ?? {});
			const json = { 'content-type': 'application/json' };
			switch (mode) {
				case 'hangBeforeHeaders':
					return { status: 200, raw: () => undefined };
				case 'hangAfterHeaders':
					return {
						status: 200,
						raw: (res) => {
							res.writeHead(200, { ...json, 'content-length': String(text.length) });
							res.write(text.slice(0, Math.floor(text.length / 2)));
						},
					};
				case 'html':
					return { status: 200, text: LOGIN_PAGE, headers: { 'content-type': 'text/html' } };
				case 'empty':
					return { status: 200, text: '', headers: json };
				case 'truncated':
					return { status: 200, text: text.slice(0, Math.floor(text.length / 2)), headers: json };
				case '502':
				case '504':
					return {
						status: Number(mode),
						text: 'upstream',
						headers: { 'content-type': 'text/plain' },
					};
				case 'reset':
					return { status: 200, raw: (res) => res.socket?.destroy() };
				default:
					return answer;
			}
		});

	let created = 0;
	const issue = (vendor: string, clientId: string) => {
		const token = `${clientId}:${tokens.filter((t) => t.clientId === clientId).length + 1}`;
		tokens.push({ vendor, clientId, token });
		return { access_token: token, token_type: 'Bearer', expires_in: 3600 };
	};
	const bearer = (request: FakeRequest) => String(request.headers.authorization ?? '').slice(7);
	const knownToken = (request: FakeRequest) => tokens.some((t) => t.token === bearer(request));

	/** The records of page `page` of a list (distinct on every page), each with `blob` characters. */
	const records = (page: number, size: number, blob = 0) => {
		const payload = blob ? { blob: 'x'.repeat(blob) } : {};
		return Array.from({ length: size }, (_, i) => ({ id: `p${page}-${i}`, ...payload }));
	};
	/** Page `page` of a list misbehaving as `mode`, `size` records a page. */
	const pageOf = (mode: Mode | undefined, page: number, size: number) => {
		if (mode === 'repeatedPage') return records(1, size);
		if (mode === 'cycle') return records(page % 2 === 1 ? 1 : 2, size);
		if (mode === 'bigPages') return records(page, size, BIG_PAGE / size);
		return records(page, size);
	};
	const listMode = (mode: Mode | undefined) =>
		mode === 'endlessPages' || mode === 'repeatedPage' || mode === 'cycle' || mode === 'bigPages';

	const fake = await startFakeServer({
		routes: [
			// Sessions: bare arrays of 20, no total
			chaos('GET', '/sessions/api/rooms', (request, mode) => {
				const page = Number(request.query.page ?? 1);
				if (listMode(mode)) return { status: 200, body: pageOf(mode, page, 20) };
				if (mode === 'wrongShape') return { status: 200, body: { rooms: records(1, 3) } };
				return { status: 200, body: page === 1 ? records(1, 3) : [] };
			}),
			chaos('GET', '/sessions/api/rooms/:id', (request) => ({
				status: 200,
				body: { id: request.params.id, name: 'Lobby' },
			})),
			chaos('POST', '/sessions/api/rooms', (request) => {
				const room = { id: `room-${++created}`, ...(request.body as IDataObject) };
				stored.sessions.push(room);
				return { status: 201, body: room };
			}),
			// Sesame HR: {data, meta: {currentPage, lastPage, total, perPage}}
			chaos('GET', '/sesame/core/v3/departments', (request, mode) => {
				const page = Number(request.query.page ?? 1);
				const size = Number(request.query.limit ?? 1000);
				if (listMode(mode)) {
					const data = pageOf(mode, page, size);
					// endless: every page says there is one more; big: a thousand pages
					const lastPage = mode === 'endlessPages' ? page + 1 : mode === 'bigPages' ? 1000 : 9;
					return {
						status: 200,
						body: {
							data,
							meta: { currentPage: page, lastPage, total: lastPage * size, perPage: size },
						},
					};
				}
				if (mode === 'wrongShape') return { status: 200, body: { meta: { currentPage: 1 } } };
				return {
					status: 200,
					body: {
						data: records(1, 3),
						meta: { currentPage: 1, lastPage: 1, total: 3, perPage: size },
					},
				};
			}),
			chaos('GET', '/sesame/core/v3/employees/:id', (request) => ({
				status: 200,
				body: { data: { id: request.params.id, firstName: 'Ada' } },
			})),
			chaos('POST', '/sesame/core/v3/departments', (request) => {
				const department = { id: `dep-${++created}`, ...(request.body as IDataObject) };
				stored.sesame.push(department);
				return { status: 201, body: { data: department } };
			}),
			// HaloPSA: token per tenant, {record_count, appointments: [...]}, arrays of records
			chaos('POST', '/halo/auth/token', (request) => {
				const form = new URLSearchParams(String(request.body));
				if (form.get('client_secret') !== `secret-of-${form.get('client_id')}`)
					return { status: 401, body: { error: 'invalid_client' } };
				return { status: 200, body: issue('halo', String(form.get('client_id'))) };
			}),
			chaos('GET', '/halo/api/Appointment', (request, mode) => {
				if (!knownToken(request)) return { status: 401, body: { message: 'bad token' } };
				const page = Number(request.query.page_no ?? 1);
				const size = Number(request.query.page_size ?? 100);
				if (listMode(mode)) {
					const appointments = pageOf(mode, page, size);
					// endless: every page counts one page more; big: a thousand pages
					const pages = mode === 'endlessPages' ? page + 1 : mode === 'bigPages' ? 1000 : 9;
					const count = pages * size;
					return { status: 200, body: { record_count: count, appointments } };
				}
				if (mode === 'wrongShape') return { status: 200, body: { message: 'no list here' } };
				return { status: 200, body: { record_count: 3, appointments: records(1, 3) } };
			}),
			chaos('GET', '/halo/api/Appointment/:id', (request) => {
				if (!knownToken(request)) return { status: 401, body: { message: 'bad token' } };
				return { status: 200, body: { id: Number(request.params.id), subject: 'Visit' } };
			}),
			chaos('POST', '/halo/api/Appointment', (request) => {
				if (!knownToken(request)) return { status: 401, body: { message: 'bad token' } };
				const saved = (request.body as IDataObject[]).map((record) => {
					if (record.id !== undefined) return record;
					const appointment = { ...record, id: ++created };
					stored.halo.push(appointment);
					return appointment;
				});
				return { status: 200, body: saved.length === 1 ? saved[0] : saved };
			}),
			// Sense: upserts by id, answered with a request_id
			chaos('POST', '/sense/oauth2/token', (request) => {
				const form = new URLSearchParams(String(request.body));
				if (form.get('client_secret') !== `secret-of-${form.get('client_id')}`)
					return { status: 401, body: { error: 'invalid_client' } };
				return { status: 200, body: issue('sense', String(form.get('client_id'))) };
			}),
			chaos('POST', '/sense/v1/candidates', (request, mode) => {
				if (!knownToken(request))
					return { status: 401, body: { errors: [{ message: 'bad token' }] } };
				stored.sense.push(...(request.body as IDataObject[]));
				if (mode === 'wrongShape') return { status: 200, body: { message: 'received' } };
				return { status: 200, body: { request_id: `req-${++created}`, message: 'received' } };
			}),
			// the requests of the credential tests
			route('GET', '/sessions/api/sessions', () => ({ status: 200, body: [] })),
			route('GET', '/sesame/core/v3/info', () => ({ status: 200, body: { data: {} } })),
			route('GET', '/halo/api/Agent/me', (request) =>
				knownToken(request) ? { status: 200, body: { id: 1 } } : { status: 401, body: {} },
			),
			route('GET', '/sense/v1/candidates/possible-values/status', (request) =>
				knownToken(request) ? { status: 200, body: [] } : { status: 401, body: {} },
			),
			chaos('GET', '/sense/v1/candidates/:id', (request) => {
				if (!knownToken(request))
					return { status: 401, body: { errors: [{ message: 'bad token' }] } };
				return { status: 200, body: { data: { id: request.params.id, first_name: 'Ada' } } };
			}),
		],
	});

	return {
		url: fake.url,
		elsewhere,
		requests: fake.requests,
		stored,
		tokens,
		misbehave: (key, mode, times = Number.POSITIVE_INFINITY) =>
			void modes.set(key, { mode, left: times }),
		reset: () => {
			modes.clear();
			fake.clearLog();
			elsewhere.clearLog();
			for (const list of Object.values(stored)) list.splice(0);
			tokens.splice(0);
		},
		stop: async () => {
			await fake.stop();
			await elsewhere.stop();
		},
	};
}

/**
 * The fake of a test file: started before its tests, stopped after them; every test starts with
 * well-behaved routes, empty logs and stores, and no token in the process. Use it only inside tests.
 */
export function useChaosFake(): ChaosFake {
	let instance: ChaosFake | undefined;
	beforeAll(async () => (instance = await startChaosFake()));
	afterAll(async () => await instance?.stop());
	beforeEach(() => {
		instance?.reset();
		clearTokenCaches();
	});
	return new Proxy({} as ChaosFake, {
		get: (_target, property) => instance?.[property as keyof ChaosFake],
	});
}
