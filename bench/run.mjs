// npm run bench [-- --quick] [-- --only=upsert,paging,sessions,sessions-real,tokens,load,trigger] [-- --runs=3]
//               [-- --real-sessions-window]   (adds one Sessions run at the real 10 requests / 60 s)
//               [-- --tarball=<file> --tag=<name>] (measure a prebuilt package, e.g. bench/.work/no-ledger-write.tgz
//                                                from bench/diagnostics.mjs, into bench/.work/results.<name>.json)
//               [-- --report-only]             (rewrite bench/RESULTS.md from bench/.work/results.json)
//               [-- --only=<names> --merge]    (re-run some scenarios into the last full results;
//                                                --only=trigger without bench/.work/results.json: the
//                                                trigger sections of bench/RESULTS.md are replaced)
//               [-- --trigger-env=NAME=value,…] (extra n8n settings for the trigger scenario, e.g.
//                                                N8N_EXPRESSION_ENGINE=legacy with --tag=legacy-engine)
//               [-- --triggerSeed=N]           (ids the Sense Trigger's ledger starts with; default 10,000 = full)
// Benchmarks of this package inside the cached real n8n 2.41.1, each side by side with the HTTP
// Request-node workflow a user would build instead, against fake vendor servers on 127.0.0.1 that
// enforce the vendors' documented limits. Writes bench/RESULTS.md (not with --quick: then
// bench/.work/RESULTS.quick.md) and bench/.work/results.json. Not part of `npm test`.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import {
	startAtsFake,
	startHaloFake,
	startSesameFake,
	startSessionsFake,
	startSink,
} from './fakes/others.mjs';
import { startSenseFake } from './fakes/sense.mjs';
import { createInstance, runtime } from './lib/n8n.mjs';
import { buildAndPack } from './lib/pkg.mjs';
import { spliceTriggerResults, writeResults } from './lib/report.mjs';
import { BENCH_DIR, BENCH_WORK, log, ROOT } from './lib/util.mjs';
import { runPackageLoad } from './scenarios/package-load.mjs';
import {
	runSenseUpsert,
	senseCredentials,
	senseUpsertWorkflows,
} from './scenarios/sense-upsert.mjs';
import {
	runSesamePaging,
	sesameCredentials,
	sesamePagingWorkflows,
} from './scenarios/sesame-paging.mjs';
import {
	runSessionsRate,
	sessionsCredentials,
	sessionsWorkflows,
} from './scenarios/sessions-rate.mjs';
import { runTokens, tokenCredentials, tokenWorkflows } from './scenarios/tokens.mjs';
import {
	BASELINE_PATH,
	BASELINE_WORKFLOW_ID,
	baselineWorkflow,
	replay,
	runTriggerLoad,
	SEEDED_IDS,
	triggerCredentials,
	triggerWorkflow,
	TRIGGER_PATH,
	TRIGGER_WORKFLOW_ID,
} from './trigger-load.mjs';

const args = Object.fromEntries(
	process.argv.slice(2).map((a) => {
		// split at the first "=" only: a value may hold more (--trigger-env=NAME=value)
		const text = a.replace(/^--/, '');
		const at = text.indexOf('=');
		return at < 0 ? [text, true] : [text.slice(0, at), text.slice(at + 1)];
	}),
);
const quick = Boolean(args.quick);
const only = typeof args.only === 'string' ? args.only.split(',') : undefined;
const wants = (name) => !only || only.includes(name);
const RUNS = Number(args.runs ?? 3);
const num = (name, full, small) => Number(args[name] ?? (quick ? small : full));

const config = {
	upsertN: num('upsertN', 100_000, 2_000),
	upsertBaselineN: num('baselineN', 10_000, 300),
	upsertBaselineRuns: num('baselineRuns', RUNS, RUNS),
	employees: num('employees', 10_000, 2_000),
	sesameMaxPageSize: num('sesameMaxPage', 1_000, 1_000),
	sessionsOps: num('sessionsOps', 100, 30),
	sessionsLimit: 10,
	sessionsWindowMs: num('sessionsWindowMs', 10_000, 2_000),
	sessionsRuns: num('sessionsRuns', RUNS, 1),
	tokenExecutions: num('tokenExecutions', 100, 10),
	tokenCalls: num('tokenCalls', 100, 20),
	tokenConcurrency: num('tokenConcurrency', 2, 2),
	tokenLifetimeS: num('tokenLifetimeS', 3, 2),
	loadRuns: num('loadRuns', 5, 2),
	triggerTotal: num('triggerTotal', 1_000, 200),
	// remembered ids the Sense Trigger's ledger starts with (its default maximum: full)
	triggerSeed: num('triggerSeed', SEEDED_IDS, SEEDED_IDS),
	triggerConcurrency: num('triggerConcurrency', 50, 20),
};

