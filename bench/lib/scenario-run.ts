/**
 * One client against one scenario: a simulator on 127.0.0.1 (port 0), a warm-up, the driver, and
 * the figures the report shows. Used by the benchmark's workers and by the harness test.
 */
import { startVendorSimulator, type VendorSimulator } from 'vendor-errors/testing';
import { type ClientSpec, errorLabel } from './clients.ts';
import { drive } from './driver.ts';
import type { ScenarioDef } from './scenarios.ts';
import { bins, quantile } from './stats.ts';

/** Width of the bins of {@link RunResult.bins}, in ms. */
export const BIN_MS = 250;

/** The figures of one client's run of one scenario. */
export interface RunResult {
  readonly scenarioId: string;
  readonly clientId: string;
  readonly calls: number;
  readonly concurrency: number;
  readonly succeeded: number;
  /** `calls - succeeded`: rejected calls plus `unfinished` ones. */
  readonly failed: number;
  /** Calls not settled when the cap was reached (the run was cut short). */
  readonly unfinished: number;
  readonly timedOut: boolean;
  /** The worker running it was killed (it did not even report at the cap): no counts. */
  readonly killed?: boolean;
  /** Requests the simulator received for the run (warm-up excluded). */
  readonly requests: number;
  /** `requests / calls`. */
  readonly amplification: number;
  /** First call's start to last call's end (the cap when cut short). */
  readonly durationMs: number;
  readonly idealMs: number | undefined;
  /** `durationMs / idealMs`. */
  readonly timeRatio: number | undefined;
  /** Latency percentiles of settled calls (successes and failures alike). */
  readonly p50Ms: number | undefined;
  readonly p99Ms: number | undefined;
  /** The simulator's answers by reason (`ok`, `rate-limited`, `flaky`, `outage`). */
  readonly byReason: Readonly<Record<string, number>>;
  /** Failed calls by error label. */
  readonly errors: Readonly<Record<string, number>>;
  /** Requests received in each whole second from the start. */
  readonly perSecond: readonly number[];
  /** Requests received in each {@link BIN_MS} bin from the start (the chart's series). */
  readonly bins: readonly number[];
  /** CPU time of the process that ran it (user + system), in ms, when known. */
  readonly cpuMs?: number;
  /** Why there are no figures, when the run broke. */
  readonly error?: string;
}

export interface RunScenarioOptions {
  /** A simulator to use (and leave open); by default a fresh one is started and closed. */
  readonly simulator?: VendorSimulator;
  /** Calls made before the scenario starts (connections, JIT), not counted. @default 10 */
  readonly warmupCalls?: number;
  /** Simulator seed. @default 1 */
  readonly seed?: number;
}

/**
 * Runs `def` with `client`: warms the client up against a healthy vendor, switches the scenario on
 * (full bucket, outage window starting now), clears the simulator's counts, drives the calls, and
 * reads the simulator's counts back.
 */
export async function runScenario(def: ScenarioDef, client: ClientSpec, options: RunScenarioOptions = {}): Promise<RunResult> {
  const sim = options.simulator ?? (await startVendorSimulator({ seed: options.seed ?? 1 }));
  try {
    const instance = client.create(def.vendor);
    const urlOf = (i: number) => `${sim.url}/${def.vendor}${def.path(i)}`;

    sim.scenario(def.vendor, undefined);
    const warmup = options.warmupCalls ?? 10;
    if (warmup > 0) {
      await drive({
        calls: warmup,
        concurrency: Math.min(10, def.concurrency),
        capMs: 10_000,
        call: (i, signal) => instance.call(urlOf(i), signal),
      });
    }

    sim.scenario(def.vendor, def.scenario);
    sim.stats.reset();
    const startEpoch = Date.now();
    const run = await drive({
      calls: def.calls,
      concurrency: def.concurrency,
      capMs: def.capMs,
      call: (i, signal) => instance.call(urlOf(i), signal),
      label: errorLabel,
    });
    const stats = sim.stats.vendor(def.vendor);
    // Copies: the simulator's objects are live and the run may still be sending after a cap.
    const timestamps = [...stats.timestamps];
    const byReason: Record<string, number> = { ...stats.byReason };
    const requests = timestamps.length;
    const endEpoch = startEpoch + Math.max(run.durationMs, 1);
    return {
      scenarioId: def.id,
      clientId: client.id,
      calls: run.calls,
      concurrency: def.concurrency,
      succeeded: run.succeeded,
      failed: run.failed,
      unfinished: run.unfinished,
      timedOut: run.timedOut,
      requests,
      amplification: run.calls === 0 ? 0 : requests / run.calls,
      durationMs: run.durationMs,
      idealMs: def.idealMs,
      timeRatio: def.idealMs === undefined ? undefined : run.durationMs / def.idealMs,
      p50Ms: quantile(run.latenciesMs, 0.5),
      p99Ms: quantile(run.latenciesMs, 0.99),
      byReason,
      errors: { ...run.errors },
      perSecond: bins(timestamps, startEpoch, endEpoch, 1000),
      bins: bins(timestamps, startEpoch, endEpoch, BIN_MS),
    };
  } finally {
    if (!options.simulator) await sim.close();
  }
}
