import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // CI also writes a JSON report, from which .ci/run prints one "N passed, N failed" line.
    reporters: process.env.SKC_TEST_REPORT ? ['default', 'json'] : ['default'],
    outputFile: { json: `test-results/${process.env.SKC_TEST_REPORT ?? 'vitest'}.json` },
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], env: { SKC_LOG: 'silent' } } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/integration/global-setup.ts'],
          setupFiles: ['test/integration/setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          env: { SKC_LOG: 'silent' },
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
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/integration/global-setup.ts'],
          setupFiles: ['test/integration/setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
          env: { SKC_LOG: 'silent' },
        },
      },
    ],
  },
});
