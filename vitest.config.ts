import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/build-dist.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Simulations are CPU-bound; two workers match the 2-core machines.
    maxWorkers: 2,
  },
});
