/**
 * The HaloPSA Scheduling node inside a real n8n (installed from the packed tarball), run with
 * `n8n execute` against a fake hosted Halo on 127.0.0.1 (authorisation server + API): both example
 * workflows (examples/halopsa-*.json), and the client-credentials token as n8n's production
 * CredentialsHelper handles it: stored with the credential and reused by later executions (each one
 * a separate n8n process), renewed once after the API refuses it, and a clear error for a wrong secret.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { DateTime } from 'luxon';

import {
	startHaloFake,
	type HaloFake,
	type HaloFakeOptions,
	type HaloRecord,
} from '../fakes/halopsa';
import type { LoggedRequest } from '../fakes/server';
import { ROOT, manualWorkflow, nodeType, outputJson, startE2eN8n, type E2eN8n } from './harness';

let n8n: E2eN8n;
const fakes: HaloFake[] = [];

beforeAll(async () => {
	// The CLI is enough to execute workflows; no server is needed here.
	n8n = await startE2eN8n('halopsa', { server: false });
});

afterAll(async () => {
	await Promise.all(fakes.map((fake) => fake.stop()));
	await n8n?.stop();
});

async function fake(options: HaloFakeOptions = {}): Promise<HaloFake> {
	const started = await startHaloFake({
		tenant: 'acme',
		clientId: 'e2e-client',
		clientSecret: 'e2e-secret',
		...options,
	});
	fakes.push(started);
	return started;
}

interface WorkflowNode {
	name: string;
	type: string;
	parameters: Record<string, any>;
	credentials?: Record<string, { id: string; name: string }>;
	[key: string]: unknown;
}

let credentialCount = 0;
/** A hosted-Halo credential whose Halo URL is the fake (API at <url>/api, tokens from <url>/auth). */
function credentialFor(server: HaloFake, clientSecret = 'e2e-secret') {
	credentialCount++;
	return {
		id: `haloE2eCred${String(credentialCount).padStart(5, '0')}`,
		name: `HaloPSA e2e ${credentialCount}`,
		type: 'haloPsaSchedulingApi',
		data: {
			hosting: 'hosted',
			appUrl: `${server.url}/`,
			tenant: 'acme',
			clientId: 'e2e-client',
			clientSecret,
			scope: 'all',
		},
	};
}
const ref = (credential: { id: string; name: string }) => ({
	id: credential.id,
	name: credential.name,
});

/** An example workflow whose HaloPSA nodes use `credential` instead of the example's placeholder. */
function example(
	file: string,
	credential: { id: string; name: string },
): { nodes: WorkflowNode[]; [key: string]: unknown } {
	const workflow = JSON.parse(readFileSync(join(ROOT, 'examples', file), 'utf8')) as {
		nodes: WorkflowNode[];
	};
	const haloNodes = workflow.nodes.filter((node) => node.type === nodeType('haloPsaScheduling'));
	expect(haloNodes.length).toBeGreaterThan(0);
	for (const node of haloNodes) node.credentials = { haloPsaSchedulingApi: ref(credential) };
	return workflow;
}

const TOKEN_FORM = {
	grant_type: 'client_credentials',
	client_id: 'e2e-client',
	client_secret: 'e2e-secret',
	scope: 'all',
};

/** A token request as method, path, query, content type and parsed form. */
const tokenRequest = (r: LoggedRequest) => ({
	method: r.method,
	path: r.path,
	query: r.query,
	contentType: String(r.headers['content-type']).split(';')[0],
	form: Object.fromEntries(new URLSearchParams(String(r.body))),
	status: r.status,
});
const apiRequest = (r: LoggedRequest) => ({
	method: r.method,
	path: r.path,
	query: r.query,
	body: r.body,
	authorization: r.headers.authorization,
	status: r.status,
});
/** The whole log, one line per request: "METHOD /path Bearer token -> status". */
const lines = (server: HaloFake) =>
	server.requests.map((r) =>
		[
			r.method,
			r.path,
			...(r.path.startsWith('/api/') ? [String(r.headers.authorization)] : []),
			'->',
			r.status,
		].join(' '),
	);

