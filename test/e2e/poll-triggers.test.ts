/**
 * The polling triggers in a real n8n across restarts, against fake vendor APIs: Sesame HR Poll
 * Trigger (leavers, absence requests), HaloPSA Scheduling Trigger (appointments, holidays) and
 * Sessions Poll Trigger (new sessions). n8n polls once whenever it activates a workflow, so every
 * start is a poll (the workflows poll hourly otherwise): the first start remembers where each vendor
 * is (no run); changes made before a restart are emitted by that start, once; a start without
 * changes emits nothing — proven by a later change whose start adds exactly one run holding only
 * that change.
 */
import { nodeType } from './harness';
import { startWebhookN8n, triggerWorkflow, type WebhookN8n, type Workflow } from './webhooks';
import { startHaloFake, type HaloFake } from '../fakes/halopsa';
import { sesameId, startSesameFake, type SesameFake } from '../fakes/sesame';
import { seedItems, startSessionsFake, type SessionsFake } from '../fakes/sessions';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const HOURLY = { item: [{ mode: 'everyHour' }] };

const SESAME_TOKEN = 'sesame-poll-e2e-token';
const SESSIONS_KEY = 'sessions-poll-e2e-key';
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
const haloTime = (minutes: number) => minutesAgo(minutes).slice(0, 19);
const daysAhead = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

const W = {
	leaver: 'pollSesameLeave1',
	absence: 'pollSesameAbsnc1',
	appointment: 'pollHaloAppoint1',
	holiday: 'pollHaloHoliday1',
	session: 'pollSessionsNew1',
};
const NODE = {
	sesame: 'Sesame HR Poll Trigger',
	halo: 'HaloPSA Scheduling Trigger',
	sessions: 'Sessions Poll Trigger',
};

let sesame: SesameFake;
let halo: HaloFake;
let sessions: SessionsFake;
let n8n: WebhookN8n;

const employee = (n: number) => sesameId(4, n);

function pollWorkflow(
	id: string,
	name: string,
	type: string,
	parameters: Record<string, unknown>,
	credentials: Record<string, { id: string; name: string }>,
): Workflow {
	const workflow = triggerWorkflow({
		id,
		trigger: {
			name,
			type: nodeType(type),
			parameters: { pollTimes: HOURLY, ...parameters },
			webhookId: `${id}-unused`,
			credentials,
		},
	});
	// a polling trigger has no webhook
	delete (workflow.nodes[0] as Record<string, unknown>).webhookId;
	return workflow;
}

/** Counts of the requests each fake answered, to tell that a start has polled. */
function pollRequests() {
	return {
		sesameActive: sesame.requests.filter(
			(r) => r.path === '/core/v3/employees' && r.query.status === 'active',
		).length,
		sesameAbsences: sesame.requests.filter(
			(r) => r.path === '/schedule/v1/absence-day-off-requests',
		).length,
		haloAppointments: halo.requests.filter((r) => r.path === '/api/Appointment').length,
		haloHolidays: halo.requests.filter((r) => r.path === '/api/Holiday').length,
		sessions: sessions.requests.filter((r) => r.path === '/api/sessions').length,
	};
}

/** Waits until every trigger polled (each list asked for again) since `before`. */
async function polledSince(before: ReturnType<typeof pollRequests>, timeoutMs = 120_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const now = pollRequests();
		if ((Object.keys(now) as Array<keyof typeof now>).every((k) => now[k] > before[k])) break;
		if (Date.now() > deadline)
			throw new Error(`not every trigger polled: ${JSON.stringify({ before, now })}`);
		await sleep(250);
	}
	// the runs a poll starts are created right after it answers
	await sleep(3000);
}

/** A restart of n8n, which polls every trigger once. */
async function restart() {
	const before = pollRequests();
	await n8n.restart();
	await polledSince(before);
}

const counts = async () =>
	Object.fromEntries(
		await Promise.all(
			Object.entries(W).map(async ([key, id]) => [
				key,
				(await n8n.waitForExecutions(id, 0)).length,
			]),
		),
	) as Record<keyof typeof W, number>;

