/**
 * The Sesame HR node inside a real n8n (installed from the packed tarball), run with `n8n execute`
 * against the fake Sesame HR API on 127.0.0.1: both example workflows (examples/sesame-*.json) and a
 * Return All listing over three pages. The credential is imported with Region "Custom URL" pointing
 * at the fake.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { DateTime } from 'luxon';

import { sesameId, startSesameFake, type SesameFake } from '../fakes/sesame';
import { ROOT, manualWorkflow, nodeType, outputJson, startE2eN8n, type E2eN8n } from './harness';

const TOKEN = 'e2e-sesame-token';

let n8n: E2eN8n;
const fakes: SesameFake[] = [];

beforeAll(async () => {
	// The CLI is enough to execute workflows; no server is needed here.
	n8n = await startE2eN8n('sesame', { server: false });
});

afterAll(async () => {
	await Promise.all(fakes.map((fake) => fake.stop()));
	await n8n?.stop();
});

async function fake(options: Parameters<typeof startSesameFake>[0] = {}): Promise<SesameFake> {
	const started = await startSesameFake({ token: TOKEN, ...options });
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
interface Workflow {
	nodes: WorkflowNode[];
	connections: Record<string, any>;
	[key: string]: unknown;
}

let credentialCount = 0;
/** A Sesame HR credential with Region "Custom URL" = the fake (trailing slash on purpose). */
function credentialFor(server: SesameFake, apiToken = TOKEN) {
	credentialCount++;
	return {
		id: `sesameE2eCred${String(credentialCount).padStart(3, '0')}`,
		name: `Sesame e2e ${credentialCount}`,
		type: 'sesameHrApi',
		data: { apiToken, region: 'custom', baseUrl: `${server.url}/` },
	};
}

/** An example workflow whose Sesame HR nodes use `credential` instead of the example's placeholder. */
function example(file: string, credential: { id: string; name: string }): Workflow {
	const workflow = JSON.parse(readFileSync(join(ROOT, 'examples', file), 'utf8')) as Workflow;
	const sesameNodes = workflow.nodes.filter((node) => node.type === nodeType('sesameHr'));
	expect(sesameNodes.length).toBeGreaterThan(1);
	for (const node of sesameNodes)
		node.credentials = { sesameHrApi: { id: credential.id, name: credential.name } };
	return workflow;
}

/** The fake's log as method, path, query, body and Authorization header. */
const seen = (server: SesameFake) =>
	server.requests.map((r) => ({
		method: r.method,
		path: r.path,
		query: r.query,
		body: r.body,
		authorization: r.headers.authorization,
		status: r.status,
	}));

test('example "onboard a new hire": creates the employee, then assigns department, office and vacation manager', async () => {
	const api = await fake();
	const credential = credentialFor(api);
	const workflow = example('sesame-onboarding.json', credential);
	// Test-time adaptation: the "New Hire" Set node holds "PASTE-..." placeholders for the ids a user
	// copies from Sesame; they are replaced with the ids of the fake's company, department, office
	// and manager. Nothing else of the example changes.
	const newHire = workflow.nodes.find((node) => node.name === 'New Hire');
	const ids: Record<string, string> = {
		companyId: api.company.id,
		departmentId: api.department.id,
		officeId: api.office.id,
		managerId: api.manager.id,
	};
	for (const assignment of newHire?.parameters.assignments.assignments ?? []) {
		if (assignment.name in ids) {
			expect(assignment.value).toMatch(/^PASTE-/);
			assignment.value = ids[assignment.name];
		}
	}

	const run = await n8n.importAndExecute(workflow, [credential]);

	expect(run.data.resultData.error).toBeUndefined();
	expect(run.status).toBe('success');
	const employeeId = sesameId(4, 2); // the manager is employee 1
	const auth = `Bearer ${TOKEN}`;
	expect(seen(api)).toEqual([
		{
			method: 'POST',
			path: '/core/v3/employees',
			query: {},
			body: {
				companyId: api.company.id,
				firstName: 'Ana',
				lastName: 'García',
				invitation: true,
				status: 'active',
				email: 'ana.garcia@example.com',
			},
			authorization: auth,
			status: 201,
		},
		{
			method: 'POST',
			path: '/core/v3/employee-department-assignations',
			query: {},
			body: { employeeId, departmentId: api.department.id },
			authorization: auth,
			status: 201,
		},
		{
			method: 'POST',
			path: '/core/v3/employee-office-assignations',
			query: {},
			body: { employeeId, officeId: api.office.id },
			authorization: auth,
			status: 201,
		},
		{
			method: 'POST',
			path: '/core/v3/employee-managers',
			query: {},
			body: { employeeId, managerId: api.manager.id, permission: 'vacation', order: 0 },
			authorization: auth,
			status: 201,
		},
	]);
	// every step outputs the record inside Sesame's {data: ...} envelope
	expect(outputJson(run, 'Create Employee')).toEqual([
		{
			id: employeeId,
			companyId: api.company.id,
			firstName: 'Ana',
			lastName: 'García',
			invitation: true,
			status: 'active',
			email: 'ana.garcia@example.com',
		},
	]);
	expect(outputJson(run, 'Assign Department')).toEqual([
		{ id: sesameId(5, 1), employeeId, departmentId: api.department.id },
	]);
	expect(outputJson(run, 'Assign Office')).toEqual([
		{ id: sesameId(5, 2), employeeId, officeId: api.office.id },
	]);
	expect(outputJson(run, 'Assign Vacation Manager')).toEqual([
		{ id: sesameId(5, 3), employeeId, managerId: api.manager.id, permission: 'vacation', order: 0 },
	]);
	expect(api.data.employees.map((e) => e.firstName)).toEqual(['Marta', 'Ana']);
});

