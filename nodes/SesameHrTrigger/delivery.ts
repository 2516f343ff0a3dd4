/**
 * What a Sesame HR webhook delivery says, read from any JSON object. Sesame publishes the event
 * names but not the payload format, so every field is looked for in the usual places (and a
 * user-configured path first); event names are matched loosely (`employee.created` is
 * `EmployeeCreated`). Pure functions: unit-tested without n8n; with them, the trigger's spec
 * (nodes/common/webhookTrigger.ts).
 */
import type { IDataObject } from 'n8n-workflow';

import {
	fingerprint,
	firstScalar,
	matchKnownEvent,
	scalarString,
	valueAtPath,
	type HeaderBag,
} from '../common/webhook';
import { headerValue } from '../common/headers';
import type { WebhookTriggerSpec } from '../common/webhookTrigger';

/** The events Sesame HR documents for webhooks. */
export const SESAME_EVENTS = [
	'EmployeeCreated',
	'EmployeeUpdated',
	'EmployeeActivated',
	'EmployeeDeactivated',
	'EmployeeDeleted',
	'CheckInCreated',
	'CheckOutCreated',
] as const;

export const SESAME_EVENT_LABELS: Record<(typeof SESAME_EVENTS)[number], string> = {
	EmployeeCreated: 'Employee Created',
	EmployeeUpdated: 'Employee Updated',
	EmployeeActivated: 'Employee Activated',
	EmployeeDeactivated: 'Employee Deactivated',
	EmployeeDeleted: 'Employee Deleted',
	CheckInCreated: 'Clock-In Created',
	CheckOutCreated: 'Clock-Out Created',
};

/** Where the event name is looked for, in order (after the configured path). */
export const EVENT_PATHS = [
	'event',
	'type',
	'eventType',
	'event_type',
	'eventName',
	'event_name',
	'name',
	'action',
	'topic',
	'data.event',
	'data.type',
	'data.eventType',
	'data.event_type',
	'data.eventName',
	'payload.event',
	'payload.type',
	'meta.event',
	'meta.type',
] as const;

/** Where a delivery/event id is looked for (never the bare `id`: that may be the employee's). */
export const DELIVERY_ID_PATHS = [
	'deliveryId',
	'delivery_id',
	'eventId',
	'event_id',
	'webhookEventId',
	'messageId',
	'message_id',
	'idempotencyKey',
	'idempotency_key',
	'meta.deliveryId',
	'meta.eventId',
	'meta.id',
	'data.eventId',
] as const;

/** Headers that may carry a delivery id. */
export const DELIVERY_ID_HEADERS = [
	'idempotency-key',
	'x-idempotency-key',
	'x-delivery-id',
	'x-webhook-delivery-id',
	'x-event-id',
	'x-webhook-id',
	'x-sesame-delivery-id',
	'x-sesame-event-id',
] as const;

const EMPLOYEE_ID_PATHS = [
	'employeeId',
	'employee_id',
	'employee.id',
	'data.employeeId',
	'data.employee_id',
	'data.employee.id',
	'payload.employeeId',
	'payload.employee.id',
] as const;

const CHECK_ID_PATHS = [
	'checkId',
	'check_id',
	'workEntryId',
	'work_entry_id',
	'check.id',
	'workEntry.id',
	'data.checkId',
	'data.check_id',
	'data.workEntryId',
	'data.check.id',
	'data.workEntry.id',
	'payload.checkId',
	'payload.check.id',
] as const;

export interface SesameDeliveryOptions {
	/** dotted path of the event name, tried first */
	eventField?: string;
	/** dotted path of a delivery id, tried first */
	deliveryIdField?: string;
}

export interface SesameDelivery {
	/** canonical event name when recognised, else the raw value found (or undefined) */
	event?: string;
	recognised: boolean;
	employeeId?: string;
	checkId?: string;
	deliveryId?: string;
}

function isObject(value: unknown): value is IDataObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function paths(first: string | undefined, rest: readonly string[]): string[] {
	return first && first.trim() ? [first.trim(), ...rest] : [...rest];
}

