/**
 * Overhead of each integration against its bare client, on a local server that answers 200s:
 * throughput of wrapped ÷ throughput of bare, measured in the same process, in interleaved rounds
 * (the order is reversed every other round to cancel drift), reported as the median of rounds.
 */
import { BARE_CLIENTS, type BenchClient, type ClientSpec, clientById } from './clients.ts';
import { drive } from './driver.ts';
import { median } from './stats.ts';

export interface OverheadOptions {
  /** Base URL of a simulator that answers 200 (no scenario). */
  readonly url: string;
  readonly rounds: number;
  /** Calls per measurement block. */
  readonly calls: number;
  readonly concurrency: number;
}

export interface OverheadRow {
  readonly bareId: string;
  readonly wrappedId: string;
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

export interface OverheadResult {
  readonly rounds: number;
  readonly calls: number;
  readonly concurrency: number;
  readonly rows: readonly OverheadRow[];
}

const GROUPS: readonly (readonly [bare: string, ...wrapped: string[]])[] = [
  ['bare-axios', 've-axios', 've-axios-pacer'],
  ['bare-ky', 've-ky', 've-ky-pacer'],
  ['bare-fetch', 've-fetch', 've-fetch-pacer'],
];

interface Block {
  /** Calls per wall-clock second. */
  readonly rps: number;
  /** Client-process CPU time per call, in µs. */
  readonly cpuUs: number;
}

async function block(client: BenchClient, url: string, calls: number, concurrency: number): Promise<Block> {
  const cpu0 = process.cpuUsage();
  const run = await drive({
    calls,
    concurrency,
    capMs: 120_000,
    call: (_i, signal) => client.call(url, signal),
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
  for (const group of GROUPS) {
    for (const id of group) {
      const spec: ClientSpec = BARE_CLIENTS.find((c) => c.id === id) ?? clientById(id);
      clients.set(id, spec.create('upyun'));
    }
  }
  const get = (id: string) => clients.get(id) as BenchClient;
  const blocks = new Map<string, Block[]>([...clients.keys()].map((id) => [id, []]));

  // One discarded pass: connections, JIT.
  for (const group of GROUPS) for (const id of group) await block(get(id), url, options.calls, options.concurrency);

  for (let round = 0; round < options.rounds; round++) {
    for (const group of GROUPS) {
      const sequence = round % 2 === 0 ? group : [...group].reverse();
      for (const id of sequence) blocks.get(id)?.push(await block(get(id), url, options.calls, options.concurrency));
    }
  }

  const rows: OverheadRow[] = [];
  for (const [bareId, ...wrapped] of GROUPS) {
    const bare = blocks.get(bareId) ?? [];
    for (const wrappedId of wrapped) {
      const w = blocks.get(wrappedId) ?? [];
      const ratios = w.map((b, i) => b.rps / (bare[i]?.rps ?? Number.NaN));
      const cpuRatios = w.map((b, i) => (bare[i]?.cpuUs ?? Number.NaN) / b.cpuUs);
      const medianRatio = median(ratios) ?? Number.NaN;
      const medianCpuRatio = median(cpuRatios) ?? Number.NaN;
      rows.push({
        bareId,
        wrappedId,
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
  return { rounds: options.rounds, calls: options.calls, concurrency: options.concurrency, rows };
}
