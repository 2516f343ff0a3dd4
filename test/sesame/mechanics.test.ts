/**
 * Sesame HR mechanics, each request asserted with nock (method, URL, query, body, Bearer auth):
 * paging, dropdown searches, file upload/download, every error class of the API's error table,
 * region -> base URL mapping and the custom URL, the credential test.
 */
import nock from 'nock';
import type { INodeExecutionData, INodeParameters, INodeProperties } from 'n8n-workflow';

import { runListSearch, runLoadOptions, runNode, testCredential } from '../harness';
import { SesameHrApi } from '../../credentials/SesameHrApi.credentials';
import { SESAME_SEARCHES } from '../../nodes/SesameHr/generated';
import { SESAME_REGIONS, sesameBaseUrl } from '../../nodes/SesameHr/shared/vendor';
import { BASE, TOKEN, byId, credentialTypes, credentials, node } from './helpers';

const auth = { reqheaders: { authorization: `Bearer ${TOKEN}` } };
const rows = (from: number, count: number) =>
	Array.from({ length: count }, (_, i) => ({ id: `e${from + i}` }));
const listPage = (data: object[], currentPage: number, lastPage: number) => ({
	data,
	meta: { currentPage, lastPage, total: lastPage * data.length, perPage: data.length },
});
const run = async (
	parameters: INodeParameters,
	input?: INodeExecutionData[],
	extra: { continueOnFail?: boolean } = {},
) => await runNode({ node, parameters, credentials, credentialTypes, input, ...extra });
const ids = (items: INodeExecutionData[]) => items.map((i) => i.json.id);
/** what the socket raises when a host name does not resolve (nock's callback form raises it) */
const dnsFailure = (host: string) =>
	Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });

afterEach(() => {
	const pending = nock.pendingMocks();
	nock.cleanAll();
	expect(pending).toEqual([]);
});

