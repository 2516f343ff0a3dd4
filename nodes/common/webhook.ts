/**
 * Shared mechanics of inbound (vendor → n8n) webhook triggers, vendor-independent:
 *  - shared-secret comparison in constant time (SHA-256 digests of both sides, `timingSafeEqual`),
 *  - reading the raw request body (every failure of n8n's reader answered 413/400, see
 *    `readRequestBody`) and accepting only a JSON object nested at most `MAX_BODY_DEPTH` levels,
 *  - field look-up by dotted path (`data.employee.id`),
 *  - event filtering (known events by selection, unrecognised ones by an explicit choice),
 *  - fingerprints of bodies (stable JSON without recursion, any depth) for de-duplication; the
 *    ledger of accepted deliveries and their answers is ./deliveryLedger.ts,
 *  - answering a request directly (401/400/2xx without starting a run) and watching the answer n8n
 *    sends for a run (`watchAnswer`).
 * Everything here but `readRequestBody`/`respond`/`watchAnswer` is a pure function over plain values.
 */
import { createHash, timingSafeEqual } from 'crypto';
import type {
	ICredentialTestFunction,
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	IDataObject,
	INodeCredentialTestResult,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { headerValue } from './headers';

// ---------------------------------------------------------------------------------------------
// Secrets

function sha256(value: string): Buffer {
	return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * True when `received` equals `expected`. Both sides are hashed first, so the comparison runs over
 * two equal-length digests and takes the same time whatever the inputs (no length leak either).
 * An empty or missing value never matches.
 */
export function secretsMatch(
	received: string | undefined | null,
	expected: string | undefined | null,
): boolean {
	if (typeof received !== 'string' || typeof expected !== 'string') return false;
	if (received.length === 0 || expected.length === 0) return false;
	return timingSafeEqual(sha256(received), sha256(expected));
}

export type HeaderBag = Record<string, string | string[] | undefined>;
export type QueryBag = Record<string, unknown>;

/** A query parameter's value (exact name; the first one if repeated). */
export function queryValue(query: QueryBag | undefined, name: string): string | undefined {
	if (!query || !name) return undefined;
	const value = query[name];
	const first = Array.isArray(value) ? value[0] : value;
	return typeof first === 'string' ? first : undefined;
}

/** The token of an `Authorization: Bearer <token>` header value, trimmed. */
export function bearerToken(authorization: string | undefined): string | undefined {
	if (!authorization) return undefined;
	const match = /^\s*Bearer\s+(.+?)\s*$/i.exec(authorization);
	return match ? match[1] : undefined;
}

/** Shortest secret the local credential test accepts. */
export const MIN_SECRET_LENGTH = 16;

/** The verdict of the local credential test for a shared secret (pure, for `secretCredentialTest`). */
export function checkSharedSecret(value: unknown, label: string): INodeCredentialTestResult {
	if (typeof value !== 'string' || value.trim().length === 0)
		return { status: 'Error', message: `${label} is empty` };
	if (value !== value.trim())
		return { status: 'Error', message: `${label} starts or ends with whitespace` };
	if (value.length < MIN_SECRET_LENGTH) {
		return {
			status: 'Error',
			message: `${label} is too short: use at least ${MIN_SECRET_LENGTH} random characters`,
		};
	}
	return {
		status: 'OK',
		message: `${label} is usable; the vendor's deliveries are checked against it`,
	};
}

/**
 * A credential test for a shared secret that no remote endpoint can verify: checks it locally.
 * Used by webhook trigger nodes through `credentials[].testedBy` + `methods.credentialTest`.
 */
export function secretCredentialTest(field: string, label: string): ICredentialTestFunction {
	return async function (
		this: ICredentialTestFunctions,
		credential: ICredentialsDecrypted,
	): Promise<INodeCredentialTestResult> {
		return checkSharedSecret(credential.data?.[field], label);
	};
}

// ---------------------------------------------------------------------------------------------
// Body

export type BodyCheck = { ok: true; body: IDataObject } | { ok: false; error: string };

/**
 * Deepest nesting of objects and arrays a body may have. n8n copies and stores items with recursive
 * functions (JSON.stringify fails a few thousand levels down), and no vendor nests this deep.
 */
export const MAX_BODY_DEPTH = 1000;

function isPlainObject(value: unknown): value is IDataObject {
	return (
		value !== null && typeof value === 'object' && !Array.isArray(value) && !Buffer.isBuffer(value)
	);
}

/** Whether objects/arrays nest deeper than `max` levels (the top level is 1); no recursion. */
export function nestedDeeperThan(value: unknown, max: number): boolean {
	const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 1 }];
	while (stack.length > 0) {
		const { value: current, depth } = stack.pop()!;
		if (current === null || typeof current !== 'object') continue;
		if (depth > max) return true;
		const children = Array.isArray(current) ? current : Object.values(current);
		for (const child of children)
			if (child !== null && typeof child === 'object')
				stack.push({ value: child, depth: depth + 1 });
	}
	return false;
}

