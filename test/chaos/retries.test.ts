/**
 * Chaos: the retry rule cannot duplicate data. A create (a POST) is sent again only when the vendor
 * says it did not carry it out (429, 503 with Retry-After); after a 502, a 504 or a connection that
 * breaks after sending, the vendor may have stored the record, so the item fails saying so — one
 * record per item, never two. Reads, updates by ID and Sense's upserts by ID keep their retries.
 */
import { useChaosFake, type Mode } from './fake';
import {
	CREATE_VENDORS,
	HALO,
	items,
	requestsTo,
	run,
	SENSE,
	SESAME,
	VENDORS,
	type ChaosVendor,
} from './vendors';

const fake = useChaosFake();

const url = (vendor: ChaosVendor, key: string) => `${fake.url}${key.split(' ')[1]}`;
const host = () => new URL(fake.url).host;

/** The message of a create whose answer got lost. */
function lost(vendor: ChaosVendor, mode: Mode): string {
	if (mode === 'reset')
		return `The connection to ${vendor.vendor} broke before the answer arrived (${host()}) — the connection was reset by the server (the record may have been created)`;
	const text = mode === '502' ? 'Bad gateway' : 'Gateway timeout';
	// the fake's own words ("upstream") follow, as the vendor's message
	return `${vendor.vendor} answered ${mode}: ${text} — upstream (the record may have been created)`;
}

describe.each(['502', '504', 'reset'] as Mode[])('%s to the first create', (mode) => {
	it.each(CREATE_VENDORS.map((v) => [v.vendor, v] as const))(
		'%s: that item fails saying the record may exist; 2 items, 2 requests, 2 records',
		async (_name, vendor) => {
			fake.misbehave(vendor.routes.create, mode, 1);
			const { outputs } = await run(vendor, fake, vendor.create!, {
				input: items(2),
				continueOnFail: true,
			});
			const errors = outputs[0].filter((i) => i.json.error !== undefined);
			const created = outputs[0].filter((i) => i.json.error === undefined);
			expect(errors.map((i) => i.json.error)).toEqual([lost(vendor, mode)]);
			expect(created).toHaveLength(1);
			expect(outputs[0].map((i) => (i.pairedItem as { item: number }).item).sort()).toEqual([0, 1]);
			expect(requestsTo(fake, vendor.routes.create)).toHaveLength(2);
			// the failed attempt stored its record too: one record per item, no third
			expect(fake.stored[vendor.name]).toHaveLength(2);
			expect(new Set(fake.stored[vendor.name].map((r) => r.name ?? r.subject))).toEqual(
				new Set(['n1', 'n2']),
			);
		},
	);
});

it('the description says how to check before running the item again', async () => {
	fake.misbehave(SESAME.routes.create, '504', 1);
	const { error } = await run(SESAME, fake, SESAME.create!, { input: items(1) });
	// the fake's 504 says "upstream" (as text): its own words come first
	expect(error.description).toBe(
		'upstream\n' +
			`Sesame HR may have received and carried out the request (POST ${url(SESAME, SESAME.routes.create)}) although no usable answer came back, so it was not sent again: a second request could create the record twice. ` +
			'Check in Sesame HR (for example with a Get Many or search of the record) whether it exists before running this item again.',
	);
});

describe.each(['429', '503'] as Mode[])(
	'%s with Retry-After to a create (the vendor says it did not carry it out)',
	(mode) => {
		it.each(CREATE_VENDORS.map((v) => [v.vendor, v] as const))(
			'%s: sent again and created once',
			async (_name, vendor) => {
				fake.misbehave(vendor.routes.create, mode, 1);
				const { outputs, error } = await run(vendor, fake, vendor.create!, { input: items(1) });
				expect(error).toBeUndefined();
				expect(outputs[0]).toHaveLength(1);
				expect(requestsTo(fake, vendor.routes.create)).toHaveLength(2);
				expect(fake.stored[vendor.name]).toHaveLength(1);
			},
		);
	},
);

describe.each(['502', '504', 'reset'] as Mode[])(
	'%s once to a request that cannot duplicate',
	(mode) => {
		it.each(VENDORS.map((v) => [v.vendor, v] as const))(
			'%s Get: sent again, succeeds',
			async (_n, vendor) => {
				fake.misbehave(vendor.routes.get, mode, 1);
				const { outputs, error } = await run(vendor, fake, vendor.get);
				expect(error).toBeUndefined();
				expect(outputs[0]).toHaveLength(1);
				expect(requestsTo(fake, vendor.routes.get)).toHaveLength(2);
			},
		);

		it('Sense Create or Update (an upsert by ID): sent again, each record stored under its id', async () => {
			fake.misbehave(SENSE.routes.create, mode, 1);
			const { outputs, error } = await run(SENSE, fake, SENSE.upsert!, { input: items(2) });
			expect(error).toBeUndefined();
			expect(outputs[0].map((i) => i.json)).toEqual([
				{ id: 'c1', request_id: expect.stringMatching(/^req-/), message: 'received' },
				{ id: 'c2', request_id: expect.stringMatching(/^req-/), message: 'received' },
			]);
			expect(requestsTo(fake, SENSE.routes.create)).toHaveLength(2);
			expect(new Set(fake.stored.sense.map((r) => r.id))).toEqual(new Set(['c1', 'c2']));
		});

		it('HaloPSA Update (a POST by ID): sent again, succeeds, nothing created', async () => {
			fake.misbehave(HALO.routes.create, mode, 1);
			const { outputs, error } = await run(HALO, fake, {
				resource: 'appointment',
				operation: 'update',
				appointmentId: { __rl: true, mode: 'id', value: '7' },
				updateFields: { subject: 'Moved' },
				jsonBody: '{}',
			});
			expect(error).toBeUndefined();
			expect(outputs[0].map((i) => i.json)).toEqual([{ id: 7, subject: 'Moved' }]);
			expect(requestsTo(fake, HALO.routes.create)).toHaveLength(2);
			expect(fake.stored.halo).toHaveLength(0);
		});
	},
);
