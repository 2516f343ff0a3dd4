/**
 * The one place every vendor request goes through (declarative operations, programmatic nodes,
 * dropdown searches): authentication via n8n's credential helpers, the client-side rate-limit gate,
 * the credential's timeout, waiting and retrying on 429 (honouring Retry-After / *-reset headers),
 * bounded exponential backoff on 5xx and network failures — never for a request that could create
 * a record twice —, redirects followed only on the same host, answers checked before they count
 * (./answers.ts) and vendor-aware NodeApiErrors.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	IExecuteSingleFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { sleep, UserError } from 'n8n-workflow';

import { answerError, answerProblem, type AnswerExpectation } from './answers';
import { apiError, type FailedResponse } from './errors';
import { headerValue } from './headers';
import { gateFor, resetDelayMs, type RequestBudget } from './rateLimit';
import { timeoutOf } from './timeout';

export type RequestContext =
	| IExecuteFunctions
	| IExecuteSingleFunctions
	| ILoadOptionsFunctions
	| IPollFunctions
	| IHookFunctions
	| IWebhookFunctions;

export interface RetryPolicy {
	/** How often one request may be retried after a 429. */
	rateLimited: number;
	/** How often one request may be retried after a 5xx or a network failure. */
	server: number;
	/** First backoff delay for 5xx/network retries; doubles each time. */
	baseDelayMs: number;
	/** Longest single wait for a rate-limit reset. */
	maxWaitMs: number;
	/** Longest total wait of one request for 429s that announce no reset (no Retry-After …). */
	unannouncedWaitMs: number;
	/** How often a request that timed out is sent again (only a request that is safe to repeat). */
	timedOut: number;
}

export interface VendorProfile {
	/** Name used in error messages, e.g. "Sessions". */
	vendor: string;
	/** n8n credential type used for authentication. */
	credentialType: string;
	/** The vendor announces its budget in headers: probe first, then size the window from them. */
	headerDrivenRateLimit?: boolean;
	/**
	 * A client-side budget for a vendor that announces none (see ./rateLimit.ts), read from the
	 * credential before each request so that a change to it applies at once.
	 */
	budget?: (credentials: Readonly<Record<string, unknown>>) => RequestBudget | undefined;
	retry?: Partial<RetryPolicy>;
}

export const DEFAULT_RETRY: RetryPolicy = {
	rateLimited: 8,
	server: 3,
	baseDelayMs: 250,
	maxWaitMs: 120_000,
	unannouncedWaitMs: 120_000,
	timedOut: 1,
};

/** How one request is to be treated besides its method. */
export interface RequestPolicy extends Partial<AnswerExpectation> {
	/**
	 * Whether the request may be sent again after a failure that leaves open whether the vendor
	 * carried it out (502, 504, a reset connection, a timeout). By default the methods that cannot
	 * create a record twice: GET, HEAD, OPTIONS, PUT, PATCH and DELETE; a POST only when it says so
	 * (an upsert or update by ID).
	 */
	repeatable?: boolean;
}

const RETRYABLE_NETWORK = new Set([
	'ECONNRESET',
	'ETIMEDOUT',
	'ECONNABORTED',
	'EPIPE',
	'EAI_AGAIN',
	'ESOCKETTIMEDOUT',
]);

const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT']);

/** The connection broke after the request was sent: the vendor may have carried it out. */
const BROKEN_CONNECTION = new Set(['ECONNRESET', 'EPIPE', 'ERR_BAD_RESPONSE']);

