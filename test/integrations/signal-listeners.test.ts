/**
 * No listener is left behind on the caller's signals once a request settles: the request's own
 * signal and, above all, a long-lived retry `signal` shared by every request of a client (a
 * listener per request on it would grow without bound).
 */
import { getEventListeners } from 'node:events';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { upyun } from '../../adapters/index.js';
import { CLIENTS } from './clients.js';
import { script } from './msw.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const abortListeners = (signal: AbortSignal): number => getEventListeners(signal, 'abort').length;

describe.each(CLIENTS)('$name', (kind) => {
  it('leaves no listener on a shared retry signal or on the request signal after success, failure and retry', async () => {
    const ok = script('https://api.example.test/ok', [{ status: 200, body: { ok: true } }]);
    const flaky = script('https://api.example.test/flaky', [{ status: 503 }, { status: 200, body: {} }]);
    const missing = script('https://api.example.test/missing', [{ status: 404, body: { code: 40400001 } }]);
    server.use(ok.handler, flaky.handler, missing.handler);
    const shared = new AbortController();
    const client = kind.make({ adapter: upyun, retry: { signal: shared.signal, baseDelayMs: 1, maxDelayMs: 2 } });

    const mine = new AbortController();
    for (let i = 0; i < 5; i++) await client.send({ method: 'GET', url: ok.handler.info.path as string, signal: mine.signal });
    await client.send({ method: 'GET', url: flaky.handler.info.path as string, signal: mine.signal });
    await expect(
      client.send({ method: 'GET', url: missing.handler.info.path as string, signal: mine.signal }),
    ).rejects.toMatchObject({
      status: 404,
    });
    for (let i = 0; i < 5; i++) await client.send({ method: 'GET', url: ok.handler.info.path as string });

    expect(flaky.requests).toHaveLength(2);
    expect(abortListeners(shared.signal)).toBe(0);
    expect(abortListeners(mine.signal)).toBe(0);
  });
});
