// A lean fake HTTP API on 127.0.0.1 for benchmarks, on the shared core of scripts/lib/fake-server.cjs
// (routes `METHOD /path/:param`, a `before` hook for auth and rate limits): counters instead of a
// full request log (100,000 requests must not cost the benchmark process memory), requests and
// wire bytes received (request line + headers + body) per route and status. Bodies stay raw
// (`request.raw`) until a handler reads `request.body`.
import { route, startServer } from '../../scripts/lib/fake-server.cjs';

export { route };

/**
 * startFake({ routes, before?, headers? }) -> { url, port, stats, counters, reset(), stop() }
 * stats: { requests, bytes, byRoute: { 'POST /v1/candidates': { requests, bytes, statuses: {200: n} } } }
 */
export async function startFake({ name = 'fake', routes, before, headers }) {
	let stats;
	const reset = () => {
		stats = { requests: 0, bytes: 0, maxConcurrent: 0, byRoute: {} };
	};
	reset();

	const server = await startServer({
		routes,
		before,
		headers,
		answered(request, response, { route: matched, bytes, concurrent }) {
			if (concurrent > stats.maxConcurrent) stats.maxConcurrent = concurrent;
			const key = `${request.method} ${matched ? matched.pattern : request.path}`;
			const entry = (stats.byRoute[key] ??= { requests: 0, bytes: 0, statuses: {} });
			entry.requests++;
			entry.bytes += bytes;
			entry.statuses[response.status] = (entry.statuses[response.status] ?? 0) + 1;
			stats.requests++;
			stats.bytes += bytes;
		},
	});
	return {
		name,
		url: server.url,
		port: server.port,
		get stats() {
			return stats;
		},
		/** requests/bytes of one route key such as 'POST /v1/:entity' */
		route(key) {
			return stats.byRoute[key] ?? { requests: 0, bytes: 0, statuses: {} };
		},
		reset,
		stop: server.stop,
	};
}
