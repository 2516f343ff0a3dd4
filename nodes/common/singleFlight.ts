/**
 * One in-process request at a time per key: concurrent callers (items, executions) that need the
 * same token share the pending exchange. Only the pending promise is kept; keys are hashes, so no
 * secret is held in clear as a key.
 */
import { createHash } from 'crypto';

/** A stable key from parts that may include secrets. */
export function secretKey(...parts: string[]): string {
	return createHash('sha256').update(parts.join('\u0000')).digest('hex');
}

export class SingleFlight<T> {
	private readonly pending = new Map<string, Promise<T>>();

	run(key: string, task: () => Promise<T>): Promise<T> {
		let flight = this.pending.get(key);
		if (!flight) {
			flight = task().finally(() => this.pending.delete(key));
			this.pending.set(key, flight);
		}
		return flight;
	}
}
