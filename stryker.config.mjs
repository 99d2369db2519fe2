// Mutation testing of the pure rule files (`npm run mutate`; score and floor in the README, Tests).
// Two test processes at most: the machine it was tuned on has two cores.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts', related: false },
  plugins: ['@stryker-mutator/vitest-runner'],
  checkers: [],
  mutate: [
    'src/server/modules/inspections/workflow.ts', // the case's state machine and its deadlines
    'src/server/lib/dates.ts', // day, month and year arithmetic the deadlines and validity use
    'src/server/modules/inspections/draw.ts', // the random draw
    'src/server/modules/assessments/scoring.ts', // county assessment points
    'src/server/modules/targets/measure.ts', // indicator values, status, projection (the calculators' arithmetic)
    'src/server/lib/uscc.ts', // USCC check digit
    'src/server/modules/brands/validity.ts', // honour validity and reviews
    'src/contract/permissions.ts', // roles and permissions
    // The audit chain: the hashed fields and the verification walk (the rest of the file is SQL).
    'src/server/modules/audit/audit.repository.ts:76-89',
    'src/server/modules/audit/audit.repository.ts:226-276',
  ],
  concurrency: 2,
  coverageAnalysis: 'perTest',
  // Static mutants (the permission table, the allowed-transition table, the law's day counts) need every test and a fresh
  // module load each; the tests that read those tables run on every other mutant anyway.
  ignoreStatic: true,
  timeoutMS: 30_000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  // The floor: a run below it fails. 80: under the 85.9 % measured on dates.ts and validity.ts (README, Tests); to be
  // raised to just under the whole set's score once a full run has measured it.
  thresholds: { high: 90, low: 80, break: 80 },
};
