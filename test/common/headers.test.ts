/** Header look-up (nodes/common/headers.ts), shared by the rate-limit gate and the webhook triggers. */
import { headerValue } from '../../nodes/common/headers';

describe('headerValue', () => {
	it('finds headers case-insensitively and takes the first of repeated ones', () => {
		const headers = { 'x-sesame-secret': 'abc', 'x-list': ['one', 'two'], 'x-none': undefined };
		expect(headerValue(headers, 'X-Sesame-Secret')).toBe('abc');
		expect(headerValue(headers, 'x-list')).toBe('one');
		expect(headerValue(headers, 'x-none')).toBeUndefined();
		expect(headerValue(headers, 'missing')).toBeUndefined();
		expect(headerValue(undefined, 'x')).toBeUndefined();
	});

	it('tries several names in order and passes over empty values', () => {
		const headers = { 'X-RateLimit-Reset': '', 'RateLimit-Reset': 12, 'x-rate-limit-reset': '9' };
		expect(
			headerValue(headers, ['x-ratelimit-reset', 'ratelimit-reset', 'x-rate-limit-reset']),
		).toBe('12');
		expect(headerValue(headers, ['x-ratelimit-reset'])).toBeUndefined();
		expect(headerValue(headers, '')).toBeUndefined();
	});
});
