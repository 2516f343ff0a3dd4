/**
 * Fake Sesame HR API on 127.0.0.1, for e2e tests (built on ./server).
 * - auth: `Authorization: Bearer <token>`, else 401 {"message": "Unauthenticated."}
 * - lists answer {data: [...], meta: {currentPage, lastPage, total, perPage}}, paged with `page`
 *   (1-based, default 1) and `limit` (default 20; 422 when not a positive integer, or above the
 *   `maxLimit` option when set):
 *   GET /core/v3/employees (filters status, email), /core/v3/companies, /core/v3/departments,
 *   /core/v3/offices, /core/v3/employee-department-assignations, /core/v3/employee-office-assignations,
 *   /core/v3/employee-managers, /schedule/v1/absence-day-off and /schedule/v1/vacation-day-off
 *   (filters `from`/`to` on the record's `date`, `employeeIds` comma-separated)
 *   GET /schedule/v1/absence-day-off-requests and /schedule/v1/vacation-day-off-requests (filters
 *   employeeId, status; `orderBy=<field> asc|desc`)
 * - single records answer {data: {...}}: GET /core/v3/employees/:id, GET /core/v3/info (credential test)
 * - POST /core/v3/employees (companyId must exist; firstName, lastName, status required; email
 *   required when invitation is true) -> 201 {data: employee}
 * - POST /core/v3/employee-department-assignations {employeeId, departmentId},
 *   POST /core/v3/employee-office-assignations {employeeId, officeId},
 *   POST /core/v3/employee-managers {employeeId, managerId, permission: check|vacation, order: 0|1}
 *   -> 201 {data: assignation}; unknown ids -> 404 {"message": "... not found"}
 * - 422 {"message", "errors": {field: [...]}} for invalid bodies; 404 {"message": "Not found"} otherwise
 * Ids are deterministic (UUID-shaped, see `sesameId`).
 */
import {
	route,
	startFakeServer,
	type FakeRequest,
	type FakeResponse,
	type FakeServer,
} from './server';

export type SesameRecord = { id: string; [key: string]: unknown };

export interface SesameData {
	companies: SesameRecord[];
	departments: SesameRecord[];
	offices: SesameRecord[];
	employees: SesameRecord[];
	departmentAssignations: SesameRecord[];
	officeAssignations: SesameRecord[];
	employeeManagers: SesameRecord[];
	/** Records with `date` (YYYY-MM-DD) and `employee` {id, firstName, lastName}. */
	absenceDaysOff: SesameRecord[];
	vacationDaysOff: SesameRecord[];
	/** Day-off requests with `status` (pending/accepted/rejected), `employee` {id}, createdAt/updatedAt. */
	absenceRequests: SesameRecord[];
	vacationRequests: SesameRecord[];
}

export interface SesameFakeOptions {
	/** The bearer token the API accepts (default 'sesame-token'). */
	token?: string;
	/** Employees to seed besides the manager (default 0). */
	employees?: number;
	/** Days off to seed (records get an id when they have none). */
	absenceDaysOff?: Array<Omit<SesameRecord, 'id'> & { id?: string }>;
	vacationDaysOff?: Array<Omit<SesameRecord, 'id'> & { id?: string }>;
	absenceRequests?: SesameRecord[];
	vacationRequests?: SesameRecord[];
	/** Refuse (422) list requests asking for more than this many records per page (default: no cap). */
	maxLimit?: number;
	/**
	 * Seed the employees as Sesame's full employee record (45 fields, with national ID,
	 * social-security number, bank, salary and birth fields) instead of six fields.
	 */
	fullRecords?: boolean;
}

/** The personal values of seeded full record `n` (tests assert that none of them leaks). */
export const personalValues = (n: number) => ({
	nid: `${String(10_000_000 + n)}Z`,
	ssn: `28/${String(1_000_000 + n)}/77`,
	socialSecurityNumber: `28${String(10_000_000 + n)}77`,
	iban: `ES91 2100 0418 45${String(10_000_000 + n)}`,
	bic: 'CAIXESBBXXX',
	accountNumber: `2100-0418-${String(100_000 + n)}`,
	dateOfBirth: `19${String(60 + (n % 40))}-0${1 + (n % 9)}-1${n % 9}`,
	grossSalary: 30_000 + n * 17,
	salaryRange: `${30 + (n % 5) * 5}k-${35 + (n % 5) * 5}k`,
	pin: String(1000 + (n % 9000)),
});

