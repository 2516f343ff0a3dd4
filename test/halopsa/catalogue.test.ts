/**
 * Catalogue coverage: every one of the HaloPSA scheduling endpoints
 * (specs/halopsa-endpoints.json) is produced by exactly one resource/operation. Each
 * operation is EXECUTED through n8n's routing engine with sample parameters, starting from an empty
 * token: the token exchange and the API request are both asserted (method, path, query, body, bearer
 * header). Update operations are Halo's "POST the record with its id" on the create endpoint: they
 * are checked as variants of their create operation, like the timesheet approval steps (the record's
 * id and the step's flag). Uncovered endpoints are named.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import nock from 'nock';

import { runNode } from '../harness';
import {
	captureRequests,
	listOperations,
	matchEndpoint,
	sampleParameters,
	type OperationRef,
} from '../support/operations';
import { HALO_ENDPOINTS } from '../../nodes/HaloPsaScheduling/generated/catalogue';
import { HALO_RESOURCES } from '../../nodes/HaloPsaScheduling/resources';
import { APPROVAL_STEPS } from '../../nodes/HaloPsaScheduling/resources/timesheet';
import { credentialType, node, TYPE } from './helpers';
import { clearTokenCaches } from '../../nodes/common/tokenCache';
import { CredentialStore } from '../harness';

interface Endpoint {
	method: string;
	path: string;
	title: string;
	parameters?: Array<{ name: string; in: string }>;
}

const SPECS = join(__dirname, '../../specs');
const catalogue = JSON.parse(readFileSync(join(SPECS, 'halopsa-endpoints.json'), 'utf8')) as {
	endpoints: Endpoint[];
};

// self-hosted with both URL overrides: proves they are honoured (no tenant on the token URL)
const API_ORIGIN = 'https://api.halo.test';
const AUTH_ORIGIN = 'https://auth.halo.test';
const credentials = {
	hosting: 'selfHosted',
	appUrl: 'https://unused.halo.test',
	resourceUrl: `${API_ORIGIN}/v2/api/`,
	authUrl: `${AUTH_ORIGIN}/identity`,
	clientId: 'c-9',
	clientSecret: 's-9',
	scope: 'all',
};
const FORM = {
	grant_type: 'client_credentials',
	client_id: 'c-9',
	client_secret: 's-9',
	scope: 'all',
};

/** The approval steps of a timesheet (operation → the flag its record carries besides the id). */
const VARIANTS = new Map(APPROVAL_STEPS.map(([value, , , flag]) => [`timesheet.${value}`, flag]));

/** Sample values the generic sampler cannot guess. */
const OVERRIDES: Record<string, Record<string, unknown>> = {
	'appointment.generate': { appointmentIds: '11, 12' },
	'scheduleOccurrence.generate': { scheduleIds: '21,22' },
	// required dropdowns (loadOptions) have no static first option
	'appointment.createBooking': { resourcebookingtype: 3 },
	'timesheet.create': { agentId: 5 },
};

const isList = (ref: OperationRef) =>
	node.description.properties.some(
		(p) =>
			p.name === 'returnAll' &&
			(p.displayOptions?.show?.resource?.includes(ref.resource) ?? true) &&
			p.displayOptions?.show?.operation?.includes(ref.operation),
	);

afterEach(() => {
	const pending = nock.pendingMocks();
	nock.cleanAll();
	expect(pending).toEqual([]);
});

