/**
 * Client-side rate-limit gate shared by every request a node process sends with one credential.
 *
 * Vendors announce their budget in response headers (limit / remaining / seconds to reset). The gate
 * reads them after every response and, once the budget is spent, holds further requests until the
 * window resets — so a run that needs more requests than the limit waits instead of failing with 429.
 * While the budget is unknown (first request, or right after a reset) a `headerDriven` gate lets a
 * single probe request through and sizes the rest of the window from its answer, which avoids a burst
 * of concurrent item requests all hitting 429 at once.
 *
 * A vendor that announces nothing can be given a client-side budget instead (`RequestBudget`: at most
 * N requests in any rolling window of T): the gate remembers when it admitted each request of the
 * last window and holds the next one until the oldest leaves the window. Both apply together, and a
 * 429 still blocks every request until the reset the vendor announces.
 *
 * State lives at module level, keyed by credential id + base URL (never by secret), so it is shared
 * across items and executions within one n8n process (main or worker).
 */
import { sleep } from 'n8n-workflow';

import { headerValue, type Headers } from './headers';
import { EXPIRED, within } from './timeout';

const REMAINING_HEADERS = [
	'x-ratelimit-remaining',
	'ratelimit-remaining',
	'x-rate-limit-remaining',
];
const RESET_HEADERS = ['x-ratelimit-reset', 'ratelimit-reset', 'x-rate-limit-reset'];

/**
 * Milliseconds until the vendor's window resets, from `Retry-After` (seconds or HTTP date) or the
 * usual `*-reset` headers (seconds left, or an epoch timestamp in seconds/milliseconds).
 */
export function resetDelayMs(headers: Headers | undefined, now = Date.now()): number | undefined {
	const retryAfter = headerValue(headers, 'retry-after');
	if (retryAfter !== undefined) {
		const seconds = Number(retryAfter);
		if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
		const date = Date.parse(retryAfter);
		if (!Number.isNaN(date)) return Math.max(0, date - now);
	}
	const reset = headerValue(headers, RESET_HEADERS);
	if (reset !== undefined) {
		const value = Number(reset);
		if (!Number.isFinite(value)) return undefined;
		if (value > 1e12) return Math.max(0, value - now);
		if (value > 1e9) return Math.max(0, value * 1000 - now);
		return Math.max(0, value * 1000);
	}
	return undefined;
}

export function remainingRequests(headers: Headers | undefined): number | undefined {
	const value = headerValue(headers, REMAINING_HEADERS);
	if (value === undefined) return undefined;
	const n = Number(value);
	return Number.isFinite(n) ? n : undefined;
}

/** At most `limit` requests in any `windowMs` milliseconds (a rolling window). */
export interface RequestBudget {
	limit: number;
	windowMs: number;
}

/**
 * The budget a credential configures in two number fields (requests, window in seconds); a field
 * left empty takes its default, and a limit or window of 0 (or less) means no client-side budget.
 */
export function credentialBudget(
	credentials: Record<string, unknown>,
	fields: { limit: string; windowSeconds: string },
	defaults: { limit: number; windowSeconds: number },
): RequestBudget | undefined {
	const read = (name: string, fallback: number) => {
		const value = credentials[name];
		if (value === undefined || value === null || value === '') return fallback;
		const n = Number(value);
		return Number.isFinite(n) ? n : fallback;
	};
	const limit = Math.floor(read(fields.limit, defaults.limit));
	const windowMs = read(fields.windowSeconds, defaults.windowSeconds) * 1000;
	return limit > 0 && windowMs > 0 ? { limit, windowMs } : undefined;
}

export interface Ticket {
	/** Report the response headers (or nothing, on a network error) of the request this ticket allowed. */
	done(headers?: Headers, status?: number): void;
}

export class RateGate {
	private remaining: number | undefined;
	private resetAt = 0;
	private blockedUntil = 0;
	private probe: Promise<void> | undefined;
	private releaseProbe: (() => void) | undefined;
	private lock: Promise<void> = Promise.resolve();
	private budget: RequestBudget | undefined;
	/** When the requests of the budget's rolling window were admitted, oldest first. */
	private admitted: number[] = [];

	constructor(private readonly headerDriven: boolean) {}

	/** Sets (or, with undefined, removes) the client-side budget; the requests admitted so far count. */
	setBudget(budget: RequestBudget | undefined): void {
		this.budget = budget;
		if (!budget) this.admitted = [];
	}