/** Sesame's full employee record (the fields of the documented employee schema). */
function fullEmployee(base: SesameRecord, n: number): SesameRecord {
	return {
		...base,
		code: n,
		invitation: false,
		gender: n % 2 ? 'female' : 'male',
		contractId: null,
		identityNumberType: 'dni',
		phone: `+34 600 ${String(n).padStart(6, '0')}`,
		workPhone: `+34 910 ${String(n).padStart(6, '0')}`,
		personalEmail: `personal${n}@example.org`,
		emergencyPhone: `+34 611 ${String(n).padStart(6, '0')}`,
		customFields: [{ slug: 'badge', value: `B-${n}` }],
		nationality: 'ES',
		maritalStatus: n % 3 ? 'single' : 'married',
		address: `Calle Mayor ${n}`,
		postalCode: `280${String(n % 100).padStart(2, '0')}`,
		city: 'Madrid',
		province: 'Madrid',
		country: 'ES',
		childrenCount: n % 3,
		disability: false,
		description: `Employee number ${n} of the seeded company`,
		studyLevel: 'university',
		professionalCategoryCode: `PC-${n % 12}`,
		professionalCategoryDescription: 'Technician',
		jobChargeId: `job-${n % 7}`,
		jobChargeName: ['Engineer', 'Designer', 'Support', 'Sales'][n % 4],
		mainRecruiter: null,
		nfc: `NFC-${String(n).padStart(8, '0')}`,
		workStatus: n % 3 ? 'offline' : 'online',
		imageProfileURL: `https://cdn.example.com/avatars/${n}.png`,
		createdAt: '2024-01-01T10:00:00+01:00',
		updatedAt: '2025-06-01T10:00:00+01:00',
		company: { id: base.companyId, name: 'Acme Iberia' },
		...personalValues(n),
	};
}

export interface SesameFake extends FakeServer {
	token: string;
	data: SesameData;
	/** The seeded company, department, office and manager (an employee). */
	company: SesameRecord;
	department: SesameRecord;
	office: SesameRecord;
	manager: SesameRecord;
}

/** Deterministic UUID-shaped id: kind number in the first group, sequence in the last. */
export const sesameId = (kind: number, n: number) =>
	`${String(kind).padStart(8, '0')}-5e5a-4000-8000-${String(n).padStart(12, '0')}`;

const KIND = { company: 1, department: 2, office: 3, employee: 4, assignation: 5, dayOff: 6 };

const DEFAULT_LIMIT = 20;

const unprocessable = (errors: Record<string, string[]>): FakeResponse => ({
	status: 422,
	body: { message: 'The given data was invalid.', errors },
});

function bodyObject(request: FakeRequest): Record<string, unknown> {
	return request.body && typeof request.body === 'object' && !Array.isArray(request.body)
		? (request.body as Record<string, unknown>)
		: {};
}

/** One page of `records` as Sesame answers it, or a 422 for a bad page/limit. */
function page(
	records: SesameRecord[],
	query: Record<string, string>,
	maxLimit = Infinity,
): FakeResponse {
	const current = query.page === undefined ? 1 : Number(query.page);
	const perPage = query.limit === undefined ? DEFAULT_LIMIT : Number(query.limit);
	if (!Number.isInteger(current) || current < 1)
		return unprocessable({ page: ['The page must be at least 1.'] });
	if (!Number.isInteger(perPage) || perPage < 1)
		return unprocessable({ limit: ['The limit must be at least 1.'] });
	if (perPage > maxLimit)
		return unprocessable({ limit: [`The limit may not be greater than ${maxLimit}.`] });
	return {
		status: 200,
		body: {
			data: records.slice((current - 1) * perPage, current * perPage),
			meta: {
				currentPage: current,
				lastPage: Math.max(1, Math.ceil(records.length / perPage)),
				total: records.length,
				perPage,
			},
		},
	};
}

