/**
 * Paging strategies: how a vendor's list endpoint is asked for page N and how its answer is read.
 * Return All / Limit logic is the same for every vendor (see `collectPages`).
 */
import type { IDataObject } from 'n8n-workflow';

import { failureOf } from './transport';

export interface PageRead {
	items: IDataObject[];
	hasMore: boolean;
}

export interface PagingStrategy {
	/**
	 * Query parameters for page `page` (1-based); `wanted` is how many more items are needed and
	 * `limit` how many were asked for in all (both undefined for Return All).
	 */
	query(page: number, wanted: number | undefined, limit?: number): IDataObject;
	/** The items of one page and whether another page may follow. */
	read(body: unknown, page: number): PageRead;
	/**
	 * Stop (without keeping the page) when a page repeats the previous one: a server that ignores the
	 * page parameter would otherwise answer the same full page forever.
	 */
	stopOnRepeat?: boolean;
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

/** `?page=N` with a fixed page size chosen by the server; a short page is the last. */
export function fixedSizePages(pageSize: number, pageParam = 'page'): PagingStrategy {
	return {
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
		stopOnRepeat: true,
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
			if (meta && meta.lastPage !== undefined) {
				const current = Number(meta.currentPage ?? page);
				return { items, hasMore: current < Number(meta.lastPage) && items.length > 0 };
			}
			return { items, hasMore: items.length >= maxPageSize };
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
		stopOnRepeat: true,
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
			return { items, hasMore: full && countLeft };
		},
	};
}

/**
 * A list endpoint that answers everything at once (`{<dataKey>: [...]}` or a bare array): one request
 * without paging parameters; Limit is applied to the answer.
 */
export function singlePage(dataKey = 'data'): PagingStrategy {
	return {
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

/** Collects pages until the limit is reached or the vendor says there are no more. */
export async function collectPages(
	initial: PagingStrategy,
	fetchPage: (query: IDataObject, page: number) => Promise<unknown>,
	limit: number | undefined,
	maxPages = 100_000,
): Promise<IDataObject[]> {
	const collected: IDataObject[] = [];
	let previous: string | undefined;
	let strategy = initial;
	for (let page = 1; page <= maxPages; page++) {
		const wanted = limit === undefined ? undefined : limit - collected.length;
		const query = strategy.query(page, wanted, limit);
		let answer = await settle(fetchPage(query, page));
		if ('error' in answer && page === 1 && isRefusal(answer.error) && strategy.smaller) {
			const smaller = strategy.smaller;
			// only when the smaller strategy asks for something different (Limit below both sizes: same request)
			const retry = smaller.query(page, wanted, limit);
			if (JSON.stringify(retry) !== JSON.stringify(query)) {
				strategy = smaller;
				answer = await settle(fetchPage(retry, page));
			}
		}
		if ('error' in answer) throw answer.error; // already a NodeApiError from the transport
		const { body } = answer;
		const { items, hasMore } = strategy.read(body, page);
		if (strategy.stopOnRepeat && items.length > 0) {
			const signature = JSON.stringify(items);
			if (signature === previous) break;
			previous = signature;
		}
		collected.push(...items);
		if (limit !== undefined && collected.length >= limit) return collected.slice(0, limit);
		if (!hasMore || items.length === 0) break;
	}
	return collected;
}
