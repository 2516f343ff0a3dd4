/**
 * "Send all items in one request" for declarative operations whose endpoint accepts an array of
 * records (OperationSpec.batchParameter).
 *
 * n8n's RoutingNode starts the request hook of every input item one after the other, synchronously,
 * before it awaits any of them. Each item's hook therefore joins the open batch synchronously; the
 * first item to join schedules one flush on the next timer tick — by then every item of that pass has
 * joined — which sends all records in one request. An array answer with one element per record is
 * split back (element i ↔ record i, in item order); any other answer goes to the batch's first item.
 * Every item still returns its own output (paired with that item) or, if the request fails, the error.
 * When n8n's "Batching" request option spaces the items out, each spaced group becomes one request.
 */
import type { IExecutePaginationFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { vendorRequest, type RequestPolicy, type VendorProfile } from './transport';

export interface BatchShare {
	/** false: the answer could not be split and went to the batch's first item */
	received: boolean;
	response?: unknown;
}

interface Member {
	itemIndex: number;
	records: unknown[];
	resolve: (share: BatchShare) => void;
	reject: (error: unknown) => void;
}

const openBatches = new Map<string, Member[]>();

function split(members: Member[], response: unknown): BatchShare[] {
	const total = members.reduce((sum, m) => sum + m.records.length, 0);
	if (members.length === 1) return [{ received: true, response }];
	if (!Array.isArray(response) || response.length !== total) {
		return members.map((_m, i) => (i === 0 ? { received: true, response } : { received: false }));
	}
	let offset = 0;
	return members.map((m) => {
		const part = response.slice(offset, offset + m.records.length);
		offset += m.records.length;
		return { received: true, response: m.records.length === 1 ? part[0] : part };
	});
}

async function flush(
	ctx: IExecutePaginationFunctions,
	profile: VendorProfile,
	options: IHttpRequestOptions,
	key: string,
	members: Member[],
	policy: RequestPolicy,
): Promise<void> {
	await sleep(0);
	if (openBatches.get(key) === members) openBatches.delete(key);
	try {
		const body = members.flatMap((m) => m.records);
		const response = await vendorRequest(
			ctx,
			profile,
			{ ...options, body: body as IHttpRequestOptions['body'] },
			members[0].itemIndex,
			policy,
		);
		split(members, response.body).forEach((share, i) => members[i].resolve(share));
	} catch (error) {
		for (const member of members) member.reject(error);
	}
}

/** Adds this item's records (the array body in `options`) to the open batch and resolves with its share of the answer. */
export function sendInBatch(
	ctx: IExecutePaginationFunctions,
	profile: VendorProfile,
	options: IHttpRequestOptions,
	itemIndex: number,
	policy: RequestPolicy = {},
): Promise<BatchShare> {
	const key = [
		ctx.getExecutionId(),
		ctx.getNode().id,
		options.method,
		options.baseURL,
		options.url,
	].join('\u0000');
	const records = Array.isArray(options.body) ? (options.body as unknown[]) : [options.body];
	return new Promise<BatchShare>((resolve, reject) => {
		let members = openBatches.get(key);
		const first = !members;
		if (!members) {
			members = [];
			openBatches.set(key, members);
		}
		members.push({ itemIndex, records, resolve, reject });
		if (first) void flush(ctx, profile, options, key, members, policy);
	});
}