test('example "daily absence digest": lists today\'s absences and vacations and builds the digest', async () => {
	// n8n's $today is in the instance's time zone: seed yesterday, today and tomorrow (UTC) so the
	// day n8n asks for has its own records, and one day far away that must not show up.
	const now = DateTime.utc();
	const days = [-1, 0, 1].map((offset) => now.plus({ days: offset }).toISODate() as string);
	const person = (firstName: string, lastName: string, n: number) => ({
		id: sesameId(4, 100 + n),
		firstName,
		lastName,
	});
	const api = await fake({
		absenceDaysOff: [
			...days.map((date, i) => ({
				date,
				employee: person('Lucía', `Absent${i}`, i),
				absenceType: { name: 'Sick leave' },
			})),
			{
				date: '2020-01-01',
				employee: person('Old', 'Absence', 9),
				absenceType: { name: 'Sick leave' },
			},
		],
		vacationDaysOff: [
			...days.flatMap((date, i) => [
				{
					date,
					employee: person('Pablo', `Away${i}`, 10 + i),
					calendar: { name: 'Vacations 2026' },
				},
				{ date, employeeName: `Named Only ${i}` },
			]),
			{
				date: '2020-01-01',
				employee: person('Old', 'Vacation', 19),
				calendar: { name: 'Vacations 2020' },
			},
		],
	});
	const credential = credentialFor(api);
	const workflow = example('sesame-absence-digest.json', credential);
	// Test-time adaptation: the Schedule Trigger ("Every Morning at 8") becomes a Manual Trigger of the
	// same name (a schedule does not fire under `n8n execute`), and the "Send Digest" e-mail node is
	// dropped (no SMTP here); the digest is asserted on "Build Digest" instead.
	const trigger = workflow.nodes.find((node) => node.name === 'Every Morning at 8') as WorkflowNode;
	expect(trigger.type).toBe('n8n-nodes-base.scheduleTrigger');
	Object.assign(trigger, { type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} });
	expect(workflow.nodes.find((node) => node.name === 'Send Digest')?.type).toBe(
		'n8n-nodes-base.emailSend',
	);
	workflow.nodes = workflow.nodes.filter((node) => node.name !== 'Send Digest');
	delete workflow.connections['Build Digest'];

	const run = await n8n.importAndExecute(workflow, [credential]);

	expect(run.data.resultData.error).toBeUndefined();
	expect(run.status).toBe('success');
	const log = seen(api);
	expect(log).toHaveLength(2);
	const day = String(log[0].query.from);
	expect(days).toContain(day);
	const auth = `Bearer ${TOKEN}`;
	const query = { from: day, to: day, page: '1', limit: '1000' };
	expect(log).toEqual([
		{
			method: 'GET',
			path: '/schedule/v1/absence-day-off',
			query,
			body: undefined,
			authorization: auth,
			status: 200,
		},
		{
			method: 'GET',
			path: '/schedule/v1/vacation-day-off',
			query,
			body: undefined,
			authorization: auth,
			status: 200,
		},
	]);

	const i = days.indexOf(day);
	expect(outputJson(run, 'Absences Today')).toEqual(
		api.data.absenceDaysOff.filter((r) => r.date === day),
	);
	expect(outputJson(run, 'Vacations Today')).toEqual(
		api.data.vacationDaysOff.filter((r) => r.date === day),
	);
	const heading = DateTime.fromISO(day).toFormat('cccc d LLLL');
	expect(outputJson(run, 'Build Digest')).toEqual([
		{
			subject: 'Who is away today: 3',
			text: `Away on ${heading} (3):\n- Lucía Absent${i}: Sick leave\n- Pablo Away${i}: Vacations 2026\n- Named Only ${i}: vacation`,
		},
	]);
});

