/**
 * Chaos, HaloPSA: a 429 without Retry-After waits a bounded total (2 minutes of backoff, asked of
 * n8n's sleep on a fake clock) and then fails with the count of attempts, instead of backing off
 * silently for a quarter of an hour.
 */
import nock from 'nock';
import * as workflow from 'n8n-workflow';

import { api, byId, run } from '../halopsa/helpers';
import { clearTokenCaches } from '../../nodes/common/tokenCache';

beforeEach(clearTokenCaches);
afterEach(() => {
	jest.restoreAllMocks();
	jest.useRealTimers();
	const pending = nock.pendingMocks();
	nock.cleanAll();
	expect(pending).toEqual([]);
});

it('a 429 without Retry-After: backs off 2, 4, 8, 16, 32 s and the rest of 2 minutes, then fails after 7 attempts', async () => {
	// n8n's sleep, on a fake clock: each wait moves the clock on at once
	jest.useFakeTimers({ doNotFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'nextTick'] });
	const waits: number[] = [];
	jest.spyOn(workflow, 'sleep').mockImplementation(async (ms: number) => {
		waits.push(ms);
		jest.setSystemTime(Date.now() + ms);
	});
	const scope = api().get('/Appointment/7').times(7).reply(429, { message: 'Too many requests' });
	const { error } = await run({
		resource: 'appointment',
		operation: 'get',
		appointmentId: byId('7'),
	});
	expect(scope.isDone()).toBe(true);
	expect(waits).toEqual([2000, 4000, 8000, 16000, 32000, 58000]);
	expect(waits.reduce((sum, ms) => sum + ms, 0)).toBe(120_000);
	expect(error).toMatchObject({
		httpCode: '429',
		message: 'HaloPSA answered 429: Rate limit exceeded — Too many requests',
		description: 'Too many requests\nStill failing after 7 attempts.',
	});
});