describe('paging (page/limit, meta.lastPage)', () => {
	const listEmployees = {
		resource: 'employee',
		operation: 'getAll',
		filters: { status: 'active' },
	};

	it('Return All follows meta.lastPage with 1,000 per page and keeps the filters on every page', async () => {
		const scope = nock(BASE, auth)
			.get('/core/v3/employees')
			.query({ status: 'active', page: '1', limit: '1000' })
			.reply(200, listPage(rows(1, 1000), 1, 3))
			.get('/core/v3/employees')
			.query({ status: 'active', page: '2', limit: '1000' })
			.reply(200, listPage(rows(1001, 1000), 2, 3))
			.get('/core/v3/employees')
			.query({ status: 'active', page: '3', limit: '1000' })
			.reply(200, listPage(rows(2001, 20), 3, 3));
		const { outputs, error } = await run({ ...listEmployees, returnAll: true });
		expect(error).toBeUndefined();
		expect(ids(outputs[0])).toEqual(rows(1, 2020).map((r) => r.id));
		expect(
			outputs[0].every((i) => i.pairedItem && (i.pairedItem as { item: number }).item === 0),
		).toBe(true);
		expect(scope.isDone()).toBe(true);
	});

	it('a server that caps the page lower than asked is still read to meta.lastPage', async () => {
		const scope = nock(BASE, auth)
			.get('/core/v3/employees')
			.query({ page: '1', limit: '1000' })
			.reply(200, listPage(rows(1, 100), 1, 3))
			.get('/core/v3/employees')
			.query({ page: '2', limit: '1000' })
			.reply(200, listPage(rows(101, 100), 2, 3))
			.get('/core/v3/employees')
			.query({ page: '3', limit: '1000' })
			.reply(200, listPage(rows(201, 7), 3, 3));
		const { outputs, error } = await run({
			resource: 'employee',
			operation: 'getAll',
			returnAll: true,
		});
		expect(error).toBeUndefined();
		expect(ids(outputs[0])).toEqual(rows(1, 207).map((r) => r.id));
		expect(scope.isDone()).toBe(true);
	});

	it('a server that refuses 1,000 per page (422) is asked again with 100 per page for the whole list', async () => {
		const scope = nock(BASE, auth)
			.get('/core/v3/employees')
			.query({ status: 'active', page: '1', limit: '1000' })
			.reply(422, { message: 'The limit may not be greater than 100.' })
			.get('/core/v3/employees')
			.query({ status: 'active', page: '1', limit: '100' })
			.reply(200, listPage(rows(1, 100), 1, 2))
			.get('/core/v3/employees')
			.query({ status: 'active', page: '2', limit: '100' })
			.reply(200, listPage(rows(101, 30), 2, 2));
		const { outputs, error } = await run({ ...listEmployees, returnAll: true });
		expect(error).toBeUndefined();
		expect(ids(outputs[0])).toEqual(rows(1, 130).map((r) => r.id));
		expect(scope.isDone()).toBe(true);
	});

	it('a refused request that a smaller page would not change fails at once with the vendor message', async () => {
		const scope = nock(BASE, auth)
			.get('/core/v3/employees')
			.query({ status: 'active', page: '1', limit: '20' })
			.reply(400, { message: 'Unknown status filter' });
		const { error } = await run({ ...listEmployees, returnAll: false, limit: 20 });
		expect(error).toMatchObject({
			name: 'NodeApiError',
			httpCode: '400',
			message: 'Sesame HR answered 400: Bad request — Unknown status filter',
			description: 'Unknown status filter',
		});
		expect(scope.isDone()).toBe(true);
	});

	it('a limit above the page size reads further pages of the same size and stops at the limit', async () => {
		const scope = nock(BASE, auth)
			.get('/core/v3/employees')
			.query({ status: 'active', page: '1', limit: '1000' })
			.reply(200, listPage(rows(1, 1000), 1, 9))
			.get('/core/v3/employees')
			.query({ status: 'active', page: '2', limit: '1000' })
			.reply(200, listPage(rows(1001, 1000), 2, 9));
		const { outputs } = await run({ ...listEmployees, returnAll: false, limit: 1500 });
		expect(ids(outputs[0])).toEqual(rows(1, 1500).map((r) => r.id));
		expect(scope.isDone()).toBe(true);
	});

	it('a limit below the page size asks for exactly that many', async () => {
		const scope = nock(BASE, auth)
			.get('/core/v3/employees')
			.query({ page: '1', limit: '20' })
			.reply(200, listPage(rows(1, 20), 1, 5));
		const { outputs } = await run({
			resource: 'employee',
			operation: 'getAll',
			returnAll: false,
			limit: 20,
		});
		expect(outputs[0]).toHaveLength(20);
		expect(scope.isDone()).toBe(true);
	});

	it('stops at meta.lastPage even when the last page is full', async () => {
		const scope = nock(BASE, auth)
			.get('/core/v3/departments')
			.query({ page: '1', limit: '1000' })
			.reply(200, listPage(rows(1, 1000), 1, 2))
			.get('/core/v3/departments')
			.query({ page: '2', limit: '1000' })
			.reply(200, listPage(rows(1001, 1000), 2, 2));
		const { outputs } = await run({
			resource: 'department',
			operation: 'getAllDepartments',
			returnAll: true,
		});
		expect(outputs[0]).toHaveLength(2000);
		expect(scope.isDone()).toBe(true);
	});

	it('a list without a documented schema pages too and merges Query Parameters (JSON)', async () => {
		const scope = nock(BASE, auth)
			.get('/schedule/v1/planners')
			.query({ name: 'Summer', page: '1', limit: '1000' })
			.reply(200, listPage(rows(1, 1000), 1, 2))
			.get('/schedule/v1/planners')
			.query({ name: 'Summer', page: '2', limit: '1000' })
			.reply(200, listPage(rows(1001, 3), 2, 2));
		const { outputs } = await run({
			resource: 'planner',
			operation: 'getAllPlanners',
			returnAll: true,
			queryParametersJson: '{"name":"Summer"}',
		});
		expect(outputs[0]).toHaveLength(1003);
		expect(scope.isDone()).toBe(true);
	});

	it('a documented list without paging parameters is one request; Limit cuts the answer', async () => {
		const scope = nock(BASE, auth)
			.get('/expense-management/v1/expense-categories')
			.reply(200, { data: rows(1, 130) })
			.get('/expense-management/v1/expense-categories')
			.reply(200, { data: rows(1, 130) });
		const all = await run({
			resource: 'expense',
			operation: 'getAllExpenseCategories',
			returnAll: true,
		});
		expect(all.outputs[0]).toHaveLength(130);
		const some = await run({
			resource: 'expense',
			operation: 'getAllExpenseCategories',
			returnAll: false,
			limit: 10,
		});
		expect(ids(some.outputs[0])).toEqual(rows(1, 10).map((r) => r.id));
		expect(scope.isDone()).toBe(true);
	});

	it('lists once per input item and pairs each result with its item', async () => {
		const scope = nock(BASE, auth)
			.get('/core/v3/employee-office-assignations')
			.query({ officeId: 'o1', page: '1', limit: '2' })
			.reply(200, listPage([{ id: 'a1' }, { id: 'a2' }], 1, 1))
			.get('/core/v3/employee-office-assignations')
			.query({ officeId: 'o2', page: '1', limit: '2' })
			.reply(200, listPage([{ id: 'b1' }], 1, 1));
		const { outputs } = await run(
			{
				resource: 'office',
				operation: 'getAllOfficeAssignments',
				returnAll: false,
				limit: 2,
				filters: { officeId: '={{ $json.office }}' },
			},
			[{ json: { office: 'o1' } }, { json: { office: 'o2' } }],
		);
		expect(outputs[0]).toEqual([
			{ json: { id: 'a1' }, pairedItem: { item: 0 } },
			{ json: { id: 'a2' }, pairedItem: { item: 0 } },
			{ json: { id: 'b1' }, pairedItem: { item: 1 } },
		]);
		expect(scope.isDone()).toBe(true);
	});

	it('a record answer wrapped in {data} outputs the record', async () => {
		const scope = nock(BASE, auth)
			.get('/core/v3/employees/e1')
			.reply(200, { data: { id: 'e1', firstName: 'Ana' } });
		const { outputs } = await run({
			resource: 'employee',
			operation: 'get',
			employeeId: byId('e1'),
		});
		expect(outputs[0]).toEqual([{ json: { id: 'e1', firstName: 'Ana' }, pairedItem: { item: 0 } }]);
		expect(scope.isDone()).toBe(true);
	});
});

