/**
 * The one place every vendor request goes through (declarative operations, programmatic nodes,
 * dropdown searches): authentication via n8n's credential helpers, the client-side rate-limit gate,
 * waiting and retrying on 429 (honouring Retry-After / *-reset headers), bounded exponential
 * backoff on 5xx and network failures, and vendor-aware NodeApiErrors.
 */
import type {
	ICredentialDataDecryptedObject,
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

import { apiError, type FailedResponse } from './errors';
import { gateFor, resetDelayMs, type RequestBudget } from './rateLimit';

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
	budget?: (credentials: ICredentialDataDecryptedObject) => RequestBudget | undefined;
	retry?: Partial<RetryPolicy>;
}

export const DEFAULT_RETRY: RetryPolicy = {
	rateLimited: 8,
	server: 3,
	baseDelayMs: 250,
	maxWaitMs: 120_000,
};

const RETRYABLE_NETWORK = new Set([
	'ECONNRESET',
	'ETIMEDOUT',
	'ECONNABORTED',
	'EPIPE',
	'EAI_AGAIN',
	'ESOCKETTIMEDOUT',
]);

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
		httpCode?: string | null;
		code?: string;
		message?: string;
		errorResponse?: unknown;
	};
	const cause = (e?.cause ?? {}) as typeof e;
	const response = cause.response ?? e?.response;
	const status =
		response?.status ?? response?.statusCode ?? (e?.httpCode ? Number(e.httpCode) : undefined);
	const userError = [e?.cause, error].find((candidate) => candidate instanceof UserError) as
		| UserError
		| undefined;
	return {
		status: Number.isFinite(status) ? status : undefined,
		body: response?.data ?? response?.body,
		headers: response?.headers,
		code: cause.code ?? e?.code,
		message: cause.message ?? e?.message,
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

function isIdempotent(method: string | undefined): boolean {
	return ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'].includes((method ?? 'GET').toUpperCase());
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

function gateKey(
	ctx: RequestContext,
	profile: VendorProfile,
	options: IHttpRequestOptions,
): string {
	const credentialId = ctx.getNode().credentials?.[profile.credentialType]?.id ?? ctx.getNode().id;
	return `${profile.credentialType}|${credentialId}|${options.baseURL ?? ''}`;
}

/**
 * Sends one request with the vendor's credential and returns the full response
 * (`{ body, headers, statusCode }`). Throws a NodeApiError once retries are exhausted.
 */
export async function vendorRequest(
	ctx: RequestContext,
	profile: VendorProfile,
	options: IHttpRequestOptions,
	itemIndex?: number,
): Promise<IN8nHttpFullResponse> {
	const policy = { ...DEFAULT_RETRY, ...profile.retry };
	const budget = profile.budget?.(await ctx.getCredentials(profile.credentialType));
	const gate = gateFor(
		gateKey(ctx, profile, options),
		profile.headerDrivenRateLimit ?? false,
		budget,
	);
	const signal = 'getExecutionCancelSignal' in ctx ? ctx.getExecutionCancelSignal?.() : undefined;
	let rateLimitedRetries = 0;
	let serverRetries = 0;
	for (;;) {
		const ticket = await gate.acquire(signal);
		try {
			const response = (await ctx.helpers.httpRequestWithAuthentication.call(
				ctx,
				profile.credentialType,
				{
					...options,
					returnFullResponse: true,
				},
			)) as IN8nHttpFullResponse;
			ticket.done(response.headers as Record<string, unknown>, response.statusCode);
			return response;
		} catch (error) {
			const failure = failureOf(error);
			ticket.done(failure.headers, failure.status);
			if (signal?.aborted)
				throw apiError(
					ctx.getNode(),
					profile.vendor,
					{ ...failure, url: hostOf(options) },
					itemIndex,
				);
			if (failure.status === 429 && rateLimitedRetries < policy.rateLimited) {
				rateLimitedRetries++;
				const wait = resetDelayMs(failure.headers) ?? policy.baseDelayMs * 2 ** rateLimitedRetries;
				await sleep(Math.min(wait, policy.maxWaitMs));
				continue;
			}
			if (
				failure.status !== 429 &&
				isTransient(failure, isIdempotent(options.method)) &&
				serverRetries < policy.server
			) {
				const announced = failure.status === 503 ? resetDelayMs(failure.headers) : undefined;
				const wait = announced ?? policy.baseDelayMs * 2 ** serverRetries;
				serverRetries++;
				await sleep(Math.min(wait, policy.maxWaitMs));
				continue;
			}
			throw apiError(
				ctx.getNode(),
				profile.vendor,
				{ ...failure, url: hostOf(options) },
				itemIndex,
			);
		}
	}
}

function hostOf(options: IHttpRequestOptions): string | undefined {
	try {
		return new URL(options.url, options.baseURL).host;
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
): Promise<T> {
	const response = await vendorRequest(ctx, profile, { json: true, ...options }, itemIndex);
	return response.body as T;
}
