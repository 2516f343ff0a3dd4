// npm run bench:queue [-- --quick] [-- --db=sqlite] [-- --tarball=<prebuilt package>]
//                     [-- --report-only]   (rewrite bench/QUEUE-RESULTS.md from bench/.work/queue-results.json)
// The package in n8n's queue mode: Redis (Debian's redis-server) on a free 127.0.0.1 port, one main
// (`n8n start`, receives webhooks, enqueues) and two workers (`n8n worker`), all with
// EXECUTIONS_MODE=queue on one user folder, with a private PostgreSQL cluster from Debian's
// postgresql package (`--db=sqlite` uses the user folder's SQLite file instead; n8n warns that
// scaling mode is not supported with SQLite, and under load it fails executions with SQLITE_BUSY).
// Proves across workers:
//   - de-duplication: the Sense Trigger load (1,000 write-backs, 10% re-sends, 5% bad tokens, the
//     ledger full from the start) runs every good write-back exactly once, and after a restart of
//     main every re-sent write-back is acknowledged without running again (main alone writes the
//     ledger that survives a restart; docs/scaling-out.md);
//   - tokens: batch upserts fetch at most one token per worker process (the upserts of one process
//     share it); many Sense "Get" executions spread over both workers
//     fetch at most one token per token lifetime per worker process (the token lives in the
//     credential, shared through the database; processes do not lock each other);
//   - paging: Return All of 10,000 Sesame employees in executions on both workers.
// Every process binds 127.0.0.1 and is stopped at the end; every loop is bounded.
import { spawn, spawnSync } from 'node:child_process';
import {
	closeSync,
	existsSync,
	mkdirSync,
	openSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { createConnection } from 'node:net';
import { join, resolve } from 'node:path';

import { startAtsFake, startSesameFake, startSink } from './fakes/others.mjs';
import { startSenseFake } from './fakes/sense.mjs';
import { createInstance, runtime } from './lib/n8n.mjs';
import { buildAndPack } from './lib/pkg.mjs';
import { triggerSection } from './lib/report.mjs';
import { BENCH_DIR, BENCH_WORK, fmt, log, pool, ROOT, sleep } from './lib/util.mjs';
import { chain, credRef, httpNode, node, ours, webhookNode } from './lib/workflows.mjs';
import { senseCredentials, SENSE_CRED } from './scenarios/sense-upsert.mjs';
import { countNode, sesameCredentials, SESAME_CRED } from './scenarios/sesame-paging.mjs';
import {
	replay,
	runTriggerLoad,
	triggerCredentials,
	triggerWorkflow,
	TRIGGER_PATH,
	TRIGGER_WORKFLOW_ID,
} from './trigger-load.mjs';

const quick = process.argv.includes('--quick');
const tarballArg = process.argv.find((a) => a.startsWith('--tarball='))?.slice('--tarball='.length);
const db = process.argv.find((a) => a.startsWith('--db='))?.slice('--db='.length) ?? 'postgres';
const config = {
	workers: 2,
	workerConcurrency: 10,
	triggerTotal: quick ? 200 : 1000,
	triggerConcurrency: quick ? 20 : 50,
	upsertN: quick ? 2000 : 20_000,
	upsertExecutions: 4,
	tokenExecutions: quick ? 12 : 60,
	tokenCalls: quick ? 20 : 100,
	tokenLifetimeS: 3,
	employees: quick ? 2000 : 10_000,
	pagingExecutions: 4,
};

if (process.argv.includes('--report-only')) {
	const last = JSON.parse(readFileSync(join(BENCH_WORK, 'queue-results.json'), 'utf8'));
	writeQueueResults(join(BENCH_DIR, 'QUEUE-RESULTS.md'), last);
	process.exit(verdicts(last).every(([, ok]) => ok) ? 0 : 1);
}

const children = [];
const fakes = {};

function killGroup(child, signal) {
	try {
		process.kill(-child.pid, signal);
	} catch {
		/* gone */
	}
}

async function stopChild(child, graceMs = 20_000) {
	if (child.exitCode === null && child.signalCode === null) {
		const done = new Promise((resolve) => child.once('exit', resolve));
		child.kill('SIGTERM');
		await Promise.race([done, sleep(graceMs)]);
	}
	killGroup(child, 'SIGKILL');
}

process.once('exit', () => {
	for (const child of children) killGroup(child, 'SIGKILL');
});

// ------------------------------------------------------------------ Redis

function redisBinary() {
	const which = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
	if (which.status === 0) return which.stdout.trim();
	throw new Error(
		'redis-server is not installed. On Debian/Ubuntu: `apt-get update && apt-get install -y redis-server` (see docs/scaling-out.md).',
	);
}

function redisPing(port) {
	return new Promise((resolve) => {
		const socket = createConnection({ host: '127.0.0.1', port }, () => socket.write('PING\r\n'));
		socket.setTimeout(1000, () => {
			socket.destroy();
			resolve(false);
		});
		socket.on('data', (data) => {
			socket.destroy();
			resolve(data.toString().startsWith('+PONG'));
		});
		socket.on('error', () => resolve(false));
	});
}

async function startRedis(dir) {
	const port = await runtime.freePort();
	mkdirSync(dir, { recursive: true });
	const out = openSync(join(dir, 'redis.log'), 'a');
	// no persistence, loopback only, protected mode on
	const child = spawn(
		redisBinary(),
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir,
			'--protected-mode',
			'yes',
		],
		{
			stdio: ['ignore', out, out],
			detached: true,
		},
	);
	closeSync(out);
	children.push(child);
	for (let i = 0; i < 100; i++) {
		if (await redisPing(port)) return { port, child };
		await sleep(100);
	}
	throw new Error('redis-server did not answer PING within 10 s');
}

