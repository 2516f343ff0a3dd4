/**
 * Chaos: servers that accept a request and never answer, or stop in the middle of the answer. Every
 * request — token exchanges included — ends after the credential's timeout (0.2 s here) with an
 * error naming the vendor, the URL and the time; a request that is safe to repeat is sent once more,
 * a create is not (and says that the record may exist).
 */
import { useChaosFake, type Mode } from './fake';
import {
	CREATE_VENDORS,
	HALO,
	items,
	LIST_VENDORS,
	requestsTo,
	run,
	SENSE,
	TIMEOUT,
	VENDORS,
	type ChaosVendor,
} from './vendors';

const fake = useChaosFake();

const HANGS: Mode[] = ['hangBeforeHeaders', 'hangAfterHeaders'];
const path = (key: string, id = '') => key.split(' ')[1].replace(/:\w+$/, id);
const timedOut = (vendor: ChaosVendor, method: string, url: string, attempts: number) => ({
	message: `${vendor.vendor} did not answer within 0.2 s (${method} ${url})`,
	description: `No complete answer arrived within the credential's timeout of 0.2 s${attempts > 1 ? ` (${attempts} attempts)` : ''}. ${vendor.vendor} (or a proxy in between) accepted the connection but did not answer in time. Try again later, or raise "Timeout (Seconds)" in the credential.`,
});

describe.each(HANGS)('%s', (mode) => {
	it.each(VENDORS.map((v) => [v.vendor, v] as const))(
		'%s Get: timed out twice (a GET is sent once more), then an error naming URL and time',
		async (_name, vendor) => {
			fake.misbehave(vendor.routes.get, mode);
			const { outputs, error } = await run(vendor, fake, vendor.get, { timeout: TIMEOUT });
			const id =
				vendor === HALO ? '7' : vendor === SENSE ? 'c1' : vendor.name === 'sesame' ? 'e1' : 'r1';
			expect(outputs).toEqual([]);
			expect(error).toMatchObject(
				timedOut(vendor, 'GET', `${fake.url}${path(vendor.routes.get, id)}`, 2),
			);
			expect(requestsTo(fake, vendor.routes.get)).toHaveLength(2);
		},
	);

	it.each(LIST_VENDORS.map((v) => [v.vendor, v] as const))(
		'%s Get Many: the first page times out twice, then the error',
		async (_name, vendor) => {
			fake.misbehave(vendor.routes.list!, mode);
			const { error } = await run(vendor, fake, vendor.list!, { timeout: TIMEOUT });
			expect(error).toMatchObject(
				timedOut(vendor, 'GET', `${fake.url}${path(vendor.routes.list!)}`, 2),
			);
			expect(requestsTo(fake, vendor.routes.list!)).toHaveLength(2);
		},
	);

	it.each(CREATE_VENDORS.map((v) => [v.vendor, v] as const))(
		'%s Create: sent once, never again; the error says the record may have been created',
		async (_name, vendor) => {
			fake.misbehave(vendor.routes.create, mode);
			const { error } = await run(vendor, fake, vendor.create!, {
				input: items(1),
				timeout: TIMEOUT,
			});
			const url = `${fake.url}${path(vendor.routes.create)}`;
			expect(error.message).toBe(
				`${vendor.vendor} did not answer within 0.2 s (POST ${url}) (the record may have been created)`,
			);
			expect(error.description).toContain(
				`${vendor.vendor} may have received and carried out the request (POST ${url}) although no usable answer came back, so it was not sent again`,
			);
			expect(requestsTo(fake, vendor.routes.create)).toHaveLength(1);
			// the fake stored it before it hung: one record, not two
			expect(fake.stored[vendor.name]).toHaveLength(1);
		},
	);

	it('Sense Create or Update (an upsert by ID) is sent once more, then fails naming URL and time', async () => {
		fake.misbehave(SENSE.routes.create, mode);
		const { error } = await run(SENSE, fake, SENSE.upsert!, {
			input: items(2),
			timeout: TIMEOUT,
		});
		expect(error).toMatchObject(timedOut(SENSE, 'POST', `${fake.url}/sense/v1/candidates`, 2));
		expect(requestsTo(fake, SENSE.routes.create)).toHaveLength(2);
		// the same two records twice: an upsert by id stores each once
		expect(new Set(fake.stored.sense.map((r) => r.id))).toEqual(new Set(['c1', 'c2']));
	});

	it('HaloPSA token exchange: repeated once, then an error naming the token URL; no API request', async () => {
		fake.misbehave(HALO.routes.token!, mode);
		const { error } = await run(HALO, fake, HALO.get, { timeout: TIMEOUT });
		expect(error).toMatchObject(timedOut(HALO, 'POST', `${fake.url}/halo/auth/token`, 2));
		expect(requestsTo(fake, HALO.routes.token!)).toHaveLength(2);
		expect(requestsTo(fake, HALO.routes.get)).toHaveLength(0);
	});

	it('Sense token exchange: one request, then an error naming the token URL; no API request', async () => {
		fake.misbehave(SENSE.routes.token!, mode);
		const { error } = await run(SENSE, fake, SENSE.get, { timeout: TIMEOUT });
		expect(error).toMatchObject({
			message: `Sense did not answer within 0.2 s (POST ${fake.url}/sense/oauth2/token)`,
			description:
				'The token request got no complete answer within the credential\'s timeout of 0.2 s. Try again later, or raise "Timeout (Seconds)" in the credential.',
		});
		expect(requestsTo(fake, SENSE.routes.token!)).toHaveLength(1);
		expect(requestsTo(fake, SENSE.routes.get)).toHaveLength(0);
	});
});

it('a request that hangs only once is sent again and succeeds', async () => {
	fake.misbehave(HALO.routes.list!, 'hangBeforeHeaders', 1);
	const { outputs, error } = await run(HALO, fake, HALO.list!, { timeout: TIMEOUT });
	expect(error).toBeUndefined();
	expect(outputs[0].map((i) => i.json.id)).toEqual(['p1-0', 'p1-1', 'p1-2']);
	expect(requestsTo(fake, HALO.routes.list!)).toHaveLength(2);
});
