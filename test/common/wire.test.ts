/**
 * Nothing empty, NaN or undefined reaches a request, and no request names a Content-Type without a
 * body. Every operation of every declarative node is executed with its required fields filled and
 * EVERY optional field of its collections added but left empty (as a user who opens Filters /
 * Additional Fields and leaves them blank); the requests nock receives are checked.
 */
import nock from 'nock';
import type { INodeParameters, INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import {
	HALO_TOKEN_BINDING,
	HaloPsaSchedulingApi,
} from '../../credentials/HaloPsaSchedulingApi.credentials';
import { SesameHrApi } from '../../credentials/SesameHrApi.credentials';
import { SessionsApi } from '../../credentials/SessionsApi.credentials';
import { HaloPsaScheduling } from '../../nodes/HaloPsaScheduling/HaloPsaScheduling.node';
import { SesameHr } from '../../nodes/SesameHr/SesameHr.node';
import { Sessions } from '../../nodes/Sessions/Sessions.node';
import { storedTokenFor } from '../support/tokens';
import { runNode, type CredentialsMap } from '../harness';
import { captureRequests, listOperations, type CapturedRequest } from '../support/operations';

const FILE = {
	data: Buffer.from('file').toString('base64'),
	mimeType: 'text/plain',
	fileName: 'a.txt',
};

interface Setup {
	node: Sessions | SesameHr | HaloPsaScheduling;
	base: string;
	credentials: CredentialsMap;
	credentialTypes: Array<SessionsApi | SesameHrApi | HaloPsaSchedulingApi>;
}

const HALO = {
	hosting: 'hosted',
	appUrl: 'https://acme.halopsa.test/',
	tenant: 'acme',
	clientId: 'c',
	clientSecret: 's',
	scope: 'all',
};

const NODES: Setup[] = [
	{
		node: new Sessions(),
		base: 'https://sessions.test',
		credentials: { sessionsApi: { apiKey: 'k', baseUrl: 'https://sessions.test' } },
		credentialTypes: [new SessionsApi()],
	},
	{
		node: new SesameHr(),
		base: 'https://api-eu1.sesametime.com',
		credentials: { sesameHrApi: { apiToken: 't', region: 'eu1' } },
		credentialTypes: [new SesameHrApi()],
	},
	{
		node: new HaloPsaScheduling(),
		base: 'https://acme.halopsa.test/api',
		credentials: {
			haloPsaSchedulingApi: { ...HALO, ...storedTokenFor(HALO, HALO_TOKEN_BINDING, 'tok') },
		},
		credentialTypes: [new HaloPsaSchedulingApi()],
	},
];

let counter = 0;

/** A valid value for a required field. */
function filled(property: INodeProperties): unknown {
	switch (property.type) {
		case 'resourceLocator':
			return { __rl: true, mode: 'id', value: `id-${++counter}` };
		case 'number':
			return 3;
		case 'boolean':
			return true;
		case 'options':
			return (property.options?.[0] as { value: unknown } | undefined)?.value ?? 'x';
		case 'multiOptions':
			return property.typeOptions?.loadOptionsMethod
				? [String(++counter)]
				: [(property.options?.[0] as { value: string }).value];
		case 'dateTime':
			return '2026-03-02T09:30:00+01:00';
		case 'json':
			return property.default === '[]' ? '[{"a":1}]' : '{"a":1}';
		default:
			return property.name === 'binaryPropertyName'
				? 'file'
				: /email/i.test(property.name)
					? 'a@example.com'
					: `v${++counter}`;
	}
}

/** What an added-but-blank option holds in n8n. */
function blank(property: INodeProperties): unknown {
	switch (property.type) {
		case 'resourceLocator':
			return { __rl: true, mode: 'list', value: '' };
		case 'multiOptions':
			return [];
		case 'json':
			return '';
		case 'number':
		case 'boolean':
		case 'options':
			return property.default;
		default:
			return '';
	}
}

function parametersFor(
	description: INodeTypeDescription,
	resource: string,
	operation: string,
): INodeParameters {
	const parameters: INodeParameters = { resource, operation, returnAll: false, limit: 2 };
	const shown = (p: INodeProperties) =>
		NodeHelpers.displayParameter(parameters, p, { typeVersion: 1 } as never, description);
	for (const property of description.properties) {
		if (
			['resource', 'operation', 'returnAll', 'limit', 'requestOptions'].includes(property.name) ||
			!shown(property)
		)
			continue;
		if (property.type === 'collection') {
			parameters[property.name] = Object.fromEntries(
				((property.options ?? []) as INodeProperties[]).map((o) => [o.name, blank(o)]),
			) as INodeParameters[string];
		} else if (property.required) {
			parameters[property.name] = filled(property) as INodeParameters[string];
		}
	}
	return parameters;
}

/** Every query value, header and body value that should never be sent. */
function problems(request: CapturedRequest): string[] {
	const found: string[] = [];
	for (const [key, value] of Object.entries(request.query)) {
		if (value === '' || value === 'NaN' || value === 'undefined' || value === 'null')
			found.push(`query ${key}=${value}`);
	}
	const hasBody = request.body !== undefined && request.body !== '';
	const contentType = Object.keys(request.headers).find((h) => h.toLowerCase() === 'content-type');
	if (contentType && !hasBody)
		found.push(`Content-Type "${String(request.headers[contentType])}" without a body`);
	const walk = (value: unknown, path: string) => {
		if (value === '' || (typeof value === 'number' && Number.isNaN(value)))
			found.push(`body ${path}=${JSON.stringify(value)}`);
		else if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`));
		else if (value && typeof value === 'object')
			for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
	};
	if (hasBody && typeof request.body === 'object') walk(request.body, '');
	if (typeof request.body === 'string' && /NaN|undefined/.test(request.body))
		found.push(`body text ${request.body.slice(0, 80)}`);
	return found;
}

afterEach(() => nock.cleanAll());

describe.each(NODES.map((n) => [n.node.description.name, n] as const))('%s', (_name, setup) => {
	it('sends no empty value, NaN or Content-Type without a body, for any operation', async () => {
		const found: string[] = [];
		for (const ref of listOperations(setup.node.description)) {
			const capture = captureRequests(setup.base, []);
			const parameters = parametersFor(setup.node.description, ref.resource, ref.operation);
			const { error } = await runNode({
				node: setup.node,
				parameters,
				credentials: setup.credentials,
				credentialTypes: setup.credentialTypes,
				input: [{ json: {}, binary: { file: FILE } }],
			});
			capture.done();
			if (error)
				found.push(
					`${ref.resource}.${ref.operation}: ${String((error as { message?: string }).message)}`,
				);
			for (const request of capture.requests) {
				for (const problem of problems(request))
					found.push(
						`${ref.resource}.${ref.operation} ${request.method} ${request.path}: ${problem}`,
					);
			}
			if (!capture.requests.length && !error)
				found.push(`${ref.resource}.${ref.operation}: no request`);
		}
		expect(found).toEqual([]);
		// every operation of the node, one after another (Sesame HR: 266): far more than jest's
		// default 5 s on a loaded machine, and a walk cut off by the timeout would go on sending into
		// the next test file's interceptors
	}, 120_000);
});

describe('a value that cannot be what the field needs fails before sending', () => {
	const sessions = NODES[0];
	it('a Limit of "five" names the field and the value', async () => {
		const capture = captureRequests(sessions.base, []);
		const { error } = await runNode({
			node: sessions.node,
			parameters: { resource: 'room', operation: 'getAll', returnAll: false, limit: 'five' },
			credentials: sessions.credentials,
			credentialTypes: sessions.credentialTypes,
		});
		capture.done();
		expect(error).toMatchObject({
			message: '"Limit" must be a whole number of 1 or more, not "five"',
		});
		expect(capture.requests).toEqual([]);
	});

	it('a number field given text names the field and the value', async () => {
		const capture = captureRequests(sessions.base, []);
		const { error } = await runNode({
			node: sessions.node,
			parameters: {
				resource: 'bookingPage',
				operation: 'create',
				name: 'Intro call',
				additionalFields: { duration: 'thirty' },
				jsonBody: '{}',
			},
			credentials: sessions.credentials,
			credentialTypes: sessions.credentialTypes,
		});
		capture.done();
		expect(error).toMatchObject({ message: '"Duration (Minutes)" must be a number, not "thirty"' });
		expect(capture.requests).toEqual([]);
	});
});
