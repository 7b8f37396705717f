/**
 * `npm run bench [-- --quick] [-- --json] [-- --parallel N]`: retry efficiency against the peers
 * under simulated vendor failures, overhead against the bare clients, classification cost.
 * Writes `bench/results/latest.md` and `bench/results/rate-limit.svg` (quick mode: under
 * `bench/results/quick/`), and with `--json` also `latest.json`, which it prints to stdout.
 * Progress goes to stderr.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startVendorSimulator } from 'vendor-errors/testing';
import type { ClassifyResult } from './lib/classify.ts';
import { renderChart } from './lib/chart.ts';
import { type ClientSpec, SCENARIO_CLIENTS } from './lib/clients.ts';
import { machineInfo, measurePhase, type PhaseLoad } from './lib/machine.ts';
import type { ColdBurstResult } from './lib/cold-burst.ts';
import { type OverheadResult, overheadTable } from './lib/overhead.ts';
import type { WorkerJob, WorkerMessage } from './lib/protocol.ts';
import { classifyPairsTable, classifyPairsVerdict, measureClassifyPairs } from './lib/classify-pairs.ts';
import { type BenchResults, renderReport, verdict } from './lib/report.ts';
import { BIN_MS, type RunResult } from './lib/scenario-run.ts';
import { buildScenarios, type Mode, type ScenarioDef, SIZES, TARGETS } from './lib/scenarios.ts';

const here = dirname(fileURLToPath(import.meta.url));
const WORKER = join(here, 'worker.ts');

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    parallel: { type: 'string' },
    scenarios: { type: 'string' },
    clients: { type: 'string' },
    // `--warmup N`: calls before each scenario starts (default 10; 0 runs every client cold).
    warmup: { type: 'string' },
    'skip-overhead': { type: 'boolean', default: false },
    'skip-classify': { type: 'boolean', default: false },
    // `--fleet [--rounds N] [--client node-redis]`: the multi-process benchmark, bench/fleet.ts.
    fleet: { type: 'boolean', default: false },
    rounds: { type: 'string' },
    client: { type: 'string' },
  },
  strict: true,
});

const mode: Mode = args.quick ? 'quick' : 'full';
const warmupCalls = args.warmup === undefined ? undefined : Math.max(0, Number(args.warmup) || 0);
// A worker hosts a client and its vendor simulator on one thread: with more runs side by side than
// half the cores, the simulator's clock and bucket stall behind other runs' CPU (3 runs on 2 cores:
// a cold axios' first flight reached the vendor over 30–80 ms and read its bucket of 10 as 12–17,
// 1.79–2.14× under Retry-After; one at a time 1.67–1.70×, 2026-12-05 traces). Quick mode trades that for speed.
const cores = availableParallelism();
const parallel = Math.max(1, Number(args.parallel ?? (mode === 'quick' ? cores : Math.floor(cores / 2))) || 1);
const outDir = mode === 'quick' ? join(here, 'results', 'quick') : join(here, 'results');
const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

// ------------------------------------------------------------------------------------- workers

interface Worker {
  readonly child: ChildProcess;
  readonly exited: Promise<void>;
  alive: boolean;
}

let nextJobId = 1;

async function spawnWorker(): Promise<Worker> {
  // The worker's stdout goes to our stderr: stdout is reserved for --json.
  const child = fork(WORKER, [], { stdio: ['ignore', 2, 'inherit', 'ipc'], serialization: 'advanced' });
  const worker: Worker = {
    child,
    alive: true,
    exited: new Promise<void>((resolve) => child.once('exit', () => resolve())),
  };
  void worker.exited.then(() => {
    worker.alive = false;
  });
  await new Promise<void>((resolve, reject) => {
    const onMessage = (m: WorkerMessage) => {
      if (m.type === 'ready') {
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve();
      }
    };
    const onExit = (code: number | null) => reject(new Error(`bench worker exited during start-up (code ${code})`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
  return worker;
}

/**
 * Starts a worker. A worker imports the package from `dist/`; if someone rebuilds it at that
 * moment (`rm -rf dist && tsc`), the import fails: wait for the build and try again.
 */
