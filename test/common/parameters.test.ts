/** JSON parameters (nodes/common/parameters.ts), read the same way by declarative and programmatic nodes. */
import type { INode } from 'n8n-workflow';

import { parseJsonParameter } from '../../nodes/common/parameters';

const node: INode = {
	id: 'n1',
	name: 'Node',
	type: 'test',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

describe('parseJsonParameter', () => {
	const options = { label: 'Values (JSON)', itemIndex: 2 };

	it('parses JSON text, takes values an expression produced as they are, and treats blank as absent', () => {
		expect(parseJsonParameter(node, '[{"label": "A", "value": 1}]', options)).toEqual([
			{ label: 'A', value: 1 },
		]);
		expect(parseJsonParameter(node, { a: 1 }, { ...options, object: true })).toEqual({ a: 1 });
		expect(parseJsonParameter(node, '', options)).toBeUndefined();
		expect(parseJsonParameter(node, '  \n', { ...options, object: true })).toBeUndefined();
		expect(parseJsonParameter(node, undefined, options)).toBeUndefined();
	});

	it('names the field and the item of invalid JSON', () => {
		expect(() => parseJsonParameter(node, '{oops', options)).toThrow(
			expect.objectContaining({
				name: 'NodeOperationError',
				message: 'The JSON in "Values (JSON)" is not valid JSON',
				context: expect.objectContaining({ itemIndex: 2 }),
			}),
		);
	});

	it('with `object`, refuses anything but a JSON object, parsed or given', () => {
		for (const raw of ['{oops', '[1, 2]', '"text"', '42', [1, 2]]) {
			expect(() =>
				parseJsonParameter(node, raw, { label: 'jsonBody', itemIndex: 0, object: true }),
			).toThrow(
				expect.objectContaining({
					message: 'The JSON in "jsonBody" is not a valid JSON object',
					description:
						'Enter an object such as {"key": "value"}, or use an expression that returns one.',
				}),
			);
		}
	});
});
