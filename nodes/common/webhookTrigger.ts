/**
 * A webhook trigger node, configured with data (`WebhookTriggerSpec`); the mechanics it runs on are
 * in ./webhook.ts and ./deliveryLedger.ts. A trigger node is
 *
 *   const deliveries = new WebhookTrigger({ authentication, events, read, deliveryKey, answers });
 *   export class XTrigger extends deliveries.nodeType() implements INodeType {
 *     description = { ..., webhooks: [deliveries.endpoint()],
 *       properties: deliveries.properties([...]) };   // with eventsProperty(), optionsCollection(), ...
 *     webhookMethods = { default: deliveries.registration('X Trigger', 'X support must …') };
 *   }
 *
 * and holds only what is its vendor's: the events, where the secret and the delivery id live, what
 * a delivery outputs, how the vendor wants to be answered and what it counts as delivered.
 *
 * Contract of a POST to the webhook (`webhook()`), in this order:
 * 1. Authentication, when the node's `authentication` parameter has `authentication.value`: the
 *    secret is read from the first of `authentication.sources(parameter)` that holds one (an
 *    `Authorization: Bearer` token, a header, a query parameter, a path segment of the webhook URL;
 *    trimmed) and compared with the credential's field in constant time. A missing or wrong one is
 *    answered 401 `authentication.rejected`, without a run.
 * 2. The body, read and parsed by the node itself whatever the content type (`properties()` adds the
 *    hidden property that keeps n8n from parsing it): a body n8n cannot read is answered 413 (too
 *    large, also once decompressed) or 400 (bad gzip/deflate data, an unsupported encoding, a
 *    truncated upload), anything but a JSON object (or one nested deeper than `MAX_BODY_DEPTH`)
 *    400 `{error}`. Then `read` turns it into the output item and its event, or into the reason for
 *    a 400 `{error}`. None of these start a run or record an execution.
 * 3. Events: a known event that is not selected in the `events.parameter` parameter (none selected =
 *    all), or an unknown one when the option `events.unknownOption` is "ignore", is answered 200
 *    `answers.ignored(output)` without a run.
 * 4. De-duplication (not while testing in the editor), by the key `deliveryKey(output, options)`
 *    (none = no de-duplication) in this process's ledger (./deliveryLedger.ts, bounded by the option
 *    `ledgerSize`):
 *    - delivered before: answered 200 with the answer it got then (what `answers.kept` took from a
 *      workflow's answer), else `answers.duplicate(output)`; no run;
 *    - its first delivery still running: waits for that answer (option `redeliveryWait`), then as
 *      above — or, if that run failed, starts a new run; still running after the wait: 503
 *      `answers.pending(output)` with Retry-After, so the vendor sends it again later;
 *    - otherwise the run starts. The answer n8n then sends decides: a delivery (`delivered`,
 *      default any 2xx) is remembered with its answer; a failure leaves the key open, so the
 *      vendor's re-delivery starts a new run. When the node answers on receipt (response mode
 *      "onReceived", the default), the key counts as delivered from the start (and is forgotten
 *      again if n8n then fails to answer 2xx).
 * 5. Before a run starts, the workflow is checked for a Respond to Webhook node that cannot answer
 *    this trigger (version 1.1 and later insist on n8n's own Webhook trigger) or, with the response
 *    mode "responseNode", for none at all: such a delivery is answered 500 `{error}` naming the fix,
 *    without a run. `registration()` refuses to publish such a workflow in the first place.
 * 6. Otherwise the run starts with the output item, answered `answers.accepted(output)` on receipt,
 *    or with the workflow's answer (`responseModeParameter`).
 * The ledger's copy that survives a restart is written into the node's static data by the process
 * that receives the webhooks (main), never by a run on a queue-mode worker: n8n saves it with the
 * answer of each request (coalesced: one save carries every change made while it was pending; with
 * a Respond to Webhook node, by the run in regular mode). An answer from the workflow is saved with
 * the next request the trigger receives. See docs/triggers.md for what a restart can forget.
 *
 * Registration is the node's own `webhookMethods`: `registration()` (or `manualRegistration`) for
 * vendors whose staff configure the URL (nothing remote to look up, create or delete: activation
 * logs the URL to hand over), or checkExists/create/delete calling the vendor's registration API (a
 * secret the node generates for it is read back with `authentication.expected`). Options are read
 * from the collection parameter `advanced` (`optionsCollection()`).
 */
