// A real n8n 2.41.1 for dev and end-to-end tests, run with Node 24.
// - ensureN8n(): cached install in <project>/.cache/n8n (npm install --ignore-scripts, one retry,
//   then `npm rebuild sqlite3` with Node 24 headers); a marker file records a complete install.
// - packAndInstall(userFolder): build, `npm pack`, and install the tarball into
//   <userFolder>/.n8n/nodes the way n8n's community-package installer does.
// - startN8n / ensureOwner / importAndExecute / runN8nCli / freePort: drive that n8n.
// CommonJS so both the .mjs scripts and the jest harness (test/e2e/harness.ts) can load it.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { ROOT, cleanNpmEnv, ensureNode24, node24Binary, node24Paths } = require('./node24.cjs');

const N8N_VERSION = '2.41.1';
const N8N_OVERRIDES = { linkedom: '0.18.14' }; // 0.18.15 needs a package the registry mirror lacks
const CACHE_DIR = path.join(ROOT, '.cache', 'n8n');
const MARKER = path.join(CACHE_DIR, '.workforce-runtime-complete.json');
const PACK_DIR = path.join(ROOT, '.cache', 'pack');
const OWNER_FILE = 'dev-owner.json'; // in the user folder, next to .n8n/
const DEV_OWNER_EMAIL = 'dev@workforce.local';

const defaultLog = (message) => process.stderr.write(`${message}\n`);
/** Resolves after `ms`; an `unref`ed timer does not keep the process alive. */
const sleep = (ms, unref = false) =>
	new Promise((resolve) => {
		const timer = setTimeout(resolve, ms);
		if (unref) timer.unref();
	});
const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));
const wantedMarker = () => ({
	n8n: N8N_VERSION,
	overrides: N8N_OVERRIDES,
	sqlite3BuiltFor: 'node24',
});

function run(cmd, args, options, log) {
	log(
		`$ ${cmd} ${args.join(' ')}${options.cwd ? `   (in ${path.relative(ROOT, options.cwd) || '.'})` : ''}`,
	);
	const res = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options });
	return res.status === 0 && !res.error;
}

// ---------------------------------------------------------------- cached n8n install

/** Make sure .cache/n8n holds a complete n8n install (marker file). Returns paths. ~4-5 min first time. */
function ensureN8n({ log = defaultLog } = {}) {
	const n8nBin = path.join(CACHE_DIR, 'node_modules', 'n8n', 'bin', 'n8n');
	const result = { dir: CACHE_DIR, n8nBin };
	if (installComplete(n8nBin)) return result;
	const release = lockInstall(log);
	try {
		if (!installComplete(n8nBin)) installN8n(n8nBin, log); // another process may have finished it
	} finally {
		release();
	}
	return result;
}

function installComplete(n8nBin) {
	try {
		return (
			JSON.stringify(readJson(MARKER).spec) === JSON.stringify(wantedMarker()) &&
			fs.existsSync(n8nBin)
		);
	} catch {
		return false;
	}
}

/** One installer at a time (dev and a test run may both start on a fresh clone). Returns release(). */
function lockInstall(log) {
	const lock = `${CACHE_DIR}.lock`;
	fs.mkdirSync(path.dirname(lock), { recursive: true });
	const deadline = Date.now() + 30 * 60 * 1000;
	for (let announced = false; ; ) {
		try {
			fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
			return () => fs.rmSync(lock, { force: true });
		} catch (error) {
			if (error.code !== 'EEXIST') throw error;
		}
		const text = fs.readFileSync(lock, 'utf8');
		const holder = Number(text);
		let alive = text === ''; // just created, pid not written yet
		try {
			if (holder > 0) alive = process.kill(holder, 0);
		} catch {
			/* stale lock: its process is gone */
		}
		if (!alive) {
			fs.rmSync(lock, { force: true });
			continue;
		}
		if (Date.now() > deadline)
			throw new Error(`gave up waiting for process ${holder} to install n8n (${lock})`);
		if (!announced) log(`[n8n] waiting for process ${holder}, which is installing n8n`);
		announced = true;
		Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2000); // synchronous 2 s sleep
	}
}

