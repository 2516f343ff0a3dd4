/** docs/triggers.md and the example workflow stay in step with the trigger nodes. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { SenseTrigger } from '../../nodes/SenseTrigger/SenseTrigger.node';
import { DEFAULT_TOKEN_QUERY, SENSE_WRITEBACK_TYPES } from '../../nodes/SenseTrigger/writeback';
import { SesameHrTrigger } from '../../nodes/SesameHrTrigger/SesameHrTrigger.node';
import {
	DEFAULT_SECRET_HEADER,
	DEFAULT_SECRET_QUERY,
	DELIVERY_ID_HEADERS,
	DELIVERY_ID_PATHS,
	EVENT_PATHS,
	SESAME_EVENTS,
} from '../../nodes/SesameHrTrigger/delivery';
import {
	EMPLOYEES_PATH,
	MANUAL_SAMPLE_SIZE,
	REQUEST_PATHS,
	WORK_ENTRIES_PATH,
} from '../../nodes/SesameHrPollTrigger/state';

import { MAX_PAGES as HALO_MAX_PAGES } from '../../nodes/HaloPsaSchedulingTrigger/HaloPsaSchedulingTrigger.node';
import { ID_OVERLAP, PATHS as HALO_PATHS } from '../../nodes/HaloPsaSchedulingTrigger/changes';

import { ID_PATHS, SESSIONS_EVENTS, TOKEN_QUERY } from '../../nodes/SessionsTrigger/delivery';
import { WEBHOOKS_PATH } from '../../nodes/SessionsTrigger/registration';
import { PATHS as SESSIONS_POLL_PATHS } from '../../nodes/SessionsPollTrigger/changes';

const root = join(__dirname, '..', '..');
const readme = readFileSync(join(root, 'docs/triggers.md'), 'utf8');
const headerName = (name: string) =>
	name
		.split('-')
		.map((part) => part.charAt(0).toUpperCase() + part.slice(1))
		.join('-');

describe('docs/triggers.md', () => {
	it('names every Sesame and Sessions event and Sense write-back type', () => {
		for (const name of [...SESAME_EVENTS, ...SESSIONS_EVENTS, ...SENSE_WRITEBACK_TYPES])
			expect(readme).toContain(name);
	});

	it('states how the Sessions Trigger registers, where its token goes and where it finds the ids', () => {
		expect(readme).toContain(`\`POST ${WEBHOOKS_PATH}\``);
		expect(readme).toContain(`\`DELETE ${WEBHOOKS_PATH}/<id>\``);
		expect(readme).toContain(`"<Production URL>?${TOKEN_QUERY}=<token>"`);
		expect(readme).toContain(`\`?${TOKEN_QUERY}=<your token>\``);
		for (const path of Object.values(ID_PATHS).flat()) expect(readme).toContain(`\`data.${path}\``);
		for (const path of new Set(Object.values(SESSIONS_POLL_PATHS)))
			expect(readme).toContain(`\`GET ${path}?page=N\``);
	});

	it('lists every place the Sesame trigger looks for the event and the delivery id', () => {
		for (const path of [...EVENT_PATHS, ...DELIVERY_ID_PATHS])
			expect(readme).toContain(`\`${path}\``);
		for (const header of DELIVERY_ID_HEADERS)
			expect(readme.toLowerCase()).toContain(`\`${headerName(header)}\``.toLowerCase());
	});

	it('states the defaults the nodes use', () => {
		expect(readme).toContain(`**\`${DEFAULT_SECRET_HEADER}\`**`);
		expect(readme).toContain(`default name \`${DEFAULT_SECRET_QUERY}\``);
		expect(readme).toContain(`?${DEFAULT_TOKEN_QUERY}=<token>`);
		expect(readme).toContain(`GET ${EMPLOYEES_PATH}?orderBy=updatedAt desc&page=N&limit=100`);
		expect(readme).toContain(`GET ${WORK_ENTRIES_PATH}?updatedAt[gte]=`);
		expect(readme).toContain(`GET ${EMPLOYEES_PATH}?status=active&page=N&limit=1000`);
		for (const path of Object.values(REQUEST_PATHS))
			expect(readme).toContain(`GET ${path}?orderBy=updatedAt desc&page=N&limit=100`);
		expect(readme).toContain(`latest ${MANUAL_SAMPLE_SIZE} records`);
		for (const path of new Set(Object.values(HALO_PATHS)))
			expect(readme).toContain(`GET /api${path}?start_date=…&end_date=…`);
		expect(readme).toContain(`at most ${HALO_MAX_PAGES} pages`);
		expect(readme).toContain(`minus ${ID_OVERLAP.toLocaleString('en')}`);
	});
});

describe('examples/sense-writeback-entity-create.json', () => {
	const example = JSON.parse(
		readFileSync(join(root, 'examples', 'sense-writeback-entity-create.json'), 'utf8'),
	);
	const trigger = example.nodes.find(
		(node: { type: string }) => node.type === 'n8n-nodes-workforce.senseTrigger',
	);

	it('uses the Sense Trigger with parameters it has, answering through Respond to Webhook v1', () => {
		const description = new SenseTrigger().description;
		const names = new Set(description.properties.map((p) => p.name));
		expect(Object.keys(trigger.parameters).every((name) => names.has(name))).toBe(true);
		expect(trigger.parameters).toEqual({
			types: ['ENTITY_CREATE'],
			authentication: 'token',
			responseMode: 'responseNode',
		});
		expect(Object.keys(trigger.credentials)).toEqual([description.credentials![0].name]);
		const respond = example.nodes.find(
			(node: { type: string }) => node.type === 'n8n-nodes-base.respondToWebhook',
		);
		expect(respond.typeVersion).toBe(1);
		expect(respond.parameters.responseBody).toContain('"entity_id"');
	});

	it('the Sesame trigger and the Sense trigger are webhook triggers without remote registration', () => {
		for (const node of [new SesameHrTrigger(), new SenseTrigger()]) {
			expect(node.description.webhooks).toEqual([
				expect.objectContaining({ name: 'default', httpMethod: 'POST', path: 'webhook' }),
			]);
			expect(Object.keys(node.webhookMethods.default).sort()).toEqual([
				'checkExists',
				'create',
				'delete',
			]);
		}
	});
});
