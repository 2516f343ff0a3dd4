/**
 * Dropdown searches of the resource locators, one per entry of SESAME_SEARCHES (generated from the
 * catalogue): page through the list endpoint 100 at a time (meta.lastPage tells whether another page
 * follows), filter by name on the server where the endpoint can, else on the page we got.
 */
import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	firstText,
	listSearchMethods,
	textOf,
	type ListSearchSource,
} from '../../common/listSearch';
import { locatorValue } from '../../common/request';
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

/** The company of the token (for lists that need it as a query parameter). */
async function companyId(ctx: ILoadOptionsFunctions, baseURL: string): Promise<string> {
	const body = await vendorJson<IDataObject | undefined>(ctx, sesameVendor, {
		method: 'GET',
		baseURL,
		url: '/core/v3/info',
	});
	const company = ((body?.data as IDataObject | undefined)?.company ?? {}) as IDataObject;
	return textOf(company.id);
}

/** The path of a search, with its parent (dependsOn) taken from the operation being edited. */
function pathOf(ctx: ILoadOptionsFunctions, definition: SesameSearch): string {
	if (!definition.dependsOn) return definition.path;
	const parent = textOf(locatorValue(ctx.getCurrentNodeParameter(definition.dependsOn)));
	if (!parent) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Choose the ${labelOf(definition.dependsOn)} first`,
			{
				description: 'This list is read per parent record; the field above it selects the parent.',
			},
		);
	}
	return definition.path.replace(`{${definition.dependsOn}}`, encodeURIComponent(parent));
}

const labelOf = (name: string) =>
	name
		.replace(/Id$/, '')
		.replace(/([A-Z])/g, ' $1')
		.toLowerCase()
		.trim();

/** One page of the list endpoint of a search. */
async function fetchPage(
	ctx: ILoadOptionsFunctions,
	definition: SesameSearch,
	page: number,
	filter: string,
	size: number,
) {
	const credentials = await ctx.getCredentials(SESAME_CREDENTIAL);
	const baseURL = sesameBaseUrl(credentials);
	const qs: IDataObject = definition.paged ? { page, limit: size } : {};
	if (filter && definition.filterParam) qs[definition.filterParam] = filter;
	if (definition.companyParam) qs[definition.companyParam] = await companyId(ctx, baseURL);
	const body = await vendorJson<IDataObject | undefined>(ctx, sesameVendor, {
		method: 'GET',
		baseURL,
		url: pathOf(ctx, definition),
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
}

/** The dropdown source of one entry of SESAME_SEARCHES. */
function source(definition: SesameSearch): ListSearchSource {
	return {
		fetchPage: async (ctx, page, filter) =>
			await fetchPage(ctx, definition, page, filter, SESAME_SMALL_PAGE_SIZE),
		serverFilters: () => definition.filterParam !== undefined,
		name: displayNameOf,
	};
}

/** Most options a multi-select loads (10 pages of 100). */
const OPTIONS_PAGES = 10;

/** The options of a multi-select of IDs (employees, departments, …), from the same list endpoint. */
function options(definition: SesameSearch) {
	return async function (this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const found: INodePropertyOptions[] = [];
		for (let page = 1; page <= OPTIONS_PAGES; page++) {
			const { rows, more } = await fetchPage(this, definition, page, '', SESAME_SMALL_PAGE_SIZE);
			for (const row of rows)
				if (row.id !== undefined && row.id !== null)
					found.push({ name: displayNameOf(row), value: String(row.id) });
			if (!more) break;
		}
		return found.sort((a, b) => a.name.localeCompare(b.name));
	};
}

/** `methods.listSearch` of the node: searchEmployees, searchDepartments, ... */
/** `methods.loadOptions` of the node: getEmployees, getDepartments, ... (the multi-selects of ID lists) */
export const loadOptions = Object.fromEntries(
	Object.entries(SESAME_SEARCHES)
		.filter(([, definition]) => !definition.dependsOn)
		.map(([name, definition]) => [name.replace(/^search/, 'get'), options(definition)]),
);

export const listSearch = listSearchMethods(
	Object.fromEntries(
		Object.entries(SESAME_SEARCHES).map(([name, definition]) => [name, source(definition)]),
	),
);
