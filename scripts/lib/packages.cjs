// The npm packages built from this one source tree: the all-in-one (this repository's package.json,
// every node) and one package per vendor (packages/packages.json). Pure parts (membership, manifests,
// views, README) are used by the unit tests; the staging parts (build, `n8n-node lint`, `npm pack`,
// n8n's scanner) by scripts/packages.cjs. CommonJS so scripts and jest load it alike.
//
// Membership. A vendor package owns the node folders nodes/<owns>* and the credential files
// credentials/<owns>*.credentials.ts (so a new trigger folder such as nodes/SessionsTrigger joins its
// vendor's package by its name). The code it shares with others is found by following the relative
// imports of every file it owns; reaching another vendor's folder or credential is an error. The
// nodes and credentials of every package are the entries of the repository's package.json `n8n`
// lists (the all-in-one) that it owns, in the same order.
//
// Views. packages/<name>/ is a committed, generated folder per vendor package: its package.json
// (the one that is published), the default eslint.config.mjs of @n8n/node-cli, and symbolic links to
// exactly its files in nodes/, credentials/ and icons/. n8n's scanner lints the source a package's
// npm provenance points at: it looks in the repository for the package.json that carries the
// package's name and lints that folder's package.json, nodes/ and credentials/ — these folders are
// what it finds. The sources themselves stay in one tree at the top.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const { builtinModules } = require('node:module');
const path = require('node:path');

const ROOT = path.join(__dirname, '..', '..');
const DATA_FILE = 'packages/packages.json';
const VIEWS_DIR = 'packages';
const STAGE_DIR = path.join(ROOT, '.cache', 'packages');
/** What n8n's scanner lints in the source checkout and in the published tarball (scanner.mjs). */
const SOURCE_PATTERNS = ['package.json', '{nodes,credentials}/**/*.{js,ts,json}'];
const TARBALL_PATTERNS = ['**/*.js', 'package.json'];
const ALLOWED_BARE_IMPORTS = new Set(['n8n-workflow']);
const BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

const posix = (p) => p.split(path.sep).join('/');
const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));
const jsonText = (value) => `${JSON.stringify(value, null, '\t')}\n`;

class PackagesError extends Error {}
const fail = (message) => {
	throw new PackagesError(message);
};

// ---------------------------------------------------------------- data

/** packages/packages.json, checked. */
function loadData(root = ROOT) {
	const data = readJson(path.join(root, DATA_FILE));
	const rootPkg = readJson(path.join(root, 'package.json'));
	if (data.allInOne?.name !== rootPkg.name)
		fail(`${DATA_FILE}: allInOne.name must be the repository's package name "${rootPkg.name}"`);
	const names = new Set([data.allInOne.name]);
	for (const vendor of data.vendors ?? []) {
		for (const key of ['name', 'service', 'owns', 'description', 'anchor']) {
			if (typeof vendor[key] !== 'string' || vendor[key] === '')
				fail(`${DATA_FILE}: vendor ${vendor.name ?? '?'} needs a "${key}"`);
		}
		if (!/^n8n-nodes-[a-z0-9-]+$/.test(vendor.name))
			fail(`${DATA_FILE}: "${vendor.name}" is not an n8n-nodes-<name> package name`);
		if (names.has(vendor.name)) fail(`${DATA_FILE}: "${vendor.name}" is named twice`);
		names.add(vendor.name);
		if (!Array.isArray(vendor.readme) || vendor.readme.length === 0)
			fail(`${DATA_FILE}: vendor ${vendor.name} needs "readme" parts`);
	}
	for (const a of data.vendors) {
		for (const b of data.vendors) {
			if (a !== b && b.owns.startsWith(a.owns))
				fail(
					`${DATA_FILE}: the prefix "${a.owns}" (${a.name}) also matches "${b.owns}" (${b.name}); make them distinct`,
				);
		}
	}
	return data;
}

function rootPackage(root = ROOT) {
	return readJson(path.join(root, 'package.json'));
}

// ---------------------------------------------------------------- membership

