/**
 * Overhead on a local server that answers 200s, measured in the same process:
 *
 * 1. Each integration against its bare client: throughput of wrapped ÷ throughput of bare, in
 *    interleaved rounds (the order is reversed every other round to cancel drift), reported as the
 *    median of rounds.
 * 2. The pacer (issue #6: "no measurable overhead"): each integration with a pacer against the same
 *    integration without one, as many adjacent pairs of short blocks (A B, then B A, ...), so each
 *    ratio compares two blocks a few tens of ms apart. Reported as the median ratio with a
 *    distribution-free 95 % interval (`medianInterval`); the overhead is "not measurable" when that
 *    interval contains 1.
 */
import { loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import axios from 'axios';
import { upyun } from 'vendor-errors/adapters';
import { withVendorErrors } from 'vendor-errors/axios';
import { BARE_CLIENTS, type BenchClient, type ClientSpec, clientById } from './clients.ts';
import { drive } from './driver.ts';
import { measurePacerIdle, type PacerIdleResult } from './pacer-idle.ts';
import { type MedianInterval, median, medianInterval, type PairedRatios, quantile } from './stats.ts';

export interface OverheadOptions {
  /** Base URL of a simulator that answers 200 (no scenario). */
  readonly url: string;
  readonly rounds: number;
  /** Calls per measurement block. */
  readonly calls: number;
  readonly concurrency: number;
  /** Pacer on ÷ off: adjacent pairs of blocks per integration, and calls per block. */
  readonly pacerPairs: number;
  readonly pacerCalls: number;
  /** The hot-loop measurement of the pacer's idle path (`measurePacerIdle`): rounds, calls per block. */
  readonly idleRounds: number;
  readonly idleCalls: number;
}

export interface OverheadRow {
  readonly bareId: string;
  readonly wrappedId: string;
  /** `per-call`: every call has an AbortSignal of its own, as users pass one; `none`: no signal. */
  readonly signal: SignalMode;
  /** Quartiles of `ratios` and of `cpuRatios` (the spread of one round). */
  readonly q1: number;
  readonly q3: number;
  readonly cpuQ1: number;
  readonly cpuQ3: number;
  /** wrapped ÷ bare throughput (calls per wall-clock second), per round. */
  readonly ratios: readonly number[];
  readonly medianRatio: number;
  /** `1 - medianRatio` (negative: the wrapped client was faster). */
  readonly overhead: number;
  /** Median calls per second over the rounds. */
  readonly bareRps: number;
  readonly wrappedRps: number;
  /** bare ÷ wrapped CPU time per call of the client process, per round (throughput if CPU-bound). */
  readonly cpuRatios: readonly number[];
  readonly medianCpuRatio: number;
  /** `1 - medianCpuRatio`. */
  readonly cpuOverhead: number;
  /** Median client CPU time per call, in µs. */
  readonly bareCpuUs: number;
  readonly wrappedCpuUs: number;
}

/** One integration with a pacer against itself without one. */
export interface PacerCostRow extends PairedRatios {
  /** with ÷ without throughput, per adjacent pair of blocks. */
  readonly ratios: readonly number[];
  /** without ÷ with client CPU time per call, per pair, and its median with its 95 % interval. */
  readonly cpuRatios: readonly number[];
  readonly cpuRatio: MedianInterval;
  readonly offRps: number;
  readonly onRps: number;
  readonly offCpuUs: number;
  readonly onCpuUs: number;
}

export interface PacerCostResult {
  readonly pairs: number;
  readonly calls: number;
  readonly concurrency: number;
  readonly rows: readonly PacerCostRow[];
}

export type SignalMode = 'per-call' | 'none';

export interface OverheadResult {
  /** 1-minute load average before and after the rounds (2 cores: above 2, other work waited for them). */
  readonly load: readonly [before: number, after: number];
  readonly rounds: number;
  readonly calls: number;
  readonly concurrency: number;
  readonly rows: readonly OverheadRow[];
  readonly pacer: PacerCostResult;
  /** The same comparison without HTTP, in µs per call, for scale. */
  readonly idle: PacerIdleResult;
}

const GROUPS: readonly (readonly [bare: string, ...wrapped: string[]])[] = [
  ['bare-axios', 've-axios', 've-axios-stream'],
  ['bare-ky', 've-ky'],
  ['bare-fetch', 've-fetch'],
];

/** Pacer off (`pacer: false`), pacer on (the default pacer). */
const PACER_PAIRS: readonly (readonly [off: string, on: string])[] = [
  ['ve-axios-nopacer', 've-axios'],
  ['ve-ky-nopacer', 've-ky'],
  ['ve-fetch-nopacer', 've-fetch'],
];

interface Block {
  /** Calls per wall-clock second. */
  readonly rps: number;
  /** Client-process CPU time per call, in µs. */
  readonly cpuUs: number;
}

/**
 * A full garbage collection, run between blocks (untimed) so that no block pays for the garbage
 * of the one before it: a major GC inside a block of a few tens of ms moved its figures by 10 %.
 */
const collect: () => void = (() => {
  setFlagsFromString('--expose-gc');
  const gc: unknown = runInNewContext('gc');
  return typeof gc === 'function' ? (gc as () => void) : () => {};
})();

/** Error bodies bounded by streaming every attempt: opt-in since issue 14, measured beside the default. */
const STREAM_CLIENT: ClientSpec = {
  id: 've-axios-stream',
  label: 'vendor-errors/axios, boundErrorBodies: true',
  family: 'vendor-errors',
  transport: 'axios',
  config: '`withVendorErrors(axios.create(), { adapter, boundErrorBodies: true })`',
  create() {
    const client = withVendorErrors(axios.create(), { adapter: upyun, boundErrorBodies: true });
    return {
      async call(url, signal) {
        await client.get(url, { signal });
      },
    };
  },
};

async function block(
  client: BenchClient,
  url: string,
  calls: number,
  concurrency: number,
  signal: SignalMode = 'per-call',
): Promise<Block> {
  collect();
  const cpu0 = process.cpuUsage();
  const run = await drive({
    calls,
    concurrency,
    capMs: 120_000,
    // The driver's own signal (per call) is what users pass; `none` hands the client no signal at all.
    call: (_i, own) => client.call(url, (signal === 'none' ? undefined : own) as AbortSignal),
    label: (e) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e)),
  });
  const cpu = process.cpuUsage(cpu0);
  if (run.failed > 0) throw new Error(`overhead: ${run.failed} of ${calls} calls failed: ${JSON.stringify(run.errors)}`);
  return { rps: calls / (run.durationMs / 1000), cpuUs: (cpu.user + cpu.system) / calls };
}

