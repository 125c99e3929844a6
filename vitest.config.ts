import { defineConfig } from 'vitest/config';

// One runner for every suite; each folder of test/ is a suite (see README).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Real servers and Chromium share 2 cores: keep files from starving each other.
    maxWorkers: 2,
    fileParallelism: true,
  },
});
