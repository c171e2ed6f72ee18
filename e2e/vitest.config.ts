import { defineConfig } from 'vitest/config';

// Whole systems are heavy (a server, call control and Kamailio per file): one file at a time.
export default defineConfig({
  test: {
    globalSetup: ['src/harness/global-setup.ts'],
    include: ['test/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
  },
});
