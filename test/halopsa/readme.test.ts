/** The HaloPSA example workflows use this node type and valid parameters (tables: test/docs/docs.test.ts). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { node } from './helpers';

describe('docs/halopsa-scheduling.md', () => {
	it('the examples use this node type and valid parameters', () => {
		for (const file of ['halopsa-appointments-from-sheet.json', 'halopsa-weekly-holidays.json']) {
			const workflow = JSON.parse(
				readFileSync(join(__dirname, '../../examples', file), 'utf8'),
			) as {
				nodes: Array<{
					type: string;
					parameters: Record<string, unknown>;
					credentials?: Record<string, unknown>;
				}>;
			};
			const halo = workflow.nodes.filter((n) => n.type === 'n8n-nodes-workforce.haloPsaScheduling');
			expect(halo.length).toBeGreaterThan(0);
			for (const n of halo) {
				expect(Object.keys(n.credentials ?? {})).toEqual(['haloPsaSchedulingApi']);
				const resource = node.description.properties.find((p) => p.name === 'resource')!;
				expect((resource.options as Array<{ value: string }>).map((o) => o.value)).toContain(
					n.parameters.resource,
				);
				const known = new Set(node.description.properties.map((p) => p.name));
				expect(Object.keys(n.parameters).filter((k) => !known.has(k))).toEqual([]);
			}
		}
	});
});
