/**
 * Field builders of the HaloPSA Scheduling node, over the generated catalogue
 * (../generated/catalogue.ts: endpoints with their query parameters, the types of every scalar
 * property of the record schemas). They return field specs (nodes/common/describe.ts); the resource
 * files choose which fields each operation offers. The labels and descriptions below are the
 * hand-written part: a property without one gets a title-cased label.
 */
import type { IDataObject, IExecutePaginationFunctions } from 'n8n-workflow';
import { NodeOperationError, UnexpectedError } from 'n8n-workflow';

import type { FieldSpec, OperationData, OperationSpec, ResourceSpec } from '../../common/describe';
import { titleOf } from '../../common/text';
import {
	HALO_BODY_FIELDS,
	HALO_ENDPOINTS,
	type HaloEndpoint,
	type HaloFieldType,
	type HaloParameter,
} from '../generated/catalogue';

/** Dates and times go out with an explicit UTC offset (see docs/halopsa-scheduling.md). */
const OFFSET_HINT = 'Sent with its UTC offset';

/** A list of Halo property names written as one line of words ("subject start_date end_date"). */
export const names = (text: string): string[] => text.trim().split(/\s+/);

/** Query parameters that name a record the node can search (resource locators). */
const QUERY_LOCATORS: Record<string, { search: string; label: string }> = {
	recurringmasterid: { search: 'searchAppointments', label: 'Recurring Master Appointment' },
};

const DYNAMIC_HINT =
	'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>';
/** The same hint, shorter, for the many dropdowns inside collections (the editor downloads every one). */
const SHORT_HINT = 'Pick one, or an ID by expression';

/** The catalogue entry of an endpoint (a typo here is a programming error, caught by the tests at load time). */
export function endpoint(method: string, path: string): HaloEndpoint {
	const found = HALO_ENDPOINTS.find((e) => e.method === method && e.path === path);
	if (!found) throw new UnexpectedError(`No catalogue endpoint ${method} ${path}`);
	return found;
}

/**
 * An operation for the catalogue endpoint `method path`; a `{id}` placeholder becomes the node
 * parameter `idParameter` (a resource locator).
 */
export function haloOperation(
	value: string,
	name: string,
	action: string,
	method: 'GET' | 'POST' | 'DELETE',
	path: string,
	spec: Partial<OperationSpec> & { idParameter?: string; fields?: FieldSpec[] } = {},
): OperationData {
	const { idParameter, fields = [], ...rest } = spec;
	// checks that the endpoint is in the catalogue; the description is the action (the catalogue's
	// summaries say "Creates one or more …" for updates too)
	endpoint(method, path);
	return {
		value,
		name,
		action,
		method,
		path: idParameter ? path.replace('{id}', `{${idParameter}}`) : path,
		...rest,
		fields,
	};
}

