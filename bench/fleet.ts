/**
 * `npm run bench -- --fleet`: several processes calling one vendor account, each with a pacer of
 * its own vs all on the Redis store (`vendor-errors/redis`), side by side with the ideal, plus a
 * run where Redis is killed 2 s in. Options: `--rounds N` (default 2), `--client node-redis`.
 * Needs /usr/bin/redis-server (or REDIS_SERVER); the vendor is the simulator's token bucket.
 */
import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { startVendorSimulator, type VendorSimulator } from 'vendor-errors/testing';
import { REDIS_MISSING, startRedis } from '../test/redis/server.ts';
import type { FleetJob, FleetResult } from './fleet-worker.ts';

// The issue's setup; FLEET_SHAPE=processes,inFlight,calls,rate explores others (e.g. test/redis's 3,10,60,100).
const SHAPE = (process.env.FLEET_SHAPE ?? '4,25,300,200').split(',').map(Number);
const [PROCESSES, IN_FLIGHT, CALLS, RATE] = (SHAPE.length === 4 && SHAPE.every((n) => n > 0) ? SHAPE : [4, 25, 300, 200]) as [
  number,
  number,
  number,
  number,
];
const BURST = 10;
const LATENCY = 5;
const TOTAL = PROCESSES * CALLS;
/** (N − B) / R + L: the vendor's bucket, full at the start, then R per second. */
const IDEAL_MS = ((TOTAL - BURST) / RATE) * 1000 + LATENCY;

interface Scenario {
  readonly id: string;
  readonly vendor: 'upyun' | 'netease';
  readonly retryAfter: 'none' | 'seconds';
  readonly target: number;
}

const SCENARIOS: readonly Scenario[] = [
  { id: '429 body code (UpYun 42900001)', vendor: 'upyun', retryAfter: 'none', target: 1.1 },
  { id: 'NetEase 403 4030001', vendor: 'netease', retryAfter: 'none', target: 1.1 },
  { id: '429 + Retry-After: 1 (whole seconds)', vendor: 'upyun', retryAfter: 'seconds', target: 1.75 },
];

interface Run {
  readonly ok: number;
  readonly failed: number;
  readonly requests: number;
  readonly ms: number;
  readonly reasons: Record<string, number>;
  /** Redis failures and timeouts the processes' stores saw, by message. */
  readonly redisErrors: Record<string, number>;
}

const worker = fileURLToPath(new URL('./fleet-worker.ts', import.meta.url));

