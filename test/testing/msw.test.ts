/** The msw handlers on msw 2 (the \`msw\` devDependency); msw3.test.ts runs the same suite on msw 3. */
import { createRequire } from 'node:module';
import { expect, it } from 'vitest';
import { mswSuite } from './msw-suite.js';

it('runs on msw 2', () => {
  expect(createRequire(import.meta.url)('msw/package.json').version).toMatch(/^2\./);
});
mswSuite('msw 2:');
