// A lean fake HTTP API on 127.0.0.1 for benchmarks: routes `METHOD /path/:param`, a `before` hook
// (auth, rate limits), and counters instead of a full request log (100,000 requests must not cost
// the benchmark process memory): requests and wire bytes received (request line + headers + body)
// per route and status. Bodies stay raw (Buffer) until a handler parses them.
import { createServer } from 'node:http';

function match(pattern, path) {
	const want = pattern.split('/').filter(Boolean);
	const got = path.split('/').filter(Boolean);
	if (want.length !== got.length) return undefined;
	const params = {};
	for (let i = 0; i < want.length; i++) {
		if (want[i].startsWith(':')) params[want[i].slice(1)] = decodeURIComponent(got[i]);
		else if (want[i] !== got[i]) return undefined;
	}
	return params;
}

export const route = (method, pattern, handler) => ({
	method: method.toUpperCase(),
	pattern,
	handler,
});

export function json(request) {
	if (request.jsonBody !== undefined) return request.jsonBody;
	const text = request.raw.toString('utf8');
	try {
		request.jsonBody = text === '' ? undefined : JSON.parse(text);
	} catch {
		request.jsonBody = text;
	}
	return request.jsonBody;
}

/**
 * startFake({ routes, before?, headers? }) -> { url, port, stats, counters, reset(), stop() }
 * stats: { requests, bytes, byRoute: { 'POST /v1/candidates': { requests, bytes, statuses: {200: n} } } }
 */
export async function startFake({ name = 'fake', routes, before, headers: extraHeaders }) {
	let stats;
	const reset = () => {
		stats = { requests: 0, bytes: 0, maxConcurrent: 0, byRoute: {} };
	};
	reset();
	let inFlight = 0;

	const server = createServer((req, res) => {
		const chunks = [];
		inFlight++;
		if (inFlight > stats.maxConcurrent) stats.maxConcurrent = inFlight;
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', async () => {
			const raw = Buffer.concat(chunks);
			const url = new URL(req.url ?? '/', 'http://127.0.0.1');
			let headerBytes = `${req.method} ${req.url} HTTP/1.1\r\n`.length + 2;
			for (let i = 0; i < req.rawHeaders.length; i += 2)
				headerBytes += req.rawHeaders[i].length + req.rawHeaders[i + 1].length + 4;
			const request = {
				method: req.method.toUpperCase(),
				path: url.pathname,
				query: Object.fromEntries(url.searchParams),
				headers: req.headers,
				raw,
				params: {},
			};
			let matched;
			for (const r of routes) {
				const params = r.method === request.method ? match(r.pattern, request.path) : undefined;
				if (params) {
					matched = r;
					request.params = params;
					break;
				}
			}
			let response;
			try {
				response =
					before?.(request, matched) ??
					(matched
						? await matched.handler(request)
						: { status: 404, body: { message: 'Not found' } });
			} catch (error) {
				response = { status: 500, body: { message: error.message } };
			}
			const key = `${request.method} ${matched ? matched.pattern : request.path}`;
			const entry = (stats.byRoute[key] ??= { requests: 0, bytes: 0, statuses: {} });
			const bytes = headerBytes + raw.length;
			entry.requests++;
			entry.bytes += bytes;
			entry.statuses[response.status] = (entry.statuses[response.status] ?? 0) + 1;
			stats.requests++;
			stats.bytes += bytes;
			const headers = { ...(response.headers ?? {}), ...(extraHeaders?.(request, response) ?? {}) };
			let payload = '';
			if (response.text !== undefined) payload = response.text;
			else if (response.body !== undefined) {
				payload = JSON.stringify(response.body);
				headers['content-type'] = 'application/json';
			}
			inFlight--;
			res.writeHead(response.status, headers);
			res.end(payload);
		});
	});
	// many concurrent keep-alive sockets from n8n: no artificial limits on loopback
	server.keepAliveTimeout = 30_000;
	server.headersTimeout = 60_000;
	server.requestTimeout = 0;
	server.maxRequestsPerSocket = 0;

	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', resolve);
	});
	const { port } = server.address();
	return {
		name,
		url: `http://127.0.0.1:${port}`,
		port,
		get stats() {
			return stats;
		},
		/** requests/bytes of one route key such as 'POST /v1/:entity' */
		route(key) {
			return stats.byRoute[key] ?? { requests: 0, bytes: 0, statuses: {} };
		},
		reset,
		stop: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
