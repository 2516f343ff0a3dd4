/**
 * What a webhook trigger knows about the deliveries it accepted: which keys (delivery ids, body
 * fingerprints) ran, what they were answered, and which are still running — so that a vendor's
 * re-delivery, concurrent or after a restart, starts no second run and gets the first answer.
 *
 * One ledger per workflow + node (`ledgerFor(scope)`), kept by the process that receives the
 * webhooks. Every decision is synchronous, so two requests of one process cannot both claim a key.
 * A key is in one of three states:
 *  - running: its run was started and its answer has not gone out yet. Re-deliveries wait for that
 *    answer (bounded by the caller) instead of being answered without it. A running key may be
 *    `provisional`: counted as delivered already (a trigger that answers on receipt), but still
 *    turned back into "open" if the answer that goes out is a failure.
 *  - done: delivered. The answer is kept when it is not the trigger's default (Sense's
 *    `{id, entity_id}` for ENTITY_CREATE); re-deliveries get it again. Bounded to `max` keys,
 *    oldest evicted first; a key may expire (`ttlMs`, body fingerprints).
 *  - open (absent): never seen, or its run failed — the next delivery starts a run.
 *
 * The copy that survives a restart is the `done` (and provisional) keys, written into the node's
 * static data as one compact value (`StoredLedger`: 11 characters per key) by the receiving process
 * only. `view()` is what is written there: an object whose JSON is the ledger at the moment n8n
 * serialises it, so whichever save of the workflow's static data lands last carries every key
 * known by then. The ledger of a process reads the stored copy once (`absorb`), at its first request.
 */
import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

/** Bytes of a key's SHA-256 kept: 64 bits (a collision among 10,000 keys: ~1 in 10^11). */
const HASH_BYTES = 8;
/** Characters of a hashed key (base64url of 8 bytes). */
export const KEY_CHARS = 11;
const KEY_PATTERN = /^[A-Za-z0-9_-]{11}$/;
/** Version of the stored format. */
const FORMAT = 2;
/** How long a save asked for (`shouldSave`) may take before another request asks again. */
export const SAVE_PENDING_MS = 2000;

/** The persisted form: keys oldest first, expiries and kept answers by key. */
export interface StoredLedger {
	v: typeof FORMAT;
	/** the hashed keys, `KEY_CHARS` each, concatenated, oldest first */
	keys: string;
	/** expiry (ms since epoch) of the keys that expire */
	ttl?: Record<string, number>;
	/** answers that are not the trigger's default */
	answers?: Record<string, IDataObject>;
}

interface Done {
	/** ms since epoch; 0 = until evicted */
	expires: number;
	answer?: IDataObject;
}

interface Running {
	settled: Promise<void>;
	settle: () => void;
	provisional: boolean;
	/** expiry of the key once delivered, as computed at the claim */
	expires: number;
}

/** How a delivery ended. */
export interface Outcome {
	delivered: boolean;
	/** what to answer re-deliveries with; undefined = the trigger's default */
	answer?: IDataObject;
}

export type Claim =
	/** Not seen before (or open again): the caller starts the run and reports its outcome. */
	| { state: 'fresh'; settle(outcome: Outcome): void }
	/** Delivered before: answer with `answer` (or the default). */
	| { state: 'done'; answer?: IDataObject }
	/** Its first delivery is still running: wait for `settled`, then claim again. */
	| { state: 'running'; settled: Promise<void> };

/** The hashed form of a delivery key (what is kept, in memory and in static data). */
export function hashKey(key: string): string {
	return createHash('sha256')
		.update(key, 'utf8')
		.digest()
		.subarray(0, HASH_BYTES)
		.toString('base64url');
}

