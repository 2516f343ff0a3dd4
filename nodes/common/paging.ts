/**
 * Paging strategies: how a vendor's list endpoint is asked for page N and how its answer is read.
 * Return All / Limit logic is the same for every vendor (see `collectPages`), and so are its bounds:
 * a page seen before, more pages or records than the vendor announced, a list without an end, or
 * more data than a run can hold stop paging with an error instead of looping or exhausting memory.
 */
import { createHash } from 'crypto';
import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { failureOf } from './transport';

export interface PageRead {
	items: IDataObject[];
	hasMore: boolean;
	/** How many records the vendor says the list has in all (when it says). */
	total?: number;
	/** How many pages the vendor says the list has (when it says, or its total tells). */
	pages?: number;
}

export interface PagingStrategy {
	/**
	 * Query parameters for page `page` (1-based); `wanted` is how many more items are needed and
	 * `limit` how many were asked for in all (both undefined for Return All).
	 */
	query(page: number, wanted: number | undefined, limit?: number): IDataObject;
	/** The items of one page and whether another page may follow. */
	read(body: unknown, page: number): PageRead;
	/** What a page must look like, in words, when `body` is not a page of this list (else undefined). */
	check(body: unknown): string | undefined;
	/** Most pages of a list whose length the vendor does not announce (default MAX_PAGES). */
	maxPages?: number;
	/**
	 * The same paging with smaller pages, tried once when the server refuses the first page (HTTP 400
	 * or 422): for a vendor whose maximum page size is undocumented, so a large preferred size can
	 * be asked for without risking that every list fails on a server with a lower cap.
	 */
	smaller?: PagingStrategy;
}

function asItems(value: unknown): IDataObject[] {
	if (Array.isArray(value))
		return value.map((v) =>
			v !== null && typeof v === 'object' ? (v as IDataObject) : { value: v },
		);
	if (value === undefined || value === null || value === '') return [];
	return [value as IDataObject];
}

const isRecord = (body: unknown): body is IDataObject =>
	body !== null && typeof body === 'object' && !Array.isArray(body);

/**
 * `?page=N` with a fixed page size chosen by the server; a short page is the last. Nothing tells
 * how long the list is: `maxPages` bounds it (default MAX_PAGES).
 */
export function fixedSizePages(
	pageSize: number,
	options: { pageParam?: string; maxPages?: number } = {},
): PagingStrategy {
	const { pageParam = 'page', maxPages } = options;
	return {
		maxPages,
		check: (body) => (Array.isArray(body) ? undefined : 'a list of records (a JSON array)'),
		query: (page) => ({ [pageParam]: page }),
		read: (body) => {
			const items = asItems(body);
			return { items, hasMore: items.length >= pageSize };
		},
	};
}

/**
 * `?page=N&limit=S` answered with `{data: [...], meta: {currentPage, lastPage, total}}` (Sesame HR).
 * The page size S is the same on every page (page numbers count in that size): the limit when it is
 * below `maxPageSize`, else `maxPageSize`. Falls back to "a full page means there may be more" when
 * `meta` is missing, and stops on a repeated page. With `fallbackPageSize`, a refused first page is
 * asked for again in that size (see `PagingStrategy.smaller`).
 */
export function metaPages(
	maxPageSize: number,
	options: {
		dataKey?: string;
		pageParam?: string;
		sizeParam?: string;
		fallbackPageSize?: number;
	} = {},
): PagingStrategy {
	const { dataKey = 'data', pageParam = 'page', sizeParam = 'limit', fallbackPageSize } = options;
	return {
		check: (body) =>
			Array.isArray(body) || (isRecord(body) && Array.isArray(body[dataKey]))
				? undefined
				: `a list of records (an object with a "${dataKey}" array)`,
		smaller:
			fallbackPageSize !== undefined && fallbackPageSize < maxPageSize
				? metaPages(fallbackPageSize, { dataKey, pageParam, sizeParam })
				: undefined,
		query: (page, wanted, limit) => ({
			[pageParam]: page,
			[sizeParam]: Math.min(maxPageSize, Math.max(1, limit ?? wanted ?? maxPageSize)),
		}),
		read: (body, page) => {
			const record = (body ?? {}) as IDataObject;
			const items = asItems(Array.isArray(body) ? body : record[dataKey]);
			const meta = record.meta as IDataObject | undefined;
			const total = countOf(meta?.total);
			if (meta && meta.lastPage !== undefined) {
				const current = Number(meta.currentPage ?? page);
				return {
					items,
					hasMore: current < Number(meta.lastPage) && items.length > 0,
					total,
					pages: countOf(meta.lastPage),
				};
			}
			return { items, hasMore: items.length >= maxPageSize, total };
		},
	};
}

