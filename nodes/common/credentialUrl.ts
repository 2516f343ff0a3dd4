/**
 * A vendor's base-URL rule over credential fields, written once as data and rendered twice:
 * evaluated in TypeScript (`urlOf`, for requests a node sends itself and dropdown searches) and as
 * an n8n expression (`urlExpression`, for declarative `requestDefaults` and credential tests), so
 * the two can never disagree.
 *
 *   const BASE = firstOf(field('resourceUrl'), join(field('appUrl'), '/api'));
 *   urlOf(BASE, { appUrl: 'https://x.test/' })  // 'https://x.test/api'
 *   urlExpression(BASE)                        // '={{ (String($credentials.resourceUrl || "")… }}'
 */

export type UrlRule =
	/** literal text */
	| string
	/** a credential field's value, trimmed, without trailing slashes ('' when empty) */
	| { field: string }
	/** the parts one after the other */
	| { join: UrlRule[] }
	/** the first part that is not empty */
	| { firstOf: UrlRule[] }
	/** `then` when the field's value (as `field` reads it) equals `value`, else `otherwise` */
	| { when: { field: string; value: string }; then: UrlRule; otherwise: UrlRule };

export const field = (name: string): UrlRule => ({ field: name });

export const join = (...parts: UrlRule[]): UrlRule => ({ join: parts });

export const firstOf = (...parts: UrlRule[]): UrlRule => ({ firstOf: parts });

export const when = (
	fieldName: string,
	value: string,
	then: UrlRule,
	otherwise: UrlRule,
): UrlRule => {
	field(fieldName);
	return { when: { field: fieldName, value }, then, otherwise };
};

const fieldValue = (credentials: Readonly<Record<string, unknown>>, name: string) =>
	String(credentials[name] || '')
		.trim()
		.replace(/\/+$/, '');

/** The URL the rule gives for these credential values. */
export function urlOf(rule: UrlRule, credentials: Readonly<Record<string, unknown>>): string {
	if (typeof rule === 'string') return rule;
	if ('field' in rule) return fieldValue(credentials, rule.field);
	if ('join' in rule) return rule.join.map((part) => urlOf(part, credentials)).join('');
	if ('firstOf' in rule) {
		for (const part of rule.firstOf) {
			const value = urlOf(part, credentials);
			if (value) return value;
		}
		return '';
	}
	return fieldValue(credentials, rule.when.field) === rule.when.value
		? urlOf(rule.then, credentials)
		: urlOf(rule.otherwise, credentials);
}

const credential = (name: string) =>
	/^[A-Za-z_$][\w$]*$/.test(name)
		? `$credentials.${name}`
		: `$credentials[${JSON.stringify(name)}]`;

function source(rule: UrlRule): string {
	if (typeof rule === 'string') return JSON.stringify(rule);
	if ('field' in rule) return `String(${credential(rule.field)} || "").trim().replace(/\\/+$/, "")`;
	if ('join' in rule) return `(${rule.join.map(source).join(' + ')})`;
	if ('firstOf' in rule) return `(${rule.firstOf.map(source).join(' || ')})`;
	return `(${source({ field: rule.when.field })} === ${JSON.stringify(rule.when.value)} ? ${source(rule.then)} : ${source(rule.otherwise)})`;
}

/** The same rule as an n8n expression over `$credentials`. */
export function urlExpression(rule: UrlRule): string {
	return `={{ ${source(rule)} }}`;
}