import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	INodeExecutionData,
	INodeParameters,
	INodeProperties,
	INodeType,
	IWebhookDescription,
	IWebhookFunctions,
	IWebhookResponseData,
	NodeTypeAndVersion,
} from 'n8n-workflow';
import { NodeOperationError, sleep, webhookDescriptionFields } from 'n8n-workflow';

import { existingLedger, ledgerFor, type Outcome } from './deliveryLedger';
import { headerValue } from './headers';
import {
	bearerToken,
	DEFAULT_LEDGER_SIZE,
	eventSelected,
	ledgerScope,
	parseJsonObject,
	queryValue,
	readRequestBody,
	respond,
	secretCredentialTest,
	secretsMatch,
	watchAnswer,
	type HeaderBag,
	type QueryBag,
	type UnknownEventPolicy,
} from './webhook';

/** The collection parameter holding the trigger's options. */
export const OPTIONS_PARAMETER = 'advanced';

/** Where a secret may come in a request. */
export type SecretSource =
	/** the token of an `Authorization: Bearer <token>` header (nothing from other schemes) */
	| { bearer: true }
	/** a header's value; of `Authorization`, a `Bearer ` prefix is removed */
	| { header: string }
	/** a query parameter */
	| { query: string }
	/** a path parameter of the webhook URL (`endpoint({ path: ':name/…' })`) */
	| { path: string };

/** Reads a string parameter of the node, with its default. */
export type ReadParameter = (name: string, fallback: string) => string;

export interface WebhookTriggerSpec {
	authentication?: {
		/** The value of the `authentication` parameter that turns the check on (its default). */
		value: string;
		/** The credential type, its field holding the secret, and what the secret is called ("The token"). */
		credential: { name: string; field: string; label: string };
		/**
		 * The local test of the secret (no remote endpoint can verify it): the method the node's
		 * description names in `credentials[].testedBy` (written there too, where n8n's scanner reads it).
		 */
		test: string;
		/** Where the secret may come, in order: the first source holding a value counts. */
		sources(parameter: ReadParameter): SecretSource[];
		/**
		 * The secret to compare with, when it is not (always) the credential's field: e.g. one the node
		 * generated when it registered the webhook, kept in static data. Undefined (or none) refuses
		 * every delivery. Without this function the credential's field is the secret.
		 */
		expected?(ctx: IWebhookFunctions): Promise<string | undefined>;
		/** The body of the 401 answer. */
		rejected: IDataObject;
	};
	events: {
		known: readonly string[];
		/** The multiOptions parameter of the selected events. */
		parameter: string;
		/** The option (in `advanced`) saying what to do with unknown events: "run" (default) or "ignore". */
		unknownOption: string;
	};
	/** The output item of a delivery and its event, or why the delivery is refused (400). */
	read(
		body: IDataObject,
		request: { headers: HeaderBag; options: IDataObject },
	): { error: string } | { output: IDataObject; event: string | undefined };
	/** The de-duplication key of a delivery, from its output item; undefined = none. */
	deliveryKey(
		output: IDataObject,
		options: IDataObject,
	): { key: string; ttlMs?: number } | undefined;
	/** The JSON answers (status 200, `pending` 503) and what is kept of a workflow's answer. */
	answers: Record<'accepted' | 'ignored' | 'duplicate', (output: IDataObject) => IDataObject> & {
		/**
		 * Of an answer that counted as delivered, what re-deliveries are answered with (the part the
		 * vendor reads, e.g. Sense's `{id, entity_id}`); undefined or equal to `duplicate(output)` =
		 * nothing kept, re-deliveries get `duplicate(output)`.
		 */
		kept?(answer: IDataObject, output: IDataObject): IDataObject | undefined;
		/** The 503 answer to a re-delivery whose first delivery is still running after the wait. */
		pending?(output: IDataObject): IDataObject;
	};
	/**
	 * The node parameter choosing how n8n answers a delivery that starts a run: "onReceived" (on
	 * receipt, with `answers.accepted`), "lastNode" (the first item of the last node) or
	 * "responseNode" (a Respond to Webhook node). Absent: always on receipt. `endpoint()` and
	 * `optionsCollection()` follow it.
	 */
	responseModeParameter?: string;
	/**
	 * Whether the vendor counts the workflow's answer to a delivery (modes "lastNode" and
	 * "responseNode") as a successful delivery (`answer`: the body as JSON, if it is JSON). Default,
	 * and always for the node's own answer on receipt: any 2xx status.
	 */
	delivered?(status: number, answer: unknown, output: IDataObject): boolean;
}

