/**
 * The token store of the client-credentials grant (./clientCredentials.ts, which tells how tokens
 * are cached): the `validity` expression, the renewal margin, the stored fields, and `TokenCache`,
 * the in-process sharing of exchanges and new tokens.
 */
import { SingleFlight } from './singleFlight';

/** Resolves to "valid" until the stored expiry has passed, then to "" (which makes n8n renew the token). */
export const VALIDITY_EXPRESSION =
	'={{ Number($self.expiresAt) > $now.toMillis() ? "valid" : "" }}';

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

/** The fields to store for a token just issued with this lifetime. */
export function cachedToken(
	accessToken: string,
	lifetimeMs: number | undefined,
	now = Date.now(),
): CachedToken {
	if (lifetimeMs === undefined) return { accessToken, expiresAt: 0, validity: 'valid' };
	return {
		accessToken,
		expiresAt: Math.round(now + lifetimeMs - renewMargin(lifetimeMs)),
		validity: VALIDITY_EXPRESSION,
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
	 * The token to store for `key` (a hash of token URL, client and secret: see `secretKey`).
	 * `current` is the token the caller's copy of the credential holds: when another caller has
	 * already replaced it with a token that is still valid, that one is returned without a request.
	 */
	async get(
		key: string,
		current: unknown,
		exchange: () => Promise<CachedToken>,
	): Promise<CachedToken> {
		const known = this.recent.get(key);
		if (usable(known) && known.accessToken !== current) return { ...known };

		const result = await this.inFlight.run(key, exchange);
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
