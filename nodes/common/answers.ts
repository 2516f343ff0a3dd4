/**
 * A 2xx answer counts only once it is the JSON the operation reads. A login page, a proxy's HTML, an
 * empty body where data is expected, JSON cut off mid-answer or JSON of another shape (a list without
 * its list, an upsert without `request_id`) becomes an error that names the vendor, the status, the
 * content type and the first characters of the answer (credential values masked), instead of an
 * empty list or an item holding the HTML.
 */
import type { IN8nHttpFullResponse, INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { unknownOutcomeAdvice } from './errors';
import { headerValue } from './headers';

export interface AnswerExpectation {
	/** The answer must carry a JSON body (reads and lists); otherwise an empty 2xx means "done". */
	bodyRequired: boolean;
	/** What the JSON must look like: returns the expected shape, in words, when it does not match. */
	shape?: (body: unknown) => string | undefined;
}

export type AnswerProblem =
	| { kind: 'empty' | 'html' | 'truncated' | 'text' }
	| { kind: 'shape'; expected: string };

const isBlank = (body: unknown) =>
	body === undefined || body === null || (typeof body === 'string' && body.trim() === '');

/** What is wrong with the body of a 2xx answer to a JSON request (undefined: nothing). */
export function answerProblem(
	body: unknown,
	contentType: string,
	expect: AnswerExpectation,
): AnswerProblem | undefined {
	if (isBlank(body)) return expect.bodyRequired ? { kind: 'empty' } : undefined;
	if (typeof body === 'string') {
		// n8n's HTTP layer parses JSON; a string is what could not be parsed
		const text = body.trim();
		if (text.startsWith('<') || /html|xml/i.test(contentType)) return { kind: 'html' };
		if (text.startsWith('{') || text.startsWith('[')) return { kind: 'truncated' };
		if (expect.bodyRequired || expect.shape) return { kind: 'text' };
		return undefined;
	}
	const expected = expect.shape?.(body);
	return expected ? { kind: 'shape', expected } : undefined;
}

const HINTS: Record<AnswerProblem['kind'], string> = {
	empty: 'Nothing came back where the answer must hold data.',
	html: 'An HTML page (a login page, a proxy or firewall page, a website) usually means that the URL in the credential does not point at the API.',
	truncated:
		'The JSON is cut off: the connection may have dropped in the middle of the answer, or a proxy limited its size.',
	text: 'The answer is text, not JSON: the URL in the credential may point at another service.',
	shape:
		'The JSON is not what this operation reads: the URL in the credential may point at another service or API version.',
};

/** The first characters of an answer, on one line, with every credential value masked. */
export function firstCharacters(body: unknown, secrets: string[] = [], length = 120): string {
	let text = typeof body === 'string' ? body : (JSON.stringify(body) ?? '');
	for (const secret of secrets) if (secret.length >= 4) text = text.split(secret).join('***');
	text = text.replace(/\s+/g, ' ').trim();
	return text.length > length ? `${text.slice(0, length)}…` : text;
}

export interface AnswerContext {
	/** "METHOD https://host/path" */
	request: string;
	itemIndex?: number;
	/** The request may have been carried out (a create): the error says so and how to check. */
	outcomeUnknown?: boolean;
	/** Credential values that must not appear in the error. */
	secrets?: string[];
}

export function describeAnswer(
	vendor: string,
	response: Pick<IN8nHttpFullResponse, 'body' | 'headers' | 'statusCode'>,
	problem: AnswerProblem,
	context: AnswerContext,
): { message: string; description: string } {
	const status = response.statusCode;
	const contentType = String(headerValue(response.headers, 'content-type') ?? '').split(';')[0];
	const type = contentType || 'no content type';
	const what: Record<AnswerProblem['kind'], string> = {
		empty: `an empty body (${type}) instead of JSON`,
		html: `an HTML page (${type}) instead of JSON`,
		truncated: `incomplete JSON (${type})`,
		text: `${type} instead of JSON`,
		shape: `JSON (${type}) that is not ${problem.kind === 'shape' ? problem.expected : ''}`,
	};
	const text = typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
	const start = firstCharacters(response.body, context.secrets);
	const lines = [
		`${context.request} answered ${status}, content type ${type}, ${text?.length ?? 0} characters${start ? `, starting with: ${start}` : ''}.`,
		HINTS[problem.kind],
	];
	let message = `${vendor} answered ${status} with ${what[problem.kind]}`;
	if (context.outcomeUnknown) {
		message += ' (the record may have been created)';
		lines.push(unknownOutcomeAdvice(vendor, { request: context.request }));
	}
	return { message, description: lines.join('\n') };
}

export function answerError(
	node: INode,
	vendor: string,
	response: Pick<IN8nHttpFullResponse, 'body' | 'headers' | 'statusCode'>,
	problem: AnswerProblem,
	context: AnswerContext,
): NodeApiError {
	const { message, description } = describeAnswer(vendor, response, problem, context);
	return new NodeApiError(
		node,
		{ message, description },
		{ message, description, itemIndex: context.itemIndex },
	);
}
