import { defineConfig } from 'vitest/config';

/**
 * `npm run test:chaos`: the service under faults (test/chaos/). Each file starts its own redis-server and fake
 * Lark, and some fork a worker process: one file at a time, with room for the restarts they wait through.
 */
export default defineConfig({
  test: {
    include: ['test/chaos/**/*.test.ts'],
    fileParallelism: false,
    pool: 'forks',
    testTimeout: 300_000,
    hookTimeout: 60_000,
  },
});