/** Extracts status, body and headers from whatever n8n's HTTP helpers threw. */
export function failureOf(error: unknown): FailedResponse {
	const e = error as {
		cause?: unknown;
		response?: {
			status?: number;
			data?: unknown;
			headers?: Record<string, unknown>;
			body?: unknown;
			statusCode?: number;
		};
		config?: { method?: string; url?: string; baseURL?: string };
		httpCode?: string | null;
		code?: string;
		message?: string;
		errorResponse?: unknown;
	};
	const cause = (e?.cause ?? {}) as typeof e;
	const response = cause.response ?? e?.response;
	let status =
		response?.status ?? response?.statusCode ?? (e?.httpCode ? Number(e.httpCode) : undefined);
	let code = cause.code ?? e?.code;
	const message = cause.message ?? e?.message;
	// an error after a 2xx status line: the answer broke off (timeout, dropped connection)
	if (status !== undefined && status < 300 && code) status = undefined;
	if (status === undefined && code === 'ERR_BAD_RESPONSE') code = 'ECONNRESET';
	const userError = [e?.cause, error].find((candidate) => candidate instanceof UserError) as
		| UserError
		| undefined;
	const config = cause.config ?? e?.config;
	return {
		status: Number.isFinite(status) ? status : undefined,
		body: status === undefined ? undefined : (response?.data ?? response?.body),
		headers: response?.headers,
		code,
		message,
		...(config?.url ? { request: requestLine(config.method, config.url, config.baseURL) } : {}),
		...(userError && !response
			? {
					userError: {
						message: userError.message,
						description: userError.description ?? undefined,
					},
				}
			: {}),
	};
}

/** The URL a request goes to: `url` when absolute, else `url` appended to `baseURL` (as axios does). */
export function absoluteUrl(url: string, baseURL?: string): string {
	if (/^[a-z][a-z\d+\-.]*:\/\//i.test(url) || !baseURL) return url;
	return `${baseURL.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`;
}

/** "METHOD https://host/path" of a request (no query string: it may carry filters). */
export function requestLine(method: string | undefined, url: string, baseURL?: string): string {
	const target = absoluteUrl(url, baseURL);
	let where = target.split('?')[0];
	try {
		const parsed = new URL(target);
		where = `${parsed.origin}${parsed.pathname}`;
	} catch {
		// not a URL: said as it is
	}
	return `${(method ?? 'GET').toUpperCase()} ${where}`;
}

function isIdempotent(method: string | undefined): boolean {
	return ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'].includes((method ?? 'GET').toUpperCase());
}

/** Methods that cannot create a record twice when sent again. */
const REPEATABLE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'DELETE']);

/** The request ran out of time (n8n's timeout, or the socket's). */
export function isTimeout(failure: FailedResponse): boolean {
	return (
		failure.status === undefined &&
		((!!failure.code && TIMEOUT_CODES.has(failure.code)) ||
			/timeout of \d+ms exceeded/i.test(failure.message ?? ''))
	);
}

/**
 * Whether a failure passes, so that the same request may succeed when sent again: a 429, a
 * 502/503/504 (the request was not processed), a 500 of a request that is safe to repeat, or a
 * dropped connection or timeout. The one rule for the transport's retries and the token exchanges.
 */
export function isTransient(failure: FailedResponse, repeatable = true): boolean {
	if (failure.status === undefined) return !!failure.code && RETRYABLE_NETWORK.has(failure.code);
	if ([429, 502, 503, 504].includes(failure.status)) return true;
	return failure.status >= 500 && repeatable;
}

/**
 * The vendor cannot have carried the request out: it said so (503 with Retry-After) or the request
 * never left (the host name could not be resolved for now).
 */
function notReceived(failure: FailedResponse): boolean {
	if (failure.status === 503) return resetDelayMs(failure.headers) !== undefined;
	return failure.status === undefined && failure.code === 'EAI_AGAIN';
}

/** The request reached the vendor but its answer was lost: it may have been carried out. */
function outcomeUnknown(failure: FailedResponse): boolean {
	if (failure.status === 502 || failure.status === 504) return true;
	return (
		failure.status === undefined &&
		(isTimeout(failure) || (!!failure.code && BROKEN_CONNECTION.has(failure.code)))
	);
}

function gateKey(
	ctx: RequestContext,
	profile: VendorProfile,
	options: IHttpRequestOptions,
): string {
	const credentialId = ctx.getNode().credentials?.[profile.credentialType]?.id ?? ctx.getNode().id;
	return `${profile.credentialType}|${credentialId}|${options.baseURL ?? ''}`;
}

type CredentialData = Readonly<Record<string, unknown>>;