describe('field encoding', () => {
	it('dates as YYYY-MM-DD, date-times with their offset, lists as arrays, JSON parsed, bracket names literal', async () => {
		const scope = nock(BASE, auth)
			.get('/schedule/v1/work-entries')
			.query({
				from: '2025-03-01',
				to: '2025-03-31',
				'updatedAt[gte]': '2025-03-01T08:00:00+01:00',
				page: '1',
				limit: '5',
			})
			.reply(200, listPage([], 1, 1))
			.get('/schedule/v1/reports/worked-hours')
			.query({
				'employeeIds[in][0]': 'e1',
				'employeeIds[in][1]': 'e2',
				from: '2025-03-01',
				to: '2025-03-31',
				page: '1',
				limit: '5',
			})
			.reply(200, listPage([], 1, 1))
			.post('/schedule/v1/absence-calendars', {
				employeeId: 'e1',
				absenceTypeId: 't1',
				year: 2025,
				daysOff: [{ date: '2025-08-01' }],
			})
			.reply(201, { data: { id: 'c1' } });
		await run({
			resource: 'workEntry',
			operation: 'getAllWorkEntries',
			limit: 5,
			filters: {
				from: '2025-03-01T00:00:00',
				to: '2025-03-31',
				updatedAtGte: '2025-03-01T08:00:00+01:00',
			},
		});
		await run({
			resource: 'report',
			operation: 'getAllWorkedHours',
			limit: 5,
			from: '2025-03-01',
			to: '2025-03-31',
			filters: { employeeIdsIn: 'e1, e2' },
		});
		const created = await run({
			resource: 'absence',
			operation: 'createAbsenceCalendar',
			employeeId: byId('e1'),
			absenceTypeId: byId('t1'),
			year: 2025,
			daysOff: '[{"date":"2025-08-01"}]',
		});
		expect(created.outputs[0][0].json).toEqual({ id: 'c1' });
		expect(scope.isDone()).toBe(true);
	});

	it('a DELETE with documented body fields sends them', async () => {
		const scope = nock(BASE, auth)
			.delete('/core/v3/employee-department-assignations', { employeeId: 'e1', departmentId: 'd1' })
			.reply(204);
		const { outputs } = await run({
			resource: 'department',
			operation: 'unassign',
			employeeId: byId('e1'),
			departmentId: byId('d1'),
		});
		expect(outputs[0]).toEqual([{ json: { success: true }, pairedItem: { item: 0 } }]);
		expect(scope.isDone()).toBe(true);
	});

	it('a path id that resolves empty names the field', async () => {
		const { error } = await run({
			resource: 'employee',
			operation: 'get',
			employeeId: byId('={{ $json.missing }}'),
		});
		// (n8n's routing engine reports errors of declarative operations as NodeApiError)
		expect(error).toMatchObject({ message: '"Employee" is required' });
	});
});

