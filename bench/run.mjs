// npm run bench [-- --quick] [-- --only=upsert,paging,sessions,sessions-real,tokens,load,trigger] [-- --runs=3]
//               [-- --real-sessions-window]   (adds one Sessions run at the real 10 requests / 60 s)
//               [-- --tarball=<file> --tag=<name>] (measure a prebuilt package, e.g. bench/.work/no-ledger-write.tgz
//                                                from bench/diagnostics.mjs, into bench/.work/results.<name>.json)
//               [-- --report-only]             (rewrite bench/RESULTS.md from bench/.work/results.json)
//               [-- --only=<names> --merge]    (re-run some scenarios into the last full results)
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
import { writeResults } from './lib/report.mjs';
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
	triggerCredentials,
	triggerWorkflow,
	TRIGGER_PATH,
	TRIGGER_WORKFLOW_ID,
} from './trigger-load.mjs';

const args = Object.fromEntries(
	process.argv.slice(2).map((a) => {
		const [k, v] = a.replace(/^--/, '').split('=');
		return [k, v ?? true];
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
	triggerConcurrency: num('triggerConcurrency', 50, 20),
};

const fakes = {};
const started = Date.now();
const results = {
	quick,
	runs: RUNS,
	config,
	startedAt: new Date().toISOString(),
	command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
};
// --merge: run only some scenarios (--only=...) and replace them in the last full run's results
const merge = Boolean(args.merge);
const resultsFile = join(
	BENCH_WORK,
	args.tag
		? `results.${args.tag}.json`
		: merge || !(quick || only || args.tarball)
			? 'results.json'
			: 'results.partial.json',
);
const save = () => writeFileSync(resultsFile, JSON.stringify(results, null, 2));
const readJson = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined);
/** Measurements of bench/diagnostics.mjs builds, shown next to the main results when present. */
/** Diagnostic rows only when measured after the main results (an older build would not compare). */
const extras = () => {
	const main = readJson(join(BENCH_WORK, 'results.json'));
	const noLedger = readJson(join(BENCH_WORK, 'results.no-ledger-write.json'));
	return {
		noLedger: noLedger && main && noLedger.startedAt >= main.startedAt ? noLedger : undefined,
	};
};
if (merge) {
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
	writeResults(join(BENCH_DIR, 'RESULTS.md'), readJson(join(BENCH_WORK, 'results.json')), extras());
	process.exit(0);
}
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
		const trigger = await createInstance('trigger', {
			tarball,
			credentials: triggerCredentials(),
			workflows: [triggerWorkflow(fakes.sink), baselineWorkflow(fakes.sink)],
			env: { EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all' },
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
				countExecutions: async () => (await trigger.executions(BASELINE_WORKFLOW_ID)).length,
			});
			results.triggerBaseline.mode = 'regular (one n8n process)';
			log(`[trigger] baseline ${JSON.stringify(results.triggerBaseline)}`);
			results.trigger = await runTriggerLoad({
				baseUrl: trigger.url,
				sink: fakes.sink,
				total: config.triggerTotal,
				concurrency: config.triggerConcurrency,
				countExecutions: async () => (await trigger.executions(TRIGGER_WORKFLOW_ID)).length,
			});
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
	writeResults(file, results, file.endsWith(join('bench', 'RESULTS.md')) ? extras() : {});
	log(`[bench] wrote ${file}`);
} finally {
	for (const fake of Object.values(fakes)) await fake.stop();
	log(`[bench] done in ${Math.round((Date.now() - started) / 1000)} s`);
}