const credentialReads = new WeakMap<object, Map<string, Promise<CredentialData>>>();

/** The credential of a context (read once per context): its timeout and the values to mask. */
async function credentialOf(ctx: RequestContext, type: string): Promise<CredentialData> {
	let reads = credentialReads.get(ctx);
	if (!reads) credentialReads.set(ctx, (reads = new Map()));
	let read = reads.get(type);
	if (!read) {
		read = (ctx.getCredentials(type) as Promise<CredentialData>).then(
			(data) => data ?? {},
			// no usable credential: n8n's own request below says why
			() => ({}),
		);
		reads.set(type, read);
	}
	return await read;
}

/** The credential values that must never appear in an error. */
function secretsOf(credentials: CredentialData): string[] {
	return Object.entries(credentials)
		.filter(([name, value]) => /key|token|secret|password/i.test(name) && typeof value === 'string')
		.map(([, value]) => value as string);
}

const MAX_REDIRECTS = 5;

/** The target of a redirect answer, when it is one. */
function redirectTarget(failure: FailedResponse, current: string): URL | undefined {
	if (failure.status === undefined || failure.status < 300 || failure.status >= 400) return;
	const location = headerValue(failure.headers, 'location');
	if (!location) return;
	try {
		return new URL(location, current);
	} catch {
		return undefined;
	}
}

/** A redirect the credential may follow: the same origin, or the same host moving to https. */
export function sameHost(from: URL, to: URL): boolean {
	if (from.origin === to.origin) return true;
	return (
		from.hostname === to.hostname &&
		from.protocol === 'http:' &&
		to.protocol === 'https:' &&
		!from.port &&
		!to.port
	);
}

/** The request to send after a redirect (303, and 301/302 of a POST, continue as GET). */
function redirected(
	options: IHttpRequestOptions,
	target: URL,
	status: number,
): IHttpRequestOptions {
	const method = (options.method ?? 'GET').toUpperCase();
	const asGet = status === 303 || ((status === 301 || status === 302) && method === 'POST');
	const next: IHttpRequestOptions = { ...options, url: target.href, baseURL: undefined, qs: {} };
	if (asGet && method !== 'GET' && method !== 'HEAD') {
		next.method = 'GET';
		delete next.body;
	}
	return next;
}

/**
 * Sends one request with the vendor's credential and returns the full response
 * (`{ body, headers, statusCode }`). Throws a NodeApiError once retries are exhausted, for a 2xx
 * answer that is not the JSON expected (see ./answers.ts), and for a redirect to another host.
 */
