/**
 * Paging strategies: how a vendor's list endpoint is asked for page N and how its answer is read.
 * Return All / Limit logic is the same for every vendor (see `collectPages`).
 */
import type { IDataObject } from 'n8n-workflow';

export interface PageRead {
	items: IDataObject[];
	hasMore: boolean;
}

export interface PagingStrategy {
	/** Query parameters for page `page` (1-based); `wanted` is how many more items are needed, if limited. */
	query(page: number, wanted: number | undefined): IDataObject;
	/** The items of one page and whether another page may follow. */
	read(body: unknown, page: number): PageRead;
}

function asItems(value: unknown): IDataObject[] {
	if (Array.isArray(value)) return value.map((v) => (v !== null && typeof v === 'object' ? (v as IDataObject) : { value: v }));
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
 * Falls back to "a full page means there may be more" when `meta` is missing.
 */
export function metaPages(maxPageSize: number, options: { dataKey?: string; pageParam?: string; sizeParam?: string } = {}): PagingStrategy {
	const { dataKey = 'data', pageParam = 'page', sizeParam = 'limit' } = options;
	return {
		query: (page, wanted) => ({
			[pageParam]: page,
			[sizeParam]: wanted === undefined ? maxPageSize : Math.min(maxPageSize, Math.max(1, wanted)),
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

/** Collects pages until the limit is reached or the vendor says there are no more. */
export async function collectPages(
	strategy: PagingStrategy,
	fetchPage: (query: IDataObject, page: number) => Promise<unknown>,
	limit: number | undefined,
	maxPages = 100_000,
): Promise<IDataObject[]> {
	const collected: IDataObject[] = [];
	for (let page = 1; page <= maxPages; page++) {
		const wanted = limit === undefined ? undefined : limit - collected.length;
		const body = await fetchPage(strategy.query(page, wanted), page);
		const { items, hasMore } = strategy.read(body, page);
		collected.push(...items);
		if (limit !== undefined && collected.length >= limit) return collected.slice(0, limit);
		if (!hasMore || items.length === 0) break;
	}
	return collected;
}