// ------------------------------------------------------------------ PostgreSQL

/** Debian's PostgreSQL server binaries (package postgresql), newest major first. */
function postgresBinDir() {
	const base = '/usr/lib/postgresql';
	const majors = existsSync(base)
		? readdirSync(base)
				.filter((d) => existsSync(join(base, d, 'bin', 'postgres')))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	if (!majors.length)
		throw new Error(
			'PostgreSQL is not installed. On Debian/Ubuntu: `apt-get install -y postgresql` (or run with --db=sqlite; see docs/scaling-out.md).',
		);
	return join(base, majors[0], 'bin');
}

/** Runs a PostgreSQL binary as the `postgres` user when this process is root (postgres refuses root). */
function asPostgres(bin, args, options = {}) {
	const root = process.getuid?.() === 0;
	return root ? ['runuser', ['-u', 'postgres', '--', bin, ...args], options] : [bin, args, options];
}

/** A private cluster in a fresh folder: trust auth, 127.0.0.1 only, database and user `n8n`. */
async function startPostgres(dir) {
	const bin = postgresBinDir();
	const port = await runtime.freePort();
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	if (process.getuid?.() === 0) spawnSync('chown', ['-R', 'postgres:postgres', dir]);
	const data = join(dir, 'data');
	const init = spawnSync(
		...asPostgres(
			join(bin, 'initdb'),
			['-D', data, '-U', 'n8n', '--auth=trust', '--encoding=UTF8', '--locale=C'],
			{ encoding: 'utf8' },
		),
	);
	if (init.status !== 0) throw new Error(`initdb failed:\n${init.stderr}`);
	const logFile = join(dir, 'postgres.log');
	const [cmd, args] = asPostgres(join(bin, 'postgres'), [
		'-D',
		data,
		'-p',
		String(port),
		'-c',
		'listen_addresses=127.0.0.1',
		'-c',
		`unix_socket_directories=${dir}`,
		'-c',
		'max_connections=200',
	]);
	const out = openSync(logFile, 'a');
	const child = spawn(cmd, args, { stdio: ['ignore', out, out], detached: true });
	closeSync(out);
	children.push(child);
	for (let i = 0; i < 100; i++) {
		const ready = spawnSync(join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port)], {
			encoding: 'utf8',
		});
		if (ready.status === 0) break;
		if (i === 99) throw new Error(`postgres did not start; log: ${logFile}`);
		await sleep(100);
	}
	const create = spawnSync(
		join(bin, 'createdb'),
		['-h', '127.0.0.1', '-p', String(port), '-U', 'n8n', 'n8n'],
		{ encoding: 'utf8' },
	);
	if (create.status !== 0) throw new Error(`createdb failed:\n${create.stderr}`);
	return {
		port,
		child,
		env: {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(port),
			DB_POSTGRESDB_DATABASE: 'n8n',
			DB_POSTGRESDB_USER: 'n8n',
			DB_POSTGRESDB_PASSWORD: '',
		},
		async stop() {
			spawnSync(
				...asPostgres(join(bin, 'pg_ctl'), ['stop', '-D', data, '-m', 'fast', '-w'], {
					encoding: 'utf8',
					timeout: 30_000,
				}),
			);
			await stopChild(child, 5000);
		},
	};
}

