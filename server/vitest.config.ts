import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['test/support/global-setup.ts'],
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // One file at a time: the call tests each run Kamailio, rtpengine, call control, SIPp and baresip with
    // real timers (ring, wrap-up, heartbeat); two of them side by side on a 2-core machine pushed some past
    // their bounds. Sequential costs minutes, never a false failure.
    fileParallelism: false,
    maxWorkers: 1,
  },
});
