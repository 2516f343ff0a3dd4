/**
 * The Sessions Trigger's webhook lifecycle. Automatic (default): publishing registers one Sessions
 * webhook per selected event with `POST /api/webhooks` `{url, trigger, permission, linkPublicKey}`
 * (the URL carrying a token the node generates), unpublishing removes them with
 * `DELETE /api/webhooks/{id}`; the ids and the token are kept in the node's static data. Both
 * requests are not among the documented endpoints of the public API. Every request goes through the
 * Sessions transport, so registrations count against the 10 requests per minute like any other.
 * Manual: nothing is registered (nodes/common/webhookTrigger.ts `manualRegistration`).
 */
import { randomBytes } from 'crypto';
import type { IDataObject, IHookFunctions, INodeType } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { nodeErrorOf } from '../common/errors';
import { failureOf, vendorJson } from '../common/transport';
import { manualRegistration } from '../common/webhookTrigger';
import { sessionsVendor } from '../Sessions/shared/vendor';
import { MANUAL, storedRegistration, TOKEN_QUERY, type Registration } from './delivery';

type WebhookLifecycle = NonNullable<NonNullable<INodeType['webhookMethods']>['default']>;

export const WEBHOOKS_PATH = '/api/webhooks';

const manual = manualRegistration(
	'Sessions Trigger',
	`paste it in Sessions (Workspace settings → Webhooks) with ?${TOKEN_QUERY}=<the token of the Sessions Webhook API credential> appended.`,
);

const isManual = (ctx: IHookFunctions) =>
	ctx.getNodeParameter('registration', 'automatic') === MANUAL;

/** What the node's parameters ask to be registered now. */
function wanted(ctx: IHookFunctions): Pick<Registration, 'url' | 'events' | 'permission'> {
	return {
		url: ctx.getNodeWebhookUrl('default') ?? '',
		events: [...new Set(ctx.getNodeParameter('events', []) as string[])].sort(),
		permission: String(ctx.getNodeParameter('permission', 'personal')),
	};
}

async function baseUrlOf(ctx: IHookFunctions): Promise<string> {
	const credentials = await ctx.getCredentials(sessionsVendor.credentialType);
	return String(credentials.baseUrl ?? '').replace(/\/+$/, '');
}

/** The id of a created webhook in Sessions' answer (`{id}`, or the record under `data`/`webhook`). */
function webhookIdOf(body: unknown): string | undefined {
	const record = (body ?? {}) as IDataObject;
	for (const candidate of [record, record.data, record.webhook] as unknown[]) {
		const id = (candidate as IDataObject | undefined)?.id;
		if (typeof id === 'string' || typeof id === 'number') return String(id);
	}
	return undefined;
}

/**
 * Removes the webhooks of a registration (a 404 means already gone). Returns the ones Sessions
 * could not remove; failures are logged, never thrown.
 */
async function remove(
	ctx: IHookFunctions,
	baseURL: string,
	webhooks: Record<string, string>,
): Promise<Record<string, string>> {
	const left: Record<string, string> = {};
	for (const [event, id] of Object.entries(webhooks)) {
		try {
			await vendorJson(ctx, sessionsVendor, {
				method: 'DELETE',
				baseURL,
				url: `${WEBHOOKS_PATH}/${encodeURIComponent(id)}`,
			});
		} catch (error) {
			if (failureOf(error).status === 404) continue;
			left[event] = id;
			ctx.logger.warn(
				`Sessions Trigger "${ctx.getNode().name}" could not remove the Sessions webhook ${id} (${event}): ${(error as Error).message}`,
			);
		}
	}
	return left;
}

export const sessionsRegistration: WebhookLifecycle = {
	async checkExists(this: IHookFunctions): Promise<boolean> {
		if (isManual(this)) return await manual.checkExists.call(this);
		const stored = storedRegistration(this.getWorkflowStaticData('node'));
		if (!stored) return false;
		const now = wanted(this);
		return (
			stored.url === now.url &&
			stored.permission === now.permission &&
			stored.events.join() === now.events.join() &&
			now.events.every((event) => typeof stored.webhooks[event] === 'string')
		);
	},

	async create(this: IHookFunctions): Promise<boolean> {
		if (isManual(this)) return await manual.create.call(this);
		const staticData = this.getWorkflowStaticData('node');
		const now = wanted(this);
		if (now.events.length === 0) {
			throw new NodeOperationError(this.getNode(), 'Select at least one event', {
				description:
					'The Sessions Trigger registers one Sessions webhook per selected event: pick the events to receive under "Events".',
			});
		}
		const baseURL = await baseUrlOf(this);
		// a registration for another URL, event list or permission is replaced
		const stale = storedRegistration(staticData);
		if (stale) await remove(this, baseURL, stale.webhooks);

		const registration: Registration = {
			...now,
			secret: randomBytes(32).toString('hex'),
			webhooks: {},
		};
		staticData.registration = registration as unknown as IDataObject;
		const url = `${now.url}${now.url.includes('?') ? '&' : '?'}${TOKEN_QUERY}=${registration.secret}`;
		try {
			for (const trigger of now.events) {
				const body = await vendorJson(this, sessionsVendor, {
					method: 'POST',
					baseURL,
					url: WEBHOOKS_PATH,
					// linkPublicKey: Sessions removes the webhook when the API key is deleted
					body: { url, trigger, permission: now.permission, linkPublicKey: true },
				});
				const id = webhookIdOf(body);
				if (id === undefined) {
					throw new NodeOperationError(
						this.getNode(),
						`Sessions registered the ${trigger} webhook but sent no webhook ID`,
						{ description: 'Without its ID the webhook could not be removed on unpublishing.' },
					);
				}
				registration.webhooks[trigger] = id;
			}
		} catch (error) {
			// nothing half-registered stays behind
			await remove(this, baseURL, registration.webhooks);
			delete staticData.registration;
			throw nodeErrorOf(this.getNode(), error, 0);
		}
		return true;
	},

	async delete(this: IHookFunctions): Promise<boolean> {
		const staticData = this.getWorkflowStaticData('node');
		const stored = storedRegistration(staticData);
		if (!stored) return isManual(this) ? await manual.delete.call(this) : true;
		const left = await remove(this, await baseUrlOf(this), stored.webhooks);
		if (Object.keys(left).length === 0) {
			delete staticData.registration;
			return true;
		}
		// the ones Sessions kept are removed by the next create() (or with the API key)
		stored.webhooks = left;
		return false;
	},
};
