/**
 * Credentials whose URLs carry a secret (API key, bearer token, client secret) over plain http://:
 * allowed, for local sandboxes, but said. The credential form shows a notice under such a URL, and
 * the credential test fails with a warning when one of them points at a host that is not local —
 * the test request carries a marker header that the credential's `authenticate` removes (so it
 * never goes on the wire) after checking the URLs.
 */
import type {
	ICredentialDataDecryptedObject,
	IDisplayOptions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

/** Header set by the credential tests only (see the top of this file). */
export const CREDENTIAL_TEST_HEADER = 'X-Workforce-Credential-Test';

/** The notice under a URL field while it starts with http://. */
export function plainHttpNotice(
	field: string,
	secret: string,
	show: IDisplayOptions['show'] = {},
): INodeProperties {
	return {
		displayName: `This address starts with http://: the ${secret} would travel unencrypted. Use https://, except for a local sandbox.`,
		name: `${field}PlainHttpNotice`,
		type: 'notice',
		default: '',
		displayOptions: { show: { ...show, [field]: [{ _cnd: { startsWith: 'http://' } }] } },
	};
}

/** localhost, loopback and private network addresses: where http:// is a sandbox. */
export function isLocalHost(hostname: string): boolean {
	const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
	if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local')) return true;
	if (host === '::1' || host === '0.0.0.0' || host === 'host.docker.internal') return true;
	const octets = host.split('.').map(Number);
	if (octets.length !== 4 || octets.some((o) => !Number.isInteger(o))) return false;
	const [a, b] = octets;
	return a === 127 || a === 10 || (a === 192 && b === 168) || (a === 172 && b >= 16 && b <= 31);
}

/** The warning for the first URL that sends the secret over http:// to a host that is not local. */
export function plainHttpWarning(urls: string[], secret: string): UserError | undefined {
	for (const url of urls) {
		let parsed: URL;
		try {
			parsed = new URL(url);
		} catch {
			continue;
		}
		if (parsed.protocol !== 'http:' || isLocalHost(parsed.hostname)) continue;
		return new UserError(
			`Not tested: ${parsed.host} is reached over http://, so the ${secret} would travel unencrypted`,
			{
				description: `Change ${parsed.origin} to https://${parsed.host} in the credential. http:// is meant only for a local sandbox (localhost or a private network address); there the test runs as usual.`,
			},
		);
	}
	return undefined;
}

/**
 * An `authenticate` function: adds the credential's headers to every request and, in the credential
 * test, refuses plain http:// to a host that is not local (see the top of this file).
 */
export function authenticateWith(
	headers: (credentials: ICredentialDataDecryptedObject) => Record<string, string>,
	urls: (credentials: ICredentialDataDecryptedObject) => string[],
	secret: string,
) {
	return async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		const sent = { ...(requestOptions.headers ?? {}) };
		const marker = Object.keys(sent).find(
			(name) => name.toLowerCase() === CREDENTIAL_TEST_HEADER.toLowerCase(),
		);
		if (marker) {
			delete sent[marker];
			const warning = plainHttpWarning(urls(credentials), secret);
			if (warning) throw warning;
		}
		return { ...requestOptions, headers: { ...sent, ...headers(credentials) } };
	};
}
