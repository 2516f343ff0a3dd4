/**
 * The client-credentials grant (nodes/common/clientCredentials.ts) with a stand-in for n8n's HTTP
 * helper: the token request it sends, and which failures it repeats, hands on or describes. (The
 * caching is exercised end to end by the HaloPSA and Sense credential tests.)
 */
import type { IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

import {
	ClientCredentialsGrant,
	type ClientCredentialsSpec,
} from '../../nodes/common/clientCredentials';
import { clearTokenCaches } from '../../nodes/common/tokenCache';
import { isTransient } from '../../nodes/common/transport';

beforeEach(clearTokenCaches);

const httpError = (status: number, body: unknown = {}) =>
	Object.assign(new Error(`Request failed with status code ${status}`), {
		response: { status, data: body, headers: {} },
	});
const socketError = (code: string) => Object.assign(new Error(`socket: ${code}`), { code });

/** Answers the token requests with `answers` in turn (an Error is thrown), recording each request. */
function helper(...answers: unknown[]) {
	const sent: IHttpRequestOptions[] = [];
	const http: IHttpRequestHelper = {
		helpers: {
			httpRequest: async (options: IHttpRequestOptions) => {
				sent.push(options);
				const answer = answers.shift();
				if (answer instanceof Error) throw answer;
				return answer;
			},
		},
	} as unknown as IHttpRequestHelper;
	return { http, sent };
}

const credentials = { clientId: ' client-1 ', clientSecret: 'secret-1' };

function grant(passing: ClientCredentialsSpec<{ url: string }>['passing']) {
	return new ClientCredentialsGrant({
		vendor: 'Example',
		binding: ['clientId', 'clientSecret'],
		tokenRequest: () => ({ url: 'https://auth.example.test/token', form: { scope: 'all' } }),
		urls: () => ['https://auth.example.test/token'],
		passing,
		failed: (failure) => new UserError(`refused (${failure.status ?? failure.code})`),
		noToken: () => new UserError('no token'),
	});
}

describe('ClientCredentialsGrant', () => {
	it('posts the client credentials as a form and stores the token with its expiry', async () => {
		const { http, sent } = helper({ access_token: 'tok-1', expires_in: 300 });
		const before = Date.now();
		const token = await grant('caller').token(http, credentials);
		expect(sent).toEqual([
			{
				method: 'POST',
				url: 'https://auth.example.test/token',
				headers: {
					'Content-Type': 'application/x-www-form-urlencoded',
					Accept: 'application/json',
				},
				body: {
					grant_type: 'client_credentials',
					client_id: 'client-1',
					client_secret: 'secret-1',
					scope: 'all',
				},
				json: true,
				// the credential's timeout (60 s by default); redirects are checked by the grant
				timeout: 60_000,
				disableFollowRedirect: true,
			},
		]);
		expect(token.accessToken).toBe('tok-1');
		expect(token.expiresAt).toBeGreaterThanOrEqual(before + 297_000);
		expect(token.expiresAt).toBeLessThanOrEqual(Date.now() + 297_000);
	});

	it('repeats a passing failure `retries` times, then describes it', async () => {
		const { http, sent } = helper(httpError(503), httpError(502), socketError('ECONNRESET'));
		await expect(grant({ retries: 2, delayMs: 0 }).token(http, credentials)).rejects.toMatchObject({
			message: 'refused (ECONNRESET)',
		});
		expect(sent).toHaveLength(3);
	});

	it('hands a passing failure on as it is to the caller', async () => {
		const unavailable = httpError(503);
		const { http, sent } = helper(unavailable);
		await expect(grant('caller').token(http, credentials)).rejects.toBe(unavailable);
		expect(sent).toHaveLength(1);
	});

	it('describes a refusal at once, and an answer without a token', async () => {
		const refused = helper(httpError(401, { error: 'invalid_client' }));
		await expect(
			grant({ retries: 2, delayMs: 0 }).token(refused.http, credentials),
		).rejects.toMatchObject({ message: 'refused (401)' });
		expect(refused.sent).toHaveLength(1);
		const page = helper('<html>Login</html>');
		await expect(grant('caller').token(page.http, credentials)).rejects.toMatchObject({
			message: 'no token',
		});
	});
});

describe('isTransient (the transport retry rule, shared with the token exchanges)', () => {
	it.each([
		[{ status: 429 }, true, true],
		[{ status: 503 }, true, true],
		[{ status: 500 }, true, false],
		[{ status: 400 }, false, false],
		[{ status: 401 }, false, false],
		[{ code: 'ECONNRESET' }, true, true],
		[{ code: 'ETIMEDOUT' }, true, true],
		[{ code: 'ENOTFOUND' }, false, false],
		[{ code: 'ECONNREFUSED' }, false, false],
		[{}, false, false],
	])('%j: repeatable %s, not repeatable %s', (failure, repeatable, notRepeatable) => {
		expect(isTransient(failure, true)).toBe(repeatable);
		expect(isTransient(failure, false)).toBe(notRepeatable);
	});
});
