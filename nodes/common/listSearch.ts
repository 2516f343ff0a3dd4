/**
 * The searchable dropdowns of resource locators, for every vendor: fetch one page of a list
 * endpoint, name each record, filter by what the user typed (unless the server already did), and
 * hand back a pagination token while more pages follow. A vendor describes only how it pages
 * (`fetchPage`) and how its records are named (`name`).
 */
import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

export interface ListSearchSource {
	/** One page of the list: its records, and whether another page follows. */
	fetchPage(
		ctx: ILoadOptionsFunctions,
		page: number,
		filter: string,
	): Promise<{ rows: IDataObject[]; more: boolean }>;
	/** The server filtered the page by `filter` itself (no filtering on our side). */
	serverFilters?: (filter: string) => boolean;
	/** A readable name for a record. */
	name(row: IDataObject): string;
	/** A link to the record in the vendor's app, where the answer has one. */
	url?(row: IDataObject): string | undefined;
}

export type ListSearchMethod = (
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) => Promise<INodeListSearchResult>;

/** A value as display text ('' for nothing). */
export const textOf = (value: unknown): string =>
	typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';

/** The first non-empty of the record's `keys`. */
export const firstText = (row: IDataObject, keys: string[]): string => {
	for (const key of keys) {
		const text = textOf(row[key]);
		if (text) return text;
	}
	return '';
};

/** One page of a dropdown search. */
export async function searchPage(
	ctx: ILoadOptionsFunctions,
	source: ListSearchSource,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = Number(paginationToken ?? 1) || 1;
	const needle = (filter ?? '').trim();
	const { rows, more } = await source.fetchPage(ctx, page, needle);
	const lower = needle.toLowerCase();
	const filtered = !lower || (source.serverFilters?.(needle) ?? false);
	const results: INodeListSearchItems[] = rows
		.filter((row) => row.id !== undefined && row.id !== null)
		.map((row) => {
			const url = source.url?.(row);
			return {
				name: source.name(row),
				value: textOf(row.id) || String(row.id),
				...(url ? { url } : {}),
			};
		})
		.filter(
			(row) =>
				filtered || row.name.toLowerCase().includes(lower) || row.value.toLowerCase() === lower,
		);
	return { results, paginationToken: more ? String(page + 1) : undefined };
}

/** `methods.listSearch` of a node from its named sources. */
export function listSearchMethods(
	sources: Record<string, ListSearchSource>,
): Record<string, ListSearchMethod> {
	return Object.fromEntries(
		Object.entries(sources).map(([name, source]) => [
			name,
			async function (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
				return await searchPage(this, source, filter, paginationToken);
			},
		]),
	);
}