async function startWorker(): Promise<Worker> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await spawnWorker();
    } catch (error) {
      if (attempt >= 8) throw error;
      log(`worker failed to start (${error instanceof Error ? error.message : String(error)}); retrying in 5 s`);
      await new Promise((resolve) => setTimeout(resolve, 5000));
    }
  }
}

type JobOutcome = { ok: true; result: unknown } | { ok: false; killed: boolean; error: string };

/** Sends one job; kills the worker if it neither answers nor exits within `hardMs`. */
function runJob(worker: Worker, job: WorkerJob, hardMs: number): Promise<JobOutcome> {
  return new Promise((resolve) => {
    const { child } = worker;
    let done = false;
    const finish = (outcome: JobOutcome) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(outcome);
    };
    const onMessage = (m: WorkerMessage) => {
      if (m.type === 'result' && m.id === job.id) finish({ ok: true, result: m.result });
      else if (m.type === 'error' && m.id === job.id) finish({ ok: false, killed: false, error: m.error });
    };
    // 'exit' can overtake the last IPC message: give it a moment to arrive.
    const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
      setTimeout(() => finish({ ok: false, killed: false, error: `worker exited (code ${code}, signal ${signal})` }), 250);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish({ ok: false, killed: true, error: `no answer within ${hardMs} ms: killed` });
    }, hardMs);
    child.on('message', onMessage);
    child.once('exit', onExit);
    child.send(job);
  });
}

async function stopWorker(worker: Worker): Promise<void> {
  // SIGKILL: a worker whose run was cut short may be busy with abandoned calls.
  if (worker.alive) worker.child.kill('SIGKILL');
  await worker.exited;
}

/** Runs one job in a fresh worker that exits afterwards. */
async function runAlone(job: WorkerJob, hardMs: number): Promise<JobOutcome> {
  const worker = await startWorker();
  try {
    return await runJob(worker, job, hardMs);
  } finally {
    await stopWorker(worker);
  }
}

// ------------------------------------------------------------------------------------- phases

function pick<T extends { id: string }>(all: readonly T[], filter: string | undefined): T[] {
  if (!filter) return [...all];
  const wanted = new Set(filter.split(',').map((s) => s.trim()));
  const chosen = all.filter((x) => wanted.has(x.id));
  if (chosen.length === 0) throw new TypeError(`none of ${filter} is known (known: ${all.map((x) => x.id).join(', ')})`);
  return chosen;
}

async function runScenarios(): Promise<RunResult[]> {
  const scenarios = pick(buildScenarios(mode), args.scenarios);
  const clients = pick(SCENARIO_CLIENTS, args.clients);
  const queue = scenarios.flatMap((s) => clients.map((c) => ({ s, c })));
  const results: RunResult[] = [];
  let finished = 0;
  const total = queue.length;

  // A worker runs one client run after another (each with its own simulator, client instance and
  // pacer). A run cut short by its cap may leave calls retrying in the background, so its worker
  // is ended and the next run gets a fresh one; so is a worker that failed or was killed.
  async function slot(): Promise<void> {
    let worker: Worker | undefined;
    try {
      for (let item = queue.shift(); item; item = queue.shift()) {
        const { s, c } = item;
        if (!worker?.alive) worker = await startWorker();
        const job: WorkerJob = {
          type: 'scenario',
          id: nextJobId++,
          mode,
          scenarioId: s.id,
          clientId: c.id,
          warmupCalls: c.warmupCalls ?? warmupCalls,
        };
        const outcome = await runJob(worker, job, s.capMs + 30_000);
        if (!outcome.ok || (outcome.result as RunResult).timedOut) {
          await stopWorker(worker);
          worker = undefined;
        }
        handle(s, c, outcome);
      }
    } finally {
      if (worker) await stopWorker(worker);
    }
  }

  function handle(s: ScenarioDef, c: ClientSpec, outcome: JobOutcome): void {
    let run: RunResult;
    if (outcome.ok) run = outcome.result as RunResult;
    else {
      run = {
        scenarioId: s.id,
        clientId: c.id,
        calls: s.calls,
        concurrency: s.concurrency,
        succeeded: 0,
        failed: s.calls,
        unfinished: s.calls,
        timedOut: true,
        killed: outcome.killed,
        error: outcome.error,
        requests: 0,
        amplification: 0,
        durationMs: s.capMs,
        idealMs: s.idealMs,
        timeRatio: undefined,
        p50Ms: undefined,
        p99Ms: undefined,
        byReason: {},
        errors: {},
        perSecond: [],
        bins: [],
      };
    }
    results.push(run);
    finished++;
    const v = verdict(s, run);
    log(
      `${String(finished).padStart(3)}/${total} ${s.id} · ${c.label}: ${run.succeeded}/${run.calls} ok, ` +
        `${run.amplification.toFixed(2)} req/call, ${(run.durationMs / 1000).toFixed(2)} s` +
        `${run.timeRatio !== undefined ? ` (${run.timeRatio.toFixed(2)}× ideal)` : ''}${run.timedOut ? ' [cap]' : ''}` +
        `${run.error ? ` [${run.error.split('\n')[0]}]` : ''} ${v.all ? '✅' : '❌'}`,
    );
  }

  await Promise.all(Array.from({ length: Math.min(parallel, queue.length) }, () => slot()));
  return results;
}

