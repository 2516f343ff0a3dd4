#!/usr/bin/env node
// Writes the generated parts of README.md and docs/*.md from the built node descriptions (dist/) and
// the vendor catalogues (specs/), so the documentation cannot drift from the nodes:
//
//   <!-- operations:<node name> --> ... <!-- /operations:<node name> -->   the node's operation table
//   <!-- simplify:<node name> --> ... <!-- /simplify:<node name> -->       what Simplify keeps, per resource
//   <!-- count:<key> -->N<!-- /count:<key> -->                           a number taken from the data
//
// Count keys: <node name>.operations, <node name>.resources (from the description) and
// <vendor>.endpoints (from specs/: sesame, sessions, halopsa, sense).
//
//   node scripts/docs.cjs [--check] [--dist <dir>] [--out <dir>]
//
// `npm run docs` builds first, then writes; `--check` writes nothing and exits 1 naming the files
// that are out of date (part of `npm test`). test/docs/docs.test.ts runs the same code on a copy.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const DOCUMENTS = [
	'README.md',
	'docs/sesame-hr.md',
	'docs/halopsa-scheduling.md',
	'docs/sense.md',
	'docs/triggers.md',
];
const CATALOGUES = {
	sesame: 'sesame-endpoints.json',
	sessions: 'sessions-endpoints.json',
	halopsa: 'halopsa-endpoints.json',
	sense: 'sense-endpoints.json',
};

const escapeCell = (text) => String(text).replace(/\|/g, '\\|');

/** `endpointOf` of nodes/common/describe of the build the descriptions come from. */
let endpointOf = () => undefined;
const useEndpoints = (lookup) => {
	endpointOf = lookup;
};

/**
 * Resource / operation rows of a node description (declarative: with method and path, which
 * `endpointOf` of the same build knows). The tool variant's pickers (`@tool`) are left out.
 */
function operationRows(description) {
	const resourceProperty = description.properties.find((p) => p.name === 'resource');
	const rows = [];
	for (const resource of resourceProperty ? resourceProperty.options : []) {
		const pickers = description.properties.filter(
			(p) =>
				p.name === 'operation' &&
				!(p.displayOptions?.show?.['@tool'] ?? []).includes(true) &&
				(p.displayOptions?.show?.resource ?? []).includes(resource.value),
		);
		for (const picker of pickers) {
			for (const op of picker.options) {
				const request = endpointOf(op) ?? {};
				rows.push({
					resource: resource.name,
					operation: op.name,
					action: op.action || op.name,
					method: request.method ?? '',
					path: typeof request.url === 'string' ? request.url : '',
				});
			}
		}
	}
	return rows;
}

function operationTable(description) {
	const rows = operationRows(description);
	const withPath = rows.some((row) => row.path);
	const lines = withPath
		? ['| Resource | Operation | Method | Path | What it does |', '| --- | --- | --- | --- | --- |']
		: ['| Resource | Operation | What it does |', '| --- | --- | --- |'];
	for (const row of rows) {
		lines.push(
			withPath
				? `| ${escapeCell(row.resource)} | ${escapeCell(row.operation)} | ${row.method} | \`${row.path}\` | ${escapeCell(row.action)} |`
				: `| ${escapeCell(row.resource)} | ${escapeCell(row.operation)} | ${escapeCell(row.action)} |`,
		);
	}
	return lines.join('\n');
}

/**
 * Where each declarative node keeps its resources (ResourceSpec[] of nodes/common/describe.ts): the
 * fields Simplify keeps are data in them, not in the description.
 */
const RESOURCE_MODULES = {
	sesameHr: ['nodes/SesameHr/generated/index.js', 'SESAME_RESOURCES'],
	sessions: ['nodes/Sessions/resources/index.js', 'SESSIONS_RESOURCES'],
	haloPsaScheduling: ['nodes/HaloPsaScheduling/resources/index.js', 'HALO_RESOURCES'],
};

/** The resources of every declarative node, from the build in `dist`: node name -> ResourceSpec[]. */
function builtResources(dist = path.join(ROOT, 'dist')) {
	return Object.fromEntries(
		Object.entries(RESOURCE_MODULES).map(([node, [file, name]]) => {
			const resources = require(path.join(dist, file))[name];
			if (!Array.isArray(resources)) throw new Error(`${file} does not export ${name}`);
			return [node, resources];
		}),
	);
}

/** Resource / operations / fields of every operation with Simplify (operations of one list joined). */
function simplifyTable(resources, node) {
	const rows = [];
	for (const resource of resources ?? []) {
		for (const op of resource.operations.filter((o) => o.simplify)) {
			const fields = op.simplify.map((f) => `\`${f}\``).join(', ');
			const same = rows.find((r) => r.resource === resource.name && r.fields === fields);
			if (same) same.operations.push(op.name);
			else rows.push({ resource: resource.name, operations: [op.name], fields });
		}
	}
	if (!rows.length) throw new Error(`no operation of "${node}" offers Simplify`);
	return [
		'| Resource | Operations | Fields Simplify returns |',
		'| --- | --- | --- |',
		...rows.map(
			(r) => `| ${escapeCell(r.resource)} | ${escapeCell(r.operations.join(', '))} | ${r.fields} |`,
		),
	].join('\n');
}

