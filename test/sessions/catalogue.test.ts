/**
 * Catalogue coverage: every one of the Sessions endpoints (specs/sessions-endpoints.json)
 * is produced by exactly one resource/operation of the node. Each operation is EXECUTED through
 * n8n's routing engine with sample parameters and the request nock receives is matched against the
 * catalogue — the test names every endpoint that no operation (or more than one) produces.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { runNode } from '../harness';
import { Sessions } from '../../nodes/Sessions/Sessions.node';
import { SessionsApi } from '../../credentials/SessionsApi.credentials';
import {
	captureRequests,
	listOperations,
	matchEndpoint,
	sampleParameters,
} from '../support/operations';

interface Endpoint {
	group: string;
	method: string;
	path: string;
	description: string;
}

const catalogue = JSON.parse(
	readFileSync(join(__dirname, '../../specs/sessions-endpoints.json'), 'utf8'),
) as { endpoints: Endpoint[] };
const BASE = 'https://sessions.test';
const node = new Sessions();

describe('Sessions catalogue coverage', () => {
	it('produces each catalogue endpoint from exactly one operation', async () => {
		const producedBy = new Map<Endpoint, string[]>();
		const unmatched: string[] = [];
		for (const ref of listOperations(node.description)) {
			const capture = captureRequests(BASE);
			const { error } = await runNode({
				node,
				parameters: sampleParameters(node.description, ref),
				credentials: { sessionsApi: { apiKey: 'k', baseUrl: BASE } },
				credentialTypes: [new SessionsApi()],
			});
			capture.done();
			expect({ ref, error }).toEqual({ ref, error: undefined });
			expect({ ref, count: capture.requests.length }).toEqual({ ref, count: 1 });
			const request = capture.requests[0];
			const matches = matchEndpoint(catalogue.endpoints, request.method, request.path);
			if (matches.length !== 1)
				unmatched.push(`${ref.resource}.${ref.operation} -> ${request.method} ${request.path}`);
			for (const endpoint of matches)
				producedBy.set(endpoint, [
					...(producedBy.get(endpoint) ?? []),
					`${ref.resource}.${ref.operation}`,
				]);
		}
		const problems = catalogue.endpoints
			.filter((e) => (producedBy.get(e) ?? []).length !== 1)
			.map((e) => `${e.method} ${e.path}: produced by [${(producedBy.get(e) ?? []).join(', ')}]`);
		expect(unmatched).toEqual([]);
		expect(problems).toEqual([]);
		expect(producedBy.size).toBe(catalogue.endpoints.length);
	});
});