async function runOverhead(): Promise<OverheadResult | { error: string }> {
  const sim = await startVendorSimulator();
  try {
    const options =
      mode === 'quick'
        ? {
            url: sim.url,
            rounds: 5,
            calls: 150,
            concurrency: 10,
            pacerPairs: 10,
            pacerCalls: 100,
            idleRounds: 6,
            idleCalls: 10_000,
          }
        : {
            url: sim.url,
            rounds: 20,
            calls: 200,
            concurrency: 10,
            pacerPairs: 40,
            pacerCalls: 200,
            idleRounds: 10,
            idleCalls: 20_000,
          };
    const outcome = await runAlone({ type: 'overhead', id: nextJobId++, options }, 600_000);
    return outcome.ok ? (outcome.result as OverheadResult) : { error: outcome.error };
  } finally {
    await sim.close();
  }
}

/** A cold burst at a vendor that never limits: the default pacer ÷ `pacer: false` (issue #12). */
async function runColdBurst(): Promise<ColdBurstResult | { error: string }> {
  const sim = await startVendorSimulator();
  // The retry scenarios' latency: a cap on requests in flight costs round trips.
  const latencyMs = SIZES[mode].latencyMs;
  sim.scenario('upyun', { latencyMs });
  try {
    const options = { url: sim.url, latencyMs, calls: 50, pairs: mode === 'quick' ? 12 : 30 };
    const outcome = await runAlone({ type: 'cold-burst', id: nextJobId++, options }, 600_000);
    return outcome.ok ? (outcome.result as ColdBurstResult) : { error: outcome.error };
  } finally {
    await sim.close();
  }
}

async function runClassification(): Promise<ClassifyResult | { error: string }> {
  const outcome = await runAlone({ type: 'classify', id: nextJobId++, timeMs: mode === 'quick' ? 50 : 250 }, 600_000);
  return outcome.ok ? (outcome.result as ClassifyResult) : { error: outcome.error };
}

// ------------------------------------------------------------------------------------- main

