/**
 * Chaos: a request that hangs must not hold the in-process mechanisms it shares with other
 * executions of the same credential — the rate-limit gate (Sessions probes its budget with one
 * request first) and the token exchange that concurrent executions share (Sense). A waiter waits
 * at most its own timeout. (Its own file: the gate and the token cache live in module state.)
 */
import { useChaosFake } from './fake';
import { items, requestsTo, run, SENSE, SESSIONS, storeFor, TIMEOUT } from './vendors';

const fake = useChaosFake();

/** Runs `work`, recording in `order` when it settled. */
const track = async <T>(order: string[], name: string, work: Promise<T>) => {
	const result = await work;
	order.push(name);
	return result;
};

it('Sessions: a hung probe does not hold another execution of the credential beyond its own timeout', async () => {
	// A (1 s timeout) sends the gate's probe, a create that hangs; B (0.2 s) waits for the probe
	// at most 0.2 s, then sends its own request to the healthy list and is done while A still waits
	fake.misbehave(SESSIONS.routes.create, 'hangBeforeHeaders');
	let settled = false;
	const a = run(SESSIONS, fake, SESSIONS.create!, {
		store: storeFor(SESSIONS, fake, { timeout: 1 }),
		input: items(1),
	}).finally(() => (settled = true));
	while (requestsTo(fake, SESSIONS.routes.create).length === 0)
		await new Promise((resolve) => setImmediate(resolve));
	const b = await run(SESSIONS, fake, SESSIONS.list!, { timeout: TIMEOUT });
	expect(settled).toBe(false);
	expect(b.error).toBeUndefined();
	expect(b.outputs[0].map((i) => i.json.id)).toEqual(['p1-0', 'p1-1', 'p1-2']);
	const first = await a;
	expect(first.error.message).toBe(
		`Sessions did not answer within 1 s (POST ${fake.url}/sessions/api/rooms) (the record may have been created)`,
	);
	expect(requestsTo(fake, SESSIONS.routes.list!)).toHaveLength(1);
	expect(requestsTo(fake, SESSIONS.routes.create)).toHaveLength(1);
});

it('Sense: a hung token exchange is given up by those who joined it; the next execution gets a token', async () => {
	// A (1 s) starts the exchange, which hangs; B (0.2 s) joins it and gives up after 0.2 s;
	// C then starts a new exchange, which is answered, and finishes while A still waits
	fake.misbehave(SENSE.routes.token!, 'hangBeforeHeaders', 1);
	const order: string[] = [];
	const a = track(
		order,
		'A',
		run(SENSE, fake, SENSE.get, { store: storeFor(SENSE, fake, { timeout: 1 }) }),
	);
	while (requestsTo(fake, SENSE.routes.token!).length === 0)
		await new Promise((resolve) => setImmediate(resolve));
	const b = await track(order, 'B', run(SENSE, fake, SENSE.get, { timeout: TIMEOUT }));
	const c = await track(order, 'C', run(SENSE, fake, SENSE.get, { timeout: TIMEOUT }));
	const first = await a;
	expect(order).toEqual(['B', 'C', 'A']);
	expect(b.error.message).toBe(
		`Sense did not answer within 0.2 s (POST ${fake.url}/sense/oauth2/token)`,
	);
	expect(c.error).toBeUndefined();
	expect(c.outputs[0][0].json).toEqual({ id: 'c1', first_name: 'Ada' });
	expect(first.error.message).toBe(
		`Sense did not answer within 1 s (POST ${fake.url}/sense/oauth2/token)`,
	);
	// A's hung exchange (whose token never arrived) and C's: B sent none of its own
	expect(requestsTo(fake, SENSE.routes.token!)).toHaveLength(2);
	expect(fake.tokens.map((t) => t.token)).toEqual(['sense-client:1', 'sense-client:2']);
	expect(requestsTo(fake, SENSE.routes.get).map((r) => r.headers.authorization)).toEqual([
		'Bearer sense-client:2',
	]);
});
