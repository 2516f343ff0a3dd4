/**
 * The action nodes as AI-agent tools, in-process. n8n's tool variant of a node is the node with a
 * name ending in "Tool" (n8n reads that name for the `@tool` display condition) and the
 * `usableAsTool.replacements` applied; `toolVariant` builds exactly that, and n8n-core's engine
 * then runs it like n8n runs a tool. The real n8n AI Agent is driven in test/e2e/agent.test.ts.
 */
import nock from 'nock';
import { NodeHelpers } from 'n8n-workflow';
import type {
	INodeParameters,
	INodeProperties,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import {
	FIELDS_TO_RETURN,
	TOOL_LIMIT,
	offeredAsTool,
	toolAction,
} from '../../nodes/common/describe';
import { REDACTED, pickFields, redact, redactedKeys } from '../../nodes/common/output';
import { HaloPsaScheduling } from '../../nodes/HaloPsaScheduling/HaloPsaScheduling.node';
import { Sense } from '../../nodes/Sense/Sense.node';
import { SESAME_RESOURCES } from '../../nodes/SesameHr/generated';
import { SesameHr } from '../../nodes/SesameHr/SesameHr.node';
import { Sessions } from '../../nodes/Sessions/Sessions.node';
import { runNode } from '../harness';
import * as sense from '../sense/helpers';
import { BASE, TOKEN, credentialTypes, credentials } from '../sesame/helpers';
import { actionPickers, toolOnly } from '../support/operations';

/** n8n's tool variant of a node type (see the header). */
function toolVariant<T extends INodeType>(node: T): T {
	const usable = node.description.usableAsTool;
	const description = {
		...node.description,
		...(typeof usable === 'object' ? usable.replacements : {}),
		name: `${node.description.name}Tool`,
	} as INodeTypeDescription;
	return Object.assign(Object.create(Object.getPrototypeOf(node) as object) as T, node, {
		description,
	});
}

const NODES = [new Sessions(), new SesameHr(), new HaloPsaScheduling(), new Sense()];

/** The parameters n8n gives a new node of this type (defaults of what is shown). */
const defaultsOf = (description: INodeTypeDescription, parameters: INodeParameters) =>
	NodeHelpers.getNodeParameters(
		description.properties,
		parameters,
		true,
		false,
		{ typeVersion: 1 } as never,
		description,
	) as INodeParameters;

const toolPickers = (description: INodeTypeDescription) =>
	description.properties.filter((p) => p.name === 'operation' && toolOnly(p));

describe.each(NODES.map((n) => [n.description.name, n] as const))('%s as a tool', (_name, node) => {
	const tool = toolVariant(node);

	it('the pickers the tool shows keep their options when n8n appends to them in place', () => {
		const shownInTool = [
			node.description.properties.find((p) => p.name === 'resource')!,
			...toolPickers(node.description),
		];
		for (const picker of shownInTool) {
			const before = JSON.stringify(picker.options);
			picker.options!.push({ name: 'Custom API Call', value: '__CUSTOM_API_CALL__' });
			expect(JSON.stringify(picker.options)).toBe(before);
		}
	});

	it('is version 1 in both variants, with a tool defaultVersion apart from the version list', () => {
		// n8n adds "Custom API Call" only where defaultVersion is absent or equals version
		expect(node.description.version).toEqual([1]);
		expect(node.description.defaultVersion).toBeUndefined();
		expect(tool.description.defaultVersion).toBe(1);
	});

	it('offers every operation but uploads and downloads, described with what it returns or changes', () => {
		for (const picker of actionPickers(node.description)) {
			const resource = picker.displayOptions!.show!.resource![0] as string;
			const inTool = toolPickers(node.description).find((p) =>
				p.displayOptions!.show!.resource!.includes(resource),
			);
			const expected = (picker.options as INodePropertyOptions[]).filter((o) => {
				const params = defaultsOf(node.description, { resource, operation: String(o.value) });
				const fileField = Object.keys(params).some((k) =>
					['binaryPropertyName', 'binaryProperty', 'outputBinaryField'].includes(k),
				);
				return !fileField;
			});
			const offered = (inTool?.options ?? []) as INodePropertyOptions[];
			expect({ resource, offered: offered.map((o) => o.value).sort() }).toEqual({
				resource,
				offered: expected.map((o) => o.value).sort(),
			});
			for (const option of offered) {
				const action = (picker.options as INodePropertyOptions[]).find(
					(o) => o.value === option.value,
				)!.action!;
				// "<action> (<effect>)": n8n makes "<action> in <node>" the tool's description
				expect(option.action).toMatch(
					new RegExp(`^${action.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(.+\\)$`),
				);
			}
		}
	});

	it('lists with a small Limit and no Return All, and offers Fields to Return', () => {
		const list = toolPickers(node.description)
			.flatMap((p) =>
				(p.options as INodePropertyOptions[]).map((o) => ({
					resource: p.displayOptions!.show!.resource![0] as string,
					operation: String(o.value),
					action: String(o.action),
				})),
			)
			.find((o) => o.action.includes('up to Limit'));
		if (!list) {
			expect(node.description.name).toBe('sense'); // Sense has no list operations
			return;
		}
		const params = defaultsOf(tool.description, {
			resource: list.resource,
			operation: list.operation,
		});
		expect(params).toMatchObject({ toolLimit: TOOL_LIMIT.default, fieldsToReturn: '' });
		expect(params).not.toHaveProperty('returnAll');
		expect(params).not.toHaveProperty('limit');
		// the action node is unchanged
		const action = defaultsOf(node.description, {
			resource: list.resource,
			operation: list.operation,
		});
		expect(action).toMatchObject({ returnAll: false, limit: 50 });
		expect(action).not.toHaveProperty('toolLimit');
		expect(action).not.toHaveProperty('fieldsToReturn');
	});
});

describe('tool texts', () => {
	it('word the effect from the kind of operation', () => {
		const op = { value: 'x', name: 'X', action: 'Do it', fields: [] };
		expect(toolAction({ ...op, list: true, method: 'GET' })).toBe(
			'Do it (up to Limit records, default 10)',
		);
		expect(toolAction({ ...op, list: true, method: 'GET', simplify: ['id'] })).toBe(
			'Do it (up to Limit records, default 10; simplified)',
		);
		expect(toolAction({ ...op, method: 'GET' })).toBe('Do it (reads only)');
		expect(toolAction({ ...op, method: 'GET', simplify: ['id'] })).toBe(
			'Do it (reads only; simplified)',
		);
		expect(toolAction({ ...op, value: 'update', method: 'POST' })).toBe(
			'Do it (changes only the fields sent)',
		);
		expect(toolAction({ ...op, method: 'DELETE' })).toBe('Do it (deletes it permanently)');
		expect(toolAction({ ...op, method: 'PATCH' })).toBe('Do it (changes only the fields sent)');
		expect(toolAction({ ...op, value: 'update', method: 'PUT' })).toBe(
			'Do it (overwrites the fields sent)',
		);
		expect(toolAction({ ...op, value: 'createThing', method: 'POST' })).toBe(
			'Do it (adds a record)',
		);
		expect(toolAction({ ...op, value: 'approve', method: 'POST' })).toBe('Do it (changes data)');
		expect(toolAction({ ...op, effect: 'replaces it' })).toBe('Do it (replaces it)');
		expect(offeredAsTool({ ...op, upload: { binaryPropertyParam: 'b', fileField: 'f' } })).toBe(
			false,
		);
		expect(offeredAsTool({ ...op, binaryOutput: { propertyParam: 'b' } })).toBe(false);
		expect(offeredAsTool({ ...op, effect: false })).toBe(false);
	});

	it('Sense Create or Update says that it replaces the whole record, and defaults to Define Below', () => {
		const description = toolVariant(new Sense()).description;
		const picker = toolPickers(description).find((p) =>
			p.displayOptions!.show!.resource!.includes('candidate'),
		)!;
		expect((picker.options as INodePropertyOptions[]).find((o) => o.value === 'upsert')).toEqual({
			name: 'Create or Update',
			value: 'upsert',
			action:
				'Create or update candidates in batches (replaces the whole candidate record: fields not sent are cleared; use Update to change single fields)',
		});
		expect(defaultsOf(description, { resource: 'candidate', operation: 'upsert' })).toMatchObject({
			dataMode: 'define',
		});
		expect(
			defaultsOf(new Sense().description, { resource: 'candidate', operation: 'upsert' }),
		).toMatchObject({ dataMode: 'autoMap' });
	});

	it('Sesame uploads and downloads are not tools', () => {
		const uploads = SESAME_RESOURCES.flatMap((r) =>
			r.operations.filter((o) => o.upload || o.binaryOutput).map((o) => `${r.value}.${o.value}`),
		);
		expect(uploads.length).toBeGreaterThan(0);
		const description = new SesameHr().description;
		const offered = toolPickers(description).flatMap((p) =>
			(p.options as INodePropertyOptions[]).map(
				(o) => `${String(p.displayOptions!.show!.resource![0])}.${String(o.value)}`,
			),
		);
		expect(offered.filter((o) => uploads.includes(o))).toEqual([]);
	});

	it('Fields to Return is one property of the tool variant', () => {
		for (const node of NODES) {
			const found = node.description.properties.filter((p) => p.name === 'fieldsToReturn');
			expect(found).toEqual([
				{ ...FIELDS_TO_RETURN, displayOptions: { show: { '@tool': [true] } } } as INodeProperties,
			]);
		}
	});
});

describe('output shaping', () => {
	it('picks dotted fields, keeping their nesting', () => {
		const record = { id: 1, name: 'Ada', team: { id: 7, name: 'Ops' }, tags: ['a'] };
		expect(pickFields(record, ['id', 'team.name', 'missing', 'tags'])).toEqual({
			id: 1,
			team: { name: 'Ops' },
			tags: ['a'],
		});
		expect(pickFields(record, [])).toBe(record);
	});

	it('redacts the named keys at any depth, whatever their case, and leaves empty values alone', () => {
		const keys = redactedKeys(
			{ what: '', keys: ['dateOfBirth', 'iban'], contactKeys: ['email'] },
			{ includePersonalData: false, redactContactData: true },
		);
		expect(
			redact(
				{
					date_of_birth: '1990-01-01',
					bank: [{ IBAN: 'ES12', bic: 'X' }],
					email: 'a@b.c',
					Iban: '',
					name: 'Ada',
				},
				keys,
			),
		).toEqual({
			date_of_birth: REDACTED,
			bank: [{ IBAN: REDACTED, bic: 'X' }],
			email: REDACTED,
			Iban: '',
			name: 'Ada',
		});
		expect([
			...redactedKeys(
				{ what: '', keys: ['iban'], contactKeys: ['email'] },
				{ includePersonalData: true, redactContactData: false },
			),
		]).toEqual([]);
	});
});

describe('Sesame HR Get Many Employees as a tool', () => {
	const auth = { reqheaders: { authorization: `Bearer ${TOKEN}` } };
	const employee = (n: number) => ({
		id: `e${n}`,
		firstName: `Ada${n}`,
		lastName: 'Lovelace',
		email: `ada${n}@example.com`,
		nid: `X${n}`,
		ssn: `28-${n}`,
		bic: 'BSCHESMM',
		dateOfBirth: '1990-01-01',
		status: 'active',
		jobChargeName: 'Engineer',
		company: { id: 'c1', name: 'Acme' },
	});
	afterEach(() => {
		const pending = nock.pendingMocks();
		nock.cleanAll();
		expect(pending).toEqual([]);
	});

	it('asks for 10 records, redacts personal data and keeps only the fields asked for', async () => {
		nock(BASE, auth)
			.get('/core/v3/employees')
			.query({ page: '1', limit: '10' })
			.reply(200, {
				data: Array.from({ length: 10 }, (_, i) => employee(i + 1)),
				meta: { currentPage: 1, lastPage: 30, total: 300 },
			});
		const { outputs, error } = await runNode({
			node: toolVariant(new SesameHr()),
			parameters: {
				resource: 'employee',
				operation: 'getAll',
				simplify: false,
				fieldsToReturn: 'id, firstName, nid, company.name',
			},
			credentials,
			credentialTypes,
		});
		expect(error).toBeUndefined();
		expect(outputs[0]).toEqual(
			Array.from({ length: 10 }, (_, i) => ({
				json: {
					id: `e${i + 1}`,
					firstName: `Ada${i + 1}`,
					nid: REDACTED,
					company: { name: 'Acme' },
				},
				pairedItem: { item: 0 },
			})),
		);
	});

	it('caps a larger Limit at 100', async () => {
		nock(BASE, auth)
			.get('/core/v3/employees')
			.query({ page: '1', limit: '100' })
			.reply(200, { data: [employee(1)], meta: { currentPage: 1, lastPage: 1, total: 1 } });
		const { error } = await runNode({
			node: toolVariant(new SesameHr()),
			parameters: { resource: 'employee', operation: 'getAll', toolLimit: 5000 },
			credentials,
			credentialTypes,
		});
		expect(error).toBeUndefined();
	});

	it('in the action node: redacted by default, as they are with Include Personal Data', async () => {
		const answer = { data: [employee(1)], meta: { currentPage: 1, lastPage: 1, total: 1 } };
		nock(BASE, auth).get('/core/v3/employees').query({ page: '1', limit: '50' }).reply(200, answer);
		nock(BASE, auth).get('/core/v3/employees').query({ page: '1', limit: '50' }).reply(200, answer);
		const base = { resource: 'employee', operation: 'getAll', simplify: false };
		const redacted = await runNode({
			node: new SesameHr(),
			parameters: base,
			credentials,
			credentialTypes,
		});
		expect(redacted.outputs[0][0].json).toEqual({
			...employee(1),
			nid: REDACTED,
			ssn: REDACTED,
			bic: REDACTED,
			dateOfBirth: REDACTED,
		});
		const full = await runNode({
			node: new SesameHr(),
			parameters: { ...base, includePersonalData: true },
			credentials,
			credentialTypes,
		});
		expect(full.outputs[0][0].json).toEqual(employee(1));
	});
});

describe('Sense personal data', () => {
	afterEach(sense.expectNoPendingMocks);
	const candidate = {
		id: 'c-1',
		first_name: 'Ada',
		email: 'ada@example.com',
		mobile_phone: '+34 600',
		date_of_birth: '1990-01-01',
		salary: 90000,
	};

	it('birth dates and salaries redacted by default, contact data only when asked', async () => {
		const store = sense.storeWithToken('tok-pii');
		sense
			.api('tok-pii')
			.get('/v1/candidates/c-1')
			.times(2)
			.reply(200, { data: candidate, errors: [], resource_id: 'c-1' });
		const get = { resource: 'candidate', operation: 'get', recordId: 'c-1' };
		const byDefault = await sense.run(store, get);
		expect(byDefault.outputs[0][0].json).toEqual({
			...candidate,
			date_of_birth: REDACTED,
			salary: REDACTED,
		});
		const contact = await sense.run(store, { ...get, redactContactData: true });
		expect(contact.outputs[0][0].json).toEqual({
			id: 'c-1',
			first_name: 'Ada',
			email: REDACTED,
			mobile_phone: REDACTED,
			date_of_birth: REDACTED,
			salary: REDACTED,
		});
	});
});