export interface CountedPagesOptions {
	pageParam?: string;
	sizeParam?: string;
	/** Envelope property holding the total number of records. */
	countKey?: string;
	/** Envelope property holding the items; by default the first array-valued property. */
	itemsKey?: string;
	/** Query parameters sent with every page (e.g. a flag that switches paging on). */
	fixedQuery?: IDataObject;
}

/** A count the vendor announced: a whole number of 0 or more, else undefined. */
function countOf(value: unknown): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const n = Number(value);
	return Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** The items of an answer that is either a bare array or an envelope `{<countKey>: n, <any>: [...]}`. */
export function unwrapEnvelope(
	body: unknown,
	countKey = 'record_count',
	itemsKey?: string,
): { items: IDataObject[]; total?: number } {
	if (Array.isArray(body)) return { items: asItems(body) };
	if (body === null || typeof body !== 'object') return { items: asItems(body) };
	const record = body as IDataObject;
	const count = Number(record[countKey]);
	const total =
		record[countKey] !== undefined && record[countKey] !== null && Number.isFinite(count)
			? count
			: undefined;
	const key =
		itemsKey && Array.isArray(record[itemsKey])
			? itemsKey
			: (Object.keys(record).find(
					(k) =>
						Array.isArray(record[k]) &&
						(record[k] as unknown[]).some((v) => v !== null && typeof v === 'object'),
				) ?? Object.keys(record).find((k) => Array.isArray(record[k])));
	if (key) return { items: asItems(record[key]), total };
	// an envelope without an items array is an empty page; anything else is one record
	return { items: total !== undefined ? [] : [record], total };
}

/**
 * `?page_no=K&page_size=N` (1-based, plus optional fixed flags) answered with a bare array or with
 * `{record_count, <plural>: [...]}` (HaloPSA style). The page size stays the same on every page (page
 * numbers count in that size); only a first page that already covers the limit asks for fewer.
 * Stops on a short page, once `record_count` items were read, on a page larger than asked for (the
 * server ignored paging and sent everything) or on a repeated page.
 */
export function countedPages(
	maxPageSize: number,
	options: CountedPagesOptions = {},
): PagingStrategy {
	const {
		pageParam = 'page_no',
		sizeParam = 'page_size',
		countKey = 'record_count',
		itemsKey,
		fixedQuery = {},
	} = options;
	return {
		check: (body) =>
			Array.isArray(body) ||
			(isRecord(body) &&
				(Object.values(body).some(Array.isArray) || countOf(body[countKey]) !== undefined))
				? undefined
				: `a list of records (an array, or an object with "${countKey}" and an array)`,
		query: (page, wanted) => ({
			...fixedQuery,
			[sizeParam]:
				page === 1 && wanted !== undefined
					? Math.min(maxPageSize, Math.max(1, wanted))
					: maxPageSize,
			[pageParam]: page,
		}),
		read: (body, page) => {
			const { items, total } = unwrapEnvelope(body, countKey, itemsKey);
			const full = items.length === maxPageSize;
			const countLeft = total === undefined || (page - 1) * maxPageSize + items.length < total;
			return {
				items,
				hasMore: full && countLeft,
				total,
				pages: total === undefined ? undefined : Math.ceil(total / maxPageSize),
			};
		},
	};
}

/**
 * A list endpoint that answers everything at once (`{<dataKey>: [...]}` or a bare array): one request
 * without paging parameters; Limit is applied to the answer.
 */
export function singlePage(dataKey = 'data'): PagingStrategy {
	return {
		check: (body) =>
			Array.isArray(body) || (isRecord(body) && Array.isArray(body[dataKey]))
				? undefined
				: `a list of records (an array, or an object with a "${dataKey}" array)`,
		query: () => ({}),
		read: (body) => {
			const record =
				body !== null && typeof body === 'object' && !Array.isArray(body)
					? (body as IDataObject)
					: undefined;
			return {
				items: asItems(record && dataKey in record ? record[dataKey] : body),
				hasMore: false,
			};
		},
	};
}

/** A 400 or 422 answer. */
function isRefusal(error: unknown): boolean {
	const { status } = failureOf(error);
	return status === 400 || status === 422;
}

/** The outcome of a request as a value, so the caller can decide to retry before failing. */
async function settle(request: Promise<unknown>): Promise<{ body: unknown } | { error: unknown }> {
	try {
		return { body: await request };
	} catch (error) {
		return { error };
	}
}

/** Most pages of one list when the vendor does not announce how many there are. */
export const MAX_PAGES = 10_000;

/** Most characters of JSON one list may collect: beyond it, n8n would run short of memory. */
export const MEMORY_BUDGET = 128 * 1024 * 1024;

