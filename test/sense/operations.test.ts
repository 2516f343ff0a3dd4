/** Get, Update, Get/Set Possible Values and Upload Resume: the exact requests and outputs. */
import nock from 'nock';
import type { INodeExecutionData } from 'n8n-workflow';

import { runLoadOptions } from '../harness';
import {
	api,
	credentialType,
	expectNoPendingMocks,
	items,
	node,
	run,
	storeWithToken,
} from './helpers';

afterEach(expectNoPendingMocks);

describe('get and update', () => {
	it('gets a record by its ID (URL-encoded) and outputs the entity', async () => {
		const store = storeWithToken('tok-get');
		const scope = api('tok-get')
			.get('/v1/client-contacts/ACME%2F42')
			.reply(200, {
				data: { id: 'ACME/42', first_name: 'Ada' },
				errors: [],
				resource_id: 'ACME/42',
			});
		const { outputs } = await run(store, {
			resource: 'clientContact',
			operation: 'get',
			recordId: 'ACME/42',
		});
		expect(outputs).toEqual([
			[{ json: { id: 'ACME/42', first_name: 'Ada' }, pairedItem: { item: 0 } }],
		]);
		expect(scope.isDone()).toBe(true);
	});

	it('a 404 becomes an error naming the vendor message', async () => {
		const store = storeWithToken('tok-404');
		const scope = api('tok-404')
			.get('/v1/candidates/9')
			.reply(404, { data: {}, errors: [{ message: 'Candidate not found' }], resource_id: '9' });
		const { error } = await run(store, { resource: 'candidate', operation: 'get', recordId: '9' });
		expect(error).toMatchObject({
			name: 'NodeApiError',
			httpCode: '404',
			message: 'Sense answered 404: Not found — Candidate not found',
			description: 'Candidate not found',
		});
		expect(scope.isDone()).toBe(true);
	});

	it('updates only the mapped fields with PATCH (ID in the path, not in the body)', async () => {
		const store = storeWithToken('tok-patch');
		const scope = api('tok-patch')
			.patch('/v1/job-orders/77', { status: 'Closed', salary: 90000, is_deleted: true })
			.reply(201, { request_id: 'req-p', message: 'request req-p is received' });
		const { outputs } = await run(
			store,
			{
				resource: 'jobOrder',
				operation: 'update',
				recordId: '={{ $json.id }}',
				options: { softDelete: true },
			},
			{ input: items([{ id: 77, status: 'Closed', salary: 90000, other: 'x' }]) },
		);
		expect(outputs[0]).toEqual([
			{
				json: { id: '77', request_id: 'req-p', message: 'request req-p is received' },
				pairedItem: { item: 0 },
			},
		]);
		expect(scope.isDone()).toBe(true);
	});

	it('updates the fields defined in the node', async () => {
		const store = storeWithToken('tok-patch2');
		const scope = api('tok-patch2')
			.patch('/v1/certifications/c-1', {
				status: 'Expired',
				date_expiration: '2026-12-31',
				custom_boolean1: true,
			})
			.reply(201, { request_id: 'req-c' });
		const { outputs } = await run(store, {
			resource: 'certification',
			operation: 'update',
			recordId: 'c-1',
			dataMode: 'define',
			fields: { status: 'Expired', date_expiration: '2026-12-31T00:00:00' },
			jsonFields: '{"custom_boolean1": true}',
		});
		expect(outputs[0][0].json).toEqual({ id: 'c-1', request_id: 'req-c' });
		expect(scope.isDone()).toBe(true);
	});

	it('refuses an update without fields', async () => {
		const store = storeWithToken('tok-patch3');
		const { error } = await run(store, {
			resource: 'company',
			operation: 'update',
			recordId: 'x',
			dataMode: 'define',
		});
		expect(error).toMatchObject({ name: 'NodeOperationError', message: 'No fields to update' });
	});
});

