// `npm test`: every check, in order, continuing past failures so the summary is complete:
//   lint (eslint .) -> format (prettier --check) -> typecheck -> build -> generate (generated files
//   up to date with specs/) -> docs (generated tables and counts up to date) -> packages (the five npm
//   packages: packages/ up to date, then each one built, `n8n-node lint`, packed and scanned with n8n's
//   scanner rule set) -> jest unit project -> jest e2e project (real n8n, the packed packages).
// Jest stages count their tests; the packages stage counts packages/ and, per package, its pack,
// its `n8n-node lint` and its scan; every other stage counts as one test. A jest stage
// that reports skipped/todo tests, or fails without a failed test (compile error, no tests),
// counts one extra failure. The last line printed is exactly "<P> passed, <F> failed"; the exit
// code is 1 if anything failed. Run under Node 24 (`node scripts/with-node24.mjs scripts/test.mjs`).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const { ROOT } = require('./lib/node24.cjs');
const runtime = require('./lib/n8n-runtime.cjs');

const RESULTS = join(ROOT, '.cache', 'test-results');
const MIN = 60 * 1000;
const results = []; // { name, passed, failed, ok, seconds, note }

let current; // the running child, to pass Ctrl-C / SIGTERM on
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
	process.on(signal, () => {
		if (current && current.exitCode === null) current.kill(signal);
		console.error(`\n[test] ${signal}: stopped`);
		process.exit(130);
	});
}

function banner(text) {
	console.log(`\n${'='.repeat(20)} ${text} ${'='.repeat(Math.max(0, 50 - text.length))}`);
}

/** Run a command with inherited output; resolves its exit code (non-zero on timeout). */
function exec(cmd, args, { env = process.env, timeoutMs }) {
	return new Promise((resolve) => {
		const child = spawn(cmd, args, { cwd: ROOT, env, stdio: 'inherit' });
		current = child;
		const timer = setTimeout(() => {
			console.error(`[test] ${cmd} ${args.join(' ')} timed out after ${timeoutMs / MIN} min`);
			child.kill('SIGTERM');
			setTimeout(() => child.kill('SIGKILL'), 30 * 1000).unref();
		}, timeoutMs);
		child.on('error', (error) => {
			console.error(`[test] cannot run ${cmd}: ${error.message}`);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			current = undefined;
			resolve(code ?? (signal ? 1 : 0));
		});
	});
}

/** A non-jest stage: one test, passed if the command exits 0. */
async function commandStage(name, cmd, args, timeoutMs) {
	banner(name);
	const started = Date.now();
	const code = await exec(cmd, args, { timeoutMs });
	const ok = code === 0;
	results.push({
		name,
		passed: ok ? 1 : 0,
		failed: ok ? 0 : 1,
		ok,
		seconds: (Date.now() - started) / 1000,
	});
	return ok;
}

/** A jest project: its test counts, plus one failure if the stage failed otherwise. */
async function jestStage(project, { env = process.env, timeoutMs, extraArgs = [] }) {
	banner(`jest ${project}`);
	const started = Date.now();
	const outputFile = join(RESULTS, `${project}.json`);
	rmSync(outputFile, { force: true });
	const jest = join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
	const code = await exec(
		process.execPath,
		[
			jest,
			'--ci',
			'--selectProjects',
			project,
			'--json',
			`--outputFile=${outputFile}`,
			...extraArgs,
		],
		{ env, timeoutMs },
	);
	const seconds = (Date.now() - started) / 1000;
	if (!existsSync(outputFile)) {
		results.push({
			name: project,
			passed: 0,
			failed: 1,
			ok: false,
			seconds,
			note: `jest wrote no results (exit ${code})`,
		});
		return;
	}
	const report = JSON.parse(readFileSync(outputFile, 'utf8'));
	const skipped = report.numPendingTests + report.numTodoTests;
	let extra = 0;
	let note;
	if (skipped > 0) {
		extra = 1;
		note = `${skipped} skipped/todo test(s): not allowed`;
	} else if ((code !== 0 || !report.success) && report.numFailedTests === 0) {
		extra = 1;
		note = `jest failed without a failed test (exit ${code}; ${report.numRuntimeErrorTestSuites} suite(s) did not run)`;
	}
	results.push({
		name: project,
		passed: report.numPassedTests,
		failed: report.numFailedTests + extra,
		ok: code === 0 && report.success && extra === 0,
		seconds,
		note,
	});
}

/**
 * scripts/packages.cjs --check: one result for packages/ (the generated folders) and three per
 * package (build + pack, `n8n-node lint`, n8n's scanner over the tarball and the source). Returns
 * the report (undefined if the script wrote none).
 */