	/** Milliseconds until the budget admits another request (0 = now). */
	private budgetWait(now: number): number {
		const budget = this.budget;
		if (!budget) return 0;
		while (this.admitted.length > 0 && this.admitted[0] <= now - budget.windowMs)
			this.admitted.shift();
		if (this.admitted.length < budget.limit) return 0;
		return this.admitted[this.admitted.length - budget.limit] + budget.windowMs - now;
	}

	/**
	 * Wait until a request may be sent. Acquisitions are serialised; the requests themselves are not.
	 * `probeWaitMs` bounds the wait for another caller's probe (the request timeout): a probe that
	 * has not answered by then is given up, and this request becomes the probe.
	 */
	async acquire(signal?: AbortSignal, probeWaitMs = Number.POSITIVE_INFINITY): Promise<Ticket> {
		let unlock!: () => void;
		const previous = this.lock;
		this.lock = new Promise<void>((resolve) => (unlock = resolve));
		await previous;
		try {
			return await this.admit(signal, probeWaitMs);
		} finally {
			unlock();
		}
	}

	private async admit(signal: AbortSignal | undefined, probeWaitMs: number): Promise<Ticket> {
		for (;;) {
			if (signal?.aborted) break;
			const now = Date.now();
			if (now < this.blockedUntil) {
				await sleep(this.blockedUntil - now);
				continue;
			}
			const budgetWait = this.budgetWait(now);
			if (budgetWait > 0) {
				await sleep(budgetWait);
				continue;
			}
			if (this.remaining !== undefined && this.remaining <= 0) {
				if (now < this.resetAt) {
					await sleep(this.resetAt - now + 50);
					continue;
				}
				this.remaining = undefined;
			}
			if (this.remaining === undefined && this.headerDriven) {
				if (this.probe) {
					const probe = this.probe;
					const answered = Number.isFinite(probeWaitMs)
						? await within(probe, probeWaitMs)
						: await probe;
					// the probe hangs: give it up, and this request probes instead
					if (answered === EXPIRED) this.endProbe(probe);
					continue;
				}
				let release!: () => void;
				const probe = new Promise<void>((resolve) => (release = resolve));
				this.probe = probe;
				this.releaseProbe = release;
				if (this.budget) this.admitted.push(now);
				return this.ticket(probe);
			}
			if (this.remaining !== undefined) this.remaining -= 1;
			if (this.budget) this.admitted.push(now);
			return this.ticket();
		}
		return this.ticket();
	}

	/** Ends `probe` if it is still the current one. */
	private endProbe(probe: Promise<void>): void {
		if (this.probe !== probe) return;
		const release = this.releaseProbe;
		this.probe = undefined;
		this.releaseProbe = undefined;
		release?.();
	}

	private ticket(probe?: Promise<void>): Ticket {
		let used = false;
		return {
			done: (headers?: Headers, status?: number) => {
				if (used) return;
				used = true;
				this.observe(headers, status);
				if (probe) this.endProbe(probe);
			},
		};
	}

	/** Learn the budget from a response. A 429 blocks every request until the announced reset. */
	observe(headers?: Headers, status?: number, now = Date.now()): void {
		const delay = resetDelayMs(headers, now);
		if (status === 429) {
			this.blockedUntil = Math.max(this.blockedUntil, now + (delay ?? 1000));
			this.remaining = undefined;
			return;
		}
		const remaining = remainingRequests(headers);
		if (remaining === undefined) {
			if (this.remaining === undefined && this.headerDriven) {
				// The vendor sent no budget: stop probing for this window and let requests flow.
				this.remaining = Number.POSITIVE_INFINITY;
				this.resetAt = now + 60_000;
			}
			return;
		}
		this.remaining = this.remaining === undefined ? remaining : Math.min(this.remaining, remaining);
		if (delay !== undefined) this.resetAt = now + delay;
	}
}

const gates = new Map<string, RateGate>();

/** The gate of `key`, with `budget` (none = no client-side budget) from now on. */
export function gateFor(key: string, headerDriven: boolean, budget?: RequestBudget): RateGate {
	let gate = gates.get(key);
	if (!gate) {
		gate = new RateGate(headerDriven);
		gates.set(key, gate);
	}
	gate.setBudget(budget);
	return gate;
}
