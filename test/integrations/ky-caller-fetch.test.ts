/**
 * Issue 11 (ky's own suite: `init hook runs only once even with retries`, `parseJson option
 * receives context after retry`, `beforeError receives current request … after retry request
 * replacement`): a `fetch` given to ky itself, per call or by `.extend()`, replaces the loop's, and
 * ky's retry was off, so such a call was never retried; a failure response made up by a hook
 * neither. ky now retries, by its own rules, what never went through the loop (ky 1 and ky 2, real
 * server on 127.0.0.1); what the loop decided it still never repeats.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upyun } from '../../adapters/index.js';
import { ServiceUnavailableError } from '../../src/errors/index.js';
import { vendorErrors } from '../../src/integrations/ky/index.js';
import { FAST_RETRY, KYS, type LocalServer, startLocalServer, UPYUN_503, vendorRejection } from './local-server.js';

let server: LocalServer;
beforeAll(async () => {
  server = await startLocalServer();
});
afterAll(() => server.close());

/** 503 for the first `failures` requests, then 200. */
function failFirst(failures: number): void {
  server.hits = 0;
  server.handle((_req, res) => {
    const fail = server.hits <= failures;
    res.writeHead(fail ? 503 : 200, { 'content-type': 'application/json' });
    res.end(fail ? UPYUN_503 : '{"ok":true}');
  });
}

/** The caller's own fetch: counts its calls and sends for real. */
function countingFetch(): { fetch: typeof fetch; calls: number } {
  const state = {
    calls: 0,
    fetch: ((input: RequestInfo | URL, init?: RequestInit) => {
      state.calls++;
      return globalThis.fetch(input, init);
    }) as typeof fetch,
  };
  return state;
}

describe.each(KYS)('%s', (_name, lib) => {
  const api = lib.create(vendorErrors({ adapter: upyun, retry: { ...FAST_RETRY, retries: 2 } }));

  it('a fetch given per call: ky’s own retry retries its 503 (as without vendorErrors), the failure is a VendorError', async () => {
    failFirst(1);
    const mine = countingFetch();
    // ky's default backoff: 0.3 s before the one retry.
    expect(await api.get(`${server.url}/a`, { fetch: mine.fetch }).json()).toEqual({ ok: true });
    expect(mine.calls).toBe(2);

    failFirst(10);
    const again = countingFetch();
    const err = await vendorRejection(api.get(`${server.url}/b`, { fetch: again.fetch, retry: 1 }));
    expect(err).toBeInstanceOf(ServiceUnavailableError);
    expect(again.calls).toBe(2);
  });

  it('…by ky’s rules: a 404 from it is not retried', async () => {
    server.hits = 0;
    server.handle((_req, res) => {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"msg":"file or directory not found","code":40400001,"id":"r-404"}');
    });
    const mine = countingFetch();
    await vendorRejection(api.get(`${server.url}/h`, { fetch: mine.fetch }));
    expect(mine.calls).toBe(1);
  });

  it('a fetch given by .extend(): the same', async () => {
    failFirst(1);
    const mine = countingFetch();
    expect(await api.extend({ fetch: mine.fetch }).get(`${server.url}/c`).json()).toEqual({ ok: true });
    expect(mine.calls).toBe(2);
  });

  it('retry: 0 on the call means one attempt; with vendorErrors({ retry: false }) ky keeps its own default limit', async () => {
    failFirst(10);
    const mine = countingFetch();
    await vendorRejection(api.get(`${server.url}/d`, { fetch: mine.fetch, retry: 0 }));
    expect(mine.calls).toBe(1);
    // The loop is off, and this call never goes through it: plain ky, which retries a 503 (limit 2).
    const off = lib.create(vendorErrors({ adapter: upyun, retry: false }));
    failFirst(1);
    const other = countingFetch();
    expect(await off.get(`${server.url}/e`, { fetch: other.fetch }).json()).toEqual({ ok: true });
    expect(other.calls).toBe(2);
    failFirst(10);
    const none = countingFetch();
    await vendorRejection(off.get(`${server.url}/e`, { fetch: none.fetch, retry: 0 }));
    expect(none.calls).toBe(1);
  });

  it('a failure response an afterResponse hook makes up is retried by ky, as without vendorErrors', async () => {
    failFirst(0);
    let made = 0;
    const hooked = api.extend({
      hooks: {
        afterResponse: [
          () => {
            if (made++ === 0) return new Response('{"msg":"made up"}', { status: 503 });
            return undefined;
          },
        ],
      },
    } as never);
    expect(await hooked.get(`${server.url}/f`).json()).toEqual({ ok: true });
    expect(server.hits).toBe(2);
  });

  it('what the loop decided is not retried again by ky: one 503 run, retries + 1 requests', async () => {
    failFirst(10);
    const err = await vendorRejection(api.get(`${server.url}/g`));
    expect(err.attempts).toHaveLength(3);
    expect(server.hits).toBe(3);
  });
});
