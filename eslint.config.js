// ESLint flat config. Correctness rules only: layout belongs to Prettier (.prettierrc.json), so no stylistic rule here.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'coverage/',
      '.tmp/',
      'bench/results/',
      'test/e2e/screenshots/',
      'reports/',
      '.ci-results/',
      '.stryker-tmp/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // A leading underscore marks a binding kept on purpose: a rest-destructuring that drops a field
      // (`const { secret: _secret, ...shown } = row`), a parameter a signature requires, a drained iterator.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Test data and fixtures type Chinese input with full-width spaces (U+3000) inside template literals on purpose.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true, skipRegExps: true }],
    },
  },
  {
    // Kysely's own pattern for code that serves any schema: migrations must not see today's `Database` type
    // (they run against the schema of their day), and dialect helpers and scope filters take any table's
    // query builder, hence `Kysely<any>` and `SelectQueryBuilder<any, any, any>` on the server and in its tests.
    // The console and the contract get no such exception.
    files: ['src/server/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The text cleaner exists to find and strip control characters, so its patterns name them.
    files: ['src/server/lib/text.ts'],
    rules: { 'no-control-regex': 'off' },
  },
  {
    files: ['src/web/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
    languageOptions: { globals: { ...globals.browser } },
  },
);
