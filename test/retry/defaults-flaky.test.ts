/**
 * The default retry count against a backend that fails 20 % of requests at random (issue #12:
 * "20 % flaky 503, all ok"), in simulated time: 300 calls, 50 in flight, through retry() with the
 * default pacer, over 20 seeds of the simulator's random streams. Each call fails only if all of
 * its attempts do (0.2^(retries + 1)): with 3 retries that is 0.48 failed calls per run.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { upyun } from '../../adapters/index.js';
import { createPacer, normalize, retry } from '../../src/index.js';
import { createSimulatorCore } from '../../src/testing/index.js';

const T0 = Date.UTC(2026, 0, 1);
beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(() => void vi.useRealTimers());

async function failedCalls(seed: number, retries?: number): Promise<number> {
  const core = createSimulatorCore({ seed, scenarios: { upyun: { latencyMs: 5, flaky: { rate: 0.2 } } } });
  const pacer = createPacer();
  const url = 'https://v0.api.upyun.com/bucket/file';
  const call = () =>
    retry(
      async () => {
        const r = core.handle({ vendor: 'upyun', path: '/bucket/file' });
        await new Promise((resolve) => setTimeout(resolve, r.delayMs));
        if ((r.status ?? 200) >= 400)
          throw normalize(upyun, { status: r.status, headers: r.headers, body: r.body, method: 'GET', url });
        return r.body;
      },
      { pacer, vendor: 'upyun', url, method: 'GET', ...(retries === undefined ? {} : { retries }) },
    );
  let next = 0;
  let failed = 0;
  const lanes = Promise.all(
    Array.from({ length: 50 }, async () => {
      while (next < 300) {
        next++;
        await call().catch(() => failed++);
      }
    }),
  );
  await vi.runAllTimersAsync();
  await lanes;
  pacer.close();
  return failed;
}

describe('default retries against a 20 % flaky backend (simulated time, 20 seeds × 300 calls)', () => {
  it('defaults: at most one failed call in 6,000 (expected 0.38; 1 here); with 3 retries, several', async () => {
    let withDefaults = 0;
    let withThree = 0;
    for (let seed = 1; seed <= 20; seed++) {
      withDefaults += await failedCalls(seed);
      withThree += await failedCalls(seed, 3);
    }
    expect(withDefaults).toBeLessThanOrEqual(1);
    // The reason for the default: 0.2⁴ per call, ~9.6 expected over these runs (4 with these seeds).
    expect(withThree).toBeGreaterThanOrEqual(2);
  }, 120_000);
});
