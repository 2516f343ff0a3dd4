/**
 * The npm packages built from this source tree (scripts/lib/packages.cjs, scripts/packages.cjs):
 * which files each package holds (on a made-up tree, exactly, and on this repository), the
 * generated packages/<name>/ folders, the published package.json files, the READMEs, and that the
 * checks the packages must pass — `n8n-node lint` in strict mode and n8n's scanner rule set — do
 * fail on what they exist to catch. Building, linting, packing and scanning the real packages is the
 * `packages` stage of `npm test`; installing them into n8n is test/e2e/packages.test.ts.
 */
import { spawnSync } from 'node:child_process';
import {
	mkdirSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	symlinkSync,
	unlinkSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const root = join(__dirname, '../..');
const lib = require('../../scripts/lib/packages.cjs');
const cli = require('../../scripts/packages.cjs');

interface Member {
	name: string;
	vendor?: { name: string; owns: string };
	nodes: string[];
	credentials: string[];
	files: string[];
	shared: string[];
	icons: string[];
}

/** This process's environment without NODE_ENV=test (jest's), under which eslint-plugin-n8n-nodes-base
 * checks differently: the children lint as a user's machine does. */
const { NODE_ENV: _jestNodeEnv, ...childEnv } = process.env;
void _jestNodeEnv;

/** `n` times "../" (relative links of the generated folders; spelled out, test/repo/standalone.test.ts
 * would take them for paths out of the repository) */
const up = (n: number) => '../'.repeat(n);

/** ANSI colour codes (n8n-node lint forces colours on). */
const COLOURS = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

const DEFAULT_ESLINT_CONFIG =
	"import { config } from '@n8n/node-cli/eslint';\n\nexport default config;";

/** A made-up repository in a temporary folder: `files` relative path -> content. */
function tree(files: Record<string, string>): string {
	const dir = mkdtempSync(join(tmpdir(), 'wf-packages-'));
	for (const [file, content] of Object.entries(files)) {
		mkdirSync(dirname(join(dir, file)), { recursive: true });
		writeFileSync(join(dir, file), content);
	}
	return dir;
}

const made: string[] = [];
afterAll(() => {
	for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

const vendor = (name: string, owns: string) => ({
	name,
	service: owns,
	owns,
	description: `${owns} nodes`,
	anchor: owns.toLowerCase(),
	readme: [{ file: 'README.md' }],
});

/** Two vendors, Acme (node, trigger, two credentials) and Beta, sharing nodes/common. */
function acmeBeta(extra: Record<string, string> = {}, nodes?: string[]): string {
	const listed = nodes ?? [
		'dist/nodes/Acme/Acme.node.js',
		'dist/nodes/Beta/Beta.node.js',
		'dist/nodes/AcmeTrigger/AcmeTrigger.node.js',
	];
	const dir = tree({
		'package.json': JSON.stringify({
			name: 'n8n-nodes-all',
			version: '1.2.3',
			license: 'MIT',
			repository: { type: 'git', url: 'https://github.com/acme/n8n-nodes-all.git' },
			homepage: 'https://github.com/acme/n8n-nodes-all#readme',
			n8n: {
				n8nNodesApiVersion: 1,
				strict: true,
				nodes: listed,
				credentials: [
					'dist/credentials/AcmeApi.credentials.js',
					'dist/credentials/BetaApi.credentials.js',
					'dist/credentials/AcmeWebhookApi.credentials.js',
				],
			},
			devDependencies: { typescript: '5.9.3' },
			scripts: { build: 'tsc' },
			peerDependencies: { 'n8n-workflow': '*' },
		}),
		'packages/packages.json': JSON.stringify({
			allInOne: { name: 'n8n-nodes-all' },
			vendors: [vendor('n8n-nodes-acme', 'Acme'), vendor('n8n-nodes-beta', 'Beta')],
		}),
		'nodes/Acme/Acme.node.ts': `import type { INodeType } from 'n8n-workflow';\nimport { a } from '../common/a';\nimport { x } from './shared/x';\nconst icon = 'file:../../icons/acme.svg';\nexport class Acme {}\n`,
		'nodes/Acme/Acme.node.json': '{ "node": "n8n-nodes-all.acme" }\n',
		'nodes/Acme/shared/x.ts': 'export const x = 1;\n',
		'nodes/AcmeTrigger/AcmeTrigger.node.ts': `import { createHash } from 'node:crypto';\nimport { x } from '../Acme/shared/x';\nexport class AcmeTrigger {}\n`,
		'nodes/Beta/Beta.node.ts': `import { c } from '../common/c';\nimport data from './data.json';\nexport const icon = "file:../../icons/beta.svg";\n`,
		'nodes/Beta/data.json': '{}\n',
		'nodes/common/a.ts': `export * from './b';\nexport const a = 1;\n`,
		'nodes/common/b.ts': 'export const b = 1;\n',
		'nodes/common/c.ts': `import { readFileSync } from 'fs';\nexport const c = 1;\n`,
		'nodes/common/unused.ts': 'export const unused = 1;\n',
		'credentials/AcmeApi.credentials.ts': `import { a } from '../nodes/common/a';\nexport class AcmeApi { icon = 'file:../icons/acme.svg'; }\n`,
		'credentials/AcmeWebhookApi.credentials.ts': 'export class AcmeWebhookApi {}\n',
		'credentials/BetaApi.credentials.ts': 'export class BetaApi {}\n',
		'icons/acme.svg': '<svg/>',
		'icons/beta.svg': '<svg/>',
		'README.md': '# all\n\n## Acme\n\nSee [the docs](docs/acme.md).\n',
		...extra,
	});
	made.push(dir);
	return dir;
}

const membersOf = (dir: string): Member[] => lib.membership(dir, lib.loadData(dir)).packages;
const byName = (members: Member[], name: string) => members.find((m) => m.name === name)!;

describe('which files a package holds (a made-up tree)', () => {
	it('a vendor owns the folders and credentials its prefix starts; the shared code it imports comes along', () => {
		const members = membersOf(acmeBeta());
		expect(members.map((m) => m.name)).toEqual([
			'n8n-nodes-all',
			'n8n-nodes-acme',
			'n8n-nodes-beta',
		]);
		const acme = byName(members, 'n8n-nodes-acme');
		expect(acme.nodes).toEqual([
			'dist/nodes/Acme/Acme.node.js',
			'dist/nodes/AcmeTrigger/AcmeTrigger.node.js',
		]);
		expect(acme.credentials).toEqual([
			'dist/credentials/AcmeApi.credentials.js',
			'dist/credentials/AcmeWebhookApi.credentials.js',
		]);
		expect(acme.files).toEqual([
			'credentials/AcmeApi.credentials.ts',
			'credentials/AcmeWebhookApi.credentials.ts',
			'nodes/Acme/Acme.node.json',
			'nodes/Acme/Acme.node.ts',
			'nodes/Acme/shared/x.ts',
			'nodes/AcmeTrigger/AcmeTrigger.node.ts',
			'nodes/common/a.ts',
			'nodes/common/b.ts',
		]);
		expect(acme.shared).toEqual(['nodes/common/a.ts', 'nodes/common/b.ts']);
		expect(acme.icons).toEqual(['icons/acme.svg']);

		const beta = byName(members, 'n8n-nodes-beta');
		expect(beta.nodes).toEqual(['dist/nodes/Beta/Beta.node.js']);
		expect(beta.credentials).toEqual(['dist/credentials/BetaApi.credentials.js']);
		expect(beta.files).toEqual([
			'credentials/BetaApi.credentials.ts',
			'nodes/Beta/Beta.node.ts',
			'nodes/Beta/data.json',
			'nodes/common/c.ts',
		]);
		expect(beta.icons).toEqual(['icons/beta.svg']);

		const all = byName(members, 'n8n-nodes-all');
		expect(all.nodes).toEqual([
			'dist/nodes/Acme/Acme.node.js',
			'dist/nodes/Beta/Beta.node.js',
			'dist/nodes/AcmeTrigger/AcmeTrigger.node.js',
		]);
		expect(all.files).toEqual([...acme.files, ...beta.files].sort());
		expect(all.files).not.toContain('nodes/common/unused.ts');
	});

	it('a new trigger folder joins its vendor by its name once package.json lists it', () => {
		const dir = acmeBeta(
			{
				'nodes/BetaTrigger/BetaTrigger.node.ts': `import { b } from '../common/b';\nexport class BetaTrigger {}\n`,
			},
			[
				'dist/nodes/Acme/Acme.node.js',
				'dist/nodes/Beta/Beta.node.js',
				'dist/nodes/AcmeTrigger/AcmeTrigger.node.js',
				'dist/nodes/BetaTrigger/BetaTrigger.node.js',
			],
		);
		const beta = byName(membersOf(dir), 'n8n-nodes-beta');
		expect(beta.nodes).toEqual([
			'dist/nodes/Beta/Beta.node.js',
			'dist/nodes/BetaTrigger/BetaTrigger.node.js',
		]);
		expect(beta.shared).toEqual(['nodes/common/b.ts', 'nodes/common/c.ts']);
	});

	it('fails when a node file is not listed in package.json', () => {
		const dir = acmeBeta({
			'nodes/BetaTrigger/BetaTrigger.node.ts': 'export class BetaTrigger {}\n',
		});
		expect(() => membersOf(dir)).toThrow(
			'nodes/BetaTrigger/BetaTrigger.node.ts is not listed in package.json n8n.nodes (add dist/nodes/BetaTrigger/BetaTrigger.node.js)',
		);
	});

	it("fails when a package's files reach another vendor's folder, naming the chain", () => {
		const dir = acmeBeta({
			'nodes/common/c.ts': `import { x } from '../Acme/shared/x';\nexport const c = 1;\n`,
		});
		expect(() => membersOf(dir)).toThrow(
			'n8n-nodes-beta: nodes/Beta/Beta.node.ts -> nodes/common/c.ts reaches nodes/Acme/shared/x.ts, which belongs to n8n-nodes-acme',
		);
	});

	it('fails on a node folder no vendor owns, a runtime dependency and an import that does not resolve', () => {
		const dir = acmeBeta(
			{
				'nodes/Gamma/Gamma.node.ts': `import axios from 'axios';\nimport { y } from './missing';\n`,
			},
			[
				'dist/nodes/Acme/Acme.node.js',
				'dist/nodes/Beta/Beta.node.js',
				'dist/nodes/AcmeTrigger/AcmeTrigger.node.js',
				'dist/nodes/Gamma/Gamma.node.js',
			],
		);
		let message = '';
		try {
			membersOf(dir);
		} catch (error) {
			message = (error as Error).message;
		}
		expect(message).toContain(
			'nodes/Gamma/Gamma.node.ts: no package in packages/packages.json owns the folder nodes/Gamma',
		);
		// not reached by any package, so its imports are not followed
		expect(message).not.toContain('axios');

		const withDependency = acmeBeta({
			'nodes/common/b.ts': `import axios from 'axios';\nimport { y } from './missing';\n`,
		});
		expect(() => membersOf(withDependency)).toThrow(
			'nodes/common/b.ts imports "axios": a community package has no runtime dependencies',
		);
		expect(() => membersOf(withDependency)).toThrow(
			'nodes/common/b.ts: cannot resolve the import "./missing"',
		);
	});

	it('refuses vendor prefixes of which one starts the other', () => {
		const dir = acmeBeta({
			'packages/packages.json': JSON.stringify({
				allInOne: { name: 'n8n-nodes-all' },
				vendors: [vendor('n8n-nodes-acme', 'Acme'), vendor('n8n-nodes-acme-pro', 'AcmePro')],
			}),
		});
		expect(() => lib.loadData(dir)).toThrow(
			'the prefix "Acme" (n8n-nodes-acme) also matches "AcmePro" (n8n-nodes-acme-pro)',
		);
	});
});

describe('the published package.json and the generated packages/<name>/ folders (a made-up tree)', () => {
	it('a vendor package: its own lists, the version of the repository, no dependencies', () => {
		const dir = acmeBeta();
		const { packages, rootPkg } = lib.membership(dir, lib.loadData(dir));
		expect(lib.packageJsonFor(byName(packages, 'n8n-nodes-acme'), rootPkg)).toEqual({
			name: 'n8n-nodes-acme',
			version: '1.2.3',
			description: 'Acme nodes',
			license: 'MIT',
			keywords: ['n8n-community-node-package', 'n8n'],
			homepage: 'https://github.com/acme/n8n-nodes-all#acme',
			repository: {
				type: 'git',
				url: 'https://github.com/acme/n8n-nodes-all.git',
				directory: 'packages/n8n-nodes-acme',
			},
			files: ['dist'],
			n8n: {
				n8nNodesApiVersion: 1,
				strict: true,
				credentials: [
					'dist/credentials/AcmeApi.credentials.js',
					'dist/credentials/AcmeWebhookApi.credentials.js',
				],
				nodes: ['dist/nodes/Acme/Acme.node.js', 'dist/nodes/AcmeTrigger/AcmeTrigger.node.js'],
			},
			peerDependencies: { 'n8n-workflow': '*' },
		});
		// the all-in-one: the repository's package.json without what only development needs
		const all = lib.packageJsonFor(byName(packages, 'n8n-nodes-all'), rootPkg);
		expect(all.devDependencies).toBeUndefined();
		expect(all.scripts).toBeUndefined();
		expect(all.n8n).toEqual(rootPkg.n8n);
	});

	it('refuses a repository package.json with runtime dependencies', () => {
		const dir = acmeBeta();
		const { packages, rootPkg } = lib.membership(dir, lib.loadData(dir));
		expect(() =>
			lib.packageJsonFor(packages[1], { ...rootPkg, dependencies: { axios: '1.0.0' } }),
		).toThrow('package.json has "dependencies"');
	});

	it('writes links to exactly the files of each package, and the check then finds every difference', () => {
		const dir = acmeBeta();
		const data = lib.loadData(dir);
		const members = lib.membership(dir, data);
		const entries = lib.viewEntries(members, members.rootPkg, 'default config\n');
		expect(
			[...entries.keys()].filter((k: string) => k.startsWith('packages/n8n-nodes-acme/')).sort(),
		).toEqual([
			'packages/n8n-nodes-acme/credentials/AcmeApi.credentials.ts',
			'packages/n8n-nodes-acme/credentials/AcmeWebhookApi.credentials.ts',
			'packages/n8n-nodes-acme/eslint.config.mjs',
			'packages/n8n-nodes-acme/icons/acme.svg',
			'packages/n8n-nodes-acme/nodes/Acme',
			'packages/n8n-nodes-acme/nodes/AcmeTrigger',
			'packages/n8n-nodes-acme/nodes/common/a.ts',
			'packages/n8n-nodes-acme/nodes/common/b.ts',
			'packages/n8n-nodes-acme/package.json',
		]);
		expect(entries.get('packages/n8n-nodes-acme/nodes/Acme')).toEqual({
			link: `${up(3)}nodes/Acme`,
		});
		expect(entries.get('packages/n8n-nodes-acme/nodes/common/a.ts')).toEqual({
			link: `${up(4)}nodes/common/a.ts`,
		});
		expect(lib.checkViews(dir, entries, data)).toContain(
			'packages/n8n-nodes-acme/package.json is missing',
		);

		lib.writeViews(dir, entries);
		expect(lib.checkViews(dir, entries, data)).toEqual([]);
		// the links resolve to the sources
		expect(readFileSync(join(dir, 'packages/n8n-nodes-acme/nodes/Acme/shared/x.ts'), 'utf8')).toBe(
			'export const x = 1;\n',
		);

		writeFileSync(join(dir, 'packages/n8n-nodes-beta/package.json'), '{}\n');
		unlinkSync(join(dir, 'packages/n8n-nodes-acme/nodes/common/b.ts'));
		symlinkSync(
			`${up(4)}nodes/common/c.ts`,
			join(dir, 'packages/n8n-nodes-acme/nodes/common/b.ts'),
		);
		writeFileSync(join(dir, 'packages/n8n-nodes-acme/nodes/common/stray.ts'), '');
		mkdirSync(join(dir, 'packages/n8n-nodes-old'));
		expect(lib.checkViews(dir, entries, data).sort()).toEqual([
			`packages/n8n-nodes-acme/nodes/common/b.ts links to ${up(4)}nodes/common/c.ts, not ${up(4)}nodes/common/b.ts`,
			'packages/n8n-nodes-acme/nodes/common/stray.ts is not generated (remove it)',
			'packages/n8n-nodes-beta/package.json differs from what is generated',
			'packages/n8n-nodes-old is not generated (no such package in packages/packages.json)',
		]);
		lib.writeViews(dir, entries);
		expect(lib.checkViews(dir, entries, data)).toEqual([]);
	});
});

describe('this repository', () => {
	const data = lib.loadData(root);
	const members = lib.membership(root, data);
	const rootPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
	const vendors: Member[] = members.packages.filter((m: Member) => m.vendor);

	it('is the all-in-one n8n-nodes-workforce and four vendor packages', () => {
		expect(members.packages.map((m: Member) => m.name)).toEqual([
			'n8n-nodes-workforce',
			'n8n-nodes-sesame-hr',
			'n8n-nodes-sessions',
			'n8n-nodes-halopsa-scheduling',
			'n8n-nodes-sense',
		]);
	});

	it("the vendor packages share out the all-in-one's nodes and credentials, each in its own folders", () => {
		for (const key of ['nodes', 'credentials'] as const) {
			const all = vendors.flatMap((v) => v[key]);
			expect([...all].sort()).toEqual([...rootPkg.n8n[key]].sort());
			expect(new Set(all).size).toBe(all.length);
		}
		for (const v of vendors) {
			for (const file of v.files.filter((f) => f.startsWith('nodes/'))) {
				const folder = file.split('/')[1];
				expect(folder === 'common' || folder.startsWith(v.vendor!.owns)).toBe(true);
			}
			expect(v.shared.every((f) => f.startsWith('nodes/common/'))).toBe(true);
			expect(v.icons.length).toBeGreaterThan(0);
		}
		expect(byName(vendors, 'n8n-nodes-sesame-hr').nodes).toEqual(
			expect.arrayContaining([
				'dist/nodes/SesameHr/SesameHr.node.js',
				'dist/nodes/SesameHrTrigger/SesameHrTrigger.node.js',
				'dist/nodes/SesameHrPollTrigger/SesameHrPollTrigger.node.js',
			]),
		);
		expect(byName(vendors, 'n8n-nodes-sense').nodes).toEqual(
			expect.arrayContaining([
				'dist/nodes/Sense/Sense.node.js',
				'dist/nodes/SenseTrigger/SenseTrigger.node.js',
			]),
		);
	});

	it('packages/<name>/ is up to date (run npm run packages)', () => {
		expect(lib.checkViews(root, lib.viewEntries(members, members.rootPkg), data)).toEqual([]);
	});

	it('every published package.json follows n8n\'s rules: version, MIT, no dependencies, n8n-workflow as "*"', () => {
		for (const member of members.packages) {
			const pkg = lib.packageJsonFor(member, rootPkg);
			expect(pkg.name).toBe(member.name);
			expect(pkg.version).toBe(rootPkg.version);
			expect(pkg.license).toBe('MIT');
			expect(pkg.keywords).toContain('n8n-community-node-package');
			expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
			for (const field of [
				'dependencies',
				'devDependencies',
				'optionalDependencies',
				'scripts',
				'overrides',
			])
				expect(pkg[field]).toBeUndefined();
			expect(pkg.files).toEqual(['dist']);
			expect(pkg.n8n.strict).toBe(true);
			expect(pkg.n8n.nodes).toEqual(member.nodes);
			expect(pkg.repository.url).toBe(rootPkg.repository.url);
		}
	});

	it("each packages/<name>/ has the default eslint configuration n8n-node lint's strict mode requires", () => {
		const normalized = (text: string) => text.replace(/\s+/g, ' ').trim();
		expect(normalized(lib.defaultEslintConfig())).toBe(normalized(DEFAULT_ESLINT_CONFIG));
		for (const v of vendors) {
			expect(readFileSync(join(root, 'packages', v.name, 'eslint.config.mjs'), 'utf8')).toBe(
				lib.defaultEslintConfig(),
			);
		}
	});

	it('the vendor READMEs are made of the documents, with links that work outside the repository', () => {
		const types = (nodes: string[], credentials: string[]) => ({
			nodes: nodes.map((name) => ({ name, displayName: name })),
			credentials: credentials.map((name) => ({ name, displayName: name })),
		});
		const readme = (name: string, t: ReturnType<typeof types>) =>
			lib.vendorReadme(root, byName(vendors, name), rootPkg, 'n8n-nodes-workforce', t) as string;

		const halo = readme(
			'n8n-nodes-halopsa-scheduling',
			types(['haloPsaScheduling'], ['haloPsaSchedulingApi']),
		);
		expect(halo).toMatch(/^# n8n-nodes-halopsa-scheduling\n/);
		expect(halo).toContain("**This is not n8n's built-in HaloPSA node.**");
		expect(halo).toContain(
			'The built-in node covers clients, sites, tickets and users, and has no scheduling.',
		);
		expect(halo).toContain(
			'| haloPsaScheduling | `n8n-nodes-halopsa-scheduling.haloPsaScheduling` |',
		);
		expect(halo).toContain('package name `n8n-nodes-halopsa-scheduling`');
		expect(halo).toContain(
			'(`n8n-nodes-halopsa-scheduling.haloPsaScheduling` here, `n8n-nodes-workforce.haloPsaScheduling` in the all-in-one)',
		);
		expect(halo).toContain(
			readFileSync(join(root, 'docs/halopsa-scheduling.md'), 'utf8').split('\n')[2],
		);
		expect(halo).toContain('## Behaviour shared by all nodes');

		const sesame = readme(
			'n8n-nodes-sesame-hr',
			types(['sesameHr', 'sesameHrTrigger'], ['sesameHrApi']),
		);
		expect(sesame).toContain('## Sesame HR\n');
		expect(sesame).toContain('## Triggers\n\n### Behaviour shared by the webhook triggers\n');
		expect(sesame).toContain('### Sesame HR Poll Trigger\n');
		expect(sesame).not.toContain('### Sense Trigger');
		expect(sesame).not.toContain("This is not n8n's built-in");

		const sessions = readme('n8n-nodes-sessions', types(['sessions'], ['sessionsApi']));
		expect(sessions).toContain('## Sessions\n\n[Sessions](https://sessions.us) is a video-meeting');
		expect(sessions).not.toContain('## HaloPSA Scheduling');
		expect(sessions).toContain('### Sessions Trigger\n');
		expect(sessions).toContain('### Sessions Poll Trigger\n');
		expect(sessions).not.toContain('### Sesame HR Trigger');

		for (const text of [halo, sesame, sessions]) {
			const anchors = new Set(
				text
					.split('\n')
					.filter((l) => /^#{1,6}\s/.test(l))
					.map((l) =>
						l
							.replace(/^#+\s/, '')
							.trim()
							.toLowerCase()
							.replace(/[^\p{L}\p{N}\s_-]/gu, '')
							.replace(/\s/g, '-'),
					),
			);
			for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
				if (target.startsWith('#')) expect(anchors).toContain(target.slice(1));
				else expect(target).toMatch(/^https:\/\//);
			}
			expect(text).toContain(
				'https://github.com/n8n-nodes-workforce/n8n-nodes-workforce/blob/main/examples/',
			);
		}
	});

	it('a section that a README names but a document lacks is an error', () => {
		expect(() => lib.section('# A\n\n## B\n', 'C', 'docs/x.md')).toThrow(
			'docs/x.md has no section "C" (named in packages/packages.json)',
		);
		expect(lib.section('# A\n## B\ntext\n### B1\n## C\n', 'B', 'x').lines).toEqual([
			'## B',
			'text',
			'### B1',
		]);
	});
});

describe('publishing', () => {
	const report = {
		packages: ['n8n-nodes-workforce', 'n8n-nodes-sesame-hr'].map((name) => ({
			name,
			version: '0.3.0',
			tarball: `/x/${name}-0.3.0.tgz`,
		})),
	};

	it('publishes every tarball with provenance and public access', () => {
		expect(cli.publishCommands(report, '0.3.0')).toEqual([
			{
				name: 'n8n-nodes-workforce',
				version: '0.3.0',
				args: ['publish', '/x/n8n-nodes-workforce-0.3.0.tgz', '--provenance', '--access', 'public'],
			},
			{
				name: 'n8n-nodes-sesame-hr',
				version: '0.3.0',
				args: ['publish', '/x/n8n-nodes-sesame-hr-0.3.0.tgz', '--provenance', '--access', 'public'],
			},
		]);
		expect(cli.publishCommands(report, 'v0.3.0')).toHaveLength(2);
	});

	it('refuses when a version is not the tag', () => {
		expect(() => cli.publishCommands(report, '0.3.1')).toThrow(
			'the tag 0.3.1 says version 0.3.1, but n8n-nodes-workforce is 0.3.0, n8n-nodes-sesame-hr is 0.3.0',
		);
	});

	it('the command line: --publish needs --git-tag, and publishes every package', () => {
		expect(() => cli.parseArgs(['--publish'])).toThrow('--publish needs --git-tag <version tag>');
		expect(() => cli.parseArgs(['--git-tag', '1.0.0'])).toThrow(
			'--git-tag and --dry-run go with --publish',
		);
		expect(() =>
			cli.parseArgs(['--publish', '--git-tag', '1.0.0', '--only', 'n8n-nodes-sense']),
		).toThrow('--publish publishes every package; no --only');
		expect(cli.parseArgs(['--publish', '--git-tag', '1.0.0'])).toMatchObject({
			publish: true,
			check: true,
			tag: '1.0.0',
		});
		expect(() => cli.parseArgs(['--nope'])).toThrow('unknown option --nope');
	});
});

describe('the checks the packages must pass fail on what they exist to catch', () => {
	/** A package folder outside the repository, with the repository's tools linked in. */
	function lintable(files: Record<string, string>): string {
		const dir = tree({
			'package.json': JSON.stringify({
				name: 'n8n-nodes-probe',
				version: '0.0.1',
				n8n: { n8nNodesApiVersion: 1, strict: true, nodes: [], credentials: [] },
			}),
			...files,
		});
		made.push(dir);
		symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
		return dir;
	}
	const n8nNodeLint = (dir: string) => {
		const res = spawnSync(
			process.execPath,
			[join(root, 'node_modules/@n8n/node-cli/bin/n8n-node.mjs'), 'lint'],
			{ cwd: dir, encoding: 'utf8', timeout: 120_000, env: childEnv },
		);
		return {
			status: res.status,
			output: `${res.stdout}${res.stderr}`.replace(COLOURS, ''),
		};
	};

	it('n8n-node lint refuses a modified eslint.config.mjs in strict mode', () => {
		const dir = lintable({ 'eslint.config.mjs': `${DEFAULT_ESLINT_CONFIG}\n// changed\n` });
		const res = n8nNodeLint(dir);
		expect(res.status).toBe(1);
		expect(res.output).toContain(
			'Strict mode violation: eslint.config.mjs has been modified from the default configuration',
		);
	});

	it('n8n-node lint with the default configuration fails on a restricted global in a node', () => {
		const dir = lintable({
			'eslint.config.mjs': `${DEFAULT_ESLINT_CONFIG}\n`,
			'nodes/Probe/helper.ts': 'export const home = process.env.HOME;\n',
		});
		const res = n8nNodeLint(dir);
		expect(res.status).toBe(1);
		expect(res.output).toContain("Use of restricted global 'process' is not allowed");
		expect(res.output).toContain('@n8n/community-nodes/no-restricted-globals');
	});

	it("n8n's scanner rule set, as the packages stage runs it, counts an error in a tarball's JavaScript", () => {
		const dir = tree({
			'package.json': JSON.stringify({ name: 'n8n-nodes-probe', version: '0.0.1' }),
			'dist/nodes/helper.js': 'exports.home = process.env.HOME;\n',
		});
		made.push(dir);
		const script = `require(${JSON.stringify(join(root, 'scripts/lib/packages.cjs'))})
			.scan(process.argv[1], ['**/*.js', 'package.json'])
			.then((r) => console.log(JSON.stringify({ passed: r.passed, errors: r.errors, details: r.details })));`;
		const res = spawnSync(process.execPath, ['-e', script, dir], {
			encoding: 'utf8',
			timeout: 120_000,
			env: childEnv,
		});
		expect(res.status).toBe(0);
		const result = JSON.parse(res.stdout.trim().split('\n').pop()!);
		expect(result.passed).toBe(false);
		expect(result.errors).toBeGreaterThanOrEqual(1);
		expect(result.details).toContain('no-restricted-globals');
	});
});

describe('the GitHub workflows', () => {
	const YAML = require('yaml');
	const workflow = (name: string) =>
		YAML.parse(readFileSync(join(root, '.github/workflows', name), 'utf8'));
	const runs = (job: { steps: Array<{ run?: string }> }) =>
		job.steps.filter((s) => s.run).map((s) => s.run!.trim());
	const README_TEST = 'npm install && npm test';

	it("the README's test command is .ci/run's", () => {
		expect(readFileSync(join(root, 'README.md'), 'utf8')).toContain(`${README_TEST}        #`);
		expect(readFileSync(join(root, '.ci/run'), 'utf8').trim().split('\n').pop()).toBe(README_TEST);
	});

	it('ci.yml runs that command on pull requests and pushes to main', () => {
		const ci = workflow('ci.yml');
		expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
		expect(ci.on.push).toEqual({ branches: ['main'] });
		const jobs = Object.values(ci.jobs) as Array<{ steps: Array<{ uses?: string; run?: string }> }>;
		expect(jobs).toHaveLength(1);
		expect(jobs[0].steps.map((s) => s.uses).filter(Boolean)).toEqual([
			'actions/checkout@v4',
			'actions/setup-node@v4',
			'actions/cache@v4',
		]);
		expect(runs(jobs[0])).toEqual([README_TEST]);
	});

	it('publish.yml: on a version tag, with an OIDC token, tests and then publishes every package with provenance', () => {
		const publish = workflow('publish.yml');
		expect(publish.on).toEqual({ push: { tags: ['*.*.*'] } });
		const jobs = Object.values(publish.jobs) as Array<{
			permissions: Record<string, string>;
			steps: Array<{ uses?: string; run?: string; env?: Record<string, string> }>;
		}>;
		expect(jobs).toHaveLength(1);
		expect(jobs[0].permissions).toEqual({ 'id-token': 'write', contents: 'read' });
		expect(runs(jobs[0])).toEqual([
			README_TEST,
			'[ -n "$NPM_TOKEN" ] && npm config set //registry.npmjs.org/:_authToken "$NPM_TOKEN"\nnpm run release -- --git-tag "$GITHUB_REF_NAME"',
		]);
		expect(jobs[0].steps.at(-1)!.env).toEqual({ NPM_TOKEN: '${{ secrets.NPM_TOKEN }}' });
		// one list of packages: the release script publishes what packages/packages.json names
		const rootPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
		expect(rootPkg.scripts.release).toBe('node scripts/packages.cjs --publish');
		const names = [data().allInOne.name, ...data().vendors.map((v: { name: string }) => v.name)];
		const commands = cli.publishCommands(
			{
				packages: names.map((name) => ({ name, version: rootPkg.version, tarball: `${name}.tgz` })),
			},
			rootPkg.version,
		);
		expect(commands.map((c: { name: string }) => c.name)).toEqual(names);
		for (const c of commands)
			expect(c.args).toEqual(expect.arrayContaining(['--provenance', '--access', 'public']));
	});

	const data = () => lib.loadData(root);
});