/**
 * `responseMode` and `responseData` as the node's parameter `parameter` says ("lastNode": the last
 * node's first item as JSON, otherwise the node's own answer). The templates are what the editor
 * reads; n8n-workflow's native resolvers (`webhookDescriptionFields`) give n8n the same values
 * without evaluating an expression whenever the node's parameters hold none, so answering a
 * delivery needs no expression isolate for them. An n8n-workflow without native resolvers gets the
 * templates alone and evaluates them as before.
 */
function answerFields(parameter: string): Partial<IWebhookDescription> {
	const mode = (parameters: INodeParameters) => parameters[parameter];
	const fields = {
		responseMode: { template: `={{$parameter["${parameter}"]}}`, resolve: mode },
		responseData: {
			template: `={{$parameter["${parameter}"] === "lastNode" ? "firstEntryJson" : ""}}`,
			resolve: (parameters: INodeParameters) =>
				mode(parameters) === 'lastNode' ? 'firstEntryJson' : '',
		},
	};
	if (typeof webhookDescriptionFields === 'function') return webhookDescriptionFields(fields);
	return { responseMode: fields.responseMode.template, responseData: fields.responseData.template };
}

/** How n8n answers a delivery that starts a run (`WebhookTriggerSpec.responseModeParameter`). */
export type ResponseMode = 'onReceived' | 'lastNode' | 'responseNode';

/** Default of the option `redeliveryWait` (seconds). */
export const DEFAULT_REDELIVERY_WAIT = 30;

/**
 * n8n reads `options.binaryData` of version-1 webhook nodes and, when true, leaves the body
 * unparsed: the trigger then parses it itself, so a malformed body gets the trigger's 400 JSON
 * answer (n8n's parser would answer 422 before the node runs) and any content type works.
 */
const RAW_BODY_PROPERTY: INodeProperties = {
	displayName: 'Raw Body',
	name: 'options',
	type: 'hidden',
	default: { binaryData: true },
};

/** A notice at the top of the node, e.g. how to hand the URL over. */
export const setupNotice = (text: string): INodeProperties => ({
	displayName: text,
	name: 'setupNotice',
	type: 'notice',
	default: '',
});

// ---------------------------------------------------------------------------------------------
// Receiving

function receivedSecret(
	ctx: IWebhookFunctions,
	sources: SecretSource[],
	headers: HeaderBag,
): string | undefined {
	for (const source of sources) {
		let value: string | undefined;
		if ('bearer' in source) value = bearerToken(headerValue(headers, 'authorization'));
		else if ('query' in source) value = queryValue(ctx.getQueryData() as QueryBag, source.query);
		else if ('path' in source) value = queryValue(ctx.getParamsData() as QueryBag, source.path);
		else {
			value = headerValue(headers, source.header);
			if (source.header.toLowerCase() === 'authorization') value = bearerToken(value) ?? value;
		}
		value = value?.trim();
		if (value) return value;
	}
	return undefined;
}

const ledgerSize = (options: IDataObject) => Number(options.ledgerSize ?? DEFAULT_LEDGER_SIZE);

/** Where the ledger's persisted copy lives in the node's static data. */
const LEDGER_PROPERTY = 'deliveries';

interface ReadsParameters {
	getNodeParameter(name: string, fallback?: unknown): unknown;
}

function responseMode(ctx: ReadsParameters, spec: WebhookTriggerSpec): ResponseMode {
	if (!spec.responseModeParameter) return 'onReceived';
	const mode = ctx.getNodeParameter(spec.responseModeParameter, 'onReceived');
	return mode === 'lastNode' || mode === 'responseNode' ? mode : 'onReceived';
}

