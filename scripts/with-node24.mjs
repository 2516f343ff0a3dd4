// Usage: node scripts/with-node24.mjs <script> [args...]
// Runs <script> under Node >= 24. On an older Node, fetches node@24 into .cache/node24 (once) and
// re-executes the script with it: its bin dir first on PATH, npm_config_nodedir pointing at its
// headers (for node-gyp). Exit code and signals (Ctrl-C, SIGTERM) are forwarded to the child.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const { MAJOR, ensureNode24, node24Env } = require('./lib/node24.cjs');

const [script, ...args] = process.argv.slice(2);
if (!script) {
	console.error('usage: node scripts/with-node24.mjs <script> [args...]');
	process.exit(2);
}

if (Number(process.versions.node.split('.')[0]) >= MAJOR) {
	// Already new enough: run the script in this process.
	process.argv = [process.argv[0], resolve(script), ...args];
	await import(pathToFileURL(resolve(script)).href);
} else {
	let paths;
	try {
		paths = ensureNode24();
	} catch (error) {
		console.error(`[with-node24] ${error.message}`);
		process.exit(1);
	}
	const child = spawn(paths.bin, [script, ...args], { stdio: 'inherit', env: node24Env(paths) });
	// Ctrl-C reaches the whole foreground process group (so the child gets it too); still forward
	// every signal in case only this process was signalled (kill <pid>, CI timeouts).
	const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
	for (const signal of signals) {
		process.on(signal, () => {
			if (child.exitCode === null && child.signalCode === null) child.kill(signal);
		});
	}
	child.on('error', (error) => {
		console.error(`[with-node24] could not start ${paths.bin}: ${error.message}`);
		process.exit(1);
	});
	child.on('exit', (code, signal) => {
		if (signal) {
			// Die from the same signal so callers see the right status.
			for (const s of signals) process.removeAllListeners(s);
			process.kill(process.pid, signal);
			setTimeout(() => process.exit(128 + 1), 1000).unref();
		} else {
			process.exit(code ?? 1);
		}
	});
}