describe('dropdown searches (listSearch)', () => {
	const locators = node.description.properties
		.flatMap(function collect(p: INodeProperties): INodeProperties[] {
			return [
				p,
				...((p.options ?? []) as INodeProperties[]).filter((o) => 'type' in o).flatMap(collect),
			];
		})
		.filter((p) => p.type === 'resourceLocator');

	it('every resource locator searches with an existing method', () => {
		const methods = Object.keys(node.methods.listSearch);
		const used = new Set(locators.map((p) => String(p.modes?.[0].typeOptions?.searchListMethod)));
		expect(locators.length).toBeGreaterThan(50);
		expect([...used].filter((m) => !methods.includes(m))).toEqual([]);
		expect(methods.sort()).toEqual(Object.keys(SESAME_SEARCHES).sort());
	});

	it.each(Object.entries(SESAME_SEARCHES))('%s calls GET %p', async (method, search) => {
		const query: Record<string, string> = search.paged ? { page: '1', limit: '100' } : {};
		// a list read per parent takes the parent from the operation being edited
		const parameters = search.dependsOn ? { [search.dependsOn]: byId('parent 1') } : {};
		const path = search.dependsOn
			? search.path.replace(`{${search.dependsOn}}`, 'parent%201')
			: search.path;
		// a list that needs the company asks the token info for it first
		const info = search.companyParam
			? nock(BASE, auth)
					.get('/core/v3/info')
					.reply(200, { data: { company: { id: 'co-1', name: 'Demo' } } })
			: undefined;
		if (search.companyParam) query[search.companyParam] = 'co-1';
		const reply = search.pick
			? { data: { [search.pick]: { id: 'x1', name: 'Demo Company' } } }
			: search.paged
				? listPage(
						[
							{ id: 'x1', name: 'Demo Company' },
							{ id: 'x2', name: 'Other' },
						],
						1,
						2,
					)
				: {
						data: [
							{ id: 'x1', name: 'Demo Company' },
							{ id: 'x2', name: 'Other' },
						],
					};
		const scope = nock(BASE, auth).get(path).query(query).reply(200, reply);
		const result = await runListSearch({ node, method, credentials, credentialTypes, parameters });
		if (info) expect(info.isDone()).toBe(true);
		expect(result.results[0]).toEqual({ name: 'Demo Company', value: 'x1' });
		expect(result.paginationToken).toBe(search.paged && !search.pick ? '2' : undefined);
		expect(scope.isDone()).toBe(true);
	});

	it('a multi-select of IDs loads every page of its list (getEmployees for Employee IDs)', async () => {
		const scope = nock(BASE, auth)
			.get('/core/v3/employees')
			.query({ page: '1', limit: '100' })
			.reply(200, listPage([{ id: 'e2', firstName: 'Li', lastName: 'Wu' }], 1, 2))
			.get('/core/v3/employees')
			.query({ page: '2', limit: '100' })
			.reply(200, listPage([{ id: 'e1', firstName: 'Ana', lastName: 'García' }], 2, 2));
		const options = await runLoadOptions({
			node,
			method: 'getEmployees',
			credentials,
			credentialTypes,
		});
		expect(options).toEqual([
			{ name: 'Ana García', value: 'e1' },
			{ name: 'Li Wu', value: 'e2' },
		]);
		expect(scope.isDone()).toBe(true);
	});

	it('every multi-select of IDs loads its options with an existing method', () => {
		const multi = node.description.properties
			.flatMap((p) => [p, ...((p.options ?? []) as INodeProperties[]).filter((o) => 'type' in o)])
			.filter((p) => p.type === 'multiOptions' && p.typeOptions?.loadOptionsMethod);
		expect(multi.length).toBeGreaterThan(10);
		const methods = Object.keys(node.methods.loadOptions);
		expect(
			multi
				.map((p) => String(p.typeOptions?.loadOptionsMethod))
				.filter((m) => !methods.includes(m)),
		).toEqual([]);
	});

	it('a list read per parent asks for the parent first', async () => {
		await expect(
			runListSearch({ node, method: 'searchContractAnnexes', credentials, credentialTypes }),
		).rejects.toThrow('Choose the contract first');
	});

	it('employees: next page from the token, full name with e-mail, filtered on the page', async () => {
		const scope = nock(BASE, auth)
			.get('/core/v3/employees')
			.query({ page: '2', limit: '100' })
			.reply(
				200,
				listPage(
					[
						{ id: 'e1', firstName: 'Ana', lastName: 'García', email: 'ana@example.com' },
						{ id: 'e2', firstName: 'Li', lastName: 'Wu' },
					],
					2,
					2,
				),
			);
		const result = await runListSearch({
			node,
			method: 'searchEmployees',
			filter: 'garc',
			paginationToken: '2',
			credentials,
			credentialTypes,
		});
		expect(result).toEqual({
			results: [{ name: 'Ana García (ana@example.com)', value: 'e1' }],
			paginationToken: undefined,
		});
		expect(scope.isDone()).toBe(true);
	});

	it('departments: the filter goes to the server', async () => {
		const scope = nock(BASE, auth)
			.get('/core/v3/departments')
			.query({ page: '1', limit: '100', name: 'Sales' })
			.reply(200, listPage([{ id: 'd1', name: 'Sales EU' }], 1, 1));
		const result = await runListSearch({
			node,
			method: 'searchDepartments',
			filter: 'Sales',
			credentials,
			credentialTypes,
		});
		expect(result).toEqual({
			results: [{ name: 'Sales EU', value: 'd1' }],
			paginationToken: undefined,
		});
		expect(scope.isDone()).toBe(true);
	});

	it('holiday calendars: name[contains] filter', async () => {
		const scope = nock(BASE, auth)
			.get('/schedule/v1/holiday-calendar')
			.query({ page: '1', limit: '100', 'name[contains]': 'Madrid' })
			.reply(200, listPage([{ id: 'h1', name: 'Madrid 2025' }], 1, 1));
		const result = await runListSearch({
			node,
			method: 'searchHolidayCalendars',
			filter: 'Madrid',
			credentials,
			credentialTypes,
		});
		expect(result.results).toEqual([{ name: 'Madrid 2025', value: 'h1' }]);
		expect(scope.isDone()).toBe(true);
	});
});

