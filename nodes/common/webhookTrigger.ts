/**
 * A webhook trigger node, configured with data (`WebhookTriggerSpec`); the mechanics it runs on are
 * in ./webhook.ts. A trigger node is
 *
 *   const deliveries = new WebhookTrigger({ authentication, events, read, deliveryKey, answers });
 *   export class XTrigger extends deliveries.nodeType() implements INodeType {
 *     description = { ..., webhooks: [deliveries.endpoint()],
 *       properties: deliveries.properties([...]) };   // with eventsProperty(), optionsCollection(), ...
 *     webhookMethods = { default: manualRegistration('X Trigger', 'X support must …') };
 *   }
 *
 * and holds only what is its vendor's: the events, where the secret and the delivery id live, what
 * a delivery outputs and how the vendor wants to be answered.
 *
 * Contract of a POST to the webhook (`webhook()`), in this order:
 * 1. Authentication, when the node's `authentication` parameter has `authentication.value`: the
 *    secret is read from the first of `authentication.sources(parameter)` that holds one (an
 *    `Authorization: Bearer` token, a header, a query parameter, a path segment of the webhook URL;
 *    trimmed) and compared with the credential's field in constant time. A missing or wrong one is
 *    answered 401 `authentication.rejected`, without a run.
 * 2. The body, parsed by the node itself whatever the content type (`properties()` adds the hidden
 *    property that keeps n8n from parsing it): anything but a JSON object is answered 400 `{error}`.
 *    Then `read` turns it into the output item and its event, or into the reason for a 400 `{error}`.
 * 3. Events: a known event that is not selected in the `events.parameter` parameter (none selected =
 *    all), or an unknown one when the option `events.unknownOption` is "ignore", is answered 200
 *    `answers.ignored(output)` without a run.
 * 4. De-duplication (not while testing in the editor): the key `deliveryKey(output, options)` (none
 *    = no de-duplication) is claimed in the ledgers of ./webhook.ts, bounded by the option
 *    `ledgerSize`; a key accepted before is answered 200 `answers.duplicate(output)` without a run.
 * 5. Otherwise the run starts with the output item, answered `answers.accepted(output)` (when the
 *    endpoint answers on receipt, the default of `endpoint()`).
 * `execute()` is the first step of that run: it passes the item on unchanged and writes its key
 * (`deliveryKey` again, from the item) into the workflow's static data, which n8n saves after the
 * run (changes made in `webhook()` are not reliably saved, see ./webhook.ts), so re-deliveries are
 * still recognised after a restart.
 *
 * Registration is the node's own `webhookMethods`: `manualRegistration` for vendors whose staff
 * configure the URL (nothing remote to look up, create or delete: activation logs the URL to hand
 * over), or checkExists/create/delete calling the vendor's registration API (a secret the node
 * generates for it is read back with `authentication.expected`). Options are read from
 * the collection parameter `advanced` (`optionsCollection()`).
 */
import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	IWebhookDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { headerValue } from './headers';
import {
	bearerToken,
	claimDelivery,
	DEFAULT_LEDGER_SIZE,
	eventSelected,
	ledgerScope,
	parseJsonObject,
	queryValue,
	readBody,
	rememberDelivery,
	respond,
	secretCredentialTest,
	secretsMatch,
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
	/** The JSON answers (status 200). */
	answers: Record<'accepted' | 'ignored' | 'duplicate', (output: IDataObject) => IDataObject>;
}

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

	const { raw, parsed } = await readBody(ctx);
	const checked = parseJsonObject(raw, parsed);
	if (!checked.ok) return respond(ctx, 400, { error: checked.error });
	const options = ctx.getNodeParameter(OPTIONS_PARAMETER, {}) as IDataObject;
	const delivery = spec.read(checked.body, { headers, options });
	if ('error' in delivery) return respond(ctx, 400, { error: delivery.error });
	const { output, event } = delivery;

	const selected = ctx.getNodeParameter(spec.events.parameter, []) as string[];
	const unknown = (options[spec.events.unknownOption] as UnknownEventPolicy | undefined) ?? 'run';
	if (!eventSelected(event, spec.events.known, selected, unknown))
		return respond(ctx, 200, spec.answers.ignored(output));

	// re-deliveries start no second run (not in manual tests: there every delivery is shown)
	const entry = ctx.getMode() !== 'manual' ? spec.deliveryKey(output, options) : undefined;
	if (entry) {
		const fresh = claimDelivery({
			scope: ledgerScope(ctx),
			store: ctx.getWorkflowStaticData('node'),
			now: Date.now(),
			max: ledgerSize(options),
			...entry,
			// written by the run instead (see execute)
			persist: false,
		});
		if (!fresh) return respond(ctx, 200, spec.answers.duplicate(output));
	}

	return { workflowData: [[{ json: output }]], webhookResponse: spec.answers.accepted(output) };
}

function recordDeliveries(ctx: IExecuteFunctions, spec: WebhookTriggerSpec): INodeExecutionData[] {
	const items = ctx.getInputData();
	if (ctx.getMode() === 'manual') return items;
	const options = ctx.getNodeParameter(OPTIONS_PARAMETER, 0, {}) as IDataObject;
	for (const item of items) {
		const entry = spec.deliveryKey(item.json, options);
		if (!entry) continue;
		rememberDelivery({
			scope: ledgerScope(ctx),
			store: ctx.getWorkflowStaticData('node'),
			now: Date.now(),
			max: ledgerSize(options),
			...entry,
		});
	}
	return items;
}

type WebhookLifecycle = NonNullable<NonNullable<INodeType['webhookMethods']>['default']>;

/**
 * The lifecycle of a webhook the vendor's staff configure by hand: there is nothing remote to look
 * up, create or delete, so activation only logs the URL to hand over.
 * `node` names the node ("Sense Trigger"); `manual` says who must configure the URL.
 */
export function manualRegistration(node: string, manual: string): WebhookLifecycle {
	return {
		// Nothing to ask the vendor; "not registered" makes n8n call create(), which logs the URL.
		async checkExists(this: IHookFunctions): Promise<boolean> {
			return false;
		},
		async create(this: IHookFunctions): Promise<boolean> {
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
				return [recordDeliveries(this, spec)];
			}
		};
	}

	/** The webhook: POST <url>/webhook, by default answered on receipt with the spec's answers. */
	endpoint(
		options: Partial<Pick<IWebhookDescription, 'path' | 'responseMode' | 'responseData'>> = {},
	): IWebhookDescription {
		return {
			name: 'default',
			httpMethod: 'POST',
			path: options.path ?? 'webhook',
			responseMode: options.responseMode ?? 'onReceived',
			// '' = the node's own `webhookResponse` (n8n would otherwise send its default text)
			responseData: options.responseData ?? '',
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
	 * remembered (`ledgerSize`) and what unknown events do (run: the description of "Start the
	 * Workflow", if any; ignore: that of "Acknowledge Only"), sorted by name.
	 */
	optionsCollection(
		own: INodeProperties[],
		texts: {
			remembered: OptionTexts;
			unknown: OptionTexts & { run?: string; ignore: string };
		},
	): INodeProperties {
		const { remembered, unknown } = texts;
		const options: INodeProperties[] = [
			...own,
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