async function main(): Promise<void> {
  if (args.fleet) {
    await import('./fleet.ts');
    return;
  }
  const t0 = performance.now();
  const startedAt = new Date().toISOString();
  const machine = machineInfo();
  log(`${mode} mode, Node ${process.version}, ${machine.cores} cores, ${parallel} client runs side by side`);
  const phases: PhaseLoad[] = [];

  let done = measurePhase('retry scenarios');
  const runs = await runScenarios();
  phases.push(done());

  let overhead: OverheadResult | { error: string } = { error: 'skipped (--skip-overhead)' };
  if (!args['skip-overhead']) {
    log('overhead…');
    done = measurePhase('overhead');
    overhead = await runOverhead();
    // Per integration, with and without a per-call signal: median ratio with its quartiles (issue #14).
    if (!('error' in overhead)) console.log(overheadTable(overhead));
    phases.push(done());
  }
  let coldBurst: ColdBurstResult | { error: string } = { error: 'skipped (--skip-overhead)' };
  if (!args['skip-overhead']) {
    log('cold burst…');
    done = measurePhase('cold burst');
    coldBurst = await runColdBurst();
    phases.push(done());
  }
  let classification: ClassifyResult | { error: string } = { error: 'skipped (--skip-classify)' };
  let classifyPairs = '';
  if (!args['skip-classify']) {
    log('classification…');
    done = measurePhase('classification');
    classification = await runClassification();
    // classify vs normalize vs new Error(), paired and interleaved, with quartiles (issue #14).
    const pairRows = measureClassifyPairs(mode === 'quick' ? 5 : 15, mode === 'quick' ? 500 : 2000);
    classifyPairs = `${classifyPairsVerdict(pairRows)}\n\n${classifyPairsTable(pairRows)}`;
    console.log(classifyPairs);
    phases.push(done());
  }

  const scenarios = buildScenarios(mode);
  const sizes = SIZES[mode];
  mkdirSync(outDir, { recursive: true });

  // The chart: the first rate-limit scenario (429 + Retry-After), one line per client.
  const chartScenario = scenarios[0];
  let chartFile: string | undefined;
  if (chartScenario) {
    const series = SCENARIO_CLIENTS.flatMap((c) => {
      const run = runs.find((r) => r.scenarioId === chartScenario.id && r.clientId === c.id);
      return run && run.bins.length > 0
        ? [{ label: c.label, bins: run.bins, dashed: c.family !== 'vendor-errors', endS: run.durationMs / 1000 }]
        : [];
    });
    if (series.length > 0) {
      const ideal = (chartScenario.idealMs ?? 0) / 1000;
      const longest = Math.max(...series.map((s) => s.endS));
      const svg = renderChart({
        title: `${chartScenario.title}: requests/s received by the vendor, per client`,
        subtitle: `${chartScenario.calls} calls, ${chartScenario.concurrency} in flight, limit ${sizes.perSecond}/s (burst ${sizes.burst}); Node ${process.version}, ${startedAt.slice(0, 10)}, ${mode} mode`,
        binMs: BIN_MS,
        series,
        limit: { value: sizes.perSecond, label: `limit ${sizes.perSecond}/s` },
        ideal: { value: ideal, label: `ideal ${ideal.toFixed(2)} s` },
        maxS: Math.min(longest, Math.max(4 * ideal, 1)),
      });
      chartFile = 'rate-limit.svg';
      writeFileSync(join(outDir, chartFile), svg);
    }
  }

  const results: BenchResults = {
    mode,
    startedAt,
    durationMs: performance.now() - t0,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    machine: { cores: machine.cores, cpuModel: machine.cpuModel, loadavgAtStart: machine.loadavg },
    parallel,
    phases,
    scenarios: scenarios
      .map((s) => ({
        id: s.id,
        title: s.title,
        kind: s.kind,
        setup: s.setup,
        calls: s.calls,
        concurrency: s.concurrency,
        capMs: s.capMs,
        idealMs: s.idealMs,
        idealFormula: s.idealFormula,
        floor: s.floor,
        timeTarget: s.timeTarget,
        perSecond: s.scenario.rateLimit?.perSecond,
        smoke: s.smoke,
      }))
      .filter((s) => runs.some((r) => r.scenarioId === s.id)),
    clients: SCENARIO_CLIENTS.map((c) => ({ id: c.id, label: c.label, family: c.family, config: c.config })).filter((c) =>
      runs.some((r) => r.clientId === c.id),
    ),
    runs,
    overhead,
    coldBurst,
    classification,
    targets: TARGETS,
    chart: chartFile,
  };

  const jsonFile = args.json ? 'latest.json' : undefined;
  const report =
    renderReport(results, { chart: chartFile, json: jsonFile }) +
    (classifyPairs
      ? `\n## Classification, paired: classify, normalize, new Error()\n\nPer vendor body, rounds of blocks of each (order rotating every round), ns per call: median over rounds (quartiles). Target: classify ≤ 1 µs and ≤ ½ new Error().\n\n${classifyPairs}\n`
      : '');
  writeFileSync(join(outDir, 'latest.md'), report);
  const json = `${JSON.stringify(results, null, 2)}\n`;
  if (jsonFile) {
    writeFileSync(join(outDir, jsonFile), json);
    process.stdout.write(json);
  }
  log(
    `wrote ${relative(process.cwd(), join(outDir, 'latest.md'))}${chartFile ? `, ${chartFile}` : ''}${jsonFile ? `, ${jsonFile}` : ''} in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
