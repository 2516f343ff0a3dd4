/**
 * Sesame HR generator (run through scripts/generate.cjs): the node's operations from the endpoint
 * catalogue specs/sesame-endpoints.json — one data module per resource under
 * nodes/SesameHr/generated/ and the dropdown searches.
 *
 * What is decided here (and nowhere else):
 *   RESOURCE_RULES   path prefix -> resource (first match wins; an endpoint no rule matches is an error)
 *   LOCATORS         parameter name -> dropdown search (resource locator) for top-level id fields
 *   SEARCHES         dropdown search -> list endpoint it calls (must be a catalogue list endpoint)
 *   BINARY           endpoints that upload a file (multipart) or answer one
 *   plus a handful of explicit, commented overrides.
 */
'use strict';
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const OUT_DIR = 'nodes/SesameHr/generated';

/** Resources in the order an HR user meets them; `value` is the stable parameter value. */
const RESOURCES = [
	{ value: 'employee', name: 'Employee', description: 'People records' },
	{ value: 'department', name: 'Department', description: 'Departments and who belongs to them' },
	{ value: 'office', name: 'Office', description: 'Offices (work centres) and who works there' },
	{
		value: 'manager',
		name: 'Manager',
		description: 'Validation managers and the organisation chart',
	},
	{ value: 'role', name: 'Role', description: 'Roles and their assignments' },
	{
		value: 'entityGroup',
		name: 'Entity Group',
		description: 'Groups of employees and their owners',
	},
	{ value: 'customField', name: 'Custom Field', description: 'Custom employee fields' },
	{ value: 'jobCharge', name: 'Job Charge', description: 'Job charges (positions) and job levels' },
	{
		value: 'workEntry',
		name: 'Work Entry / Clock',
		description: 'Clock-in/out, work entries, breaks, check types, check validation and hours bag',
	},
	{ value: 'checkIncidence', name: 'Check Incidence', description: 'Clocking incidences' },
	{
		value: 'absence',
		name: 'Absence',
		description: 'Absence types, calendars, days off and requests',
	},
	{
		value: 'vacation',
		name: 'Vacation',
		description: 'Vacation configurations, calendars, days off and requests',
	},
	{
		value: 'holidayCalendar',
		name: 'Holiday Calendar',
		description: 'Holiday calendars, holidays and worked holidays',
	},
	{
		value: 'planner',
		name: 'Planner & Shift',
		description: 'Planners, shifts and shift assignments',
	},
	{
		value: 'scheduleTemplate',
		name: 'Schedule Template',
		description: 'Schedule templates and who follows them',
	},
	{
		value: 'agreement',
		name: 'Agreement',
		description: 'Working agreements and who is under them',
	},
	{
		value: 'contract',
		name: 'Contract',
		description: 'Contracts, annexes, contract types, degrees and workday types',
	},
	{
		value: 'salary',
		name: 'Salary & Compensation',
		description: 'Salaries, compensations and contribution groups',
	},
	{
		value: 'leave',
		name: 'Leave',
		description: 'Employee leaves (terminations), leave types and reasons',
	},
	{ value: 'project', name: 'Project', description: 'Projects' },
	{
		value: 'plannedTask',
		name: 'Planned Task',
		description: 'Planned project tasks and their assignments',
	},
	{ value: 'timeEntry', name: 'Time Entry', description: 'Time tracked against projects' },
	{ value: 'customer', name: 'Customer', description: 'Project customers' },
	{
		value: 'recruitment',
		name: 'Recruitment',
		description: 'Vacancies, candidates and candidate documents',
	},
	{ value: 'evaluation', name: 'Evaluation', description: 'Evaluations (polls)' },
	{ value: 'training', name: 'Training', description: 'Trainings and who takes them' },
	{
		value: 'document',
		name: 'Document',
		description: 'Document directories, uploads and downloads',
	},
	{ value: 'comment', name: 'Comment', description: 'Comments' },
	{ value: 'expense', name: 'Expense', description: 'Expenses, categories and payment methods' },
	{ value: 'request', name: 'Request', description: 'Employee requests' },
	{ value: 'report', name: 'Report', description: 'Worked hours and absence reports' },
	{
		value: 'company',
		name: 'Company & Configuration',
		description: 'Company, token info and configuration',
	},
];