describe('files', () => {
	const pdf = Buffer.from('%PDF-1.4 payroll');
	const input = [
		{
			json: {},
			binary: {
				data: {
					data: pdf.toString('base64'),
					mimeType: 'application/pdf',
					fileName: 'payroll.pdf',
				},
			},
		},
	];

	function multipart(body: string, contentType: string) {
		const boundary = /boundary=(.+)$/.exec(contentType)![1];
		return body
			.split(`--${boundary}`)
			.map((chunk) =>
				/Content-Disposition: form-data; name="([^"]+)"(?:; filename="([^"]+)")?\r\n(?:Content-Type: ([^\r]+)\r\n)?\r\n([\s\S]*)\r\n$/.exec(
					chunk,
				),
			)
			.filter((m): m is RegExpExecArray => m !== null)
			.map((m) => ({ name: m[1], filename: m[2], type: m[3], content: m[4] }));
	}

	it('uploads a document as multipart/form-data from the input binary field', async () => {
		let seen: { type: string; body: string } | undefined;
		const scope = nock(BASE, auth)
			.post('/document/v1/directories/dir-1/documents')
			.reply(function (_uri, body) {
				seen = { type: String(this.req.headers['content-type']), body: String(body) };
				return [201, { data: { id: 'doc-1', name: 'payroll.pdf' } }];
			});
		const { outputs, error } = await run(
			{
				resource: 'document',
				operation: 'upload',
				directoryId: byId('dir-1'),
				binaryPropertyName: 'data',
			},
			input,
		);
		expect(error).toBeUndefined();
		expect(seen!.type).toMatch(/^multipart\/form-data; boundary=/);
		expect(multipart(seen!.body, seen!.type)).toEqual([
			{ name: 'file', filename: 'payroll.pdf', type: 'application/pdf', content: pdf.toString() },
		]);
		expect(outputs[0]).toEqual([
			{ json: { id: 'doc-1', name: 'payroll.pdf' }, pairedItem: { item: 0 } },
		]);
		expect(scope.isDone()).toBe(true);
	});

	it('uploads a candidate document with another file field and extra form fields', async () => {
		let seen: { type: string; body: string } | undefined;
		const scope = nock(BASE, auth)
			.post('/recruitment/v1/candidates/cand-1')
			.reply(function (_uri, body) {
				seen = { type: String(this.req.headers['content-type']), body: String(body) };
				return [200, { data: { id: 'cand-1' } }];
			});
		const { error } = await run(
			{
				resource: 'recruitment',
				operation: 'upload',
				candidateId: 'cand-1',
				binaryPropertyName: 'data',
				options: { fileFieldName: 'document', formFieldsJson: '{"type":"cv"}' },
			},
			input,
		);
		expect(error).toBeUndefined();
		expect(multipart(seen!.body, seen!.type)).toEqual([
			{ name: 'type', filename: undefined, type: undefined, content: 'cv' },
			{
				name: 'document',
				filename: 'payroll.pdf',
				type: 'application/pdf',
				content: pdf.toString(),
			},
		]);
		expect(scope.isDone()).toBe(true);
	});

	it('fails clearly when the input has no such binary field', async () => {
		const { error } = await run({
			resource: 'document',
			operation: 'upload',
			directoryId: byId('dir-1'),
			binaryPropertyName: 'missing',
		});
		expect(String(error.message)).toMatch(/binary file 'missing'/i);
	});

	it('downloads a document into a binary field (name and type from the response)', async () => {
		const scope = nock(BASE, auth).get('/document/v1/documents/doc-1/download').reply(200, pdf, {
			'Content-Type': 'application/pdf; charset=binary',
			'Content-Disposition': "attachment; filename*=UTF-8''n%C3%B3mina%20marzo.pdf",
		});
		const { outputs, error } = await run({
			resource: 'document',
			operation: 'download',
			documentId: 'doc-1',
			binaryPropertyName: 'payslip',
		});
		expect(error).toBeUndefined();
		const [item] = outputs[0];
		expect(item.json).toEqual({
			fileName: 'nómina marzo.pdf',
			mimeType: 'application/pdf',
			fileSize: expect.anything(),
		});
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.binary?.payslip).toMatchObject({
			fileName: 'nómina marzo.pdf',
			mimeType: 'application/pdf',
			fileExtension: 'pdf',
		});
		expect(Buffer.from(String(item.binary?.payslip.data), 'base64')).toEqual(pdf);
		expect(scope.isDone()).toBe(true);
	});
});

