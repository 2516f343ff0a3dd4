#!/usr/bin/env node
// The public surface of every node — what saved workflows refer to: resource values, operation
// values, and the name and type of every parameter each operation shows — written to
// test/surface/<node>.lock.json. test/surface/surface.test.ts fails when a node's surface differs
// from its lock, so a rename cannot happen by accident: change the lock in the same commit (and,
// once published, ship the change as a new node version, as n8n does).
//
//   npm run surface            build, then rewrite the lock files from dist/
//   node scripts/surface.cjs   rewrite them from an existing build
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const LOCK_DIR = path.join(ROOT, 'test', 'surface');

const listOf = (value) => (Array.isArray(value) ? value.map(String) : undefined);

/**
 * Whether a property is shown for this resource/operation, in the action node or (`inTool`) in its
 * tool variant (n8n's `@tool` condition); other conditions are ignored.
 */
function shownFor(property, resource, operation, inTool = false) {
	const show = property.displayOptions?.show ?? {};
	if (Array.isArray(show['@tool']) && !show['@tool'].includes(inTool)) return false;
	const resources = listOf(show.resource);
	const operations = listOf(show.operation);
	if (resources && (resource === undefined || !resources.includes(resource))) return false;
	if (operations && (operation === undefined || !operations.includes(operation))) return false;
	return true;
}

/** "name: type" of a property and of everything nested in it ("parent.child: type"). */
function entries(property, prefix = '') {
	const name = `${prefix}${property.name}`;
	const own = [`${name}: ${property.type}`];
	if (property.type === 'collection') {
		return [...own, ...(property.options ?? []).flatMap((option) => entries(option, `${name}.`))];
	}
	if (property.type === 'fixedCollection') {
		return [
			...own,
			...(property.options ?? []).flatMap((group) =>
				(group.values ?? []).flatMap((value) => entries(value, `${name}.${group.name}.`)),
			),
		];
	}
	return own;
}

const unique = (list) => [...new Set(list)].sort();

/** The surface of one node description. */
function surfaceOf(description) {
	const properties = description.properties;
	const resourceProperty = properties.find((p) => p.name === 'resource');
	const surface = { node: description.name, version: description.version };
	if (!resourceProperty) {
		surface.parameters = { '*': unique(properties.flatMap((p) => entries(p))) };
		return surface;
	}
	surface.resources = resourceProperty.options.map((o) => o.value).sort();
	Object.assign(surface, variantOf(properties, surface.resources, false));
	if (description.usableAsTool) surface.tool = variantOf(properties, surface.resources, true);
	return surface;
}

/** Operations and parameters of the action node or of its tool variant. */
function variantOf(properties, resources, inTool) {
	const variant = { operations: {}, parameters: {} };
	for (const resource of resources) {
		const pickers = properties.filter(
			(p) => p.name === 'operation' && shownFor(p, resource, undefined, inTool),
		);
		const operations = pickers.flatMap((p) => p.options.map((o) => o.value)).sort();
		variant.operations[resource] = operations;
		for (const operation of operations) {
			variant.parameters[`${resource}.${operation}`] = unique(
				properties
					.filter(
						(p) =>
							!['resource', 'operation'].includes(p.name) &&
							shownFor(p, resource, operation, inTool),
					)
					.flatMap((p) => entries(p)),
			);
		}
	}
	return variant;
}

const lockFile = (nodeName) => path.join(LOCK_DIR, `${nodeName}.lock.json`);
const render = (surface) => `${JSON.stringify(surface, null, '\t')}\n`;

/** The descriptions of the nodes the package registers, from the build in dist/. */
function builtDescriptions() {
	const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	return pkg.n8n.nodes.map((file) => {
		const module = require(path.join(ROOT, file));
		const NodeClass = Object.values(module).find((value) => typeof value === 'function');
		return new NodeClass().description;
	});
}

module.exports = { surfaceOf, lockFile, render, LOCK_DIR };

if (require.main === module) {
	fs.mkdirSync(LOCK_DIR, { recursive: true });
	for (const description of builtDescriptions()) {
		fs.writeFileSync(lockFile(description.name), render(surfaceOf(description)));
		process.stdout.write(`surface: ${path.relative(ROOT, lockFile(description.name))}\n`);
	}
}
