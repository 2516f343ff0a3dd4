/**
 * The codex files (nodes/<Node>/<Node>.node.json) and the credentials' documentation links:
 *  - every node can be found in n8n's node panel by what HR, recruiting and service people type
 *    (the panel searches the display name and the codex `alias` list);
 *  - the Sesame HR Poll Trigger, a separate entry in the panel, is found by the words of its use
 *    (employees, clock-ins, polling, no webhooks);
 *  - every Docs link points at a file and heading of this repository or at the vendor's own site.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ICredentialType, INodeType, INodeTypeDescription } from 'n8n-workflow';

const ROOT = join(__dirname, '../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

interface Codex {
	node: string;
	alias?: string[];
	resources?: Record<string, Array<{ url: string }>>;
}

/** The class a package.json entry (dist/<dir>/<Name>.<kind>.js) names, from its source. */
function classOf<T>(entry: string): new () => T {
	const source = join(ROOT, entry.replace(/^dist\//, '').replace(/\.js$/, ''));
	const name = entry.split('/').pop()!.split('.')[0];
	return require(source)[name];
}

/** Every node the package registers, with its codex file. */
const NODES = (pkg.n8n.nodes as string[]).map((entry) => {
	const folder = entry.split('/')[2];
	const description = new (classOf<INodeType>(entry))().description as INodeTypeDescription;
	const codex = JSON.parse(
		readFileSync(join(ROOT, 'nodes', folder, `${folder}.node.json`), 'utf8'),
	) as Codex;
	return { folder, description, codex };
});
/** Every credential the package registers. */
const CREDENTIALS = (pkg.n8n.credentials as string[]).map(
	(entry) => new (classOf<ICredentialType>(entry))(),
);

it('every node of package.json has a codex file naming it', () => {
	expect(NODES.length).toBe(pkg.n8n.nodes.length);
	expect(NODES.map((n) => n.codex.node)).toEqual(
		NODES.map((n) => `${pkg.name}.${n.description.name}`),
	);
});

describe('findability (display name + codex aliases, what the node panel searches)', () => {
	it.each(NODES.map((n) => [n.description.displayName, n]))(
		'%s has aliases: non-empty words, none twice',
		(_name, { codex }) => {
			const alias = codex.alias ?? [];
			expect(alias.length).toBeGreaterThanOrEqual(5);
			expect(alias.every((a) => typeof a === 'string' && a.trim() === a && a !== '')).toBe(true);
			expect(new Set(alias.map((a) => a.toLowerCase())).size).toBe(alias.length);
		},
	);

	/** Our nodes a search for `term` finds (case-insensitive, in the display name or an alias). */
	const found = (term: string) =>
		NODES.filter(({ description, codex }) =>
			[description.displayName, ...(codex.alias ?? [])].some((text) =>
				text.toLowerCase().includes(term.toLowerCase()),
			),
		).map((n) => n.description.name);

	it.each([
		// the searches of the issue
		['employee', ['sesameHr', 'sesameHrPollTrigger']],
		['candidate', ['sesameHr', 'sense']],
		['recruit', ['sesameHr', 'sense']],
		['appointment', ['sessions', 'haloPsaScheduling', 'sense']],
		['timesheet', ['sesameHr', 'haloPsaScheduling']],
		['booking', ['sessions', 'haloPsaScheduling']],
		['video meeting', ['sessions']],
		// and what else HR, recruiting and service people type
		['meeting', ['sessions']],
		['webinar', ['sessions']],
		['shift', ['sesameHr', 'haloPsaScheduling']],
		['absence', ['sesameHr']],
		['vacation', ['sesameHr']],
		['time off', ['sesameHr', 'haloPsaScheduling']],
		['clock in', ['sesameHr', 'sesameHrPollTrigger']],
		['leave', ['sesameHr', 'haloPsaScheduling']],
		['holiday', ['sesameHr', 'haloPsaScheduling']],
		['ATS', ['sense']],
		['resume', ['sense']],
		['service desk', ['haloPsaScheduling']],
	])('"%s" finds %j', (term, nodes) => {
		expect(found(term)).toEqual(expect.arrayContaining(nodes));
	});

	it('the Sesame HR Poll Trigger is found as the way without webhooks, beside the Sesame HR entry', () => {
		for (const term of ['Sesame HR', 'employee', 'clock in', 'polling', 'no webhooks'])
			expect(found(term)).toContain('sesameHrPollTrigger');
		const poll = NODES.find((n) => n.description.name === 'sesameHrPollTrigger')!;
		expect(poll.description.description).toMatch(/without Sesame webhooks/);
		expect(poll.description.description).toMatch(/employees/);
		expect(poll.description.description).toMatch(/clock-ins/);
	});

	it("the Sesame HR Trigger's setup notice points at the Sesame HR Poll Trigger", () => {
		const webhook = NODES.find((n) => n.description.name === 'sesameHrTrigger')!;
		const notices = webhook.description.properties.filter((p) => p.type === 'notice');
		expect(notices.map((p) => p.displayName).join('\n')).toMatch(
			/Without Sesame webhooks, use the Sesame HR Poll Trigger node instead/,
		);
	});
});

// ------------------------------------------------------------------ Docs links

const REPOSITORY = String(pkg.repository.url)
	.replace(/^git\+/, '')
	.replace(/\.git$/, '');
/** The vendors' own sites a Docs link may point at; each is named in their documents in specs/. */
const VENDOR_HOSTS = ['apidocs.sesametime.com', 'api.app.sessions.us', 'developer.sensehq.com'];

/** The anchors GitHub gives the headings of a Markdown file (duplicates get -1, -2, …). */
function anchorsOf(markdown: string): string[] {
	const anchors: string[] = [];
	let fenced = false;
	for (const line of markdown.split('\n')) {
		if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
		const heading = !fenced && /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
		if (!heading) continue;
		const base = heading[1]
			.replace(/<[^>]+>/g, '')
			.replace(/`/g, '')
			.trim()
			.toLowerCase()
			.replace(/[^\p{L}\p{N}\s_-]/gu, '')
			.replace(/ /g, '-');
		let anchor = base;
		for (let n = 1; anchors.includes(anchor); n++) anchor = `${base}-${n}`;
		anchors.push(anchor);
	}
	return anchors;
}

/** Why a Docs link is wrong, or undefined if it is fine. */
function linkProblem(url: string): string | undefined {
	if (url.startsWith(`${REPOSITORY}#`) || url.startsWith(`${REPOSITORY}/blob/main/`)) {
		const rest = url.slice(REPOSITORY.length);
		const [path, anchor] = rest.startsWith('#')
			? ['README.md', rest.slice(1)]
			: rest.slice('/blob/main/'.length).split('#');
		if (!existsSync(join(ROOT, path))) return `${path} does not exist in the repository`;
		if (anchor === undefined) return undefined;
		const anchors = anchorsOf(readFileSync(join(ROOT, path), 'utf8'));
		return anchors.includes(anchor) ? undefined : `${path} has no heading #${anchor}`;
	}
	const host = /^https:\/\/([^/]+)\//.exec(url)?.[1];
	if (host && VENDOR_HOSTS.includes(host)) return undefined;
	return 'neither a file of this repository nor a page of a vendor';
}

describe('Docs links', () => {
	const links = [
		...NODES.flatMap(({ folder, codex }) =>
			Object.entries(codex.resources ?? {}).flatMap(([kind, entries]) =>
				entries.map((e) => ({ where: `${folder}.node.json ${kind}`, url: e.url })),
			),
		),
		...CREDENTIALS.map((c) => ({
			where: `${c.name} documentationUrl`,
			url: String(c.documentationUrl),
		})),
	];

	it('every node has its own page and a credential page', () => {
		for (const { folder, codex } of NODES) {
			expect([folder, codex.resources?.primaryDocumentation?.length]).toEqual([folder, 1]);
			expect([folder, codex.resources?.credentialDocumentation?.length]).toEqual([folder, 1]);
		}
	});

	it('every link points at an existing file and heading here, or at the vendor', () => {
		const wrong = links
			.map((link) => ({ ...link, problem: linkProblem(link.url) }))
			.filter((link) => link.problem);
		expect(wrong).toEqual([]);
		expect(links.length).toBe(NODES.length * 2 + CREDENTIALS.length);
	});

	it('the vendor hosts are the ones the documents in specs/ name', () => {
		const specs = readdirSync(join(ROOT, 'specs'))
			.map((file) => readFileSync(join(ROOT, 'specs', file), 'utf8'))
			.join('\n');
		for (const host of VENDOR_HOSTS)
			expect([host, specs.includes(`https://${host}`)]).toEqual([host, true]);
	});

	it('the check finds dead files, dead anchors and other sites', () => {
		expect(linkProblem(`${REPOSITORY}/blob/main/README.triggers.md#sense-trigger`)).toBe(
			'README.triggers.md does not exist in the repository',
		);
		expect(linkProblem(`${REPOSITORY}/blob/main/docs/triggers.md#nope`)).toBe(
			'docs/triggers.md has no heading #nope',
		);
		expect(linkProblem(`${REPOSITORY}#sesame-hr`)).toBeUndefined();
		expect(linkProblem(`${REPOSITORY}/blob/main/docs/triggers.md#sense-trigger`)).toBeUndefined();
		expect(linkProblem('https://example.com/docs')).toBe(
			'neither a file of this repository nor a page of a vendor',
		);
		expect(anchorsOf('# A\n## Behaviour, shared (all)\n```\n# not a heading\n```\n## A')).toEqual([
			'a',
			'behaviour-shared-all',
			'a-1',
		]);
	});
});