describe('errors (the API error table)', () => {
	const getEmployee = { resource: 'employee', operation: 'get', employeeId: byId('e1') };
	const createDepartment = {
		resource: 'department',
		operation: 'create',
		companyId: byId('c1'),
		name: 'Sales',
	};

	// n8n sends a request again once after a 401 (to let a credential refresh itself), hence times(2) there
	it.each([
		[
			401,
			'unauthorized',
			'Token expired',
			'Sesame HR answered 401: Unauthorized: the credential was rejected',
		],
		[
			403,
			'forbidden',
			'Token lacks permission employees.read',
			'Sesame HR answered 403: Forbidden: the credential lacks permission for this operation',
		],
		[404, 'not_found', 'Employee not found', 'Sesame HR answered 404: Not found'],
		[409, 'conflict', 'Employee already exists', 'Sesame HR answered 409: Conflict'],
	])(
		'%i %s: NodeApiError with the status, and the API message in message and description',
		async (status, code, text, message) => {
			const scope = nock(BASE, auth)
				.get('/core/v3/employees/e1')
				.times(status === 401 ? 2 : 1)
				.reply(status, { error: code, message: text });
			const { error } = await run(getEmployee);
			expect(error).toMatchObject({
				name: 'NodeApiError',
				httpCode: String(status),
				message: `${message} — ${text}`,
				description: text,
			});
			expect(scope.isDone()).toBe(true);
		},
	);

	it('422 validation_error: every field error in the description', async () => {
		const scope = nock(BASE, auth)
			.post('/core/v3/departments', { companyId: 'c1', name: 'Sales' })
			.reply(422, {
				error: 'validation_error',
				message: 'Request data failed validation',
				errors: { name: ['already taken'], companyId: ['is not yours'] },
			});
		const { error } = await run(createDepartment);
		expect(error).toMatchObject({
			name: 'NodeApiError',
			httpCode: '422',
			message:
				'Sesame HR answered 422: Validation failed — Request data failed validation; name: already taken; companyId: is not yours',
		});
		expect(error.description).toBe(
			'Request data failed validation\nname: already taken\ncompanyId: is not yours',
		);
		expect(scope.isDone()).toBe(true);
	});

	it('429 rate_limit_exceeded: waits for Retry-After and retries', async () => {
		const scope = nock(BASE, auth)
			.get('/core/v3/employees/e1')
			.reply(429, { error: 'rate_limit_exceeded' }, { 'Retry-After': '0' })
			.get('/core/v3/employees/e1')
			.reply(200, { data: { id: 'e1' } });
		const { outputs, error } = await run(getEmployee);
		expect(error).toBeUndefined();
		expect(outputs[0]).toEqual([{ json: { id: 'e1' }, pairedItem: { item: 0 } }]);
		expect(scope.isDone()).toBe(true);
	});

	it('429 that does not end: NodeApiError 429 after the retries', async () => {
		const scope = nock(BASE, auth)
			.get('/core/v3/employees/e1')
			.times(9)
			.reply(
				429,
				{ error: 'rate_limit_exceeded', message: 'Too many requests' },
				{ 'Retry-After': '0' },
			);
		const { error } = await run(getEmployee);
		expect(error).toMatchObject({
			name: 'NodeApiError',
			httpCode: '429',
			message: 'Sesame HR answered 429: Rate limit exceeded — Too many requests',
			description: 'Too many requests\nStill failing after 9 attempts.',
		});
		expect(scope.isDone()).toBe(true);
	});

	it('500 internal_error on a create: not repeated, NodeApiError 500', async () => {
		const scope = nock(BASE, auth)
			.post('/core/v3/departments')
			.reply(500, { error: 'internal_error', message: 'Unexpected server error' });
		const { error } = await run(createDepartment);
		expect(error).toMatchObject({
			name: 'NodeApiError',
			httpCode: '500',
			message: 'Sesame HR answered 500: Internal server error — Unexpected server error',
			description: 'Unexpected server error',
		});
		expect(scope.isDone()).toBe(true);
	});

	it('503 service_unavailable: retried, then NodeApiError 503', async () => {
		const scope = nock(BASE, auth)
			.get('/core/v3/employees/e1')
			.times(4)
			.reply(503, { error: 'service_unavailable', message: 'Try later' }, { 'Retry-After': '0' });
		const { error } = await run(getEmployee);
		expect(error).toMatchObject({
			name: 'NodeApiError',
			httpCode: '503',
			message: 'Sesame HR answered 503: Service unavailable — Try later',
			description: 'Try later',
		});
		expect(scope.isDone()).toBe(true);
	});

	it('with Continue On Fail the item carries the error and its pairing', async () => {
		const scope = nock(BASE, auth)
			.get('/core/v3/employees/e1')
			.reply(404, { error: 'not_found', message: 'Employee not found' });
		const { outputs, error } = await run(getEmployee, undefined, { continueOnFail: true });
		expect(error).toBeUndefined();
		expect(outputs[0]).toHaveLength(1);
		// n8n normalises an error item's json to {error: message}; the full error rides along
		expect(outputs[0][0].json).toEqual({
			error: 'Sesame HR answered 404: Not found — Employee not found',
		});
		expect(outputs[0][0].error).toMatchObject({
			name: 'NodeApiError',
			httpCode: '404',
			description: 'Employee not found',
		});
		expect(outputs[0][0].pairedItem).toEqual({ item: 0 });
		expect(scope.isDone()).toBe(true);
	});

	it('a region whose host does not resolve: names the host and the region setting', async () => {
		const scope = nock('https://api-eu3.sesametime.com')
			.get('/core/v3/info')
			.reply((_uri, _body, callback) => callback!(dnsFailure('api-eu3.sesametime.com'), [500, '']));
		const { error } = await runNode({
			node,
			parameters: { resource: 'company', operation: 'getTokenInfo' },
			credentials: { sesameHrApi: { apiToken: TOKEN, region: 'eu3' } },
			credentialTypes,
		});
		expect(error).toMatchObject({
			name: 'NodeApiError',
			message:
				'Could not reach Sesame HR (api-eu3.sesametime.com) — the host name does not resolve — check the base URL (or region) in the credential',
		});
		expect(error.description).toMatch(/ENOTFOUND.*check the base URL \(or region\)/);
		expect(scope.isDone()).toBe(true);
	});
});

