/**
 * End to end: the vendor simulator (`startVendorSimulator`) playing NetEase behind a token
 * bucket, so over-limit calls get NetEase's real answer (HTTP 403,
 * `{"code":4030001,"message":"Api freq out of limit."}`): 300 calls 50 at a time through
 * `retry()` + global `fetch` + `normalize(netease)`, with and without a pacer. Counts only
 * (from the simulator's stats): the times are machine-dependent and reported, not asserted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { netease } from '../../adapters/index.js';
import { createPacer, normalize, type Pacer, retry } from '../../src/index.js';
import { type RetryAfterStyle, startVendorSimulator, type VendorSimulator } from '../../src/testing/index.js';

const CALLS = 300;
const CONCURRENCY = 50;
const RATE = 100; // per second
const BURST = 10; // bucket size: the ideal time is (300 − 10) / 100 = 2.9 s

let sim: VendorSimulator;
let url: string;

beforeAll(async () => {
  sim = await startVendorSimulator();
  url = `${sim.url}/netease/api/v1/containers`;
});

afterAll(async () => {
  await sim.close();
});

/**
 * A full bucket (perSecond 100, burst 10; the simulator's bucket starts full and refills
 * continuously) and zero counts. `retryAfter: 'seconds'` adds `Retry-After: <whole seconds,
 * rounded up>` to refusals, which is `1` for every refusal at this rate.
 */
function reset(retryAfter: RetryAfterStyle = 'none'): void {
  sim.scenario('netease', { rateLimit: { perSecond: RATE, burst: BURST, retryAfter } });
  sim.stats.reset();
}

/** Requests received, accepted, refused since the last reset. */
function counts(): { requests: number; ok: number; limited: number } {
  const s = sim.stats.vendor('netease');
  return { requests: s.total, ok: s.byReason.ok ?? 0, limited: s.byReason['rate-limited'] ?? 0 };
}

/** 300 calls, 50 workers; resolves with how many calls failed. */
async function run(pacer: Pacer | false | undefined): Promise<{ failed: number }> {
  let next = 0;
  let failed = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < CALLS) {
        next++;
        try {
          await retry(
            async ({ signal }) => {
              const res = await fetch(url, { signal });
              const body = await res.text();
              if (!res.ok) throw normalize(netease, { status: res.status, headers: res.headers, body, method: 'GET', url });
              return body;
            },
            { pacer, vendor: netease.name, url, method: 'GET' },
          );
        } catch {
          failed++;
        }
      }
    }),
  );
  return { failed };
}

describe('pacer end to end: a 100/s token-bucket vendor answering 403 4030001', () => {
  it('with a pacer: every call succeeds, at most 1.15 requests per call', async () => {
    reset();
    const pacer = createPacer();
    const { failed } = await run(pacer);
    const c = counts();
    expect(failed).toBe(0);
    expect(c.ok).toBe(CALLS);
    // The limit was really hit (a cold burst of 50 at a bucket of 10) ...
    expect(c.limited).toBeGreaterThan(0);
    expect(sim.stats.vendor('netease').byCode['4030001']).toBe(c.limited);
    expect(sim.stats.vendor('netease').byStatus['403']).toBe(c.limited);
    // ... and learned: few refusals beyond the unavoidable first ones.
    expect(c.requests / CALLS).toBeLessThanOrEqual(1.15);
    expect(pacer.snapshot()[`netease|${new URL(url).host}`]).toMatchObject({ state: 'pacing', queue: 0, inFlight: 0 });
  }, 60_000);

  it('with a pacer and Retry-After: 1 on each refusal: every call succeeds, at most 1.15 requests per call', async () => {
    reset('seconds');
    const { failed } = await run(createPacer());
    const c = counts();
    expect(failed).toBe(0);
    expect(c.requests / CALLS).toBeLessThanOrEqual(1.15);
  }, 60_000);

  it('with the default pacer (no option): every call succeeds, at most 1.15 requests per call', async () => {
    reset();
    const { failed } = await run(undefined);
    expect(failed).toBe(0);
    expect(counts().requests / CALLS).toBeLessThanOrEqual(1.15);
  }, 60_000);

  it('without a pacer (`pacer: false`, the baseline): many more requests per call', async () => {
    reset();
    await run(false);
    expect(counts().requests / CALLS).toBeGreaterThan(1.3);
  }, 60_000);
});
