/**
 * Turns a failed HTTP exchange into a NodeApiError that names the vendor, the HTTP status and the
 * vendor's own message (plus every field error of a 422), and never carries request headers or
 * credentials: the error is built from a plain, sanitised object instead of the raw HTTP error.
 */
import type { INode, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { seconds } from './timeout';

export interface FailedResponse {
	status?: number;
	body?: unknown;
	headers?: Record<string, unknown>;
	/** Network-level error code (ENOTFOUND, ECONNREFUSED, ...) when no response arrived. */
	code?: string;
	message?: string;
	url?: string;
	/**
	 * A UserError raised before any HTTP answer (e.g. by a credential's preAuthentication when the
	 * token exchange was refused): reported with its own message and description.
	 */
	userError?: { message: string; description?: string };
	/** The request that failed, as "METHOD https://host/path" (no query: it may carry filters). */
	request?: string;
	/** Set when the request timed out: the timeout it had, in milliseconds. */
	timedOutMs?: number;
	/** How many times the request was sent (said when more than once). */
	attempts?: number;
	/**
	 * The request may have been carried out although it failed (a create answered 502/504, a
	 * connection reset after sending, a timeout, a broken answer): it was not sent again.
	 */
	outcomeUnknown?: boolean;
	/** A redirect that was not followed because it leads to another host. */
	redirect?: { from: string; to: string };
}

const STATUS_TEXT: Record<number, string> = {
	400: 'Bad request',
	401: 'Unauthorized: the credential was rejected',
	403: 'Forbidden: the credential lacks permission for this operation',
	404: 'Not found',
	405: 'Method not allowed',
	409: 'Conflict',
	413: 'Payload too large',
	422: 'Validation failed',
	429: 'Rate limit exceeded',
	500: 'Internal server error',
	502: 'Bad gateway',
	503: 'Service unavailable',
	504: 'Gateway timeout',
};

/** Extracts an error description from a parsed response body. */
export function parseBody(body: unknown): unknown {
	if (body === undefined || body === null) return body;
	if (typeof body === 'object' && !(body instanceof Uint8Array)) return body;
	const text = body instanceof Uint8Array ? new TextDecoder().decode(body) : String(body);
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

function asText(value: unknown): string | undefined {
	if (typeof value === 'string' && value.trim()) return value.trim();
	if (typeof value === 'number') return String(value);
	return undefined;
}

/** The vendor's message: the first of the usual keys, looking one level into `error`. */
export function vendorMessage(body: unknown): string | undefined {
	if (typeof body === 'string') return body.trim().slice(0, 500) || undefined;
	if (!body || typeof body !== 'object') return undefined;
	const record = body as Record<string, unknown>;
	for (const key of [
		'message',
		'error_description',
		'detail',
		'title',
		'msg',
		'error',
		'Message',
	]) {
		const text = asText(record[key]);
		if (text) return text;
	}
	const nested = record.error;
	if (nested && typeof nested === 'object') return vendorMessage(nested);
	return undefined;
}

/**
 * Field errors as "field: message" lines. Understands the common shapes:
 * `{errors: {field: ["msg"]}}`, `{errors: [{field|property|entity_id, message}]}`, `{violations: [...]}`.
 */
export function fieldErrors(body: unknown): string[] {
	if (!body || typeof body !== 'object') return [];
	const record = body as Record<string, unknown>;
	const source =
		record.errors ??
		record.violations ??
		record.fieldErrors ??
		(record.error as Record<string, unknown> | undefined)?.errors;
	const lines: string[] = [];
	if (Array.isArray(source)) {
		for (const entry of source) {
			if (typeof entry === 'string') {
				lines.push(entry);
			} else if (entry && typeof entry === 'object') {
				const e = entry as Record<string, unknown>;
				const field = asText(
					e.field ?? e.property ?? e.propertyPath ?? e.path ?? e.name ?? e.entity_id,
				);
				const message = asText(e.message ?? e.msg ?? e.detail ?? e.error) ?? JSON.stringify(entry);
				lines.push(field ? `${field}: ${message}` : message);
			}
		}
	} else if (source && typeof source === 'object') {
		for (const [field, messages] of Object.entries(source as Record<string, unknown>)) {
			const list = Array.isArray(messages) ? messages : [messages];
			for (const message of list)
				lines.push(`${field}: ${asText(message) ?? JSON.stringify(message)}`);
		}
	}
	return lines;
}

/** What a network error code means (the one wording of every "could not reach" message). */
const NETWORK_REASONS: Record<string, string> = {
	ENOTFOUND: 'the host name does not resolve',
	EAI_AGAIN: 'the host name could not be resolved right now',
	ECONNREFUSED: 'the connection was refused',
	ECONNRESET: 'the connection was reset by the server',
	ETIMEDOUT: 'the request timed out',
	ECONNABORTED: 'the request timed out',
	CERT_HAS_EXPIRED: 'the server certificate has expired',
	DEPTH_ZERO_SELF_SIGNED_CERT: 'the server uses a self-signed certificate',
	UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the server certificate could not be verified',
};

/** What to check in the credential, for the codes that point at a wrong base URL. */
const NETWORK_ADVICE: Record<string, string> = {
	ENOTFOUND: 'check the base URL (or region) in the credential',
	EAI_AGAIN: 'check the base URL and your DNS',
	ECONNREFUSED: 'check the base URL (host and port) in the credential',
};

/** Why no answer arrived, in words: the error code's meaning, else the error's own message. */
export function networkReason(failure: Pick<FailedResponse, 'code' | 'message'>): string {
	return (failure.code && NETWORK_REASONS[failure.code]) ?? failure.message ?? 'no response';
}

export function describeFailure(
	vendor: string,
	failure: FailedResponse,
): { message: string; description: string } {
	const described = describeOutcome(vendor, failure);
	if (!failure.outcomeUnknown) return described;
	return {
		message: `${described.message} (the record may have been created)`,
		description: `${described.description}\n${unknownOutcomeAdvice(vendor, failure)}`,
	};
}

/** What to do after a request that may have been carried out (it was not repeated). */
export function unknownOutcomeAdvice(vendor: string, failure: FailedResponse): string {
	const what = failure.request ? ` (${failure.request})` : '';
	return (
		`${vendor} may have received and carried out the request${what} although no usable answer came back, ` +
		'so it was not sent again: a second request could create the record twice. ' +
		`Check in ${vendor} (for example with a Get Many or search of the record) whether it exists before running this item again.`
	);
}

function describeOutcome(
	vendor: string,
	failure: FailedResponse,
): { message: string; description: string } {
	if (failure.redirect) {
		const { from, to } = failure.redirect;
		return {
			message: `${vendor} redirected the request from ${from} to ${to}, another host: not followed`,
			description:
				`${failure.request ? `${failure.request} was answered ${failure.status ?? 'with a redirect'}. ` : ''}` +
				`The credential is sent only to ${from}, never to another host. If the API has moved, enter its new address in the credential.`,
		};
	}
	if (failure.timedOutMs !== undefined) {
		const attempts = (failure.attempts ?? 1) > 1 ? ` (${failure.attempts} attempts)` : '';
		return {
			message: `${vendor} did not answer within ${seconds(failure.timedOutMs)}${failure.request ? ` (${failure.request})` : ''}`,
			description:
				`No complete answer arrived within the credential's timeout of ${seconds(failure.timedOutMs)}${attempts}. ` +
				`${vendor} (or a proxy in between) accepted the connection but did not answer in time. Try again later, or raise "Timeout (Seconds)" in the credential.`,
		};
	}
	if (failure.status === undefined && failure.userError) {
		return {
			message: failure.userError.message,
			description: failure.userError.description || failure.userError.message,
		};
	}
	if (failure.status === undefined) {
		const advice = failure.code && NETWORK_ADVICE[failure.code];
		const hint = `${networkReason(failure)}${advice ? ` — ${advice}` : ''}`;
		const where = failure.url ? ` (${failure.url})` : '';
		const description = `${failure.code ? failure.code + ': ' : ''}${hint}`;
		// the server was reached, and then the connection broke
		const broken = failure.code === 'ECONNRESET' || failure.code === 'EPIPE';
		const head = broken
			? `The connection to ${vendor} broke before the answer arrived${where}`
			: `Could not reach ${vendor}${where}`;
		// the code stays out of the message: n8n replaces a message naming ECONNREFUSED & co. with its own
		return { message: withDetail(head, [hint]), description };
	}
	const body = parseBody(failure.body);
	const status = failure.status;
	const text = STATUS_TEXT[status] ?? (status >= 500 ? 'Server error' : 'Request failed');
	const lines: string[] = [];
	const message = vendorMessage(body);
	if (message) lines.push(message);
	for (const line of fieldErrors(body)) if (!lines.includes(line)) lines.push(line);
	if (!lines.length) lines.push(text);
	if ((failure.attempts ?? 1) > 1) lines.push(`Still failing after ${failure.attempts} attempts.`);
	return {
		message: withDetail(
			`${vendor} answered ${status}: ${text}`,
			lines.filter((line) => !line.startsWith('Still failing after')),
		),
		description: lines.join('\n'),
	};
}

/** Longest detail a message carries (the description keeps all of it). */
export const MESSAGE_DETAIL_LIMIT = 300;

/**
 * The message with the actionable part of the details after it — the vendor's own words and the
 * field errors of a 422 — shortened to a few hundred characters. An AI agent using a node as a tool
 * is handed only the message, so what it needs to correct its call must be in it.
 */
export function withDetail(message: string, details: string[]): string {
	const detail = details
		.map((line) => line.replace(/\s+/g, ' ').trim())
		.filter((line) => line && !message.includes(line))
		.join('; ');
	if (!detail) return message;
	const cut =
		detail.length > MESSAGE_DETAIL_LIMIT
			? `${detail.slice(0, MESSAGE_DETAIL_LIMIT - 1).trimEnd()}…`
			: detail;
	return `${message} — ${cut}`;
}

export function apiError(
	node: INode,
	vendor: string,
	failure: FailedResponse,
	itemIndex?: number,
): NodeApiError {
	const { message, description } = describeFailure(vendor, failure);
	const body = parseBody(failure.body);
	const errorResponse: JsonObject = {
		message,
		description,
		...(failure.status !== undefined ? { httpCode: String(failure.status) } : {}),
		...(body !== undefined && typeof body !== 'string' ? { body: body as JsonObject } : {}),
	};
	return new NodeApiError(node, errorResponse, {
		message,
		description,
		httpCode: failure.status !== undefined ? String(failure.status) : undefined,
		itemIndex,
	});
}

/** What an item failed with, as the node error n8n expects (NodeApiError or NodeOperationError). */
export function nodeErrorOf(
	node: INode,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error as Error, { itemIndex });
}

/**
 * The output item of an item that failed while the node continues on fail, paired with it. (n8n
 * shows an error item's json as `{error: message}`; the error itself rides along.)
 */
export function errorItem(
	error: NodeApiError | NodeOperationError,
	itemIndex: number,
): INodeExecutionData {
	return { json: { error: error.message }, error, pairedItem: { item: itemIndex } };
}
