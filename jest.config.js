/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	cacheDirectory: '<rootDir>/.tmp/jest-cache',
	// n8n user folders and packed packages live there
	modulePathIgnorePatterns: ['<rootDir>/.tmp/'],
	testMatch: ['<rootDir>/test/**/*.test.ts'],
	setupFiles: ['<rootDir>/test/harness/env.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
	testTimeout: 30000,
};
