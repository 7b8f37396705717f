import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  resolve: {
    // Examples import the package by name, as users do; tests run them against the sources.
    alias: [
      { find: /^vendor-errors$/, replacement: here('./src/index.ts') },
      { find: /^vendor-errors\/advanced$/, replacement: here('./src/advanced.ts') },
      { find: /^vendor-errors\/adapters$/, replacement: here('./adapters/index.ts') },
      { find: /^vendor-errors\/testing$/, replacement: here('./src/testing/index.ts') },
      { find: /^vendor-errors\/testing\/msw$/, replacement: here('./src/testing/msw.ts') },
      { find: /^vendor-errors\/axios$/, replacement: here('./src/integrations/axios/index.ts') },
      { find: /^vendor-errors\/ky$/, replacement: here('./src/integrations/ky/index.ts') },
      { find: /^vendor-errors\/(axios|ky|fetch)$/, replacement: here('./src/integrations/$1.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
    testTimeout: 20_000,
    pool: 'forks',
  },
});