function installN8n(n8nBin, log) {
	const started = Date.now();
	fs.mkdirSync(CACHE_DIR, { recursive: true });
	fs.rmSync(MARKER, { force: true });
	const pkg = {
		name: 'n8n-runtime',
		private: true,
		dependencies: { n8n: N8N_VERSION },
		overrides: N8N_OVERRIDES,
	};
	fs.writeFileSync(path.join(CACHE_DIR, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
	const node24 = ensureNode24({ log });
	// Child npm runs under Node 24 (PATH), without npm's run-script variables from `npm test`.
	const env = cleanNpmEnv({
		PATH: `${node24.binDir}${path.delimiter}${process.env.PATH}`,
		npm_config_nodedir: node24.nodedir,
	});

	log(
		`[n8n] installing n8n@${N8N_VERSION} into ${path.relative(ROOT, CACHE_DIR)} (3-4 min, ~3 GB)`,
	);
	// --ignore-scripts: native builds (e.g. the Kafka node's) cannot work offline; sqlite3 is rebuilt below.
	const install = ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'];
	let ok = run('npm', install, { cwd: CACHE_DIR, env, timeout: 20 * 60 * 1000 }, log);
	if (!ok) {
		// The registry mirror sometimes serves a stale listing ("No matching version"); a retry succeeds.
		log('[n8n] npm install failed, retrying once');
		ok = run('npm', install, { cwd: CACHE_DIR, env, timeout: 20 * 60 * 1000 }, log);
	}
	if (!ok) throw new Error(`npm install of n8n@${N8N_VERSION} failed twice (see output above)`);

	log('[n8n] building sqlite3 for Node 24 (~1 min)');
	// The C compiler's warnings are many; they go to a log file, shown only on failure.
	const rebuildLog = path.join(CACHE_DIR, 'sqlite3-rebuild.log');
	const logFd = fs.openSync(rebuildLog, 'w');
	const rebuild = ['rebuild', 'sqlite3', '--ignore-scripts=false', '--foreground-scripts'];
	const rebuilt = run(
		'npm',
		rebuild,
		{ cwd: CACHE_DIR, env, stdio: ['ignore', logFd, logFd], timeout: 15 * 60 * 1000 },
		log,
	);
	fs.closeSync(logFd);
	if (!rebuilt)
		throw new Error(`npm rebuild sqlite3 failed; log: ${rebuildLog}\n${tail(rebuildLog)}`);
	const probe = spawnSync(
		node24.bin,
		['-e', "const s=require('sqlite3'); new s.Database(':memory:').close(e=>process.exit(e?1:0))"],
		{ cwd: CACHE_DIR, encoding: 'utf8', timeout: 60 * 1000 },
	);
	if (probe.status !== 0) throw new Error(`sqlite3 does not load under Node 24:\n${probe.stderr}`);
	if (!fs.existsSync(n8nBin)) throw new Error(`n8n binary missing after install: ${n8nBin}`);

	const seconds = Math.round((Date.now() - started) / 1000);
	fs.writeFileSync(
		MARKER,
		`${JSON.stringify({ spec: wantedMarker(), completedAt: new Date().toISOString(), seconds }, null, 2)}\n`,
	);
	log(`[n8n] runtime ready in ${seconds}s`);
}

/** Where n8n's own n8n-workflow lives (community packages must use this copy). */
function n8nWorkflowDir() {
	const pkgJson = require.resolve('n8n-workflow/package.json', {
		paths: [path.join(CACHE_DIR, 'node_modules', 'n8n')],
	});
	return path.dirname(pkgJson);
}

// ---------------------------------------------------------------- package: build, pack, install

/** The package.json of this project (name, version, n8n.nodes, n8n.credentials). */
function projectPackage() {
	return readJson(path.join(ROOT, 'package.json'));
}

/** `npm run build` (unless build: false) then `npm pack` into .cache/pack/. Returns the tarball path. */
function packProject({ build = true, log = defaultLog } = {}) {
	const env = cleanNpmEnv();
	if (build && !run('npm', ['run', 'build', '--silent'], { cwd: ROOT, env }, log))
		throw new Error('npm run build failed');
	fs.rmSync(PACK_DIR, { recursive: true, force: true });
	fs.mkdirSync(PACK_DIR, { recursive: true });
	const res = spawnSync(
		'npm',
		['pack', '--json', '--pack-destination', PACK_DIR, '--loglevel=error'],
		{
			cwd: ROOT,
			env,
			encoding: 'utf8',
			timeout: 5 * 60 * 1000,
		},
	);
	if (res.status !== 0) throw new Error(`npm pack failed:\n${res.stderr}`);
	const [{ filename }] = JSON.parse(res.stdout);
	const tarball = path.join(PACK_DIR, path.basename(filename));
	log(`[pack] ${path.relative(ROOT, tarball)}`);
	return tarball;
}

/** The package.json inside a packed tarball (package/package.json). */
function tarballPackage(tarball) {
	const res = spawnSync('tar', ['-xzOf', tarball, 'package/package.json'], {
		encoding: 'utf8',
		maxBuffer: 16 * 1024 * 1024,
	});
	if (res.status !== 0) throw new Error(`cannot read package.json from ${tarball}: ${res.stderr}`);
	return JSON.parse(res.stdout);
}

/**
 * Install a packed tarball into <userFolder>/.n8n/nodes exactly as n8n's CommunityPackagesService
 * does (downloadPackage): extract into node_modules/<name>, drop dev/peer/optional dependencies from
 * its package.json, `npm install` its runtime dependencies inside it, record it in nodes/package.json.
 * The name is the tarball's (this project's package or one of the packages of scripts/packages.cjs).
 */
function installTarball(userFolder, tarball, { log = defaultLog } = {}) {
	const { name } = tarballPackage(tarball);
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const packageDir = path.join(nodesDir, 'node_modules', name);
	fs.rmSync(packageDir, { recursive: true, force: true });
	fs.mkdirSync(packageDir, { recursive: true });
	const tar = spawnSync('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1'], {
		encoding: 'utf8',
	});
	if (tar.status !== 0) throw new Error(`tar failed: ${tar.stderr}`);

	const pkgFile = path.join(packageDir, 'package.json');
	const { devDependencies, peerDependencies, optionalDependencies, ...installed } =
		readJson(pkgFile);
	(void devDependencies, void peerDependencies, void optionalDependencies);
	fs.writeFileSync(pkgFile, JSON.stringify(installed, null, 2));
	const args = [
		'install',
		'--audit=false',
		'--fund=false',
		'--bin-links=false',
		'--install-strategy=shallow',
		'--ignore-scripts=true',
		'--package-lock=false',
		'--loglevel=error',
	];
	if (!run('npm', args, { cwd: packageDir, env: cleanNpmEnv(), timeout: 5 * 60 * 1000 }, log)) {
		throw new Error(`npm install inside ${packageDir} failed`);
	}

	const ledgerFile = path.join(nodesDir, 'package.json');
	const ledger = fs.existsSync(ledgerFile)
		? readJson(ledgerFile)
		: { name: 'installed-nodes', private: true, dependencies: {} };
	ledger.dependencies = { ...ledger.dependencies, [name]: installed.version };
	fs.writeFileSync(ledgerFile, JSON.stringify(ledger, null, 2));

	// A real install lives in ~/.n8n/nodes, where `require('n8n-workflow')` walks up, finds nothing and
	// falls back to the NODE_PATH n8n sets (n8n's own copy). Our user folders sit inside this project,
	// whose node_modules holds another n8n-workflow (a devDependency) that the walk-up would reach
	// first. This link (outside .n8n/) stops the walk-up at n8n's copy, as on a real machine.
	const shim = path.join(userFolder, 'node_modules', 'n8n-workflow');
	fs.mkdirSync(path.dirname(shim), { recursive: true });
	fs.rmSync(shim, { recursive: true, force: true });
	fs.symlinkSync(n8nWorkflowDir(), shim, 'dir');

	verifyInstalledPackage(userFolder, name);
	return packageDir;
}

/**
 * Load every node and credential file listed in the installed package.json with module resolution
 * limited to what a real install sees (the package's own folder tree under .n8n/, then n8n's
 * NODE_PATH): an import of an undeclared dependency, or of a second n8n-workflow copy, fails here
 * instead of being satisfied silently by this project's node_modules.
 */
function verifyInstalledPackage(userFolder, name = projectPackage().name) {
	const dotN8n = path.join(fs.realpathSync(userFolder), '.n8n');
	const packageDir = path.join(dotN8n, 'nodes', 'node_modules', name);
	const n8nDir = path.join(CACHE_DIR, 'node_modules', 'n8n');
	const res = spawnSync(
		node24Binary(),
		[
			path.join(__dirname, 'verify-install.cjs'),
			packageDir,
			dotN8n,
			n8nDir,
			path.join(CACHE_DIR, 'node_modules'),
			fs.realpathSync(n8nWorkflowDir()),
		],
		{
			encoding: 'utf8',
			cwd: dotN8n,
			timeout: 120 * 1000,
			env: { ...process.env, N8N_LOG_LEVEL: 'silent' },
		},
	);
	if (res.status !== 0) {
		throw new Error(
			`the installed package does not load like a community install:\n${(res.stderr || res.stdout).trimEnd()}`,
		);
	}
}

/** Build + pack + install into <userFolder>/.n8n/nodes. Pass `tarball` to reuse an existing pack. */
function packAndInstall(userFolder, { tarball, build = true, log = defaultLog } = {}) {
	ensureN8n({ log });
	const file = tarball ?? packProject({ build, log });
	return installTarball(userFolder, file, { log });
}

// ---------------------------------------------------------------- running n8n

/** A free TCP port on 127.0.0.1 (the OS picks it; tiny race until the caller binds it). */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/** Environment for an n8n process using <userFolder>. */
function n8nEnv({ userFolder, port, brokerPort, extra = {} }) {
	const node24 = node24Paths();
	const env = cleanNpmEnv({
		PATH: `${path.dirname(node24Binary())}${path.delimiter}${process.env.PATH}`,
		N8N_USER_FOLDER: userFolder,
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_SECURE_COOKIE: 'false', // plain http on 127.0.0.1
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_DISABLED_MODULES: 'mcp-registry', // fetches api.n8n.io every start: only errors offline
		...extra,
	});
	// jest sets NODE_ENV=test, which makes n8n use an in-memory database (imports vanish) and
	// refuse to load nodes; a real instance runs without it.
	delete env.NODE_ENV;
	for (const key of Object.keys(env)) if (key.startsWith('JEST_')) delete env[key];
	if (port) env.N8N_PORT = String(port);
	if (node24.nodedir) env.npm_config_nodedir = node24.nodedir;
	return env;
}

const GUARD = path.join(__dirname, 'n8n-guard.cjs');
const running = new Set(); // guards still alive, killed on exit as a last resort
process.once('exit', () => {
	for (const child of running) killGroup(child, 'SIGKILL');
});

/**
 * Spawn `node24 <n8nBin> ...args` behind n8n-guard.cjs, in a process group of its own: the guard
 * ends n8n if this process dies without stopping it, and the group holds n8n's task runner too.
 */
function spawnN8n(args, { userFolder, env, stdio }) {
	const { n8nBin } = ensureN8n();
	const node = node24Binary();
	const child = spawn(node, [GUARD, node, n8nBin, ...args], {
		cwd: userFolder,
		env,
		stdio,
		detached: true,
	});
	running.add(child);
	child.once('exit', () => running.delete(child));
	return child;
}

function killGroup(child, signal) {
	try {
		process.kill(-child.pid, signal);
	} catch {
		/* group already gone */
	}
}

function exited(child) {
	return child.exitCode !== null || child.signalCode !== null;
}

/**
 * Stop a guarded n8n: SIGTERM to the guard only (it passes one SIGTERM on; n8n shuts down
 * gracefully, a second signal would cut that short), SIGKILL to the group after `graceMs` (n8n's
 * own shutdown timeout is 30 s), and SIGKILL to whatever is left of the group (task runner) once
 * n8n exited. Resolves when done.
 */
async function stopChild(child, graceMs = 40 * 1000) {
	if (!exited(child)) {
		const done = new Promise((resolve) => child.once('exit', () => resolve('exited')));
		child.kill('SIGTERM');
		if ((await Promise.race([done, sleep(graceMs, true)])) !== 'exited') {
			killGroup(child, 'SIGKILL');
			await Promise.race([done, sleep(5000, true)]);
		}
	}
	killGroup(child, 'SIGKILL');
	running.delete(child);
}

/**
 * Start `n8n start` for <userFolder> on 127.0.0.1:<port> and wait for /healthz/readiness.
 * Output goes to `logFile` (default <userFolder>/n8n.log), and also to this process's stdout if
 * `echo`. Returns { url, port, logFile, child, stop() }; stop() kills the whole process group.
 */
async function startN8n({
	userFolder,
	port,
	logFile,
	echo = false,
	readyTimeoutMs = 180 * 1000,
	env: extra = {},
	log = defaultLog,
}) {
	ensureN8n({ log });
	fs.mkdirSync(userFolder, { recursive: true });
	const listenPort = port ?? (await freePort());
	let brokerPort = await freePort();
	while (brokerPort === listenPort) brokerPort = await freePort();
	const file = logFile ?? path.join(userFolder, 'n8n.log');
	const out = fs.openSync(file, 'a');
	const child = spawnN8n(['start'], {
		userFolder,
		env: n8nEnv({ userFolder, port: listenPort, brokerPort, extra }),
		stdio: ['ignore', echo ? 'pipe' : out, echo ? 'pipe' : out],
	});
	fs.closeSync(out);
	if (echo) {
		const sink = fs.createWriteStream(file, { flags: 'a' });
		for (const stream of [child.stdout, child.stderr]) {
			stream.on('data', (chunk) => {
				process.stdout.write(chunk);
				sink.write(chunk);
			});
		}
	}
	const url = `http://127.0.0.1:${listenPort}`;
	const stop = () => stopChild(child);

	const deadline = Date.now() + readyTimeoutMs;
	for (;;) {
		if (exited(child)) {
			throw new Error(
				`n8n exited (code ${child.exitCode}, signal ${child.signalCode}) before it was ready; log: ${file}\n${tail(file)}`,
			);
		}
		try {
			const res = await fetch(`${url}/healthz/readiness`, { signal: AbortSignal.timeout(2000) });
			if (res.ok) break;
		} catch {
			/* not listening yet */
		}
		if (Date.now() > deadline) {
			await stop();
			throw new Error(
				`n8n was not ready within ${readyTimeoutMs / 1000}s; log: ${file}\n${tail(file)}`,
			);
		}
		await sleep(250);
	}
	return { url, port: listenPort, logFile: file, child, stop };
}

function tail(file, lines = 40) {
	try {
		return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
	} catch {
		return '';
	}
}

/**
 * Log in as the instance owner, creating it on first use. The e-mail is fixed (dev@workforce.local),
 * the password generated once and kept in <userFolder>/dev-owner.json. Returns { email, password, cookie }.
 */
async function ensureOwner(url, userFolder) {
	const file = path.join(userFolder, OWNER_FILE);
	const saved = fs.existsSync(file) ? readJson(file) : undefined;
	if (saved) {
		const login = await postJson(`${url}/rest/login`, {
			emailOrLdapLoginId: saved.email,
			password: saved.password,
		});
		if (login.ok) return { ...saved, cookie: login.cookie };
	}
	// n8n's password rules: 8-64 characters, at least one digit and one upper-case letter.
	const owner = {
		email: DEV_OWNER_EMAIL,
		password: `Wf${crypto.randomBytes(9).toString('base64url')}7Q`,
	};
	const setup = await postJson(`${url}/rest/owner/setup`, {
		...owner,
		firstName: 'Dev',
		lastName: 'Owner',
	});
	if (!setup.ok) {
		throw new Error(
			`owner setup failed (${setup.status}: ${setup.text.slice(0, 200)}). If an owner exists whose password ` +
				`is not in ${file}, delete ${userFolder} (or run \`n8n user-management:reset\`) and start again.`,
		);
	}
	fs.writeFileSync(file, `${JSON.stringify(owner, null, 2)}\n`, { mode: 0o600 });
	return { ...owner, cookie: setup.cookie };
}

async function postJson(url, body) {
	const res = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
		signal: AbortSignal.timeout(30 * 1000),
	});
	const text = await res.text();
	const cookie = (res.headers.getSetCookie?.() ?? [])
		.map((c) => c.split(';')[0])
		.filter((c) => c.startsWith('n8n-auth='))
		.join('; ');
	return { ok: res.ok && Boolean(cookie), status: res.status, text, cookie };
}

