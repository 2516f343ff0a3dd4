/**
 * Two jest projects:
 *  - unit: everything under test/ except test/e2e, run in-process against n8n-core's real engine
 *          (custom environment restores nock after each file, setup blocks the real network)
 *  - e2e:  test/e2e against a real n8n server (long timeout, one worker)
 * Type checking is a separate step (`tsc -p tsconfig.test.json`), so ts-jest only transpiles.
 */
// tsconfig.jest.json = tsconfig.test.json + isolatedModules (per-file transpilation, no type check)
const tsJestOptions = { tsconfig: '<rootDir>/test/harness/tsconfig.jest.json', diagnostics: false };
const transform = { '^.+\\.ts$': ['ts-jest', tsJestOptions] };

// staged and unpacked packages (.cache/packages) and the generated packages/<name>/ folders hold
// package.json files named like this one and the packages: not modules of the tests
// (and so do the user folders of the e2e tests)
const modulePathIgnorePatterns = [
	'<rootDir>/.cache/',
	'<rootDir>/packages/',
	'<rootDir>/test/e2e/.work/',
];

// `jest --selectProjects e2e` or a path under test/e2e: run the e2e files one at a time
const e2eOnly = process.argv.some((arg) => arg === 'e2e' || arg.includes('test/e2e'));

/** @type {import('jest').Config} */
module.exports = {
	...(e2eOnly ? { maxWorkers: 1 } : {}),
	projects: [
		{
			displayName: 'unit',
			rootDir: __dirname,
			testMatch: ['<rootDir>/test/**/*.test.ts'],
			testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/'],
			testEnvironment: '<rootDir>/test/harness/jest-environment.js',
			setupFiles: ['<rootDir>/test/harness/jest-setup.ts'],
			transform,
			moduleFileExtensions: ['ts', 'js', 'json'],
			modulePathIgnorePatterns,
		},
		{
			displayName: 'e2e',
			rootDir: __dirname,
			testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
			testEnvironment: 'node',
			// jest 29 ignores testTimeout/maxWorkers inside a project: the timeout is set in this setup
			// file, and one worker is forced below when only e2e runs
			setupFilesAfterEnv: ['<rootDir>/test/harness/jest-e2e-setup.ts'],
			transform,
			moduleFileExtensions: ['ts', 'js', 'json'],
			modulePathIgnorePatterns,
		},
	],
};