test('example "book onsite visits from a list": one token, then all three visits in one POST', async () => {
	const halo = await fake();
	const credential = credentialFor(halo);
	// No adaptation besides the credential: the example's list is a Code node ("Visits").
	const run = await n8n.importAndExecute(
		example('halopsa-appointments-from-sheet.json', credential),
		[credential],
	);

	expect(run.data.resultData.error).toBeUndefined();
	expect(run.status).toBe('success');
	expect(halo.tokenRequests().map(tokenRequest)).toEqual([
		{
			method: 'POST',
			path: '/auth/token',
			query: { tenant: 'acme' },
			contentType: 'application/x-www-form-urlencoded',
			form: TOKEN_FORM,
			status: 200,
		},
	]);
	const visit = (subject: string, start: string, end: string, agent: number, client: number) => ({
		subject,
		start_date: start,
		end_date: end,
		agent_id: agent,
		client_id: client,
		inform_agents: true,
	});
	const visits = [
		visit('Router swap – Acme', '2026-12-07T09:00:00+00:00', '2026-12-07T10:30:00+00:00', 4, 12),
		visit(
			'Printer audit – Globex',
			'2026-12-07T13:00:00+00:00',
			'2026-12-07T14:00:00+00:00',
			4,
			18,
		),
		visit(
			'Firewall review – Initech',
			'2026-12-08T09:00:00+00:00',
			'2026-12-08T11:00:00+00:00',
			7,
			25,
		),
	];
	expect(halo.apiRequests().map(apiRequest)).toEqual([
		{
			method: 'POST',
			path: '/api/Appointment',
			query: {},
			body: visits,
			authorization: 'Bearer halo-tok-1',
			status: 200,
		},
	]);
	expect(halo.apiRequests()[0].headers['content-type']).toMatch(/^application\/json/);
	// Halo's array answer is split back onto the items, each paired with its input visit
	expect(outputJson(run, 'Create Appointments')).toEqual(
		visits.map((v, i) => ({ ...v, id: 1001 + i })),
	);
	const items = run.data.resultData.runData['Create Appointments'][0].data.main[0];
	expect(items.map((item: { pairedItem: unknown }) => item.pairedItem)).toEqual([
		{ item: 0 },
		{ item: 1 },
		{ item: 2 },
	]);
});

test('example "next week\'s approved holidays": lists them, then each agent\'s open appointments from that day on', async () => {
	// Seeded around today (UTC): a holiday every day for four weeks (approved every other day), and
	// every agent's appointments every other day, some completed. n8n computes "next week" in its own
	// time zone; the expectations are derived from the range it actually sent.
	const today = DateTime.utc().startOf('day');
	const agents = [4, 7, 9];
	const holidays: HaloRecord[] = Array.from({ length: 29 }, (_, i) => ({
		id: `0000000${i % 10}-1b2c-4d5e-8f90-${String(i).padStart(12, '0')}`,
		name: `Leave ${i}`,
		date: today.plus({ days: i - 7, hours: 12 }).toISO(),
		agent_id: agents[i % 3],
		approval_status: i % 2 === 0 ? 1 : 0,
	}));
	const appointments: HaloRecord[] = Array.from({ length: 60 }, (_, i) => ({
		id: 500 + i,
		subject: `Visit ${i}`,
		agent_id: agents[i % 3],
		start_date: today.plus({ days: Math.floor(i / 2) - 7, hours: 9 + (i % 2) * 5 }).toISO(),
		complete_status: i % 4 === 1 ? 1 : 0,
	}));
	const halo = await fake({ holidays, appointments });
	const credential = credentialFor(halo);
	// No adaptation besides the credential: the example starts with a Manual Trigger.
	const run = await n8n.importAndExecute(example('halopsa-weekly-holidays.json', credential), [
		credential,
	]);

	expect(run.data.resultData.error).toBeUndefined();
	expect(run.status).toBe('success');
	expect(halo.tokenRequests().map(tokenRequest)).toEqual([
		{
			method: 'POST',
			path: '/auth/token',
			query: { tenant: 'acme' },
			contentType: 'application/x-www-form-urlencoded',
			form: TOKEN_FORM,
			status: 200,
		},
	]);
	const [holidayRequest, ...appointmentRequests] = halo.apiRequests().map(apiRequest);

	// "next week": Monday 00:00 to Sunday 23:59:59 in n8n's time zone (Halo takes seconds), after now
	const { start_date: start, end_date: end } = holidayRequest.query;
	const from = DateTime.fromISO(start, { setZone: true });
	const to = DateTime.fromISO(end, { setZone: true });
	expect([from.weekday, from.hour, from.minute, from.second, from.millisecond]).toEqual([
		1, 0, 0, 0, 0,
	]);
	expect([to.weekday, to.hour, to.minute, to.second, to.millisecond]).toEqual([7, 23, 59, 59, 0]);
	expect(from.toMillis()).toBeGreaterThan(Date.now() - 60_000);
	expect(to.diff(from, 'days').days).toBeGreaterThan(6.9);
	expect(to.diff(from, 'days').days).toBeLessThan(7.1);
	expect(holidayRequest).toEqual({
		method: 'GET',
		path: '/api/Holiday',
		query: {
			pageinate: 'true',
			page_size: '100',
			page_no: '1',
			approved_only: 'true',
			start_date: start,
			end_date: end,
		},
		body: undefined,
		authorization: 'Bearer halo-tok-1',
		status: 200,
	});

	const approved = holidays.filter(
		(h) =>
			h.approval_status === 1 &&
			Date.parse(String(h.date)) >= from.toMillis() &&
			Date.parse(String(h.date)) <= to.toMillis(),
	);
	expect(approved.length).toBeGreaterThanOrEqual(3);
	expect(outputJson(run, 'Approved Holidays')).toEqual(approved);

	// one appointment listing per holiday (sent concurrently: compared in holiday order)
	const expectedRequests = approved.map((h) => ({
		method: 'GET',
		path: '/api/Appointment',
		query: {
			pageinate: 'true',
			page_size: '50',
			page_no: '1',
			agents: String(h.agent_id),
			// the holiday's instant as Halo takes it: to the second, with its offset
			start_date: String(h.date).replace(/\.\d{3}Z$/, '+00:00'),
			hidecompleted: 'true',
		},
		body: undefined,
		authorization: 'Bearer halo-tok-1',
		status: 200,
	}));
	const byStart = (a: { query: Record<string, string> }, b: { query: Record<string, string> }) =>
		a.query.start_date.localeCompare(b.query.start_date);
	expect([...appointmentRequests].sort(byStart)).toEqual([...expectedRequests].sort(byStart));
	const clashing = approved.flatMap((h) =>
		appointments.filter(
			(a) =>
				a.agent_id === h.agent_id &&
				a.complete_status !== 1 &&
				Date.parse(String(a.start_date)) >= Date.parse(String(h.date)),
		),
	);
	expect(clashing.length).toBeGreaterThan(0);
	expect(outputJson(run, 'Clashing Appointments')).toEqual(clashing);
});

