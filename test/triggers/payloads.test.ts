/**
 * What the webhook triggers read from a delivery: the Sesame HR event/ids from any JSON shape, and
 * the Sense write-back envelope and its flattened output, for every documented write-back type.
 */
import {
	describeSesameDelivery,
	SESAME_EVENTS,
	sesameDeliveryKey,
	sesameOutput,
} from '../../nodes/SesameHrTrigger/delivery';
import {
	checkEnvelope,
	fieldsObject,
	messagesOf,
	SENSE_WRITEBACK_TYPES,
	senseOutput,
} from '../../nodes/SenseTrigger/writeback';
import { fingerprint } from '../../nodes/common/webhook';

describe('Sesame HR deliveries', () => {
	it('knows the 7 documented events', () => {
		expect([...SESAME_EVENTS]).toEqual([
			'EmployeeCreated',
			'EmployeeUpdated',
			'EmployeeActivated',
			'EmployeeDeactivated',
			'EmployeeDeleted',
			'CheckInCreated',
			'CheckOutCreated',
		]);
	});

	it.each([
		[{ event: 'EmployeeCreated' }, 'EmployeeCreated'],
		[{ type: 'employee.updated' }, 'EmployeeUpdated'],
		[{ eventType: 'EMPLOYEE_ACTIVATED' }, 'EmployeeActivated'],
		[{ event_type: 'employee_deactivated' }, 'EmployeeDeactivated'],
		[{ name: 'EmployeeDeleted' }, 'EmployeeDeleted'],
		[{ data: { event: 'CheckInCreated' } }, 'CheckInCreated'],
		[{ payload: { type: 'check-out-created' } }, 'CheckOutCreated'],
		// an employee's own `name` is no event: the real one is found further on
		[{ name: 'Ana', data: { type: 'EmployeeUpdated' } }, 'EmployeeUpdated'],
	])('finds the event in %j', (body, event) => {
		expect(describeSesameDelivery(body, {})).toMatchObject({ event, recognised: true });
	});

	it('tries the configured event field first', () => {
		const body = { event: 'EmployeeUpdated', meta: { kind: 'EmployeeDeleted' } };
		expect(describeSesameDelivery(body, {}, { eventField: 'meta.kind' }).event).toBe(
			'EmployeeDeleted',
		);
	});

	it('reports an unrecognised event with the raw value found (never an employee name)', () => {
		expect(describeSesameDelivery({ event: 'AbsenceCreated' }, {})).toMatchObject({
			event: 'AbsenceCreated',
			recognised: false,
		});
		expect(describeSesameDelivery({ name: 'Ana', email: 'a@x' }, {})).toEqual({
			event: undefined,
			recognised: false,
			employeeId: undefined,
			checkId: undefined,
			deliveryId: undefined,
		});
	});

	it('reads employee and check ids in flat and enveloped payloads', () => {
		// flat: the body is the employee
		expect(
			describeSesameDelivery({ event: 'EmployeeCreated', id: 'emp-1', firstName: 'Ana' }, {}),
		).toMatchObject({
			employeeId: 'emp-1',
			deliveryId: undefined,
		});
		// envelope: the top-level id names the delivery, data.id the employee
		expect(
			describeSesameDelivery({ id: 'evt-9', event: 'EmployeeUpdated', data: { id: 'emp-2' } }, {}),
		).toMatchObject({
			employeeId: 'emp-2',
			deliveryId: 'evt-9',
		});
		expect(
			describeSesameDelivery(
				{
					event: 'CheckInCreated',
					data: { id: 'we-5', employee: { id: 'emp-3' }, workEntryIn: { date: 'x' } },
				},
				{},
			),
		).toMatchObject({ employeeId: 'emp-3', checkId: 'we-5', deliveryId: undefined });
		expect(
			describeSesameDelivery(
				{ event: 'CheckOutCreated', workEntryId: 'we-6', employeeId: 'emp-4' },
				{},
			),
		).toMatchObject({
			employeeId: 'emp-4',
			checkId: 'we-6',
		});
	});

	it('finds a delivery id in the body (configured path first) or in the usual headers', () => {
		expect(
			describeSesameDelivery({ event: 'EmployeeCreated', eventId: 'e-1' }, {}).deliveryId,
		).toBe('e-1');
		expect(
			describeSesameDelivery(
				{ event: 'EmployeeCreated', eventId: 'e-1', x: { y: 'd-7' } },
				{},
				{ deliveryIdField: 'x.y' },
			).deliveryId,
		).toBe('d-7');
		expect(
			describeSesameDelivery({ event: 'EmployeeCreated' }, { 'X-Delivery-Id': 'h-3' }).deliveryId,
		).toBe('h-3');
		expect(
			describeSesameDelivery({ event: 'EmployeeCreated' }, { 'idempotency-key': 'h-4' }).deliveryId,
		).toBe('h-4');
	});

	it('keys duplicates by delivery id, else by the body fingerprint', () => {
		const body = { event: 'EmployeeCreated', id: 'emp-1' };
		expect(sesameDeliveryKey({ recognised: true, deliveryId: 'd-1' }, body)).toEqual({
			key: 'id:d-1',
			byId: true,
		});
		expect(sesameDeliveryKey({ recognised: true }, body)).toEqual({
			key: `body:${fingerprint(body)}`,
			byId: false,
		});
	});

	it('outputs {event, employeeId?, checkId?, deliveryId?, body}', () => {
		const body = { id: 'evt-9', event: 'employee.updated', data: { id: 'emp-2' } };
		expect(sesameOutput(describeSesameDelivery(body, {}), body)).toEqual({
			event: 'EmployeeUpdated',
			employeeId: 'emp-2',
			deliveryId: 'evt-9',
			body,
		});
		expect(sesameOutput(describeSesameDelivery({ foo: 1 }, {}), { foo: 1 })).toEqual({
			event: null,
			body: { foo: 1 },
		});
	});
});