// ------------------------------------------------------------------ n8n workers

async function startWorker(userFolder, index, env) {
	const { n8nBin } = runtime.ensureN8n();
	const node24 = runtime.node24Binary();
	const brokerPort = await runtime.freePort();
	const logFile = join(userFolder, `worker-${index}.log`);
	writeFileSync(logFile, '');
	const out = openSync(logFile, 'a');
	const child = spawn(
		node24,
		[
			join(ROOT, 'scripts', 'lib', 'n8n-guard.cjs'),
			node24,
			n8nBin,
			'worker',
			`--concurrency=${config.workerConcurrency}`,
		],
		{
			cwd: userFolder,
			env: runtime.n8nEnv({ userFolder, brokerPort, extra: env }),
			stdio: ['ignore', out, out],
			detached: true,
		},
	);
	closeSync(out);
	children.push(child);
	const deadline = Date.now() + 180_000;
	while (!readFileSync(logFile, 'utf8').includes('n8n worker is now ready')) {
		if (child.exitCode !== null) throw new Error(`worker ${index} exited early; log: ${logFile}`);
		if (Date.now() > deadline)
			throw new Error(`worker ${index} not ready within 180 s; log: ${logFile}`);
		await sleep(250);
	}
	return {
		index,
		child,
		logFile,
		started: () => (readFileSync(logFile, 'utf8').match(/Worker started execution/g) ?? []).length,
	};
}

/** How many executions each worker started while `fn` ran. */
async function perWorker(workers, fn) {
	const before = workers.map((w) => w.started());
	const result = await fn();
	await sleep(500);
	return { result, jobs: workers.map((w, i) => w.started() - before[i]) };
}

// ------------------------------------------------------------------ workflows

const senseShortCred = {
	id: 'benchQSenseShort',
	name: 'Sense short tokens (queue bench)',
	type: 'senseApi',
};

function workflows({ ats, sense, senseShort, sesame, sink }) {
	void sense;
	return [
		triggerWorkflow(sink),
		chain('benchQUpsert0001', [
			webhookNode('q-upsert'),
			httpNode('Source', {
				url: `={{ "${ats.url}/candidates?n=" + $json.body.n + "&offset=" + $json.body.offset }}`,
			}),
			node(
				'Sense',
				ours('sense'),
				{ resource: 'candidate', operation: 'upsert', dataMode: 'autoMap', options: {} },
				credRef(SENSE_CRED),
			),
			countNode(),
		]),
		chain('benchQTokens0001', [
			webhookNode('q-tokens'),
			httpNode('Source', { url: `={{ "${ats.url}/ids?prefix=cand&n=" + $json.body.n }}` }),
			node(
				'Sense',
				ours('sense'),
				{ resource: 'candidate', operation: 'get', recordId: '={{ $json.id }}' },
				credRef(senseShortCred),
			),
			countNode(),
		]),
		chain('benchQPaging0001', [
			webhookNode('q-paging'),
			node(
				'Sesame HR',
				ours('sesameHr'),
				{ resource: 'employee', operation: 'getAll', returnAll: true, filters: {} },
				credRef(SESAME_CRED),
			),
			countNode(),
		]),
	];
}

// ------------------------------------------------------------------ main

