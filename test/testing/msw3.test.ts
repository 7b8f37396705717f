/**
 * The same suite on msw 3 (installed as the \`msw3\` alias): \`msw\` and \`msw/node\` are mocked to
 * it for every module this file loads, src/testing/msw.ts included.
 */
import { expect, it, vi } from 'vitest';
import { mswSuite } from './msw-suite.js';

vi.mock('msw', async () => await import('msw3'));
vi.mock('msw/node', async () => await import('msw3/node'));

it('runs on msw 3', async () => {
  const { http } = await import('msw');
  const real = await import('msw3');
  expect(http).toBe(real.http);
});
mswSuite('msw 3:');