/** Path prefix (or pattern) -> resource. First match wins, so specific prefixes come first. */
const RESOURCE_RULES = [
	['/core/v3/employee-department-assignations', 'department'],
	['/core/v3/departments', 'department'],
	['/core/v3/employee-office-assignations', 'office'],
	['/core/v3/offices', 'office'],
	['/core/v3/employee-managers', 'manager'],
	['/core/v3/employee-profiles/organization-chart-managers', 'manager'],
	['/core/v3/employees', 'employee'],
	['/core/v3/roles', 'role'],
	['/core/v3/entity-group', 'entityGroup'],
	['/core/v3/custom-fields', 'customField'],
	['/core/v3/job-charges', 'jobCharge'],
	['/contract/v1/job-charges', 'jobCharge'],
	['/contract/v1/job-levels', 'jobCharge'],
	['/core/v3/companies', 'company'],
	['/core/v3/info', 'company'],
	['/core/v3/configurations', 'company'],
	['/schedule/v1/work-entries', 'workEntry'],
	['/schedule/v1/work-breaks', 'workEntry'],
	['/schedule/v1/check-types', 'workEntry'],
	['/schedule/v1/check-type-collections', 'workEntry'],
	['/schedule/v1/check-validation', 'workEntry'],
	['/schedule/v1/hours-bag-rule', 'workEntry'],
	['/schedule/v1/check-incidences', 'checkIncidence'],
	['/schedule/v1/absence-', 'absence'],
	['/schedule/v1/vacation-', 'vacation'],
	['/schedule/v1/calendar-max-day-off-accumulated', 'vacation'],
	['/schedule/v1/holiday', 'holidayCalendar'],
	['/schedule/v1/worked-holidays', 'holidayCalendar'],
	['/schedule/v1/planners', 'planner'],
	['/schedule/v1/shift', 'planner'],
	['/schedule/v1/schedule-templates', 'scheduleTemplate'],
	['/schedule/v1/entity-schedule-templates', 'scheduleTemplate'],
	[/^\/schedule\/v1\/employees\/\{employeeId\}\/(entity-)?schedule-templates$/, 'scheduleTemplate'],
	['/schedule/v1/agreement', 'agreement'],
	['/schedule/v1/reports/', 'report'],
	['/contract/v1/contracts', 'contract'],
	['/contract/v1/contract-', 'contract'],
	['/contract/v1/degrees', 'contract'],
	['/contract/v1/workday-types', 'contract'],
	['/contract/v1/salaries', 'salary'],
	['/contract/v1/compensations', 'salary'],
	['/contract/v1/employee-compensations', 'salary'],
	['/contract/v1/monthly-variable-compensations', 'salary'],
	['/contract/v1/contribution-groups', 'salary'],
	[/^\/contract\/v1\/employees\/\{employeeId\}\/compensations/, 'salary'],
	['/contract/v1/employee-leave', 'leave'],
	['/contract/v1/leave-reasons', 'leave'],
	['/project/v1/projects', 'project'],
	['/project/v1/planned-tasks', 'plannedTask'],
	['/project/v1/time-entries', 'timeEntry'],
	['/project/v1/customers', 'customer'],
	['/recruitment/v1/', 'recruitment'],
	['/poll/v1/evaluations', 'evaluation'],
	['/training/v1/', 'training'],
	['/document/v1/', 'document'],
	['/discussion/v1/', 'comment'],
	['/expense-management/v1/', 'expense'],
	['/request/v1/', 'request'],
];

/**
 * Dropdown searches behind resource locators: the list endpoint each one calls (validated against
 * the catalogue) and, where the endpoint has one, the query parameter that filters by name.
 */
const SEARCHES = {
	searchEmployees: { path: '/core/v3/employees' },
	searchDepartments: { path: '/core/v3/departments', filterParam: 'name' },
	searchOffices: { path: '/core/v3/offices', filterParam: 'name' },
	searchAbsenceTypes: { path: '/schedule/v1/absence-types' },
	searchVacationConfigurations: { path: '/schedule/v1/vacation-configurations' },
	searchCheckTypes: { path: '/schedule/v1/check-types' },
	searchProjects: { path: '/project/v1/projects' },
	searchHolidayCalendars: { path: '/schedule/v1/holiday-calendar', filterParam: 'name[contains]' },
	searchPlanners: { path: '/schedule/v1/planners' },
	searchCompanies: { path: '/core/v3/info', pick: 'company' },
	searchAgreements: { path: '/schedule/v1/agreements' },
	searchTrainings: { path: '/training/v1/trainings', filterParam: 'name' },
	searchVacancies: { path: '/recruitment/v1/vacancies' },
	searchCustomers: { path: '/project/v1/customers' },
	searchRoles: { path: '/core/v3/roles' },
	searchScheduleTemplates: { path: '/schedule/v1/schedule-templates' },
	searchDirectories: { path: '/document/v1/directories' },
	searchContractTypes: { path: '/contract/v1/contract-types', filterParam: 'name' },
	searchEntityGroups: { path: '/core/v3/entity-groups' },
};

