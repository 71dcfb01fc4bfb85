import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The chaos tests run on their own (npm run test:chaos, vitest.chaos.config.ts).
    exclude: ['test/chaos/**', '**/node_modules/**'],
    globalSetup: ['test/helpers/global-setup.ts'],
    // Test files share one Redis (each with its own key prefix) and bind loopback ports: run them one at a time.
    fileParallelism: false,
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
