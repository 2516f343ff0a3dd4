/** HTTP header look-up: names arrive in any case, values sometimes repeated (as arrays). */

/** Response or request headers as n8n and node:http hand them over. */
export type Headers = Readonly<Record<string, unknown>>;

/**
 * The value of the first of `names` that the headers carry with a non-empty value (names are
 * case-insensitive; of a repeated header, the first value), as a string.
 */
export function headerValue(
	headers: Headers | undefined,
	names: string | readonly string[],
): string | undefined {
	if (!headers) return undefined;
	for (const name of typeof names === 'string' ? [names] : names) {
		if (!name) continue;
		const wanted = name.toLowerCase();
		for (const [key, raw] of Object.entries(headers)) {
			if (key.toLowerCase() !== wanted) continue;
			const value: unknown = Array.isArray(raw) ? raw[0] : raw;
			if (value !== undefined && value !== null && value !== '') return String(value);
		}
	}
	return undefined;
}