describe('HaloPSA catalogue', () => {
	it('the generated catalogue module has every endpoint of specs/ (up to date: test/repo/generate.test.ts)', () => {
		expect(HALO_ENDPOINTS.map((e) => `${e.method} ${e.path}`)).toEqual(
			catalogue.endpoints.map((e) => `${e.method} ${e.path}`),
		);
	});

	it('every documented query parameter is a field of its operation (paging ones via Return All / Limit)', () => {
		const missing: string[] = [];
		// the query parameters the operations send (their fields placed in the query string)
		const names = new Set(
			HALO_RESOURCES.flatMap((r) => r.operations)
				.flatMap((op) => op.fields)
				.filter((f) => f.in === 'query')
				.map((f) => f.key ?? f.name),
		);
		for (const e of catalogue.endpoints) {
			for (const p of e.parameters ?? []) {
				if (p.in !== 'query' || ['pageinate', 'page_no', 'page_size'].includes(p.name)) continue;
				if (!names.has(p.name)) missing.push(`${e.method} ${e.path} ?${p.name}`);
			}
		}
		expect(missing).toEqual([]);
	});

	it('produces each endpoint of the catalogue from exactly one operation, with the token exchange first', async () => {
		const producedBy = new Map<Endpoint, string[]>();
		const variants = new Map<string, Endpoint>();
		const unmatched: string[] = [];
		const refs = listOperations(node.description);
		let n = 0;
		for (const ref of refs) {
			const key = `${ref.resource}.${ref.operation}`;
			const token = `tok-${++n}`;
			clearTokenCaches(); // every operation starts from a process that has no token yet
			const exchange = nock(AUTH_ORIGIN, {
				reqheaders: { 'content-type': /x-www-form-urlencoded/ },
			})
				.post('/identity/token', FORM)
				.reply(200, { access_token: token, expires_in: 3600 });
			const capture = captureRequests(API_ORIGIN);
			const store = new CredentialStore({ [TYPE]: credentials });
			const { error, outputs } = await runNode({
				node,
				parameters: sampleParameters(node.description, ref, (OVERRIDES[key] ?? {}) as never),
				credentials: store,
				credentialTypes: [credentialType],
			});
			capture.done();
			expect({ key, error }).toEqual({ key, error: undefined });
			expect({ key, exchanged: exchange.isDone(), stored: store.get(TYPE).accessToken }).toEqual({
				key,
				exchanged: true,
				stored: token,
			});
			expect({ key, count: capture.requests.length }).toEqual({ key, count: 1 });
			expect(outputs[0].every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(
				true,
			);

			const request = capture.requests[0];
			expect({ key, authorization: request.headers.authorization }).toEqual({
				key,
				authorization: `Bearer ${token}`,
			});
			expect(request.path.startsWith('/v2/api/')).toBe(true);
			const path = request.path.slice('/v2/api'.length);
			const matches = matchEndpoint(catalogue.endpoints, request.method, path);
			if (matches.length !== 1) {
				unmatched.push(`${key} -> ${request.method} ${path}`);
				continue;
			}
			const [endpoint] = matches;

			// the exact request of this operation
			if (endpoint.path.includes('{id}'))
				expect({ key, path }).toEqual({
					key,
					path: endpoint.path.replace('{id}', `id-${ref.resource}Id`),
				});
			const generated = HALO_ENDPOINTS.find(
				(e) => e.method === endpoint.method && e.path === endpoint.path,
			)!;
			if (request.method === 'GET' && isList(ref)) {
				expect({ key, query: request.query }).toEqual({
					key,
					query: { pageinate: 'true', page_size: '1', page_no: '1' },
				});
			} else {
				expect({ key, query: request.query }).toEqual({ key, query: {} });
			}
			if (generated.body === 'records') {
				const body = request.body as Array<Record<string, unknown>>;
				expect({ key, isArray: Array.isArray(body), length: body.length }).toEqual({
					key,
					isArray: true,
					length: 1,
				});
				if (VARIANTS.has(key) || ref.operation === 'update')
					expect({ key, id: body[0].id }).toEqual({ key, id: `id-${ref.resource}Id` });
				else expect({ key, id: body[0].id }).toEqual({ key, id: undefined });
				const flag = VARIANTS.get(key);
				if (flag) expect({ key, flag: body[0][flag] }).toEqual({ key, flag: true });
			} else if (generated.body === 'ids') {
				expect({ key, body: request.body }).toEqual({
					key,
					body: key === 'appointment.generate' ? [11, 12] : [21, 22],
				});
			} else if (generated.body === 'record') {
				expect({
					key,
					isObject: typeof request.body === 'object' && !Array.isArray(request.body),
				}).toEqual({ key, isObject: true });
			} else {
				expect({ key, body: request.body }).toEqual({ key, body: '' });
			}

			if (ref.operation === 'update' || VARIANTS.has(key)) {
				variants.set(key, endpoint);
				continue;
			}
			producedBy.set(endpoint, [...(producedBy.get(endpoint) ?? []), key]);
		}

		// an update (and an approval step) is the create endpoint with the record's id
		for (const [key, endpoint] of variants) {
			const create = `${key.split('.')[0]}.create`;
			expect({ key, sameAs: producedBy.get(endpoint) }).toEqual({ key, sameAs: [create] });
		}
		const problems = catalogue.endpoints
			.filter((e) => (producedBy.get(e) ?? []).length !== 1)
			.map(
				(e) =>
					`${e.method} ${e.path} (${e.title}): produced by [${(producedBy.get(e) ?? []).join(', ')}]`,
			);
		expect(unmatched).toEqual([]);
		expect(problems).toEqual([]);
		expect(producedBy.size).toBe(catalogue.endpoints.length);
		expect(variants.size).toBe(7 + APPROVAL_STEPS.length);
	});
});
