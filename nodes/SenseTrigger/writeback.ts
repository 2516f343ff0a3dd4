/**
 * Sense write-backs (push events): the envelope check, the output item and the trigger's spec
 * (nodes/common/webhookTrigger.ts), as pure functions and data.
 * Envelope: `{id, type, version, created_date, data}`; `data` depends on `type` (SMS/email lists,
 * summary, FieldObjects for ENTITY_*, associated EntityObjects, ...).
 */
import type { IDataObject } from 'n8n-workflow';

import { matchKnownEvent, scalarString } from '../common/webhook';
import type { WebhookTriggerSpec } from '../common/webhookTrigger';

/** The write-back types Sense documents. */
export const SENSE_WRITEBACK_TYPES = [
	'ENGAGE_SENT_EVENT',
	'ENGAGE_EVENT_RESPONSE',
	'MESSAGING_INCOMING_MESSAGE',
	'MESSAGING_OUTGOING_MESSAGE',
	'MESSAGING_DIGEST',
	'CHATBOT_RESPONSE_SUMMARY',
	'ENTITY_CREATE',
	'ENTITY_UPDATE',
	'ENTITY_DELETE',
	'GENERIC_EVENT',
] as const;

export const SENSE_TYPE_LABELS: Record<(typeof SENSE_WRITEBACK_TYPES)[number], string> = {
	ENGAGE_SENT_EVENT: 'Engage Touchpoint Sent',
	ENGAGE_EVENT_RESPONSE: 'Engage Response Received',
	MESSAGING_INCOMING_MESSAGE: 'Incoming Message',
	MESSAGING_OUTGOING_MESSAGE: 'Outgoing Message',
	MESSAGING_DIGEST: 'Messaging Digest',
	CHATBOT_RESPONSE_SUMMARY: 'Chatbot Response Summary',
	ENTITY_CREATE: 'Entity Created',
	ENTITY_UPDATE: 'Entity Updated',
	ENTITY_DELETE: 'Entity Deleted',
	GENERIC_EVENT: 'Generic Event',
};

export interface WriteBackEnvelope {
	id: string;
	type: string;
	version?: unknown;
	created_date?: unknown;
	data: IDataObject;
}

function isObject(value: unknown): value is IDataObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The envelope, or the list of problems (for the 400 answer). */
export function checkEnvelope(
	body: IDataObject,
): { ok: true; envelope: WriteBackEnvelope } | { ok: false; error: string } {
	const problems: string[] = [];
	const id = scalarString(body.id);
	if (id === undefined)
		problems.push(body.id === undefined ? 'id is missing' : 'id must be a non-empty string');
	const type = typeof body.type === 'string' && body.type.trim() ? body.type.trim() : undefined;
	if (type === undefined)
		problems.push(body.type === undefined ? 'type is missing' : 'type must be a non-empty string');
	if (!isObject(body.data))
		problems.push(body.data === undefined ? 'data is missing' : 'data must be an object');
	if (problems.length > 0)
		return { ok: false, error: `unable to store the write-back: ${problems.join(', ')}` };
	// a documented type in any spelling (`entity_create`) is that type
	const canonical = matchKnownEvent(type, SENSE_WRITEBACK_TYPES) ?? type!;
	return {
		ok: true,
		envelope: { ...body, id: id!, type: canonical, data: body.data as IDataObject },
	};
}

function list(value: unknown): IDataObject[] {
	return Array.isArray(value) ? value.filter(isObject) : isObject(value) ? [value] : [];
}

/** SMS and email messages of a write-back, in one shape. */
export function messagesOf(data: IDataObject): IDataObject[] {
	const messages: IDataObject[] = [];
	for (const sms of list(data.sms)) {
		messages.push({
			channel: 'sms',
			direction: sms.direction ?? null,
			body: sms.body ?? null,
			date: sms.date ?? null,
			from: sms.from ?? null,
			to: sms.to ?? [],
			...(sms.mms_urls !== undefined ? { mmsUrls: sms.mms_urls } : {}),
			...(sms.is_broadcast !== undefined ? { isBroadcast: sms.is_broadcast } : {}),
		});
	}
	for (const email of list(data.email)) {
		messages.push({
			channel: 'email',
			direction: email.direction ?? null,
			subject: email.subject ?? null,
			body: email.body ?? null,
			date: email.date ?? null,
			from: email.from ?? null,
			to: email.to ?? [],
			...(email.cc !== undefined ? { cc: email.cc } : {}),
			...(email.bcc !== undefined ? { bcc: email.bcc } : {}),
			...(email['reply-to'] !== undefined ? { replyTo: email['reply-to'] } : {}),
			...(email.is_alert_email !== undefined ? { isAlertEmail: email.is_alert_email } : {}),
		});
	}
	return messages;
}

