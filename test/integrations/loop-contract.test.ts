/**
 * Every integration hands its sends to the one retry loop, passing the user's retry options
 * through untouched (so options added to the loop later reach it) plus what the request is.
 */
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { netease, upyun } from '../../adapters/index.js';
import * as loop from '../../src/retry/retry.js';
import { CLIENTS } from './clients.js';
import { script } from './msw.js';

vi.mock('../../src/retry/retry.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/retry/retry.js')>();
  return { ...real, retry: vi.fn(real.retry) };
});

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  vi.mocked(loop.retry).mockClear();
});
afterAll(() => server.close());

describe.each(CLIENTS)('$name', (kind) => {
  it('passes the user’s retry options through, plus method, idempotency, vendor and URL', async () => {
    const u = 'https://api.example.test/apps/1?access_token=s3cret';
    server.use(script(u, [{ status: 200, body: { ok: true } }]).handler);
    const onRetry = () => {};
    // An option the loop does not know (yet) must reach it unchanged.
    const user = { retries: 2, onRetry, futureOption: { id: 7 } };
    await kind.make({ adapter: netease, retry: user }).send({ method: 'DELETE', url: u });
    const calls = vi.mocked(loop.retry).mock.calls;
    expect(calls).toHaveLength(1);
    const options = calls[0]![1];
    expect(options).toMatchObject({
      retries: 2,
      onRetry,
      futureOption: { id: 7 },
      method: 'DELETE',
      idempotent: true,
      vendor: 'netease',
    });
    expect(String((options as { url: string }).url)).toMatch(/^https:\/\/api\.example\.test\/apps\/1\?access_token=/);
    expect(String((options as { url: string }).url)).not.toContain('s3cret');
  });

  it('marks a POST as not idempotent unless it carries an Idempotency-Key', async () => {
    const u = 'https://api.example.test/orders';
    server.use(script(u, [{ status: 201, body: {} }]).handler);
    const client = kind.make({ adapter: upyun });
    await client.send({ method: 'POST', url: u, body: 'x' });
    await client.send({ method: 'POST', url: u, body: 'x', headers: { 'Idempotency-Key': 'k-1' } });
    const [first, second] = vi.mocked(loop.retry).mock.calls.map((c) => c[1]);
    expect(first).toMatchObject({ method: 'POST', idempotent: false });
    expect(second).toMatchObject({ method: 'POST', idempotent: true });
  });

  it('passes retry: false as false', async () => {
    const u = 'https://api.example.test/off';
    server.use(script(u, [{ status: 200, body: {} }]).handler);
    await kind.make({ adapter: upyun, retry: false }).send({ method: 'GET', url: u });
    expect(vi.mocked(loop.retry).mock.calls[0]![1]).toBe(false);
  });
});
