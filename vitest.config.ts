import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Each file starts its own redis-server and Slack stand-in, so files can run side by side.
    fileParallelism: true,
    maxWorkers: 2,
    // Jobs run in real workers on a small machine shared by parallel test files: give them time.
    expect: { poll: { timeout: 10_000, interval: 50 } },
  },
});