/**
 * Measures every integration against its bare client. A round runs, for each client family, the
 * bare client and its wrapped variants back to back (forward order in even rounds, reversed in odd
 * ones), so each ratio compares blocks measured seconds apart.
 */
export async function measureOverhead(options: OverheadOptions): Promise<OverheadResult> {
  const url = `${options.url}/upyun/bench-bucket/photos/1.jpg`;
  const clients = new Map<string, BenchClient>();
  for (const group of [...GROUPS, ...PACER_PAIRS]) {
    for (const id of group) {
      if (clients.has(id)) continue;
      const spec: ClientSpec =
        BARE_CLIENTS.find((c) => c.id === id) ?? (id === STREAM_CLIENT.id ? STREAM_CLIENT : clientById(id));
      clients.set(id, spec.create('upyun'));
    }
  }
  const get = (id: string) => clients.get(id) as BenchClient;
  const modes: readonly SignalMode[] = ['per-call', 'none'];
  const blocks = new Map<string, Block[]>();
  for (const id of clients.keys()) for (const m of modes) blocks.set(`${id} ${m}`, []);
  const load0 = loadavg()[0] ?? Number.NaN;

  // One discarded pass: connections, JIT, and (1100 calls) each pacer key's initial window lifted.
  for (const id of clients.keys()) {
    const paced = id.startsWith('ve-') && !id.endsWith('-nopacer');
    await block(get(id), url, paced ? Math.max(options.calls, 1100) : options.calls, options.concurrency);
  }

  // Interleaved: in each round, each family's bare and wrapped clients back to back (reversed every
  // other round), with a signal per call and then without one.
  for (let round = 0; round < options.rounds; round++) {
    for (const m of modes) {
      for (const group of GROUPS) {
        const sequence = round % 2 === 0 ? group : [...group].reverse();
        for (const id of sequence)
          blocks.get(`${id} ${m}`)?.push(await block(get(id), url, options.calls, options.concurrency, m));
      }
    }
  }
  const load1 = loadavg()[0] ?? Number.NaN;

  const rows: OverheadRow[] = [];
  for (const m of modes)
    for (const [bareId, ...wrapped] of GROUPS) {
      const bare = blocks.get(`${bareId} ${m}`) ?? [];
      for (const wrappedId of wrapped) {
        const w = blocks.get(`${wrappedId} ${m}`) ?? [];
        const ratios = w.map((b, i) => b.rps / (bare[i]?.rps ?? Number.NaN));
        const cpuRatios = w.map((b, i) => (bare[i]?.cpuUs ?? Number.NaN) / b.cpuUs);
        const medianRatio = median(ratios) ?? Number.NaN;
        const medianCpuRatio = median(cpuRatios) ?? Number.NaN;
        rows.push({
          bareId,
          wrappedId,
          signal: m,
          q1: quantile(ratios, 0.25) ?? Number.NaN,
          q3: quantile(ratios, 0.75) ?? Number.NaN,
          cpuQ1: quantile(cpuRatios, 0.25) ?? Number.NaN,
          cpuQ3: quantile(cpuRatios, 0.75) ?? Number.NaN,
          ratios,
          medianRatio,
          overhead: 1 - medianRatio,
          bareRps: median(bare.map((b) => b.rps)) ?? Number.NaN,
          wrappedRps: median(w.map((b) => b.rps)) ?? Number.NaN,
          cpuRatios,
          medianCpuRatio,
          cpuOverhead: 1 - medianCpuRatio,
          bareCpuUs: median(bare.map((b) => b.cpuUs)) ?? Number.NaN,
          wrappedCpuUs: median(w.map((b) => b.cpuUs)) ?? Number.NaN,
        });
      }
    }
  return {
    load: [load0, load1],
    rounds: options.rounds,
    calls: options.calls,
    concurrency: options.concurrency,
    rows,
    pacer: await measurePacerCost(get, url, options),
    idle: await measurePacerIdle(options.idleRounds, options.idleCalls),
  };
}

