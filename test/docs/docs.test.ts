/**
 * The generated parts of README.md and docs/*.md (operation tables, Simplify tables, counts) match
 * the nodes and the catalogues: scripts/docs.cjs — what `npm run docs` runs — is applied to a temporary copy of the
 * documents and must change nothing.
 */
import { spawnSync } from 'node:child_process';
import {
	cpSync,
	existsSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INodeTypeDescription } from 'n8n-workflow';

import { HaloPsaScheduling } from '../../nodes/HaloPsaScheduling/HaloPsaScheduling.node';
import { Sense } from '../../nodes/Sense/Sense.node';
import { SenseTrigger } from '../../nodes/SenseTrigger/SenseTrigger.node';
import { SesameHr } from '../../nodes/SesameHr/SesameHr.node';
import { SesameHrPollTrigger } from '../../nodes/SesameHrPollTrigger/SesameHrPollTrigger.node';
import { SesameHrTrigger } from '../../nodes/SesameHrTrigger/SesameHrTrigger.node';
import { Sessions } from '../../nodes/Sessions/Sessions.node';
import { endpointOf } from '../../nodes/common/describe';
import type { ResourceSpec } from '../../nodes/common/describe';
import { HALO_RESOURCES } from '../../nodes/HaloPsaScheduling/resources';
import { SESAME_RESOURCES } from '../../nodes/SesameHr/generated';
import { SESSIONS_RESOURCES } from '../../nodes/Sessions/resources';

const docs = require('../../scripts/docs.cjs') as {
	counts(descriptions: INodeTypeDescription[], specs: string): Record<string, number>;
	render(
		text: string,
		descriptions: INodeTypeDescription[],
		values: Record<string, number>,
		file?: string,
		resources?: Record<string, ResourceSpec[]>,
	): string;
	useEndpoints(lookup: typeof endpointOf): void;
	DOCUMENTS: string[];
};
// the endpoints of these (source) descriptions, for the operation tables' method and path
docs.useEndpoints(endpointOf);

const root = join(__dirname, '../..');
const descriptions = [
	Sessions,
	SesameHr,
	HaloPsaScheduling,
	Sense,
	SesameHrTrigger,
	SesameHrPollTrigger,
	SenseTrigger,
].map((NodeClass) => new NodeClass().description);
/** What `npm run docs` reads from the build (scripts/docs.cjs RESOURCE_MODULES), here from the source. */
const resources = {
	sesameHr: SESAME_RESOURCES,
	sessions: SESSIONS_RESOURCES,
	haloPsaScheduling: HALO_RESOURCES,
};

const catalogueSize = (file: string) =>
	(JSON.parse(readFileSync(join(root, 'specs', file), 'utf8')) as { endpoints: unknown[] })
		.endpoints.length;