/**
 * Accepts only a JSON object. `raw` is the request body as received (preferred: it is parsed here,
 * whatever the content type); `parsed` is what n8n's body parser produced, used when no raw body is
 * available.
 */
export function parseJsonObject(raw: Buffer | string | undefined, parsed?: unknown): BodyCheck {
	let value: unknown = parsed;
	const text =
		raw === undefined ? (typeof parsed === 'string' ? parsed : undefined) : raw.toString('utf8');
	if (text !== undefined) {
		const trimmed = text.replace(/^\uFEFF/, '').trim();
		if (trimmed.length === 0)
			return { ok: false, error: 'the request body is empty; a JSON object is expected' };
		try {
			value = JSON.parse(trimmed);
		} catch {
			return { ok: false, error: 'the request body is not valid JSON' };
		}
	}
	if (value === undefined || value === null)
		return { ok: false, error: 'the request body is empty; a JSON object is expected' };
	if (!isPlainObject(value)) {
		return {
			ok: false,
			error: `the request body must be a JSON object, not ${Array.isArray(value) ? 'an array' : typeof value}`,
		};
	}
	if (nestedDeeperThan(value, MAX_BODY_DEPTH)) {
		return {
			ok: false,
			error: `the request body is nested more than ${MAX_BODY_DEPTH} levels deep`,
		};
	}
	return { ok: true, body: value };
}

// ---------------------------------------------------------------------------------------------
// Field look-up

/** The value at a dotted path (`data.employee.id`, `items.0.id`); undefined when any step is missing. */
export function valueAtPath(source: unknown, path: string): unknown {
	if (!path) return undefined;
	let current: unknown = source;
	for (const step of path.split('.')) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as Record<string, unknown>)[step];
	}
	return current;
}

/** Strings and finite numbers become strings; everything else is "absent". */
export function scalarString(value: unknown): string | undefined {
	if (typeof value === 'string') return value.trim().length > 0 ? value.trim() : undefined;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return undefined;
}

/** The first path (in order) holding a non-empty string or number. */
export function firstScalar(
	source: unknown,
	paths: readonly string[],
): { path: string; value: string } | undefined {
	for (const path of paths) {
		const value = scalarString(valueAtPath(source, path));
		if (value !== undefined) return { path, value };
	}
	return undefined;
}

// ---------------------------------------------------------------------------------------------
// Events

/** `EmployeeCreated`, `employee.created`, `EMPLOYEE_CREATED` and `employee-created` are one name. */
export function normalizeEventName(name: string): string {
	return name.replace(/[^A-Za-z0-9]/g, '').toLowerCase();
}

/** The canonical spelling of `candidate` among `known`, or undefined. */
export function matchKnownEvent(
	candidate: string | undefined,
	known: readonly string[],
): string | undefined {
	if (candidate === undefined) return undefined;
	const wanted = normalizeEventName(candidate);
	if (!wanted) return undefined;
	return known.find((name) => normalizeEventName(name) === wanted);
}

export type UnknownEventPolicy = 'run' | 'ignore';

/**
 * Whether an event starts a run: a known event when it is selected (an empty selection means all),
 * an unrecognised or missing one according to `unknown`.
 */
export function eventSelected(
	event: string | undefined,
	known: readonly string[],
	selected: readonly string[],
	unknown: UnknownEventPolicy,
): boolean {
	const canonical = matchKnownEvent(event, known);
	if (canonical === undefined) return unknown === 'run';
	return (
		selected.length === 0 ||
		selected.some((name) => normalizeEventName(name) === normalizeEventName(canonical))
	);
}

// ---------------------------------------------------------------------------------------------
// De-duplication

/** Delivery keys remembered per trigger by default (option "Remembered Deliveries"). */
export const DEFAULT_LEDGER_SIZE = 10_000;

/**
 * Stable JSON (object keys sorted, `undefined` members left out, as JSON.stringify does) so the same
 * content always gives the same fingerprint. Iterative: any depth, no call-stack limit.
 */
export function canonicalJson(value: unknown): string {
	const out: string[] = [];
	// what is left to write, last first: literal text, or a value to serialise
	const work: Array<string | { value: unknown }> = [{ value }];
	while (work.length > 0) {
		const next = work.pop()!;
		if (typeof next === 'string') {
			out.push(next);
			continue;
		}
		const current = next.value;
		if (Array.isArray(current)) {
			out.push('[');
			work.push(']');
			for (let i = current.length - 1; i >= 0; i--) {
				work.push({ value: current[i] });
				if (i > 0) work.push(',');
			}
		} else if (current !== null && typeof current === 'object') {
			const record = current as Record<string, unknown>;
			const keys = Object.keys(record)
				.sort()
				.filter((key) => record[key] !== undefined);
			out.push('{');
			work.push('}');
			for (let i = keys.length - 1; i >= 0; i--) {
				work.push({ value: record[keys[i]] });
				work.push(`${i > 0 ? ',' : ''}${JSON.stringify(keys[i])}:`);
			}
		} else {
			out.push(JSON.stringify(current) ?? 'null');
		}
	}
	return out.join('');
}