/** n8n's Respond to Webhook node, and the nodes its versions 1.1+ need among its parents. */
const RESPOND_TO_WEBHOOK = 'n8n-nodes-base.respondToWebhook';
const WEBHOOK_STARTERS = [
	'n8n-nodes-base.webhook',
	'n8n-nodes-base.formTrigger',
	'@n8n/n8n-nodes-langchain.chatTrigger',
	'n8n-nodes-base.wait',
];

interface ReadsWorkflow extends ReadsParameters {
	getNode(): { name: string };
	getChildNodes?(name: string): NodeTypeAndVersion[];
	getParentNodes?(name: string): NodeTypeAndVersion[];
}

/**
 * Why the workflow cannot answer this trigger, or undefined. Respond to Webhook 1.1 and later
 * (the editor inserts 1.5) throw "No Webhook node found in the workflow" unless one of n8n's own
 * Webhook, Form, Chat or Wait nodes precedes them, so every run would fail; and "responseNode"
 * without any Respond to Webhook node answers nothing the vendor can use.
 */
export function respondProblem(ctx: ReadsWorkflow, mode: ResponseMode): string | undefined {
	if (typeof ctx.getChildNodes !== 'function') return undefined;
	const trigger = ctx.getNode().name;
	const responders = ctx
		.getChildNodes(trigger)
		.filter((node) => node.type === RESPOND_TO_WEBHOOK && !node.disabled);
	for (const node of responders) {
		if (node.typeVersion <= 1) continue;
		const parents = ctx.getParentNodes?.(node.name) ?? [];
		if (parents.some((parent) => WEBHOOK_STARTERS.includes(parent.type))) continue;
		return (
			`"${node.name}" is a Respond to Webhook node of version ${node.typeVersion}, which answers only n8n's own ` +
			`Webhook trigger: every run "${trigger}" starts would fail. Use Respond to Webhook version 1 (as in ` +
			`the example workflow), or set Respond to "When Last Node Finishes".`
		);
	}
	if (mode === 'responseNode' && responders.length === 0) {
		return (
			`"${trigger}" answers "Using 'Respond to Webhook' Node", but no Respond to Webhook node follows it. ` +
			`Add one (version 1), or choose another Respond option.`
		);
	}
	return undefined;
}

function parseAnswer(body: Buffer | undefined): unknown {
	if (!body || body.length === 0) return undefined;
	try {
		return JSON.parse(body.toString('utf8'));
	} catch {
		return undefined;
	}
}

const isRecord = (value: unknown): value is IDataObject =>
	value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * What the answer n8n sent for a run means for the ledger. The node's own answer (on receipt)
 * counts with any 2xx; the workflow's answer as `spec.delivered` says.
 */
function answerOutcome(
	spec: WebhookTriggerSpec,
	status: number,
	body: Buffer | undefined,
	output: IDataObject,
	fromWorkflow: boolean,
): Outcome {
	const answer = parseAnswer(body);
	const delivered =
		fromWorkflow && spec.delivered
			? spec.delivered(status, answer, output)
			: status >= 200 && status < 300;
	if (!delivered) return { delivered };
	const kept = isRecord(answer) ? spec.answers.kept?.(answer, output) : undefined;
	if (!kept || JSON.stringify(kept) === JSON.stringify(spec.answers.duplicate(output)))
		return { delivered };
	return { delivered, answer: kept };
}

/** Longest single timer of a wait: a wait that ends early leaves at most this much behind. */
const WAIT_SLICE_MS = 250;

/** Resolves true when `settled` settles within `ms`, false otherwise (in slices, see above). */
async function within(settled: Promise<void>, ms: number): Promise<boolean> {
	let done = false;
	void settled.then(() => (done = true));
	for (let left = ms; ; left -= WAIT_SLICE_MS) {
		const slice = Math.min(left, WAIT_SLICE_MS);
		await Promise.race([settled, sleep(Math.max(0, slice))]);
		if (done) return true;
		if (left <= WAIT_SLICE_MS) return false;
	}
}