/** Every file under `dir` (relative to root, posix), recursively; [] if it does not exist. */
function listFiles(root, dir) {
	const abs = path.join(root, dir);
	if (!fs.existsSync(abs)) return [];
	const out = [];
	for (const entry of fs.readdirSync(abs, { withFileTypes: true })) {
		const rel = `${dir}/${entry.name}`;
		if (entry.isDirectory()) out.push(...listFiles(root, rel));
		else if (entry.isFile()) out.push(rel);
	}
	return out.sort();
}

/** The module specifiers a TypeScript file imports (import/export from, import(), require()). */
function importsOf(text) {
	const ts = require('typescript');
	return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

/** `spec` imported by `from` (both relative to root) -> the file it means, or undefined. */
function resolveImport(root, from, spec) {
	const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
	const candidates = [`${base}.ts`, base, `${base}/index.ts`, `${base}.json`];
	return candidates.find((c) => {
		try {
			return fs.statSync(path.join(root, c)).isFile();
		} catch {
			return false;
		}
	});
}

const sourceOf = (distFile) => distFile.replace(/^dist\//, '').replace(/\.js$/, '.ts');
const distOf = (sourceFile) => `dist/${sourceFile.replace(/\.ts$/, '.js')}`;
/** The top folder under nodes/ of a file (nodes/<folder>/...), or undefined. */
const nodeFolderOf = (file) => (/^nodes\/([^/]+)\//.exec(file) ?? [])[1];
const credentialBase = (file) => path.posix.basename(file);

/**
 * Which files make up each package. Returns
 *   { packages: [{ name, vendor?, nodes, credentials, files, shared, icons }], rootPkg }
 * where nodes/credentials are dist paths as in package.json and files/shared/icons source paths;
 * the all-in-one comes first. Throws PackagesError naming every problem found.
 */
function membership(root = ROOT, data = loadData(root)) {
	const rootPkg = rootPackage(root);
	const problems = [];
	const listedNodes = rootPkg.n8n?.nodes ?? [];
	const listedCredentials = rootPkg.n8n?.credentials ?? [];

	const nodeSources = listFiles(root, 'nodes').filter((f) => f.endsWith('.node.ts'));
	const credentialSources = listFiles(root, 'credentials').filter((f) =>
		f.endsWith('.credentials.ts'),
	);
	for (const file of nodeSources)
		if (!listedNodes.includes(distOf(file)))
			problems.push(`${file} is not listed in package.json n8n.nodes (add ${distOf(file)})`);
	for (const file of credentialSources)
		if (!listedCredentials.includes(distOf(file)))
			problems.push(`${file} is not listed in package.json n8n.credentials (add ${distOf(file)})`);
	for (const entry of [...listedNodes, ...listedCredentials])
		if (!fs.existsSync(path.join(root, sourceOf(entry))))
			problems.push(`package.json lists ${entry}, but ${sourceOf(entry)} does not exist`);

	const ownersOf = (name) => data.vendors.filter((v) => name.startsWith(v.owns));
	const ownerOfFile = (file) => {
		const folder = nodeFolderOf(file);
		if (folder !== undefined) return ownersOf(folder)[0];
		if (file.startsWith('credentials/')) return ownersOf(credentialBase(file))[0];
		return undefined;
	};
	for (const entry of listedNodes) {
		if (!ownersOf(nodeFolderOf(sourceOf(entry)) ?? '').length)
			problems.push(
				`${sourceOf(entry)}: no package in ${DATA_FILE} owns the folder nodes/${nodeFolderOf(sourceOf(entry))} (a vendor's "owns" prefix must start its name)`,
			);
	}
	for (const entry of listedCredentials) {
		if (!ownersOf(credentialBase(sourceOf(entry))).length)
			problems.push(
				`${sourceOf(entry)}: no package in ${DATA_FILE} owns this credential (a vendor's "owns" prefix must start its file name)`,
			);
	}

	const folders = fs
		.readdirSync(path.join(root, 'nodes'), { withFileTypes: true })
		.filter((d) => d.isDirectory())
		.map((d) => d.name)
		.sort();
	const vendorPackages = [];
	for (const vendor of data.vendors) {
		const ownFolders = folders.filter((f) => ownersOf(f)[0] === vendor);
		const nodes = listedNodes.filter((e) => ownerOfFile(sourceOf(e)) === vendor);
		const credentials = listedCredentials.filter((e) => ownerOfFile(sourceOf(e)) === vendor);
		if (nodes.length === 0) problems.push(`${vendor.name} owns no node (no nodes/${vendor.owns}*)`);
		const own = [
			...ownFolders.flatMap((f) => listFiles(root, `nodes/${f}`)),
			...credentials.map(sourceOf),
		];
		const { files, icons } = closure(
			root,
			own,
			(file, chain) => {
				const owner = ownerOfFile(file);
				if (owner && owner !== vendor)
					problems.push(
						`${vendor.name}: ${chain.join(' -> ')} reaches ${file}, which belongs to ${owner.name}; move what both need to nodes/common/`,
					);
				else if (!file.startsWith('nodes/') && !file.startsWith('credentials/'))
					problems.push(
						`${vendor.name}: ${chain.join(' -> ')} imports ${file}, outside nodes/ and credentials/`,
					);
			},
			problems,
		);
		const ownSet = new Set(own);
		vendorPackages.push({
			name: vendor.name,
			vendor,
			nodes,
			credentials,
			files,
			shared: files.filter((f) => !ownSet.has(f)),
			icons,
		});
	}
	if (problems.length)
		fail(`the packages cannot be put together:\n  - ${[...new Set(problems)].join('\n  - ')}`);

	const union = (key) => [...new Set(vendorPackages.flatMap((p) => p[key]))].sort();
	const allInOne = {
		name: rootPkg.name,
		nodes: listedNodes,
		credentials: listedCredentials,
		files: union('files'),
		shared: union('shared'),
		icons: union('icons'),
	};
	return { packages: [allInOne, ...vendorPackages], rootPkg };
}

/**
 * The files `start` needs: follow relative imports of .ts files; `check(file, chain)` is called for
 * every file reached from outside `start`. Icons are the `file:` paths the .ts files name.
 */
function closure(root, start, check, problems) {
	const seen = new Set(start);
	const queue = start.map((file) => ({ file, chain: [file] }));
	const icons = new Set();
	while (queue.length) {
		const { file, chain } = queue.shift();
		if (!file.endsWith('.ts')) continue;
		const text = fs.readFileSync(path.join(root, file), 'utf8');
		for (const spec of importsOf(text)) {
			if (!spec.startsWith('.')) {
				if (!ALLOWED_BARE_IMPORTS.has(spec) && !BUILTINS.has(spec))
					problems.push(
						`${file} imports "${spec}": a community package has no runtime dependencies (only n8n-workflow and Node's built-ins)`,
					);
				continue;
			}
			const target = resolveImport(root, file, spec);
			if (!target) {
				problems.push(`${file}: cannot resolve the import "${spec}"`);
				continue;
			}
			if (seen.has(target)) continue;
			seen.add(target);
			check(target, chain);
			queue.push({ file: target, chain: [...chain, target] });
		}
		for (const match of text.matchAll(/['"]file:([^'"]+)['"]/g)) {
			const icon = path.posix.normalize(path.posix.join(path.posix.dirname(file), match[1]));
			if (!fs.existsSync(path.join(root, icon)))
				problems.push(`${file} names the icon file:${match[1]}, but ${icon} does not exist`);
			else icons.add(icon);
		}
	}
	return { files: [...seen].sort(), icons: [...icons].sort() };
}

// ---------------------------------------------------------------- manifests

/** https://github.com/<owner>/<repo> from package.json repository.url. */
function repositoryWebUrl(rootPkg) {
	const url = String(rootPkg.repository?.url ?? rootPkg.repository ?? '');
	const match = /github\.com[/:]([^/]+)\/([^/#]+?)(?:\.git)?$/.exec(url);
	if (!match) fail(`package.json repository.url is not a GitHub repository: "${url}"`);
	return `https://github.com/${match[1]}/${match[2]}`;
}

/** The package.json a package is published with. */
function packageJsonFor(pkg, rootPkg) {
	for (const field of ['dependencies', 'optionalDependencies', 'bundleDependencies', 'overrides'])
		if (rootPkg[field] !== undefined)
			fail(`package.json has "${field}": a community package may have no runtime dependencies`);
	if (!pkg.vendor) {
		// the all-in-one: the repository's package.json without what only development needs
		const { devDependencies, scripts, ...published } = rootPkg;
		void devDependencies;
		void scripts;
		return published;
	}
	const { vendor } = pkg;
	return {
		name: vendor.name,
		version: rootPkg.version,
		description: vendor.description,
		license: rootPkg.license,
		keywords: [...new Set(['n8n-community-node-package', 'n8n', ...(vendor.keywords ?? [])])],
		author: rootPkg.author,
		homepage: `${repositoryWebUrl(rootPkg)}#${vendor.anchor}`,
		repository: { ...rootPkg.repository, directory: `${VIEWS_DIR}/${vendor.name}` },
		engines: rootPkg.engines,
		files: ['dist'],
		n8n: {
			n8nNodesApiVersion: rootPkg.n8n.n8nNodesApiVersion,
			strict: true,
			credentials: pkg.credentials,
			nodes: pkg.nodes,
		},
		peerDependencies: { 'n8n-workflow': '*' },
	};
}

/** The eslint.config.mjs that `n8n-node lint` requires in strict mode (its own template). */
function defaultEslintConfig() {
	const cliDir = path.join(path.dirname(require.resolve('@n8n/node-cli/eslint')), '..', '..');
	return fs.readFileSync(
		path.join(cliDir, 'dist', 'template', 'templates', 'shared', 'default', 'eslint.config.mjs'),
		'utf8',
	);
}

// ---------------------------------------------------------------- views (packages/<name>/)

/** Every entry of the committed views: path -> { content } or { link } (relative target). */
function viewEntries(members, rootPkg, eslintConfig = defaultEslintConfig()) {
	const entries = new Map();
	for (const pkg of members.packages) {
		if (!pkg.vendor) continue;
		const base = `${VIEWS_DIR}/${pkg.name}`;
		entries.set(`${base}/package.json`, { content: jsonText(packageJsonFor(pkg, rootPkg)) });
		entries.set(`${base}/eslint.config.mjs`, { content: eslintConfig });
		const ownFolders = new Set(
			pkg.files
				.map(nodeFolderOf)
				.filter((folder) => folder !== undefined && folder.startsWith(pkg.vendor.owns)),
		);
		const link = (target) => {
			const at = `${base}/${target}`;
			entries.set(at, { link: path.posix.relative(path.posix.dirname(at), target) });
		};
		for (const folder of ownFolders) link(`nodes/${folder}`);
		for (const file of [...pkg.files, ...pkg.icons])
			if (!ownFolders.has(nodeFolderOf(file) ?? '')) link(file);
	}
	return entries;
}

/** Differences between the views on disk and `entries`: [] when up to date. */
function checkViews(root, entries, data) {
	const problems = [];
	for (const [rel, want] of entries) {
		const abs = path.join(root, rel);
		let stat;
		try {
			stat = fs.lstatSync(abs);
		} catch {
			problems.push(`${rel} is missing`);
			continue;
		}
		if (want.link !== undefined) {
			if (!stat.isSymbolicLink()) problems.push(`${rel} should be a link to ${want.link}`);
			else if (fs.readlinkSync(abs) !== want.link)
				problems.push(`${rel} links to ${fs.readlinkSync(abs)}, not ${want.link}`);
		} else if (!stat.isFile() || fs.readFileSync(abs, 'utf8') !== want.content) {
			problems.push(`${rel} differs from what is generated`);
		}
	}
	// anything else in a view folder, or a folder of a package that is not in the data any more
	const expectedDirs = new Set();
	for (const rel of entries.keys())
		for (let d = path.posix.dirname(rel); d !== VIEWS_DIR && d !== '.'; d = path.posix.dirname(d))
			expectedDirs.add(d);
	const walk = (rel) => {
		for (const entry of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
			const child = `${rel}/${entry.name}`;
			if (entries.has(child)) continue;
			if (entry.isDirectory() && expectedDirs.has(child)) walk(child);
			else problems.push(`${child} is not generated (remove it)`);
		}
	};
	const views = path.join(root, VIEWS_DIR);
	const keep = new Set([path.posix.basename(DATA_FILE), 'README.md']);
	for (const entry of fs.existsSync(views) ? fs.readdirSync(views, { withFileTypes: true }) : []) {
		if (keep.has(entry.name) && entry.isFile()) continue;
		const rel = `${VIEWS_DIR}/${entry.name}`;
		if (entry.isDirectory() && data.vendors.some((v) => v.name === entry.name)) walk(rel);
		else problems.push(`${rel} is not generated (no such package in ${DATA_FILE})`);
	}
	return problems;
}

/** Rewrite the view folders from `entries` (every vendor folder is replaced whole). */
function writeViews(root, entries) {
	const views = path.join(root, VIEWS_DIR);
	const keep = new Set([path.posix.basename(DATA_FILE), 'README.md']);
	for (const entry of fs.readdirSync(views, { withFileTypes: true })) {
		if (keep.has(entry.name) && entry.isFile()) continue;
		fs.rmSync(path.join(views, entry.name), { recursive: true, force: true });
	}
	for (const [rel, want] of entries) {
		const abs = path.join(root, rel);
		fs.mkdirSync(path.dirname(abs), { recursive: true });
		if (want.link !== undefined) fs.symlinkSync(want.link, abs);
		else fs.writeFileSync(abs, want.content);
	}
}

// ---------------------------------------------------------------- README

const slug = (heading) =>
	heading
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{N}\s_-]/gu, '')
		.replace(/\s/g, '-');

/** The lines of `markdown` from the heading named `title` to the next heading of its level or above. */
function section(markdown, title, file) {
	const lines = markdown.split('\n');
	let inFence = false;
	const headings = [];
	lines.forEach((line, index) => {
		if (/^```/.test(line)) inFence = !inFence;
		const match = !inFence && /^(#{1,6})\s+(.*?)\s*$/.exec(line);
		if (match) headings.push({ index, level: match[1].length, title: match[2] });
	});
	const start = headings.find((h) => h.title === title);
	if (!start) fail(`${file} has no section "${title}" (named in ${DATA_FILE})`);
	const end = headings.find((h) => h.index > start.index && h.level <= start.level);
	return { level: start.level, lines: lines.slice(start.index, end ? end.index : lines.length) };
}

/** Shift the headings of `lines` so that the first one has `level`. */
function relevel(lines, from, to) {
	let inFence = false;
	return lines.map((line) => {
		if (/^```/.test(line)) inFence = !inFence;
		const match = !inFence && /^(#{1,6})(\s.*)$/.exec(line);
		if (!match) return line;
		return `${'#'.repeat(Math.min(6, Math.max(1, match[1].length - from + to)))}${match[2]}`;
	});
}

/**
 * Links relative to `file` become links into the repository on GitHub; `#anchor` links stay when the
 * README has that heading, else point at `file` on GitHub.
 */
function absoluteLinks(text, file, webUrl, anchors) {
	return text.replace(/\]\(([^)\s]+)\)/g, (whole, target) => {
		if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return whole;
		if (target.startsWith('#')) {
			return anchors.has(target.slice(1)) ? whole : `](${webUrl}/blob/main/${file}${target})`;
		}
		const [pathPart, hash] = target.split('#');
		const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), pathPart));
		return `](${webUrl}/blob/main/${resolved}${hash ? `#${hash}` : ''})`;
	});
}

