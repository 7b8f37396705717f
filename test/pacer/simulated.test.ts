/**
 * The benchmark's rate-limit scenarios in simulated time: the simulator's pure core
 * (`createSimulatorCore`) behind fake timers, a warm-up of 10 calls, then 300 calls 50 at a time
 * through `retry()` and a pacer against a token bucket of 100/s (burst 10) with 5 ms of latency,
 * as in `bench/lib/scenarios.ts`. No HTTP and no CPU time: the figures are the control loop's
 * alone, the same on every run and every machine. Every time here is simulated, never wall-clock.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { netease, upyun } from '../../adapters/index.js';
import { createPacer, normalize, type PacerChange, retry } from '../../src/index.js';
import { createSimulatorCore, type RetryAfterStyle } from '../../src/testing/index.js';
import { T0 } from './helpers.js';

const CALLS = 300;
const CONCURRENCY = 50;
const RATE = 100;
const BURST = 10;
const LATENCY = 5;
/** (N − B) / R + L: the best possible completion time (bench/lib/scenarios.ts). */
const IDEAL = ((CALLS - BURST) / RATE) * 1000 + LATENCY;

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(() => void vi.useRealTimers());

interface Outcome {
  /** Simulated ms from the first call to the last answer. */
  readonly ms: number;
  readonly failed: number;
  readonly requests: number;
  /** Distinct Retry-After pauses (a pause lengthened while it lasts counts once). */
  readonly pauses: number;
}

type Vendor = 'upyun' | 'netease';

async function run(vendor: Vendor, retryAfter: RetryAfterStyle, as?: number, warmUp = 10, latency = LATENCY): Promise<Outcome> {
  const adapter = vendor === 'upyun' ? upyun : netease;
  const core = createSimulatorCore({ scenarios: { [vendor]: { latencyMs: latency } } });
  let pauses = 0;
  const pacer = createPacer({
    onChange: (c: PacerChange) => {
      if (c.reason === 'pause' && c.previousState !== 'paused') pauses++;
    },
  });
  const url = 'https://api.example.com/v1/things';
  const call = () =>
    retry(
      async () => {
        const r = core.handle({ vendor, path: '/v1/things' });
        await new Promise((resolve) => setTimeout(resolve, r.delayMs));
        if ((r.status ?? 200) >= 400)
          throw normalize(adapter, { status: r.status, headers: r.headers, body: r.body, method: 'GET', url });
        return r.body;
      },
      { pacer, vendor, url, method: 'GET' },
    );

  // The benchmark's warm-up: 10 calls, 10 at a time, to a vendor that does not limit yet (0: a cold key).
  const warm = Promise.all(Array.from({ length: warmUp }, call));
  await vi.runAllTimersAsync();
  await warm;
  core.scenario(vendor, { rateLimit: { perSecond: RATE, burst: BURST, retryAfter, as }, latencyMs: latency });
  core.stats.reset();

  const start = Date.now();
  let next = 0;
  let failed = 0;
  let end = start;
  const lanes = Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < CALLS) {
        next++;
        await call().catch(() => failed++);
        end = Date.now();
      }
    }),
  );
  await vi.runAllTimersAsync();
  await lanes;
  pacer.close();
  return { ms: end - start, failed, requests: core.stats.vendor(vendor).total, pauses };
}

describe('pacer in simulated time: 300 calls, 50 in flight, token bucket 100/s (burst 10), 5 ms latency', () => {
  it.each([
    ['UpYun 429, body code only', 'upyun', undefined],
    ['NetEase 403 4030001', 'netease', undefined],
    ['NetEase 400 4000199 "busy"', 'netease', 4000199],
  ] as const)('%s: every call succeeds, ≤ 1.15 requests per call, ≤ 1.10 × the ideal time', async (_name, vendor, as) => {
    const o = await run(vendor, 'none', as);
    expect(o.failed).toBe(0);
    expect(o.requests / CALLS).toBeLessThanOrEqual(1.15);
    expect(o.pauses).toBe(0);
    expect(o.ms / IDEAL).toBeLessThanOrEqual(1.1);
  });

  it.each([
    ['UpYun 429, body code only', 'upyun', undefined],
    ['NetEase 403 4030001', 'netease', undefined],
  ] as const)('%s, a cold key (no warm-up): the same targets', async (_name, vendor, as) => {
    // The first flight meets the empty bucket with 50 in flight (40 refusals). Slow start then
    // begins at the rate the key saw in the 5 ms it had lived (10 accepted, read over 100 ms:
    // 100/s); read over the whole 500 ms window it began at 20/s: 1.13 × the ideal, not 1.03 ×.
    const o = await run(vendor, 'none', as, 0);
    expect(o.failed).toBe(0);
    expect(o.requests / CALLS).toBeLessThanOrEqual(1.15);
    expect(o.ms / IDEAL).toBeLessThanOrEqual(1.1);
  });

  it('UpYun 429 + Retry-After in whole seconds: two pauses, the fewest that can find the limit', async () => {
    // The cold burst overshoots the vendor's 10 tokens: `Retry-After: 1` (10 ms rounded up to a
    // whole second) pauses the key. That refusal says only that the burst was too big, nothing of
    // the rate; a token bucket refuses nothing until it is empty, so the rate is found only by
    // exceeding it, which costs the second pause. Honouring one 1 s pause alone puts the floor
    // at L + 1 s + (N − 2B) / R + L = 3.81 s (1.31 × the ideal); two, at 4.72 s (1.62 ×).
    const o = await run('upyun', 'seconds');
    expect(o.failed).toBe(0);
    expect(o.requests / CALLS).toBeLessThanOrEqual(1.15);
    expect(o.pauses).toBe(2);
    expect(o.ms).toBeGreaterThanOrEqual(2 * 1000 + ((CALLS - 3 * BURST) / RATE) * 1000);
    // Issue #12: ≤ 1.75 × the ideal (1.07 × the two-pause floor); 1.68 × here.
    expect(o.ms / IDEAL).toBeLessThanOrEqual(1.75);
  });

  it('UpYun 429 + Retry-After, a cold key: two pauses, ≤ 1.75 × the ideal', async () => {
    // No warm-up: the first flight's 10 successes (the vendor's bucket) read over a fifth of a
    // window start slow start after the pause at 100/s (firstLimitRate; the whole window, 20/s,
    // gave 1.74 ×); its refusal read where the refused request was sent: 1.68 ×.
    const o = await run('upyun', 'seconds', undefined, 0);
    expect(o.failed).toBe(0);
    expect(o.requests / CALLS).toBeLessThanOrEqual(1.15);
    expect(o.pauses).toBe(2);
    expect(o.ms / IDEAL).toBeLessThanOrEqual(1.7);
  });

  it.each([20, 60])('UpYun 429 + Retry-After, %i ms of latency: still two pauses', async (latency) => {
    // Read at the refusal's arrival, slow start's rate had doubled on for a round trip past the
    // refused send: the limit read high and a third pause came (2.09–2.21 × the ideal).
    const ideal = ((CALLS - BURST) / RATE) * 1000 + latency;
    for (const warmUp of [10, 0]) {
      const o = await run('upyun', 'seconds', undefined, warmUp, latency);
      expect(o.failed).toBe(0);
      expect(o.pauses).toBe(2);
      expect(o.ms / ideal).toBeLessThanOrEqual(1.8);
    }
  });
});