/** Every count a document may name. */
function counts(descriptions, specs) {
	const values = {};
	for (const description of descriptions) {
		const rows = operationRows(description);
		if (!rows.length) continue;
		values[`${description.name}.operations`] = rows.length;
		values[`${description.name}.resources`] = new Set(rows.map((r) => r.resource)).size;
	}
	for (const [vendor, file] of Object.entries(CATALOGUES)) {
		const catalogue = JSON.parse(fs.readFileSync(path.join(specs, file), 'utf8'));
		values[`${vendor}.endpoints`] = catalogue.endpoints.length;
	}
	return values;
}

/**
 * The document with every generated block and count filled in; throws on an unknown key.
 * `resources`: node name -> ResourceSpec[] (the Simplify tables).
 */
function render(text, descriptions, values, file = 'document', resources = {}) {
	const byName = new Map(descriptions.map((d) => [d.name, d]));
	let result = text.replace(
		/(<!-- operations:([\w.-]+) -->)\n[\s\S]*?\n?(<!-- \/operations:\2 -->)/g,
		(_m, open, key, close) => {
			const description = byName.get(key);
			if (!description)
				throw new Error(`${file}: no node named "${key}" for <!-- operations:${key} -->`);
			return `${open}\n${operationTable(description)}\n${close}`;
		},
	);
	result = result.replace(
		/(<!-- simplify:([\w.-]+) -->)\n[\s\S]*?\n?(<!-- \/simplify:\2 -->)/g,
		(_m, open, key, close) => {
			if (!resources[key])
				throw new Error(
					`${file}: no resources of a node named "${key}" for <!-- simplify:${key} -->`,
				);
			return `${open}\n${simplifyTable(resources[key], key)}\n${close}`;
		},
	);
	result = result.replace(
		/(<!-- count:([\w.-]+) -->)[^<]*(<!-- \/count:\2 -->)/g,
		(_m, open, key, close) => {
			if (values[key] === undefined)
				throw new Error(`${file}: no count "${key}" (known: ${Object.keys(values).join(', ')})`);
			return `${open}${values[key]}${close}`;
		},
	);
	return result;
}

/** Markdown as `prettier --check` wants it (tables aligned), with the repository's settings. */
async function format(file, text) {
	const prettier = require('prettier');
	const config = (await prettier.resolveConfig(path.join(ROOT, file))) ?? {};
	return prettier.format(text, { ...config, filepath: path.join(ROOT, file) });
}

/** Rewrites (or, with check, compares) the documents under `out`. Resolves the stale ones. */
async function apply({
	descriptions,
	resources = {},
	specs = path.join(ROOT, 'specs'),
	out = ROOT,
	check = false,
}) {
	const values = counts(descriptions, specs);
	const stale = [];
	for (const file of DOCUMENTS) {
		const target = path.join(out, file);
		const current = fs.readFileSync(target, 'utf8');
		const next = await format(file, render(current, descriptions, values, file, resources));
		if (next === current) continue;
		stale.push(file);
		if (!check) fs.writeFileSync(target, next);
	}
	return stale;
}

/** The descriptions of every node the package registers, from the build in `dist`. */
function builtDescriptions(dist = path.join(ROOT, 'dist')) {
	const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	useEndpoints(require(path.join(dist, 'nodes/common/describe.js')).endpointOf);
	return pkg.n8n.nodes.map((file) => {
		const module = require(path.join(dist, file.replace(/^dist\//, '')));
		const classes = Object.values(module).filter((value) => typeof value === 'function');
		if (classes.length !== 1) throw new Error(`${file} should export exactly one node class`);
		const node = new classes[0]();
		return node.description ?? Object.values(node.nodeVersions ?? {}).pop().description;
	});
}

module.exports = {
	apply,
	counts,
	operationRows,
	operationTable,
	render,
	simplifyTable,
	useEndpoints,
	DOCUMENTS,
};

if (require.main === module) {
	const args = process.argv.slice(2);
	const option = (name) =>
		args.includes(name) ? path.resolve(args[args.indexOf(name) + 1]) : undefined;
	const check = args.includes('--check');
	apply({
		descriptions: builtDescriptions(option('--dist')),
		resources: builtResources(option('--dist')),
		out: option('--out') ?? ROOT,
		check,
	})
		.then((stale) => {
			if (check && stale.length) {
				process.stderr.write(`Out of date (run npm run docs):\n  ${stale.join('\n  ')}\n`);
				process.exit(1);
			}
			const written = stale.length ? `: ${stale.join(', ')}` : '';
			process.stdout.write(
				check ? 'docs: up to date\n' : `docs: ${stale.length} file(s) written${written}\n`,
			);
		})
		.catch((error) => {
			process.stderr.write(`docs: ${error.message}\n`);
			process.exit(2);
		});
}