/**
 * README.md of a vendor package, from the repository's documents. `types` are the built nodes and
 * credentials: { nodes: [{ name, displayName }], credentials: [{ name, displayName }] }.
 */
function vendorReadme(root, pkg, rootPkg, allInOneName, types) {
	const { vendor } = pkg;
	const webUrl = repositoryWebUrl(rootPkg);
	const body = [];
	for (const part of vendor.readme) {
		const text = fs.readFileSync(path.join(root, part.file), 'utf8');
		if (part.heading) body.push(`## ${part.heading}`, '');
		const titles = part.sections ?? [null];
		for (const title of titles) {
			let lines;
			let level;
			if (title === null) {
				lines = text.replace(/\s+$/, '').split('\n');
				level = Math.min(...lines.filter((l) => /^#{1,6}\s/.test(l)).map((l) => l.indexOf(' ')));
			} else {
				({ lines, level } = section(text, title, part.file));
			}
			const want = part.heading ? 3 : 2;
			body.push(...relevel(lines, level, want).join('\n').trimEnd().split('\n'), '');
			// remember which file each block came from, for its relative links
			body.push(`<!-- from:${part.file} -->`);
		}
	}
	const shared = section(
		fs.readFileSync(path.join(root, 'README.md'), 'utf8'),
		'Behaviour shared by all nodes',
		'README.md',
	);
	const typeName = (name) => `\`${pkg.name}.${name}\``;
	const head = [
		`# ${pkg.name}`,
		'',
		`${vendor.description}.`,
		'',
		`| Node | Node type |`,
		`| --- | --- |`,
		...types.nodes.map((n) => `| ${n.displayName} | ${typeName(n.name)} |`),
		'',
		`Credentials: ${types.credentials.map((c) => `${c.displayName} (\`${c.name}\`)`).join(', ')}.`,
		'',
		...(vendor.intro ? [vendor.intro, ''] : []),
		'## Installation',
		'',
		`- **n8n Cloud**: once n8n has verified the package, search for ${types.nodes[0].displayName} in the nodes panel and install it from there.`,
		`- **Self-hosted n8n**: **Settings → Community Nodes → Install**, package name \`${pkg.name}\`.`,
		'',
		`This package is built from the [${allInOneName}](${webUrl}) repository, which also publishes ` +
			`the other vendors' nodes as packages of their own and all of them together as ` +
			`\`${allInOneName}\` (self-hosted n8n only). The nodes are the same; their type names are not ` +
			`(${typeName(types.nodes[0].name)} here, \`${allInOneName}.${types.nodes[0].name}\` in the all-in-one), ` +
			`so a workflow moves from one package to the other by re-selecting its ${vendor.service} nodes. ` +
			`Credentials have the same types in both and carry over. Install one or the other, not both.`,
		'',
	];
	const tail = [
		...relevel(shared.lines, shared.level, 2).join('\n').trimEnd().split('\n'),
		'',
		'## License',
		'',
		`[MIT](${webUrl}/blob/main/LICENSE.md)`,
		'',
	];
	// relative links: each block against the file it came from
	const all = [...head, ...body, ...tail];
	const anchors = new Set(
		all.filter((l) => /^#{1,6}\s/.test(l)).map((l) => slug(l.replace(/^#+\s/, ''))),
	);
	const out = [];
	let block = [];
	for (const line of [
		...head,
		'<!-- from:README.md -->',
		...body,
		...tail,
		'<!-- from:README.md -->',
	]) {
		const from = /^<!-- from:(.+) -->$/.exec(line);
		if (!from) {
			block.push(line);
			continue;
		}
		out.push(absoluteLinks(block.join('\n'), from[1], webUrl, anchors));
		block = [];
	}
	return `${out
		.join('\n')
		.replace(/\n{3,}/g, '\n\n')
		.trimEnd()}\n`;
}

/** README.md of the all-in-one: the repository's README with links into the repository. */
function allInOneReadme(root, rootPkg) {
	const text = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
	const anchors = new Set(
		text
			.split('\n')
			.filter((l) => /^#{1,6}\s/.test(l))
			.map((l) => slug(l.replace(/^#+\s/, ''))),
	);
	return absoluteLinks(text, 'README.md', repositoryWebUrl(rootPkg), anchors);
}

// ---------------------------------------------------------------- staging (.cache/packages/<name>)

function run(cmd, args, options = {}) {
	const res = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
	return {
		ok: res.status === 0 && !res.error,
		code: res.status,
		output: `${res.stdout ?? ''}${res.stderr ?? ''}${res.error ? res.error.message : ''}`,
		stdout: res.stdout ?? '',
	};
}

const bin = (root, name) => path.join(root, 'node_modules', '.bin', name);

/** Copy a package's sources into a fresh `dir`, with its manifest, configs and codex files. */
function stageSources(root, pkg, rootPkg, dir) {
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	for (const file of [...pkg.files, ...pkg.icons]) {
		const to = path.join(dir, file);
		fs.mkdirSync(path.dirname(to), { recursive: true });
		if (file.endsWith('.node.json')) {
			// the codex names the node as <package>.<node>; the all-in-one's files say n8n-nodes-workforce
			const codex = readJson(path.join(root, file));
			if (typeof codex.node === 'string')
				codex.node = codex.node.replace(/^[^.]+\./, `${pkg.name}.`);
			fs.writeFileSync(to, `${JSON.stringify(codex, null, '\t')}\n`);
		} else {
			fs.copyFileSync(path.join(root, file), to);
		}
	}
	fs.writeFileSync(path.join(dir, 'package.json'), jsonText(packageJsonFor(pkg, rootPkg)));
	fs.writeFileSync(path.join(dir, 'eslint.config.mjs'), defaultEslintConfig());
	const tsconfig = readJson(path.join(root, 'tsconfig.json'));
	fs.writeFileSync(
		path.join(dir, 'tsconfig.json'),
		jsonText({ ...tsconfig, include: ['credentials/**/*.ts', 'nodes/**/*.ts'] }),
	);
	fs.copyFileSync(path.join(root, 'LICENSE.md'), path.join(dir, 'LICENSE.md'));
	// tools (tsc, eslint and its plugins, n8n-workflow's types) come from the repository's install
	fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
}

/** The static files tsc does not emit: icons, codex files and output schemas (gulpfile.js). */
const isStatic = (file) =>
	file.startsWith('icons/') ||
	file.endsWith('.node.json') ||
	/^nodes\/.*\/__schema__\/.*\.json$/.test(file);

/** tsc + the static files tsc does not emit, as scripts/build.mjs does. */
function buildStaged(root, dir) {
	const tsc = run(bin(root, 'tsc'), ['-p', 'tsconfig.json'], { cwd: dir });
	if (!tsc.ok) return tsc;
	for (const file of listFiles(dir, 'icons').concat(listFiles(dir, 'nodes')).filter(isStatic)) {
		const to = path.join(dir, 'dist', file);
		fs.mkdirSync(path.dirname(to), { recursive: true });
		fs.copyFileSync(path.join(dir, file), to);
	}
	return tsc;
}

/** Load the built node and credential classes (child process): names, display names, credentials. */
function inspectBuilt(dir) {
	const script = `
		const path = require('node:path');
		const dir = process.argv[1];
		const pkg = require(path.join(dir, 'package.json'));
		const load = (file) => {
			const className = path.basename(file).split('.')[0];
			const Type = require(path.join(dir, file))[className];
			if (typeof Type !== 'function') throw new Error(file + ' does not export a class ' + className);
			return new Type();
		};
		const codexOf = (file) => { try { return require(path.join(dir, file.replace(/\\.js$/, '.json'))).node; } catch { return undefined; } };
		console.log(JSON.stringify({
			nodes: (pkg.n8n.nodes || []).map((file) => {
				const d = load(file).description;
				return { file, name: d.name, displayName: d.displayName, codex: codexOf(file),
					credentials: (d.credentials || []).map((c) => c.name) };
			}),
			credentials: (pkg.n8n.credentials || []).map((file) => {
				const c = load(file);
				return { file, name: c.name, displayName: c.displayName };
			}),
		}));`;
	const res = run(process.execPath, ['-e', script, dir], {
		cwd: dir,
		env: { ...process.env, N8N_LOG_LEVEL: 'silent' },
	});
	if (!res.ok) fail(`cannot load the built nodes of ${dir}:\n${res.output}`);
	return JSON.parse(res.stdout.trim().split('\n').pop());
}

/** Problems with the built package: codex names, credentials its nodes use but it lacks. */
function checkBuilt(name, types) {
	const problems = [];
	const credentialNames = new Set(types.credentials.map((c) => c.name));
	for (const node of types.nodes) {
		if (node.codex !== `${name}.${node.name}`)
			problems.push(`${node.file}: the codex names "${node.codex}", not "${name}.${node.name}"`);
		for (const credential of node.credentials)
			if (!credentialNames.has(credential))
				problems.push(
					`${node.file}: uses the credential ${credential}, which ${name} does not have`,
				);
	}
	return problems;
}

/** `n8n-node lint` (strict mode, the default eslint configuration) in the staged package. */
function n8nNodeLint(root, dir, env) {
	const cli = path.join(root, 'node_modules', '@n8n', 'node-cli', 'bin', 'n8n-node.mjs');
	// eslint-plugin-n8n-nodes-base checks less (and differently) when NODE_ENV is "test"
	const { NODE_ENV, ...lintEnv } = env;
	void NODE_ENV;
	const res = run(process.execPath, [cli, 'lint'], {
		cwd: dir,
		env: lintEnv,
		timeout: 10 * 60 * 1000,
	});
	// without the colours n8n-node lint forces on
	const plain = res.output.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), '');
	return { ok: res.ok, code: res.code, output: plain };
}

/** `npm pack` into STAGE_DIR; returns { tarball, size, entries }. */
function pack(dir, destination, env) {
	const res = run(
		'npm',
		['pack', '--json', '--pack-destination', destination, '--loglevel=error'],
		{
			cwd: dir,
			env,
			timeout: 5 * 60 * 1000,
		},
	);
	if (!res.ok) fail(`npm pack failed in ${dir}:\n${res.output}`);
	const [info] = JSON.parse(res.stdout);
	return {
		tarball: path.join(destination, path.basename(info.filename)),
		size: info.size,
		unpackedSize: info.unpackedSize,
		entries: info.files.map((f) => f.path).sort(),
	};
}

function unpack(tarball, dir) {
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	const res = run('tar', ['-xzf', tarball, '-C', dir, '--strip-components=1']);
	if (!res.ok) fail(`tar -xzf ${tarball} failed: ${res.output}`);
	return dir;
}

/**
 * The tree a GitHub source archive of this checkout would hold (tracked and not ignored files, links
 * kept as links), copied to `dir`: what n8n's scanner downloads from the commit in the provenance.
 */
function sourceReplica(root, dir) {
	const git = run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
		cwd: root,
	});
	if (!git.ok)
		fail(`git ls-files failed (the scan of the source needs a git checkout): ${git.output}`);
	fs.rmSync(dir, { recursive: true, force: true });
	for (const rel of new Set(git.stdout.split('\0').filter(Boolean))) {
		const from = path.join(root, rel);
		let stat;
		try {
			stat = fs.lstatSync(from);
		} catch {
			continue; // deleted in the work tree
		}
		const to = path.join(dir, rel);
		fs.mkdirSync(path.dirname(to), { recursive: true });
		if (stat.isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(from), to);
		else if (stat.isFile()) fs.copyFileSync(from, to);
	}
	return dir;
}

let scannerModule;
/** n8n's scanner (@n8n/scan-community-package), an ES module. */
async function scanner() {
	const { pathToFileURL } = require('node:url');
	scannerModule ??= await import(
		pathToFileURL(require.resolve('@n8n/scan-community-package/scanner/scanner.mjs')).href
	);
	return scannerModule;
}

/**
 * n8n's scanner rule set over `dir` with `patterns`: its own verdict (analyzePackage) and the counts
 * of errors and warnings (the same ESLint run, since analyzePackage reports only failures).
 */
async function scan(dir, patterns) {
	const mod = await scanner();
	const verdict = await mod.analyzePackage(dir, patterns);
	const { createRequire } = require('node:module');
	const from = createRequire(require.resolve('@n8n/scan-community-package/scanner/scanner.mjs'));
	const { ESLint } = from('eslint');
	const glob = from('fast-glob');
	const eslint = new ESLint({
		cwd: dir,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: await mod.buildScanConfig(),
	});
	const files = glob.sync(patterns, {
		cwd: dir,
		absolute: true,
		ignore: ['node_modules/**', '**/package-lock.json'],
	});
	const results = files.length ? await eslint.lintFiles(files) : [];
	const errors = results.reduce((n, r) => n + r.errorCount, 0);
	const warnings = results.reduce((n, r) => n + r.warningCount, 0);
	const details =
		errors + warnings > 0 ? await (await eslint.loadFormatter('stylish')).format(results) : '';
	return {
		passed: verdict.passed,
		message: verdict.message,
		files: files.length,
		errors,
		warnings,
		details,
	};
}

module.exports = {
	ROOT,
	DATA_FILE,
	VIEWS_DIR,
	STAGE_DIR,
	SOURCE_PATTERNS,
	TARBALL_PATTERNS,
	PackagesError,
	allInOneReadme,
	buildStaged,
	checkBuilt,
	checkViews,
	defaultEslintConfig,
	importsOf,
	inspectBuilt,
	loadData,
	membership,
	n8nNodeLint,
	pack,
	packageJsonFor,
	repositoryWebUrl,
	rootPackage,
	run,
	scan,
	scanner,
	section,
	sourceReplica,
	stageSources,
	unpack,
	vendorReadme,
	viewEntries,
	writeViews,
};
