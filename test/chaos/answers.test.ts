/**
 * Chaos: 200 answers that are not what the operation reads — a login page, an empty body, JSON cut
 * in half, JSON of another shape. None counts as a success: each is an error naming the vendor, the
 * status, the content type and the first characters of the answer (never a credential value), and
 * none is sent again.
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
	VENDORS,
	type ChaosVendor,
} from './vendors';

const fake = useChaosFake();

const LOGIN =
	'<!DOCTYPE html><html><head><title>Sign in</title></head><body><form action="/login">…</form></body></html>';

/** Every credential value of the suite that must never appear in an error. */
const SECRETS = [
	'sessions-key-123',
	'sesame-token-123',
	'secret-of-halo-client',
	'secret-of-sense-client',
	'halo-client:1',
	'sense-client:1',
];
const noSecrets = (value: unknown) => {
	const text = JSON.stringify(value);
	for (const secret of SECRETS) expect(text).not.toContain(secret);
};

const path = (key: string) => key.split(' ')[1];

/** The message and the first line of the description for `mode`. */
function expected(vendor: ChaosVendor, mode: Mode, request: string, body: string) {
	const what: Record<string, string> = {
		html: 'an HTML page (text/html) instead of JSON',
		empty: 'an empty body (application/json) instead of JSON',
		truncated: 'incomplete JSON (application/json)',
	};
	const type = mode === 'html' ? 'text/html' : 'application/json';
	const start = body.length > 120 ? `${body.slice(0, 120)}…` : body;
	return {
		message: `${vendor.vendor} answered 200 with ${what[mode]}`,
		line: `${request} answered 200, content type ${type}, ${body.length} characters${body ? `, starting with: ${start}` : ''}.`,
	};
}

describe.each(['html', 'empty', 'truncated'] as Mode[])('a 200 with %s', (mode) => {
	it.each(LIST_VENDORS.map((v) => [v.vendor, v] as const))(
		'%s Get Many: an error, not an empty or HTML list; one request',
		async (_name, vendor) => {
			fake.misbehave(vendor.routes.list!, mode);
			const { outputs, error } = await run(vendor, fake, vendor.list!);
			expect(outputs).toEqual([]);
			const sent = requestsTo(fake, vendor.routes.list!);
			expect(sent).toHaveLength(1);
			const request = `GET ${fake.url}${path(vendor.routes.list!)}`;
			const page: Record<string, string> = {
				sessions: '[{"id":"p1-0"},{"id":"p1-1"},{"id":"p1-2"}]',
				sesame:
					'{"data":[{"id":"p1-0"},{"id":"p1-1"},{"id":"p1-2"}],"meta":{"currentPage":1,"lastPage":1,"total":3,"perPage":1000}}',
				halo: '{"record_count":3,"appointments":[{"id":"p1-0"},{"id":"p1-1"},{"id":"p1-2"}]}',
			};
			const full = page[vendor.name];
			const body =
				mode === 'html'
					? LOGIN
					: mode === 'empty'
						? ''
						: full.slice(0, Math.floor(full.length / 2));
			const { message, line } = expected(vendor, mode, request, body);
			expect(error.message).toBe(message);
			expect(error.description.split('\n')[0]).toBe(line);
			noSecrets(error);
		},
	);

	it.each(VENDORS.map((v) => [v.vendor, v] as const))(
		'%s Get: an error naming status, type and first characters; one request',
		async (_name, vendor) => {
			fake.misbehave(vendor.routes.get, mode);
			const { outputs, error } = await run(vendor, fake, vendor.get);
			expect(outputs).toEqual([]);
			expect(requestsTo(fake, vendor.routes.get)).toHaveLength(1);
			expect(error.message).toBe(expected(vendor, mode, '', '').message);
			expect(error.description).toContain(
				mode === 'html'
					? 'An HTML page (a login page, a proxy or firewall page, a website) usually means that the URL in the credential does not point at the API.'
					: mode === 'empty'
						? 'Nothing came back where the answer must hold data.'
						: 'The JSON is cut off: the connection may have dropped in the middle of the answer, or a proxy limited its size.',
			);
			noSecrets(error);
		},
	);

	it('Sense Create or Update: an error, no request_id: null "success"; not sent again', async () => {
		fake.misbehave(SENSE.routes.create, mode);
		const { outputs, error } = await run(SENSE, fake, SENSE.upsert!, { input: items(2) });
		expect(outputs).toEqual([]);
		expect(error.message).toBe(expected(SENSE, mode, '', '').message);
		expect(requestsTo(fake, SENSE.routes.create)).toHaveLength(1);
		noSecrets(error);
	});

	it.each([
		[HALO, `${'127.0.0.1'} answered the token request without an access token`],
		[SENSE, 'Sense token request failed: the answer holds no access_token.'],
	] as const)(
		'%s token exchange: the token answer is refused, no API request',
		async (vendor, text) => {
			fake.misbehave(vendor.routes.token!, mode);
			const { error } = await run(vendor, fake, vendor.get);
			const host = new URL(fake.url).host;
			expect(error.message).toBe(text.replace('127.0.0.1', host));
			expect(requestsTo(fake, vendor.routes.get)).toHaveLength(0);
			noSecrets(error);
		},
	);
});

