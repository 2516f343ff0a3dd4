/**
 * Shared mechanics of inbound (vendor → n8n) webhook triggers, vendor-independent:
 *  - shared-secret comparison in constant time (SHA-256 digests of both sides, `timingSafeEqual`),
 *  - reading the raw request body and accepting only a JSON object,
 *  - field look-up by dotted path (`data.employee.id`),
 *  - event filtering (known events by selection, unrecognised ones by an explicit choice),
 *  - bounded de-duplication: a ledger of recently accepted delivery keys kept in the workflow's
 *    static data (survives restarts) plus an in-process ledger per workflow+node, so duplicates that
 *    arrive concurrently — before n8n has saved the static data of the first — are caught too.
 *    Where the persisted ledger is written matters: n8n 2.x saves static data changed inside
 *    `webhook()` only while the workflow has none yet (starting the run re-wraps the same object and
 *    clears its change flag), and with a Respond to Webhook node such a save even races the answer.
 *    So `webhook()` only reads it (`claimDelivery(..., persist: false)`) and the run the delivery
 *    starts writes it (`rememberDelivery` from the trigger's `execute()`), which n8n saves after the run,
 *  - answering a request directly (401/400/2xx without starting a run).
 * Everything here but `readRawBody`/`respond` is a pure function over plain values.
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

function isPlainObject(value: unknown): value is IDataObject {
	return (
		value !== null && typeof value === 'object' && !Array.isArray(value) && !Buffer.isBuffer(value)
	);
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

export const DEFAULT_LEDGER_SIZE = 10_000;

/** Stable JSON (object keys sorted) so the same content always gives the same fingerprint. */
export function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
	if (value !== null && typeof value === 'object') {
		const entries = Object.keys(value as Record<string, unknown>)
			.sort()
			.filter((key) => (value as Record<string, unknown>)[key] !== undefined)
			.map(
				(key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`,
			);
		return `{${entries.join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

/** SHA-256 over the canonical JSON of a body: the delivery key when the vendor sends no id. */
export function fingerprint(value: unknown): string {
	return createHash('sha256').update(canonicalJson(value), 'utf8').digest('hex');
}

/**
 * Recently accepted delivery keys, oldest first, bounded to `max` entries. Each key maps to the
 * time (ms) it stops counting as a duplicate, 0 = only when evicted. Serialises to a plain object
 * (insertion order is preserved for the `k`-prefixed keys used here).
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

/** In-process ledgers, one per workflow+node (bounded like the persisted one). */
const processLedgers = new Map<string, DeliveryLedger>();

/** Only for tests: forget everything this process has seen. */
export function resetProcessLedgers(): void {
	processLedgers.clear();
}

export interface LedgerOptions {
	/** workflow id + node id: whose deliveries these are (see `ledgerScope`) */
	scope: string;
	/** e.g. `id:<delivery id>` or `body:<fingerprint>` */
	key: string;
	/** the node's static data object */
	store: IDataObject;
	/** property of `store` holding the persisted ledger */
	property?: string;
	now: number;
	/** how long the key counts as a duplicate; undefined = until evicted by newer keys */
	ttlMs?: number;
	max?: number;
}

export interface ClaimOptions extends LedgerOptions {
	/** also write the persisted ledger into `store` (default true) */
	persist?: boolean;
}

/** Keys are stored hashed (20 hex chars, 80 bits): 10,000 of them stay a small JSON object. */
function ledgerKey(key: string): string {
	return `k${createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 20)}`;
}

function processLedger(scope: string, max: number): DeliveryLedger {
	let ledger = processLedgers.get(scope);
	if (!ledger || ledger.max !== max) {
		ledger = new DeliveryLedger(max);
		processLedgers.set(scope, ledger);
	}
	return ledger;
}

function writePersisted(
	store: IDataObject,
	property: string,
	inProcess: DeliveryLedger,
	key: string,
	expires: number,
	now: number,
	max: number,
): void {
	const persisted = DeliveryLedger.from(store[property], max);
	persisted.prune(now);
	persisted.absorb(inProcess, now);
	if (!persisted.has(key, now)) persisted.add(key, expires);
	store[property] = persisted.toJSON();
}

/**
 * Records a delivery key; returns false when it was already accepted (in this process or, per the
 * persisted ledger, before a restart). Synchronous on purpose: two concurrent requests in one
 * process cannot both claim the same key. When persisting, the ledger written carries every key
 * this process accepted so far, so whichever save lands last loses nothing accepted before it.
 */
export function claimDelivery(options: ClaimOptions): boolean {
	const { scope, store, now } = options;
	const max = options.max ?? DEFAULT_LEDGER_SIZE;
	const property = options.property ?? 'deliveries';
	const key = ledgerKey(options.key);
	const inProcess = processLedger(scope, max);
	if (inProcess.has(key, now) || DeliveryLedger.from(store[property], max).has(key, now))
		return false;
	const expires = options.ttlMs === undefined ? 0 : now + options.ttlMs;
	inProcess.add(key, expires);
	if (options.persist !== false) writePersisted(store, property, inProcess, key, expires, now, max);
	return true;
}

/**
 * Writes an accepted key (and everything this process accepted) into the persisted ledger, without
 * checking: used by the run a delivery started, whose static data n8n does save.
 */
export function rememberDelivery(options: LedgerOptions): void {
	const { scope, store, now } = options;
	const max = options.max ?? DEFAULT_LEDGER_SIZE;
	const key = ledgerKey(options.key);
	const expires = options.ttlMs === undefined ? 0 : now + options.ttlMs;
	const inProcess = processLedger(scope, max);
	if (!inProcess.has(key, now)) inProcess.add(key, expires);
	writePersisted(store, options.property ?? 'deliveries', inProcess, key, expires, now, max);
}

// ---------------------------------------------------------------------------------------------
// Request / response plumbing (the only parts that touch n8n's request objects)

interface RawBodyRequest {
	rawBody?: Buffer;
	readRawBody?: () => Promise<void>;
	body?: unknown;
}

/** The body exactly as received, when n8n makes it available; otherwise what its parser produced. */
export async function readBody(
	ctx: IWebhookFunctions,
): Promise<{ raw?: Buffer; parsed?: unknown }> {
	const req = ctx.getRequestObject() as unknown as RawBodyRequest;
	if (!req.rawBody && typeof req.readRawBody === 'function') await req.readRawBody();
	return { raw: Buffer.isBuffer(req.rawBody) ? req.rawBody : undefined, parsed: req.body };
}

/** Answers the request now, with a JSON body, without starting a workflow run. */
export function respond(
	ctx: IWebhookFunctions,
	status: number,
	body: IDataObject,
): IWebhookResponseData {
	const res = ctx.getResponseObject();
	res.status(status).json(body);
	return { noWebhookResponse: true };
}

/** The scope of the ledgers: this workflow's copy of this node. */
export function ledgerScope(ctx: Pick<IWebhookFunctions, 'getWorkflow' | 'getNode'>): string {
	const workflow = ctx.getWorkflow();
	const node = ctx.getNode();
	return `${workflow.id ?? ''}:${node.id ?? node.name}`;
}