const started = Date.now();
const results = { quick, config, startedAt: new Date().toISOString() };
let instance;
let postgres;
const workers = [];
try {
	runtime.ensureN8n({ log });
	const tarball = tarballArg ? resolve(ROOT, tarballArg) : buildAndPack();
	results.tarball = tarballArg ?? 'built from the working tree';
	const redis = await startRedis(join(BENCH_WORK, 'redis'));
	log(`[queue] redis-server on 127.0.0.1:${redis.port}`);
	let dbEnv = {};
	if (db === 'postgres') {
		postgres = await startPostgres(join(BENCH_WORK, 'postgres'));
		dbEnv = postgres.env;
		log(`[queue] postgres on 127.0.0.1:${postgres.port}`);
	}
	results.db = db === 'postgres' ? 'PostgreSQL (Debian package, private cluster)' : 'SQLite';
	fakes.ats = await startAtsFake();
	fakes.sense = await startSenseFake({ tokenLifetimeS: 300 });
	fakes.senseShort = await startSenseFake({ tokenLifetimeS: config.tokenLifetimeS });
	fakes.sesame = await startSesameFake({ employees: config.employees });
	fakes.sink = await startSink();

	const queueEnv = {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		N8N_LOG_LEVEL: 'info',
		QUEUE_HEALTH_CHECK_ACTIVE: 'false',
		...dbEnv,
	};
	instance = await createInstance('queue', {
		tarball,
		credentials: [
			...triggerCredentials(),
			...senseCredentials(fakes.sense),
			{ ...senseShortCred, data: { ...fakes.senseShort.credentials } },
			...sesameCredentials(fakes.sesame),
		],
		workflows: workflows(fakes),
		env: queueEnv,
	});
	await instance.start();
	for (let i = 1; i <= config.workers; i++)
		workers.push(await startWorker(instance.userFolder, i, { ...instance.env }));
	log(`[queue] main on ${instance.url}, ${workers.length} workers ready`);
	for (const path of [TRIGGER_PATH, '/webhook/q-upsert', '/webhook/q-tokens', '/webhook/q-paging'])
		await instance.waitForWebhook(path);

	// 1. trigger load: main answers and enqueues, workers run
	const load = await perWorker(workers, () =>
		runTriggerLoad({
			baseUrl: instance.url,
			sink: fakes.sink,
			total: config.triggerTotal,
			concurrency: config.triggerConcurrency,
			pid: instance.pid,
			countExecutions: async () => (await instance.executions(TRIGGER_WORKFLOW_ID)).length,
			countStored: async () => await instance.executionCount(TRIGGER_WORKFLOW_ID),
		}),
	);
	results.trigger = {
		...load.result,
		mode: `queue (main + ${config.workers} workers, concurrency ${config.workerConcurrency} each)`,
		jobsPerWorker: load.jobs,
	};
	log(
		`[queue] trigger: pass=${load.result.check.pass}, ${fmt(load.result.requestsPerSecond, 0)} req/s, jobs per worker ${load.jobs}`,
	);

	// 2. restart main; Sense re-sends every good write-back: acknowledged, nothing runs again
	await instance.stop();
	await instance.start();
	await instance.waitForWebhook(TRIGGER_PATH);
	results.replay = await replay({
		baseUrl: instance.url,
		sink: fakes.sink,
		ids: load.result.check.goodIds,
		concurrency: config.triggerConcurrency,
	});
	log(`[queue] replay after main restart: ${JSON.stringify(results.replay)}`);
	for (const path of ['/webhook/q-upsert', '/webhook/q-tokens', '/webhook/q-paging'])
		await instance.waitForWebhook(path);

	// 3. batch upserts on both workers (one token for all: lifetime 300 s)
	fakes.sense.resetState();
	const upsert = await perWorker(workers, () =>
		pool(
			Array.from(
				{ length: config.upsertExecutions },
				(_, i) => () =>
					instance.post('/webhook/q-upsert', { n: config.upsertN, offset: i * config.upsertN }),
			),
			config.upsertExecutions,
		),
	);
	const batches = fakes.sense.route('POST /v1/:entity');
	results.upsert = {
		executions: config.upsertExecutions,
		perExecution: config.upsertN,
		ok: upsert.result.filter((a) => a.status === 200 && a.body?.count_id === config.upsertN).length,
		requests: batches.requests,
		maxRequests: config.upsertExecutions * Math.ceil(config.upsertN / 500),
		entities: fakes.sense.state.entities,
		distinctIds: fakes.sense.state.ids.size,
		tokens: fakes.sense.state.tokensIssued.length,
		rejected: fakes.sense.state.rejected,
		jobsPerWorker: upsert.jobs,
		ms: Math.max(...upsert.result.map((a) => a.ms)),
	};
	log(`[queue] upsert: ${JSON.stringify(results.upsert)}`);

	// 4. tokens: many short executions on both workers, short token lifetime
	fakes.senseShort.resetState();
	const t0 = Date.now();
	const tokens = await perWorker(workers, () =>
		pool(
			Array.from(
				{ length: config.tokenExecutions },
				() => () => instance.post('/webhook/q-tokens', { n: config.tokenCalls }),
			),
			4,
		),
	);
	const tokenMs = Date.now() - t0;
	results.tokens = {
		executions: config.tokenExecutions,
		ok: tokens.result.filter((a) => a.status === 200 && a.body?.count_id === config.tokenCalls)
			.length,
		apiCalls: fakes.senseShort.route('GET /v1/:entity/:id').requests,
		statuses: fakes.senseShort.route('GET /v1/:entity/:id').statuses,
		tokens: fakes.senseShort.state.tokensIssued.length,
		ms: tokenMs,
		lifetimeS: config.tokenLifetimeS,
		bound: Math.ceil(tokenMs / (config.tokenLifetimeS * 1000)),
		jobsPerWorker: tokens.jobs,
	};
	log(`[queue] tokens: ${JSON.stringify(results.tokens)}`);

	// 5. paging on both workers
	fakes.sesame.resetState();
	const paging = await perWorker(workers, () =>
		pool(
			Array.from(
				{ length: config.pagingExecutions },
				() => () => instance.post('/webhook/q-paging', {}),
			),
			config.pagingExecutions,
		),
	);
	results.paging = {
		executions: config.pagingExecutions,
		employees: config.employees,
		ok: paging.result.filter((a) => a.status === 200 && a.body?.count_id === config.employees)
			.length,
		requests: fakes.sesame.route('GET /core/v3/employees').requests,
		expectedRequests: config.pagingExecutions * Math.ceil(config.employees / 1000),
		rateLimited: fakes.sesame.state.rateLimited,
		jobsPerWorker: paging.jobs,
	};
	log(`[queue] paging: ${JSON.stringify(results.paging)}`);
} finally {
	await instance?.stop().catch(() => {});
	for (const w of workers) await stopChild(w.child);
	await postgres?.stop();
	for (const child of children) await stopChild(child, 5000);
	for (const fake of Object.values(fakes)) await fake.stop();
	log(`[queue] done in ${Math.round((Date.now() - started) / 1000)} s`);
}

