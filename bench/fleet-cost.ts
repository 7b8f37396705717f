/**
 * `node bench/fleet-cost.ts [rounds] [calls]` (after `npm run build`; needs /usr/bin/redis-server):
 * what the Redis store costs a call against the memory store, client side, one process, paired
 * and interleaved (memory, Redis, memory, Redis, ... each round the same number of sequential
 * calls). Two cases:
 * - idle: a key never limited: `tryAcquire` + `report` (no round trip expected: the ratio is ~1);
 * - paced: a key limited fleet-wide at a rate far above what one sequential loop sends (so nobody
 *   waits for a slot): `acquire` + `report`, which with the Redis store is one EVALSHA per send.
 * (150 calls a round in the paced case: the bucket's 20 ms at 9000/s.) Prints µs per call (median and quartiles over rounds) and the per-round ratio Redis / memory.
 */
import { loadavg } from 'node:os';
import { Redis } from 'ioredis';
import { createPacer, type Pacer } from 'vendor-errors';
import { createMemoryPacerStore, initialPacerState, type PacerState } from 'vendor-errors/advanced';
import { createRedisPacerStore } from 'vendor-errors/redis';
import { REDIS_MISSING, startRedis } from '../test/redis/server.ts';

if (REDIS_MISSING) {
  console.error(`fleet-cost skipped: ${REDIS_MISSING}`);
  process.exit(0);
}
const rounds = Number(process.argv[2] ?? 15);
const calls = Number(process.argv[3] ?? 2000);
const redis = await startRedis();
const ioredis = new Redis(redis.url);
/** Round trips counted by case (SCRIPT LOAD and EVALSHA alike). */
let trips = 0;
const client = {
  call: (command: string, ...args: string[]) => {
    trips++;
    return ioredis.call(command, ...args);
  },
};
const PACED = 'upyun|paced.test';
const IDLE = 'upyun|idle.test';

/**
 * A key limited at 9000/s, steady, its bucket full (180 sends: 20 ms worth): a round of up to 150
 * sequential sends never waits for a token, in either store.
 */
function steady(): PacerState {
  const t = Date.now();
  return { ...initialPacerState(t), phase: 'steady', rate: 9000, wMax: 9000, window: 0, tokens: 180, refilledAt: t };
}
const PACED_CALLS = 150;

async function pacers(pacedCase: boolean): Promise<{ memory: Pacer; shared: Pacer }> {
  const local = createMemoryPacerStore();
  const store = createRedisPacerStore({ client, timeoutMs: 1000 });
  if (pacedCase) {
    local.set(PACED, steady());
    store.set(PACED, steady());
    await ioredis.hset(
      'vendor-errors:{upyun|paced.test}',
      'r',
      '9000',
      'ph',
      '2',
      'wm',
      '9000',
      'ep',
      '0',
      'pu',
      '0',
      'd',
      '0',
      'tat',
      '0',
    );
  }
  return { memory: createPacer({ store: local }), shared: createPacer({ store }) };
}

async function idle(pacer: Pacer): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < calls; i++) {
    const permit = pacer.tryAcquire?.(IDLE) ?? (await pacer.acquire(IDLE));
    pacer.report(IDLE, undefined, { sentAt: permit.sentAt });
  }
  return ((performance.now() - t0) * 1000) / calls;
}

async function paced(pacer: Pacer): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < PACED_CALLS; i++) {
    const permit = await pacer.acquire(PACED);
    pacer.report(PACED, undefined, { sentAt: permit.sentAt });
  }
  return ((performance.now() - t0) * 1000) / PACED_CALLS;
}

const stats = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * (s.length - 1) + 0.5))] as number;
  return { median: at(0.5), q1: at(0.25), q3: at(0.75) };
};

const load0 = loadavg()[0] ?? 0;
const out: Record<string, { memory: number[]; redis: number[]; ratio: number[]; trips: number; calls: number }> = {};
for (const [name, run] of [
  ['idle key (never limited): tryAcquire + report', idle],
  ['paced key (limited fleet-wide, no wait): acquire + report', paced],
] as const) {
  const r = (out[name] = { memory: [] as number[], redis: [] as number[], ratio: [] as number[], trips: 0, calls: 0 });
  for (let i = 0; i < rounds + 1; i++) {
    const { memory, shared } = await pacers(run === paced);
    const m = await run(memory);
    const before = trips;
    const s = await run(shared);
    r.trips += trips - before;
    r.calls += run === paced ? PACED_CALLS : calls;
    memory.close();
    shared.close();
    if (i === 0) continue; // warm-up
    r.memory.push(m);
    r.redis.push(s);
    r.ratio.push(s / m);
  }
}
const f = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(0));
console.log(
  `Node ${process.version}, ${rounds} rounds of ${calls} sequential calls each, memory and Redis interleaved; Redis on 127.0.0.1 (ioredis)`,
);
console.log('| case | memory store µs/call | Redis store µs/call | Redis / memory, per round | Redis round trips per call |');
console.log('| --- | --- | --- | --- | --- |');
for (const [name, r] of Object.entries(out)) {
  const m = stats(r.memory);
  const s = stats(r.redis);
  const q = stats(r.ratio);
  console.log(
    `| ${name} | ${f(m.median)} (${f(m.q1)}–${f(m.q3)}) | ${f(s.median)} (${f(s.q1)}–${f(s.q3)}) | ${q.median.toFixed(2)}× (${q.q1.toFixed(2)}–${q.q3.toFixed(2)}) | ${(r.trips / r.calls).toFixed(3)} |`,
  );
}
console.log(`load average ${load0.toFixed(2)} at the start, ${(loadavg()[0] ?? 0).toFixed(2)} at the end (2 cores shared)`);
ioredis.disconnect();
await redis.stop();