describe('the token in real n8n', () => {
	const getAppointment = (credential: { id: string; name: string }) =>
		manualWorkflow({
			name: 'HaloPSA',
			type: nodeType('haloPsaScheduling'),
			typeVersion: 1,
			parameters: {
				resource: 'appointment',
				operation: 'get',
				appointmentId: { __rl: true, mode: 'id', value: '77' },
			},
			credentials: { haloPsaSchedulingApi: ref(credential) },
		});

	test('is fetched once and reused by the next execution; a refused token is renewed exactly once', async () => {
		const halo = await fake({ appointments: [{ id: 77, subject: 'Onsite visit' }] });
		const credential = credentialFor(halo);

		const first = await n8n.importAndExecute(getAppointment(credential), [credential]);
		expect(first.data.resultData.error).toBeUndefined();
		expect(outputJson(first, 'HaloPSA')).toEqual([{ id: 77, subject: 'Onsite visit' }]);

		// a new n8n process: the token comes with the credential from the database
		const second = await n8n.importAndExecute(getAppointment(credential));
		expect(second.data.resultData.error).toBeUndefined();
		expect(outputJson(second, 'HaloPSA')).toEqual([{ id: 77, subject: 'Onsite visit' }]);
		expect(lines(halo)).toEqual([
			'POST /auth/token -> 200',
			'GET /api/Appointment/77 Bearer halo-tok-1 -> 200',
			'GET /api/Appointment/77 Bearer halo-tok-1 -> 200',
		]);

		// Halo stops accepting the stored token: n8n asks for a new one once and repeats the request
		halo.revokeTokens();
		halo.clearLog();
		const third = await n8n.importAndExecute(getAppointment(credential));
		expect(third.data.resultData.error).toBeUndefined();
		expect(third.status).toBe('success');
		expect(outputJson(third, 'HaloPSA')).toEqual([{ id: 77, subject: 'Onsite visit' }]);
		expect(lines(halo)).toEqual([
			'GET /api/Appointment/77 Bearer halo-tok-1 -> 401',
			'POST /auth/token -> 200',
			'GET /api/Appointment/77 Bearer halo-tok-2 -> 200',
		]);
		expect(halo.tokenRequests().map(tokenRequest)[0].form).toEqual(TOKEN_FORM);

		// ... and stores the renewed token: the next execution uses it without asking again
		halo.clearLog();
		const fourth = await n8n.importAndExecute(getAppointment(credential));
		expect(outputJson(fourth, 'HaloPSA')).toEqual([{ id: 77, subject: 'Onsite visit' }]);
		expect(lines(halo)).toEqual(['GET /api/Appointment/77 Bearer halo-tok-2 -> 200']);
		expect(halo.issued).toEqual(['halo-tok-1', 'halo-tok-2']);
	});

	test('a wrong client secret fails the run with a message saying what to fix, and calls no API', async () => {
		const halo = await fake();
		const credential = credentialFor(halo, 'not-the-secret');
		const run = await n8n.importAndExecute(getAppointment(credential), [credential]);

		expect(run.status).toBe('error');
		const error = run.data.resultData.runData.HaloPSA[0].error;
		expect(error.message).toContain(
			'HaloPSA rejected the client ID or client secret (invalid_client)',
		);
		expect(JSON.stringify(run)).not.toContain('not-the-secret');
		expect(halo.apiRequests()).toEqual([]);
		expect(halo.tokenRequests().map(tokenRequest)).toEqual([
			expect.objectContaining({
				form: { ...TOKEN_FORM, client_secret: 'not-the-secret' },
				status: 401,
			}),
		]);
		expect(halo.issued).toEqual([]);
	});
});
