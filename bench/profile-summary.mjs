// node bench/profile-summary.mjs <file.cpuprofile> timeline
// node bench/profile-summary.mjs <file.cpuprofile> self <fromSecond> <toSecond> [rows]
// node bench/profile-summary.mjs <file.cpuprofile> callers <fromSecond> <toSecond> <leafRegExp> [depth]
// Reads a V8 CPU profile of n8n (e.g. `npm run bench -- --only=trigger --tag=prof
// "--trigger-env=NODE_OPTIONS=--max-old-space-size=8192 --cpu-prof --cpu-prof-dir=/tmp/prof"`):
// `timeline` prints the busy share per second (to find where the Webhook node's load ends and the
// trigger's begins), `self` the functions that took the most CPU in a window, `callers` who called
// the functions matching <leafRegExp> (frames of n8n's expression engine left out).
import { readFileSync } from 'node:fs';

const [file, mode, ...rest] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parentOf = new Map();
for (const node of profile.nodes)
	for (const child of node.children ?? []) parentOf.set(child, node.id);
const seconds = [];
let at = profile.startTime;
for (const delta of profile.timeDeltas) {
	at += delta;
	seconds.push((at - profile.startTime) / 1e6);
}
const frame = (id) => {
	const { functionName, url, lineNumber } = byId.get(id).callFrame;
	return `${functionName || '(anonymous)'} ${url.replace(/.*node_modules\//, '')}:${lineNumber}`;
};
const idle = (id) => byId.get(id).callFrame.functionName === '(idle)';
const msPerSample = (at - profile.startTime) / 1000 / profile.samples.length;
const inWindow = (from, to) =>
	profile.samples
		.map((id, i) => [id, seconds[i]])
		.filter(([id, s]) => s >= from && s < to && !idle(id));
const top = (counts, rows, total) =>
	[...counts.entries()]
		.sort((a, b) => b[1] - a[1])
		.slice(0, rows)
		.map(([key, n]) => `${((100 * n) / total).toFixed(1).padStart(5)} %  ${key}`)
		.join('\n');

if (mode === 'timeline') {
	const busy = {};
	profile.samples.forEach((id, i) => {
		const s = Math.floor(seconds[i]);
		busy[s] ??= [0, 0];
		busy[s][idle(id) ? 1 : 0] += 1;
	});
	console.log(
		Object.entries(busy)
			.map(([s, [b, i]]) => `${s}:${Math.round((100 * b) / (b + i))}%`)
			.join(' '),
	);
} else if (mode === 'self' || mode === 'callers') {
	const [from, to] = rest.map(Number);
	const samples = inWindow(from, to);
	console.log(`${samples.length} busy samples ≈ ${Math.round(samples.length * msPerSample)} ms`);
	const counts = new Map();
	const add = (key) => counts.set(key, (counts.get(key) ?? 0) + 1);
	if (mode === 'self') {
		for (const [id] of samples) add(frame(id));
		console.log(top(counts, Number(rest[2] ?? 30), samples.length));
	} else {
		const leaf = new RegExp(rest[2]);
		const depth = Number(rest[3] ?? 4);
		for (const [id] of samples) {
			if (!leaf.test(frame(id))) continue;
			const chain = [];
			for (let up = parentOf.get(id); up !== undefined; up = parentOf.get(up))
				chain.push(frame(up));
			add(
				chain
					.filter((f) => !/expression-runtime|expression\.js|workflow-expression|\(root\)/.test(f))
					.slice(0, depth)
					.join(' < '),
			);
		}
		console.log(top(counts, 15, samples.length));
	}
} else {
	console.error('usage: see the top of bench/profile-summary.mjs');
	process.exit(2);
}
