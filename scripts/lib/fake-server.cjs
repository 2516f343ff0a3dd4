// The core of every fake vendor API on 127.0.0.1 (node:http only), shared by the e2e tests'
// test/fakes/server.ts (which logs each request) and the benchmarks' bench/fakes/http.mjs (which
// only counts them):
// - routes `METHOD /path/:param` answered by handlers returning { status, body?, text?, headers? }
//   (`body` is sent as JSON, `text` as it is; `raw(res)` answers on the response itself, or
//   never: for servers that hang or break off); the first matching route wins, else `notFound`
//   (default 404 {"message": "Not found"}); a handler that throws is answered 500 {"message"}
// - `before(request, route)` may answer first (auth, rate limits), `headers(request, response)` adds
//   headers to every answer, `answered(request, response, info)` sees each request once answered
// - a request is { method, path, query, headers, params, raw (Buffer), body }: `body` is the JSON
//   (or, when not JSON, the text; undefined when empty), parsed on first use only
// CommonJS with a .d.cts declaration, so both the .mjs benchmarks and the jest tests load it.
'use strict';
const { createServer } = require('node:http');

/** A route: `method` and a `pattern` such as `/api/:collection/:id`. */
const route = (method, pattern, handler) => ({ method: method.toUpperCase(), pattern, handler });

/** The `:name` values of `path` when it matches `pattern`, else undefined. */
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

/** JSON when the text is JSON, the text otherwise, undefined when empty. */
function parseBody(text) {
	if (text === '') return undefined;
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

function requestOf(req, raw) {
	const url = new URL(req.url ?? '/', 'http://127.0.0.1');
	const request = {
		method: (req.method ?? 'GET').toUpperCase(),
		path: url.pathname,
		query: Object.fromEntries(url.searchParams),
		headers: req.headers,
		params: {},
		raw,
	};
	let parsed;
	Object.defineProperty(request, 'body', {
		enumerable: true,
		get: () => (parsed ??= { value: parseBody(raw.toString('utf8')) }).value,
	});
	return request;
}

/** Bytes of the request on the wire: request line, headers and body. */
function wireBytes(req, raw) {
	let bytes = `${req.method} ${req.url} HTTP/1.1\r\n`.length + 2;
	for (let i = 0; i < req.rawHeaders.length; i += 2)
		bytes += req.rawHeaders[i].length + req.rawHeaders[i + 1].length + 4;
	return bytes + raw.length;
}

/** Starts a fake API on 127.0.0.1 on a free port: { url, port, stop() }. */
async function startServer({ routes, before, headers: extraHeaders, notFound, answered }) {
	const unmatched = notFound ?? { status: 404, body: { message: 'Not found' } };
	let inFlight = 0;

	const server = createServer((req, res) => {
		const chunks = [];
		inFlight++;
		const concurrent = inFlight;
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', async () => {
			const raw = Buffer.concat(chunks);
			const request = requestOf(req, raw);
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
					before?.(request, matched) ?? (matched ? await matched.handler(request) : unmatched);
			} catch (error) {
				response = { status: 500, body: { message: error.message } };
			}
			answered?.(request, response, { route: matched, bytes: wireBytes(req, raw), concurrent });
			if (response.raw) {
				// the handler answers (or does not) on the socket itself: misbehaving-server tests
				inFlight--;
				response.raw(res);
				return;
			}
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
		server.listen(0, '127.0.0.1', () => resolve());
	});
	const { port } = server.address();
	return {
		url: `http://127.0.0.1:${port}`,
		port,
		stop: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

module.exports = { match, parseBody, route, startServer };
