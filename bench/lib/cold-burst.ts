/**
 * A cold burst at a vendor that never limits (issue #12: "within 3 % of no pacing, paired"):
 * `calls` calls at once on a key the default pacer has never seen (it is reset before each such
 * block), against the same integration with `pacer: false`. Adjacent pairs of blocks, off then
 * on in even pairs and on then off in odd ones, the integrations taking turns pair by pair;
 * ratio = time with ÷ time without (1 = no cost), median with its distribution-free 95 % interval.
 * The simulator answers after `latencyMs`, as in the retry scenarios: a cap on requests in
 * flight costs round trips, so its price grows with the vendor's latency.
 */
import { createPacer, resetDefaultPacer, setDefaultPacer } from 'vendor-errors';
import { type BenchClient, clientById } from './clients.ts';
import { drive } from './driver.ts';
import { type MedianInterval, median, medianInterval, type PairedRatios, quantile } from './stats.ts';

export interface ColdBurstOptions {
  /** Base URL of a simulator whose `upyun` answers 200 after `latencyMs`. */
  readonly url: string;
  readonly latencyMs: number;
  readonly pairs: number;
  /** Calls in the burst, all at once. */
  readonly calls: number;
  /** To compare: the default pacer replaced by `createPacer({ initialWindow })`. @default the default pacer */
  readonly initialWindow?: number;
}

export interface ColdBurstRow extends PairedRatios {
  /** Burst time with the default pacer ÷ without, per pair. */
  readonly ratios: readonly number[];
  /** Median burst time, ms. */
  readonly offMs: number;
  readonly onMs: number;
}

export interface ColdBurstResult {
  readonly latencyMs: number;
  readonly pairs: number;
  readonly calls: number;
  readonly rows: readonly ColdBurstRow[];
}

const PAIRS: readonly (readonly [off: string, on: string])[] = [
  ['ve-axios-nopacer', 've-axios'],
  ['ve-ky-nopacer', 've-ky'],
  ['ve-fetch-nopacer', 've-fetch'],
];

async function burst(client: BenchClient, url: string, calls: number, cold: boolean, initialWindow?: number): Promise<number> {
  // A key never seen: the default pacer starts afresh (what a new process, or a new host, meets).
  if (cold) resetDefaultPacer();
  if (cold && initialWindow !== undefined) setDefaultPacer(createPacer({ initialWindow }));
  const run = await drive({ calls, concurrency: calls, capMs: 60_000, call: (_i, signal) => client.call(url, signal) });
  if (run.failed > 0) throw new Error(`cold burst: ${run.failed} of ${calls} calls failed: ${JSON.stringify(run.errors)}`);
  return run.durationMs;
}

export async function measureColdBurst(options: ColdBurstOptions): Promise<ColdBurstResult> {
  const url = `${options.url}/upyun/bench-bucket/photos/1.jpg`;
  const clients = new Map<string, BenchClient>();
  for (const pair of PAIRS) for (const id of pair) clients.set(id, clientById(id).create('upyun'));
  const get = (id: string) => clients.get(id) as BenchClient;
  // Discarded: connections (as many as the burst opens), JIT.
  for (const id of clients.keys())
    for (let i = 0; i < 3; i++) await burst(get(id), url, options.calls, true, options.initialWindow);

  const times = new Map<string, { off: number; on: number }[]>(PAIRS.map(([off]) => [off, []]));
  for (let i = 0; i < options.pairs; i++) {
    for (const [offId, onId] of PAIRS) {
      let off: number;
      let on: number;
      if (i % 2 === 0) {
        off = await burst(get(offId), url, options.calls, false);
        on = await burst(get(onId), url, options.calls, true, options.initialWindow);
      } else {
        on = await burst(get(onId), url, options.calls, true, options.initialWindow);
        off = await burst(get(offId), url, options.calls, false);
      }
      times.get(offId)?.push({ off, on });
    }
  }
  const nan: MedianInterval = { median: Number.NaN, low: Number.NaN, high: Number.NaN, coverage: 0 };
  const rows = PAIRS.map(([offId, onId]): ColdBurstRow => {
    const t = times.get(offId) ?? [];
    const ratios = t.map((p) => p.on / p.off);
    return {
      offId,
      onId,
      ratios,
      ratio: medianInterval(ratios) ?? nan,
      q1: quantile(ratios, 0.25) ?? Number.NaN,
      q3: quantile(ratios, 0.75) ?? Number.NaN,
      offMs: median(t.map((p) => p.off)) ?? Number.NaN,
      onMs: median(t.map((p) => p.on)) ?? Number.NaN,
    };
  });
  return { latencyMs: options.latencyMs, pairs: options.pairs, calls: options.calls, rows };
}