describe('possible values', () => {
	it('lists the fields of the selected record type for the dropdown', async () => {
		const options = await runLoadOptions({
			node,
			method: 'getEntityFields',
			parameters: { resource: 'lead', operation: 'getPossibleValues' },
			credentials: storeWithToken('tok-lo'),
			credentialTypes: [credentialType],
		});
		const values = options.map((o) => o.value);
		expect(values).toContain('status');
		expect(values).toContain('custom_text50');
		expect(values).not.toContain('custom_text_block1'); // leads have no text blocks
		expect(values).not.toContain('id');
		expect(options.find((o) => o.value === 'no_of_employees')?.name).toBe(
			'Number of Employees (no_of_employees)',
		);
	});

	it('gets the possible values of a field', async () => {
		const store = storeWithToken('tok-pv');
		const data = {
			field_name: 'employment_type',
			object_name: 'placement',
			values: [{ label: 'Hourly', value: 'hourly', associationValue: null }],
		};
		const scope = api('tok-pv')
			.get('/v1/placements/possible-values/employment_type')
			.reply(200, { data, resource_id: 'employment_type' });
		const { outputs } = await run(store, {
			resource: 'placement',
			operation: 'getPossibleValues',
			fieldName: 'employment_type',
		});
		expect(outputs).toEqual([[{ json: data, pairedItem: { item: 0 } }]]);
		expect(scope.isDone()).toBe(true);
	});

	it('sets the possible values from a list of label/value pairs with their types', async () => {
		const store = storeWithToken('tok-pv2');
		const body = [
			{ label: 'Hourly', value: 'hourly' },
			{ label: 'Forty', value: 40 },
			{ label: 'Yes', value: true },
		];
		const reply = {
			data: {
				field_name: 'custom_text2',
				object_name: 'candidate',
				possibleValues: body,
				updated: true,
			},
			resource_id: 'custom_text2',
		};
		const scope = api('tok-pv2')
			.put('/v1/candidates/possible-values/custom_text2', body)
			.reply(200, reply);
		const { outputs } = await run(store, {
			resource: 'candidate',
			operation: 'setPossibleValues',
			fieldName: 'custom_text2',
			values: {
				value: [
					{ label: 'Hourly', value: 'hourly', type: 'string' },
					{ label: 'Forty', value: '40', type: 'number' },
					{ label: 'Yes', value: 'true', type: 'boolean' },
				],
			},
		});
		expect(outputs[0][0].json).toEqual(reply.data);
		expect(scope.isDone()).toBe(true);
	});

	it('sets the possible values from JSON and rejects malformed JSON lists', async () => {
		const store = storeWithToken('tok-pv3');
		const body = [{ label: 'Daily', value: 'daily' }];
		const scope = api('tok-pv3')
			.put('/v1/appointments/possible-values/type', body)
			.reply(200, { data: { updated: true } });
		const ok = await run(store, {
			resource: 'appointment',
			operation: 'setPossibleValues',
			fieldName: 'type',
			valuesSource: 'json',
			valuesJson: JSON.stringify(body),
		});
		expect(ok.outputs[0][0].json).toEqual({ updated: true });
		expect(scope.isDone()).toBe(true);

		const bad = await run(store, {
			resource: 'appointment',
			operation: 'setPossibleValues',
			fieldName: 'type',
			valuesSource: 'json',
			valuesJson: '[{"value": 1}]',
		});
		expect(bad.error).toMatchObject({
			name: 'NodeOperationError',
			message: expect.stringContaining('"Values (JSON)" must be an array'),
		});
	});
});

describe('set possible values: always a JSON array body', () => {
	/** Every PUT the scope receives: its raw body and Content-Type. */
	function capturePut(token: string, path: string, times: number) {
		const seen: Array<{ body: string; contentType: string | undefined }> = [];
		const scope = api(token)
			.put(path)
			.times(times)
			.reply(function (_uri, body) {
				seen.push({
					body: typeof body === 'string' ? body : JSON.stringify(body),
					contentType: this.req.headers['content-type'] as string | undefined,
				});
				return [200, { data: { updated: true } }];
			});
		return { seen, scope };
	}

	it('an empty list and Values (JSON) `[]` send `[]` as application/json (clearing the values)', async () => {
		const store = storeWithToken('tok-pv-empty');
		const put = capturePut('tok-pv-empty', '/v1/job-orders/possible-values/status', 2);
		const base = { resource: 'jobOrder', operation: 'setPossibleValues', fieldName: 'status' };
		const outputs = [
			await run(store, { ...base, values: {} }),
			await run(store, { ...base, valuesSource: 'json', valuesJson: '[]' }),
		].map((r) => r.outputs[0]);
		expect(put.scope.isDone()).toBe(true);
		expect(put.seen).toEqual([
			{ body: '[]', contentType: 'application/json' },
			{ body: '[]', contentType: 'application/json' },
		]);
		expect(outputs).toEqual([
			[{ json: { updated: true }, pairedItem: { item: 0 } }],
			[{ json: { updated: true }, pairedItem: { item: 0 } }],
		]);
	});

	it('a list goes out as the same JSON array text with its Content-Type', async () => {
		const store = storeWithToken('tok-pv-list');
		const put = capturePut('tok-pv-list', '/v1/leads/possible-values/source', 1);
		await run(store, {
			resource: 'lead',
			operation: 'setPossibleValues',
			fieldName: 'source',
			values: { value: [{ label: 'Referral', value: '7', type: 'number' }] },
		});
		expect(put.scope.isDone()).toBe(true);
		expect(put.seen).toEqual([
			{ body: '[{"label":"Referral","value":7}]', contentType: 'application/json' },
		]);
	});
});

