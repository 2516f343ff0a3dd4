/**
 * n8n's conventions in every action node, checked on the built descriptions:
 *  - operation names in Title Case, without articles or list verbs; every list operation (Return All
 *    / Limit) is a "Get Many"; actions in sentence case;
 *  - one field order: the record acted on first, then required fields, then Return All / Limit,
 *    then the optional collections, raw JSON last.
 */
import type { INodeProperties, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';

import { HaloPsaScheduling } from '../../nodes/HaloPsaScheduling/HaloPsaScheduling.node';
import { Sense } from '../../nodes/Sense/Sense.node';
import { SesameHr } from '../../nodes/SesameHr/SesameHr.node';
import { Sessions } from '../../nodes/Sessions/Sessions.node';
import { endpointOf } from '../../nodes/common/describe';
import { actionPickers, toolOnly } from '../support/operations';

const nodes = [Sessions, SesameHr, HaloPsaScheduling, Sense].map((N) => new N().description);

interface Operation {
	node: string;
	resource: string;
	option: INodePropertyOptions;
	/** The properties shown for it (other display conditions ignored), in description order. */
	fields: INodeProperties[];
}

const shown = (property: INodeProperties, resource: string, operation: string) => {
	const show = property.displayOptions?.show ?? {};
	if (toolOnly(property)) return false;
	return (
		(!show.resource || show.resource.includes(resource)) &&
		(!show.operation || show.operation.includes(operation))
	);
};

function operations(description: INodeTypeDescription): Operation[] {
	const resources = (description.properties.find((p) => p.name === 'resource')!.options ??
		[]) as INodePropertyOptions[];
	return resources.flatMap((resource) =>
		actionPickers(description)
			.filter((p) => p.displayOptions?.show?.resource?.includes(resource.value))
			.flatMap((picker) => picker.options as INodePropertyOptions[])
			.map((option) => ({
				node: description.name,
				resource: String(resource.value),
				option,
				fields: description.properties.filter(
					(p) =>
						!['resource', 'operation'].includes(p.name) &&
						p.type !== 'notice' &&
						shown(p, String(resource.value), String(option.value)),
				),
			})),
	);
}

const all = nodes.flatMap(operations);
const label = (op: Operation) => `${op.node} ${op.resource}.${op.option.value} (${op.option.name})`;
const SMALL = new Set([
	'a',
	'an',
	'and',
	'as',
	'at',
	'by',
	'for',
	'from',
	'in',
	'of',
	'on',
	'or',
	'the',
	'to',
	'with',
]);
const isCollection = (p: INodeProperties) =>
	p.type === 'collection' || p.type === 'fixedCollection';
const isRawJson = (p: INodeProperties) => p.type === 'json' && !p.required && !isCollection(p);

describe('operation names', () => {
	it('are Title Case verbs without articles or list verbs', () => {
		const problems = all
			.filter((op) => {
				const words = op.option.name.split(/\s+/);
				return (
					/^(List|Retrieve|Show|Fetch)\b/.test(op.option.name) ||
					words.some((w) => ['a', 'an', 'the'].includes(w.toLowerCase())) ||
					words.some((w, i) => i > 0 && !SMALL.has(w) && !/^[A-Z0-9(]/.test(w)) ||
					!/^[A-Z]/.test(op.option.name)
				);
			})
			.map(label);
		expect(problems).toEqual([]);
	});

	it('name every list operation "Get Many"', () => {
		const problems = all
			.filter(
				(op) =>
					op.fields.some((p) => p.name === 'returnAll') && !op.option.name.startsWith('Get Many'),
			)
			.map(label);
		expect(problems).toEqual([]);
	});

	it('have sentence-case actions', () => {
		const problems = all
			.filter((op) => {
				const action = String(op.option.action ?? '');
				const later = action.split(/\s+/).slice(1);
				return (
					!/^[A-Z][a-z]/.test(action) ||
					later.some(
						(w) =>
							/^[A-Z][a-z]+$/.test(w) &&
							!['Sense', 'Sessions', 'Halo', 'HaloPSA', 'Sesame'].includes(w),
					)
				);
			})
			.map((op) => `${label(op)}: ${op.option.action}`);
		expect(problems).toEqual([]);
	});
});

describe('field order', () => {
	it('puts no optional collection before a required field', () => {
		const problems = all
			.filter((op) => {
				const firstCollection = op.fields.findIndex(isCollection);
				const lastRequired = op.fields.map((p) => !!p.required).lastIndexOf(true);
				return firstCollection >= 0 && firstCollection < lastRequired;
			})
			.map(label);
		expect(problems).toEqual([]);
	});

	it('puts Return All / Limit after the required fields and before the collections', () => {
		const problems = all
			.filter((op) => {
				const returnAll = op.fields.findIndex((p) => p.name === 'returnAll');
				if (returnAll < 0) return false;
				const lastRequired = op.fields.map((p) => !!p.required).lastIndexOf(true);
				const firstCollection = op.fields.findIndex(isCollection);
				return returnAll < lastRequired || (firstCollection >= 0 && firstCollection < returnAll);
			})
			.map(label);
		expect(problems).toEqual([]);
	});

	it('puts raw JSON last', () => {
		const problems = all
			.filter((op) => {
				const raw = op.fields.findIndex(isRawJson);
				return raw >= 0 && op.fields.slice(raw).some((p) => !isRawJson(p));
			})
			.map(label);
		expect(problems).toEqual([]);
	});

	it('shows the record acted on first in every get, update and delete', () => {
		const problems = all
			.filter(
				(op) =>
					/^(Get|Update|Delete|Replace)\b/.test(op.option.name) &&
					!op.option.name.startsWith('Get Many'),
			)
			.filter((op) => {
				const url = endpointOf(op.option)?.url ?? '';
				const placeholders = [...url.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
				const first = op.fields[0];
				if (placeholders.length) return !first || !placeholders.includes(first.name);
				// a record identified in the body (HaloPSA updates) or read by the node (Sense)
				const record = op.fields.find((p) => p.type === 'resourceLocator' || p.name === 'recordId');
				return record !== undefined && first !== record;
			})
			.map(label);
		expect(problems).toEqual([]);
	});
});

describe('description weight', () => {
	// the editor downloads every description (and n8n adds a …Tool twin of each usableAsTool node)
	it.each(nodes.map((d) => [d.name, d] as const))(
		'%s: at most 1.5 KB per operation',
		(_name, description) => {
			const count = operations(description).length;
			const perOperation = JSON.stringify(description).length / count;
			expect(perOperation).toBeLessThanOrEqual(1.5 * 1024);
		},
	);
});

describe('field texts', () => {
	/** Every property a user sees: top level, collection options, fixedCollection values. */
	const visible = (properties: INodeProperties[]): INodeProperties[] =>
		properties.flatMap((p) => {
			if (p.type === 'notice' || p.type === 'hidden') return [];
			const nested = (p.options ?? []).flatMap((o) =>
				'values' in o
					? (o as { values: INodeProperties[] }).values
					: 'type' in o
						? [o as INodeProperties]
						: [],
			);
			return [p, ...visible(nested)];
		});

	it.each(nodes.map((d) => [d.name, d] as const))(
		'%s: every visible field has a description',
		(_name, description) => {
			const fields = visible(
				description.properties.filter((p) => !['resource', 'operation'].includes(p.name)),
			);
			const missing = [
				...new Set(
					fields
						.filter((p) => !p.description && !p.hint)
						.map((p) => `${p.name} (${p.displayName})`),
				),
			];
			expect(missing).toEqual([]);
		},
	);
});
