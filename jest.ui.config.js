/**
 * Browser suite: the n8n editor in Debian's Chromium (playwright-core), against the same real
 * n8n the end-to-end suite starts, with this package installed. `npm run test:ui`.
 * @type {import('jest').Config}
 */
module.exports = {
	testEnvironment: 'node',
	cacheDirectory: '<rootDir>/.tmp/jest-cache',
	modulePathIgnorePatterns: ['<rootDir>/.tmp/'],
	testMatch: ['<rootDir>/test/ui/**/*.ui.ts'],
	globalSetup: '<rootDir>/test/e2e/globalSetup.js',
	globalTeardown: '<rootDir>/test/e2e/globalTeardown.js',
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
	maxWorkers: 1,
	testTimeout: 180000,
};
