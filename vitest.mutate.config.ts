import { defineConfig } from 'vitest/config';

// The tests Stryker runs against its mutants (stryker.config.mjs): the unit tests of the pure rule
// files, and the audit chain's on an in-memory SQLite database. Not the API suite: a run stays short.
// Standalone rather than merged with vitest.config.ts: a merge would add these to its include list.
export default defineConfig({
  test: {
    include: [
      'src/server/modules/inspections/workflow.test.ts',
      'src/server/modules/inspections/draw.test.ts',
      'src/server/lib/dates.test.ts',
      'src/server/modules/assessments/scoring.test.ts',
      'src/server/modules/targets/measure.test.ts',
      'src/server/lib/uscc.test.ts',
      'src/server/modules/brands/validity.test.ts',
      'src/contract/permissions.test.ts',
      'test/audit-chain.test.ts',
      'test/audit-hash.test.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
