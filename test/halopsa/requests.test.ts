/**
 * The exact requests of the HaloPSA Scheduling operations with typed fields: method, URL, query,
 * JSON body (Halo's array-of-records convention), bearer header, and the output items paired with
 * their inputs.
 */
import nock from 'nock';

import { api, byId, run } from './helpers';

afterEach(() => {
	const pending = nock.pendingMocks();
	nock.cleanAll();
	expect(pending).toEqual([]);
});

describe('HaloPSA Scheduling requests', () => {
	it('creates an appointment: typed fields, additional fields and raw JSON in an array of one record', async () => {
		const scope = api()
			.matchHeader('content-type', /application\/json/)
			.post('/Appointment', [
				{
					subject: 'Onsite visit',
					start_date: '2026-03-02T09:00:00+00:00',
					end_date: '2026-03-02T10:30:00+00:00',
					agent_id: 4,
					client_id: 12,
					site_id: 30,
					allday: false,
					note: 'Bring the new router',
					appointment_type_id: 2,
					reminderminutes: 15,
					ticket_id: 5501,
					is_private: true,
					online_meeting_url: 'https://meet.example.com/x',
				},
			])
			.reply(200, { id: 901, subject: 'Onsite visit' });
		const { outputs, error } = await run({
			resource: 'appointment',
			operation: 'create',
			subject: 'Onsite visit',
			startDate: '2026-03-02T09:00:00+00:00',
			endDate: '2026-03-02T10:30:00+00:00',
			additionalFields: {
				agentId: 4,
				clientId: 12,
				siteId: 30,
				allday: false,
				note: 'Bring the new router',
				appointmentTypeId: 2,
				reminderminutes: 15,
				ticketId: 5501,
			},
			jsonBody: '{"is_private": true, "online_meeting_url": "https://meet.example.com/x"}',
		});
		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(outputs).toEqual([
			[{ json: { id: 901, subject: 'Onsite visit' }, pairedItem: { item: 0 } }],
		]);
	});

	it('updates an appointment: the picked id is sent as a number inside the record', async () => {
		const scope = api()
			.post('/Appointment', [{ id: 42, subject: 'Moved', end_date: '2026-03-03T11:00:00+00:00' }])
			.reply(200, [{ id: 42, subject: 'Moved' }]);
		const { outputs } = await run({
			resource: 'appointment',
			operation: 'update',
			appointmentId: byId(' 42 '),
			updateFields: { subject: 'Moved', endDate: '2026-03-03T11:00:00+00:00' },
			jsonBody: '{}',
		});
		expect(scope.isDone()).toBe(true);
		expect(outputs[0].map((i) => i.json)).toEqual([{ id: 42, subject: 'Moved' }]);
	});

	it('updates a holiday: GUID ids stay strings', async () => {
		const guid = '3f2c9a7e-1b2c-4d5e-8f90-1234567890ab';
		const scope = api()
			.post('/Holiday', [{ id: guid, name: 'Bank holiday', allday: true }])
			.reply(200, { id: guid });
		await run({
			resource: 'holiday',
			operation: 'update',
			holidayId: byId(guid),
			updateFields: { name: 'Bank holiday', allday: true },
			jsonBody: '{}',
		});
		expect(scope.isDone()).toBe(true);
	});

	it('lists appointments with filters: dropdown multi-selects joined, dates and booleans in the query', async () => {
		const scope = api()
			.get('/Appointment')
			.query({
				pageinate: 'true',
				page_size: '50',
				page_no: '1',
				agents: '4,7',
				types: '2',
				start_date: '2026-03-01T00:00:00+00:00',
				end_date: '2026-03-08T00:00:00+00:00',
				hidecompleted: 'true',
				client_id: '12',
				search: 'router',
				utcoffset: '-60',
				showall: 'true',
			})
			.reply(200, [{ id: 1 }, { id: 2 }]);
		const { outputs } = await run({
			resource: 'appointment',
			operation: 'getAll',
			returnAll: false,
			limit: 50,
			filters: {
				agents: [4, 7],
				types: [2],
				startDate: '2026-03-01T00:00:00+00:00',
				endDate: '2026-03-08T00:00:00+00:00',
				hidecompleted: true,
				clientId: 12,
				search: 'router',
				utcoffset: -60,
			},
			queryJson: '{"showall": true}',
		});
		expect(scope.isDone()).toBe(true);
		expect(outputs[0].map((i) => i.json.id)).toEqual([1, 2]);
	});

	it('gets one appointment with details, deletes one without touching Exchange', async () => {
		const scope = api()
			.get('/Appointment/77')
			.query({ includedetails: 'true' })
			.reply(200, { id: 77 })
			.delete('/Appointment/78')
			.query({ ignoreexchangedelete: 'true' })
			.reply(200, '');
		const got = await run({
			resource: 'appointment',
			operation: 'get',
			appointmentId: byId('77'),
			options: { includedetails: true },
		});
		const deleted = await run({
			resource: 'appointment',
			operation: 'delete',
			appointmentId: byId('78'),
			options: { ignoreexchangedelete: true },
		});
		expect(scope.isDone()).toBe(true);
		expect(got.outputs[0][0].json).toEqual({ id: 77 });
		expect(deleted.outputs).toEqual([[{ json: { success: true }, pairedItem: { item: 0 } }]]);
	});

	it('gets a timesheet for an agent and date', async () => {
		const scope = api()
			.get('/Timesheet/9')
			.query({ agent_id: '4', date: '2026-03-02T00:00:00+00:00' })
			.reply(200, { id: 9, agent_id: 4 });
		const { outputs } = await run({
			resource: 'timesheet',
			operation: 'get',
			timesheetId: byId('9'),
			options: { agentId: 4, date: '2026-03-02T00:00:00+00:00' },
		});
		expect(scope.isDone()).toBe(true);
		expect(outputs[0][0].json).toEqual({ id: 9, agent_id: 4 });
	});

	it('creates a booking as a single record (not an array)', async () => {
		const scope = api()
			.post('/Appointment/Booking', {
				resourcebookingtype: 3,
				resource_booking_timeslot: '2026-03-04T14:00:00+00:00',
				booking_name: 'Ana',
				booking_email: 'ana@example.com',
			})
			.reply(200, { id: 555 });
		await run({
			resource: 'appointment',
			operation: 'createBooking',
			resourcebookingtype: 3,
			additionalFields: {
				resourceBookingTimeslot: '2026-03-04T14:00:00+00:00',
				bookingName: 'Ana',
				bookingEmail: 'ana@example.com',
			},
			jsonBody: '{}',
		});
		expect(scope.isDone()).toBe(true);
	});

	it('generates appointments and schedule occurrences from ID lists sent as bare arrays', async () => {
		const scope = api()
			.post('/Appointment/Generate', [3, 4, 5])
			.reply(200, [])
			.post('/ScheduleOccurrence', [8])
			.reply(200, [{ id: 100 }]);
		await run({ resource: 'appointment', operation: 'generate', appointmentIds: '3, 4,5,' });
		const occ = await run({
			resource: 'scheduleOccurrence',
			operation: 'generate',
			scheduleIds: '8',
		});
		expect(scope.isDone()).toBe(true);
		expect(occ.outputs[0][0].json).toEqual({ id: 100 });
	});

	it('generates from the records picked in the multi-select (IDs as numbers)', async () => {
		const scope = api().post('/Appointment/Generate', [12, 15]).reply(200, []);
		const { error } = await run({
			resource: 'appointment',
			operation: 'generate',
			appointmentIds: [12, 15],
		});
		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});

	it('sends dates with an explicit offset: Z stays UTC, a value without one is read in the workflow time zone', async () => {
		const scope = api()
			.post('/Appointment', [
				{
					subject: 'Visit',
					start_date: '2026-12-03T09:00:00-05:00',
					end_date: '2026-12-03T14:30:00+00:00',
				},
			])
			.reply(201, [{ id: 7 }]);
		const { error } = await run(
			{
				resource: 'appointment',
				operation: 'create',
				subject: 'Visit',
				startDate: '2026-12-03T09:00:00',
				endDate: '2026-12-03T14:30:00.000Z',
				jsonBody: '{}',
			},
			{ timezone: 'America/New_York' },
		);
		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});

	it('refuses a date that is not one, naming the field, before any request', async () => {
		const { error } = await run({
			resource: 'appointment',
			operation: 'create',
			subject: 'Visit',
			startDate: 'next monday',
			endDate: '2026-12-03T14:30:00Z',
			jsonBody: '{}',
		});
		// the routing engine reports errors of declarative operations as NodeApiError
		expect(error).toMatchObject({ message: '"Start" must be a date and time, not "next monday"' });
	});

	it('filters appointments by the recurring master picked in its dropdown', async () => {
		const scope = api()
			.get('/Appointment')
			.query({ recurringmasterid: '31', pageinate: 'true', page_size: '5', page_no: '1' })
			.reply(200, { record_count: 0, appointments: [] });
		const { error } = await run({
			resource: 'appointment',
			operation: 'getAll',
			limit: 5,
			filters: { recurringmasterid: byId('31') },
		});
		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});

	it('refuses an ID list that is not whole numbers, before any request', async () => {
		const { error } = await run({
			resource: 'appointment',
			operation: 'generate',
			appointmentIds: '3, x7',
		});
		expect(error).toMatchObject({
			message: '"Appointment IDs" must be whole numbers separated by commas',
		});
	});

	it('creates a timesheet event, a holiday, a workday, a schedule, a timesheet and a downtime record', async () => {
		const scope = api()
			.post('/TimesheetEvent', [
				{
					start_date: '2026-03-02T08:00:00+00:00',
					end_date: '2026-03-02T12:00:00+00:00',
					agent_id: 4,
					event_type: 1,
					timetaken: 4,
				},
			])
			.reply(200, { id: 1 })
			.post('/Holiday', [
				{
					name: 'Vacation',
					date: '2026-08-01T00:00:00+00:00',
					end_date: '2026-08-15T00:00:00+00:00',
					agent_id: 4,
					allday: true,
				},
			])
			.reply(200, { id: 'g-1' })
			.post('/Workday', [
				{ name: 'Office hours', timezone: 'Europe/London', incmonday: true, incsaturday: false },
			])
			.reply(200, { id: 3 })
			.post('/Schedule', [
				{
					subject: 'Patching',
					startdate: '2026-03-05T22:00:00+00:00',
					agentid: 4,
					recurrencepattern: 2,
				},
			])
			.reply(200, { id: 6 })
			.post('/Timesheet', [
				{ agent_id: 4, date: '2026-03-02T00:00:00+00:00', target_hours: 8, workdayid: 3 },
			])
			.reply(200, { id: 7 })
			.post('/Downtime', [{ name: 'Maintenance', start_date: '2026-04-01T22:00:00Z' }])
			.reply(200, { id: 8 });
		const results = [
			await run({
				resource: 'timesheetEvent',
				operation: 'create',
				startDate: '2026-03-02T08:00:00+00:00',
				endDate: '2026-03-02T12:00:00+00:00',
				additionalFields: { agentId: 4, eventType: 1, timetaken: 4 },
				jsonBody: '{}',
			}),
			await run({
				resource: 'holiday',
				operation: 'create',
				name: 'Vacation',
				date: '2026-08-01T00:00:00+00:00',
				additionalFields: { endDate: '2026-08-15T00:00:00+00:00', agentId: 4, allday: true },
				jsonBody: '{}',
			}),
			await run({
				resource: 'workday',
				operation: 'create',
				name: 'Office hours',
				additionalFields: { timezone: 'Europe/London', incmonday: true, incsaturday: false },
				jsonBody: '{}',
			}),
			await run({
				resource: 'schedule',
				operation: 'create',
				subject: 'Patching',
				startdate: '2026-03-05T22:00:00+00:00',
				additionalFields: { agentid: 4, recurrencepattern: 2 },
				jsonBody: '{}',
			}),
			await run({
				resource: 'timesheet',
				operation: 'create',
				agentId: 4,
				date: '2026-03-02T00:00:00+00:00',
				additionalFields: { targetHours: 8, workdayid: 3 },
				jsonBody: '{}',
			}),
			await run({
				resource: 'downtime',
				operation: 'create',
				jsonBody: '{"name": "Maintenance", "start_date": "2026-04-01T22:00:00Z"}',
			}),
		];
		expect(results.map((r) => r.error)).toEqual([
			undefined,
			undefined,
			undefined,
			undefined,
			undefined,
			undefined,
		]);
		expect(scope.isDone()).toBe(true);
	});

	it('an invalid raw JSON body fails the item with a clear message and sends nothing', async () => {
		const { error } = await run({
			resource: 'downtime',
			operation: 'create',
			jsonBody: '{name: oops',
		});
		expect(error).toMatchObject({ message: 'The JSON in "jsonBody" is not a valid JSON object' });
	});

	it('lists booking types, timeslots, holidays and workdays with their filters', async () => {
		const page = { pageinate: 'true', page_size: '50', page_no: '1' };
		const scope = api()
			.get('/BookingType')
			.query({ ...page, type: '2' })
			.reply(200, [{ id: 1 }])
			.get('/Timeslot')
			.query({ ...page, agent_id: '4', workday_id: '3' })
			.reply(200, [{ id: 2 }])
			.get('/Holiday')
			.query({
				...page,
				approved_only: 'true',
				start_date: '2026-01-01T00:00:00+00:00',
				workdayid: '3',
			})
			.reply(200, { record_count: 1, holidays: [{ id: 'h' }] })
			.get('/Workday')
			.query({ ...page, showholidays: 'true' })
			.reply(200, [{ id: 3 }]);
		const out = [
			await run({ resource: 'bookingType', operation: 'getAll', limit: 50, filters: { type: 2 } }),
			await run({
				resource: 'timeslot',
				operation: 'getAll',
				limit: 50,
				filters: { agentId: 4, workdayId: 3 },
			}),
			await run({
				resource: 'holiday',
				operation: 'getAll',
				limit: 50,
				filters: { approvedOnly: true, startDate: '2026-01-01T00:00:00+00:00', workdayid: 3 },
			}),
			await run({
				resource: 'workday',
				operation: 'getAll',
				limit: 50,
				filters: { showholidays: true },
			}),
		];
		expect(scope.isDone()).toBe(true);
		expect(out.map((r) => r.outputs[0].map((i) => i.json.id))).toEqual([[1], [2], ['h'], [3]]);
	});

	it('reads calendars and availability as plain GETs with raw query parameters', async () => {
		const scope = api()
			.get('/ChangeCalendar')
			.query({ start: '2026-03-01' })
			.reply(200, { changes: [] })
			.get('/Downtime/DowntimeCalendar')
			.reply(200, [{ id: 1 }, { id: 2 }])
			.get('/Appointment/Booking')
			.query({ bookingtype_id: '3' })
			.reply(200, { slots: ['09:00'] })
			.get('/Timesheet/forecasting')
			.reply(200, { hours: 7 });
		const out = [
			await run({
				resource: 'changeCalendar',
				operation: 'get',
				queryJson: '{"start": "2026-03-01"}',
			}),
			await run({ resource: 'downtime', operation: 'getCalendar', queryJson: '{}' }),
			await run({
				resource: 'appointment',
				operation: 'getBookingAvailability',
				queryJson: '{"bookingtype_id": 3}',
			}),
			await run({ resource: 'timesheet', operation: 'getForecasting', queryJson: '{}' }),
		];
		expect(scope.isDone()).toBe(true);
		expect(out.map((r) => r.outputs[0].map((i) => i.json))).toEqual([
			[{ changes: [] }],
			[{ id: 1 }, { id: 2 }],
			[{ slots: ['09:00'] }],
			[{ hours: 7 }],
		]);
	});

	it.each([
		['submitForApproval', '_submitapproval'],
		['approve', '_approve'],
		['reject', '_reject'],
		['revertApproval', '_revertapproval'],
	])(
		'timesheet %s: POST /Timesheet with the id, the %s flag and the message',
		async (operation, flag) => {
			const scope = api()
				.matchHeader('content-type', /application\/json/)
				.post('/Timesheet', [{ id: 77, [flag]: true, _approval_message: 'Checked by HR' }])
				.reply(200, { id: 77, approval: { approvalstatus: 1 } });
			const { outputs, error } = await run({
				resource: 'timesheet',
				operation,
				timesheetId: byId('77'),
				approvalMessage: 'Checked by HR',
			});
			expect(error).toBeUndefined();
			expect(scope.isDone()).toBe(true);
			expect(outputs).toEqual([
				[{ json: { id: 77, approval: { approvalstatus: 1 } }, pairedItem: { item: 0 } }],
			]);
		},
	);

	it('approves the timesheets of all items in one request, without a message when none is given', async () => {
		const scope = api()
			.post('/Timesheet', [
				{ id: 5, _approve: true },
				{ id: 6, _approve: true },
			])
			.reply(200, [{ id: 5 }, { id: 6 }]);
		const { outputs, error } = await run(
			{
				resource: 'timesheet',
				operation: 'approve',
				timesheetId: byId('={{ $json.ts }}'),
				sendAllItemsInOneRequest: true,
			},
			{ input: [{ json: { ts: 5 } }, { json: { ts: 6 } }] },
		);
		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(outputs[0].map((item) => [item.json, item.pairedItem])).toEqual([
			[{ id: 5 }, { item: 0 }],
			[{ id: 6 }, { item: 1 }],
		]);
	});
});
