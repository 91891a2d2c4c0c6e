/**
 * End-to-end suite: a real n8n (installed from the npm registry into a cache outside the repository)
 * with this package installed from its packed tarball. `npm run test:e2e`.
 * @type {import('jest').Config}
 */
module.exports = {
	testEnvironment: 'node',
	cacheDirectory: '<rootDir>/.tmp/jest-cache',
	// n8n user folders and packed packages live there
	modulePathIgnorePatterns: ['<rootDir>/.tmp/'],
	testMatch: ['<rootDir>/test/e2e/**/*.e2e.ts'],
	globalSetup: '<rootDir>/test/e2e/globalSetup.js',
	globalTeardown: '<rootDir>/test/e2e/globalTeardown.js',
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
	// one n8n serves every file: run them one after another
	maxWorkers: 1,
	testTimeout: 120000,
};