const fakes = {};
const started = Date.now();
const runStartedAt = new Date(started).toISOString();
const results = {
	quick,
	runs: RUNS,
	config,
	startedAt: new Date().toISOString(),
	command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
};
// --merge: run only some scenarios (--only=...) and replace them in the last full run's results
const merge = Boolean(args.merge);
// --merge --only=trigger without the last full results (a fresh clone: bench/.work is not
// committed): the trigger sections of bench/RESULTS.md are replaced instead
const splice =
	merge &&
	!existsSync(join(BENCH_WORK, 'results.json')) &&
	only?.length === 1 &&
	only[0] === 'trigger';
const resultsFile = join(
	BENCH_WORK,
	args.tag
		? `results.${args.tag}.json`
		: splice
			? 'results.trigger.json'
			: merge || !(quick || only || args.tarball)
				? 'results.json'
				: 'results.partial.json',
);
const save = () => writeFileSync(resultsFile, JSON.stringify(results, null, 2));
const readJson = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined);
/**
 * Diagnostic runs of the trigger comparison (a bench/diagnostics.mjs build, or other n8n settings),
 * shown next to the main results when measured after them (an older run would not compare).
 */
const DIAGNOSTICS = [
	{ tag: 'no-ledger-write', label: 'without writing its ledger into static data' },
	{ tag: 'legacy-engine', label: 'N8N_EXPRESSION_ENGINE=legacy for both (no isolate per request)' },
	{ tag: 'seed-0', label: 'the ledger empty at the start (--triggerSeed=0)' },
	{ tag: 'pool-4', label: 'N8N_EXPRESSION_ENGINE_POOL_SIZE=4 for both (four isolates)' },
	{
		tag: 'lazy-acquire',
		label:
			'N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true for both (an isolate only once an expression is evaluated)',
	},
];
const extras = (since) => ({
	diagnostics: DIAGNOSTICS.map(({ tag, label }) => ({
		label,
		results: readJson(join(BENCH_WORK, `results.${tag}.json`)),
	}))
		.filter(({ results: r }) => r?.trigger && r.triggerBaseline && since && r.startedAt >= since)
		.map(({ label, results: r }) => ({ label, command: r.command, results: r })),
});
if (merge && !splice) {
	const previous = existsSync(resultsFile)
		? JSON.parse(readFileSync(resultsFile, 'utf8'))
		: undefined;
	if (!previous) throw new Error(`--merge needs a previous ${resultsFile}`);
	const runCommand = results.command;
	Object.assign(results, previous, {
		merged: [...(previous.merged ?? []), { command: runCommand, at: results.startedAt, only }],
	});
	results.startedAt = previous.startedAt;
}

