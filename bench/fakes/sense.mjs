// Fake Sense API + token server (documented limits: batch upserts of at most 500 entities and at
// most 256 KB after gzip; OAuth2 client-credentials tokens that expire after `expires_in` seconds and
// must be reused until then). Counts tokens issued, entities received and distinct ids.
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';

import { route, startFake } from './http.mjs';

export const SENSE_MAX_ENTITIES = 500;
export const SENSE_MAX_GZIP_BYTES = 256 * 1024;

export async function startSenseFake({
	clientId = 'bench-client',
	clientSecret = 'bench-secret',
	tokenLifetimeS = 300,
	checkGzip = true,
} = {}) {
	const tokens = new Map(); // token -> expiresAt (ms)
	const state = {
		tokensIssued: [],
		entities: 0,
		ids: new Set(),
		rejected: { tooMany: 0, tooLarge: 0, expired: 0, unknown: 0 },
	};

	const issue = (request) => {
		const form = new URLSearchParams(request.raw.toString('utf8'));
		let id = form.get('client_id');
		let secret = form.get('client_secret');
		const basic = /^Basic (.+)$/i.exec(String(request.headers.authorization ?? ''));
		if (basic)
			[id, secret] = Buffer.from(basic[1], 'base64')
				.toString('utf8')
				.split(':')
				.map(decodeURIComponent);
		if (form.get('grant_type') !== 'client_credentials')
			return { status: 400, body: { error: 'unsupported_grant_type' } };
		if (id !== clientId || secret !== clientSecret)
			return { status: 401, body: { error: 'invalid_client' } };
		const token = `sense-${state.tokensIssued.length + 1}-${randomBytes(6).toString('hex')}`;
		tokens.set(token, Date.now() + tokenLifetimeS * 1000);
		state.tokensIssued.push(Date.now());
		return {
			status: 200,
			body: { access_token: token, expires_in: tokenLifetimeS, token_type: 'Bearer' },
		};
	};

	const authorised = (request) => {
		const match = /^Bearer (.+)$/.exec(String(request.headers.authorization ?? ''));
		const expiresAt = match ? tokens.get(match[1]) : undefined;
		if (expiresAt === undefined) {
			state.rejected.unknown++;
			return { status: 401, body: { errors: [{ message: 'invalid token' }] } };
		}
		if (Date.now() >= expiresAt) {
			state.rejected.expired++;
			return { status: 401, body: { errors: [{ message: 'token expired' }] } };
		}
		return undefined;
	};

	let requestNo = 0;
	const fake = await startFake({
		name: 'sense',
		before: (request) => (request.path.startsWith('/v1/') ? authorised(request) : undefined),
		routes: [
			route('POST', '/oauth2/token', issue),
			route('POST', '/v1/:entity', (request) => {
				const body = request.body;
				if (!Array.isArray(body))
					return {
						status: 400,
						body: { errors: [{ message: 'body must be an array of entities' }] },
					};
				if (body.length > SENSE_MAX_ENTITIES) {
					state.rejected.tooMany++;
					return {
						status: 400,
						body: { errors: [{ message: `at most ${SENSE_MAX_ENTITIES} entities per request` }] },
					};
				}
				if (checkGzip && gzipSync(request.raw).length > SENSE_MAX_GZIP_BYTES) {
					state.rejected.tooLarge++;
					return {
						status: 413,
						body: { errors: [{ message: 'payload exceeds 256 KB after compression' }] },
					};
				}
				for (const entity of body) {
					state.entities++;
					if (entity && entity.id !== undefined) state.ids.add(String(entity.id));
				}
				return { status: 200, body: { request_id: `req-${++requestNo}`, message: 'received' } };
			}),
			route('GET', '/v1/:entity/:id', (request) => ({
				status: 200,
				body: { data: { id: request.params.id, entity: request.params.entity } },
			})),
		],
	});
	return {
		...fake,
		state,
		get stats() {
			return fake.stats;
		},
		resetState() {
			fake.reset();
			state.tokensIssued = [];
			state.entities = 0;
			state.ids = new Set();
			state.rejected = { tooMany: 0, tooLarge: 0, expired: 0, unknown: 0 };
		},
		credentials: {
			clientId,
			clientSecret,
			tokenUrl: `${fake.url}/oauth2/token`,
			baseUrl: `${fake.url}/v1`,
		},
	};
}

const FIRST = ['Ana', 'Linus', 'Grace', 'Ada', 'Tim', 'Mia', 'Omar', 'Zoe', 'Ivan', 'Lea'];
const LAST = [
	'Garcia',
	'Torvalds',
	'Hopper',
	'Lovelace',
	'Berners',
	'Khan',
	'Haddad',
	'Smith',
	'Petrov',
	'Meyer',
];
const CITIES = ['Austin', 'Berlin', 'Madrid', 'Toronto', 'Lyon', 'Porto', 'Leeds', 'Denver'];

/** N realistic candidates (documented Candidate fields), deterministic. */
export function candidates(n, offset = 0) {
	const list = new Array(n);
	for (let k = 0; k < n; k++) {
		const i = k + offset;
		const first = FIRST[i % FIRST.length];
		const last = LAST[(i * 7) % LAST.length];
		list[k] = {
			id: `ats-${i + 1}`,
			first_name: first,
			last_name: last,
			email: `${first}.${last}.${i + 1}@example.com`.toLowerCase(),
			mobile_phone: `+1-555-${String(1000000 + ((i * 7919) % 9000000)).slice(0, 3)}-${String(i % 10000).padStart(4, '0')}`,
			city: CITIES[i % CITIES.length],
			country: 'US',
			status: i % 5 === 0 ? 'Placed' : 'Active',
			title: i % 3 === 0 ? 'Senior Engineer' : 'Nurse Practitioner',
			date_added: new Date(Date.UTC(2025, i % 12, (i % 28) + 1, 9, 30)).toISOString(),
			skills: ['communication', i % 2 ? 'python' : 'triage', `skill-${i % 50}`],
			active: i % 9 !== 0,
		};
	}
	return list;
}
