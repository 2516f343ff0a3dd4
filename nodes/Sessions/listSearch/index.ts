/** Dropdown searches: page through a Sessions list (20 per page) and filter by name on our side. */
import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { vendorJson } from '../../common/transport';
import { SESSIONS_PAGE_SIZE, sessionsVendor } from '../shared/vendor';

async function searchCollection(
	ctx: ILoadOptionsFunctions,
	path: string,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const credentials = await ctx.getCredentials('sessionsApi');
	const page = Number(paginationToken ?? 1) || 1;
	const body = await vendorJson<unknown>(ctx, sessionsVendor, {
		method: 'GET',
		baseURL: String(credentials.baseUrl ?? '').replace(/\/+$/, ''),
		url: path,
		qs: { page },
	});
	const rows = Array.isArray(body) ? (body as IDataObject[]) : [];
	const needle = (filter ?? '').trim().toLowerCase();
	const results = rows
		.map((row) => {
			const name = String(row.name ?? row.title ?? row.slug ?? row.id);
			return {
				name,
				value: String(row.id),
				url: typeof row.url === 'string' ? row.url : undefined,
			};
		})
		.filter(
			(row) =>
				!needle || row.name.toLowerCase().includes(needle) || row.value.toLowerCase() === needle,
		);
	return {
		results,
		paginationToken: rows.length >= SESSIONS_PAGE_SIZE ? String(page + 1) : undefined,
	};
}

export async function searchBookingPages(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) {
	return await searchCollection(this, '/api/booking-pages', filter, paginationToken);
}

export async function searchBookings(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) {
	return await searchCollection(this, '/api/bookings', filter, paginationToken);
}

export async function searchRooms(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) {
	return await searchCollection(this, '/api/rooms', filter, paginationToken);
}

export async function searchSessions(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) {
	return await searchCollection(this, '/api/sessions', filter, paginationToken);
}

export async function searchEvents(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) {
	return await searchCollection(this, '/api/events', filter, paginationToken);
}
