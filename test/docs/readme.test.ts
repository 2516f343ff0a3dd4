/** README.md's operation tables match the nodes (regenerate with `npm run docs`). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INodeTypeDescription } from 'n8n-workflow';

import { Sessions } from '../../nodes/Sessions/Sessions.node';

// the same generator `npm run docs` uses (scripts/update-readme.cjs)
const { operationTable } = require('../../scripts/lib/readme-tables.cjs') as {
	operationTable: (d: INodeTypeDescription) => string;
};

const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');

function block(key: string): string {
	const start = `<!-- operations:${key} -->\n`;
	const from = readme.indexOf(start);
	const to = readme.indexOf(`\n<!-- /operations:${key} -->`);
	return from < 0 || to < 0 ? `(no block for ${key})` : readme.slice(from + start.length, to);
}

describe('README operation tables', () => {
	it.each([[new Sessions().description]])('%# lists every operation of the node', (description) => {
		expect(block(description.name)).toBe(operationTable(description));
	});
});