results.seconds = Math.round((Date.now() - started) / 1000);
const partial = quick || tarballArg;
writeFileSync(
	join(BENCH_WORK, partial ? 'queue-results.partial.json' : 'queue-results.json'),
	JSON.stringify(results, null, 2),
);
writeQueueResults(
	join(partial ? BENCH_WORK : BENCH_DIR, partial ? 'QUEUE-RESULTS.partial.md' : 'QUEUE-RESULTS.md'),
	results,
);
for (const [name, ok] of verdicts(results)) log(`[queue] ${name}: ${ok ? 'pass' : 'FAIL'}`);
if (!verdicts(results).every(([, ok]) => ok)) process.exitCode = 1;

/** The checks the queue-mode run must pass, each [name, ok]. */
function verdicts(r) {
	const u = r.upsert;
	const t = r.tokens;
	const p = r.paging;
	return [
		['de-duplication under load', r.trigger.check.pass],
		[
			'restart of main: no re-runs',
			r.replay.acknowledged === r.replay.resent && r.replay.newRuns === 0,
		],
		[
			'upserts',
			u.ok === u.executions &&
				u.requests <= u.maxRequests &&
				u.distinctIds === u.executions * u.perExecution &&
				u.tokens <= r.config.workers,
		],
		['tokens', t.ok === t.executions && t.tokens <= t.bound * r.config.workers],
		['paging', p.ok === p.executions && p.requests === p.expectedRequests],
	];
}