async function packagesStage(timeoutMs) {
	banner('packages');
	const started = Date.now();
	const reportFile = join(RESULTS, 'packages.json');
	rmSync(reportFile, { force: true });
	const code = await exec(
		process.execPath,
		['scripts/packages.cjs', '--check', '--report', reportFile],
		{ timeoutMs },
	);
	const seconds = (Date.now() - started) / 1000;
	if (!existsSync(reportFile)) {
		results.push({
			name: 'packages',
			passed: 0,
			failed: 1,
			ok: false,
			seconds,
			note: `no report (exit ${code})`,
		});
		return undefined;
	}
	const report = JSON.parse(readFileSync(reportFile, 'utf8'));
	const before = results.length;
	const check = (name, ok, note, time = 0) =>
		results.push({ name, passed: ok ? 1 : 0, failed: ok ? 0 : 1, ok, seconds: time, note });
	check(
		'packages/',
		report.views.ok,
		`${report.views.ok ? 'up to date' : 'out of date'}; the whole stage took ${Math.round(seconds)}s`,
	);
	for (const p of report.packages) {
		const short = p.name.replace(/^n8n-nodes-/, '');
		const { build, types, contents, lint, scanTarball, scanSource, error } = p.steps;
		const time = (...steps) => steps.reduce((sum, s) => sum + (s?.seconds ?? 0), 0);
		const packed = [build, types, contents].every((s) => s?.ok) && !error && Boolean(p.tarball);
		check(
			`pack ${short}`,
			packed,
			p.tarball ? `${(p.size / 1024).toFixed(1)} kB, ${p.entries.length} files` : error?.message,
			time(build, types, contents),
		);
		check(`lint ${short}`, Boolean(lint?.ok), lint ? undefined : 'not run', time(lint));
		const scans = [scanTarball, scanSource];
		const counts = (s) => (s?.errors === undefined ? 'not run' : `${s.errors}E ${s.warnings}W`);
		check(
			`scan ${short}`,
			scans.every((s) => s?.ok),
			`tarball ${counts(scanTarball)}, source ${counts(scanSource)}`,
			time(scanTarball, scanSource),
		);
	}
	if (code !== 0 && results.slice(before).every((r) => r.ok))
		check('packages', false, `scripts/packages.cjs exited ${code}`);
	return report;
}

mkdirSync(RESULTS, { recursive: true });
const bin = (name) => join(ROOT, 'node_modules', '.bin', name);

await commandStage('lint', bin('eslint'), ['.'], 10 * MIN);
await commandStage('format', bin('prettier'), ['--check', '--log-level=warn', '.'], 10 * MIN);
await commandStage('typecheck', 'npm', ['run', '--silent', 'typecheck'], 10 * MIN);
const built = await commandStage('build', 'npm', ['run', '--silent', 'build'], 10 * MIN);
await commandStage('generate', process.execPath, ['scripts/generate.cjs', '--check'], 10 * MIN);
if (built) await commandStage('docs', process.execPath, ['scripts/docs.cjs', '--check'], 10 * MIN);
const packages = await packagesStage(10 * MIN);
await jestStage('unit', { timeoutMs: 20 * MIN });

// e2e: install/verify the cached n8n (minutes on a fresh clone); the e2e files install the packed
// all-in-one (the tarball that is published) and test/e2e/packages.test.ts every package.
banner('e2e: n8n runtime and package');
let tarball;
const allInOne = packages?.packages.find((p) => p.name === runtime.projectPackage().name);
try {
	if (!built) throw new Error('the build failed, nothing to install into n8n');
	const started = Date.now();
	runtime.ensureN8n({ log: (m) => console.log(m) });
	tarball =
		allInOne?.ok && allInOne.tarball
			? allInOne.tarball
			: runtime.packProject({ build: false, log: (m) => console.log(m) });
	console.log(`${tarball}: ready in ${Math.round((Date.now() - started) / 1000)}s`);
} catch (error) {
	console.error(`[test] e2e not run: ${error.message}`);
	results.push({
		name: 'e2e',
		passed: 0,
		failed: 1,
		ok: false,
		seconds: 0,
		note: `not run: ${error.message.split('\n')[0]}`,
	});
}
if (tarball) {
	const env = { ...process.env, WF_E2E_TARBALL: tarball };
	if (packages) env.WF_E2E_PACKAGES = join(RESULTS, 'packages.json');
	await jestStage('e2e', { env, timeoutMs: 45 * MIN });
}

banner('summary');
for (const r of results) {
	const counts = `${r.passed} passed, ${r.failed} failed`;
	console.log(
		`${r.ok ? 'ok  ' : 'FAIL'}  ${r.name.padEnd(24)} ${counts.padEnd(24)} ${r.seconds.toFixed(1)}s${r.note ? `  (${r.note})` : ''}`,
	);
}
const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0);
process.exitCode = failed > 0 || results.some((r) => !r.ok) ? 1 : 0;
console.log(`${passed} passed, ${failed} failed`);