async function outputsOf(workflowId: string, node: string) {
	const runs = await n8n.waitForExecutions(workflowId, 1);
	const outputs = await Promise.all(runs.map(async (run) => await n8n.nodeOutput(run.id, node)));
	return outputs.reverse(); // oldest run first
}

beforeAll(async () => {
	sesame = await startSesameFake({
		token: SESAME_TOKEN,
		employees: 3,
		absenceRequests: [
			{
				id: 'req-old',
				status: 'pending',
				employee: { id: employee(2) },
				createdAt: minutesAgo(600),
				updatedAt: minutesAgo(600),
			},
		],
	});
	halo = await startHaloFake({
		clientId: 'poll-client',
		clientSecret: 'poll-secret',
		appointments: [
			{
				id: 501,
				subject: 'Existing',
				start_date: daysAhead(2),
				end_date: daysAhead(2),
				last_modified: haloTime(300),
			},
		],
		holidays: [
			{ id: 'hol-1', name: 'Leave', agent_id: 4, date: daysAhead(20), approval_status: 0 },
		],
	});
	sessions = await startSessionsFake({ apiKey: SESSIONS_KEY, seed: { sessions: 3 } });

	const credentials = [
		{
			id: 'pollSesameCred01',
			name: 'Sesame (poll e2e)',
			type: 'sesameHrApi',
			data: { apiToken: SESAME_TOKEN, region: 'custom', baseUrl: `${sesame.url}/` },
		},
		{
			id: 'pollHaloCred0001',
			name: 'HaloPSA (poll e2e)',
			type: 'haloPsaSchedulingApi',
			data: {
				hosting: 'hosted',
				appUrl: halo.url,
				tenant: 'acme',
				clientId: 'poll-client',
				clientSecret: 'poll-secret',
				scope: 'all',
			},
		},
		{
			id: 'pollSessionsCred',
			name: 'Sessions (poll e2e)',
			type: 'sessionsApi',
			data: { apiKey: SESSIONS_KEY, baseUrl: sessions.url },
		},
	];
	const ref = (i: number) => ({ id: credentials[i].id, name: credentials[i].name });
	const workflows = [
		pollWorkflow(
			W.leaver,
			NODE.sesame,
			'sesameHrPollTrigger',
			{ event: 'leaver' },
			{
				sesameHrApi: ref(0),
			},
		),
		pollWorkflow(
			W.absence,
			NODE.sesame,
			'sesameHrPollTrigger',
			{ event: 'absenceRequest' },
			{
				sesameHrApi: ref(0),
			},
		),
		pollWorkflow(
			W.appointment,
			NODE.halo,
			'haloPsaSchedulingTrigger',
			{ event: 'appointment' },
			{
				haloPsaSchedulingApi: ref(1),
			},
		),
		pollWorkflow(
			W.holiday,
			NODE.halo,
			'haloPsaSchedulingTrigger',
			{ event: 'holiday' },
			{
				haloPsaSchedulingApi: ref(1),
			},
		),
		pollWorkflow(
			W.session,
			NODE.sessions,
			'sessionsPollTrigger',
			{ event: 'newSession' },
			{
				sessionsApi: ref(2),
			},
		),
	];
	const before = pollRequests();
	n8n = await startWebhookN8n('poll-triggers', { workflows, credentials });
	await polledSince(before);
});

afterAll(async () => {
	await n8n?.stop();
	await Promise.all([sesame?.stop(), halo?.stop(), sessions?.stop()]);
});

it('the first start remembers where every vendor is and starts no run', async () => {
	expect(await counts()).toEqual({ leaver: 0, absence: 0, appointment: 0, holiday: 0, session: 0 });
});

