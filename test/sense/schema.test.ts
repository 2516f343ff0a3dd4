/**
 * The data-driven parts: the generated schema module matches the OpenAPI document, the fields the
 * node shows are derived from it, and the batch planner measures gzip sizes correctly.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

import type { INodeProperties } from 'n8n-workflow';

import { batchJson, entry, gzipSize, planBatches } from '../../nodes/Sense/shared/batching';
import { customSlotOptions, fieldsOf, titleOf } from '../../nodes/Sense/shared/fields';
import { SENSE_ENTITIES, SYNC_ORDER } from '../../nodes/Sense/generated/schema';
import { node } from './helpers';
import { actionPickers } from '../support/operations';

const spec = JSON.parse(
	readFileSync(join(__dirname, '../../specs/sense-openapi.json'), 'utf8'),
) as {
	components: { schemas: Record<string, { properties: Record<string, unknown> }> };
};

describe('generated schema module', () => {
	it('models every property of every entity schema', () => {
		for (const entity of SENSE_ENTITIES) {
			expect({
				entity: entity.schema,
				fields: fieldsOf(entity)
					.map((f) => f.name)
					.sort(),
			}).toEqual({
				entity: entity.schema,
				fields: Object.keys(spec.components.schemas[entity.schema].properties).sort(),
			});
		}
	});

	it('keeps the recommended full-sync order (users before candidates, appointments last)', () => {
		expect(SYNC_ORDER).toEqual([
			'internalUser',
			'candidate',
			'clientContact',
			'company',
			'jobOrder',
			'submission',
			'placement',
			'lead',
			'certification',
			'appointment',
		]);
	});
});

describe('node fields', () => {
	const collection = (resource: string, name: string) =>
		node.description.properties.find(
			(p) => p.name === name && (p.displayOptions?.show?.resource?.includes(resource) ?? true),
		) as INodeProperties;

	it('derives display names from field names', () => {
		expect(
			[
				'internal_user_id2',
				'date_of_birth',
				'opt_out_sms',
				'custom_datetime3',
				'job_url',
				'email2',
			].map(titleOf),
		).toEqual([
			'Internal User ID 2',
			'Date of Birth',
			'Opt Out SMS',
			'Custom Date Time 3',
			'Job URL',
			'Email 2',
		]);
	});

	it('types the fields by their schema kind and puts the custom slots in their own collection', () => {
		const fields = collection('candidate', 'fields').options as INodeProperties[];
		const byName = Object.fromEntries(fields.map((f) => [f.name, f]));
		expect(byName.first_name).toMatchObject({ type: 'string', displayName: 'First Name' });
		expect(byName.email).toMatchObject({ type: 'string', placeholder: 'name@email.com' });
		expect(byName.date_added).toMatchObject({ type: 'dateTime' });
		expect(byName.opt_out_email).toMatchObject({ type: 'boolean', default: false });
		expect(byName.skills).toMatchObject({ type: 'string', typeOptions: { multipleValues: true } });
		expect(byName.is_deleted.description).toContain('soft-deletes');
		expect(byName.id).toBeUndefined();
		expect(byName.custom_text1).toBeUndefined();
	});

	it('offers the custom slots of the chosen record type as name/value pairs, typed by the slot', () => {
		const candidate = SENSE_ENTITIES.find((e) => e.resource === 'candidate')!;
		const slots = customSlotOptions(candidate);
		expect(slots).toHaveLength(144);
		expect(slots.find((o) => o.value === 'custom_integer1')).toEqual({
			name: 'Custom Integer 1 — whole number',
			value: 'custom_integer1',
		});
		// natural order: 2 before 10
		const texts = slots.filter((o) => /^custom_text\d+$/.test(String(o.value))).map((o) => o.value);
		expect(texts.slice(0, 3)).toEqual(['custom_text1', 'custom_text2', 'custom_text3']);
		expect(customSlotOptions(SENSE_ENTITIES.find((e) => e.resource === 'lead')!)).toHaveLength(106);
	});

	it('shows one Custom Fields property for every record type, with the slots loaded per type', () => {
		const custom = node.description.properties.filter((p) => p.name === 'customFields');
		expect(custom).toHaveLength(1);
		// shown for every record type, so only the operations are named
		expect(custom[0].displayOptions?.show?.resource).toBeUndefined();
		expect(custom[0].displayOptions?.show?.operation).toEqual(['upsert', 'update']);
		const slot = (custom[0].options as Array<{ values: INodeProperties[] }>)[0].values[0];
		expect(slot.typeOptions).toEqual({
			loadOptionsMethod: 'getCustomSlots',
			loadOptionsDependsOn: ['resource'],
		});
	});

	it('offers Upload Resume for candidates only', () => {
		const pickers = actionPickers(node.description);
		const withResume = pickers.filter((p) =>
			p.options?.some((o) => (o as { value: string }).value === 'uploadResume'),
		);
		expect(withResume.map((p) => p.displayOptions?.show?.resource)).toEqual([['candidate']]);
		expect(
			pickers.every((p) =>
				(p.options ?? []).every((o) => typeof (o as { action?: string }).action === 'string'),
			),
		).toBe(true);
	});
});

describe('batch planning', () => {
	it('measures the gzip size like zlib does', async () => {
		const text = JSON.stringify(
			Array.from({ length: 300 }, (_, n) => ({ id: String(n), note: `note ${n} `.repeat(n % 7) })),
		);
		const size = await gzipSize(text);
		// header bytes may differ between implementations; the deflate stream is the same size
		expect(Math.abs(size - gzipSync(text).length)).toBeLessThanOrEqual(8);
		expect(size).toBeLessThan(text.length / 3);
	});

	it('limits batches by count and by compressed size, keeping the order', async () => {
		const entries = Array.from({ length: 12 }, (_, n) =>
			entry(n, String(n), { id: String(n), text: 'x'.repeat(10) }),
		);
		const byCount = await planBatches(entries, 5, 1_000_000);
		expect(byCount.batches.map((b) => b.map((e) => e.itemIndex))).toEqual([
			[0, 1, 2, 3, 4],
			[5, 6, 7, 8, 9],
			[10, 11],
		]);
		const bySize = await planBatches(entries, 500, 60);
		expect(bySize.batches.flat().map((e) => e.itemIndex)).toEqual(entries.map((e) => e.itemIndex));
		for (const batch of bySize.batches)
			expect(await gzipSize(batchJson(batch))).toBeLessThanOrEqual(60);
	});

	it('sets aside a record that is too large alone, also when it is the last of its batch', async () => {
		const small = (n: number) => entry(n, String(n), { id: String(n) });
		const huge = entry(3, '3', { id: '3', text: randomBytes(4000).toString('base64') });
		const plan = await planBatches([small(0), small(1), small(2), huge], 500, 1024);
		expect(plan.oversized.map((e) => e.itemIndex)).toEqual([3]);
		expect(plan.batches.flat().map((e) => e.itemIndex)).toEqual([0, 1, 2]);
	});
});