if (args['report-only']) {
	// rewrite bench/RESULTS.md from the last full run (e.g. after editing bench/NOTES.md)
	const last = readJson(join(BENCH_WORK, 'results.json'));
	writeResults(
		join(BENCH_DIR, 'RESULTS.md'),
		last,
		extras(last.trigger?.startedAt ?? last.startedAt),
	);
	process.exit(0);
}
const triggerEnv = Object.fromEntries(
	(typeof args['trigger-env'] === 'string' ? args['trigger-env'].split(',') : []).map((pair) => {
		const at = pair.indexOf('=');
		return [pair.slice(0, at), pair.slice(at + 1)];
	}),
);
try {
	runtime.ensureN8n({ log });
	const tarball = args.tarball ? resolve(ROOT, args.tarball) : buildAndPack();
	results.tarball = args.tarball ? args.tarball : 'built from the working tree';
	fakes.ats = await startAtsFake();
	fakes.sense = await startSenseFake({ tokenLifetimeS: 300 });
	fakes.senseShort = await startSenseFake({ tokenLifetimeS: config.tokenLifetimeS });
	fakes.haloShort = await startHaloFake({ tokenLifetimeS: config.tokenLifetimeS });
	fakes.sesame = await startSesameFake({
		employees: config.employees,
		maxPageSize: config.sesameMaxPageSize,
	});
	fakes.sessions = await startSessionsFake({
		limit: config.sessionsLimit,
		windowMs: config.sessionsWindowMs,
	});
	fakes.sink = await startSink();

	const needsMain = ['upsert', 'paging', 'sessions', 'sessions-real', 'tokens', 'load'].some(wants);
	const instance = needsMain
		? await createInstance('bench', {
				tarball,
				credentials: [
					...senseCredentials(fakes.sense),
					...sesameCredentials(fakes.sesame),
					...sessionsCredentials(fakes.sessions),
					...tokenCredentials(fakes),
				],
				workflows: [
					...senseUpsertWorkflows(fakes),
					...sesamePagingWorkflows({ ...fakes, maxPageSize: config.sesameMaxPageSize }),
					...sessionsWorkflows({
						...fakes,
						windowMs: config.sessionsWindowMs,
						limit: config.sessionsLimit,
					}),
					...tokenWorkflows(fakes),
				],
			})
		: undefined;

	if (wants('load')) {
		results.load = await runPackageLoad({ userFolder: instance.userFolder, runs: config.loadRuns });
		save();
	}
	if (wants('upsert')) {
		results.upsert = await runSenseUpsert({
			instance,
			fakes,
			n: config.upsertN,
			baselineN: config.upsertBaselineN,
			runs: RUNS,
			baselineRuns: config.upsertBaselineRuns,
		});
		save();
	}
	if (wants('paging')) {
		results.paging = await runSesamePaging({
			instance,
			fakes,
			runs: RUNS,
			employees: config.employees,
		});
		results.paging.maxPageSize = config.sesameMaxPageSize;
		save();
	}
	if (wants('tokens')) {
		results.tokens = await runTokens({
			instance,
			fakes,
			executions: config.tokenExecutions,
			callsPerExecution: config.tokenCalls,
			concurrency: config.tokenConcurrency,
			lifetimeS: config.tokenLifetimeS,
		});
		save();
	}
	if (wants('sessions')) {
		results.sessions = await runSessionsRate({
			instance,
			fakes,
			runs: config.sessionsRuns,
			baselineRuns: config.sessionsRuns,
			ops: config.sessionsOps,
			windowMs: config.sessionsWindowMs,
			limit: config.sessionsLimit,
		});
		save();
	}
	if (
		(only && only.includes('sessions-real')) ||
		(wants('sessions') && args['real-sessions-window'])
	) {
		fakes.sessions.configure(10, 60_000);
		results.sessionsReal = await runSessionsRate({
			instance,
			fakes,
			runs: 1,
			baselineRuns: 0,
			ops: config.sessionsOps,
			windowMs: 60_000,
			limit: 10,
			variants: ['ours'],
		});
		save();
	}
	if (wants('trigger')) {
		results.triggerEnv = triggerEnv;
		const trigger = await createInstance('trigger', {
			tarball,
			credentials: triggerCredentials(),
			workflows: [
				triggerWorkflow(fakes.sink, { seeded: config.triggerSeed }),
				baselineWorkflow(fakes.sink),
			],
			env: { EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all', ...triggerEnv },
		});
		await trigger.start();
		try {
			await trigger.waitForWebhook(TRIGGER_PATH);
			await trigger.waitForWebhook(BASELINE_PATH);
			results.triggerBaseline = await runTriggerLoad({
				baseUrl: trigger.url,
				sink: fakes.sink,
				total: config.triggerTotal,
				concurrency: config.triggerConcurrency,
				path: BASELINE_PATH,
				baseline: true,
				pid: trigger.pid,
				countExecutions: async () => (await trigger.executions(BASELINE_WORKFLOW_ID)).length,
				countStored: async () => await trigger.executionCount(BASELINE_WORKFLOW_ID),
			});
			results.triggerBaseline.mode = 'regular (one n8n process)';
			log(`[trigger] baseline ${JSON.stringify(results.triggerBaseline)}`);
			results.trigger = await runTriggerLoad({
				baseUrl: trigger.url,
				sink: fakes.sink,
				total: config.triggerTotal,
				concurrency: config.triggerConcurrency,
				seeded: config.triggerSeed,
				pid: trigger.pid,
				countExecutions: async () => (await trigger.executions(TRIGGER_WORKFLOW_ID)).length,
				countStored: async () => await trigger.executionCount(TRIGGER_WORKFLOW_ID),
			});
			results.trigger.startedAt = runStartedAt;
			results.trigger.mode = 'regular (one n8n process)';
			log(`[trigger] ${JSON.stringify(results.trigger)}`);
			// Sense re-sends every write-back after n8n restarted: all acknowledged, none runs again
			await trigger.stop();
			await trigger.start();
			await trigger.waitForWebhook(TRIGGER_PATH);
			results.triggerReplay = await replay({
				baseUrl: trigger.url,
				sink: fakes.sink,
				ids: results.trigger.check.goodIds,
				concurrency: config.triggerConcurrency,
			});
			log(`[trigger] replay after restart ${JSON.stringify(results.triggerReplay)}`);
		} finally {
			await trigger.stop();
		}
		save();
	}
	results.finishedAt = new Date().toISOString();
	if (!merge) results.seconds = Math.round((Date.now() - started) / 1000);
	save();
	const file =
		!merge && (quick || only || args.tarball || args.tag)
			? join(BENCH_WORK, `RESULTS.${args.tag ?? 'partial'}.md`)
			: join(BENCH_DIR, 'RESULTS.md');
	const since = results.trigger?.startedAt ?? results.startedAt;
	if (splice) spliceTriggerResults(file, results, extras(since));
	else writeResults(file, results, file.endsWith(join('bench', 'RESULTS.md')) ? extras(since) : {});
	log(`[bench] wrote ${file}`);
} finally {
	for (const fake of Object.values(fakes)) await fake.stop();
	log(`[bench] done in ${Math.round((Date.now() - started) / 1000)} s`);
}
