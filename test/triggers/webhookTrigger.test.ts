/**
 * The webhook-trigger helper (nodes/common/webhookTrigger.ts) with a stand-in for n8n's webhook and
 * execute contexts: the order of its checks, the answers, the secret sources (including a path
 * segment, which no trigger of this package uses yet), de-duplication and what the run records.
 * The Sense and Sesame HR triggers built on it are tested in a real n8n (test/e2e/*-trigger.test.ts).
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { resetProcessLedgers } from '../../nodes/common/webhook';
import {
	manualRegistration,
	WebhookTrigger,
	type SecretSource,
	type WebhookTriggerSpec,
} from '../../nodes/common/webhookTrigger';

const SECRET = 'a-long-shared-secret-0001';

/** A trigger of `{trigger, data: {id}}` events, the secret where `sources` say. */
function spec(sources: SecretSource[]): WebhookTriggerSpec {
	return {
		authentication: {
			value: 'secret',
			credential: { name: 'exampleApi', field: 'secret', label: 'The secret' },
			test: 'exampleSecret',
			sources: () => sources,
			rejected: { error: 'bad secret' },
		},
		events: {
			known: ['booking.created', 'booking.cancelled'],
			parameter: 'events',
			unknownOption: 'unknown',
		},
		read: (body) =>
			typeof body.trigger === 'string'
				? { output: { event: body.trigger, data: body.data ?? null }, event: body.trigger }
				: { error: 'trigger is missing' },
		deliveryKey: (output) => {
			const id = (output.data as IDataObject | null)?.id;
			return typeof id === 'string' ? { key: `id:${id}` } : undefined;
		},
		answers: {
			accepted: ({ event }) => ({ status: 'accepted', event }),
			ignored: ({ event }) => ({ status: 'ignored', event }),
			duplicate: ({ event }) => ({ status: 'duplicate', event }),
		},
	};
}

interface Request {
	body?: string;
	headers?: Record<string, string>;
	query?: Record<string, string>;
	params?: Record<string, string>;
	parameters?: IDataObject;
	mode?: string;
}

/** Calls `webhook()` like n8n does; resolves the direct answer or the started run. */
async function deliver(
	trigger: WebhookTriggerSpec,
	request: Request,
	staticData: IDataObject = {},
) {
	const answer: { status?: number; body?: unknown } = {};
	const parameters: IDataObject = { authentication: 'secret', events: [], ...request.parameters };
	const ctx = {
		getHeaderData: () => request.headers ?? {},
		getQueryData: () => request.query ?? {},
		getParamsData: () => request.params ?? {},
		getNodeParameter: (name: string, fallback: unknown) => parameters[name] ?? fallback,
		getCredentials: async () => ({ secret: SECRET }),
		getRequestObject: () => ({ rawBody: Buffer.from(request.body ?? '') }),
		getResponseObject: () => ({
			status(code: number) {
				answer.status = code;
				return { json: (body: unknown) => (answer.body = body) };
			},
		}),
		getMode: () => request.mode ?? 'webhook',
		getWorkflowStaticData: () => staticData,
		getWorkflow: () => ({ id: 'wf-1' }),
		getNode: () => ({ id: 'node-1', name: 'Trigger' }),
	};
	const Node = new WebhookTrigger(trigger).nodeType();
	const result = await new Node().webhook.call(ctx as never);
	return { answer, result };
}

const created = (id: string) => JSON.stringify({ trigger: 'booking.created', data: { id } });

beforeEach(resetProcessLedgers);