/** Top-level id parameters shown as resource locators, and the search behind each. */
const LOCATORS = {
	employeeId: 'searchEmployees',
	managerId: 'searchEmployees',
	organizationChartManagerId: 'searchEmployees',
	departmentId: 'searchDepartments',
	officeId: 'searchOffices',
	absenceTypeId: 'searchAbsenceTypes',
	vacationConfigurationId: 'searchVacationConfigurations',
	workCheckTypeId: 'searchCheckTypes',
	projectId: 'searchProjects',
	holidayCalendarId: 'searchHolidayCalendars',
	plannerId: 'searchPlanners',
	companyId: 'searchCompanies',
	agreementId: 'searchAgreements',
	trainingId: 'searchTrainings',
	vacancyId: 'searchVacancies',
	customerId: 'searchCustomers',
	roleId: 'searchRoles',
	scheduleTemplateId: 'searchScheduleTemplates',
	directoryId: 'searchDirectories',
	contractTypeId: 'searchContractTypes',
	entityGroupId: 'searchEntityGroups',
};

/** Endpoints that send (multipart) or answer a file. */
const BINARY = {
	'GET /document/v1/documents/{documentId}/download': 'download',
	'POST /document/v1/directories/{directoryId}/documents': 'upload',
	'POST /recruitment/v1/candidates/{id}': 'upload',
};

/** GET endpoints without a documented schema that still answer a collection (paged like every Sesame list). */
const RAW_COLLECTIONS = new Set([
	'GET /schedule/v1/vacation-calendar/calendar/{calendarId}/adjustment',
	'GET /schedule/v1/check-incidences/employees/{employeeId}',
	'GET /request/v1/requests/{requestId}/documents',
]);

/**
 * Documented collections whose schema lists only path parameters but whose answers carry `meta`
 * paging (the reference pages of 2026-12): paged with page/limit like every Sesame list.
 */
const PAGED_COLLECTIONS = new Set([
	'GET /contract/v1/compensations/{compensationId}/employees',
	'GET /contract/v1/employees/{employeeId}/compensations',
]);

/** Documented collections whose schema has no paging parameters (one request; Limit cuts the answer). */
const UNPAGED_COLLECTIONS = new Set(['GET /recruitment/v1/vacancies/{vacancyId}/candidates']);

/**
 * Parameters the schema marks required that are optional in practice:
 * "List projects" would otherwise need a project id to list projects (and the project dropdown calls it without one).
 */
const OPTIONAL_OVERRIDES = new Set(['GET /project/v1/projects query id']);

/** Reserved node parameter names a field must not take. */
const RESERVED = new Set([
	'resource',
	'operation',
	'returnAll',
	'limit',
	'filters',
	'additionalFields',
	'options',
	'queryParametersJson',
	'bodyJson',
	'binaryPropertyName',
]);

const ACRONYMS = new Map(
	[
		'id',
		'ids',
		'url',
		'urls',
		'nid',
		'ssn',
		'bic',
		'cif',
		'cbo',
		'dni',
		'nie',
		'rut',
		'fte',
		'pin',
		'nfc',
		'api',
		'eur',
		'usd',
		'mxn',
	].map((a) => [a, a === 'ids' ? 'IDs' : a === 'urls' ? 'URLs' : a.toUpperCase()]),
);
const SMALL_WORDS = new Set([
	'a',
	'an',
	'the',
	'and',
	'or',
	'of',
	'to',
	'in',
	'on',
	'by',
	'for',
	'from',
	'at',
	'with',
	'into',
	'as',
]);
const VERB_FIXES = {
	assigns: 'assign',
	creates: 'create',
	deletes: 'delete',
	updates: 'update',
	starts: 'start',
	ends: 'end',
	removes: 'remove',
};
const OPERATORS = { in: ' (Any Of)', contains: ' Contains', gte: ' From', lte: ' To' };

// ---------------------------------------------------------------- text helpers