describe('regions and the custom URL', () => {
	it.each(SESAME_REGIONS)(
		'region %s -> https://api-%s.sesametime.com (node, dropdowns, credential test)',
		async (region) => {
			const host = `https://api-${region}.sesametime.com`;
			expect(sesameBaseUrl({ region })).toBe(host);
			const data = { apiToken: TOKEN, region };
			const scope = nock(host, auth)
				.get('/core/v3/info')
				.times(2)
				.reply(200, { data: { company: { id: 'c1', name: 'Demo' } } })
				.get('/core/v3/employees')
				.query({ page: '1', limit: '100' })
				.reply(200, listPage([], 1, 1));
			const { outputs } = await runNode({
				node,
				parameters: { resource: 'company', operation: 'getTokenInfo' },
				credentials: { sesameHrApi: data },
				credentialTypes,
			});
			expect(outputs[0][0].json).toEqual({ company: { id: 'c1', name: 'Demo' } });
			await runListSearch({
				node,
				method: 'searchEmployees',
				credentials: { sesameHrApi: data },
				credentialTypes,
			});
			expect(await testCredential({ credentialType: new SesameHrApi(), data })).toEqual({
				status: 'OK',
				message: 'Connection successful!',
			});
			expect(scope.isDone()).toBe(true);
		},
	);

	it('Custom URL: a sandbox or proxy base URL (trailing slash dropped, path prefix kept)', async () => {
		const data = {
			apiToken: TOKEN,
			region: 'custom',
			baseUrl: ' https://proxy.example.test/sesame/ ',
		};
		expect(sesameBaseUrl(data)).toBe('https://proxy.example.test/sesame');
		const scope = nock('https://proxy.example.test', auth)
			.get('/sesame/core/v3/info')
			.times(2)
			.reply(200, { data: { company: { id: 'c1' } } })
			.get('/sesame/core/v3/offices')
			.query({ page: '1', limit: '100' })
			.reply(200, listPage([{ id: 'o1', name: 'Madrid' }], 1, 1));
		const { error } = await runNode({
			node,
			parameters: { resource: 'company', operation: 'getTokenInfo' },
			credentials: { sesameHrApi: data },
			credentialTypes,
		});
		expect(error).toBeUndefined();
		const offices = await runListSearch({
			node,
			method: 'searchOffices',
			credentials: { sesameHrApi: data },
			credentialTypes,
		});
		expect(offices.results).toEqual([{ name: 'Madrid', value: 'o1' }]);
		expect(await testCredential({ credentialType: new SesameHrApi(), data })).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(scope.isDone()).toBe(true);
	});
});

