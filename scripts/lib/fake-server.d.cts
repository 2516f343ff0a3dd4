// Types for fake-server.cjs (used by test/fakes/server.ts and bench/fakes/http.mjs).
import type { IncomingHttpHeaders } from 'node:http';

export interface FakeRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: IncomingHttpHeaders;
	/** Values of `:name` segments of the matched route. */
	params: Record<string, string>;
	/** The body as received. */
	raw: Buffer;
	/** Parsed JSON when the body is JSON, the raw text otherwise, undefined when empty. */
	readonly body: unknown;
}

export interface FakeResponse {
	status: number;
	/** Sent as JSON (with `content-type: application/json`). */
	body?: unknown;
	/** Sent as it is (instead of `body`). */
	text?: string;
	headers?: Record<string, string>;
	/**
	 * Answers on node's response object instead (status, headers and body as it likes, or never):
	 * for servers that hang, break off mid-answer or reset the connection.
	 */
	raw?: (res: import('node:http').ServerResponse) => void;
}

export type Handler = (request: FakeRequest) => FakeResponse | Promise<FakeResponse>;

export interface Route {
	method: string;
	/** e.g. `/api/:collection/:id` */
	pattern: string;
	handler: Handler;
}

export interface ServerOptions {
	routes: Route[];
	/** Runs before the route's handler (`route` is undefined when none matched); a response answers at once. */
	before?: (request: FakeRequest, route: Route | undefined) => FakeResponse | undefined;
	/** Extra headers for every response (after the handler ran). */
	headers?: (request: FakeRequest, response: FakeResponse) => Record<string, string>;
	/** Answer for unmatched routes (default 404 `{message: 'Not found'}`). */
	notFound?: FakeResponse;
	/** Sees every request once its answer is known: the route it matched, its bytes on the wire, the requests in flight. */
	answered?: (
		request: FakeRequest,
		response: FakeResponse,
		info: { route: Route | undefined; bytes: number; concurrent: number },
	) => void;
}

export interface RunningServer {
	/** e.g. http://127.0.0.1:41234 (no trailing slash) */
	url: string;
	port: number;
	stop(): Promise<void>;
}

export declare function route(method: string, pattern: string, handler: Handler): Route;
export declare function match(pattern: string, path: string): Record<string, string> | undefined;
export declare function parseBody(text: string): unknown;
export declare function startServer(options: ServerOptions): Promise<RunningServer>;