/** "EntityGroup" -> ["Entity", "Group"], "linkedinURL" -> ["linkedin", "URL"], "employee-leave" -> ["employee", "leave"] */
function words(text) {
	return text
		.replace(/([a-z0-9])([A-Z])/g, '$1 $2')
		.replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
		.split(/[^A-Za-z0-9']+/)
		.filter(Boolean);
}

function acronym(word) {
	return ACRONYMS.get(word.toLowerCase());
}

function titleWord(word, first) {
	const lower = word.toLowerCase();
	if (acronym(lower)) return acronym(lower);
	if (!first && SMALL_WORDS.has(lower)) return lower;
	return lower.charAt(0).toUpperCase() + lower.slice(1);
}

/** "employeeIds[in]" -> "Employee IDs (Any Of)" */
function labelOf(apiName) {
	const match = /^(.*?)\[(\w+)\]$/.exec(apiName);
	const base = match ? match[1] : apiName;
	const label = words(base)
		.map((w, i) => titleWord(w, i === 0))
		.join(' ');
	return titleCase(
		match ? `${label}${OPERATORS[match[2]] ?? ` ${titleWord(match[2], false)}`}` : label,
	);
}

/** "no_response" -> "No Response", "absencesManager" -> "Absences Manager", "EUR" -> "EUR" */
function optionName(value) {
	if (typeof value !== 'string') return String(value);
	if (/^[A-Z0-9]+$/.test(value)) return value;
	return words(value)
		.map((w, i) => titleWord(w, i === 0))
		.join(' ');
}

/** "employeeIds[in]" -> "employeeIdsIn" (a valid n8n parameter name) */
function paramNameOf(apiName) {
	const match = /^(.*?)\[(\w+)\]$/.exec(apiName);
	if (!match) return apiName;
	return match[1] + match[2].charAt(0).toUpperCase() + match[2].slice(1);
}

/** "Assigns a vacation configuration to an employee" -> "Assign a vacation configuration to an employee" */
function actionOf(title) {
	const parts = title
		.trim()
		.replace(/\s+/g, ' ')
		.split(' ')
		.flatMap((token) => {
			// split glued words ("EntityGroup") but keep punctuation attached
			const m = /^([^A-Za-z0-9]*)([A-Za-z0-9']+)([^A-Za-z0-9]*)$/.exec(token);
			if (!m) return [token];
			const inner = words(m[2]);
			return inner.map((w, i) => (i === 0 ? m[1] : '') + w + (i === inner.length - 1 ? m[3] : ''));
		});
	return parts
		.map((token, index) => {
			const m = /^([^A-Za-z0-9]*)([A-Za-z0-9']+)([^A-Za-z0-9]*)$/.exec(token);
			if (!m) return token;
			let word = m[2].toLowerCase();
			if (index === 0 && VERB_FIXES[word]) word = VERB_FIXES[word];
			const shaped =
				acronym(word) ?? (index === 0 ? word.charAt(0).toUpperCase() + word.slice(1) : word);
			return m[1] + shaped + m[3];
		})
		.join(' ');
}

/**
 * Title Case the way n8n's lint rules check display names (the algorithm of the `title-case`
 * package): small words stay lower case except first and last, hyphenated parts are words too,
 * words with capitals inside (IDs, acronyms) are left alone.
 */
const TITLE_SMALL =
	/\b(?:an?d?|a[st]|because|but|by|en|for|i[fn]|neither|nor|o[fnr]|only|over|per|so|some|tha[tn]|the|to|up|upon|vs?\.?|versus|via|when|with|without|yet)\b/i;
function titleCase(text) {
	let result = '';
	for (const m of text.matchAll(/[^\s:\u2013\u2014-]+|./g)) {
		const token = m[0];
		const index = m.index;
		const manual = /.(?=[A-Z]|\..)/.test(token);
		const small = TITLE_SMALL.test(token) && index !== 0 && index + token.length !== text.length;
		result +=
			!manual && !small ? token.replace(/[A-Za-z0-9\u00C0-\u00FF]/, (c) => c.toUpperCase()) : token;
	}
	return result;
}

function nameOf(action) {
	return titleCase(action.replace(/[A-Za-z0-9']+/g, (w) => acronym(w) ?? w));
}

function valueOf(action) {
	const parts = words(action.replace(/'/g, '')).filter(
		(w) => !['a', 'an', 'the'].includes(w.toLowerCase()),
	);
	return parts
		.map((w, i) =>
			i === 0 ? w.toLowerCase() : w.charAt(0).toUpperCase() + w.slice(1).toLowerCase(),
		)
		.join('');
}

/** "absence-day-off-requests" -> "absenceDayOffRequest" */
function singularCamel(segment) {
	const parts = segment.split('-');
	let last = parts.pop();
	if (last.endsWith('ies')) last = last.slice(0, -3) + 'y';
	else if (last.endsWith('sses')) last = last.slice(0, -2);
	else if (last.endsWith('s')) last = last.slice(0, -1);
	return [...parts, last]
		.map((p, i) => (i === 0 ? p : p.charAt(0).toUpperCase() + p.slice(1)))
		.join('');
}

/** Schema descriptions, cleaned: no markup, nothing addressed to AI tools, no operator notes. */
function cleanDescription(text) {
	if (!text || /llm-instruction|expandSchema/i.test(text)) return '';
	return text
		.replace(/<b>\s*Supported operators:\s*<\/b>\s*in\.?/gi, '')
		.replace(/<\/?[a-z][^>]*>/gi, '')
		.replace(/\s+/g, ' ')
		.trim()
		.replace(/^default: \w+$/i, '');
}

function sentence(text) {
	const t = text.trim();
	if (!t) return '';
	const capital = t.charAt(0).toUpperCase() + t.slice(1);
	return /[.!?)]$/.test(capital) ? capital : `${capital}.`;
}

// ---------------------------------------------------------------- schema -> fields

const SAMPLE_UUID = '0b9e2a6e-5f1c-4c1a-9d7e-2f4a8c6b1e35';

/** An example value for a JSON field's description, derived from the schema. */
function exampleOf(schema, depth = 0) {
	if (!schema || depth > 3) return '';
	if (schema.example !== undefined) return schema.example;
	if (schema.enum) return schema.enum[0];
	if (schema.type === 'array') return [exampleOf(schema.items, depth + 1)];
	if (schema.properties)
		return Object.fromEntries(
			Object.entries(schema.properties).map(([k, v]) => [k, exampleOf(v, depth + 1)]),
		);
	if (schema.type === 'object') return {};
	switch (schema.format) {
		case 'uuid':
			return SAMPLE_UUID;
		case 'date':
		case 'Y-m-d':
			return '2025-01-31';
		case 'Y-m':
			return '2025-01';
		case 'H:i':
			return '09:00';
		case 'Y-m-dTH:i:sP':
		case 'date-time':
			return '2025-01-31T09:00:00+01:00';
		default:
	}
	if (schema.type === 'integer' || schema.type === 'number') return 0;
	if (schema.type === 'boolean') return false;
	return '';
}

function kindOf(schema) {
	const type = schema.type;
	if (type === 'array') {
		const items = schema.items ?? {};
		if (items.enum) return { kind: 'multiOptions', options: items.enum };
		if (items.type === 'integer' || items.type === 'number')
			return { kind: 'list', itemType: 'number' };
		if (items.type === 'string') return { kind: 'list', itemType: 'string' };
		return { kind: 'json', json: 'array' };
	}
	if (schema.enum) return { kind: 'options', options: schema.enum };
	if (type === 'object' || (!type && schema.properties)) return { kind: 'json', json: 'object' };
	if (type === 'integer' || type === 'number') return { kind: 'number' };
	if (type === 'boolean') return { kind: 'boolean' };
	if (['date', 'Y-m-d'].includes(schema.format)) return { kind: 'date' };
	if (['date-time', 'Y-m-dTH:i:sP'].includes(schema.format)) return { kind: 'dateTime' };
	return { kind: 'string' };
}

function describeField(schema, kind, json) {
	const parts = [sentence(cleanDescription(schema.description))];
	if (kind === 'json') {
		const example = JSON.stringify(exampleOf(schema));
		const truncated = /llm-instruction|expandSchema/i.test(schema.description ?? '');
		if (!truncated && example && example !== '{}' && example !== '[{}]' && example !== '[""]')
			parts.push(`JSON ${json}, e.g. ${example}.`);
		else parts.push(`JSON ${json}.`);
	}
	if (kind === 'list') parts.push('Comma-separated values (or a JSON array).');
	if (kind === 'multiOptions') parts.push('Sent as a list.');
	if (kind === 'date') parts.push('Sent as YYYY-MM-DD.');
	if (kind === 'dateTime') parts.push('Sent with its UTC offset, e.g. 2025-01-31T09:00:00+01:00.');
	if (schema.format === 'Y-m') parts.push('Format YYYY-MM.');
	if (schema.format === 'YYYY') parts.push('A year, e.g. 2025.');
	if (schema.pattern) parts.push(`Format ${schema.pattern}.`);
	return parts.filter(Boolean).join(' ');
}

function placeholderOf(schema, kind) {
	if (kind !== 'string') return undefined;
	if (schema.format === 'uuid') return `e.g. ${SAMPLE_UUID}`;
	if (schema.format === 'email') return 'name@email.com';
	if (schema.format === 'Y-m') return 'e.g. 2025-01';
	if (schema.example !== undefined && typeof schema.example !== 'object')
		return `e.g. ${schema.example}`;
	return undefined;
}

function field({ name, key, location, schema, required, endpoint }) {
	const { kind, options, itemType, json } = kindOf(schema);
	const isLocator = required && LOCATORS[name] && kind === 'string';
	const f = {
		name,
		...(key !== name ? { key } : {}),
		in: location,
		kind: isLocator ? 'locator' : kind,
		label: isLocator
			? labelOf(name).replace(/ ID$/, '')
			: labelOf(location === 'path' ? name : key),
	};
	if (required) f.required = true;
	else f.optional = true;
	const description = describeField(schema, kind, json);
	if (description) f.description = description;
	if (isLocator) f.search = LOCATORS[name];
	if (options)
		f.options = options
			.map((value) => ({ name: optionName(value), value }))
			.sort((a, b) => a.name.localeCompare(b.name));
	if (itemType) f.itemType = itemType;
	if (json) f.json = json;
	const placeholder = isLocator ? undefined : placeholderOf(schema, kind);
	if (placeholder) f.placeholder = placeholder;
	const fallback = options?.[0];
	if (
		schema.default !== undefined &&
		(!options || options.includes(schema.default)) &&
		!['json', 'multiOptions'].includes(kind)
	)
		f.default = schema.default;
	else if (kind === 'options' && fallback !== undefined) f.default = fallback;
	if (RESERVED.has(f.name))
		throw new Error(`${endpoint}: parameter "${f.name}" collides with a reserved node parameter`);
	return f;
}

/** Path placeholders: `{id}` is renamed after its collection ("/employees/{id}" -> employeeId). */
function pathFields(endpoint, schema) {
	const segments = endpoint.path.split('/');
	const renames = {};
	const fields = [];
	segments.forEach((segment, index) => {
		const m = /^\{(\w+)\}$/.exec(segment);
		if (!m) return;
		const key = m[1];
		const name = key === 'id' ? `${singularCamel(segments[index - 1])}Id` : key;
		renames[key] = name;
		const prop = schema?.properties?.[key] ?? { type: 'string' };
		fields.push(
			field({
				name,
				key,
				location: 'path',
				schema: prop,
				required: true,
				endpoint: `${endpoint.method} ${endpoint.path}`,
			}),
		);
	});
	const path = endpoint.path.replace(/\{(\w+)\}/g, (_m, key) => `{${renames[key]}}`);
	return { path, fields };
}

// ---------------------------------------------------------------- endpoints -> operations

function resourceFor(path) {
	for (const [rule, resource] of RESOURCE_RULES) {
		if (typeof rule === 'string' ? path === rule || path.startsWith(rule) : rule.test(path))
			return resource;
	}
	return undefined;
}

function listKind(endpoint, id) {
	if (endpoint.method !== 'GET' || BINARY[id]) return undefined;
	if (endpoint.inputSchema) {
		if ((endpoint.params?.query && 'page' in endpoint.params.query) || PAGED_COLLECTIONS.has(id))
			return 'paged';
		if (
			UNPAGED_COLLECTIONS.has(id) ||
			/^list\b/i.test(endpoint.title) ||
			/\blist$/i.test(endpoint.title)
		)
			return 'unpaged';
		return undefined;
	}
	if (/^list\b/i.test(endpoint.title) || RAW_COLLECTIONS.has(id)) return 'paged';
	return undefined;
}

function operationOf(endpoint) {
	const id = `${endpoint.method} ${endpoint.path}`;
	const action = actionOf(endpoint.title);
	const list = listKind(endpoint, id);
	const binary = BINARY[id];
	const schema = endpoint.inputSchema;
	const { path, fields: pathParams } = pathFields(endpoint, schema);
	const op = {
		value: valueOf(action),
		name: nameOf(action),
		action,
		method: endpoint.method,
		path,
		endpoint: id,
	};
	if (list) op.list = list;
	if (binary) op.binary = binary;
	const fields = [...pathParams];
	const optional = [];
	const hasBodyMethod = ['POST', 'PUT', 'PATCH'].includes(endpoint.method);
	if (schema) {
		const required = new Set(schema.required ?? []);
		for (const location of ['query', 'body']) {
			for (const key of Object.keys(endpoint.params?.[location] ?? {})) {
				if (location === 'query' && list === 'paged' && ['page', 'limit'].includes(key)) continue;
				const isRequired = required.has(key) && !OPTIONAL_OVERRIDES.has(`${id} ${location} ${key}`);
				const prop = schema.properties[key] ?? { type: 'string' };
				const f = field({
					name: paramNameOf(key),
					key,
					location,
					schema: prop,
					required: isRequired,
					endpoint: id,
				});
				(isRequired ? fields : optional).push(f);
			}
		}
		const sendsBody = hasBodyMethod || Object.keys(endpoint.params?.body ?? {}).length > 0;
		if (binary === 'upload') {
			optional.push({
				name: 'fileFieldName',
				in: 'setting',
				kind: 'string',
				label: 'File Field Name',
				optional: true,
				default: 'file',
				description: 'Multipart field the file is sent in.',
			});
			optional.push({
				name: 'formFieldsJson',
				in: 'setting',
				kind: 'json',
				json: 'object',
				label: 'Extra Form Fields (JSON)',
				optional: true,
				description: 'Further multipart form fields, as a JSON object.',
			});
		} else if (sendsBody) {
			optional.push({
				name: 'extraBodyJson',
				in: 'setting',
				kind: 'json',
				json: 'object',
				label: 'Extra Body Fields (JSON)',
				optional: true,
				description:
					'Body fields the schema does not list, as a JSON object. They are merged into the body last.',
			});
		}
		if (!hasBodyMethod && binary !== 'download') {
			optional.push({
				name: 'extraQueryJson',
				in: 'setting',
				kind: 'json',
				json: 'object',
				label: 'Extra Query Parameters (JSON)',
				optional: true,
				description: 'Query parameters the schema does not list, as a JSON object.',
			});
		}
		if (optional.length) {
			op.collection = list ? 'filters' : binary === 'upload' ? 'options' : 'additionalFields';
			if (optional.some((f) => f.name === 'extraBodyJson'))
				op.jsonBody = `${op.collection}.extraBodyJson`;
			if (optional.some((f) => f.name === 'formFieldsJson'))
				op.jsonBody = `${op.collection}.formFieldsJson`;
			if (optional.some((f) => f.name === 'extraQueryJson'))
				op.jsonQuery = `${op.collection}.extraQueryJson`;
			if (binary === 'upload') op.fileFieldParam = `${op.collection}.fileFieldName`;
		}
	} else {
		op.raw = true;
		fields.push({
			name: 'queryParametersJson',
			in: 'setting',
			kind: 'json',
			json: 'object',
			label: 'Query Parameters (JSON)',
			description: 'Query parameters to send, as a JSON object.',
		});
		op.jsonQuery = 'queryParametersJson';
		if (hasBodyMethod || endpoint.method === 'DELETE') {
			fields.push({
				name: 'bodyJson',
				in: 'setting',
				kind: 'json',
				json: 'object',
				label: 'Body (JSON)',
				description: 'The request body, as a JSON object.',
			});
			op.jsonBody = 'bodyJson';
		}
	}
	if (binary) {
		fields.push({
			name: 'binaryPropertyName',
			in: 'setting',
			kind: 'string',
			label: binary === 'upload' ? 'Input Binary Field' : 'Put Output File in Field',
			required: true,
			default: 'data',
			description:
				binary === 'upload'
					? 'The name of the input binary field containing the file to be uploaded'
					: 'The name of the output binary field to put the file in',
		});
	}
	op.fields = [...fields, ...optional];
	const names = op.fields.map((f) => f.name);
	const duplicate = names.find((n, i) => names.indexOf(n) !== i);
	if (duplicate) throw new Error(`${id}: two fields are named "${duplicate}"`);
	return op;
}

function build(catalogue) {
	const endpoints = catalogue.endpoints;
	const byResource = new Map(RESOURCES.map((r) => [r.value, []]));
	const unmapped = [];
	for (const endpoint of endpoints) {
		const resource = resourceFor(endpoint.path);
		if (!resource) {
			unmapped.push(`${endpoint.method} ${endpoint.path}`);
			continue;
		}
		byResource.get(resource).push(operationOf(endpoint));
	}
	if (unmapped.length) throw new Error(`No resource rule matches:\n  ${unmapped.join('\n  ')}`);

	// names and values must be unique per resource: a repeated title gets its API module ("in contract")
	for (const [resource, operations] of byResource) {
		for (const key of ['name', 'value']) {
			const seen = new Map();
			for (const op of operations) {
				if (!seen.has(op[key])) {
					seen.set(op[key], op);
					continue;
				}
				const module = op.endpoint.split(' ')[1].split('/')[1];
				op.action = `${op.action} in ${module}`;
				op.name = nameOf(op.action);
				op.value = valueOf(op.action);
				if (seen.has(op[key])) throw new Error(`${resource}: "${op[key]}" is still not unique`);
				seen.set(op[key], op);
			}
		}
		if (!operations.length) throw new Error(`Resource ${resource} has no operation`);
	}

	// every search must call a list endpoint of the catalogue
	for (const [method, search] of Object.entries(SEARCHES)) {
		const endpoint = endpoints.find((e) => e.method === 'GET' && e.path === search.path);
		if (!endpoint) throw new Error(`${method}: GET ${search.path} is not in the catalogue`);
		const query = Object.keys(endpoint.params?.query ?? {});
		// lists without a schema take page/limit like every documented Sesame list
		search.paged = endpoint.inputSchema ? query.includes('page') : /^list\b/i.test(endpoint.title);
		if (search.filterParam && !query.includes(search.filterParam))
			throw new Error(`${method}: ${search.path} has no "${search.filterParam}" filter`);
	}
	for (const method of new Set(Object.values(LOCATORS)))
		if (!SEARCHES[method]) throw new Error(`No search ${method}`);

	const resources = RESOURCES.map((r) => ({ ...r, operations: byResource.get(r.value) }));
	return { resources, searches: SEARCHES, total: endpoints.length };
}

// ---------------------------------------------------------------- emit

const HEADER = (what) =>
	`// Generated by scripts/generators/sesame.cjs from specs/sesame-endpoints.json (${what}). Do not edit:\n// change the generator or the catalogue and run \`npm run generate\`.\n`;

function literal(value) {
	return JSON.stringify(value).replace(/\u2028|\u2029/g, (c) =>
		c === '\u2028' ? '\\u2028' : '\\u2029',
	);
}

function emitObject(object, keyOrder) {
	const keys = [
		...keyOrder.filter((k) => k in object),
		...Object.keys(object).filter((k) => !keyOrder.includes(k)),
	];
	return `{ ${keys.map((k) => `${/^[A-Za-z_]\w*$/.test(k) ? k : literal(k)}: ${literal(object[k])}`).join(', ')} }`;
}

const OP_KEYS = [
	'value',
	'name',
	'action',
	'method',
	'path',
	'endpoint',
	'list',
	'binary',
	'raw',
	'collection',
	'jsonBody',
	'jsonQuery',
	'fileFieldParam',
];
const FIELD_KEYS = [
	'name',
	'key',
	'in',
	'kind',
	'label',
	'required',
	'optional',
	'search',
	'options',
	'itemType',
	'json',
	'default',
	'placeholder',
	'description',
];

function emitResource(resource) {
	const ops = resource.operations.map((op) => {
		const { fields, ...rest } = op;
		const head = emitObject(rest, OP_KEYS).slice(0, -2);
		const body = fields.map((f) => `\t\t\t${emitObject(f, FIELD_KEYS)},`).join('\n');
		return `\t\t${head},\n\t\t\tfields: [\n${body.replace(/^\t\t\t/gm, '\t\t\t\t')}\n\t\t\t],\n\t\t},`;
	});
	return `${HEADER(`resource "${resource.name}"`)}import type { SesameResource } from '../../shared/types';

export const ${resource.value}: SesameResource = {
	value: ${literal(resource.value)},
	name: ${literal(resource.name)},
	description: ${literal(resource.description)},
	operations: [
${ops.join('\n')}
	],
};
`;
}

function emitIndex(model) {
	const imports = model.resources
		.map((r) => `import { ${r.value} } from './resources/${r.value}';`)
		.join('\n');
	const searches = Object.entries(model.searches)
		.map(([name, s]) => `\t${name}: ${emitObject(s, ['path', 'paged', 'filterParam', 'pick'])},`)
		.join('\n');
	return `${HEADER('index')}import type { SesameSearch, SesameResource } from '../shared/types';
${imports}

/** Number of catalogue endpoints the resources below cover. */
export const SESAME_ENDPOINT_COUNT = ${model.total};

/** Every resource, in the order of the Resource picker's data (the picker sorts by name). */
export const SESAME_RESOURCES: SesameResource[] = [${model.resources.map((r) => r.value).join(', ')}];

/** Dropdown searches of the resource locators and the list endpoint each calls. */
export const SESAME_SEARCHES: Record<string, SesameSearch> = {
${searches}
};
`;
}

/** Generated files (relative to the repository root) from the catalogue in `specs`. */
function generate({ specs }) {
	const model = build(JSON.parse(readFileSync(join(specs, 'sesame-endpoints.json'), 'utf8')));
	const files = {};
	for (const resource of model.resources)
		files[`${OUT_DIR}/resources/${resource.value}.ts`] = emitResource(resource);
	files[`${OUT_DIR}/index.ts`] = emitIndex(model);
	return files;
}

module.exports = {
	name: 'sesame',
	/** Folders whose every file is generated: a file generated no more is stale. */
	owns: [`${OUT_DIR}/resources`],
	generate,
	build,
};
