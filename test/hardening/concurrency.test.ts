/**
 * Issue #5, concurrency: 1,000 concurrent requests through each client (fetch, ky, axios)
 * against the simulator's rate limiter (127.0.0.1) all settle, with no unhandled rejection and
 * no timer left behind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { netease, upyun } from '../../adapters/index.js';
import { type Adapter, isVendorError, type RetryOptions, type VendorError } from '../../src/index.js';
import { loadClients, type Outcome } from './clients.js';

const clients = await loadClients();
const testing = await import('../../src/testing/index.js').catch(() => undefined);

const N = 1000;
const RETRY: RetryOptions = { retries: 8, baseDelayMs: 2, rateLimitBaseDelayMs: 5, maxDelayMs: 100, maxElapsedMs: 20_000 };

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeAll(() => {
  process.on('unhandledRejection', onUnhandled);
});
afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
});

function timers(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
}

async function settleWithin<T>(promises: Promise<T>[], ms: number): Promise<PromiseSettledResult<T>[]> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`not every promise settled within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([Promise.allSettled(promises), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

const SCENARIOS: { adapter: Adapter; path: string; scenario: object; label: string; retry?: RetryOptions }[] = [
  // UpYun: 429 42900001 with a retry-after-ms hint the loop honours.
  {
    adapter: upyun,
    path: '/upyun/bucket/file',
    scenario: { rateLimit: { perSecond: 500, burst: 50, retryAfter: 'ms' } },
    label: 'UpYun 429 + retry-after-ms',
  },
  // NetEase: a rate limit sent as 403 4030001 with no hint (the vendor documents none): backoff.
  {
    adapter: netease,
    path: '/netease/api/v1/repositories',
    scenario: { rateLimit: { perSecond: 500, burst: 50 } },
    // Unpaced: the default pacer can keep all 1,000 calls under this limiter (no refusal at all),
    // and this scenario is about retries through it.
    retry: { ...RETRY, pacer: false },
    label: 'NetEase 403 4030001, no hint',
  },
];

describe.skipIf(clients.length === 0 || !testing).each(clients.map((c) => [c.name, c] as const))(
  '%s: 1,000 concurrent requests',
  (name, client) => {
    for (const s of SCENARIOS) {
      it(`${s.label}: every promise settles, only VendorErrors, no unhandled rejection, no timer left`, async () => {
        const sim = await testing!.startVendorSimulator({ scenarios: { [s.adapter.name]: s.scenario } });
        const before = timers();
        const t0 = performance.now();
        let results: PromiseSettledResult<Outcome>[];
        try {
          const calls = Array.from({ length: N }, (_, i) =>
            client.call(`${sim.url}${s.path}-${i}`, { adapter: s.adapter, retry: s.retry ?? RETRY }),
          );
          results = await settleWithin(calls, 60_000);
          const stats = sim.stats.vendor(s.adapter.name);
          const limited = stats.byReason['rate-limited'] ?? 0;
          const ok = results.filter((r) => r.status === 'fulfilled' && r.value.ok).length;
          const failed = results
            .filter((r) => r.status === 'fulfilled' && !r.value.ok)
            .map((r) => (r as PromiseFulfilledResult<Outcome & { ok: false }>).value.error);
          console.log(
            `[hardening] ${name} ${s.label}: ${N} requests in ${Math.round(performance.now() - t0)} ms; ${ok} ok, ${failed.length} VendorErrors; ` +
              `simulator answered ${stats.total} (${limited} rate-limited)`,
          );
          expect(results).toHaveLength(N);
          expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
          for (const e of failed) expect(isVendorError(e), String(e)).toBe(true);
          for (const e of failed) expect(['rate-limited', 'network', 'timeout']).toContain((e as VendorError).kind);
          // The limiter really was in the way, and retries got through it.
          expect(limited).toBeGreaterThan(0);
          expect(ok).toBeGreaterThan(N / 2);
        } finally {
          await sim.close();
        }
        // Timers: the retry waits and the clients' own timers are gone once all settled.
        let left = timers();
        for (let i = 0; i < 50 && left > before; i++) {
          await new Promise((r) => setImmediate(r));
          await new Promise((r) => setTimeout(r, 100));
          left = timers();
        }
        expect(left, `timers before ${before}, after ${left}`).toBeLessThanOrEqual(before);
        expect(unhandled).toEqual([]);
      }, 90_000);
    }
  },
);
