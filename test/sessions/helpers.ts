import nock from 'nock';
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { runNode, type RunNodeResult } from '../harness';
import { Sessions } from '../../nodes/Sessions/Sessions.node';
import { SessionsApi } from '../../credentials/SessionsApi.credentials';

export const BASE = 'https://sessions.test';
export const KEY = 'sk_test_123';
export const node = new Sessions();
export const byId = (value: string) => ({ __rl: true, mode: 'id', value });

export function run(
	parameters: INodeParameters,
	extra: { input?: INodeExecutionData[]; continueOnFail?: boolean; baseUrl?: string } = {},
): Promise<RunNodeResult> {
	return runNode({
		node,
		parameters,
		input: extra.input,
		continueOnFail: extra.continueOnFail,
		credentials: { sessionsApi: { apiKey: KEY, baseUrl: extra.baseUrl ?? BASE } },
		credentialTypes: [new SessionsApi()],
	});
}

/** A scope that only matches requests carrying the API key. */
export const api = () => nock(BASE, { reqheaders: { 'x-api-key': KEY } });

export const rooms = (from: number, count: number) =>
	Array.from({ length: count }, (_, i) => ({ id: `r${from + i}`, name: `Room ${from + i}` }));