export async function vendorRequest(
	ctx: RequestContext,
	profile: VendorProfile,
	options: IHttpRequestOptions,
	itemIndex?: number,
	policy: RequestPolicy = {},
): Promise<IN8nHttpFullResponse> {
	const retry = { ...DEFAULT_RETRY, ...profile.retry };
	const credentials = await credentialOf(ctx, profile.credentialType);
	const timeout = timeoutOf(credentials);
	const method = (options.method ?? 'GET').toUpperCase();
	const repeatable = policy.repeatable ?? REPEATABLE_METHODS.has(method);
	const gate = gateFor(
		gateKey(ctx, profile, options),
		profile.headerDrivenRateLimit ?? false,
		profile.budget?.(credentials),
	);
	const signal = 'getExecutionCancelSignal' in ctx ? ctx.getExecutionCancelSignal?.() : undefined;
	let request = options;
	let attempts = 0;
	let rateLimitedRetries = 0;
	let unannouncedWaited = 0;
	let serverRetries = 0;
	let timeoutRetries = 0;
	let redirects = 0;
	const fail = (failure: FailedResponse) =>
		apiError(ctx.getNode(), profile.vendor, { url: hostOf(request), ...failure }, itemIndex);
	for (;;) {
		const line = requestLine(request.method, request.url, request.baseURL);
		const ticket = await gate.acquire(signal, timeout);
		attempts++;
		let response: IN8nHttpFullResponse;
		try {
			response = (await ctx.helpers.httpRequestWithAuthentication.call(
				ctx,
				profile.credentialType,
				{
					...request,
					returnFullResponse: true,
					timeout,
					// redirects are followed below, and only on the same host (see sameHost)
					disableFollowRedirect: true,
				},
			)) as IN8nHttpFullResponse;
		} catch (error) {
			const raw = failureOf(error);
			ticket.done(raw.headers, raw.status);
			// the token request of the credential failed: this request itself was not sent
			const tokenFailure = !!raw.request && raw.request !== line;
			const failure: FailedResponse = {
				...raw,
				request: raw.request ?? line,
				// "Could not reach HaloPSA (https://…/auth/token)": the URL that failed, not the API's
				...(tokenFailure ? { url: raw.request?.replace(/^\S+ /, '') } : {}),
			};
			if (signal?.aborted) throw fail(failure);

			const current = absoluteUrl(request.url, request.baseURL);
			const target = redirectTarget(failure, current);
			if (target && !tokenFailure) {
				const from = new URL(current);
				if (!sameHost(from, target)) {
					throw fail({ ...failure, redirect: { from: from.host, to: target.host } });
				}
				if (++redirects <= MAX_REDIRECTS) {
					request = redirected(request, target, failure.status as number);
					continue;
				}
			}

			if (failure.status === 429 && rateLimitedRetries < retry.rateLimited) {
				const announced = resetDelayMs(failure.headers);
				const backoff = retry.baseDelayMs * 2 ** (rateLimitedRetries + 1);
				const left = retry.unannouncedWaitMs - unannouncedWaited;
				const wait =
					announced !== undefined
						? Math.min(announced, retry.maxWaitMs)
						: left > 0
							? Math.min(backoff, left, retry.maxWaitMs)
							: undefined;
				if (wait !== undefined) {
					if (announced === undefined) unannouncedWaited += wait;
					rateLimitedRetries++;
					await sleep(wait);
					continue;
				}
			}
			if (failure.status === 429) throw fail({ ...failure, attempts });

			const safe = repeatable || tokenFailure;
			if (isTimeout(failure)) {
				if (safe && timeoutRetries < retry.timedOut) {
					timeoutRetries++;
					continue;
				}
				throw fail({ ...failure, timedOutMs: timeout, attempts, outcomeUnknown: !safe });
			}
			if (
				isTransient(failure, isIdempotent(method) || tokenFailure) &&
				(safe || notReceived(failure)) &&
				serverRetries < retry.server
			) {
				const announced = failure.status === 503 ? resetDelayMs(failure.headers) : undefined;
				const wait = announced ?? retry.baseDelayMs * 2 ** serverRetries;
				serverRetries++;
				await sleep(Math.min(wait, retry.maxWaitMs));
				continue;
			}
			throw fail({ ...failure, outcomeUnknown: !safe && outcomeUnknown(failure) });
		}
		ticket.done(response.headers as Record<string, unknown>, response.statusCode);
		if (request.json && !request.encoding) {
			const expectation: AnswerExpectation = {
				bodyRequired:
					policy.bodyRequired ?? ['GET', 'HEAD'].includes((request.method ?? 'GET').toUpperCase()),
				shape: policy.shape,
			};
			const contentType = headerValue(response.headers, 'content-type') ?? '';
			const problem = answerProblem(response.body, contentType, expectation);
			if (problem) {
				throw answerError(ctx.getNode(), profile.vendor, response, problem, {
					request: line,
					itemIndex,
					outcomeUnknown: !repeatable,
					secrets: secretsOf(credentials),
				});
			}
		}
		return response;
	}
}

function hostOf(options: IHttpRequestOptions): string | undefined {
	try {
		return new URL(absoluteUrl(options.url, options.baseURL)).host;
	} catch {
		return options.baseURL;
	}
}

/** Convenience for JSON bodies. */
export async function vendorJson<T = IDataObject>(
	ctx: RequestContext,
	profile: VendorProfile,
	options: IHttpRequestOptions,
	itemIndex?: number,
	policy?: RequestPolicy,
): Promise<T> {
	const response = await vendorRequest(ctx, profile, { json: true, ...options }, itemIndex, policy);
	return response.body as T;
}
