/**
 * Create or Update: all input items of the run go out as batch upserts (`POST /{entity}`).
 *
 * - Batches hold at most the configured number of records and compress to at most the configured size
 *   (see ../shared/batching.ts); a 413 splits a batch in two and sends both halves.
 * - A 400 whose `errors` name entities (by `entity_id`, or by array index in `path`) fails only those
 *   items; the rest of the batch is sent again without them. `warnings` are attached to their items.
 * - Every input item gets one output item paired with it: the `request_id` of the request that
 *   accepted it (an answer without one is an error, not a success), or its error (error output /
 *   Continue On Fail). Without Continue On Fail the first failing item stops the run.
 * - An upsert is by ID, so a batch is sent again after 502/503/504 or a dropped connection.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { errorItem, nodeErrorOf } from '../../common/errors';
import { vendorRequest } from '../../common/transport';
import { entry, planBatches, type Entry } from '../shared/batching';
import {
	MAX_BATCH_COMPRESSED_KB,
	MAX_BATCH_ENTITIES,
	type EntitySchema,
} from '../generated/schema';
import { senseVendor } from '../shared/vendor';
import { recordBody } from './records';

interface Issue {
	entity_id?: unknown;
	message?: unknown;
	path?: unknown;
}

const issuesOf = (body: unknown, key: 'errors' | 'warnings'): Issue[] => {
	const list = body && typeof body === 'object' ? (body as IDataObject)[key] : undefined;
	return Array.isArray(list) ? (list.filter((i) => i && typeof i === 'object') as Issue[]) : [];
};

const issueText = (issue: Issue) => {
	const where = Array.isArray(issue.path) && issue.path.length ? `${issue.path.join('.')}: ` : '';
	return `${where}${typeof issue.message === 'string' ? issue.message : JSON.stringify(issue)}`;
};

/** The entries an issue is about: by `entity_id`, else by a numeric first `path` element (array index). */
function targetsOf(batch: Entry[], issue: Issue): Entry[] {
	if (issue.entity_id !== undefined && issue.entity_id !== null && issue.entity_id !== '') {
		const id = String(issue.entity_id);
		return batch.filter((e) => e.id === id);
	}
	const first = Array.isArray(issue.path) ? issue.path[0] : undefined;
	const index = Number(first);
	if (
		first !== undefined &&
		first !== '' &&
		Number.isInteger(index) &&
		index >= 0 &&
		index < batch.length
	)
		return [batch[index]];
	return [];
}

/** An upsert answer names the request under which Sense accepted the records. */
const acceptance = (body: unknown) => {
	const id = body && typeof body === 'object' ? (body as IDataObject).request_id : undefined;
	return (typeof id === 'string' && id.trim()) || typeof id === 'number'
		? undefined
		: 'an upsert answer (an object with "request_id")';
};

const statusOf = (error: unknown) => Number((error as NodeApiError).httpCode ?? NaN);
const bodyOf = (error: unknown) => (error as NodeApiError).errorResponse?.body;

