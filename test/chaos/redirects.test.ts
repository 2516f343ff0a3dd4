/**
 * Chaos: a vendor (or whoever answers in its place) redirects a request to another host. The
 * credential never follows it there — no API key, bearer token or client secret reaches that host —
 * and the error names both hosts. A redirect on the same host is followed.
 */
import { useChaosFake, type Mode } from './fake';
import {
	CREATE_VENDORS,
	HALO,
	items,
	requestsTo,
	run,
	SENSE,
	TOKEN_VENDORS,
	VENDORS,
	type ChaosVendor,
} from './vendors';

const fake = useChaosFake();

const hosts = () => ({ from: new URL(fake.url).host, to: new URL(fake.elsewhere.url).host });

describe.each(['redirect307', 'redirect308'] as Mode[])('%s to another host', (mode) => {
	const status = mode === 'redirect307' ? 307 : 308;

	it.each(VENDORS.map((v) => [v.vendor, v] as const))(
		'%s Get: not followed, the error names both hosts',
		async (_name, vendor) => {
			fake.misbehave(vendor.routes.get, mode);
			const { error } = await run(vendor, fake, vendor.get);
			const { from, to } = hosts();
			expect(error.message).toBe(
				`${vendor.vendor} redirected the request from ${from} to ${to}, another host: not followed`,
			);
			expect(error.description).toContain(`was answered ${status}.`);
			expect(fake.elsewhere.requests).toEqual([]);
			expect(requestsTo(fake, vendor.routes.get)).toHaveLength(1);
		},
	);

	it.each([...CREATE_VENDORS.map((v) => [v.vendor, v] as const), ['Sense', SENSE] as const])(
		'%s Create: the body and the credential stay here',
		async (_name, vendor: ChaosVendor) => {
			fake.misbehave(vendor.routes.create, mode);
			const parameters = vendor === SENSE ? SENSE.upsert! : vendor.create!;
			const { error } = await run(vendor, fake, parameters, { input: items(1) });
			const { from, to } = hosts();
			expect(error.message).toBe(
				`${vendor.vendor} redirected the request from ${from} to ${to}, another host: not followed`,
			);
			expect(fake.elsewhere.requests).toEqual([]);
		},
	);

	it.each(TOKEN_VENDORS.map((v) => [v.vendor, v] as const))(
		'%s token URL: the client secret is not posted to the other host',
		async (_name, vendor) => {
			fake.misbehave(vendor.routes.token!, mode);
			const { error } = await run(vendor, fake, vendor.get);
			const { from, to } = hosts();
			expect(error.message).toBe(
				`The ${vendor.vendor} token URL redirected from ${from} to ${to}, another host: not followed`,
			);
			expect(error.description).toBe(
				`The client ID and secret are sent only to ${from}, the token URL of the credential. If the token endpoint has moved, enter its new address in the credential.`,
			);
			expect(fake.elsewhere.requests).toEqual([]);
			expect(requestsTo(fake, vendor.routes.get)).toHaveLength(0);
		},
	);
});

it.each(VENDORS.map((v) => [v.vendor, v] as const))(
	'%s: a redirect on the same host is followed, with the credential',
	async (_name, vendor) => {
		fake.misbehave(vendor.routes.get, 'redirectSameHost', 1);
		const { outputs, error } = await run(vendor, fake, vendor.get);
		expect(error).toBeUndefined();
		expect(outputs[0]).toHaveLength(1);
		const sent = requestsTo(fake, vendor.routes.get);
		expect(sent).toHaveLength(2);
		const credential = (r: (typeof sent)[number]) =>
			r.headers.authorization ?? r.headers['x-api-key'];
		expect(credential(sent[1])).toBe(credential(sent[0]));
		expect(credential(sent[1])).toBeTruthy();
	},
);

it('a token URL redirect on the same host is followed (the form posted again)', async () => {
	fake.misbehave(HALO.routes.token!, 'redirectSameHost', 1);
	const { error } = await run(HALO, fake, HALO.get);
	expect(error).toBeUndefined();
	const tokens = requestsTo(fake, HALO.routes.token!);
	expect(tokens).toHaveLength(2);
	expect(tokens[1].body).toEqual(tokens[0].body);
	expect(tokens[1].query).toEqual({ tenant: 'acme' });
});
