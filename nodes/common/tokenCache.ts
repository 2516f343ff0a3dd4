/**
 * The token store of the client-credentials grant (./clientCredentials.ts, which tells how tokens
 * are cached): the `validity` expression, the renewal margin, the stored fields, and `TokenCache`,
 * the in-process sharing of exchanges and new tokens.
 */
import { createHash } from 'crypto';

import { SingleFlight } from './singleFlight';

const credential = (name: string) =>
	/^[A-Za-z_$][\w$]*$/.test(name) ? `$self.${name}` : `$self[${JSON.stringify(name)}]`;

/**
 * What a token is bound to: a hash of the credential values that produced it (client ID, secret,
 * tenant, URLs …), stored with the token as `tokenFor`. Never the secret in clear.
 */
export function tokenBinding(
	credentials: Readonly<Record<string, unknown>>,
	fields: readonly string[],
): string {
	const values = fields.map((name) => String(credentials[name] || ''));
	return createHash('sha256').update(JSON.stringify(values), 'utf8').digest('hex');
}

/** The same hash as an n8n expression over the credential's own values (`$self`). */
const bindingExpression = (fields: readonly string[]) =>
	`JSON.stringify([${fields.map((name) => `String(${credential(name)} || "")`).join(', ')}]).hash("sha256")`;

/**
 * Resolves to "valid" while the token is usable, else to "" (which makes n8n ask for a new one):
 * until the stored expiry has passed (`expiring`), and only as long as the credential still holds
 * the values the token was issued for — an edited client ID, secret, tenant or URL needs a new token.
 */
export function validityExpression(fields: readonly string[], expiring = true): string {
	const bound = `$self.tokenFor === ${bindingExpression(fields)}`;
	const fresh = expiring ? 'Number($self.expiresAt) > $now.toMillis() && ' : '';
	return `={{ ${fresh}${bound} ? "valid" : "" }}`;
}

/**
 * Renew this long before the announced expiry: a hundredth of the lifetime, at most 5 seconds (3 s
 * for Sense's 300 s tokens). Just enough that a request sent with the token does not reach the API
 * after it expired, so a token is used for 99 % of its life: about one token per lifetime, as the
 * vendors ask ("reuse until expires_in"). A request that still meets the expiry gets 401, and n8n-core
 * repeats it once with the token another request has just obtained (see TokenCache.get).
 */
export const renewMargin = (lifetimeMs: number) => Math.min(5_000, lifetimeMs / 100);

export type CachedToken = {
	accessToken: string;
	/** epoch milliseconds after which the token is renewed; 0 = the token endpoint announced no lifetime */
	expiresAt: number;
	validity: string;
	/** `tokenBinding` of the credential values the token was issued for */
	tokenFor: string;
};

/** Lifetime from `expires_in` (seconds), else from the `exp` claim of a JWT; undefined when neither is known. */
export function tokenLifetimeMs(
	body: Record<string, unknown>,
	token: string,
	now = Date.now(),
): number | undefined {
	const seconds = Number(body.expires_in);
	if (
		body.expires_in !== undefined &&
		body.expires_in !== null &&
		body.expires_in !== '' &&
		Number.isFinite(seconds) &&
		seconds > 0
	) {
		return seconds * 1000;
	}
	const payload = token.split('.')[1];
	if (!payload) return undefined;
	try {
		const exp = Number(
			(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown }).exp,
		);
		return Number.isFinite(exp) && exp * 1000 > now ? exp * 1000 - now : undefined;
	} catch {
		return undefined;
	}
}

/** The fields to store for a token just issued with this lifetime for these credential values. */
export function cachedToken(
	accessToken: string,
	lifetimeMs: number | undefined,
	binding: { tokenFor: string; fields: readonly string[] },
	now = Date.now(),
): CachedToken {
	const { tokenFor, fields } = binding;
	if (lifetimeMs === undefined)
		return { accessToken, expiresAt: 0, validity: validityExpression(fields, false), tokenFor };
	return {
		accessToken,
		expiresAt: Math.round(now + lifetimeMs - renewMargin(lifetimeMs)),
		validity: validityExpression(fields),
		tokenFor,
	};
}

const usable = (token: CachedToken | undefined, now = Date.now()): token is CachedToken =>
	!!token && (token.expiresAt === 0 || token.expiresAt > now);

const MAX_RECENT = 100;

const caches = new Set<TokenCache>();

/** Forgets every token of every cache in this process (tests start each case from a fresh process state). */
export function clearTokenCaches(): void {
	for (const cache of caches) cache.clear();
}

export class TokenCache {
	private readonly inFlight = new SingleFlight<CachedToken>();

	private readonly recent = new Map<string, CachedToken>();

	constructor() {
		caches.add(this);
	}

	/**
	 * The token to store for `key` (a hash of the credential values and the token request: see
	 * `secretKey`). A caller that joins a pending exchange waits at most `join.waitMs`.
	 * `current` is the token the caller's copy of the credential holds: when another caller has
	 * already replaced it with a token that is still valid, that one is returned without a request.
	 */
	async get(
		key: string,
		current: unknown,
		exchange: () => Promise<CachedToken>,
		join?: { waitMs: number; expired: () => unknown },
	): Promise<CachedToken> {
		const known = this.recent.get(key);
		if (usable(known) && known.accessToken !== current) return { ...known };

		const result = await this.inFlight.run(key, exchange, join);
		this.recent.delete(key);
		this.recent.set(key, result);
		for (const [old, entry] of this.recent) {
			if (this.recent.size <= MAX_RECENT && usable(entry)) break;
			this.recent.delete(old);
		}
		return { ...result };
	}

	/** Forgets every token this cache handed out. */
	clear(): void {
		this.recent.clear();
	}
}