/** `orderBy=<field> asc|desc` (the first clause), else as stored. */
function ordered(records: SesameRecord[], orderBy: string | undefined): SesameRecord[] {
	const [field, direction] = (orderBy ?? '').split(',')[0].trim().split(/\s+/);
	if (!field) return records;
	const sign = direction?.toLowerCase() === 'desc' ? -1 : 1;
	const key = (record: SesameRecord) => String(record[field] ?? '');
	return [...records].sort((a, b) => (key(a) < key(b) ? -sign : key(a) > key(b) ? sign : 0));
}

/** The requests of a day-off request list matching `employeeId` and `status`, ordered. */
const requestList = (records: SesameRecord[], query: Record<string, string>) =>
	ordered(
		records.filter(
			(record) =>
				(query.employeeId === undefined ||
					(record.employee as { id?: string } | undefined)?.id === query.employeeId) &&
				(query.status === undefined || record.status === query.status),
		),
		query.orderBy,
	);

const dayOffFilter = (query: Record<string, string>) => (record: SesameRecord) => {
	const date = String(record.date ?? '');
	const employeeIds = query.employeeIds ? query.employeeIds.split(',') : undefined;
	const employee = (record.employee ?? {}) as { id?: string };
	return (
		(query.from === undefined || date >= query.from) &&
		(query.to === undefined || date <= query.to) &&
		(employeeIds === undefined || employeeIds.includes(String(employee.id)))
	);
};

