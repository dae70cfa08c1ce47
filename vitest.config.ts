import { defineConfig } from 'vitest/config';
import SummaryLine from './tests/summary-reporter.js';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    // One throwaway PostgreSQL cluster for the whole run (stopped at the end): tests/pg/global-setup.ts.
    globalSetup: ['tests/pg/global-setup.ts'],
    reporters: ['default', new SummaryLine()],
  },
});
