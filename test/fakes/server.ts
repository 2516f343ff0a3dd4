/**
 * A tiny fake HTTP API on 127.0.0.1 for tests and benchmarks (node:http only).
 * Routes are `METHOD /path/:param` patterns answered by handlers returning { status, body, headers };
 * an optional `before` hook can answer first (auth, rate limits) and `headers` adds headers to every
 * response. Every request is logged (method, path, query, headers, body, and the status answered).
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: IncomingHttpHeaders;
	/** Parsed JSON when the body is JSON, the raw text otherwise, undefined when empty. */
	body: unknown;
	/** Values of `:name` segments of the matched route. */
	params: Record<string, string>;
}

export interface LoggedRequest extends Omit<FakeRequest, 'params'> {
	/** Status code the fake answered with. */
	status: number;
	at: number;
}

export interface FakeResponse {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
}

export type Handler = (request: FakeRequest) => FakeResponse | Promise<FakeResponse>;

export interface Route {
	method: string;
	/** e.g. `/api/:collection/:id` */
	pattern: string;
	handler: Handler;
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

export function route(method: string, pattern: string, handler: Handler): Route {
	return { method: method.toUpperCase(), pattern, handler };
}

function match(pattern: string, path: string): Record<string, string> | undefined {
	const want = pattern.split('/').filter(Boolean);
	const got = path.split('/').filter(Boolean);
	if (want.length !== got.length) return undefined;
	const params: Record<string, string> = {};
	for (let i = 0; i < want.length; i++) {
		if (want[i].startsWith(':')) params[want[i].slice(1)] = decodeURIComponent(got[i]);
		else if (want[i] !== got[i]) return undefined;
	}
	return params;
}

function parseBody(text: string): unknown {
	if (text === '') return undefined;
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/** Start a fake API on 127.0.0.1 on a free port. */
export async function startFakeServer(options: FakeServerOptions): Promise<FakeServer> {
	const requests: LoggedRequest[] = [];
	const notFound = options.notFound ?? { status: 404, body: { message: 'Not found' } };

	const dispatch = async (request: FakeRequest): Promise<FakeResponse> => {
		for (const r of options.routes) {
			const params = r.method === request.method ? match(r.pattern, request.path) : undefined;
			if (params) return await r.handler({ ...request, params });
		}
		return notFound;
	};

	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', async () => {
			const url = new URL(req.url ?? '/', 'http://127.0.0.1');
			const request: FakeRequest = {
				method: (req.method ?? 'GET').toUpperCase(),
				path: url.pathname,
				query: Object.fromEntries(url.searchParams),
				headers: req.headers,
				body: parseBody(Buffer.concat(chunks).toString('utf8')),
				params: {},
			};
			let response: FakeResponse;
			try {
				response = options.before?.(request) ?? (await dispatch(request));
			} catch (error) {
				response = { status: 500, body: { message: (error as Error).message } };
			}
			const { params: _params, ...logged } = request;
			void _params;
			requests.push({ ...logged, status: response.status, at: Date.now() });
			const headers = {
				...(response.headers ?? {}),
				...(options.headers?.(request, response) ?? {}),
			};
			const payload = response.body === undefined ? '' : JSON.stringify(response.body);
			if (payload !== '') headers['content-type'] = 'application/json';
			res.writeHead(response.status, headers);
			res.end(payload);
		});
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		port,
		requests,
		clearLog: () => void requests.splice(0),
		stop: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
