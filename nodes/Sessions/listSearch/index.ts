/** Dropdown searches: page through a Sessions list (20 per page) and filter by name on our side. */
import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';

import { firstText, listSearchMethods, type ListSearchSource } from '../../common/listSearch';
import { vendorJson } from '../../common/transport';
import { SESSIONS_PAGE_SIZE, sessionsVendor } from '../shared/vendor';

/** A Sessions list endpoint: a plain JSON array, 20 per page, `?page=N`. */
const collection = (path: string): ListSearchSource => ({
	async fetchPage(ctx: ILoadOptionsFunctions, page: number) {
		const credentials = await ctx.getCredentials('sessionsApi');
		const body = await vendorJson<unknown>(ctx, sessionsVendor, {
			method: 'GET',
			baseURL: String(credentials.baseUrl ?? '').replace(/\/+$/, ''),
			url: path,
			qs: { page },
		});
		const rows = Array.isArray(body) ? (body as IDataObject[]) : [];
		return { rows, more: rows.length >= SESSIONS_PAGE_SIZE };
	},
	name: (row) => firstText(row, ['name', 'title', 'slug']) || String(row.id),
	url: (row) => (typeof row.url === 'string' ? row.url : undefined),
});

export const { searchBookingPages, searchBookings, searchRooms, searchSessions, searchEvents } =
	listSearchMethods({
		searchBookingPages: collection('/api/booking-pages'),
		searchBookings: collection('/api/bookings'),
		searchRooms: collection('/api/rooms'),
		searchSessions: collection('/api/sessions'),
		searchEvents: collection('/api/events'),
	});