export async function startSesameFake(options: SesameFakeOptions = {}): Promise<SesameFake> {
	const token = options.token ?? 'sesame-token';
	const company = { id: sesameId(KIND.company, 1), name: 'Acme Iberia' };
	const department = {
		id: sesameId(KIND.department, 1),
		name: 'Engineering',
		companyId: company.id,
	};
	const office = { id: sesameId(KIND.office, 1), name: 'Madrid HQ', companyId: company.id };
	const manager = {
		id: sesameId(KIND.employee, 1),
		companyId: company.id,
		firstName: 'Marta',
		lastName: 'Ruiz',
		email: 'marta.ruiz@example.com',
		status: 'active',
	};
	const seeded = Array.from({ length: options.employees ?? 0 }, (_, i) => {
		const base = {
			id: sesameId(KIND.employee, i + 2),
			companyId: company.id,
			firstName: `Employee`,
			lastName: String(i + 1),
			email: `employee${i + 1}@example.com`,
			status: 'active',
		};
		return options.fullRecords ? fullEmployee(base, i + 1) : base;
	});
	let nextDayOff = 1;
	const dayOffs = (records: SesameFakeOptions['absenceDaysOff'] = []) =>
		records.map((record) => ({ ...record, id: record.id ?? sesameId(KIND.dayOff, nextDayOff++) }));
	const data: SesameData = {
		companies: [company],
		departments: [department],
		offices: [office],
		employees: [manager, ...seeded],
		departmentAssignations: [],
		officeAssignations: [],
		employeeManagers: [],
		absenceDaysOff: dayOffs(options.absenceDaysOff),
		vacationDaysOff: dayOffs(options.vacationDaysOff),
		absenceRequests: [...(options.absenceRequests ?? [])],
		vacationRequests: [...(options.vacationRequests ?? [])],
	};
	let nextEmployee = data.employees.length + 1;
	let nextAssignation = 1;

	const exists = (records: SesameRecord[], id: unknown) =>
		records.some((record) => record.id === id);
	const notFound = (what: string): FakeResponse => ({
		status: 404,
		body: { message: `${what} not found` },
	});

	/** POST of an assignation between an employee and a record of `targets`. */
	const assign =
		(targetKey: string, targets: SesameRecord[], store: SesameRecord[], what: string) =>
		(request: FakeRequest): FakeResponse => {
			const body = bodyObject(request);
			const missing = ['employeeId', targetKey].filter(
				(key) => typeof body[key] !== 'string' || body[key] === '',
			);
			if (missing.length > 0)
				return unprocessable(
					Object.fromEntries(missing.map((key) => [key, [`The ${key} field is required.`]])),
				);
			if (!exists(data.employees, body.employeeId)) return notFound('Employee');
			if (!exists(targets, body[targetKey])) return notFound(what);
			const record = {
				id: sesameId(KIND.assignation, nextAssignation++),
				employeeId: body.employeeId,
				[targetKey]: body[targetKey],
			};
			store.push(record);
			return { status: 201, body: { data: record } };
		};

	const list = (path: string, records: () => SesameRecord[]) =>
		route('GET', path, (request) => page(records(), request.query, options.maxLimit));

	const server = await startFakeServer({
		before: (request) =>
			request.headers.authorization === `Bearer ${token}`
				? undefined
				: { status: 401, body: { message: 'Unauthenticated.' } },
		routes: [
			route('GET', '/core/v3/info', () => ({
				status: 200,
				body: { data: { company, region: 'fake' } },
			})),
			list('/core/v3/companies', () => data.companies),
			list('/core/v3/departments', () => data.departments),
			list('/core/v3/offices', () => data.offices),
			route('GET', '/core/v3/employees', (request) => {
				const { status, email } = request.query;
				return page(
					data.employees.filter(
						(e) =>
							(status === undefined || e.status === status) &&
							(email === undefined || e.email === email),
					),
					request.query,
					options.maxLimit,
				);
			}),
			route('GET', '/core/v3/employees/:id', (request) => {
				const employee = data.employees.find((e) => e.id === request.params.id);
				return employee ? { status: 200, body: { data: employee } } : notFound('Employee');
			}),
			route('POST', '/core/v3/employees', (request) => {
				const body = bodyObject(request);
				const errors: Record<string, string[]> = {};
				for (const key of ['companyId', 'firstName', 'lastName', 'status']) {
					if (typeof body[key] !== 'string' || body[key] === '')
						errors[key] = [`The ${key} field is required.`];
				}
				if (typeof body.invitation !== 'boolean')
					errors.invitation = ['The invitation field must be true or false.'];
				if (body.invitation === true && !body.email)
					errors.email = ['The email field is required when invitation is true.'];
				if (Object.keys(errors).length > 0) return unprocessable(errors);
				if (!exists(data.companies, body.companyId)) return notFound('Company');
				const employee = { ...body, id: sesameId(KIND.employee, nextEmployee++) };
				data.employees.push(employee);
				return { status: 201, body: { data: employee } };
			}),
			list('/core/v3/employee-department-assignations', () => data.departmentAssignations),
			route(
				'POST',
				'/core/v3/employee-department-assignations',
				assign('departmentId', data.departments, data.departmentAssignations, 'Department'),
			),
			list('/core/v3/employee-office-assignations', () => data.officeAssignations),
			route(
				'POST',
				'/core/v3/employee-office-assignations',
				assign('officeId', data.offices, data.officeAssignations, 'Office'),
			),
			list('/core/v3/employee-managers', () => data.employeeManagers),
			route('POST', '/core/v3/employee-managers', (request) => {
				const body = bodyObject(request);
				if (!['check', 'vacation'].includes(String(body.permission)))
					return unprocessable({ permission: ['The selected permission is invalid.'] });
				if (body.order !== 0 && body.order !== 1)
					return unprocessable({ order: ['The selected order is invalid.'] });
				const answer = assign(
					'managerId',
					data.employees,
					data.employeeManagers,
					'Manager',
				)(request);
				const record = (answer.body as { data?: SesameRecord } | undefined)?.data;
				if (record) Object.assign(record, { permission: body.permission, order: body.order });
				return answer;
			}),
			route('GET', '/schedule/v1/absence-day-off', (request) =>
				page(
					data.absenceDaysOff.filter(dayOffFilter(request.query)),
					request.query,
					options.maxLimit,
				),
			),
			route('GET', '/schedule/v1/absence-day-off-requests', (request) =>
				page(requestList(data.absenceRequests, request.query), request.query, options.maxLimit),
			),
			route('GET', '/schedule/v1/vacation-day-off-requests', (request) =>
				page(requestList(data.vacationRequests, request.query), request.query, options.maxLimit),
			),
			route('GET', '/schedule/v1/vacation-day-off', (request) =>
				page(
					data.vacationDaysOff.filter(dayOffFilter(request.query)),
					request.query,
					options.maxLimit,
				),
			),
		],
	});

	return { ...server, token, data, company, department, office, manager };
}
