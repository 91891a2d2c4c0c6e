/**
 * Queue-mode suite: n8n main + webhook processes + workers with Postgres and Redis, started by the
 * suite itself (scripts/n8n/queue.js). `npm run test:e2e:queue`.
 * @type {import('jest').Config}
 */
module.exports = {
	testEnvironment: 'node',
	cacheDirectory: '<rootDir>/.tmp/jest-cache',
	modulePathIgnorePatterns: ['<rootDir>/.tmp/'],
	testMatch: ['<rootDir>/test/queue/**/*.e2e.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
	maxWorkers: 1,
	testTimeout: 300000,
};
