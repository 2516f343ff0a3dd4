// Rewrites README.md's operation tables from the built node descriptions (run `npm run docs`).
'use strict';
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { operationTable, replaceBlock } = require('./lib/readme-tables.cjs');

const root = join(__dirname, '..');
const pkg = require(join(root, 'package.json'));
let readme = readFileSync(join(root, 'README.md'), 'utf8');
for (const file of pkg.n8n.nodes) {
	const mod = require(join(root, file));
	for (const NodeClass of Object.values(mod)) {
		const node = new NodeClass();
		const description = node.description || (node.nodeVersions && Object.values(node.nodeVersions).pop().description);
		if (!description || !description.properties.some((p) => p.name === 'resource')) continue;
		if (readme.includes(`<!-- operations:${description.name} -->`)) readme = replaceBlock(readme, description.name, operationTable(description));
	}
}
writeFileSync(join(root, 'README.md'), readme);
console.log('README.md operation tables updated');