export function describeSesameDelivery(
	body: IDataObject,
	headers: HeaderBag,
	options: SesameDeliveryOptions = {},
): SesameDelivery {
	let event: string | undefined;
	let recognised = false;
	const eventPaths = paths(options.eventField, EVENT_PATHS);
	for (const path of eventPaths) {
		const value = scalarString(valueAtPath(body, path));
		const known = matchKnownEvent(value, SESAME_EVENTS);
		if (known) {
			event = known;
			recognised = true;
			break;
		}
	}
	if (!recognised) {
		// nothing matched a documented event: report the most likely raw value (configured path or `event`/`type`)
		event = firstScalar(
			body,
			eventPaths.filter((p) => p !== 'name'),
		)?.value;
	}

	// `{id, event, data: {...}}` is an envelope: its top-level id names the delivery, not the employee
	const envelope = isObject(body.data);
	const isEmployeeEvent = recognised && event!.startsWith('Employee');
	const isCheckEvent = recognised && event!.startsWith('Check');
	const ownIdPaths = envelope ? ['data.id'] : ['data.id', 'id'];
	let employeeId = firstScalar(body, EMPLOYEE_ID_PATHS)?.value;
	if (!employeeId && isEmployeeEvent)
		employeeId = firstScalar(body, ['employee', ...ownIdPaths])?.value;
	let checkId = isCheckEvent || !recognised ? firstScalar(body, CHECK_ID_PATHS)?.value : undefined;
	if (!checkId && isCheckEvent) checkId = firstScalar(body, ownIdPaths)?.value;

	const deliveryPaths = paths(options.deliveryIdField, DELIVERY_ID_PATHS);
	let deliveryId = firstScalar(body, envelope ? [...deliveryPaths, 'id'] : deliveryPaths)?.value;
	if (!deliveryId) {
		for (const name of DELIVERY_ID_HEADERS) {
			const value = scalarString(headerValue(headers, name));
			if (value) {
				deliveryId = value;
				break;
			}
		}
	}
	return { event, recognised, employeeId, checkId, deliveryId };
}

/** The de-duplication key: the delivery id, else the body's fingerprint (then only within a window). */
export function sesameDeliveryKey(
	delivery: SesameDelivery,
	body: IDataObject,
): { key: string; byId: boolean } {
	if (delivery.deliveryId) return { key: `id:${delivery.deliveryId}`, byId: true };
	return { key: `body:${fingerprint(body)}`, byId: false };
}

/** The output item: what was recognised plus the body as received. */
export function sesameOutput(delivery: SesameDelivery, body: IDataObject): IDataObject {
	const output: IDataObject = { event: delivery.event ?? null };
	if (delivery.employeeId !== undefined) output.employeeId = delivery.employeeId;
	if (delivery.checkId !== undefined) output.checkId = delivery.checkId;
	if (delivery.deliveryId !== undefined) output.deliveryId = delivery.deliveryId;
	output.body = body;
	return output;
}

export const DEFAULT_SECRET_HEADER = 'X-Sesame-Secret';
export const DEFAULT_SECRET_QUERY = 'secret';

/** Sesame HR webhook deliveries: any JSON object, answered `{status, event}`. */
export const SESAME_DELIVERIES: WebhookTriggerSpec = {
	authentication: {
		value: 'sharedSecret',
		credential: { name: 'sesameHrWebhookApi', field: 'secret', label: 'The shared secret' },
		test: 'sesameHrWebhookSecret',
		sources: (parameter) =>
			parameter('secretLocation', 'header') === 'query'
				? [{ query: parameter('queryParameterName', DEFAULT_SECRET_QUERY) }]
				: [{ header: parameter('headerName', DEFAULT_SECRET_HEADER) }],
		rejected: { error: 'missing or invalid shared secret' },
	},
	events: { known: SESAME_EVENTS, parameter: 'events', unknownOption: 'unknownEvents' },
	read(body, { headers, options }) {
		const delivery = describeSesameDelivery(body, headers, {
			eventField: options.eventField as string | undefined,
			deliveryIdField: options.deliveryIdField as string | undefined,
		});
		return { output: sesameOutput(delivery, body), event: delivery.event };
	},
	// the delivery id; without one the body, counted as a re-delivery only within the window
	deliveryKey(output, options) {
		const body = output.body as IDataObject | undefined;
		if (body === undefined || body === null || typeof body !== 'object') return undefined;
		const deliveryId = typeof output.deliveryId === 'string' ? output.deliveryId : undefined;
		const { key, byId } = sesameDeliveryKey({ recognised: true, deliveryId }, body);
		if (byId) return { key };
		const windowSeconds = Number(options.duplicateWindow ?? 300);
		return windowSeconds > 0 ? { key, ttlMs: windowSeconds * 1000 } : undefined;
	},
	answers: {
		accepted: ({ event }) => ({ status: 'accepted', event }),
		ignored: ({ event }) => ({ status: 'ignored', reason: 'event not selected', event }),
		duplicate: ({ event }) => ({ status: 'duplicate', event }),
	},
};
