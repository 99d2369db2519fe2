import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config';

// The tests Stryker runs against its mutants (stryker.config.mjs): the unit tests of the pure rule
// files, and the audit chain's on an in-memory SQLite database. Not the API suite: a run stays short.
export default mergeConfig(
  base,
  defineConfig({
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
    },
  }),
);
