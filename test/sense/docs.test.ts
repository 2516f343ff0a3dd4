/** The example full sync follows the sync order (docs/sense.md's table: test/docs/docs.test.ts). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { SYNC_ORDER } from '../../nodes/Sense/generated/schema';

const root = join(__dirname, '../..');

it('examples/sense-full-sync.json upserts every record type once, in the recommended order', () => {
	const workflow = JSON.parse(
		readFileSync(join(root, 'examples/sense-full-sync.json'), 'utf8'),
	) as {
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