/**
 * Pacer on ÷ off, per integration: `pacerPairs` adjacent pairs of blocks of `pacerCalls` calls,
 * off then on in even pairs and on then off in odd ones (so a steady drift favours neither), the
 * integrations taking turns pair by pair (so a disturbance lasting seconds touches all three).
 */
async function measurePacerCost(
  get: (id: string) => BenchClient,
  url: string,
  options: OverheadOptions,
): Promise<PacerCostResult> {
  const { pacerPairs: pairs, pacerCalls: calls, concurrency } = options;
  const measured = new Map<string, { off: Block; on: Block }[]>(PACER_PAIRS.map(([off]) => [off, []]));
  for (let i = 0; i < pairs; i++) {
    for (const [offId, onId] of PACER_PAIRS) {
      let off: Block;
      let on: Block;
      if (i % 2 === 0) {
        off = await block(get(offId), url, calls, concurrency);
        on = await block(get(onId), url, calls, concurrency);
      } else {
        on = await block(get(onId), url, calls, concurrency);
        off = await block(get(offId), url, calls, concurrency);
      }
      measured.get(offId)?.push({ off, on });
    }
  }
  const nan: MedianInterval = { median: Number.NaN, low: Number.NaN, high: Number.NaN, coverage: 0 };
  const rows = PACER_PAIRS.map(([offId, onId]): PacerCostRow => {
    const m = measured.get(offId) ?? [];
    const ratios = m.map((p) => p.on.rps / p.off.rps);
    const cpuRatios = m.map((p) => p.off.cpuUs / p.on.cpuUs);
    return {
      offId,
      onId,
      ratios,
      ratio: medianInterval(ratios) ?? nan,
      q1: quantile(ratios, 0.25) ?? Number.NaN,
      q3: quantile(ratios, 0.75) ?? Number.NaN,
      cpuRatios,
      cpuRatio: medianInterval(cpuRatios) ?? nan,
      offRps: median(m.map((p) => p.off.rps)) ?? Number.NaN,
      onRps: median(m.map((p) => p.on.rps)) ?? Number.NaN,
      offCpuUs: median(m.map((p) => p.off.cpuUs)) ?? Number.NaN,
      onCpuUs: median(m.map((p) => p.on.cpuUs)) ?? Number.NaN,
    };
  });
  return { pairs, calls, concurrency, rows };
}