describe('Sense write-backs', () => {
	const envelope = (type: string, data: Record<string, unknown>) => ({
		id: 'wb-1',
		type,
		version: 1,
		created_date: '2022-01-01T00:00:00+00:00',
		data,
	});

	it('knows the 10 documented types', () => {
		expect(SENSE_WRITEBACK_TYPES).toHaveLength(10);
	});

	it('names every envelope problem', () => {
		expect(checkEnvelope({})).toEqual({
			ok: false,
			error: 'unable to store the write-back: id is missing, type is missing, data is missing',
		});
		expect(checkEnvelope({ id: '', type: 3, data: [] })).toEqual({
			ok: false,
			error:
				'unable to store the write-back: id must be a non-empty string, type must be a non-empty string, data must be an object',
		});
		expect(checkEnvelope({ id: 12, type: 'GENERIC_EVENT', data: {} })).toMatchObject({
			ok: true,
			envelope: { id: '12' },
		});
	});

	it('flattens SMS and email messages', () => {
		const data = {
			sms: [
				{
					body: 'hi',
					direction: 'outgoing',
					to: [],
					from: { phone: '1' },
					date: 'd1',
					is_broadcast: true,
				},
			],
			email: [
				{
					subject: 'S',
					body: 'B',
					direction: 'incoming',
					'reply-to': { email: 'r@x' },
					to: [{ email: 't@x' }],
				},
			],
		};
		expect(messagesOf(data)).toEqual([
			{
				channel: 'sms',
				direction: 'outgoing',
				body: 'hi',
				date: 'd1',
				from: { phone: '1' },
				to: [],
				isBroadcast: true,
			},
			{
				channel: 'email',
				direction: 'incoming',
				subject: 'S',
				body: 'B',
				date: null,
				from: null,
				to: [{ email: 't@x' }],
				replyTo: { email: 'r@x' },
			},
		]);
		const out = senseOutput(checkEnvelopeOk(envelope('ENGAGE_SENT_EVENT', data)));
		expect(out).toMatchObject({
			messageChannel: 'sms',
			messageDirection: 'outgoing',
			messageBody: 'hi',
			associatedEntities: [],
		});
		expect(out.messageSubject).toBeUndefined();
		const emailOnly = senseOutput(
			checkEnvelopeOk(
				envelope('ENGAGE_EVENT_RESPONSE', {
					email: data.email,
					survey_responses: [{ question: 'q', response: 'r' }],
				}),
			),
		);
		expect(emailOnly).toMatchObject({
			messageChannel: 'email',
			messageSubject: 'S',
			surveyResponses: [{ question: 'q', response: 'r' }],
		});
	});

	it('turns FieldObjects into a name→value object', () => {
		expect(
			fieldsObject([
				{ name: 'a', value: 1 },
				{ name: 'b' },
				{ value: 'no name' },
				'junk',
				{ name: 'a', value: 2 },
			]),
		).toEqual({ a: 2, b: null });
	});

	it('gives entity type, id and fields for ENTITY_* write-backs', () => {
		expect(
			senseOutput(
				checkEnvelopeOk(
					envelope('ENTITY_CREATE', {
						entity_type: 'AE_CANDIDATE',
						fields: [{ name: 'email', value: 'a@x' }],
					}),
				),
			),
		).toMatchObject({
			entityType: 'AE_CANDIDATE',
			entityId: null,
			fields: { email: 'a@x' },
		});
		expect(
			senseOutput(
				checkEnvelopeOk(
					envelope('ENTITY_DELETE', { entity: { id: 'ats-1', type: 'AE_PLACEMENT' } }),
				),
			),
		).toMatchObject({
			entityType: 'AE_PLACEMENT',
			entityId: 'ats-1',
		});
	});

	it('reads a documented type in any spelling as that type, entity fields included', () => {
		for (const type of ['entity_create', 'Entity_Create', 'entity-create', 'EntityCreate']) {
			expect(
				senseOutput(
					checkEnvelopeOk(
						envelope(type, { entity_type: 'AE_CANDIDATE', entity: { id: 'ats-2' }, fields: [] }),
					),
				),
			).toMatchObject({ type: 'ENTITY_CREATE', entityType: 'AE_CANDIDATE', entityId: 'ats-2' });
		}
		// a type Sense adds later keeps its spelling; an ENTITY_ one still gets the entity fields
		expect(
			senseOutput(checkEnvelopeOk(envelope('entity_merge', { entity: { id: 'm', type: 'T' } }))),
		).toMatchObject({ type: 'entity_merge', entityType: 'T', entityId: 'm' });
	});

	it('keeps chatbot conversation, subject and the envelope fields', () => {
		const data = {
			summary: 's',
			subject: { id: 'c', type: 'AE_CANDIDATE' },
			conversation: [{ is_bot: true, message: 'm' }],
			entity: 'AE_CANDIDATE',
		};
		expect(senseOutput(checkEnvelopeOk(envelope('CHATBOT_RESPONSE_SUMMARY', data)))).toEqual({
			id: 'wb-1',
			type: 'CHATBOT_RESPONSE_SUMMARY',
			version: 1,
			createdDate: '2022-01-01T00:00:00+00:00',
			data,
			summary: 's',
			subject: { id: 'c', type: 'AE_CANDIDATE' },
			conversation: [{ is_bot: true, message: 'm' }],
			associatedEntities: [],
		});
	});
});

function checkEnvelopeOk(body: Record<string, unknown>) {
	const result = checkEnvelope(body as never);
	if (!result.ok) throw new Error(result.error);
	return result.envelope;
}
