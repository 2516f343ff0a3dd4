// Generates the README's operation tables from the node descriptions, so the docs cannot drift:
// `npm run docs` rewrites the blocks between <!-- operations:<node> --> markers, and
// test/docs/readme.test.ts fails when README.md is out of date.
'use strict';

function operationRows(description) {
	const resourceProperty = description.properties.find((p) => p.name === 'resource');
	const rows = [];
	for (const resource of resourceProperty ? resourceProperty.options : []) {
		const pickers = description.properties.filter(
			(p) => p.name === 'operation' && ((p.displayOptions && p.displayOptions.show && p.displayOptions.show.resource) || []).includes(resource.value),
		);
		for (const picker of pickers) {
			for (const op of picker.options) {
				const method = op.routing && op.routing.request && op.routing.request.method;
				rows.push({ resource: resource.name, operation: op.name, action: op.action || op.name, method: method || '' });
			}
		}
	}
	return rows;
}

function operationTable(description) {
	const rows = operationRows(description);
	const lines = ['| Resource | Operation | What it does |', '| --- | --- | --- |'];
	for (const row of rows) lines.push(`| ${row.resource} | ${row.operation} | ${row.action} |`);
	return lines.join('\n');
}

function replaceBlock(readme, key, content) {
	const start = `<!-- operations:${key} -->`;
	const end = `<!-- /operations:${key} -->`;
	const from = readme.indexOf(start);
	const to = readme.indexOf(end);
	if (from < 0 || to < 0) throw new Error(`README.md has no ${start} ... ${end} block`);
	return readme.slice(0, from + start.length) + '\n' + content + '\n' + readme.slice(to);
}

module.exports = { operationRows, operationTable, replaceBlock };
