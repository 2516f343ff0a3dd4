// Measuring one webhook-started execution: wall time seen by the caller and peak RSS of the n8n
// process while it ran.
import { rssSampler } from './util.mjs';

/**
 * measureRun, repeated (bounded) while n8n answers something else than 200: under the per-item
 * baseline's load n8n can miss its database health ping and answer 503 "Database is not ready" for
 * a while. Each refused attempt is counted and reported.
 */
export async function measureOk(
	instance,
	path,
	body,
	{ attempts = 4, pauseMs = 10_000, onRefused } = {},
) {
	for (let attempt = 1; ; attempt++) {
		const m = await measureRun(instance, path, body);
		if (m.status === 200 || attempt >= attempts) return { ...m, refused: attempt - 1 };
		onRefused?.(m);
		await new Promise((resolve) => setTimeout(resolve, pauseMs));
	}
}

export async function measureRun(instance, path, body, { headers, timeoutMs } = {}) {
	const pid = instance.pid;
	const sampler = rssSampler(pid, 50);
	const answer = await instance.post(`/webhook/${path}`, body, { headers, timeoutMs });
	const { start, peak } = sampler.stop();
	return {
		ms: answer.ms,
		status: answer.status,
		body: answer.body,
		rssStart: start,
		rssPeak: peak,
	};
}

/** Runs `fn(runIndex)` `runs` times on a freshly started server (started once for all runs). */
export async function withServer(instance, fn, extraEnv = {}) {
	await instance.start(extraEnv);
	try {
		return await fn();
	} finally {
		await instance.stop();
	}
}