/** SHA-256 over the canonical JSON of a body: the delivery key when the vendor sends no id. */
export function fingerprint(value: unknown): string {
	return createHash('sha256').update(canonicalJson(value), 'utf8').digest('hex');
}

/**
 * Recently seen keys, oldest first, bounded to `max` entries. Each key maps to the time (ms) it
 * stops counting, 0 = only when evicted. Serialises to a plain object (insertion order is preserved
 * for non-numeric keys). Used by the polling triggers for what they emitted.
 */
export class DeliveryLedger {
	private readonly entries = new Map<string, number>();

	constructor(readonly max = DEFAULT_LEDGER_SIZE) {}

	static from(stored: unknown, max = DEFAULT_LEDGER_SIZE): DeliveryLedger {
		const ledger = new DeliveryLedger(max);
		if (stored !== null && typeof stored === 'object' && !Array.isArray(stored)) {
			for (const [key, expires] of Object.entries(stored as Record<string, unknown>)) {
				ledger.add(key, typeof expires === 'number' && Number.isFinite(expires) ? expires : 0);
			}
		}
		return ledger;
	}

	get size(): number {
		return this.entries.size;
	}

	has(key: string, now: number): boolean {
		const expires = this.entries.get(key);
		return expires !== undefined && (expires === 0 || expires > now);
	}

	add(key: string, expires = 0): void {
		this.entries.delete(key);
		this.entries.set(key, expires);
		while (this.entries.size > this.max) {
			const oldest = this.entries.keys().next().value as string;
			this.entries.delete(oldest);
		}
	}

	/** Drops expired entries. */
	prune(now: number): void {
		for (const [key, expires] of this.entries) {
			if (expires !== 0 && expires <= now) this.entries.delete(key);
		}
	}

	/** Adds the other ledger's live entries this one does not hold yet (keeps this one's order). */
	absorb(other: DeliveryLedger, now: number): void {
		for (const [key, expires] of other.entries) {
			if (!this.entries.has(key) && (expires === 0 || expires > now)) this.add(key, expires);
		}
	}

	toJSON(): Record<string, number> {
		return Object.fromEntries(this.entries);
	}
}

// ---------------------------------------------------------------------------------------------
// Request / response plumbing (the only parts that touch n8n's request objects)

interface RawBodyRequest {
	rawBody?: Buffer;
	readRawBody?: () => Promise<void>;
	body?: unknown;
	headers?: HeaderBag;
	unpipe?: () => unknown;
	resume?: () => unknown;
}

/** The body exactly as received, when n8n makes it available; otherwise what its parser produced. */
export async function readBody(
	ctx: IWebhookFunctions,
): Promise<{ raw?: Buffer; parsed?: unknown }> {
	const req = ctx.getRequestObject() as unknown as RawBodyRequest;
	if (!req.rawBody && typeof req.readRawBody === 'function') await req.readRawBody();
	return { raw: Buffer.isBuffer(req.rawBody) ? req.rawBody : undefined, parsed: req.body };
}

export type BodyRead =
	| { ok: true; raw?: Buffer; parsed?: unknown }
	| { ok: false; status: 400 | 413; error: string };

/** `Content-Encoding` values n8n's body reader handles: gzip and deflate are decoded, the rest is raw. */
const READABLE_ENCODINGS = new Set(['', 'identity', 'gzip', 'deflate']);

const megabytes = (bytes: number) => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;

/**
 * Why n8n's body reader (raw-body behind a gunzip/inflate stream, `req.readRawBody()`) failed, as
 * the answer to give: too large (also once decompressed, e.g. a gzip bomb) is 413, anything else
 * (not valid gzip/deflate data, an aborted or truncated upload) 400.
 */
