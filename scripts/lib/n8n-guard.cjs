// Usage: node n8n-guard.cjs <command> [args...]
// Runs <command> (an n8n process) and makes sure it cannot outlive whoever started this guard:
// when the guard's parent dies (jest killed, terminal closed, kill -9), the command gets SIGTERM
// and, 35 s later, its whole process group SIGKILL. SIGTERM/SIGINT to the guard are passed on.
// Spawned detached by n8n-runtime.cjs, so guard, n8n and n8n's task runner share one process group.
'use strict';
const { spawn } = require('node:child_process');

const [command, ...args] = process.argv.slice(2);
const parent = process.ppid;
const child = spawn(command, args, { stdio: 'inherit' });

let stopping = false;
function stop(signal, forceAfterMs) {
	if (stopping) return;
	stopping = true;
	if (child.exitCode === null && child.signalCode === null) child.kill(signal);
	if (forceAfterMs === undefined) return; // a live starter escalates itself if it has to
	setTimeout(() => {
		try {
			process.kill(-process.pid, 'SIGKILL'); // our group: n8n, its task runner, this guard
		} catch {
			process.exit(1);
		}
	}, forceAfterMs).unref();
}

// One SIGTERM for n8n, however many reach the guard (a second signal cuts n8n's shutdown short).
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, () => stop('SIGTERM'));
const watch = setInterval(() => {
	// Re-parented: the starter is gone. n8n's graceful shutdown takes up to 30 s by default.
	if (process.ppid !== parent) stop('SIGTERM', 35_000);
}, 500);
child.on('error', (error) => {
	process.stderr.write(`[n8n-guard] ${error.message}\n`);
	process.exit(1);
});
child.on('exit', (code, signal) => {
	clearInterval(watch);
	process.exit(code ?? (signal ? 128 + 15 : 1));
});