/** Runs `PROCESSES` workers at once on `job`; `during` runs once they are all going. */
async function runFleet(
  sim: VendorSimulator,
  scenario: Scenario,
  job: Omit<FleetJob, 'vendor' | 'base' | 'calls' | 'concurrency'> & { traceDir?: string; tag?: string },
  during?: () => Promise<void>,
): Promise<Run> {
  sim.scenario(scenario.vendor, {
    rateLimit: { perSecond: RATE, burst: BURST, retryAfter: scenario.retryAfter },
    latencyMs: LATENCY,
  });
  await new Promise((r) => setTimeout(r, 200)); // the simulator's bucket refills
  sim.scenario(scenario.vendor, {
    rateLimit: { perSecond: RATE, burst: BURST, retryAfter: scenario.retryAfter },
    latencyMs: LATENCY,
  });
  sim.stats.reset();
  const children = Array.from({ length: PROCESSES }, () => fork(worker, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
  const { traceDir, tag, ...rest } = job;
  const full: FleetJob = { ...rest, vendor: scenario.vendor, base: sim.url, calls: CALLS, concurrency: IN_FLIGHT };
  await Promise.all(
    children.map(
      (child, i) =>
        new Promise<void>((resolve) => {
          child.once('message', () => resolve());
          child.send(traceDir ? { ...full, trace: `${traceDir}/${tag}-${i}.jsonl` } : full);
        }),
    ),
  );
  const results = children.map(
    (child) => new Promise<FleetResult>((resolve) => child.once('message', (m) => resolve(m as FleetResult))),
  );
  const t0 = performance.now();
  for (const child of children) child.send('go');
  const side = during?.();
  // Tracing: the fleet's own state in Redis every 20 ms, next to the processes' traces.
  const watch = job.traceDir && job.redisUrl ? await watchFleet(job.redisUrl, `${job.traceDir}/${job.tag}-fleet.txt`) : undefined;
  const done = await Promise.all(results.map((p) => p.then((r) => ({ r, at: performance.now() - t0 }))));
  await side;
  await watch?.();
  const reasons: Record<string, number> = {};
  const redisErrors: Record<string, number> = {};
  for (const { r } of done) for (const [k, v] of Object.entries(r.reasons)) reasons[k] = (reasons[k] ?? 0) + v;
  for (const { r } of done) for (const [k, v] of Object.entries(r.redisErrors)) redisErrors[k] = (redisErrors[k] ?? 0) + v;
  return {
    ok: done.reduce((n, d) => n + d.r.ok, 0),
    failed: done.reduce((n, d) => n + d.r.failed, 0),
    requests: sim.stats.vendor(scenario.vendor).total,
    ms: Math.max(...done.map((d) => d.at)),
    reasons,
    redisErrors,
  };
}

async function watchFleet(url: string, file: string): Promise<() => Promise<void>> {
  const { Redis } = await import('ioredis');
  const client = new Redis(url);
  const lines: string[] = [];
  const fields = ['r', 'ph', 'wm', 'pu', 'wc', 'pc', 'lc', 'lp', 'd', 'tat', 'c'];
  const timer = setInterval(async () => {
    const keys = await client.keys('vendor-errors:{*}');
    const key = keys.find((k) => k.endsWith('}'));
    if (!key) return;
    const v = await client.hmget(key, ...fields);
    lines.push(
      `${Date.now()} ${fields.map((f, i) => `${f}=${Number(v[i]).toFixed(f === 'r' || f === 'wm' ? 1 : 0)}`).join(' ')}`,
    );
  }, 20);
  return async () => {
    clearInterval(timer);
    writeFileSync(file, `${lines.join('\n')}\n`);
    client.disconnect();
  };
}

function fmt(runs: readonly Run[], target: number): string {
  if (runs.length === 0) return '—';
  const ok = runs.map((r) => r.ok);
  const rpc = runs.map((r) => r.requests / TOTAL);
  const x = runs.map((r) => r.ms / IDEAL_MS);
  const range = (v: number[], d: number) => {
    const lo = Math.min(...v).toFixed(d);
    const hi = Math.max(...v).toFixed(d);
    return lo === hi ? lo : `${lo}–${hi}`;
  };
  const pass = x.every((v) => v <= target) && rpc.every((v) => v <= 1.1) && ok.every((v) => v === TOTAL);
  return `${range(ok, 0)}/${TOTAL} ok · ${range(rpc, 2)} req/call · ${range(x, 2)}× ideal ${pass ? '✓' : '✗'}`;
}

async function main(): Promise<void> {
  if (REDIS_MISSING) {
    console.error(`fleet bench skipped: ${REDIS_MISSING}`);
    return;
  }
  const argv = process.argv.slice(2);
  const rounds = Number(argv[argv.indexOf('--rounds') + 1]) > 0 ? Number(argv[argv.indexOf('--rounds') + 1]) : 2;
  const client = argv.includes('node-redis') ? 'node-redis' : 'ioredis';
  // `node bench/fleet.ts --scenario 0 --only redis --trace /tmp/t`: one store, one scenario, each
  // process's sends, answers and rate written to /tmp/t/<scenario>-<store>-<i>.jsonl (see bench/fleet-trace.ts).
  const flag = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
  const only = flag('--only');
  const scenarioIndex = flag('--scenario');
  const traceDir = flag('--trace');
  if (traceDir) mkdirSync(traceDir, { recursive: true });
  const trace = (scenario: number, store: string) => (traceDir ? { traceDir, tag: `${scenario}-${store}` } : {});
  const sim = await startVendorSimulator();
  const redis = await startRedis();
  const load0 = loadavg()[0] ?? 0;
  console.log(
    `fleet: ${PROCESSES} processes × ${IN_FLIGHT} in flight × ${CALLS} calls; token bucket ${RATE}/s, burst ${BURST}; latency ${LATENCY} ms; ideal ${(IDEAL_MS / 1000).toFixed(2)} s; Redis client ${client}; ${rounds} rounds, interleaved`,
  );
  const table: string[] = ['| scenario | a pacer per process | Redis store | target |', '| --- | --- | --- | --- |'];
  for (const [s, scenario] of SCENARIOS.entries()) {
    if (scenarioIndex !== undefined && Number(scenarioIndex) !== s) continue;
    const memory: Run[] = [];
    const shared: Run[] = [];
    for (let i = 0; i < rounds; i++) {
      if (only !== 'redis') memory.push(await runFleet(sim, scenario, { store: 'memory', ...trace(s, 'memory') }));
      await redis.restart();
      if (only !== 'memory')
        shared.push(await runFleet(sim, scenario, { store: 'redis', redisUrl: redis.url, client, ...trace(s, 'redis') }));
      const secs = (runs: Run[]) => (runs.length ? `${(runs.at(-1)!.ms / 1000).toFixed(2)} s` : '-');
      const errors = shared.length ? JSON.stringify(shared.at(-1)!.redisErrors) : '';
      console.error(
        `  ${scenario.id} round ${i + 1}: memory ${secs(memory)}, redis ${secs(shared)} ${errors === '{}' ? '' : `(Redis errors ${errors})`}`,
      );
    }
    table.push(
      `| ${scenario.id} | ${fmt(memory, scenario.target)} | ${fmt(shared, scenario.target)} | ≤ 1.10 req/call, ≤ ${scenario.target.toFixed(2)}× |`,
    );
  }
  // Redis killed 2 s into a run: the processes pace alone from then on.
  const killed: Run[] = [];
  for (let i = 0; i < (only || scenarioIndex !== undefined ? 0 : rounds); i++) {
    await redis.restart();
    killed.push(
      await runFleet(sim, SCENARIOS[0] as Scenario, { store: 'redis', redisUrl: redis.url, client }, async () => {
        await new Promise((r) => setTimeout(r, 2000));
        await redis.stop();
      }),
    );
  }
  const k = killed.map(
    (r) =>
      `${r.ok}/${TOTAL} ok (${((100 * r.ok) / TOTAL).toFixed(1)} %), ${(r.requests / TOTAL).toFixed(2)} req/call, ${(r.ms / IDEAL_MS).toFixed(2)}× ideal`,
  );
  table.push(`| Redis killed 2 s in (429 body code) | — | ${k.join('; ')} | ≥ 99 % ok |`);
  console.log(table.join('\n'));
  const fails = [...killed].flatMap((r) => Object.entries(r.reasons));
  if (fails.length) console.log(`failures when Redis was killed: ${JSON.stringify(Object.fromEntries(fails))}`);
  console.log(`load average: ${load0.toFixed(2)} at the start, ${(loadavg()[0] ?? 0).toFixed(2)} at the end (2 cores shared)`);
  await redis.stop();
  await sim.close();
}

await main();