describe('upload resume', () => {
	const pdf = Buffer.from('%PDF-1.7 resume of Linus\n', 'utf8');
	const withFile = (
		data: Buffer,
		fileName = 'linus cv.pdf',
		mimeType = 'application/pdf',
	): INodeExecutionData[] => [
		{
			json: { id: 'c-5' },
			binary: {
				resume: {
					data: data.toString('base64'),
					mimeType,
					fileName,
					fileExtension: fileName.split('.').pop(),
				},
			},
		},
	];
	const parameters = {
		resource: 'candidate',
		operation: 'uploadResume',
		recordId: '={{ $json.id }}',
		binaryPropertyName: 'resume',
		resumeId: 'RES-1',
		dateCreated: '2026-01-20T08:00:00Z',
		dateUpdated: '2026-03-15T10:30:00Z',
	};

	/** Parts of a multipart body: name -> { filename, contentType, content }. */
	function parts(body: string, contentType: string) {
		const boundary = /boundary=(.+)$/.exec(contentType)?.[1] ?? '';
		const result: Record<string, { filename?: string; contentType?: string; content: string }> = {};
		const chunks = body.split(`--${boundary}`);
		expect(chunks.pop()).toBe('--\r\n');
		for (const chunk of chunks.slice(1)) {
			const [head, ...rest] = chunk.slice(2).split('\r\n\r\n');
			const content = rest.join('\r\n\r\n').replace(/\r\n$/, '');
			const name = /name="([^"]+)"/.exec(head)?.[1] ?? '';
			result[name] = {
				filename: /filename="([^"]+)"/.exec(head)?.[1],
				contentType: /Content-Type: (.+)/.exec(head)?.[1],
				content,
			};
		}
		return result;
	}

	it('sends the file and the form fields as multipart/form-data', async () => {
		const store = storeWithToken('tok-cv');
		let seen: { body: string; type: string } | undefined;
		const scope = api('tok-cv')
			.post('/v1/candidates/c-5/resume', (body: string) => {
				seen = { body, type: '' };
				return true;
			})
			.reply(function () {
				if (seen) seen.type = String(this.req.headers['content-type']);
				return [201, { message: 'request r-cv is received', request_id: 'r-cv' }];
			});
		const { outputs, error } = await run(store, parameters, { input: withFile(pdf) });
		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(seen?.type).toMatch(/^multipart\/form-data; boundary=/);
		expect(parts(seen?.body ?? '', seen?.type ?? '')).toEqual({
			file: {
				filename: 'linus cv.pdf',
				contentType: 'application/pdf',
				content: pdf.toString('utf8'),
			},
			resume_id: { content: 'RES-1' },
			file_extension: { content: 'pdf' },
			file_name: { content: 'linus cv.pdf' },
			date_created: { content: '2026-01-20T08:00:00Z' },
			date_updated: { content: '2026-03-15T10:30:00Z' },
		});
		expect(outputs).toEqual([
			[
				{
					json: { id: 'c-5', message: 'request r-cv is received', request_id: 'r-cv' },
					pairedItem: { item: 0 },
				},
			],
		]);
	});

	it('is sent again with the new token after a 401', async () => {
		const store = storeWithToken('tok-cv-old');
		const rejected = api('tok-cv-old')
			.post('/v1/candidates/c-5/resume')
			.reply(401, { errors: [{ message: 'expired' }] });
		const token = nock('https://auth.sense.test')
			.post('/oauth2/token')
			.reply(200, { access_token: 'tok-cv-new', expires_in: 300 });
		const retried = api('tok-cv-new')
			.post('/v1/candidates/c-5/resume', (body: string) =>
				body.includes('%PDF-1.7 resume of Linus'),
			)
			.reply(201, { request_id: 'r-2' });
		const { outputs, error } = await run(store, parameters, { input: withFile(pdf) });
		expect(error).toBeUndefined();
		expect(outputs[0][0].json).toEqual({ id: 'c-5', request_id: 'r-2' });
		expect(rejected.isDone() && token.isDone() && retried.isDone()).toBe(true);
	});

	it('rejects files over 4 MB and unsupported formats before sending', async () => {
		const store = storeWithToken('tok-cv2');
		const big = await run(store, parameters, {
			input: withFile(Buffer.alloc(4 * 1024 * 1024 + 1, 97), 'big.pdf'),
		});
		expect(big.error).toMatchObject({
			name: 'NodeOperationError',
			message: 'The resume is larger than 4 MB',
		});
		const png = await run(store, parameters, { input: withFile(pdf, 'photo.png', 'image/png') });
		expect(png.error).toMatchObject({
			name: 'NodeOperationError',
			message: 'Sense does not accept "png" resumes',
		});
	});

	it('uses the chosen extension and file name over the binary ones', async () => {
		const store = storeWithToken('tok-cv3');
		const scope = api('tok-cv3')
			.post(
				'/v1/candidates/c-5/resume',
				(body: string) =>
					body.includes('name="file"; filename="cv.docx"') &&
					/name="file_extension"\r\n\r\ndocx\r\n/.test(body),
			)
			.reply(201, { request_id: 'r-3' });
		const { error } = await run(
			store,
			{ ...parameters, fileExtension: 'docx', resumeOptions: { fileName: 'cv.docx' } },
			{ input: withFile(pdf, 'blob.bin', 'application/octet-stream') },
		);
		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});
});