function writeQueueResults(file, r) {
	const both = (jobs) => `${jobs.join(' / ')}`;
	const u = r.upsert;
	const t = r.tokens;
	const p = r.paging;
	const lines = [
		'# Queue mode',
		'',
		`Generated by \`npm run bench:queue${r.quick ? ' -- --quick' : ''}${r.tarball.endsWith('.tgz') ? ` -- --tarball=${r.tarball}` : ''}\` on ${r.startedAt.slice(0, 10)} (${r.seconds} s). Redis ${'7'} on 127.0.0.1, n8n 2.41.1: one main + ${r.config.workers} workers (\`n8n worker --concurrency=${r.config.workerConcurrency}\`), \`EXECUTIONS_MODE=queue\`, database: ${r.db}. Setup: docs/scaling-out.md.`,
		'',
		triggerSection(r.trigger, 'Sense Trigger load (webhooks on main, executions on the workers)'),
		`Executions started per worker (worker 1 / worker 2): ${both(r.trigger.jobsPerWorker)}.`,
		'',
		`After a restart of main, all ${r.replay.resent} good write-backs re-sent: ${r.replay.acknowledged} acknowledged with 200 {id}${r.replay.statuses ? ` (answers: ${JSON.stringify(r.replay.statuses)})` : ''}, **${r.replay.newRuns} ran again** (expected 0): ${r.replay.acknowledged === r.replay.resent && r.replay.newRuns === 0 ? '**pass**' : '**FAIL**'}. ` +
			"Main keeps the accepted ids in memory and alone writes the copy that survives a restart (the trigger's ledger in the workflow's static data, saved as main answers); the runs on the workers never write it (docs/scaling-out.md).",
		'',
		'## Batch upsert, tokens and paging across workers',
		'',
		'| check | result | executions per worker (1 / 2) |',
		'| --- | --- | --- |',
		`| ${u.executions} Sense upserts of ${fmt(u.perExecution, 0)} candidates, concurrently | ${u.ok}/${u.executions} ok, ${fmt(u.entities, 0)} entities (${fmt(u.distinctIds, 0)} distinct), ${u.requests} requests (≤ ${u.maxRequests}), ${u.tokens} token request(s) (≤ ${r.config.workers}: one per worker process; lifetime 300 s), rejected ${JSON.stringify(u.rejected)} | ${both(u.jobsPerWorker)} |`,
		`| ${t.executions} executions × ${r.config.tokenCalls} Sense *Get* calls, 4 at a time, token lifetime ${t.lifetimeS} s | ${t.ok}/${t.executions} ok, ${fmt(t.apiCalls, 0)} calls (${JSON.stringify(t.statuses)}), **${t.tokens} tokens in ${fmt(t.ms / 1000, 1)} s** (bound: ceil(T/L) = ${t.bound} per worker, ${t.bound * r.config.workers} for ${r.config.workers} workers) | ${both(t.jobsPerWorker)} |`,
		`| ${p.executions} Sesame Return All of ${fmt(p.employees, 0)} employees, concurrently | ${p.ok}/${p.executions} returned all ${fmt(p.employees, 0)}, ${p.requests} requests (${p.expectedRequests} expected: 1,000 per page), ${p.rateLimited} answered 429 | ${both(p.jobsPerWorker)} |`,
		'',
		`Result of the checks (de-duplication under load and after a restart of main, upserts, tokens, paging): ${
			verdicts(r).every(([, ok]) => ok)
				? '**pass**'
				: `**FAIL** (${verdicts(r)
						.filter(([, ok]) => !ok)
						.map(([name]) => name)
						.join(', ')})`
		}.`,
		'',
	];
	writeFileSync(file, `${lines.join('\n')}\n`);
	log(`[queue] wrote ${file}`);
}

void existsSync;