describe('webhookTrigger: webhook()', () => {
	const inPath = spec([{ path: 'secret' }]);

	it('starts a run with the output item and answers `accepted`', async () => {
		const { answer, result } = await deliver(inPath, {
			body: created('b-1'),
			params: { secret: SECRET },
		});
		expect(answer).toEqual({});
		expect(result).toEqual({
			workflowData: [[{ json: { event: 'booking.created', data: { id: 'b-1' } } }]],
			webhookResponse: { status: 'accepted', event: 'booking.created' },
		});
	});

	it('answers 401 for a missing or wrong secret, before reading the body', async () => {
		for (const params of [{}, { secret: 'guess' }] as Array<Record<string, string>>) {
			const { answer, result } = await deliver(inPath, { body: 'not json', params });
			expect([answer, result]).toEqual([
				{ status: 401, body: { error: 'bad secret' } },
				{ noWebhookResponse: true },
			]);
		}
	});

	it('checks nothing with authentication off', async () => {
		const { result } = await deliver(inPath, {
			body: created('b-2'),
			parameters: { authentication: 'none' },
		});
		expect(result).toMatchObject({ webhookResponse: { status: 'accepted' } });
	});

	it.each([
		['a bearer token', [{ bearer: true }], { headers: { Authorization: `Bearer ${SECRET}` } }],
		['a header', [{ header: 'X-Secret' }], { headers: { 'x-secret': ` ${SECRET} ` } }],
		[
			'an Authorization header without scheme',
			[{ header: 'Authorization' }],
			{ headers: { authorization: SECRET } },
		],
		[
			'the second source',
			[{ bearer: true }, { query: 'token' }],
			{ headers: { authorization: 'Basic x' }, query: { token: SECRET } },
		],
	] as Array<[string, SecretSource[], Request]>)(
		'reads the secret from %s',
		async (_what, sources, request) => {
			const { result } = await deliver(spec(sources), { body: created('b-3'), ...request });
			expect(result).toMatchObject({ webhookResponse: { status: 'accepted' } });
		},
	);

	it('answers 400 for a body that is not a JSON object, or that `read` refuses', async () => {
		const params = { secret: SECRET };
		expect((await deliver(inPath, { body: '[1]', params })).answer).toEqual({
			status: 400,
			body: { error: 'the request body must be a JSON object, not an array' },
		});
		expect((await deliver(inPath, { body: '{"data": {}}', params })).answer).toEqual({
			status: 400,
			body: { error: 'trigger is missing' },
		});
	});

	it('answers `ignored` for an event not selected, and for an unknown one when told to', async () => {
		const params = { secret: SECRET };
		const cancelled = JSON.stringify({ trigger: 'booking.cancelled', data: { id: 'b-4' } });
		const renamed = JSON.stringify({ trigger: 'room.renamed', data: {} });
		const selected = { events: ['booking.created'] };
		expect(
			(await deliver(inPath, { body: cancelled, params, parameters: selected })).answer,
		).toEqual({
			status: 200,
			body: { status: 'ignored', event: 'booking.cancelled' },
		});
		expect(
			(
				await deliver(inPath, {
					body: renamed,
					params,
					parameters: { advanced: { unknown: 'ignore' } },
				})
			).answer,
		).toEqual({ status: 200, body: { status: 'ignored', event: 'room.renamed' } });
		expect((await deliver(inPath, { body: renamed, params })).result).toMatchObject({
			webhookResponse: { status: 'accepted', event: 'room.renamed' },
		});
	});

	it('answers `duplicate` for a key accepted before, without writing static data; not in manual tests', async () => {
		const params = { secret: SECRET };
		const staticData: IDataObject = {};
		await deliver(inPath, { body: created('b-5'), params }, staticData);
		expect((await deliver(inPath, { body: created('b-5'), params }, staticData)).answer).toEqual({
			status: 200,
			body: { status: 'duplicate', event: 'booking.created' },
		});
		expect(staticData).toEqual({});
		expect(
			(await deliver(inPath, { body: created('b-5'), params, mode: 'manual' })).result,
		).toMatchObject({
			webhookResponse: { status: 'accepted' },
		});
	});
});

describe('webhookTrigger: execute() and registration', () => {
	it('passes the items on and records their keys in static data (not in manual runs)', async () => {
		const Node = new WebhookTrigger(spec([])).nodeType();
		const items: INodeExecutionData[] = [
			{ json: { event: 'booking.created', data: { id: 'b-6' } } },
			{ json: { event: 'booking.created', data: null } },
		];
		const run = async (mode: string, staticData: IDataObject) =>
			await new Node().execute.call({
				getInputData: () => items,
				getMode: () => mode,
				getNodeParameter: (_name: string, _index: number, fallback: unknown) => fallback,
				getWorkflowStaticData: () => staticData,
				getWorkflow: () => ({ id: 'wf-1' }),
				getNode: () => ({ id: 'node-1', name: 'Trigger' }),
			} as never);
		const manual: IDataObject = {};
		expect(await run('manual', manual)).toEqual([items]);
		expect(manual).toEqual({});
		const saved: IDataObject = {};
		expect(await run('webhook', saved)).toEqual([items]);
		expect(Object.keys(saved.deliveries as object)).toHaveLength(1);
	});

	it('manual registration registers nothing and logs the URL to hand over', async () => {
		const lines: string[] = [];
		const hooks = manualRegistration('Example Trigger', 'Example support must configure it.');
		const ctx = {
			logger: { info: (line: string) => lines.push(line) },
			getNode: () => ({ name: 'On booking' }),
			getNodeWebhookUrl: () => 'https://n8n.example.test/webhook/abc/webhook',
		} as never;
		expect(await hooks.checkExists.call(ctx)).toBe(false);
		expect(await hooks.create.call(ctx)).toBe(true);
		expect(await hooks.delete.call(ctx)).toBe(true);
		expect(lines).toEqual([
			'Example Trigger "On booking" listens at https://n8n.example.test/webhook/abc/webhook; Example support must configure it.',
		]);
	});
});

