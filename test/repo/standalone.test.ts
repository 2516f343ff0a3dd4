/**
 * The repository stands on its own: no tracked file points outside the checkout (the workplace's
 * ../shared folder, or any other path above the repository root), so a fresh clone anywhere builds,
 * generates and tests from what it holds. Vendor documents live in specs/.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = join(__dirname, '../..');
const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
	.split('\0')
	.filter((file) => file && existsSync(join(root, file)));
const TEXT = /\.(ts|js|cjs|mjs|json|md|yml|yaml|sh)$|^\.ci\/run$|^\.github\//;

/** Relative paths that climb out of the file's folder (a ../ chain, or '..' joined to a folder name), resolved. */
function escapes(file: string, text: string): string[] {
	const found: string[] = [];
	const base = dirname(join(root, file));
	for (const match of text.matchAll(/(?:\.\.\/)+[\w.-]+/g)) {
		const target = resolve(base, match[0]);
		if (relative(root, target).startsWith('..')) found.push(`${file}: ${match[0]}`);
	}
	for (const match of text.matchAll(/(['"])\.\.\1\s*,\s*(['"])(shared|seeds|notes)\2/g))
		found.push(`${file}: ${match[0]}`);
	if (/(^|[^.\w/])shared\/(specs|seeds|notes)\//.test(text))
		found.push(`${file}: shared/ folder of the workplace`);
	return found;
}

describe('the repository stands on its own', () => {
	it('tracks the vendor documents it is generated and tested from in specs/', () => {
		for (const file of [
			'specs/sesame-endpoints.json',
			'specs/sessions-endpoints.json',
			'specs/halopsa-endpoints.json',
			'specs/halopsa-scheduling.openapi.json',
			'specs/sense-endpoints.json',
			'specs/sense-openapi.json',
			'specs/sense-writeback-asyncapi.yml',
			'specs/README.md',
		]) {
			expect(tracked).toContain(file);
		}
	});

	it('no tracked file refers to a path outside the repository', () => {
		const problems = tracked
			.filter(
				(file) => TEXT.test(file) && !file.startsWith('specs/') && file !== 'package-lock.json',
			)
			.flatMap((file) => escapes(file, readFileSync(join(root, file), 'utf8')));
		expect(problems).toEqual([]);
	});

	it('the check itself finds such references', () => {
		// built from parts, so that this file does not contain what it looks for
		const up = ['..', '..', '..', 'sha' + 'red'].join('/');
		expect(escapes('test/x.test.ts', `join(__dirname, '${up}/specs/a.json')`)).toHaveLength(1);
		expect(
			escapes('scripts/x.cjs', `path.join(root, '..', '${'sha' + 'red'}', 'specs')`),
		).toHaveLength(1);
		expect(escapes('nodes/A/resources/b/index.ts', "from '../../shared/fields'")).toEqual([]);
	});
});