describe('a 200 with HTML or JSON cut in half to a create', () => {
	it.each(
		CREATE_VENDORS.flatMap((v) =>
			(['html', 'truncated'] as Mode[]).map((m) => [v.vendor, m, v] as const),
		),
	)(
		'%s Create, %s: an error saying the record may have been created; sent once',
		async (_n, mode, vendor) => {
			fake.misbehave(vendor.routes.create, mode);
			const { error } = await run(vendor, fake, vendor.create!, { input: items(1) });
			expect(error.message).toBe(
				`${expected(vendor, mode, '', '').message} (the record may have been created)`,
			);
			expect(error.description).toContain(
				`${vendor.vendor} may have received and carried out the request (POST ${fake.url}${path(vendor.routes.create)}) although no usable answer came back, so it was not sent again: a second request could create the record twice.`,
			);
			expect(requestsTo(fake, vendor.routes.create)).toHaveLength(1);
			expect(fake.stored[vendor.name]).toHaveLength(1);
		},
	);

	it.each(CREATE_VENDORS.map((v) => [v.vendor, v] as const))(
		'%s Create answered by an empty 200: done (the status is the confirmation), one record',
		async (_name, vendor) => {
			fake.misbehave(vendor.routes.create, 'empty');
			const { outputs, error } = await run(vendor, fake, vendor.create!, { input: items(1) });
			expect(error).toBeUndefined();
			expect(outputs).toEqual([[{ json: { success: true }, pairedItem: { item: 0 } }]]);
			expect(fake.stored[vendor.name]).toHaveLength(1);
		},
	);
});

describe('a 200 with JSON of another shape', () => {
	it.each([
		[
			'Sessions',
			0,
			'a list of records (a JSON array)',
			'{"rooms":[{"id":"p1-0"},{"id":"p1-1"},{"id":"p1-2"}]}',
		],
		[
			'Sesame HR',
			1,
			'a list of records (an object with a "data" array)',
			'{"meta":{"currentPage":1}}',
		],
		[
			'HaloPSA',
			2,
			'a list of records (an array, or an object with "record_count" and an array)',
			'{"message":"no list here"}',
		],
	] as const)(
		'%s Get Many: a list without its list is an error',
		async (name, index, shape, body) => {
			const vendor = LIST_VENDORS[index];
			fake.misbehave(vendor.routes.list!, 'wrongShape');
			const { outputs, error } = await run(vendor, fake, vendor.list!);
			expect(outputs).toEqual([]);
			expect(error.message).toBe(
				`${name} answered 200 with JSON (application/json) that is not ${shape}`,
			);
			expect(error.description.split('\n')).toEqual([
				`GET ${fake.url}${path(vendor.routes.list!)} answered 200, content type application/json, ${body.length} characters, starting with: ${body}.`,
				'The JSON is not what this operation reads: the URL in the credential may point at another service or API version.',
			]);
		},
	);

	it('Sense Create or Update: an answer without request_id is an error, not request_id: null', async () => {
		fake.misbehave(SENSE.routes.create, 'wrongShape');
		const { outputs, error } = await run(SENSE, fake, SENSE.upsert!, { input: items(2) });
		expect(outputs).toEqual([]);
		expect(error.message).toBe(
			'Sense answered 200 with JSON (application/json) that is not an upsert answer (an object with "request_id")',
		);
		// with Continue On Fail, each item carries the error (paired), none a success
		fake.misbehave(SENSE.routes.create, 'wrongShape');
		const failed = await run(SENSE, fake, SENSE.upsert!, { input: items(2), continueOnFail: true });
		expect(failed.outputs[0].map((i) => [i.json.error, i.pairedItem])).toEqual([
			[error.message, { item: 0 }],
			[error.message, { item: 1 }],
		]);
	});
});

it('a first-character preview masks every credential value that the answer echoes', async () => {
	// a proxy page that repeats the request's Authorization header
	const { firstCharacters } = await import('../../nodes/common/answers');
	expect(
		firstCharacters('<p>Bearer sesame-token-123 is not allowed</p>', ['sesame-token-123']),
	).toBe('<p>Bearer *** is not allowed</p>');
});
