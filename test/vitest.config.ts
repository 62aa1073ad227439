import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/suites/**/*.test.ts'],
    globalSetup: ['src/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 180_000,
    // Files share one store and one Redis; each test makes its own tenant, so files may run
    // side by side.
    fileParallelism: true,
    maxWorkers: 2,
    reporters: ['default', './src/summary-reporter.ts'],
  },
});