/** How far a list may go beyond what the vendor announced (records added while paging). */
const margin = (announced: number, least: number) => Math.max(least, Math.ceil(announced / 10));

/** Who pages, for the errors: the node, the vendor's name and the item. */
export interface PagingGuard {
	node: INode;
	vendor: string;
	itemIndex?: number;
	/** The memory budget (characters of JSON; default MEMORY_BUDGET). */
	maxBytes?: number;
}

const ADVICE = 'Use Limit, or filters, to ask for fewer records.';

/**
 * Collects pages until the limit is reached or the vendor says there are no more. Fails (nothing
 * is output) on a page that repeats any earlier page, on more pages or records than the first page
 * announced (plus a margin), on more than `maxPages` pages where nothing was announced, and once
 * the pages hold more than the memory budget.
 */
export async function collectPages(
	initial: PagingStrategy,
	fetchPage: (
		query: IDataObject,
		page: number,
		check: (body: unknown) => string | undefined,
	) => Promise<unknown>,
	limit: number | undefined,
	guard: PagingGuard,
): Promise<IDataObject[]> {
	const { node, vendor, itemIndex } = guard;
	const maxBytes = guard.maxBytes ?? MEMORY_BUDGET;
	const stop = (message: string, description: string) =>
		new NodeOperationError(node, message, { description, itemIndex });
	const collected: IDataObject[] = [];
	const seen = new Map<string, number>();
	let bytes = 0;
	let announced: { total?: number; pages?: number } | undefined;
	let strategy = initial;
	for (let page = 1; ; page++) {
		const wanted = limit === undefined ? undefined : limit - collected.length;
		const query = strategy.query(page, wanted, limit);
		let answer = await settle(fetchPage(query, page, strategy.check));
		if ('error' in answer && page === 1 && isRefusal(answer.error) && strategy.smaller) {
			const smaller = strategy.smaller;
			// only when the smaller strategy asks for something different (Limit below both sizes: same request)
			const retry = smaller.query(page, wanted, limit);
			if (JSON.stringify(retry) !== JSON.stringify(query)) {
				strategy = smaller;
				answer = await settle(fetchPage(retry, page, strategy.check));
			}
		}
		if ('error' in answer) throw answer.error; // already a NodeApiError from the transport
		const { items, hasMore, total, pages } = strategy.read(answer.body, page);
		if (items.length === 0) break;

		const json = JSON.stringify(items);
		const signature = createHash('sha256').update(json).digest('hex');
		const earlier = seen.get(signature);
		if (earlier !== undefined) {
			throw stop(
				`${vendor} sent page ${page} with the same records as page ${earlier}`,
				`Paging stopped after ${page} pages (${collected.length} records): the server answers a page it already sent, so the list would never end (it may ignore the page parameter). ${ADVICE} ` +
					`If the server ignores paging and the list holds no more than ${items.length} records, switch off Return All and set Limit to ${items.length}: one request reads it.`,
			);
		}
		seen.set(signature, page);
		bytes += json.length;
		if (bytes > maxBytes) {
			throw stop(
				`The list from ${vendor} is too large to keep: over ${Math.round(maxBytes / 1024 / 1024)} MB after ${page} pages (${collected.length + items.length} records)`,
				`Paging stopped before n8n runs out of memory. ${ADVICE} Where the operation offers Simplify, it keeps the records smaller.`,
			);
		}
		if (!announced && (total !== undefined || pages !== undefined)) announced = { total, pages };

		collected.push(...items);
		if (limit !== undefined && collected.length >= limit) return collected.slice(0, limit);
		if (!hasMore) break;

		const said = announced?.total !== undefined ? ` (${announced.total} records)` : '';
		if (
			announced?.total !== undefined &&
			collected.length > announced.total + margin(announced.total, 100)
		) {
			throw stop(
				`${vendor} sent more records than it announced: ${collected.length} of ${announced.total}`,
				`The first page announced ${announced.total} records; paging stopped after ${page} pages, as the list does not end where it should. ${ADVICE}`,
			);
		}
		if (announced?.pages !== undefined && page >= announced.pages + margin(announced.pages, 2)) {
			throw stop(
				`${vendor} sent more pages than it announced: ${page} of ${announced.pages}`,
				`The first page announced ${announced.pages} pages${said}; paging stopped after ${page} pages and ${collected.length} records, as the list does not end where it should. ${ADVICE}`,
			);
		}
		const maxPages = strategy.maxPages ?? MAX_PAGES;
		if (announced?.pages === undefined && page >= maxPages) {
			throw stop(
				`${vendor} kept sending pages: stopped after ${page} pages (${collected.length} records)`,
				`One list may take at most ${maxPages} pages. ${ADVICE}`,
			);
		}
	}
	return collected;
}
