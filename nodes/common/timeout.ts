/**
 * How long one request may take: the credential's "Timeout (Seconds)" (60 s by default), sent with
 * every request and token exchange as n8n's `timeout` (the server must start answering, and keep
 * sending, within it), and `within`, the bounded wait of callers that queue behind another request
 * (the rate-limit gate's probe, a shared token exchange), so that nothing waits forever for a
 * request that hangs.
 */
import type { INodeProperties } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

export const DEFAULT_TIMEOUT_SECONDS = 60;

/** The credential field (every API credential has it). */
export const TIMEOUT_FIELD: INodeProperties = {
	displayName: 'Timeout (Seconds)',
	name: 'timeout',
	type: 'number',
	typeOptions: { minValue: 0.1, numberPrecision: 1 },
	default: DEFAULT_TIMEOUT_SECONDS,
	description:
		'How long to wait for the server to answer one request (token requests included) before the request fails as timed out',
};

/** The timeout of a credential in milliseconds (the default for an empty or invalid value). */
export function timeoutOf(credentials: Readonly<Record<string, unknown>> | undefined): number {
	const seconds = Number(credentials?.timeout);
	return Math.round(
		(Number.isFinite(seconds) && seconds > 0 ? seconds : DEFAULT_TIMEOUT_SECONDS) * 1000,
	);
}

/** "60 s", "0.5 s": a timeout as the messages write it. */
export const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))} s`;

export const EXPIRED = Symbol('expired');

/**
 * `work`'s result, or EXPIRED once `ms` have passed without it (the timer is cleared as soon as
 * either happens; a rejection of `work` is passed on).
 */
export async function within<T>(work: Promise<T>, ms: number): Promise<T | typeof EXPIRED> {
	const stop = new AbortController();
	const expiry: Promise<typeof EXPIRED> = sleep(ms, stop.signal).then(
		() => EXPIRED,
		() => EXPIRED,
	);
	try {
		return await Promise.race([work, expiry]);
	} finally {
		stop.abort();
	}
}
