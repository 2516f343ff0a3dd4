/**
 * Dropdowns of the HaloPSA Scheduling node.
 *  - listSearch (resource locators for record IDs): one Halo page per call, filtered by name on our
 *    side (and by Halo's `search` where the endpoint documents it)
 *  - loadOptions (agents, clients, sites, workdays, booking types, appointment types)
 */
import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { haloResourceUrl } from '../../../credentials/HaloPsaSchedulingApi.credentials';
import {
	firstText,
	listSearchMethods,
	textOf,
	type ListSearchSource,
} from '../../common/listSearch';
import { collectPages, unwrapEnvelope } from '../../common/paging';
import { vendorJson } from '../../common/transport';
import { HALO_CREDENTIAL, haloPaging, haloVendor } from '../shared/vendor';

const SEARCH_PAGE_SIZE = 50;
/** Most entries a dropdown loads. */
const OPTIONS_LIMIT = 1000;

async function baseUrl(ctx: ILoadOptionsFunctions): Promise<string> {
	return haloResourceUrl(await ctx.getCredentials(HALO_CREDENTIAL));
}

const text = textOf;

/** A readable name for a Halo record of any scheduling entity. */
export function recordName(row: IDataObject): string {
	const name = firstText(row, ['subject', 'name', 'agent_name', 'description', 'summary']);
	const when = firstText(row, ['start_date', 'startdate', 'date']);
	const parts = [name, when ? when.replace('T', ' ').slice(0, 16) : ''].filter(Boolean);
	return parts.length ? `${parts.join(' · ')} (#${text(row.id)})` : `#${text(row.id)}`;
}

/** A Halo list endpoint as a dropdown source: one page of 50, Halo's `search` where documented. */
function records(path: string, options: { searchParam?: string } = {}): ListSearchSource {
	return {
		async fetchPage(ctx: ILoadOptionsFunctions, page: number, filter: string) {
			const body = await vendorJson<unknown>(ctx, haloVendor, {
				method: 'GET',
				baseURL: await baseUrl(ctx),
				url: path,
				qs: {
					pageinate: true,
					page_size: SEARCH_PAGE_SIZE,
					page_no: page,
					...(options.searchParam && filter ? { [options.searchParam]: filter } : {}),
				},
			});
			const { items, total } = unwrapEnvelope(body);
			const more =
				items.length === SEARCH_PAGE_SIZE &&
				(total === undefined || page * SEARCH_PAGE_SIZE < total);
			return { rows: items, more };
		},
		serverFilters: () => options.searchParam !== undefined,
		name: recordName,
	};
}

/** `methods.listSearch` of the node: the record pickers. */
export const listSearch = listSearchMethods({
	searchAppointments: records('/Appointment', { searchParam: 'search' }),
	searchSchedules: records('/Schedule'),
	searchScheduleOccurrences: records('/ScheduleOccurrence'),
	searchTimesheets: records('/Timesheet'),
	searchTimesheetEvents: records('/TimesheetEvent'),
	searchHolidays: records('/Holiday'),
	searchWorkdays: records('/Workday'),
	searchDowntimes: records('/Downtime'),
});

// ---------------------------------------------------------------------------------------------
// loadOptions

async function fetchAll(
	ctx: ILoadOptionsFunctions,
	path: string,
	query: IDataObject = {},
	limit = OPTIONS_LIMIT,
): Promise<IDataObject[]> {
	const base = await baseUrl(ctx);
	return await collectPages(
		haloPaging,
		async (page, _number, check) =>
			await vendorJson<unknown>(
				ctx,
				haloVendor,
				{ method: 'GET', baseURL: base, url: path, qs: { ...query, ...page } },
				undefined,
				{ bodyRequired: true, shape: check },
			),
		limit,
		{ node: ctx.getNode(), vendor: haloVendor.vendor },
	);
}

function toOptions(
	rows: IDataObject[],
	nameOf: (row: IDataObject) => string,
	idKey = 'id',
): INodePropertyOptions[] {
	const seen = new Set<string>();
	const options: INodePropertyOptions[] = [];
	for (const row of rows) {
		const id = row[idKey];
		if (id === undefined || id === null || seen.has(String(id))) continue;
		seen.add(String(id));
		options.push({
			name: nameOf(row) || `#${String(id)}`,
			value: typeof id === 'number' ? id : String(id),
		});
	}
	return options.sort((a, b) => a.name.localeCompare(b.name));
}

export async function getAgents(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return toOptions(await fetchAll(this, '/Agent'), (row) => text(row.name));
}

export async function getClients(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return toOptions(await fetchAll(this, '/Client'), (row) => text(row.name));
}

export async function getSites(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return toOptions(await fetchAll(this, '/Site'), (row) =>
		[text(row.client_name), text(row.name)].filter(Boolean).join(' / '),
	);
}

export async function getWorkdays(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return toOptions(await fetchAll(this, '/Workday'), (row) => text(row.name));
}

export async function getBookingTypes(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	return toOptions(await fetchAll(this, '/BookingType'), (row) => text(row.name));
}

/** The recurring appointments (templates) Generate creates appointments from. */
export async function getRecurringAppointments(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	return toOptions(await fetchAll(this, '/Appointment', { isrecurringmaster: true }), recordName);
}

export async function getSchedules(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return toOptions(await fetchAll(this, '/Schedule'), recordName);
}

/**
 * Halo's API has no documented list of appointment types: this offers the types of the most recent
 * appointments (up to 200); any other type can be given by ID with an expression.
 */
export async function getAppointmentTypes(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const rows = await fetchAll(this, '/Appointment', { orderdesc: true, order: 'start_date' }, 200);
	return toOptions(
		rows.filter((row) => Number(row.appointment_type_id) > 0),
		(row) => text(row.appointment_type_name),
		'appointment_type_id',
	);
}

/** `methods.loadOptions` of the node: the dropdowns and multi-selects of related records. */
export const loadOptions = {
	getAgents,
	getAppointmentTypes,
	getBookingTypes,
	getClients,
	getRecurringAppointments,
	getSchedules,
	getSites,
	getWorkdays,
};
