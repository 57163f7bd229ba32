import { defineConfig } from 'vitest/config';

/** The real local stand-ins (DynamoDB Local, SES local) started once, and a table per file. */
const withServices = {
  globalSetup: ['test/integration/global-setup.ts'],
  setupFiles: ['test/integration/setup.ts'],
  // Logs off (the personal-data canary turns them on for itself); no EMF lines in test output.
  env: { POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_METRICS_DISABLED: 'true' },
};

export default defineConfig({
  test: {
    // CI also writes a JSON report, from which .ci/run prints one "N passed, N failed" line.
    reporters: process.env.SKC_TEST_REPORT ? ['default', 'json'] : ['default'],
    outputFile: { json: `test-results/${process.env.SKC_TEST_REPORT ?? 'vitest'}.json` },
    projects: [
      {
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], env: { POWERTOOLS_LOG_LEVEL: 'SILENT' } },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          ...withServices,
        },
      },
      {
        test: {
          name: 'infra',
          include: ['test/infra/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        // Load and fault tests run after the rest, one file at a time, so the latencies they
        // judge are their own and not the rest of the suite's.
        test: {
          name: 'stress',
          include: ['test/stress/**/*.test.ts'],
          sequence: { groupOrder: 1 },
          fileParallelism: false,
          testTimeout: 240_000,
          hookTimeout: 60_000,
          ...withServices,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
          ...withServices,
        },
      },
    ],
  },
});