export async function upsert(
	this: IExecuteFunctions,
	entity: EntitySchema,
	items: INodeExecutionData[],
	baseURL: string,
): Promise<INodeExecutionData[]> {
	const results: INodeExecutionData[] = new Array<INodeExecutionData>(items.length);
	const continueOnFail = this.continueOnFail();
	const fail = (itemIndex: number, error: NodeApiError | NodeOperationError) => {
		if (!continueOnFail) throw error;
		results[itemIndex] = errorItem(error, itemIndex);
	};

	const entries: Entry[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			const { id, body } = recordBody(this, entity, items[i], i, true);
			entries.push(entry(i, id, body));
		} catch (error) {
			fail(i, nodeErrorOf(this.getNode(), error, i));
		}
	}

	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const batchSize = Math.max(
		1,
		Math.min(MAX_BATCH_ENTITIES, Number(options.batchSize ?? MAX_BATCH_ENTITIES)),
	);
	const maxKb = Math.max(
		1,
		Math.min(MAX_BATCH_COMPRESSED_KB, Number(options.maxCompressedKb ?? MAX_BATCH_COMPRESSED_KB)),
	);
	const plan = await planBatches(entries, batchSize, maxKb * 1024);
	const tooLarge = (e: Entry, why: string) =>
		new NodeOperationError(
			this.getNode(),
			`The ${entity.displayName.toLowerCase()} "${e.id}" is too large for Sense`,
			{
				itemIndex: e.itemIndex,
				description: why,
			},
		);
	for (const e of plan.oversized)
		fail(e.itemIndex, tooLarge(e, `Even alone it is larger than ${maxKb} KB after compression.`));

	const warnings = new Map<Entry, string[]>();
	const queue = [...plan.batches];
	while (queue.length) {
		const batch = queue.shift() as Entry[];
		try {
			const response = await vendorRequest(
				this,
				senseVendor,
				{
					method: 'POST',
					baseURL,
					url: `/${entity.path}`,
					body: batch.map((e) => e.entity),
					json: true,
				},
				batch[0].itemIndex,
				// an upsert by ID: sending it again cannot store a record twice; it counts only with
				// the request_id under which Sense accepted it
				{ repeatable: true, bodyRequired: true, shape: acceptance },
			);
			const body = (response.body ?? {}) as IDataObject;
			for (const issue of issuesOf(body, 'warnings')) {
				for (const e of targetsOf(batch, issue))
					warnings.set(e, [...(warnings.get(e) ?? []), issueText(issue)]);
			}
			for (const e of batch) {
				const json: IDataObject = { id: e.id, request_id: body.request_id };
				if (body.message !== undefined) json.message = body.message;
				if (warnings.has(e)) json.warnings = warnings.get(e);
				results[e.itemIndex] = { json, pairedItem: { item: e.itemIndex } };
			}
		} catch (error) {
			const status = statusOf(error);
			if (status === 413) {
				if (batch.length > 1) {
					const half = Math.ceil(batch.length / 2);
					queue.unshift(batch.slice(0, half), batch.slice(half));
					continue;
				}
				fail(
					batch[0].itemIndex,
					tooLarge(batch[0], 'Sense answered 413 (payload too large) for this record alone.'),
				);
				continue;
			}
			if (status === 400) {
				const body = bodyOf(error);
				for (const issue of issuesOf(body, 'warnings')) {
					for (const e of targetsOf(batch, issue))
						warnings.set(e, [...(warnings.get(e) ?? []), issueText(issue)]);
				}
				const rejected = new Map<Entry, Issue[]>();
				let unmatched = false;
				const errors = issuesOf(body, 'errors');
				for (const issue of errors) {
					const targets = targetsOf(batch, issue);
					if (!targets.length) unmatched = true;
					for (const e of targets) rejected.set(e, [...(rejected.get(e) ?? []), issue]);
				}
				if (errors.length && !unmatched) {
					for (const [e, list] of rejected) fail(e.itemIndex, entityError(this, entity, e, list));
					const rest = batch.filter((e) => !rejected.has(e));
					// the others were not stored either: send them again
					if (rest.length) queue.unshift(rest);
					continue;
				}
			}
			const nodeError = nodeErrorOf(this.getNode(), error, batch[0].itemIndex);
			for (const e of batch) fail(e.itemIndex, nodeError);
		}
	}
	return results;
}

function entityError(
	ctx: IExecuteFunctions,
	entity: EntitySchema,
	e: Entry,
	issues: Issue[],
): NodeApiError {
	const message = `Sense rejected the ${entity.displayName.toLowerCase()} "${e.id}"`;
	const description = issues.map(issueText).join('\n');
	return new NodeApiError(
		ctx.getNode(),
		{ message, description, httpCode: '400', body: { errors: issues as JsonObject[] } },
		{ message, description, httpCode: '400', itemIndex: e.itemIndex },
	);
}
