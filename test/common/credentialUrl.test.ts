/**
 * Base-URL rules (nodes/common/credentialUrl.ts): the TypeScript reading and the n8n expression
 * give the same URL. The expression is resolved by n8n itself, as the base URL of a credential test
 * request that nock answers only at the URL `urlOf` gives.
 */
import nock from 'nock';
import type { ICredentialType } from 'n8n-workflow';

import { testCredential } from '../harness';
import {
	field,
	firstOf,
	join,
	urlExpression,
	urlOf,
	when,
	type UrlRule,
} from '../../nodes/common/credentialUrl';

const text = (name: string) => ({ displayName: name, name, type: 'string' as const, default: '' });

function probe(rule: UrlRule): ICredentialType {
	return {
		name: 'urlRuleProbe',
		displayName: 'URL Rule Probe',
		properties: ['region', 'baseUrl', 'appUrl', 'resourceUrl'].map(text),
		test: { request: { baseURL: urlExpression(rule), url: '/probe' } },
	};
}

const regional = when(
	'region',
	'custom',
	field('baseUrl'),
	join('https://api-', firstOf(field('region'), 'eu1'), '.example.test'),
);
const fallback = firstOf(field('resourceUrl'), join(field('appUrl'), '/api'));

describe('urlOf and urlExpression', () => {
	it.each([
		['regional', regional, { region: 'eu2' }, 'https://api-eu2.example.test'],
		['regional', regional, { region: '' }, 'https://api-eu1.example.test'],
		[
			'regional',
			regional,
			{ region: 'custom', baseUrl: ' https://proxy.example.test/base/ ' },
			'https://proxy.example.test/base',
		],
		[
			'fallback',
			fallback,
			{ appUrl: 'https://halo.example.test//' },
			'https://halo.example.test/api',
		],
		[
			'fallback',
			fallback,
			{ appUrl: 'https://halo.example.test', resourceUrl: ' https://res.example.test/v2/ ' },
			'https://res.example.test/v2',
		],
	] as Array<[string, UrlRule, Record<string, string>, string]>)(
		'%s rule with %j -> %s',
		async (_name, rule, data, url) => {
			expect(urlOf(rule, data)).toBe(url);
			const { origin, pathname } = new URL(url);
			const scope = nock(origin)
				.get(`${pathname.replace(/\/$/, '')}/probe`)
				.reply(200, {});
			await expect(testCredential({ credentialType: probe(rule), data })).resolves.toEqual({
				status: 'OK',
				message: 'Connection successful!',
			});
			expect(scope.isDone()).toBe(true);
		},
	);

	it('renders literals, fields, joins, alternatives and conditions as expression source', () => {
		expect(urlExpression(firstOf(field('a'), join(field('b'), '/x')))).toBe(
			'={{ (String($credentials.a || "").trim().replace(/\\/+$/, "") || (String($credentials.b || "").trim().replace(/\\/+$/, "") + "/x")) }}',
		);
	});
});