describe('webhookTrigger: description parts', () => {
	const trigger = new WebhookTrigger(spec([{ query: 'token' }]));

	it('tests the secret credential locally', async () => {
		const test = new (trigger.nodeType())().methods?.credentialTest?.exampleSecret;
		await expect(
			test!.call({} as never, {
				id: 'c',
				name: 'c',
				type: 'exampleApi',
				data: { secret: 'short' },
			}),
		).resolves.toEqual({
			status: 'Error',
			message: 'The secret is too short: use at least 16 random characters',
		});
	});

	it('builds the events, authentication and options parameters the webhook reads', () => {
		expect(
			trigger.eventsProperty({
				displayName: 'Events',
				description: 'd',
				labels: { 'booking.created': 'Booking Created' },
			}),
		).toEqual({
			displayName: 'Events',
			name: 'events',
			type: 'multiOptions',
			options: [
				{ name: 'Booking Created', value: 'booking.created' },
				{ name: 'booking.cancelled', value: 'booking.cancelled' },
			],
			default: ['booking.created', 'booking.cancelled'],
			required: true,
			description: 'd',
		});
		expect(trigger.authenticationProperty({ name: 'Secret', description: 'd' })).toMatchObject({
			name: 'authentication',
			options: [
				{ name: 'None', value: 'none' },
				{ name: 'Secret', value: 'secret' },
			],
			default: 'secret',
		});
		const collection = trigger.optionsCollection(
			[{ displayName: 'Event Field', name: 'eventField', type: 'string', default: '' }],
			{
				remembered: { displayName: 'Remembered Deliveries', description: 'r' },
				unknown: { displayName: 'Unrecognized Events', description: 'u', ignore: 'i' },
			},
		);
		expect(collection).toMatchObject({ name: 'advanced', type: 'collection', default: {} });
		expect(collection.options?.map((o) => [o.name, (o as { default?: unknown }).default])).toEqual([
			['eventField', ''],
			['ledgerSize', 10_000],
			['unknown', 'run'],
		]);
	});

	it('answers on receipt at POST …/webhook and keeps the request body raw', () => {
		expect(trigger.endpoint()).toEqual({
			name: 'default',
			httpMethod: 'POST',
			path: 'webhook',
			responseMode: 'onReceived',
			responseData: '',
		});
		expect(trigger.properties([]).map((p) => [p.name, p.type, p.default])).toEqual([
			['options', 'hidden', { binaryData: true }],
		]);
	});
});

describe('webhookTrigger: a secret the node keeps itself (authentication.expected)', () => {
	const kept = (expected: string | undefined): WebhookTriggerSpec => {
		const base = spec([{ query: 'token' }]);
		return { ...base, authentication: { ...base.authentication!, expected: async () => expected } };
	};

	it('compares with what `expected` returns instead of the credential', async () => {
		const generated = 'generated-token-0123456789';
		const ok = await deliver(kept(generated), {
			body: created('b-7'),
			query: { token: generated },
		});
		expect(ok.result).toMatchObject({ webhookResponse: { status: 'accepted' } });
		// the credential's secret is not accepted then
		const credential = await deliver(kept(generated), {
			body: created('b-8'),
			query: { token: SECRET },
		});
		expect(credential.answer).toEqual({ status: 401, body: { error: 'bad secret' } });
	});

	it('refuses every delivery while there is no secret to compare with', async () => {
		for (const query of [{ token: '' }, { token: 'anything' }, {}] as Array<
			Record<string, string>
		>) {
			const { answer } = await deliver(kept(undefined), { body: created('b-9'), query });
			expect(answer).toEqual({ status: 401, body: { error: 'bad secret' } });
		}
	});

	it('the events parameter can preselect fewer events than all', () => {
		const trigger = new WebhookTrigger(spec([]));
		expect(
			trigger.eventsProperty({ displayName: 'Events', description: 'd', labels: {}, selected: [] })
				.default,
		).toEqual([]);
	});
});
