/**
 * `npm run generate` / `npm run generate:check` (scripts/generate.cjs): every generated file is up to
 * date with specs/, and the generators run from any folder of specs into any tree (one convention:
 * --specs, --out, --check).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

	it('refuses an unknown option or generator', () => {
		expect(run(['--nope']).status).toBe(2);
		expect(run(['nope']).stderr).toMatch(/unknown generator "nope"/);
	});
});