it('changes between two starts are emitted once by the next start, and not again', async () => {
	// between two starts (n8n polls hourly otherwise): Sesame deactivates one employee and deletes
	// another, a request comes in; Halo gets a new appointment, an updated one and an approved
	// holiday; Sessions a new session
	const stopped = {
		deactivate: employee(2),
		remove: employee(3),
	};
	const target = sesame.data.employees.find((e) => e.id === stopped.deactivate)!;
	target.status = 'inactive';
	sesame.data.employees.splice(
		sesame.data.employees.findIndex((e) => e.id === stopped.remove),
		1,
	);
	const request = {
		id: 'req-new',
		status: 'pending',
		employee: { id: employee(4) },
		createdAt: minutesAgo(0),
		updatedAt: minutesAgo(0),
	};
	sesame.data.absenceRequests.push(request);
	const created = {
		id: 502,
		subject: 'New visit',
		start_date: daysAhead(3),
		end_date: daysAhead(3),
		last_modified: haloTime(0),
	};
	halo.data.appointments.push(created);
	Object.assign(halo.data.appointments[0], { subject: 'Moved', last_modified: haloTime(0) });
	Object.assign(halo.data.holidays[0], { approval_status: 1 });
	const newSession = { ...seedItems('sessions', 4)[3], createdAt: minutesAgo(0) };
	sessions.data.sessions.push(newSession);
	await restart();

	expect(await counts()).toEqual({ leaver: 1, absence: 1, appointment: 1, holiday: 1, session: 1 });
	expect(await outputsOf(W.leaver, NODE.sesame)).toEqual([
		[
			{ event: 'employeeDeactivated', employeeId: stopped.deactivate, employee: target },
			{ event: 'employeeDeleted', employeeId: stopped.remove, employee: null },
		],
	]);
	expect(await outputsOf(W.absence, NODE.sesame)).toEqual([
		[
			{
				event: 'absenceRequestCreated',
				requestId: 'req-new',
				employeeId: employee(4),
				status: 'pending',
				changedAt: request.updatedAt,
				request,
			},
		],
	]);
	const appointments = (await outputsOf(W.appointment, NODE.halo))[0];
	expect(appointments.map((item) => `${item.event}:${item.appointmentId}`).sort()).toEqual([
		'appointmentCreated:502',
		'appointmentUpdated:501',
	]);
	expect(await outputsOf(W.holiday, NODE.halo)).toEqual([
		[{ event: 'holidayChanged', holidayId: 'hol-1', holiday: halo.data.holidays[0] }],
	]);
	expect(await outputsOf(W.session, NODE.sessions)).toEqual([
		[{ event: 'sessionCreated', sessionId: newSession.id, session: newSession }],
	]);

	// a start without changes emits nothing; the next change then adds exactly one run each
	await restart();
	sesame.data.employees.find((e) => e.id === employee(4))!.status = 'inactive';
	const decided = { ...request, status: 'accepted', updatedAt: minutesAgo(0) };
	sesame.data.absenceRequests.splice(sesame.data.absenceRequests.indexOf(request), 1, decided);
	const third = {
		id: 503,
		subject: 'Third',
		start_date: daysAhead(4),
		end_date: daysAhead(4),
		last_modified: haloTime(0),
	};
	halo.data.appointments.push(third);
	const added = {
		id: 'hol-2',
		name: 'Bank holiday',
		agent_id: 4,
		date: daysAhead(30),
		approval_status: 1,
	};
	halo.data.holidays.push(added);
	const fifth = { ...seedItems('sessions', 5)[4], createdAt: minutesAgo(0) };
	sessions.data.sessions.push(fifth);
	await restart();

	expect(await counts()).toEqual({ leaver: 2, absence: 2, appointment: 2, holiday: 2, session: 2 });
	expect((await outputsOf(W.leaver, NODE.sesame))[1].map((item) => item.employeeId)).toEqual([
		employee(4),
	]);
	expect((await outputsOf(W.absence, NODE.sesame))[1].map((item) => item.event)).toEqual([
		'absenceRequestAccepted',
	]);
	expect(
		(await outputsOf(W.appointment, NODE.halo))[1].map(
			(item) => `${item.event}:${item.appointmentId}`,
		),
	).toEqual(['appointmentCreated:503']);
	expect((await outputsOf(W.holiday, NODE.halo))[1]).toEqual([
		{ event: 'holidayCreated', holidayId: 'hol-2', holiday: added },
	]);
	expect((await outputsOf(W.session, NODE.sessions))[1].map((item) => item.sessionId)).toEqual([
		fifth.id,
	]);
});