/** camelCase node parameter name for a Halo property (`start_date` → `startDate`, `_approve` → `approve`). */
export const paramName = (property: string) =>
	property.replace(/^_+/, '').replace(/_+([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

// ---------------------------------------------------------------------------------------------
// Dropdowns

type Lookup =
	| 'getAgents'
	| 'getClients'
	| 'getSites'
	| 'getAppointmentTypes'
	| 'getWorkdays'
	| 'getBookingTypes';

/** Halo properties / query parameters holding an ID of a record a dropdown can offer. */
const LOOKUPS: Record<string, Lookup> = {
	agent_id: 'getAgents',
	agentid: 'getAgents',
	timesheet_manager: 'getAgents',
	client_id: 'getClients',
	site_id: 'getSites',
	appointment_type_id: 'getAppointmentTypes',
	workday_id: 'getWorkdays',
	workdayid: 'getWorkdays',
	resourcebookingtype: 'getBookingTypes',
};

/** Query parameters taking a comma-separated list of IDs. */
const MULTI_LOOKUPS: Record<string, Lookup> = { agents: 'getAgents', types: 'getAppointmentTypes' };

// ---------------------------------------------------------------------------------------------
// Query parameters

/** Handled by Return All / Limit. */
const PAGING_PARAMETERS = new Set(['pageinate', 'page_no', 'page_size']);

const QUERY_LABELS: Record<string, string> = {
	advanced_search: 'Advanced Search',
	agents: 'Agents',
	appointmentsonly: 'Appointments Only',
	assets: 'Assets',
	client_id: 'Client',
	end_date: 'End Date After',
	excludenonticketapptodo: 'Exclude Non-Ticket To-Dos',
	excluderecurring: 'Exclude Recurring',
	excluderecurringmaster: 'Exclude Recurring Masters',
	getopenjourney: 'Open Journeys',
	hidecompleted: 'Hide Completed',
	includedeleted: 'Include Deleted',
	isrecurringchild: 'Recurring Children Only',
	isrecurringmaster: 'Recurring Masters Only',
	locations: 'Locations',
	my_approvals: 'My Approvals',
	order: 'Order By',
	order2: 'Order By (2nd)',
	order3: 'Order By (3rd)',
	order4: 'Order By (4th)',
	order5: 'Order By (5th)',
	orderdesc: 'Descending',
	orderdesc2: 'Descending (2nd)',
	orderdesc3: 'Descending (3rd)',
	orderdesc4: 'Descending (4th)',
	orderdesc5: 'Descending (5th)',
	recurringchangeonly: 'Recurring Changes Only',
	recurringmasterid: 'Recurring Master ID',
	search: 'Search',
	shiftsonly: 'Shifts Only',
	showall: 'Show All (Admin)',
	showappointments: 'Show Appointments',
	showchanges: 'Show Changes',
	showholidayonce: 'Show Each Holiday Once',
	showholidays: 'Show Holidays',
	showprojects: 'Show Projects',
	showshifts: 'Show Shifts',
	start_date: 'Start Date After',
	statuses: 'Statuses',
	tasksonly: 'Tasks Only',
	ticket_id: 'Ticket ID',
	toplevel_id: 'Top-Level ID',
	types: 'Appointment Types',
	utcoffset: 'UTC Offset',
	includedetails: 'Include Details',
	ignoreexchangedelete: 'Keep in Exchange Calendar',
	primaryid: 'Primary ID',
	type: 'Type',
	agent_id: 'Agent',
	date: 'Date',
	workday_id: 'Workday',
	workdayid: 'Workday',
	approved_only: 'Approved Only',
	entity: 'Entity',
	include_apid: 'Include Appointment ID',
	inclusive_end: 'Inclusive End',
	inclusive_start: 'Inclusive Start',
	access_control_level: 'Access Control Level',
	isconfig: 'Configuration Only',
};

/** n8n describes booleans with "Whether …". */
function booleanDescription(text: string): string {
	const t = text.trim().replace(/\.$/, '');
	if (/^(Only|Return|Exclude|Include|Show|Skip|Use|Order|Enable|Hide|Filter)\b/.test(t))
		return `Whether to ${t.charAt(0).toLowerCase()}${t.slice(1)}`;
	return `Whether to apply: ${t.charAt(0).toLowerCase()}${t.slice(1)}`;
}

const isDateParameter = (p: HaloParameter) =>
	p.type === 'DateTime' || (p.type === 'string' && /(^|_)date$/.test(p.name));

/** One documented query parameter as a field of `collection` (sent in the query string). */
export function queryField(p: HaloParameter, collection: string): FieldSpec {
	const base = {
		name: paramName(p.name),
		key: p.name,
		label: QUERY_LABELS[p.name] ?? titleOf(p.name),
		in: 'query' as const,
		collection,
	};
	const located = QUERY_LOCATORS[p.name];
	if (located) {
		return {
			...base,
			kind: 'locator',
			search: located.search,
			label: located.label,
			numericId: true,
			description: p.description,
		};
	}
	const multi = MULTI_LOOKUPS[p.name];
	if (multi) {
		return {
			...base,
			kind: 'multiOptions',
			loadOptions: multi,
			joined: true,
			description: `${p.description}. ${SHORT_HINT}.`,
		};
	}
	const lookup = LOOKUPS[p.name];
	if (lookup)
		return {
			...base,
			kind: 'options',
			loadOptions: lookup,
			description: `${p.description}. ${SHORT_HINT}.`,
		};
	if (p.type === 'boolean')
		return { ...base, kind: 'boolean', description: booleanDescription(p.description) };
	if (p.type === 'integer' || p.type === 'double')
		return { ...base, kind: 'number', description: p.description };
	if (isDateParameter(p)) return { ...base, kind: 'dateTime', description: p.description };
	return { ...base, kind: 'string', description: p.description };
}

/** The documented query parameters of an endpoint (without paging and path parameters). */
export const queryParameters = (e: HaloEndpoint) =>
	e.parameters.filter((p) => p.in === 'query' && !PAGING_PARAMETERS.has(p.name));

/** The documented query parameters of `method path`, as "Filters" (lists) or "Options" fields. */
export function queryFields(
	method: string,
	path: string,
	collection: 'filters' | 'options' = 'filters',
): FieldSpec[] {
	return queryParameters(endpoint(method, path)).map((p) => queryField(p, collection));
}

/** "Additional Query Parameters (JSON)": further query parameters merged in (spec.jsonQuery = 'queryJson'). */
export const queryJsonField = (): FieldSpec => ({
	name: 'queryJson',
	label: 'Additional Query Parameters (JSON)',
	kind: 'json',
	json: 'object',
	description: 'Further query parameters as a JSON object, e.g. {"count": 10}',
});

// ---------------------------------------------------------------------------------------------
// Body fields

const BODY_LABELS: Record<string, string> = {
	subject: 'Subject',
	start_date: 'Start',
	end_date: 'End',
	allday: 'All Day',
	agent_id: 'Agent',
	appointment_type_id: 'Appointment Type',
	client_id: 'Client',
	site_id: 'Site',
	user_id: 'User ID',
	ticket_id: 'Ticket ID',
	note: 'Note',
	is_private: 'Private',
	is_task: 'Task',
	reminderminutes: 'Reminder (Minutes Before)',
	online_meeting_url: 'Online Meeting URL',
	appointment_location_free_text: 'Location',
	inform_agents: 'Inform Agents',
	inform_user: 'Inform User',
	colour: 'Colour',
	complete_status: 'Completion Status',
	resourcebookingtype: 'Booking Type',
	resource_booking_timeslot: 'Booking Timeslot',
	booking_name: 'Booker Name',
	booking_email: 'Booker Email',
	booking_phonenumber: 'Booker Phone Number',
	startdate: 'Start',
	enddate: 'End',
	agentid: 'Agent',
	hours: 'Hours',
	type: 'Type',
	recurrencepattern: 'Recurrence Pattern',
	rangeofrecurrence: 'Range of Recurrence',
	endafteramount: 'End After (Occurrences)',
	dailyrecurrencepattern: 'Daily Recurrence Pattern',
	dailyrecurrencedays: 'Every N Days',
	weeklyrecurrenceweeks: 'Every N Weeks',
	weeklyrecurrencestring: 'Weekly Recurrence Days',
	date: 'Date',
	start_time: 'Start Time',
	end_time: 'End Time',
	target_hours: 'Target Hours',
	break_hours: 'Break Hours',
	allowed_break_hours: 'Allowed Break Hours',
	workdayid: 'Workday',
	timesheet_manager: 'Timesheet Manager',
	_submitapproval: 'Submit for Approval',
	_approve: 'Approve',
	_reject: 'Reject',
	_approval_message: 'Approval Message',
	event_type: 'Event Type',
	break_type: 'Break Type',
	timetaken: 'Time Taken (Hours)',
	charge_rate: 'Charge Rate',
	traveltime: 'Travel Time (Hours)',
	mileage: 'Mileage',
	name: 'Name',
	workday_id: 'Workday',
	holiday_type: 'Holiday Type',
	duration: 'Duration',
	isrecurring: 'Recurring',
	approvalnote: 'Approval Note',
	summary: 'Summary',
	timezone: 'Time Zone',
	start: 'Start',
	end: 'End',
	alldayssame: 'All Days the Same',
	incmonday: 'Include Monday',
	inctuesday: 'Include Tuesday',
	incwednesday: 'Include Wednesday',
	incthursday: 'Include Thursday',
	incfriday: 'Include Friday',
	incsaturday: 'Include Saturday',
	incsunday: 'Include Sunday',
	access_control_level: 'Access Control Level',
};

/** Labels that differ per schema. */
const SCHEMA_LABELS: Record<string, Record<string, string>> = {
	Holidays: { date: 'Start', end_date: 'End' },
};

const BODY_DESCRIPTIONS: Record<string, string> = {
	allday: 'Whether it lasts whole days',
	is_private: 'Whether only the agents involved can see it',
	is_task: 'Whether it is a task rather than an appointment',
	inform_agents: 'Whether Halo e-mails the agents about it',
	inform_user: 'Whether Halo e-mails the end user about it',
	_submitapproval: 'Whether to submit the timesheet for approval',
	_approve: 'Whether to approve the timesheet',
	_reject: 'Whether to reject the timesheet',
	isrecurring: 'Whether the holiday repeats every year',
	alldayssame: 'Whether every working day has the same hours',
	weeklyrecurrencestring: 'Days of the week as Halo encodes them',
	subject: 'Title shown in the calendar',
	name: 'Name shown in Halo',
	note: 'Notes kept with the record',
	colour: 'Calendar colour, as a hex code such as #3f8cff',
	complete_status: 'Completion status code of the appointment (Halo status number)',
	appointment_location_free_text: 'Where it takes place, as free text',
	online_meeting_url: 'Link of the online meeting',
	reminderminutes: 'Minutes before the start at which Halo reminds the attendees',
	ticket_id: 'ID of the ticket it belongs to',
	user_id: 'ID of the end user (contact) it is for',
	booking_name: 'Name of the person making the booking',
	booking_email: 'E-mail address of the person making the booking',
	booking_phonenumber: 'Phone number of the person making the booking',
	resource_booking_timeslot: 'ID of the timeslot being booked (see Timeslot → Get Many)',
	approvalnote: 'Note for the approver of the holiday',
	duration: 'Length in hours (for part-day holidays)',
	holiday_type: 'Kind of holiday as Halo numbers it (e.g. annual leave, public holiday)',
	hours: 'Hours the schedule covers each time',
	type: 'Kind of record as Halo numbers it',
	recurrencepattern: 'How it repeats (Halo pattern number: daily, weekly, monthly …)',
	rangeofrecurrence:
		'How the repetition ends (Halo number: no end, after N occurrences, by a date)',
	endafteramount: 'Number of occurrences after which the schedule ends',
	dailyrecurrencepattern: 'Daily pattern (Halo number: every N days, or every weekday)',
	dailyrecurrencedays: 'Repeat every this many days',
	weeklyrecurrenceweeks: 'Repeat every this many weeks',
	start_time: 'When the working day started',
	end_time: 'When the working day ended',
	target_hours: 'Hours the agent should work that day',
	break_hours: 'Hours of breaks taken',
	allowed_break_hours: 'Hours of breaks allowed',
	_approval_message: 'Message sent with an approval, rejection or submission',
	event_type: 'Kind of event as Halo numbers it (work, break, travel …)',
	break_type: 'Kind of break as Halo numbers it',
	timetaken: 'Hours the event took',
	charge_rate: 'Charge rate ID the time is billed at',
	traveltime: 'Hours of travel',
	mileage: 'Distance travelled',
	summary: 'Short description of the workday pattern',
	timezone: 'Time zone of the working hours, e.g. Europe/London',
	start: 'When the working day starts',
	end: 'When the working day ends',
	access_control_level: 'Who may see and use it (Halo access level number)',
};

function labelOf(schema: string, property: string): string {
	return SCHEMA_LABELS[schema]?.[property] ?? BODY_LABELS[property] ?? titleOf(property);
}

function describe(property: string, type: HaloFieldType, label: string): string | undefined {
	if (BODY_DESCRIPTIONS[property]) return BODY_DESCRIPTIONS[property];
	if (LOOKUPS[property]) return SHORT_HINT;
	if (type === 'boolean') return `Whether to set "${label}"`;
	return `Halo field ${property}`;
}

/** Typed body fields of schema `schema`: required top-level fields, or the options of `collection`. */
export function bodyFields(
	schema: string,
	properties: string[],
	options: { required?: boolean; collection?: string } = {},
): FieldSpec[] {
	return properties.map((property) => {
		const type = HALO_BODY_FIELDS[schema]?.[property];
		if (!type)
			throw new UnexpectedError(`${schema}.${property} is not a scalar property of the schema`);
		const label = labelOf(schema, property);
		const description = describe(property, type, label);
		const base: FieldSpec = {
			name: paramName(property),
			key: property,
			label,
			kind: type,
			in: 'body',
			...(options.required ? { required: true } : {}),
			...(options.collection ? { collection: options.collection } : {}),
			...(description ? { description } : {}),
		};
		const lookup = LOOKUPS[property];
		if (lookup) return { ...base, kind: 'options', loadOptions: lookup };
		if (type === 'dateTime')
			return { ...base, description: description ? `${description}. ${OFFSET_HINT}` : OFFSET_HINT };
		if (property.endsWith('email')) return { ...base, placeholder: 'name@email.com' };
		return base;
	});
}

/** "Additional Body Fields (JSON)", merged into the record last (spec.jsonBody = 'jsonBody'). */
export function recordJsonField(options: { required?: boolean; label?: string } = {}): FieldSpec {
	return {
		name: 'jsonBody',
		label: options.label ?? 'Additional Body Fields (JSON)',
		kind: 'json',
		json: 'object',
		...(options.required ? { required: true, rank: 1 } : {}),
		description:
			'Further fields of the record as a JSON object (see the Halo API reference), merged over the fields above',
	};
}

// ---------------------------------------------------------------------------------------------
// Record IDs

/** A record picker (searchable list or ID); with `sendAsBodyId` its value becomes the record's `id` (updates). */
export function recordLocator(
	label: string,
	name: string,
	search: string,
	options: { sendAsBodyId?: boolean; placeholder?: string } = {},
): FieldSpec {
	return {
		name,
		label,
		kind: 'locator',
		search,
		required: true,
		record: true,
		description: `The ${label.toLowerCase()} to use`,
		...(options.placeholder ? { placeholder: options.placeholder } : {}),
		...(options.sendAsBodyId ? { in: 'body', key: 'id', numericId: true } : { in: 'path' }),
	};
}

/** What Simplify keeps of an appointment (docs/halopsa-scheduling.md lists it). */
export const SIMPLE_APPOINTMENT = names(
	'id subject start_date end_date allday is_task is_private agent_id agent_name client_id client_name site_id site_name user_id user_name ticket_id appointment_type_id appointment_type_name appointment_location_free_text online_meeting_url complete_status note',
);

/** What Simplify keeps of a timesheet. */
export const SIMPLE_TIMESHEET = names(
	'id agent_id agent_name date start_time end_time target_hours actual_hours work_hours break_hours chargeable_hours unlogged_hours percentage',
);

/** Create/update operations: send every input item's record in one POST (spec.batchParameter). */
export const BATCH_PARAMETER = 'sendAllItemsInOneRequest';

/** Create/update of a Halo record: a JSON array of one record, raw JSON merged, optional batch mode. */
export const RECORD_WRITE = {
	bodyAsArray: true,
	jsonBody: 'jsonBody',
	batchParameter: BATCH_PARAMETER,
} as const;

export const batchField = (): FieldSpec => ({
	name: BATCH_PARAMETER,
	label: 'Send All Items in One Request',
	kind: 'boolean',
	description:
		'Whether to send the records of all input items in one request (Halo accepts an array) instead of one request per item. Each output item stays paired with its input item.',
});

// ---------------------------------------------------------------------------------------------
// The operations every Halo record type has

export interface RecordType {
	/** Singular noun of the actions ("holiday"). */
	noun: string;
	/** The collection path ("/Holiday"); one record is `<path>/{id}`. */
	path: string;
	/** OpenAPI schema of the record. */
	schema: string;
	/** The record picker (in the path, or as the body's `id` for updates). */
	id: (sendAsBodyId?: boolean) => FieldSpec;
	/** Fields a new record must have. */
	required: string[];
	/** The optional fields of the record (offered on Create, and with the required ones on Update). */
	optional: string[];
	/** Fields offered by one of the two only. */
	only?: { create?: string[]; update?: string[] };
	/** Operation names where the resource has several of a verb ("Create Appointment"). */
	names?: { create?: string; update?: string; get?: string; delete?: string };
	/** What Simplify keeps of a record (Get and Get Many). */
	simplify?: string[];
}

/**
 * The resource of a Halo record type: Get Many (with the documented filters), Create, Update, Get
 * (and Delete where the API has it), plus the operations only this type has.
 */
export function recordResource(spec: {
	value: string;
	name: string;
	record: RecordType;
	/** Plural noun of "Get many …". */
	plural: string;
	/** Get Many offers the endpoint's documented query parameters as Filters. */
	filters?: boolean;
	delete?: boolean;
	/** Further operations, listed after the standard ones. */
	more?: OperationData[];
}): ResourceSpec {
	const { record } = spec;
	return {
		value: spec.value,
		name: spec.name,
		operations: [
			haloOperation('getAll', 'Get Many', `Get many ${spec.plural}`, 'GET', record.path, {
				list: true,
				...(record.simplify ? { simplify: record.simplify } : {}),
				jsonQuery: 'queryJson',
				fields: [...(spec.filters ? queryFields('GET', record.path) : []), queryJsonField()],
			}),
			...recordWrites(record),
			recordGet(record),
			...(spec.delete ? [recordDelete(record)] : []),
			...(spec.more ?? []),
		],
	};
}

const article = (noun: string) => (/^[aeiou]/i.test(noun) ? 'an' : 'a');
const idParameterOf = (record: RecordType) => record.id().name;

/** Create and Update: a POST of an array of one record (batch mode, raw JSON merged last). */
export function recordWrites(record: RecordType): OperationData[] {
	const { noun, path, schema } = record;
	return [
		haloOperation(
			'create',
			record.names?.create ?? 'Create',
			`Create ${article(noun)} ${noun}`,
			'POST',
			path,
			{
				...RECORD_WRITE,
				fields: [
					...bodyFields(schema, record.required, { required: true }),
					...bodyFields(schema, [...record.optional, ...(record.only?.create ?? [])], {
						collection: 'additionalFields',
					}),
					batchField(),
					recordJsonField(),
				],
			},
		),
		haloOperation(
			'update',
			record.names?.update ?? 'Update',
			`Update ${article(noun)} ${noun}`,
			'POST',
			path,
			{
				...RECORD_WRITE,
				// an update by ID: sending it again cannot create a second record
				repeatable: true,
				fields: [
					record.id(true),
					...bodyFields(schema, [...record.required, ...record.optional], {
						collection: 'updateFields',
					}),
					batchField(),
					recordJsonField(),
				],
			},
		),
	];
}

/** Get one record by its ID, with the endpoint's documented query options. */
export const recordGet = (record: RecordType): OperationData =>
	haloOperation(
		'get',
		record.names?.get ?? 'Get',
		`Get ${article(record.noun)} ${record.noun}`,
		'GET',
		`${record.path}/{id}`,
		{
			idParameter: idParameterOf(record),
			...(record.simplify ? { simplify: record.simplify } : {}),
			fields: [record.id(), ...queryFields('GET', `${record.path}/{id}`, 'options')],
		},
	);

/** Delete one record by its ID, with the endpoint's documented query options. */
export const recordDelete = (record: RecordType): OperationData =>
	haloOperation(
		'delete',
		record.names?.delete ?? 'Delete',
		`Delete ${article(record.noun)} ${record.noun}`,
		'DELETE',
		`${record.path}/{id}`,
		{
			idParameter: idParameterOf(record),
			fields: [record.id(), ...queryFields('DELETE', `${record.path}/{id}`, 'options')],
		},
	);

/** A multi-select of record IDs sent as the bare JSON array body (Generate operations). */
export const idListField = (
	label: string,
	name: string,
	loadOptions: string,
	description: string,
): FieldSpec => ({
	name,
	label,
	kind: 'multiOptions',
	loadOptions,
	required: true,
	description: `${description}. ${DYNAMIC_HINT}.`,
});

/** spec.buildBody for the Generate operations: the IDs of `parameter` as `[1, 2, 3]`. */
export function idListBody(parameter: string, label: string) {
	return function (
		this: IExecutePaginationFunctions,
		_body: IDataObject,
		itemIndex: number,
	): number[] {
		const raw = this.getNodeParameter(parameter, '') as unknown;
		const parts = (Array.isArray(raw) ? raw : String(raw ?? '').split(','))
			.map((v) => String(v).trim())
			.filter((v) => v !== '');
		const ids = parts.map(Number);
		if (!ids.length || ids.some((n) => !Number.isInteger(n) || n < 0)) {
			throw new NodeOperationError(
				this.getNode(),
				`"${label}" must be whole numbers separated by commas`,
				{
					itemIndex,
					description: `Got "${parts.join(', ')}". Enter IDs such as 12, 15, 31, or map an array of numbers with an expression.`,
				},
			);
		}
		return ids;
	};
}
