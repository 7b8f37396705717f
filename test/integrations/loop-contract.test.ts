/**
 * Every integration hands its sends to the one retry loop (`runRetry`, the loop of `retry()`),
 * with the user's retry options resolved once per client by `resolveRetryOptions` (the one place
 * that reads them, so an option added to the loop is added there) plus what the request is.
 */
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { netease, upyun } from '../../adapters/index.js';
import { resolveRetryOptions } from '../../src/retry/options.js';
import * as loop from '../../src/retry/run.js';
import { CLIENTS } from './clients.js';
import { script } from './msw.js';

vi.mock('../../src/retry/run.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/retry/run.js')>();
  return { ...real, runRetry: vi.fn(real.runRetry) };
});

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  vi.mocked(loop.runRetry).mockClear();
});
afterAll(() => server.close());

describe.each(CLIENTS)('$name', (kind) => {
  it('passes the user’s retry options, resolved, plus idempotency, vendor and URL', async () => {
    const u = 'https://api.example.test/apps/1?access_token=s3cret';
    server.use(script(u, [{ status: 200, body: { ok: true } }]).handler);
    const onRetry = () => {};
    const user = { retries: 2, maxDelayMs: 1234, onRetry };
    const client = kind.make({ adapter: netease, retry: user });
    await client.send({ method: 'DELETE', url: u });
    await client.send({ method: 'DELETE', url: u });
    const calls = vi.mocked(loop.runRetry).mock.calls;
    expect(calls).toHaveLength(2);
    const [, options, call] = calls[0]!;
    expect(options).toEqual(resolveRetryOptions(user));
    // Resolved once, with the client: every request gets the same object.
    expect(calls[1]![1]).toBe(options);
    expect(call.vendor).toBe('netease');
    expect(typeof call.idempotent === 'function' ? call.idempotent() : call.idempotent).toBe(true);
    const url = String(typeof call.url === 'function' ? call.url() : call.url);
    expect(url).toMatch(/^https:\/\/api\.example\.test\/apps\/1\?access_token=/);
    expect(url).not.toContain('s3cret');
  });

  it('marks a POST as not idempotent unless it carries an Idempotency-Key', async () => {
    const u = 'https://api.example.test/orders';
    server.use(script(u, [{ status: 201, body: {} }]).handler);
    const client = kind.make({ adapter: upyun });
    await client.send({ method: 'POST', url: u, body: 'x' });
    await client.send({ method: 'POST', url: u, body: 'x', headers: { 'Idempotency-Key': 'k-1' } });
    const [first, second] = vi
      .mocked(loop.runRetry)
      .mock.calls.map(([, , call]) => (typeof call.idempotent === 'function' ? call.idempotent() : call.idempotent));
    expect(first).toBe(false);
    expect(second).toBe(true);
  });

  it('passes retry: false as one attempt, like retry(fn, false)', async () => {
    const u = 'https://api.example.test/off';
    server.use(script(u, [{ status: 200, body: {} }]).handler);
    await kind.make({ adapter: upyun, retry: false }).send({ method: 'GET', url: u });
    const [, options, call] = vi.mocked(loop.runRetry).mock.calls[0]!;
    expect(options).toBe(resolveRetryOptions(false));
    expect(call).toMatchObject({ signal: undefined, idempotent: false });
  });
});
