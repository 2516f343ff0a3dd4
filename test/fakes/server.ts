/**
 * A tiny fake HTTP API on 127.0.0.1 for the e2e tests, on the shared core of
 * scripts/lib/fake-server.cjs (also behind the benchmarks' fakes): routes `METHOD /path/:param`
 * answered by handlers returning { status, body, headers }; an optional `before` hook can answer
 * first (auth, rate limits) and `headers` adds headers to every response. Every request is logged
 * (method, path, query, headers, body, and the status answered).
 */
import * as core from '../../scripts/lib/fake-server.cjs';
import type { FakeRequest, FakeResponse, Handler, Route } from '../../scripts/lib/fake-server.cjs';

export type { FakeRequest, FakeResponse, Handler, Route };

export interface LoggedRequest extends Omit<FakeRequest, 'params' | 'raw' | 'body'> {
	/** Parsed JSON when the body is JSON, the raw text otherwise, undefined when empty. */
	body: unknown;
	/** Status code the fake answered with. */
	status: number;
	at: number;
}

export interface FakeServerOptions {
	routes: Route[];
	/** Runs before routing; return a response to answer immediately. */
	before?: (request: FakeRequest) => FakeResponse | undefined;
	/** Extra headers for every response (after the handler ran). */
	headers?: (request: FakeRequest, response: FakeResponse) => Record<string, string>;
	/** Answer for unmatched routes (default 404 `{message: 'Not found'}`). */
	notFound?: FakeResponse;
}

export interface FakeServer {
	/** e.g. http://127.0.0.1:41234 (no trailing slash) */
	url: string;
	port: number;
	requests: LoggedRequest[];
	clearLog(): void;
	stop(): Promise<void>;
}

export const route: (method: string, pattern: string, handler: Handler) => Route = core.route;

/** Start a fake API on 127.0.0.1 on a free port. */
export async function startFakeServer(options: FakeServerOptions): Promise<FakeServer> {
	const requests: LoggedRequest[] = [];
	const server = await core.startServer({
		routes: options.routes,
		before: options.before,
		headers: options.headers,
		notFound: options.notFound,
		answered: ({ method, path, query, headers, body }, { status }) =>
			void requests.push({ method, path, query, headers, body, status, at: Date.now() }),
	});
	return {
		url: server.url,
		port: server.port,
		requests,
		clearLog: () => void requests.splice(0),
		stop: server.stop,
	};
}