describe('npm run docs', () => {
	let copy: string;
	beforeAll(() => {
		copy = mkdtempSync(join(tmpdir(), 'wf-docs-'));
		cpSync(join(root, 'README.md'), join(copy, 'README.md'));
		cpSync(join(root, 'docs'), join(copy, 'docs'), { recursive: true });
	});
	afterAll(() => rmSync(copy, { recursive: true, force: true }));

	it('leaves every document unchanged (regenerate with npm run docs)', () => {
		// what scripts/docs.cjs does: render the blocks, then format with prettier (its CLI here, as
		// prettier's API needs dynamic imports, which jest's module loader does not run)
		const values = docs.counts(descriptions, join(root, 'specs'));
		for (const file of docs.DOCUMENTS) {
			writeFileSync(
				join(copy, file),
				docs.render(readFileSync(join(copy, file), 'utf8'), descriptions, values, file, resources),
			);
		}
		const prettier = spawnSync(
			process.execPath,
			[
				join(root, 'node_modules/prettier/bin/prettier.cjs'),
				'--config',
				join(root, '.prettierrc.js'),
				'--write',
				'--log-level=warn',
				...docs.DOCUMENTS,
			],
			{ cwd: copy, encoding: 'utf8' },
		);
		expect(prettier.status).toBe(0);
		for (const file of docs.DOCUMENTS) {
			expect(readFileSync(join(copy, file), 'utf8')).toBe(readFileSync(join(root, file), 'utf8'));
		}
	});

	it('writes the table of every action node into its document', () => {
		const tables = docs.DOCUMENTS.flatMap((file) =>
			[...readFileSync(join(root, file), 'utf8').matchAll(/<!-- operations:(\w+) -->/g)].map(
				(m) => m[1],
			),
		);
		expect(tables.sort()).toEqual(['haloPsaScheduling', 'sense', 'sesameHr', 'sessions']);
	});

	it('writes what Simplify returns, per resource, for every node that offers it', () => {
		const tables = docs.DOCUMENTS.flatMap((file) =>
			[...readFileSync(join(root, file), 'utf8').matchAll(/<!-- simplify:(\w+) -->/g)].map(
				(m) => m[1],
			),
		);
		const offering = Object.entries(resources)
			.filter(([, list]) => list.some((r) => r.operations.some((op) => op.simplify)))
			.map(([node]) => node);
		expect(tables.sort()).toEqual(offering.sort());
		expect(offering.sort()).toEqual(['haloPsaScheduling', 'sesameHr']);
		const table = docs.render(
			'<!-- simplify:sesameHr -->\nold\n<!-- /simplify:sesameHr -->',
			descriptions,
			{},
			'doc',
			resources,
		);
		const employee = SESAME_RESOURCES.find((r) => r.value === 'employee')!;
		const fields = employee.operations.find((op) => op.value === 'get')!.simplify!;
		expect(table).toBe(
			[
				'<!-- simplify:sesameHr -->',
				'| Resource | Operations | Fields Simplify returns |',
				'| --- | --- | --- |',
				`| Employee | Get, Get Many | ${fields.map((f) => `\`${f}\``).join(', ')} |`,
				'<!-- /simplify:sesameHr -->',
			].join('\n'),
		);
		expect(() =>
			docs.render(
				'<!-- simplify:sessions -->\n<!-- /simplify:sessions -->',
				descriptions,
				{},
				'doc',
				resources,
			),
		).toThrow(/no operation of "sessions" offers Simplify/);
	});

	it('takes the counts from the catalogues and the descriptions', () => {
		const values = docs.counts(descriptions, join(root, 'specs'));
		expect(values['sesame.endpoints']).toBe(catalogueSize('sesame-endpoints.json'));
		expect(values['sessions.endpoints']).toBe(catalogueSize('sessions-endpoints.json'));
		expect(values['halopsa.endpoints']).toBe(catalogueSize('halopsa-endpoints.json'));
		expect(values['sense.endpoints']).toBe(catalogueSize('sense-endpoints.json'));
		// a stale number in a document is rewritten
		const stale =
			'all <!-- count:sessions.endpoints -->7<!-- /count:sessions.endpoints --> endpoints';
		expect(docs.render(stale, descriptions, values)).toBe(
			`all <!-- count:sessions.endpoints -->${values['sessions.endpoints']}<!-- /count:sessions.endpoints --> endpoints`,
		);
	});

	it('fails on a marker that names no node or no count', () => {
		expect(() =>
			docs.render('<!-- operations:nope -->\n<!-- /operations:nope -->', descriptions, {}),
		).toThrow(/no node named "nope"/);
		expect(() => docs.render('<!-- count:nope -->1<!-- /count:nope -->', descriptions, {})).toThrow(
			/no count "nope"/,
		);
	});
});

describe('codex documentation links', () => {
	const REPOSITORY = 'https://github.com/n8n-nodes-workforce/n8n-nodes-workforce';
	/** GitHub's anchor of a Markdown heading. */
	const anchor = (heading: string) =>
		heading
			.trim()
			.toLowerCase()
			.replace(/[^a-z0-9 _-]/g, '')
			.replace(/ /g, '-');
	const codexFiles = readdirSync(join(root, 'nodes')).flatMap((dir) =>
		readdirSync(join(root, 'nodes', dir))
			.filter((file) => file.endsWith('.node.json'))
			.map((file) => join('nodes', dir, file)),
	);

	it('point at a file of this repository and a heading in it', () => {
		expect(codexFiles.length).toBeGreaterThanOrEqual(descriptions.length);
		for (const file of codexFiles) {
			const codex = JSON.parse(readFileSync(join(root, file), 'utf8'));
			for (const { url } of codex.resources?.primaryDocumentation ?? []) {
				expect(url.startsWith(REPOSITORY)).toBe(true);
				const [path, hash] = url.slice(REPOSITORY.length).split('#');
				const document = path.startsWith('/blob/main/')
					? path.slice('/blob/main/'.length)
					: 'README.md';
				expect({ file, document, exists: existsSync(join(root, document)) }).toEqual({
					file,
					document,
					exists: true,
				});
				const anchors = readFileSync(join(root, document), 'utf8')
					.split('\n')
					.filter((line) => /^#{1,6} /.test(line))
					.map((line) => anchor(line.replace(/^#+ /, '')));
				expect({ file, hash, found: anchors.includes(hash) }).toEqual({ file, hash, found: true });
			}
		}
	});
});
