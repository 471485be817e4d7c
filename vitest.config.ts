import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    // Opening DuckDB in a suite's beforeAll took over 10 s on a loaded 2-core machine.
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