export function bodyReadError(error: unknown, encoding = ''): { status: 400 | 413; error: string } {
	type ReadError = {
		type?: unknown;
		status?: unknown;
		code?: unknown;
		limit?: unknown;
		cause?: unknown;
	};
	const outer = (error !== null && typeof error === 'object' ? error : {}) as ReadError;
	// n8n wraps a client abort in a BadRequestError whose cause is raw-body's error
	const inner = (
		outer.cause !== null && typeof outer.cause === 'object' ? outer.cause : outer
	) as ReadError;
	const type = inner.type ?? outer.type;
	const compressed = encoding === 'gzip' || encoding === 'deflate';
	if (type === 'entity.too.large' || inner.status === 413 || outer.status === 413) {
		const limit = typeof inner.limit === 'number' ? ` (${megabytes(inner.limit)})` : '';
		return {
			status: 413,
			error: `the request body is larger than n8n accepts${limit}${compressed ? ' once decompressed' : ''}`,
		};
	}
	if (typeof inner.code === 'string' && inner.code.startsWith('Z_')) {
		return {
			status: 400,
			error: `the request body is not valid ${encoding || 'compressed'} data (Content-Encoding: ${encoding || 'unknown'})`,
		};
	}
	if (type === 'request.aborted' || type === 'stream.not.readable')
		return { status: 400, error: 'the request body was not received completely' };
	if (type === 'request.size.invalid')
		return { status: 400, error: 'the request body does not match its Content-Length' };
	return { status: 400, error: 'the request body could not be read' };
}

/** Lets the rest of a refused upload flow in and away, so the connection stays usable. */
function drain(req: RawBodyRequest): void {
	req.unpipe?.();
	req.resume?.();
}

/**
 * The body exactly as received (or what n8n's parser produced), or the answer to give when it
 * cannot be read: every failure of n8n's reader becomes a 413/400 the node sends itself, so no
 * error (with its stack) reaches n8n and no execution is recorded.
 */
export async function readRequestBody(ctx: IWebhookFunctions): Promise<BodyRead> {
	const req = ctx.getRequestObject() as unknown as RawBodyRequest;
	const encoding = headerValue(req.headers ?? {}, 'content-encoding') ?? '';
	if (!READABLE_ENCODINGS.has(encoding)) {
		drain(req);
		return {
			ok: false,
			status: 400,
			error: `the request body is encoded as "${encoding}", which n8n does not decode: send it uncompressed or gzip-compressed`,
		};
	}
	if (!req.rawBody && typeof req.readRawBody === 'function') {
		try {
			await req.readRawBody();
		} catch (error) {
			drain(req);
			return { ok: false, ...bodyReadError(error, encoding) };
		}
	}
	return {
		ok: true,
		raw: Buffer.isBuffer(req.rawBody) ? req.rawBody : undefined,
		parsed: req.body,
	};
}

/** Answers the request now, with a JSON body, without starting a workflow run. */
export function respond(
	ctx: IWebhookFunctions,
	status: number,
	body: IDataObject,
	headers: Record<string, string> = {},
): IWebhookResponseData {
	const res = ctx.getResponseObject();
	for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
	res.status(status).json(body);
	return { noWebhookResponse: true };
}

/** The parts of n8n's (Express) response object `watchAnswer` touches. */
interface AnswerStream {
	statusCode: number;
	write: (...args: unknown[]) => unknown;
	end: (...args: unknown[]) => unknown;
}

/** The longest answer body kept for inspection (the vendors' answers are a few bytes). */
const MAX_WATCHED_BYTES = 64 * 1024;

function chunkBuffer(chunk: unknown, encoding: unknown): Buffer | undefined {
	if (Buffer.isBuffer(chunk)) return chunk;
	if (typeof chunk === 'string')
		return Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
	if (chunk instanceof Uint8Array) return Buffer.from(chunk);
	return undefined;
}

/**
 * Calls `done(status, body)` once, when n8n ends the response it sends for a run: the status and
 * the body written (undefined when over 64 KB). n8n writes that answer even when the client has
 * gone away, so this reports the run's answer, not whether the client received it.
 */
export function watchAnswer(
	response: unknown,
	done: (status: number, body: Buffer | undefined) => void,
): void {
	const res = response as AnswerStream;
	const chunks: Buffer[] = [];
	let size = 0;
	let finished = false;
	const keep = (chunk: unknown, encoding: unknown) => {
		const buffer = chunkBuffer(chunk, encoding);
		if (!buffer) return;
		size += buffer.length;
		if (size <= MAX_WATCHED_BYTES) chunks.push(buffer);
	};
	const write = res.write;
	const end = res.end;
	res.write = function (this: unknown, ...args: unknown[]) {
		keep(args[0], args[1]);
		return write.apply(this, args);
	};
	res.end = function (this: unknown, ...args: unknown[]) {
		if (!finished) keep(args[0], args[1]);
		const result = end.apply(this, args);
		if (!finished) {
			finished = true;
			done(res.statusCode, size <= MAX_WATCHED_BYTES ? Buffer.concat(chunks) : undefined);
		}
		return result;
	};
}

/** The scope of the ledgers: this workflow's copy of this node. */
export function ledgerScope(ctx: Pick<IWebhookFunctions, 'getWorkflow' | 'getNode'>): string {
	const workflow = ctx.getWorkflow();
	const node = ctx.getNode();
	return `${workflow.id ?? ''}:${node.id ?? node.name}`;
}
