/**
 * Fake HaloPSA (hosted) on 127.0.0.1, for e2e tests (built on ./server): the authorisation server at
 * `<url>/auth` and the resource server at `<url>/api`, so the credential's Halo URL is the fake's URL.
 *
 * Authorisation server
 * - POST /auth/token?tenant=<tenant>, form grant_type=client_credentials, client_id, client_secret,
 *   scope -> {access_token: "halo-tok-<n>", expires_in, token_type: "Bearer", scope}
 * - 401 {"error": "invalid_client"} for a wrong client id/secret; 400 {"error": "unsupported_grant_type"};
 *   400 {"error": "invalid_request", "error_description": "Unknown tenant ..."} for another tenant;
 *   415 {"error": "invalid_request"} when the body is not form-encoded
 *
 * Resource server (every request needs `Authorization: Bearer <issued token>`; a token revoked with
 * `revokeTokens()` or never issued gets 401 {"message": "Authorization has been denied for this request."})
 * - GET /api/Appointment: filters agents (comma-separated agent ids), start_date (start at or after),
 *   end_date (start at or before), hidecompleted (complete_status !== 1), client_id; ordered by
 *   `order` (a field; `orderdesc=true` descending) when given; with pageinate=true paged by
 *   page_size/page_no and answered {record_count, appointments: [...]}, else a bare array
 * - POST /api/Appointment with an array of records (400 {"message"} for anything else; subject,
 *   start_date and end_date required for new records): records without `id` are created (ids from
 *   1001), records with an id update it; answers the saved record, or an array when several were sent
 * - GET/DELETE /api/Appointment/:id
 * - GET /api/Holiday: filters approved_only (approval_status === 1), start_date/end_date (on `date`),
 *   agent_id; same paging/envelope ({record_count, holidays: [...]})
 * - GET /api/Agent/me (the credential test)
 * - 404 {"message": "Not found"} otherwise
 */
import {
	route,
	startFakeServer,
	type FakeRequest,
	type FakeResponse,
	type FakeServer,
	type LoggedRequest,
} from './server';

export type HaloRecord = { id: number | string; [key: string]: unknown };

export interface HaloFakeOptions {
	tenant?: string;
	clientId?: string;
	clientSecret?: string;
	/** Lifetime announced in token answers, in seconds (default 3600; the fake itself never expires tokens). */
	expiresIn?: number;
	appointments?: HaloRecord[];
	holidays?: HaloRecord[];
}

export interface HaloFake extends FakeServer {
	tenant: string;
	clientId: string;
	clientSecret: string;
	data: { appointments: HaloRecord[]; holidays: HaloRecord[] };
	/** Tokens issued so far, in order. */
	issued: string[];
	/** From now on every token issued so far is refused (401), as after a revocation or expiry. */
	revokeTokens(): void;
	/** The logged token requests. */
	tokenRequests(): LoggedRequest[];
	/** The logged resource-server requests. */
	apiRequests(): LoggedRequest[];
}

const DENIED: FakeResponse = {
	status: 401,
	body: { message: 'Authorization has been denied for this request.' },
};

const truthy = (value: string | undefined) => value !== undefined && value.toLowerCase() === 'true';

/** Halo's list answer: paged envelope when `pageinate=true`, else the bare array. */
function list(records: HaloRecord[], query: Record<string, string>, key: string): FakeResponse {
	if (!truthy(query.pageinate)) return { status: 200, body: records };
	const size = Number(query.page_size ?? 50);
	const page = Number(query.page_no ?? 1);
	if (!Number.isInteger(size) || size < 1 || !Number.isInteger(page) || page < 1) {
		return { status: 400, body: { message: 'page_size and page_no must be positive integers' } };
	}
	return {
		status: 200,
		body: { record_count: records.length, [key]: records.slice((page - 1) * size, page * size) },
	};
}

/** The records ordered by the field `order` names (descending with `orderdesc=true`), else as stored. */
function ordered(records: HaloRecord[], query: Record<string, string>): HaloRecord[] {
	const field = query.order;
	if (!field) return records;
	const sign = truthy(query.orderdesc) ? -1 : 1;
	const key = (record: HaloRecord) => {
		const value = record[field];
		return typeof value === 'number' ? value : String(value ?? '');
	};
	return [...records].sort((a, b) => (key(a) < key(b) ? -sign : key(a) > key(b) ? sign : 0));
}

/** `value` (an ISO date) is within [from, to] where given. */
function within(value: unknown, from: string | undefined, to: string | undefined): boolean {
	const at = Date.parse(String(value));
	if (Number.isNaN(at)) return false;
	return (
		(from === undefined || at >= Date.parse(from)) && (to === undefined || at <= Date.parse(to))
	);
}

