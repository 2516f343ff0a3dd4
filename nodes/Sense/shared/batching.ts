/**
 * Splitting upserts into requests Sense accepts: at most N entities and at most K bytes after gzip.
 *
 * The compressed size is measured, not estimated: the JSON text of a candidate batch goes through the
 * WHATWG `CompressionStream('gzip')` that Node (18+) provides as a global — n8n's package scanner
 * rejects `zlib`, and the web stream needs no import. Batches are contiguous runs of the input, so
 * items keep their order.
 */
import type { IDataObject } from 'n8n-workflow';

export interface Entry {
	itemIndex: number;
	id: string;
	entity: IDataObject;
	/** JSON text of the entity, exactly as it is sent inside the array */
	json: string;
}

export function entry(itemIndex: number, id: string, entity: IDataObject): Entry {
	return { itemIndex, id, entity, json: JSON.stringify(entity) };
}

/** The request body of a batch, byte for byte what n8n sends. */
export function batchJson(batch: Entry[]): string {
	return `[${batch.map((e) => e.json).join(',')}]`;
}

/** Size in bytes of `text` (UTF-8) after gzip compression. */
export async function gzipSize(text: string): Promise<number> {
	const reader = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip')).getReader();
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) return size;
		size += value.byteLength;
	}
}

/** Splits `batch` into `parts` contiguous runs of about equal JSON length. */
function splitEvenly(batch: Entry[], parts: number): Entry[][] {
	const total = batch.reduce((sum, e) => sum + e.json.length, 0);
	const runs: Entry[][] = [];
	let current: Entry[] = [];
	let seen = 0;
	for (const e of batch) {
		current.push(e);
		seen += e.json.length;
		if (runs.length < parts - 1 && seen >= (total * (runs.length + 1)) / parts) {
			runs.push(current);
			current = [];
		}
	}
	if (current.length) runs.push(current);
	// the weight sits at the end: split off the last entity so that every part is smaller
	return runs.length > 1 ? runs : [batch.slice(0, -1), batch.slice(-1)];
}

export interface BatchPlan {
	batches: Entry[][];
	/** entities that alone exceed the compressed limit */
	oversized: Entry[];
}

/** Groups entries into batches of at most `maxEntities` that compress to at most `maxBytes`. */
export async function planBatches(
	entries: Entry[],
	maxEntities: number,
	maxBytes: number,
): Promise<BatchPlan> {
	const plan: BatchPlan = { batches: [], oversized: [] };
	const fit = async (batch: Entry[]): Promise<void> => {
		const size = await gzipSize(batchJson(batch));
		if (size <= maxBytes) {
			plan.batches.push(batch);
		} else if (batch.length === 1) {
			plan.oversized.push(batch[0]);
		} else {
			// aim a little below the limit: compression ratios differ between the parts
			const parts = Math.min(batch.length, Math.max(2, Math.ceil(size / (maxBytes * 0.9))));
			for (const part of splitEvenly(batch, parts)) await fit(part);
		}
	};
	for (let start = 0; start < entries.length; start += maxEntities) {
		await fit(entries.slice(start, start + maxEntities));
	}
	return plan;
}