/** Runs Employee > List with Return All in real n8n against `api`. */
async function listAllEmployees(api: SesameFake) {
	const credential = credentialFor(api);
	return await n8n.importAndExecute(
		manualWorkflow({
			name: 'Sesame HR',
			type: nodeType('sesameHr'),
			typeVersion: 1,
			parameters: { resource: 'employee', operation: 'getAll', returnAll: true },
			credentials: { sesameHrApi: { id: credential.id, name: credential.name } },
		}),
		[credential],
	);
}

const employeesPage = (page: string, limit: string, status = 200) => ({
	method: 'GET',
	path: '/core/v3/employees',
	query: { page, limit },
	body: undefined,
	authorization: `Bearer ${TOKEN}`,
	status,
});

test('Employee > List with Return All reads 2,500 employees in three pages of 1,000', async () => {
	const api = await fake({ employees: 2499 }); // + the seeded manager = 2,500
	const run = await listAllEmployees(api);

	expect(run.data.resultData.error).toBeUndefined();
	const employees = outputJson(run, 'Sesame HR');
	expect(employees).toHaveLength(2500);
	expect(employees.map((e) => e.id)).toEqual(api.data.employees.map((e) => e.id));
	expect(seen(api)).toEqual(['1', '2', '3'].map((page) => employeesPage(page, '1000')));
});

test('a server refusing 1,000 per page (422) is read again in pages of 100, nothing lost', async () => {
	const api = await fake({ employees: 249, maxLimit: 100 });
	const run = await listAllEmployees(api);

	expect(run.data.resultData.error).toBeUndefined();
	expect(outputJson(run, 'Sesame HR').map((e) => e.id)).toEqual(
		api.data.employees.map((e) => e.id),
	);
	expect(seen(api)).toEqual([
		employeesPage('1', '1000', 422),
		...['1', '2', '3'].map((page) => employeesPage(page, '100')),
	]);
});

test("a wrong API token fails the run with Sesame's 401 message", async () => {
	const api = await fake();
	const credential = credentialFor(api, 'not-the-token');
	const run = await n8n.importAndExecute(
		manualWorkflow({
			name: 'Sesame HR',
			type: nodeType('sesameHr'),
			typeVersion: 1,
			parameters: {
				resource: 'employee',
				operation: 'get',
				employeeId: { __rl: true, mode: 'id', value: api.manager.id },
			},
			credentials: { sesameHrApi: { id: credential.id, name: credential.name } },
		}),
		[credential],
	);

	expect(run.status).toBe('error');
	const error = run.data.resultData.runData['Sesame HR'][0].error;
	expect(`${error.message} ${error.description ?? ''}`).toContain('Unauthenticated.');
	// n8n-core's httpRequestWithAuthentication retries a 401 once after re-authenticating (for every
	// credential type); a static token is refused again and the node gives up: exactly two requests.
	const refused = {
		method: 'GET',
		path: `/core/v3/employees/${api.manager.id}`,
		query: {},
		body: undefined,
		authorization: 'Bearer not-the-token',
		status: 401,
	};
	expect(seen(api)).toEqual([refused, refused]);
});