/** GET a JSON document from the running n8n with the owner's cookie (e.g. /types/nodes.json). */
async function getJson(url, cookie) {
	const res = await fetch(url, { headers: { cookie }, signal: AbortSignal.timeout(30 * 1000) });
	if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${(await res.text()).slice(0, 200)}`);
	return await res.json();
}

// ---------------------------------------------------------------- CLI: import and execute

/**
 * Run an n8n CLI command (`import:workflow`, `execute`, ...) against <userFolder>; works while a
 * server runs on the same folder (it gets its own task-broker port). Bounded by `timeoutMs`.
 * Resolves { code, stdout, stderr }.
 */
async function runN8nCli(userFolder, args, { timeoutMs = 180 * 1000, env: extra = {} } = {}) {
	const brokerPort = await freePort();
	const child = spawnN8n(args, {
		userFolder,
		env: n8nEnv({ userFolder, brokerPort, extra: { N8N_LOG_LEVEL: 'warn', ...extra } }),
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (c) => (stdout += c));
	child.stderr.on('data', (c) => (stderr += c));
	let timedOut = false;
	const timer = setTimeout(() => {
		timedOut = true;
		killGroup(child, 'SIGKILL');
	}, timeoutMs);
	const code = await new Promise((resolve) =>
		child.once('close', (c, signal) => resolve(c ?? signal)),
	);
	clearTimeout(timer);
	killGroup(child, 'SIGKILL'); // a task runner it may have left behind
	running.delete(child);
	if (timedOut)
		throw new Error(
			`n8n ${args.join(' ')} timed out after ${timeoutMs / 1000}s\n${stdout}\n${stderr}`,
		);
	return { code, stdout, stderr };
}

const newId = () => crypto.randomBytes(12).toString('base64url').replace(/[-_]/g, 'x').slice(0, 16);

/**
 * Import credentials and a workflow into <userFolder>, execute the workflow with `n8n execute --id`
 * and return its run data (IRun: data.resultData.runData, .error, status...). Credentials are
 * `{ id?, name, type, data }` with plain `data` (n8n encrypts it on import); missing ids are
 * generated and written back onto the objects so the workflow can reference them.
 */
async function importAndExecute(
	userFolder,
	workflowJson,
	credentials = [],
	{ timeoutMs = 180 * 1000 } = {},
) {
	const dir = path.join(userFolder, 'imports');
	fs.mkdirSync(dir, { recursive: true });
	const cli = async (args) => {
		const res = await runN8nCli(userFolder, args, { timeoutMs });
		if (res.code !== 0)
			throw new Error(
				`n8n ${args.join(' ')} exited with ${res.code}\n${res.stdout}\n${res.stderr}`,
			);
		return res;
	};
	if (credentials.length > 0) {
		for (const credential of credentials) credential.id ??= newId();
		const file = path.join(dir, `credentials-${Date.now()}.json`);
		fs.writeFileSync(file, JSON.stringify(credentials, null, 2));
		await cli(['import:credentials', `--input=${file}`]);
	}
	const workflow = { name: 'e2e', active: false, connections: {}, settings: {}, ...workflowJson };
	workflow.id ??= newId();
	const file = path.join(dir, `workflow-${workflow.id}.json`);
	fs.writeFileSync(file, JSON.stringify(workflow, null, 2));
	await cli(['import:workflow', `--input=${file}`]);
	// The run data is logged at level info (`execute` has no real --rawOutput flag any more).
	const res = await runN8nCli(userFolder, ['execute', `--id=${workflow.id}`], {
		timeoutMs,
		env: { N8N_LOG_LEVEL: 'info' },
	});
	return parseExecuteOutput(res);
}

/**
 * `n8n execute` logs "Execution was successful:" (or "Execution error:"), a line of "=", then the
 * run as JSON.stringify(run, null, 2): a lone "{" line up to the first lone "}" line.
 */
function parseExecuteOutput({ code, stdout, stderr }) {
	const lines = stdout.split('\n');
	const banner = lines.findIndex((line) => /^={10,}\s*$/.test(line));
	const start =
		banner < 0 ? -1 : lines.findIndex((line, i) => i > banner && line.trimEnd() === '{');
	const end = start < 0 ? -1 : lines.findIndex((line, i) => i > start && line.trimEnd() === '}');
	if (end > start) {
		try {
			return JSON.parse(lines.slice(start, end + 1).join('\n'));
		} catch {
			/* fall through */
		}
	}
	throw new Error(
		`n8n execute printed no run data (exit ${code})\nstdout:\n${stdout}\nstderr:\n${stderr}`,
	);
}

module.exports = {
	CACHE_DIR,
	DEV_OWNER_EMAIL,
	N8N_VERSION,
	ensureN8n,
	ensureOwner,
	freePort,
	getJson,
	importAndExecute,
	installTarball,
	n8nEnv,
	node24Binary,
	packAndInstall,
	packProject,
	projectPackage,
	runN8nCli,
	startN8n,
	tarballPackage,
	verifyInstalledPackage,
};