async function receive(
	ctx: IWebhookFunctions,
	spec: WebhookTriggerSpec,
): Promise<IWebhookResponseData> {
	const headers = ctx.getHeaderData() as HeaderBag;
	const auth = spec.authentication;
	if (auth && ctx.getNodeParameter('authentication', auth.value) === auth.value) {
		const expected = auth.expected
			? await auth.expected(ctx)
			: ((await ctx.getCredentials<IDataObject>(auth.credential.name))[auth.credential.field] as
					| string
					| undefined);
		const parameter: ReadParameter = (name, fallback) =>
			String(ctx.getNodeParameter(name, fallback));
		const received = receivedSecret(ctx, auth.sources(parameter), headers);
		if (!secretsMatch(received, expected)) return respond(ctx, 401, auth.rejected);
	}

	const body = await readRequestBody(ctx);
	if (!body.ok) return respond(ctx, body.status, { error: body.error });
	const checked = parseJsonObject(body.raw, body.parsed);
	if (!checked.ok) return respond(ctx, 400, { error: checked.error });
	const options = ctx.getNodeParameter(OPTIONS_PARAMETER, {}) as IDataObject;
	const delivery = spec.read(checked.body, { headers, options });
	if ('error' in delivery) return respond(ctx, 400, { error: delivery.error });
	const { output, event } = delivery;

	const scope = ledgerScope(ctx);
	const store = ctx.getWorkflowStaticData('node');
	// what changed since n8n last saved the ledger goes out with this request's save (n8n saves the
	// static data a webhook request changed when it answers that request)
	const saveLedger = () => {
		const book = existingLedger(scope);
		if (book?.shouldSave(Date.now())) store[LEDGER_PROPERTY] = book.view();
	};

	const selected = ctx.getNodeParameter(spec.events.parameter, []) as string[];
	const unknown = (options[spec.events.unknownOption] as UnknownEventPolicy | undefined) ?? 'run';
	if (!eventSelected(event, spec.events.known, selected, unknown)) {
		saveLedger();
		return respond(ctx, 200, spec.answers.ignored(output));
	}

	const mode = responseMode(ctx, spec);
	const start = (): IWebhookResponseData => {
		const problem = respondProblem(ctx, mode);
		if (problem) {
			ctx.logger.error(`${ctx.getNode().name}: ${problem}`);
			return respond(ctx, 500, { error: problem });
		}
		return { workflowData: [[{ json: output }]], webhookResponse: spec.answers.accepted(output) };
	};

	// re-deliveries start no second run (not in manual tests: there every delivery is shown)
	const entry = ctx.getMode() !== 'manual' ? spec.deliveryKey(output, options) : undefined;
	if (!entry) return start();

	const book = ledgerFor(scope, ledgerSize(options));
	book.absorb(store[LEDGER_PROPERTY]);
	const waitMs = Math.max(0, Number(options.redeliveryWait ?? DEFAULT_REDELIVERY_WAIT) * 1000);
	const deadline = Date.now() + waitMs;
	for (;;) {
		const claim = book.claim(entry.key, Date.now(), {
			ttlMs: entry.ttlMs,
			provisional: mode === 'onReceived',
		});
		if (claim.state === 'done') {
			saveLedger();
			return respond(ctx, 200, claim.answer ?? spec.answers.duplicate(output));
		}
		if (claim.state === 'running') {
			// the first delivery's answer decides: replay it, or (it failed) run this one
			if (await within(claim.settled, Math.max(0, deadline - Date.now()))) continue;
			saveLedger();
			const pending = spec.answers.pending?.(output) ?? {
				error: 'the delivery is still being processed; send it again later',
			};
			return respond(ctx, 503, pending, {
				'Retry-After': String(Math.max(1, Math.ceil(waitMs / 1000))),
			});
		}

		const started = start();
		if (!started.workflowData) {
			claim.settle({ delivered: false });
			return started;
		}
		watchAnswer(ctx.getResponseObject(), (status, answer) => {
			const outcome = answerOutcome(spec, status, answer, output, mode !== 'onReceived');
			if (!outcome.delivered)
				ctx.logger.warn(
					`${ctx.getNode().name}: a delivery was answered ${status}, not as delivered; its re-delivery starts a new run`,
				);
			claim.settle(outcome);
		});
		// n8n saves the ledger right before it sends this request's answer (on receipt: with this
		// key). Not with a Respond to Webhook node: n8n then ends the response before such a save is
		// done, empty; there the run saves it (regular mode, see execute()) or the next request does.
		if (mode !== 'responseNode' && book.shouldSave(Date.now())) {
			store[LEDGER_PROPERTY] = book.view();
			// in case starting the run cleared the change flag: set it again once the run is created
			void sleep(0).then(() => (store[LEDGER_PROPERTY] = book.view()));
		}
		return started;
	}
}

