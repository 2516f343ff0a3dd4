/**
 * `npm run generate` / `npm run generate:check` (scripts/generate.cjs): every generated file is up to
 * date with specs/, and the generators run from any folder of specs into any tree (one convention:
 * --specs, --out, --check).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
	cpSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	unlinkSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '../..');
const script = join(root, 'scripts/generate.cjs');
const run = (args: string[]) =>
	spawnSync(process.execPath, [script, ...args], { cwd: root, encoding: 'utf8' });

describe('generators', () => {
	it('every generated file is up to date with specs/ (run npm run generate)', () => {
		const result = run(['--check']);
		expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
		expect(result.stdout).toMatch(/generated files are up to date with specs\//);
	});

	it('write into another tree from another specs folder, and --check then fails on a stale file', () => {
		const work = mkdtempSync(join(tmpdir(), 'wf-generate-'));
		try {
			cpSync(join(root, 'specs'), join(work, 'specs'), { recursive: true });
			const written = execFileSync(
				process.execPath,
				[script, '--specs', join(work, 'specs'), '--out', join(work, 'tree')],
				{ encoding: 'utf8' },
			);
			expect(written).toMatch(/files, \d+ written/);
			const check = spawnSync(
				process.execPath,
				[script, '--specs', join(work, 'specs'), '--out', join(work, 'tree'), '--check'],
				{ encoding: 'utf8' },
			);
			expect(check.status).toBe(0);
			const file = join(work, 'tree/nodes/Sense/generated/schema.ts');
			expect(readFileSync(file, 'utf8')).toBe(
				readFileSync(join(root, 'nodes/Sense/generated/schema.ts'), 'utf8'),
			);
			writeFileSync(file, '// edited by hand\n');
			const stale = spawnSync(
				process.execPath,
				[script, '--specs', join(work, 'specs'), '--out', join(work, 'tree'), '--check', 'sense'],
				{ encoding: 'utf8' },
			);
			expect(stale.status).toBe(1);
			expect(stale.stderr).toContain('nodes/Sense/generated/schema.ts');
		} finally {
			rmSync(work, { recursive: true, force: true });
		}
	});

	it('owns the output schemas: --check names a stale, a missing and an extra file; a write mends all three', () => {
		const work = mkdtempSync(join(tmpdir(), 'wf-generate-schemas-'));
		const tree = join(work, 'tree');
		const generate = (...args: string[]) =>
			spawnSync(process.execPath, [script, '--out', tree, ...args], { encoding: 'utf8' });
		try {
			expect(generate('halopsa', 'sense').status).toBe(0);
			const stale = 'nodes/Sense/__schema__/v1.0.0/candidate/get.json';
			const missing = 'nodes/HaloPsaScheduling/__schema__/v1.0.0/timesheet/getMine.json';
			const extra = 'nodes/HaloPsaScheduling/__schema__/v1.0.0/timesheet/old/getMine.json';
			writeFileSync(join(tree, stale), '{"type": "object"}\n');
			unlinkSync(join(tree, missing));
			mkdirSync(join(tree, 'nodes/HaloPsaScheduling/__schema__/v1.0.0/timesheet/old'));
			writeFileSync(join(tree, extra), '{}\n');
			const check = generate('--check', 'halopsa', 'sense');
			expect(check.status).toBe(1);
			expect(check.stderr).toContain(`\n  ${stale}\n`);
			expect(check.stderr).toContain(`\n  ${missing}\n`);
			expect(check.stderr).toContain(`\n  ${extra} (not generated any more)`);
			expect(generate('halopsa', 'sense').status).toBe(0);
			expect(readFileSync(join(tree, stale), 'utf8')).toBe(readFileSync(join(root, stale), 'utf8'));
			expect(existsSync(join(tree, missing))).toBe(true);
			expect(
				existsSync(join(tree, 'nodes/HaloPsaScheduling/__schema__/v1.0.0/timesheet/old')),
			).toBe(false);
			expect(generate('--check', 'halopsa', 'sense').status).toBe(0);
		} finally {
			rmSync(work, { recursive: true, force: true });
		}
	});

	it('Sesame HR: an endpoint whose catalogue entry documents its answer (outputSchema) gets a schema', () => {
		const work = mkdtempSync(join(tmpdir(), 'wf-generate-sesame-'));
		try {
			cpSync(join(root, 'specs'), join(work, 'specs'), { recursive: true });
			const file = join(work, 'specs/sesame-endpoints.json');
			const catalogue = JSON.parse(readFileSync(file, 'utf8'));
			// the fields Simplify keeps (overrides.json), and one it drops
			const simplify: string[] = JSON.parse(
				readFileSync(join(root, 'nodes/SesameHr/overrides.json'), 'utf8'),
			).simplify['GET /core/v3/employees/{id}'];
			const kept = Object.fromEntries(
				simplify.map((name) => [
					name,
					name === 'id' ? { type: 'string', format: 'uuid' } : { type: 'string' },
				]),
			);
			const employee = { type: 'object', properties: { ...kept, nid: { type: 'string' } } };
			const documented = (path: string, data: object) => {
				const endpoint = catalogue.endpoints.find(
					(e: { method: string; path: string }) => e.method === 'GET' && e.path === path,
				);
				endpoint.outputSchema = { type: 'object', properties: { data } };
			};
			documented('/core/v3/employees/{id}', employee);
			documented('/core/v3/employees', { type: 'array', items: employee });
			writeFileSync(file, JSON.stringify(catalogue));
			const written = spawnSync(
				process.execPath,
				[script, '--specs', join(work, 'specs'), '--out', join(work, 'tree'), 'sesame'],
				{ encoding: 'utf8' },
			);
			expect(written.status).toBe(0);
			const schemaDir = join(work, 'tree/nodes/SesameHr/__schema__/v1.0.0/employee');
			// Simplify is on by default: the schema holds its fields, not nid
			const simplified = {
				$schema: 'http://json-schema.org/draft-07/schema#',
				type: 'object',
				properties: kept,
			};
			expect(simplify).toContain('firstName');
			expect(JSON.parse(readFileSync(join(schemaDir, 'get.json'), 'utf8'))).toEqual(simplified);
			expect(JSON.parse(readFileSync(join(schemaDir, 'getAll.json'), 'utf8'))).toEqual(simplified);
		} finally {
			rmSync(work, { recursive: true, force: true });
		}
	});

	it('refuses an unknown option or generator', () => {
		expect(run(['--nope']).status).toBe(2);
		expect(run(['nope']).stderr).toMatch(/unknown generator "nope"/);
	});
});
