// Small helpers shared by the benchmark scripts.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BENCH_DIR = join(ROOT, 'bench');
export const BENCH_WORK = join(BENCH_DIR, '.work');

export const log = (message) => process.stderr.write(`${message}\n`);
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function median(values) {
	const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
	if (!sorted.length) return NaN;
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(values, p) {
	const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
	if (!sorted.length) return NaN;
	const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
	return sorted[rank - 1];
}

export const mb = (bytes) => bytes / (1024 * 1024);

export function fmt(value, digits = 1) {
	if (value === undefined || value === null || Number.isNaN(value)) return 'n/a';
	if (typeof value !== 'number') return String(value);
	return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

/** Reads one field (kB) of /proc/<pid>/status, in bytes; undefined once the process is gone. */
export function procStatusBytes(pid, field) {
	try {
		const text = readFileSync(`/proc/${pid}/status`, 'utf8');
		const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
		return match ? Number(match[1]) * 1024 : undefined;
	} catch {
		return undefined;
	}
}

/** The direct children of a process (from /proc/<pid>/task/<pid>/children). */
export function childPids(pid) {
	try {
		return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
			.trim()
			.split(/\s+/)
			.filter(Boolean)
			.map(Number);
	} catch {
		return [];
	}
}

/**
 * CPU time (ms, user + system, all threads) used so far by `pid` and its child processes (n8n's
 * task runner), from /proc: robust to other load on the machine, unlike wall-clock throughput.
 */
export function cpuMs(pid) {
	const own = (id) => {
		try {
			const stat = readFileSync(`/proc/${id}/stat`, 'utf8');
			// fields after the ")" of the command name: utime is the 14th field, stime the 15th
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
		} catch {
			return 0;
		}
	};
	return [pid, ...childPids(pid)].reduce((sum, id) => sum + own(id), 0);
}

/** Samples the resident set size of `pid` every `everyMs` until stopped; returns { peak, samples }. */
export function rssSampler(pid, everyMs = 50) {
	let peak = procStatusBytes(pid, 'VmRSS') ?? 0;
	const start = peak;
	const timer = setInterval(() => {
		const rss = procStatusBytes(pid, 'VmRSS');
		if (rss !== undefined && rss > peak) peak = rss;
	}, everyMs);
	return {
		stop() {
			clearInterval(timer);
			const rss = procStatusBytes(pid, 'VmRSS');
			if (rss !== undefined && rss > peak) peak = rss;
			return { start, peak };
		},
	};
}

/** Runs `tasks` (functions returning promises) with at most `limit` at a time; resolves results in order. */
export async function pool(tasks, limit) {
	const results = new Array(tasks.length);
	let next = 0;
	const worker = async () => {
		while (next < tasks.length) {
			const index = next++;
			results[index] = await tasks[index]();
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
	return results;
}

export { readFileSync };
