/**
 * Moving jest's fake clock while real HTTP (nock) is in flight: requests need real turns of the
 * event loop (setImmediate stays real), timers only move when the test says so.
 *
 *   jest.useFakeTimers({ now, doNotFake: REAL_IO });
 *   await advance(59_000);   // the clock moves in 1 s steps; every request in flight lands between them
 */
export const REAL_IO: FakeableAPI[] = ['nextTick', 'setImmediate', 'queueMicrotask'];

type FakeableAPI = 'nextTick' | 'setImmediate' | 'queueMicrotask';

/**
 * Lets every request in flight arrive: real event-loop turns, and the timers due now (the HTTP
 * client's zero-delay ones) run, without moving the clock.
 */
export async function settle(turns = 50): Promise<void> {
	for (let i = 0; i < turns; i++) {
		await new Promise((resolve) => setImmediate(resolve));
		await jest.advanceTimersByTimeAsync(0);
	}
}

/** Moves the fake clock by `ms`, in `step`s, settling in-flight requests before and after each. */
export async function advance(ms: number, step = 1000): Promise<void> {
	await settle();
	for (let moved = 0; moved < ms; moved += step) {
		await jest.advanceTimersByTimeAsync(Math.min(step, ms - moved));
		await settle();
	}
}