describe('credential test (GET /core/v3/info)', () => {
	const credentialType = new SesameHrApi();

	it('OK with a valid token, sent as Bearer', async () => {
		const scope = nock(BASE, auth)
			.get('/core/v3/info')
			.reply(200, { data: { company: { id: 'c1' } } });
		expect(
			await testCredential({ credentialType, data: { apiToken: TOKEN, region: 'eu1' } }),
		).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(scope.isDone()).toBe(true);
	});

	it('a wrong token: says the token was rejected', async () => {
		const scope = nock(BASE, { reqheaders: { authorization: 'Bearer wrong' } })
			.get('/core/v3/info')
			.times(2)
			.reply(401, { error: 'unauthorized' });
		const result = await testCredential({
			credentialType,
			data: { apiToken: 'wrong', region: 'eu1' },
		});
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/rejected the API token \(401\)/);
		expect(scope.isDone()).toBe(true);
	});

	it('a token without API permission: says so', async () => {
		const scope = nock(BASE, auth).get('/core/v3/info').reply(403, { error: 'forbidden' });
		const result = await testCredential({
			credentialType,
			data: { apiToken: TOKEN, region: 'eu1' },
		});
		expect(result).toEqual({
			status: 'Error',
			message: expect.stringMatching(/denied access \(403\)/),
		});
		expect(scope.isDone()).toBe(true);
	});

	it('a wrong region (host does not resolve): reports the DNS failure, not the token', async () => {
		const scope = nock('https://api-eu4.sesametime.com')
			.get('/core/v3/info')
			.reply((_uri, _body, callback) => callback!(dnsFailure('api-eu4.sesametime.com'), [500, '']));
		const result = await testCredential({
			credentialType,
			data: { apiToken: TOKEN, region: 'eu4' },
		});
		expect(result).toEqual({ status: 'Error', message: 'ENOTFOUND' });
		expect(scope.isDone()).toBe(true);
	});
});