/**
 * What a median-with-interval of with ÷ without (1 = no cost) says: `costs` or `faster` when the
 * interval lies below or above 1; when it holds 1, `not measurable` if its half-width is at most
 * `resolution`, else `inconclusive` (the benchmark could not have seen a cost that size).
 */
export function pacerVerdict(
  ratio: MedianInterval,
  resolution: number,
): 'not measurable' | 'inconclusive' | 'costs' | 'faster' | 'not measured' {
  if (Number.isNaN(ratio.low) || Number.isNaN(ratio.high)) return 'not measured';
  if (ratio.high < 1) return 'costs';
  if (ratio.low > 1) return 'faster';
  return (ratio.high - ratio.low) / 2 <= resolution ? 'not measurable' : 'inconclusive';
}

/**
 * The overhead rows as a plain-text table, for `npm run bench`'s output: per integration and
 * signal mode, the median wrapped ÷ bare ratio over the rounds with its quartiles (the spread),
 * for throughput and for client CPU per call, and the load the figures were taken under.
 */
export function overheadTable(r: OverheadResult): string {
  const f = (x: number) => x.toFixed(3);
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const lines = [
    `Overhead against the bare client (issue 14 target ≤ 3 %): ${r.rounds} interleaved rounds × ${r.calls} calls at ${r.concurrency}; ` +
      `ratio median [quartiles]; load average ${r.load[0].toFixed(2)} → ${r.load[1].toFixed(2)} on 2 cores`,
    `${'integration'.padEnd(18)}${'signal'.padEnd(10)}${'throughput ratio'.padEnd(28)}${'overhead'.padEnd(10)}${'CPU ratio'.padEnd(28)}${'CPU overhead'.padEnd(14)}CPU/call bare → wrapped`,
  ];
  for (const row of r.rows) {
    lines.push(
      `${row.wrappedId.padEnd(18)}${row.signal.padEnd(10)}${`${f(row.medianRatio)} [${f(row.q1)} – ${f(row.q3)}]`.padEnd(28)}` +
        `${pct(row.overhead).padEnd(10)}${`${f(row.medianCpuRatio)} [${f(row.cpuQ1)} – ${f(row.cpuQ3)}]`.padEnd(28)}` +
        `${pct(row.cpuOverhead).padEnd(14)}${row.bareCpuUs.toFixed(0)} → ${row.wrappedCpuUs.toFixed(0)} µs`,
    );
  }
  return lines.join('\n');
}
