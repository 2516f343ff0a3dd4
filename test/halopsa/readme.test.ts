/** docs/halopsa-scheduling.md's operation table matches the node (same generator as README.md's tables). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INodeTypeDescription } from 'n8n-workflow';

import { node } from './helpers';

const { operationTable } = require('../../scripts/lib/readme-tables.cjs') as {
	operationTable: (d: INodeTypeDescription) => string;
};

describe('docs/halopsa-scheduling.md', () => {
	it('lists every operation of the node', () => {
		const readme = readFileSync(join(__dirname, '../../docs/halopsa-scheduling.md'), 'utf8');
		const start = '<!-- operations:haloPsaScheduling -->\n';
		const from = readme.indexOf(start);
		const to = readme.indexOf('\n<!-- /operations:haloPsaScheduling -->');
		expect(from >= 0 && to > from ? readme.slice(from + start.length, to) : '(no block)').toBe(operationTable(node.description));
	});

	it('the examples use this node type and valid parameters', () => {
		for (const file of ['halopsa-appointments-from-sheet.json', 'halopsa-weekly-holidays.json']) {
			const workflow = JSON.parse(readFileSync(join(__dirname, '../../examples', file), 'utf8')) as {
				nodes: Array<{ type: string; parameters: Record<string, unknown>; credentials?: Record<string, unknown> }>;
			};
			const halo = workflow.nodes.filter((n) => n.type === 'n8n-nodes-workforce.haloPsaScheduling');
			expect(halo.length).toBeGreaterThan(0);
			for (const n of halo) {
				expect(Object.keys(n.credentials ?? {})).toEqual(['haloPsaSchedulingApi']);
				const resource = node.description.properties.find((p) => p.name === 'resource')!;
				expect((resource.options as Array<{ value: string }>).map((o) => o.value)).toContain(n.parameters.resource);
				const known = new Set(node.description.properties.map((p) => p.name));
				expect(Object.keys(n.parameters).filter((k) => !known.has(k))).toEqual([]);
			}
		}
	});
});
