import { defineConfig } from 'vitest/config';

// Its own config: vite.config.ts has root src/web and would find no tests (STACK.md pitfall 1).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
