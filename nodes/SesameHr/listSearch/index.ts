/**
 * Dropdown searches of the resource locators, one per entry of SESAME_SEARCHES (generated from the
 * catalogue): page through the list endpoint 100 at a time (meta.lastPage tells whether another page
 * follows), filter by name on the server where the endpoint can, else on the page we got.
 */
import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';

import {
	firstText,
	listSearchMethods,
	textOf,
	type ListSearchSource,
} from '../../common/listSearch';
import { vendorJson } from '../../common/transport';
import { SESAME_SEARCHES } from '../generated';
import type { SesameSearch } from '../shared/types';
import {
	SESAME_CREDENTIAL,
	SESAME_SMALL_PAGE_SIZE,
	sesameBaseUrl,
	sesameVendor,
} from '../shared/vendor';

/** A readable name for a record: its name or title, an employee's full name, else its id. */
export function displayNameOf(row: IDataObject): string {
	const person = [textOf(row.firstName), textOf(row.lastName)].filter(Boolean).join(' ');
	const name =
		firstText(row, ['name', 'title']) || person || firstText(row, ['description', 'code', 'id']);
	const email = textOf(row.email);
	return person && email ? `${name} (${email})` : name;
}

/** The dropdown source of one entry of SESAME_SEARCHES. */
function source(definition: SesameSearch): ListSearchSource {
	return {
		async fetchPage(ctx: ILoadOptionsFunctions, page: number, filter: string) {
			const credentials = await ctx.getCredentials(SESAME_CREDENTIAL);
			const qs: IDataObject = definition.paged ? { page, limit: SESAME_SMALL_PAGE_SIZE } : {};
			if (filter && definition.filterParam) qs[definition.filterParam] = filter;
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
			const meta = (body?.meta ?? undefined) as IDataObject | undefined;
			const more =
				definition.paged &&
				meta?.lastPage !== undefined &&
				Number(meta.currentPage ?? page) < Number(meta.lastPage);
			return { rows, more: Boolean(more) };
		},
		serverFilters: () => definition.filterParam !== undefined,
		name: displayNameOf,
	};
}

/** `methods.listSearch` of the node: searchEmployees, searchDepartments, ... */
export const listSearch = listSearchMethods(
	Object.fromEntries(
		Object.entries(SESAME_SEARCHES).map(([name, definition]) => [name, source(definition)]),
	),
);