/**
 * The trigger's step of the run: passes the items on. With a Respond to Webhook node (whose request
 * cannot carry the ledger, see `receive`) and in the process that received the delivery (regular
 * mode), it writes the ledger into the run's static data, which n8n saves after the run. A run on a
 * queue-mode worker (whose copy of the static data is not the workflow's) never writes it.
 */
function passDeliveries(ctx: IExecuteFunctions, spec: WebhookTriggerSpec): INodeExecutionData[] {
	const items = ctx.getInputData();
	if (ctx.getMode() === 'manual') return items;
	const parameters: ReadsParameters = {
		getNodeParameter: (name, fallback) => ctx.getNodeParameter(name, 0, fallback),
	};
	if (responseMode(parameters, spec) !== 'responseNode') return items;
	const book = existingLedger(ledgerScope(ctx));
	if (!book) return items;
	const options = ctx.getNodeParameter(OPTIONS_PARAMETER, 0, {}) as IDataObject;
	const received = items.some((item) => {
		const entry = spec.deliveryKey(item.json, options);
		return entry !== undefined && book.knows(entry.key);
	});
	if (received && book.shouldSave(Date.now()))
		ctx.getWorkflowStaticData('node')[LEDGER_PROPERTY] = book.view();
	return items;
}

type WebhookLifecycle = NonNullable<NonNullable<INodeType['webhookMethods']>['default']>;

/**
 * The lifecycle of a webhook the vendor's staff configure by hand: there is nothing remote to look
 * up, create or delete, so activation only logs the URL to hand over.
 * `node` names the node ("Sense Trigger"); `manual` says who must configure the URL; `check`, if
 * given, names what keeps the workflow from working: publishing (and listening for a test event)
 * then fails with that message.
 */
export function manualRegistration(
	node: string,
	manual: string,
	check?: (ctx: IHookFunctions) => string | undefined,
): WebhookLifecycle {
	return {
		// Nothing to ask the vendor; "not registered" makes n8n call create(), which logs the URL.
		async checkExists(this: IHookFunctions): Promise<boolean> {
			return false;
		},
		async create(this: IHookFunctions): Promise<boolean> {
			const problem = check?.(this);
			if (problem) throw new NodeOperationError(this.getNode(), problem);
			this.logger.info(
				`${node} "${this.getNode().name}" listens at ${this.getNodeWebhookUrl('default') ?? '(unknown URL)'}; ${manual}`,
			);
			return true;
		},
		// Nothing was registered remotely; the vendor's staff remove the URL if deliveries should stop.
		async delete(this: IHookFunctions): Promise<boolean> {
			return true;
		},
	};
}

/** Texts of an option: its name and description. */
export interface OptionTexts {
	displayName: string;
	description: string;
}

/** A webhook trigger defined by its spec: the node's base class and the parts of its description. */
export class WebhookTrigger {
	constructor(readonly spec: WebhookTriggerSpec) {}