/** FieldObjects `[{name, value}]` as one `{name: value}` object (later duplicates win). */
export function fieldsObject(fields: unknown): IDataObject {
	const result: IDataObject = {};
	for (const field of list(fields)) {
		const name = scalarString(field.name);
		if (name !== undefined) result[name] = (field.value ?? null) as IDataObject[string];
	}
	return result;
}

/** One output item per write-back: the envelope plus flattened convenience fields for its type. */
export function senseOutput(envelope: WriteBackEnvelope): IDataObject {
	const { data } = envelope;
	const output: IDataObject = {
		id: envelope.id,
		type: envelope.type,
		version: (envelope.version ?? null) as IDataObject[string],
		createdDate: (envelope.created_date ?? null) as IDataObject[string],
		data,
	};
	if (typeof data.summary === 'string') output.summary = data.summary;

	const messages = messagesOf(data);
	if (messages.length > 0) {
		output.messages = messages;
		output.messageChannel = messages[0].channel;
		output.messageDirection = messages[0].direction;
		output.messageBody = messages[0].body;
		if (messages[0].subject !== undefined) output.messageSubject = messages[0].subject;
	}

	if (/^entity_/i.test(envelope.type)) {
		const entity = isObject(data.entity) ? data.entity : undefined;
		output.entityType = (data.entity_type ?? entity?.type ?? null) as IDataObject[string];
		output.entityId = (entity?.id ?? null) as IDataObject[string];
		if (data.fields !== undefined) output.fields = fieldsObject(data.fields);
	}

	if (isObject(data.subject)) output.subject = data.subject;
	if (Array.isArray(data.conversation)) output.conversation = data.conversation;
	if (Array.isArray(data.survey_responses)) output.surveyResponses = data.survey_responses;
	if (data.is_broadcast !== undefined) output.isBroadcast = data.is_broadcast;
	output.associatedEntities = list(data.associated_entities);
	if (isObject(data.user_defined_data)) output.userDefinedData = data.user_defined_data;
	if (isObject(data.sense_meta_data)) output.senseMetaData = data.sense_meta_data;
	return output;
}

export const DEFAULT_TOKEN_QUERY = 'token';
/** The answer Sense expects when authentication fails. */
export const INVALID_TOKEN = { error: 'invalid token or session' };

function acknowledge(output: IDataObject): IDataObject {
	return { id: output.id };
}

const isEntityCreate = (output: IDataObject) => output.type === 'ENTITY_CREATE';

/**
 * Write-backs: `{id, type, data}` envelopes, answered `{"id"}` (Sense re-sends until it gets 200 +
 * id), or by the workflow (ENTITY_CREATE: `{id, entity_id}`), which re-deliveries get again.
 */
export const SENSE_WRITE_BACKS: WebhookTriggerSpec = {
	authentication: {
		value: 'token',
		credential: { name: 'senseWebhookApi', field: 'token', label: 'The token' },
		test: 'senseWriteBackToken',
		sources: (parameter) => [
			{ bearer: true },
			{ query: parameter('queryParameterName', DEFAULT_TOKEN_QUERY) },
		],
		rejected: INVALID_TOKEN,
	},
	events: { known: SENSE_WRITEBACK_TYPES, parameter: 'types', unknownOption: 'unknownTypes' },
	read(body) {
		const checked = checkEnvelope(body);
		if (!checked.ok) return { error: checked.error };
		return { output: senseOutput(checked.envelope), event: checked.envelope.type };
	},
	// an id accepted before is answered again without a run
	deliveryKey: ({ id }) => (typeof id === 'string' && id ? { key: `id:${id}` } : undefined),
	responseModeParameter: 'responseMode',
	// the contract: HTTP 200 and a body with an id; ENTITY_CREATE also with the new entity's id
	delivered(status, answer, output) {
		if (status !== 200 || !isObject(answer) || scalarString(answer.id) === undefined) return false;
		return !isEntityCreate(output) || scalarString(answer.entity_id) !== undefined;
	},
	answers: {
		accepted: acknowledge,
		ignored: acknowledge,
		duplicate: acknowledge,
		kept: (answer) => ({
			id: answer.id,
			...(answer.entity_id !== undefined ? { entity_id: answer.entity_id } : {}),
		}),
		pending: ({ id }) => ({
			error: `unable to store, server issue: write-back ${String(id)} is still being processed, send it again later`,
		}),
	},
};