export async function startHaloFake(options: HaloFakeOptions = {}): Promise<HaloFake> {
	const tenant = options.tenant ?? 'acme';
	const clientId = options.clientId ?? 'halo-client';
	const clientSecret = options.clientSecret ?? 'halo-secret';
	const data = {
		appointments: [...(options.appointments ?? [])],
		holidays: [...(options.holidays ?? [])],
	};
	const issued: string[] = [];
	const valid = new Set<string>();
	let nextAppointment = 1001;

	const token = (request: FakeRequest): FakeResponse => {
		if (request.query.tenant !== tenant) {
			return {
				status: 400,
				body: {
					error: 'invalid_request',
					error_description: `Unknown tenant "${request.query.tenant ?? ''}"`,
				},
			};
		}
		if (
			!/application\/x-www-form-urlencoded/.test(String(request.headers['content-type'])) ||
			typeof request.body !== 'string'
		) {
			return {
				status: 415,
				body: { error: 'invalid_request', error_description: 'Expected a form-encoded body' },
			};
		}
		const form = new URLSearchParams(request.body);
		if (form.get('grant_type') !== 'client_credentials')
			return { status: 400, body: { error: 'unsupported_grant_type' } };
		if (form.get('client_id') !== clientId || form.get('client_secret') !== clientSecret)
			return { status: 401, body: { error: 'invalid_client' } };
		const accessToken = `halo-tok-${issued.length + 1}`;
		issued.push(accessToken);
		valid.add(accessToken);
		return {
			status: 200,
			body: {
				access_token: accessToken,
				expires_in: options.expiresIn ?? 3600,
				token_type: 'Bearer',
				scope: form.get('scope') ?? 'all',
			},
		};
	};

	const saveAppointments = (request: FakeRequest): FakeResponse => {
		if (!Array.isArray(request.body) || request.body.length === 0) {
			return { status: 400, body: { message: 'Expected a JSON array of appointments' } };
		}
		const records = request.body as Array<Record<string, unknown>>;
		for (const [i, record] of records.entries()) {
			if (record === null || typeof record !== 'object')
				return { status: 400, body: { message: `Record ${i} is not an object` } };
			if (record.id === undefined) {
				const missing = ['subject', 'start_date', 'end_date'].filter((key) => !record[key]);
				if (missing.length > 0)
					return { status: 400, body: { message: `Record ${i}: ${missing.join(', ')} required` } };
			} else if (!data.appointments.some((a) => String(a.id) === String(record.id))) {
				return { status: 404, body: { message: `Appointment ${String(record.id)} not found` } };
			}
		}
		const saved = records.map((record) => {
			if (record.id === undefined) {
				const created: HaloRecord = { ...record, id: nextAppointment++ };
				data.appointments.push(created);
				return created;
			}
			const existing = data.appointments.find(
				(a) => String(a.id) === String(record.id),
			) as HaloRecord;
			Object.assign(existing, record, { id: existing.id });
			return existing;
		});
		return { status: 200, body: saved.length === 1 ? saved[0] : saved };
	};

	const findAppointment = (request: FakeRequest) =>
		data.appointments.findIndex((a) => String(a.id) === request.params.id);

	const server = await startFakeServer({
		before: (request) => {
			if (!request.path.startsWith('/api/')) return undefined;
			const match = /^Bearer (.+)$/.exec(String(request.headers.authorization ?? ''));
			return match && valid.has(match[1]) ? undefined : DENIED;
		},
		routes: [
			route('POST', '/auth/token', token),
			route('GET', '/api/Agent/me', () => ({
				status: 200,
				body: { id: 1, name: 'API application' },
			})),
			route('GET', '/api/Appointment', (request) => {
				const q = request.query;
				const agents = q.agents ? q.agents.split(',').map(Number) : undefined;
				const matching = data.appointments.filter(
					(a) =>
						(agents === undefined || agents.includes(Number(a.agent_id))) &&
						(q.start_date === undefined && q.end_date === undefined
							? true
							: within(a.start_date, q.start_date, q.end_date)) &&
						(!truthy(q.hidecompleted) || a.complete_status !== 1) &&
						(q.client_id === undefined || Number(a.client_id) === Number(q.client_id)),
				);
				return list(ordered(matching, q), q, 'appointments');
			}),
			route('POST', '/api/Appointment', saveAppointments),
			route('GET', '/api/Appointment/:id', (request) => {
				const index = findAppointment(request);
				return index < 0
					? { status: 404, body: { message: 'Not found' } }
					: { status: 200, body: data.appointments[index] };
			}),
			route('DELETE', '/api/Appointment/:id', (request) => {
				const index = findAppointment(request);
				if (index < 0) return { status: 404, body: { message: 'Not found' } };
				data.appointments.splice(index, 1);
				return { status: 200 };
			}),
			route('GET', '/api/Holiday', (request) => {
				const q = request.query;
				const matching = data.holidays.filter(
					(h) =>
						(!truthy(q.approved_only) || h.approval_status === 1) &&
						(q.start_date === undefined && q.end_date === undefined
							? true
							: within(h.date, q.start_date, q.end_date)) &&
						(q.agent_id === undefined || Number(h.agent_id) === Number(q.agent_id)),
				);
				return list(matching, q, 'holidays');
			}),
		],
	});

	return {
		...server,
		tenant,
		clientId,
		clientSecret,
		data,
		issued,
		revokeTokens: () => valid.clear(),
		tokenRequests: () => server.requests.filter((r) => r.path === '/auth/token'),
		apiRequests: () => server.requests.filter((r) => r.path.startsWith('/api/')),
	};
}
