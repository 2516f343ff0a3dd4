/**
 * One in-process request at a time per key: concurrent callers (items, executions) that need the
 * same token share the pending exchange. Only the pending promise is kept; keys are hashes, so no
 * secret is held in clear as a key. A caller that joins waits at most `waitMs` (the request
 * timeout): an exchange that hangs longer is given up, so the next caller starts a new one.
 */
import { createHash } from 'crypto';

import { EXPIRED, within } from './timeout';

/** A stable key from parts that may include secrets. */
export function secretKey(...parts: string[]): string {
	return createHash('sha256').update(parts.join('\u0000')).digest('hex');
}

export class SingleFlight<T> {
	private readonly pending = new Map<string, Promise<T>>();

	async run(
		key: string,
		task: () => Promise<T>,
		join?: { waitMs: number; expired: () => unknown },
	): Promise<T> {
		const flight = this.pending.get(key);
		if (!flight) {
			const started = task().finally(() => {
				if (this.pending.get(key) === started) this.pending.delete(key);
			});
			this.pending.set(key, started);
			return await started;
		}
		if (!join) return await flight;
		const result = await within(flight, join.waitMs);
		if (result !== EXPIRED) return result;
		if (this.pending.get(key) === flight) this.pending.delete(key);
		throw join.expired();
	}
}
