/**
 * Dropdown searches of the resource locators, one per entry of SESAME_SEARCHES (generated from the
 * catalogue): page through the list endpoint 100 at a time (meta.lastPage tells whether another page
 * follows), filter by name on the server where the endpoint can, else on the page we got.
 */
import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { vendorJson } from '../../common/transport';
import { SESAME_SEARCHES } from '../generated';
import type { SesameSearch } from '../shared/types';
import {
	SESAME_CREDENTIAL,
	SESAME_SMALL_PAGE_SIZE,
	sesameBaseUrl,
	sesameVendor,
} from '../shared/vendor';

type ListSearchMethod = (
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) => Promise<INodeListSearchResult>;

/** A readable name for a record: its name or title, an employee's full name, else its id. */
export function displayNameOf(row: IDataObject): string {
	const text = (value: unknown) =>
		typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
	const person = [text(row.firstName), text(row.lastName)].filter(Boolean).join(' ');
	const name =
		text(row.name) ||
		text(row.title) ||
		person ||
		text(row.description) ||
		text(row.code) ||
		text(row.id);
	const email = text(row.email);
	return person && email ? `${name} (${email})` : name;
}

async function search(
	ctx: ILoadOptionsFunctions,
	definition: SesameSearch,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const credentials = await ctx.getCredentials(SESAME_CREDENTIAL);
	const page = Number(paginationToken ?? 1) || 1;
	const needle = (filter ?? '').trim();
	const qs: IDataObject = definition.paged ? { page, limit: SESAME_SMALL_PAGE_SIZE } : {};
	if (needle && definition.filterParam) qs[definition.filterParam] = needle;
	const body = await vendorJson<IDataObject | undefined>(ctx, sesameVendor, {
		method: 'GET',
		baseURL: sesameBaseUrl(credentials),
		url: definition.path,
		qs,
	});
	let data: unknown = body?.data;
	if (definition.pick && data && typeof data === 'object' && !Array.isArray(data))
		data = (data as IDataObject)[definition.pick];
	const rows = (
		Array.isArray(data) ? data : data && typeof data === 'object' ? [data] : []
	) as IDataObject[];
	const lower = needle.toLowerCase();
	const results: INodeListSearchItems[] = rows
		.filter((row) => row.id !== undefined && row.id !== null)
		.map((row) => ({ name: displayNameOf(row), value: String(row.id) }))
		.filter(
			(row) =>
				!lower ||
				definition.filterParam !== undefined ||
				row.name.toLowerCase().includes(lower) ||
				row.value.toLowerCase() === lower,
		);
	const meta = (body?.meta ?? undefined) as IDataObject | undefined;
	const more =
		definition.paged &&
		meta?.lastPage !== undefined &&
		Number(meta.currentPage ?? page) < Number(meta.lastPage);
	return { results, paginationToken: more ? String(page + 1) : undefined };
}

/** `methods.listSearch` of the node: searchEmployees, searchDepartments, ... */
export const listSearch: Record<string, ListSearchMethod> = Object.fromEntries(
	Object.entries(SESAME_SEARCHES).map(([name, definition]) => [
		name,
		async function (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
			return await search(this, definition, filter, paginationToken);
		},
	]),
);
