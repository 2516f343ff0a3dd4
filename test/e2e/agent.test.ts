/**
 * The nodes as AI-agent tools in a real n8n: the example workflow examples/agent-hr-assistant.json
 * (n8n's AI Agent 3.1 with the OpenAI Chat Model and four of our tools) run with `n8n execute`
 * against a scripted OpenAI-compatible fake model and the fake Sesame HR API (300 employees with
 * Sesame's full record), all on 127.0.0.1. What the model receives is what a real model would read.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { startOpenAiFake, type ChatRequest, type OpenAiFake } from '../fakes/openai';
import { personalValues, sesameId, startSesameFake, type SesameFake } from '../fakes/sesame';
import { ROOT, nodeType, startE2eN8n, type E2eN8n, type TypeDescription } from './harness';

const SESAME_TOKEN = 'e2e-agent-sesame-token';
const SENSE_SECRET = 'e2e-agent-sense-client-secret';
const MODEL_KEY = 'sk-e2e-agent-model-key';
const EMPLOYEES = 300;

let n8n: E2eN8n;
let types: TypeDescription[];
let sesame: SesameFake;
let model: OpenAiFake;
let run: any;
let completions: ChatRequest[];

/** The tool message (what the model read) answering the tool call of turn `turn`. */
const toolResult = (turn: number): string => {
	const message = completions[turn + 1].messages.filter((m) => m.role === 'tool').pop();
	return String(message?.content ?? '');
};

beforeAll(async () => {
	n8n = await startE2eN8n('agent');
	// the node types the editor gets, tool variants included; then the CLI runs the workflow
	types = await n8n.nodeTypes();
	await n8n.stop();

	sesame = await startSesameFake({ token: SESAME_TOKEN, employees: EMPLOYEES, fullRecords: true });
	const firstEmployee = sesameId(4, 2); // employee 1 of the seeded; the manager is 4-1
	model = await startOpenAiFake([
		{ tools: [{ name: 'Find_Employees', args: {} }] },
		{ tools: [{ name: 'Get_Employee', args: { Employee_ID: firstEmployee } }] },
		{
			tools: [
				{
					name: 'Add_Employee',
					args: {
						Company_ID: sesame.company.id,
						First_Name: 'Jane',
						Last_Name: 'Doe',
						Send_Invitation: true,
						Email: '',
					},
				},
			],
		},
		{ text: 'Done: 10 employees listed, Employee 1 shown, Jane Doe needs an e-mail address.' },
	]);

	const sesameCredential = {
		id: 'agentSesameCred001',
		name: 'Sesame agent e2e',
		type: 'sesameHrApi',
		data: { apiToken: SESAME_TOKEN, region: 'custom', baseUrl: sesame.url },
	};
	const senseCredential = {
		id: 'agentSenseCred001',
		name: 'Sense agent e2e',
		type: 'senseApi',
		// never called: the model does not use the Sense tool
		data: {
			clientId: 'agent-client',
			clientSecret: SENSE_SECRET,
			tokenUrl: 'http://127.0.0.1:9/oauth2/token',
			baseUrl: 'http://127.0.0.1:9/v1',
		},
	};
	const modelCredential = {
		id: 'agentOpenAiCred001',
		name: 'Fake model',
		type: 'openAiApi',
		data: { apiKey: MODEL_KEY, url: `${model.url}/v1` },
	};

	// the example as published, started by a Manual Trigger with a fixed prompt instead of a chat
	const workflow = JSON.parse(
		readFileSync(join(ROOT, 'examples', 'agent-hr-assistant.json'), 'utf8'),
	) as { nodes: any[]; connections: Record<string, any> };
	const chat = workflow.nodes.find((n) => n.type === '@n8n/n8n-nodes-langchain.chatTrigger');
	Object.assign(chat, {
		name: 'Start',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		parameters: {},
	});
	delete chat.webhookId;
	workflow.connections.Start = workflow.connections['When chat message received'];
	delete workflow.connections['When chat message received'];
	const agent = workflow.nodes.find((n) => n.type === '@n8n/n8n-nodes-langchain.agent');
	Object.assign(agent.parameters, {
		promptType: 'define',
		text: 'List our employees, show me the first one, then add Jane Doe and send her an invitation.',
	});
	for (const node of workflow.nodes) {
		if (node.type === nodeType('sesameHrTool'))
			node.credentials = { sesameHrApi: { id: sesameCredential.id, name: sesameCredential.name } };
		if (node.type === nodeType('senseTool'))
			node.credentials = { senseApi: { id: senseCredential.id, name: senseCredential.name } };
		if (node.type === '@n8n/n8n-nodes-langchain.lmChatOpenAi')
			node.credentials = { openAiApi: { id: modelCredential.id, name: modelCredential.name } };
	}
	run = await n8n.importAndExecute(workflow, [sesameCredential, senseCredential, modelCredential]);
	completions = model.completions();
});

afterAll(async () => {
	await Promise.all([sesame?.stop(), model?.stop()]);
	await n8n?.stop();
});

