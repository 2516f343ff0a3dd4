/**
 * The public surface of every node (resource values, operation values, parameter names and types)
 * is locked: test/surface/<node>.lock.json. A difference fails this test unless the lock changes
 * in the same commit (`npm run surface` rewrites the locks from a build).
 */
import { readFileSync } from 'node:fs';
import type { INodeTypeDescription } from 'n8n-workflow';

import { HaloPsaScheduling } from '../../nodes/HaloPsaScheduling/HaloPsaScheduling.node';
import { Sense } from '../../nodes/Sense/Sense.node';
import { SenseTrigger } from '../../nodes/SenseTrigger/SenseTrigger.node';
import { SesameHr } from '../../nodes/SesameHr/SesameHr.node';
import { SesameHrPollTrigger } from '../../nodes/SesameHrPollTrigger/SesameHrPollTrigger.node';
import { SesameHrTrigger } from '../../nodes/SesameHrTrigger/SesameHrTrigger.node';
import { Sessions } from '../../nodes/Sessions/Sessions.node';
import { actionPickers } from '../support/operations';

interface Surface {
	node: string;
	resources?: string[];
	operations?: Record<string, string[]>;
	parameters: Record<string, string[]>;
}

const surface = require('../../scripts/surface.cjs') as {
	surfaceOf(description: INodeTypeDescription): Surface;
	lockFile(nodeName: string): string;
};

const descriptions = [
	Sessions,
	SesameHr,
	HaloPsaScheduling,
	Sense,
	SesameHrTrigger,
	SesameHrPollTrigger,
	SenseTrigger,
].map((NodeClass) => new NodeClass().description);

const lock = (name: string) => JSON.parse(readFileSync(surface.lockFile(name), 'utf8')) as Surface;

describe('locked public surface', () => {
	it.each(descriptions.map((d) => [d.name, d] as const))(
		'%s matches its lock file (npm run surface after a deliberate change)',
		(_name, description) => {
			expect(surface.surfaceOf(description)).toEqual(lock(description.name));
		},
	);

	it('a renamed operation value or parameter makes the surface differ from the lock', () => {
		const sesame = descriptions.find((d) => d.name === 'sesameHr')!;
		const renamed = JSON.parse(JSON.stringify(sesame)) as INodeTypeDescription;
		const picker = actionPickers(renamed).find((p) =>
			p.displayOptions?.show?.resource?.includes('employee'),
		)!;
		const getAll = (picker.options as Array<{ value: string }>).find((o) => o.value === 'getAll')!;
		getAll.value = 'listEmployees';
		const changed = surface.surfaceOf(renamed);
		expect(changed).not.toEqual(lock('sesameHr'));
		expect(changed.operations?.employee).toContain('listEmployees');

		const withParameter = JSON.parse(JSON.stringify(sesame)) as INodeTypeDescription;
		const field = withParameter.properties.find(
			(p) => p.name === 'employeeId' && p.displayOptions?.show?.operation?.includes('get'),
		)!;
		field.name = 'id';
		expect(surface.surfaceOf(withParameter)).not.toEqual(lock('sesameHr'));
	});

	it('covers every operation of every action node', () => {
		for (const description of descriptions.filter((d) =>
			d.properties.some((p) => p.name === 'resource'),
		)) {
			const locked = lock(description.name);
			const pickers = actionPickers(description);
			const count = pickers.reduce((n, p) => n + (p.options ?? []).length, 0);
			expect(Object.keys(locked.parameters)).toHaveLength(count);
		}
	});
});