	/** The base class of the node: all but its `description` and `webhookMethods`. */
	nodeType() {
		const spec = this.spec;
		const auth = spec.authentication;
		return class {
			methods: INodeType['methods'] = auth
				? {
						credentialTest: {
							[auth.test]: secretCredentialTest(auth.credential.field, auth.credential.label),
						},
					}
				: {};

			async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
				return await receive(this, spec);
			}

			async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
				return [passDeliveries(this, spec)];
			}
		};
	}

	/**
	 * `manualRegistration` that refuses to publish a workflow which cannot answer this trigger
	 * (`respondProblem`: a Respond to Webhook node of version 1.1+, or none with "responseNode").
	 */
	registration(node: string, manual: string): WebhookLifecycle {
		const spec = this.spec;
		return manualRegistration(node, manual, (ctx) => respondProblem(ctx, responseMode(ctx, spec)));
	}

	/**
	 * The webhook: POST <url>/webhook, answered on receipt with the spec's answers, or as the
	 * `responseModeParameter` says ("lastNode": the last node's first item as JSON).
	 */
	endpoint(options: Partial<Pick<IWebhookDescription, 'path'>> = {}): IWebhookDescription {
		const parameter = this.spec.responseModeParameter;
		return {
			name: 'default',
			httpMethod: 'POST',
			path: options.path ?? 'webhook',
			// '' = the node's own `webhookResponse` (n8n would otherwise send its default text)
			...(parameter ? answerFields(parameter) : { responseMode: 'onReceived', responseData: '' }),
		};
	}

	/** The node's properties, then the hidden one that keeps the request body raw. */
	properties(own: INodeProperties[]): INodeProperties[] {
		return [...own, RAW_BODY_PROPERTY];
	}

	/**
	 * The events to start the workflow for (all known events unless `selected` says otherwise),
	 * named by `labels`.
	 */
	eventsProperty({
		displayName,
		description,
		labels,
		selected,
	}: OptionTexts & {
		labels: Readonly<Record<string, string>>;
		selected?: readonly string[];
	}): INodeProperties {
		const { known, parameter } = this.spec.events;
		return {
			displayName,
			name: parameter,
			type: 'multiOptions',
			options: known.map((value) => ({ name: labels[value] ?? value, value })),
			default: [...(selected ?? known)],
			required: true,
			description,
		};
	}

	/** Whether each delivery must carry the secret: None, or `name` (the spec's `authentication.value`). */
	authenticationProperty({
		name,
		description,
	}: {
		name: string;
		description: string;
	}): INodeProperties {
		const value = this.spec.authentication?.value ?? 'none';
		return {
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'None', value: 'none' },
				{ name, value },
			],
			default: value,
			description,
		};
	}

	/**
	 * The Options collection (`advanced`): the node's own options, how many delivery keys are
	 * remembered (`ledgerSize`), how long a re-delivery waits for the first answer (`redeliveryWait`,
	 * with a `responseModeParameter`) and what unknown events do (run: the description of "Start the
	 * Workflow", if any; ignore: that of "Acknowledge Only"), sorted by name.
	 */
	optionsCollection(
		own: INodeProperties[],
		texts: {
			remembered: OptionTexts;
			unknown: OptionTexts & { run?: string; ignore: string };
			/** the option `redeliveryWait` (only with a `responseModeParameter`) */
			waiting?: OptionTexts;
		},
	): INodeProperties {
		const { remembered, unknown, waiting } = texts;
		const options: INodeProperties[] = [
			...own,
			...(this.spec.responseModeParameter
				? [
						{
							displayName: waiting?.displayName ?? 'Re-Delivery Wait (Seconds)',
							name: 'redeliveryWait',
							type: 'number' as const,
							typeOptions: { minValue: 0 },
							default: DEFAULT_REDELIVERY_WAIT,
							description:
								waiting?.description ??
								'How long a re-delivery that arrives while the first run is still going waits for its answer; then it is answered 503 and sent again later',
						},
					]
				: []),
			{
				displayName: remembered.displayName,
				name: 'ledgerSize',
				type: 'number',
				typeOptions: { minValue: 100 },
				default: DEFAULT_LEDGER_SIZE,
				description: remembered.description,
			},
			{
				displayName: unknown.displayName,
				name: this.spec.events.unknownOption,
				type: 'options',
				options: [
					{
						name: 'Start the Workflow',
						value: 'run',
						...(unknown.run ? { description: unknown.run } : {}),
					},
					{ name: 'Acknowledge Only', value: 'ignore', description: unknown.ignore },
				],
				default: 'run',
				description: unknown.description,
			},
		];
		options.sort((a, b) => a.displayName.localeCompare(b.displayName));
		return {
			displayName: 'Options',
			name: OPTIONS_PARAMETER,
			type: 'collection',
			placeholder: 'Add option',
			default: {},
			options,
		};
	}
}