function isObject(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

const finite = (value: unknown): number =>
	typeof value === 'number' && Number.isFinite(value) ? value : 0;

/**
 * The entries of a stored ledger, oldest first: the current format, or the first one
 * (`{"k<20 hex chars>": expiry}`, whose first 16 hex characters are the same 8 bytes).
 */
export function storedEntries(stored: unknown): Array<[string, Done]> {
	if (!isObject(stored)) return [];
	if (stored.v === FORMAT && typeof stored.keys === 'string') {
		const ttl = isObject(stored.ttl) ? stored.ttl : {};
		const answers = isObject(stored.answers) ? stored.answers : {};
		const entries: Array<[string, Done]> = [];
		for (let at = 0; at + KEY_CHARS <= stored.keys.length; at += KEY_CHARS) {
			const key = stored.keys.slice(at, at + KEY_CHARS);
			if (!KEY_PATTERN.test(key)) continue;
			const answer = answers[key];
			entries.push([
				key,
				{
					expires: finite(ttl[key]),
					...(isObject(answer) ? { answer: answer as IDataObject } : {}),
				},
			]);
		}
		return entries;
	}
	const entries: Array<[string, Done]> = [];
	for (const [name, expires] of Object.entries(stored)) {
		const hex = /^k([0-9a-f]{16})[0-9a-f]*$/.exec(name)?.[1];
		if (hex)
			entries.push([Buffer.from(hex, 'hex').toString('base64url'), { expires: finite(expires) }]);
	}
	return entries;
}

export class DeliveryBook {
	private done = new Map<string, Done>();
	private readonly running = new Map<string, Running>();
	private absorbed = false;
	/** bumped by every change of what `stored()` returns */
	private version = 0;
	/** the last `stored()`, valid for its version until its first key expires */
	private cache?: { version: number; until: number; stored: StoredLedger };
	/** the version the last `stored()` call (n8n serialising the view) saw */
	private serialisedVersion = 0;
	/** when a view was last handed out to be saved, until n8n serialises one */
	private saveAskedAt?: number;

	constructor(private max: number) {}

	/** Bounds the ledger (the node's option may change between requests). */
	resize(max: number): void {
		if (max === this.max) return;
		this.max = max;
		this.evict();
	}

	/** Takes in the stored copy once (the first request of this process): older than anything here. */
	absorb(stored: unknown): void {
		if (this.absorbed) return;
		this.absorbed = true;
		const entries = storedEntries(stored);
		if (entries.length === 0) return;
		const merged = new Map<string, Done>();
		for (const [key, entry] of entries) if (!this.done.has(key)) merged.set(key, entry);
		for (const [key, entry] of this.done) merged.set(key, entry);
		this.done = merged;
		this.evict();
	}

	/**
	 * Claims a key. `provisional`: the trigger answers on receipt, so the key counts as delivered in
	 * the stored copy as soon as it is claimed. `ttlMs`: how long it counts once delivered.
	 */
	claim(key: string, now: number, options: { ttlMs?: number; provisional?: boolean } = {}): Claim {
		const hashed = hashKey(key);
		const running = this.running.get(hashed);
		if (running) return { state: 'running', settled: running.settled };
		const done = this.done.get(hashed);
		if (done) {
			if (done.expires === 0 || done.expires > now) return { state: 'done', answer: done.answer };
			this.done.delete(hashed);
			this.version++;
		}
		let settle!: () => void;
		const settled = new Promise<void>((resolve) => (settle = resolve));
		const entry: Running = {
			settled,
			settle,
			provisional: options.provisional === true,
			expires: options.ttlMs === undefined ? 0 : now + options.ttlMs,
		};
		this.running.set(hashed, entry);
		if (entry.provisional) this.version++;
		let once = false;
		return {
			state: 'fresh',
			settle: (outcome) => {
				if (once) return;
				once = true;
				this.running.delete(hashed);
				if (outcome.delivered) {
					this.done.delete(hashed);
					this.done.set(hashed, {
						expires: entry.expires,
						...(outcome.answer ? { answer: outcome.answer } : {}),
					});
					this.evict();
					this.version++;
				} else if (entry.provisional) {
					this.version++;
				}
				entry.settle();
			},
		};
	}

	/** Whether `key` is running or delivered in this process (it was received here). */
	knows(key: string): boolean {
		const hashed = hashKey(key);
		return this.running.has(hashed) || this.done.has(hashed);
	}

	get size(): number {
		return this.done.size;
	}

	/** Whether something changed since n8n last serialised the view (worth a save). */
	get unsaved(): boolean {
		return this.version !== this.serialisedVersion;
	}

	/**
	 * Whether the caller should write the view into static data now (n8n then saves it): something
	 * changed, and no view handed out in the last `SAVE_PENDING_MS` is still to be serialised — that
	 * save will carry this change too, as the view is serialised when it is saved. Under load this
	 * makes one save of many requests; a save that never happened stops counting after the grace.
	 */
	shouldSave(now: number): boolean {
		if (!this.unsaved) return false;
		if (this.saveAskedAt !== undefined && now - this.saveAskedAt < SAVE_PENDING_MS) return false;
		this.saveAskedAt = now;
		return true;
	}

	/** The persisted form of the ledger now: delivered and provisional keys, unexpired. */
	stored(now = Date.now()): StoredLedger {
		this.serialisedVersion = this.version;
		this.saveAskedAt = undefined;
		if (this.cache?.version === this.version && now < this.cache.until) return this.cache.stored;
		const live: Array<[string, Done]> = [];
		for (const [key, entry] of this.done)
			if (entry.expires === 0 || entry.expires > now) live.push([key, entry]);
		for (const [key, entry] of this.running)
			if (entry.provisional && !this.done.has(key) && (entry.expires === 0 || entry.expires > now))
				live.push([key, { expires: entry.expires }]);
		const kept = live.slice(-this.max);
		const ttl: Record<string, number> = {};
		const answers: Record<string, IDataObject> = {};
		let until = Infinity;
		for (const [key, entry] of kept) {
			if (entry.expires !== 0) {
				ttl[key] = entry.expires;
				until = Math.min(until, entry.expires);
			}
			if (entry.answer) answers[key] = entry.answer;
		}
		const stored: StoredLedger = {
			v: FORMAT,
			keys: kept.map(([key]) => key).join(''),
			...(Object.keys(ttl).length ? { ttl } : {}),
			...(Object.keys(answers).length ? { answers } : {}),
		};
		this.cache = { version: this.version, until, stored };
		return stored;
	}

	/**
	 * What to put into static data: an object whose JSON is `stored()` at the moment n8n serialises
	 * it (the function is not enumerable: n8n's observable wrapper and deep copies pass it on).
	 */
	view(): IDataObject {
		const view = {};
		Object.defineProperty(view, 'toJSON', { value: () => this.stored(), enumerable: false });
		return view as IDataObject;
	}

	private evict(): void {
		let changed = false;
		while (this.done.size > this.max) {
			this.done.delete(this.done.keys().next().value as string);
			changed = true;
		}
		if (changed) this.version++;
	}
}

/** The ledgers of this process, one per workflow + node. */
const books = new Map<string, DeliveryBook>();

/** The ledger of a workflow's trigger node in this process, bounded to `max` delivered keys. */
export function ledgerFor(scope: string, max: number): DeliveryBook {
	let book = books.get(scope);
	if (!book) {
		book = new DeliveryBook(max);
		books.set(scope, book);
	} else book.resize(max);
	return book;
}

/** The ledger of a scope if this process has one (it received deliveries for it). */
export function existingLedger(scope: string): DeliveryBook | undefined {
	return books.get(scope);
}

/** Only for tests: forget every ledger of this process (as a restart does). */
export function resetLedgers(): void {
	books.clear();
}
