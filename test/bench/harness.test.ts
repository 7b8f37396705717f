/**
 * The benchmark harness counts correctly. Counts only: benchmarks never assert wall-clock figures.
 */
import { startVendorSimulator, type VendorSimulator } from 'vendor-errors/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientById } from '../../bench/lib/clients.ts';
import { drive } from '../../bench/lib/driver.ts';
import { pacerVerdict } from '../../bench/lib/overhead.ts';
import { runScenario } from '../../bench/lib/scenario-run.ts';
import { buildScenarios, type ScenarioDef } from '../../bench/lib/scenarios.ts';
import { medianInterval } from '../../bench/lib/stats.ts';

describe('bench driver', () => {
  it('counts every call once: succeeded + failed = N, failures by label', async () => {
    const started: number[] = [];
    const result = await drive({
      calls: 20,
      concurrency: 4,
      capMs: 10_000,
      call: async (i) => {
        started.push(i);
        await Promise.resolve();
        if (i % 3 === 0) throw new RangeError(`call ${i}`);
      },
      label: (e) => (e instanceof Error ? e.name : 'other'),
    });
    expect(started.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(result.succeeded).toBe(13);
    expect(result.failed).toBe(7);
    expect(result.succeeded + result.failed).toBe(20);
    expect(result.unfinished).toBe(0);
    expect(result.timedOut).toBe(false);
    expect(result.errors).toEqual({ RangeError: 7 });
    expect(result.latenciesMs).toHaveLength(20);
  });

  it('never runs more than `concurrency` calls at once', async () => {
    let inFlight = 0;
    let most = 0;
    await drive({
      calls: 30,
      concurrency: 5,
      capMs: 10_000,
      call: async () => {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setImmediate(resolve));
        inFlight--;
      },
    });
    expect(most).toBe(5);
  });

  it('reports calls still pending at the cap as unfinished failures, and aborts their signals (one per call)', async () => {
    const signals: AbortSignal[] = [];
    const result = await drive({
      calls: 10,
      concurrency: 3,
      capMs: 50,
      call: (i, signal) => {
        signals.push(signal);
        return i < 2 ? Promise.resolve() : new Promise(() => {}); // calls 2, 3, 4 never settle
      },
    });
    expect(result.timedOut).toBe(true);
    expect(result.succeeded).toBe(2);
    expect(result.failed).toBe(8);
    expect(result.unfinished).toBe(8);
    expect(result.succeeded + result.failed).toBe(10);
    expect(result.latenciesMs).toHaveLength(2);
    // Calls 0 and 1 had settled; 2, 3 and 4 were pending. Each call has a signal of its own.
    expect(signals.map((s) => s.aborted)).toEqual([false, false, true, true, true]);
    expect(new Set(signals).size).toBe(5);
  });
});

describe('bench scenario run', () => {
  let sim: VendorSimulator;
  beforeAll(async () => {
    sim = await startVendorSimulator();
  });
  afterAll(async () => {
    await sim.close();
  });

  function tiny(id: string): ScenarioDef {
    const def = buildScenarios('quick').find((s) => s.id === id);
    if (!def) throw new Error(`no scenario ${id}`);
    return { ...def, calls: 20, concurrency: 5, scenario: { ...def.scenario, latencyMs: 0 } };
  }

  it('takes requests from the simulator: amplification = requests / calls (flaky 503s, vendor-errors on fetch)', async () => {
    const def = tiny('upyun-flaky-503');
    const result = await runScenario(def, clientById('ve-fetch'), { simulator: sim, warmupCalls: 3 });
    const stats = sim.stats.vendor('upyun');
    expect(result.calls).toBe(20);
    expect(result.succeeded + result.failed).toBe(20);
    expect(result.unfinished).toBe(0);
    // Warm-up requests were cleared before the run: only the run's requests are counted.
    expect(result.requests).toBe(stats.total);
    expect(result.requests).toBeGreaterThanOrEqual(20);
    expect(result.amplification).toBe(stats.total / 20);
    expect((result.byReason.ok ?? 0) + (result.byReason.flaky ?? 0)).toBe(result.requests);
    // Every success is one `ok` answer; every failed call saw only failures.
    expect(result.byReason.ok).toBe(result.succeeded);
    expect(result.perSecond.reduce((a, b) => a + b, 0)).toBe(result.requests);
    expect(result.bins.reduce((a, b) => a + b, 0)).toBe(result.requests);
  });

  it('counts calls that fail for good (a peer that does not retry NetEase 403 4030001)', async () => {
    const def: ScenarioDef = { ...tiny('netease-403-ratelimit'), scenario: { rateLimit: { perSecond: 0.01, burst: 5 } } };
    const result = await runScenario(def, clientById('ky-defaults'), { simulator: sim, warmupCalls: 0 });
    // ky does not retry a 403: exactly one request per call, the bucket's 5 tokens succeed.
    expect(result.requests).toBe(20);
    expect(result.amplification).toBe(1);
    expect(result.succeeded).toBe(5);
    expect(result.failed).toBe(15);
    expect(result.errors).toEqual({ 'ky HTTPError 403': 15 });
  });
});

describe('bench statistics', () => {
  it("medianInterval: the sign test's order statistics (n = 40 at 95 %: the 14th and 27th smallest)", () => {
    const shuffled = (n: number) => Array.from({ length: n }, (_, i) => ((i * 7) % n) + 1);
    expect(medianInterval(shuffled(40))).toMatchObject({ median: 20.5, low: 14, high: 27 });
    expect(medianInterval(shuffled(40))?.coverage).toBeCloseTo(0.9615, 4);
    expect(medianInterval(shuffled(10))).toMatchObject({ median: 5.5, low: 2, high: 9 });
    expect(medianInterval(shuffled(20))).toMatchObject({ low: 6, high: 15 });
    // Too few values for 95 %: the whole range, and the coverage says how much that is.
    expect(medianInterval([3, 1, 2, 5, 4])).toEqual({ median: 3, low: 1, high: 5, coverage: 0.9375 });
    expect(medianInterval([])).toBeUndefined();
  });

  it('pacerVerdict: "not measurable" only when the interval holds 1 and is narrow enough', () => {
    const at = (low: number, high: number) => ({ median: (low + high) / 2, low, high, coverage: 0.95 });
    expect(pacerVerdict(at(0.98, 1.01), 0.03)).toBe('not measurable');
    expect(pacerVerdict(at(0.9, 1.1), 0.03)).toBe('inconclusive');
    expect(pacerVerdict(at(0.95, 0.99), 0.03)).toBe('costs');
    expect(pacerVerdict(at(1.01, 1.02), 0.03)).toBe('faster');
    expect(pacerVerdict(at(Number.NaN, Number.NaN), 0.03)).toBe('not measured');
  });
});
