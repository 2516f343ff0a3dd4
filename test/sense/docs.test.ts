/** docs/sense.md's operation table matches the node; the example full sync follows the sync order. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeTypeDescription } from 'n8n-workflow';

import { SYNC_ORDER } from '../../nodes/Sense/shared/schema';
import { node } from './helpers';

// the generator `npm run docs` uses for README.md (scripts/update-readme.cjs)
const { operationTable } = require('../../scripts/lib/readme-tables.cjs') as { operationTable: (d: INodeTypeDescription) => string };

const root = join(__dirname, '../..');

it('docs/sense.md lists every operation of the node', () => {
	const readme = readFileSync(join(root, 'docs/sense.md'), 'utf8');
	const block = /<!-- operations:sense -->\n([\s\S]*?)\n<!-- \/operations:sense -->/.exec(readme)?.[1];
	expect(block).toBe(operationTable(node.description));
	expect(block?.split('\n')).toHaveLength(2 + 51);
});

it('examples/sense-full-sync.json upserts every record type once, in the recommended order', () => {
	const workflow = JSON.parse(readFileSync(join(root, 'examples/sense-full-sync.json'), 'utf8')) as {
		nodes: Array<{ name: string; type: string; parameters: Record<string, unknown> }>;
		connections: Record<string, { main: Array<Array<{ node: string }>> }>;
	};
	const byName = new Map(workflow.nodes.map((n) => [n.name, n]));
	const trigger = workflow.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger');
	const chain: string[] = [];
	for (let name = trigger?.name; name && workflow.connections[name]; ) {
		name = workflow.connections[name].main[0][0].node;
		const next = byName.get(name);
		if (next?.type === 'n8n-nodes-workforce.sense') {
			expect(next.parameters.operation).toBe('upsert');
			chain.push(String(next.parameters.resource));
		}
	}
	expect(chain).toEqual(SYNC_ORDER);
});
