// `npm run dev`: build this package, pack it, install it into the dev n8n's user folder
// (.cache/dev-n8n/.n8n/nodes, the community-package layout), start n8n 2.41.1 (SQLite) on
// http://127.0.0.1:5678 in the foreground and print the owner login. Ctrl-C stops n8n.
// Every start rebuilds and reinstalls, so edits show up after a restart.
// Options (env): N8N_PORT (default 5678), WF_DEV_USER_FOLDER (default .cache/dev-n8n).
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const runtime = require('./lib/n8n-runtime.cjs');
const { ROOT } = require('./lib/node24.cjs');

const port = Number(process.env.N8N_PORT ?? 5678);
const userFolder = process.env.WF_DEV_USER_FOLDER ?? join(ROOT, '.cache', 'dev-n8n');
const log = (message) => console.log(`[dev] ${message}`);

let n8n;
let stopping = false;
async function shutdown(signal) {
	if (stopping) return; // Ctrl-C reaches us twice (directly and via with-node24)
	stopping = true;
	log(`${signal}: stopping n8n...`);
	await n8n?.stop();
	log('n8n stopped');
	process.exit(signal === 'SIGINT' ? 130 : 143);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'])
	process.on(signal, () => void shutdown(signal));

try {
	runtime.ensureN8n({ log });
	log('building and installing the package');
	runtime.packAndInstall(userFolder, { log });
	log(
		`starting n8n ${runtime.N8N_VERSION} on http://127.0.0.1:${port} (user folder ${userFolder})`,
	);
	n8n = await runtime.startN8n({ userFolder, port, echo: true, log });
	const owner = await runtime.ensureOwner(n8n.url, userFolder);
	const { name, n8n: section } = runtime.projectPackage();
	console.log(
		[
			'',
			'='.repeat(64),
			`  n8n is ready:  ${n8n.url}`,
			`  login e-mail:  ${owner.email}`,
			`  password:      ${owner.password}`,
			`  package:       ${name} (${section?.nodes?.length ?? 0} nodes, ${section?.credentials?.length ?? 0} credentials)`,
			`  log file:      ${n8n.logFile}`,
			'  Ctrl-C stops n8n. Restart `npm run dev` after editing to rebuild and reinstall.',
			'='.repeat(64),
			'',
		].join('\n'),
	);
	n8n.child.once('exit', (code, signal) => {
		if (stopping) return;
		log(`n8n exited unexpectedly (code ${code}, signal ${signal}); see ${n8n.logFile}`);
		process.exit(1);
	});
} catch (error) {
	console.error(`[dev] ${error.message}`);
	await n8n?.stop();
	process.exit(1);
}