test('the agent ran: four turns of the model, the three tool calls against the fake Sesame HR', () => {
	expect(run.data.resultData.error).toBeUndefined();
	expect(completions).toHaveLength(4);
	const auth = `Bearer ${SESAME_TOKEN}`;
	expect(
		sesame.requests.map((r) => ({
			method: r.method,
			path: r.path,
			query: r.query,
			body: r.body,
			authorization: r.headers.authorization,
			status: r.status,
		})),
	).toEqual([
		{
			method: 'GET',
			path: '/core/v3/employees',
			query: { page: '1', limit: '10' },
			body: undefined,
			authorization: auth,
			status: 200,
		},
		{
			method: 'GET',
			path: `/core/v3/employees/${sesameId(4, 2)}`,
			query: {},
			body: undefined,
			authorization: auth,
			status: 200,
		},
		{
			method: 'POST',
			path: '/core/v3/employees',
			query: {},
			// the empty e-mail address stays out of the request
			body: {
				companyId: sesame.company.id,
				firstName: 'Jane',
				lastName: 'Doe',
				invitation: true,
				status: 'active',
			},
			authorization: auth,
			status: 422,
		},
	]);
});

test('the tools say what they return or change, and the Sense upsert tool exposes its fields', () => {
	const tools = Object.fromEntries(
		(completions[0].tools ?? []).map((t) => [t.function.name, t.function]),
	);
	expect(Object.keys(tools).sort()).toEqual([
		'Add_Employee',
		'Find_Employees',
		'Get_Employee',
		'Save_Candidate',
	]);
	expect(tools.Find_Employees.description).toBe(
		'Get many employees (up to Limit records, default 10; simplified) in Sesame HR',
	);
	expect(tools.Add_Employee.description).toBe('Create an employee (adds a record) in Sesame HR');
	expect(tools.Save_Candidate.description).toBe(
		'Create or update candidates in batches (replaces the whole candidate record: fields not sent are cleared; use Update to change single fields) in Sense',
	);
	const parameters = tools.Save_Candidate.parameters as { properties: Record<string, unknown> };
	expect(Object.keys(parameters.properties).sort()).toEqual([
		'Candidate_ID',
		'Email',
		'First_Name',
		'Last_Name',
	]);
});

test('a Get Many Employees call over 300 employees returns 10 simplified records, under 30,000 characters', () => {
	const result = toolResult(0);
	expect(result.length).toBeLessThanOrEqual(30_000);
	const records = JSON.parse(result) as Array<Record<string, unknown>>;
	expect(records.map((r) => r.id)).toEqual(sesame.data.employees.slice(0, 10).map((e) => e.id));
	expect(Object.keys(records[1])).not.toContain('nid');
});

test('personal data is redacted in what the model reads', () => {
	const record = JSON.parse(toolResult(1)) as
		| Record<string, unknown>
		| Array<Record<string, unknown>>;
	const employee = Array.isArray(record) ? record[0] : record;
	const personal = personalValues(1);
	for (const key of Object.keys(personal))
		expect({ key, value: employee[key] }).toEqual({ key, value: '[redacted]' });
	expect(employee).toMatchObject({ id: sesameId(4, 2), firstName: 'Employee', lastName: '1' });
	// no personal value of any employee reaches the model
	const everything = JSON.stringify(completions);
	for (let n = 1; n <= EMPLOYEES; n++) {
		const values = personalValues(n);
		expect(everything).not.toContain(values.nid);
		expect(everything).not.toContain(values.iban);
	}
});

test("the 422's field errors reach the model in the tool message", () => {
	expect(toolResult(2)).toContain(
		'Sesame HR answered 422: Validation failed — The given data was invalid.; email: The email field is required when invitation is true.',
	);
});

test('no secret appears in anything the model receives', () => {
	const everything = JSON.stringify(completions);
	expect(everything).not.toContain(SESAME_TOKEN);
	expect(everything).not.toContain(SENSE_SECRET);
	expect(everything).not.toContain(MODEL_KEY);
});

test('no tool offers Custom API Call or an upload; the action nodes keep Custom API Call', () => {
	const byName = new Map(types.map((t) => [t.name, t]));
	const pickers = (type: TypeDescription, inTool: boolean) =>
		((type.properties ?? []) as any[]).filter(
			(p) =>
				p.name === 'operation' &&
				(p.displayOptions?.show?.['@tool'] === undefined ||
					p.displayOptions.show['@tool'].includes(inTool)),
		);
	const values = (type: TypeDescription, inTool: boolean) =>
		pickers(type, inTool).flatMap((p) => p.options.map((o: { value: string }) => o.value));
	for (const name of ['sesameHr', 'sessions', 'haloPsaScheduling', 'sense']) {
		const tool = byName.get(nodeType(`${name}Tool`));
		expect({ name, tool: Boolean(tool) }).toEqual({ name, tool: true });
		// what the tool shows: the Resource picker and its own Operation pickers
		const resources = ((tool!.properties as any[]).find((p) => p.name === 'resource').options ??
			[]) as Array<{ value: string }>;
		const shown = [...resources.map((o) => o.value), ...values(tool!, true)];
		expect({ name, customApiCall: shown.includes('__CUSTOM_API_CALL__') }).toEqual({
			name,
			customApiCall: false,
		});
		expect(values(tool!, true)).not.toContain('upload');
		expect(values(tool!, true).filter((v: string) => /upload|download/i.test(v))).toEqual([]);
	}
	// the action nodes keep n8n's Custom API Call (so the check above can fail)
	for (const name of ['sesameHr', 'sessions', 'haloPsaScheduling', 'sense'])
		expect(values(byName.get(nodeType(name))!, false)).toContain('__CUSTOM_API_CALL__');
	// and they do offer uploads (so the check above can fail)
	expect(
		values(byName.get(nodeType('sesameHr'))!, false).filter((v: string) => /upload/i.test(v))
			.length,
	).toBeGreaterThan(0);
});
