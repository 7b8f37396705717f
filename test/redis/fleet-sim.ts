/**
 * The fleet benchmark's setup in simulated time: `processes` pacers, each on its own Redis store
 * (its own process id) over one ioredis connection to a real redis-server, whose script is given
 * the fake clock (ARGV[21]); the simulator's pure core as the vendor. Time advances 1 ms at a time,
 * and only once every Redis call has been answered: no CPU time, no event-loop stalls, no Redis
 * timeouts, so a run shows the control loop alone (the same dynamics the real bench adds noise to).
 */
import { Redis } from 'ioredis';
import { vi } from 'vitest';
import { netease, upyun } from '../../adapters/index.js';
import { createPacer, normalize, retry } from '../../src/index.js';
import { createRedisPacerStore } from '../../src/redis/index.js';
import { createSimulatorCore, type RetryAfterStyle } from '../../src/testing/index.js';

export interface SimFleet {
  readonly processes: number;
  readonly inFlight: number;
  readonly calls: number;
  readonly rate: number;
  readonly burst: number;
  readonly vendor: 'upyun' | 'netease';
  readonly retryAfter: RetryAfterStyle;
  /** Redis stalls: a reply asked for from `at` ms after the start waits until `at + ms` (timeouts fire). */
  readonly stalls?: readonly { readonly at: number; readonly ms: number }[];
}

export interface SimOutcome {
  /** Simulated ms from the first call to the last answer, and as a multiple of the ideal. */
  readonly ms: number;
  readonly ideal: number;
  readonly failed: number;
  readonly requests: number;
  /** Distinct fleet-wide pauses. */
  readonly pauses: number;
  /** Script calls (EVALSHA) the processes made: slot requests and reports. */
  readonly roundTrips: number;
}

/** What `trace` collects: each send's answer, each fleet reply's rate (ms from the start). */
export interface SimEvent {
  readonly at: number;
  readonly e: 'send' | 'fleet';
  readonly status?: number;
  readonly rate?: number;
  readonly granted?: boolean;
  /** Which process sent (sends only). */
  readonly p?: number;
}

/** Per `bin` ms: the vendor's answers (ok/refused) and the fleet's mean rate, one line each. */
export function traceTable(trace: readonly SimEvent[], bin = 250): string {
  const end = Math.max(0, ...trace.map((e) => e.at));
  const lines: string[] = [];
  for (let t = 0; t <= end; t += bin) {
    const inBin = trace.filter((e) => e.at >= t && e.at < t + bin);
    const sends = inBin.filter((e) => e.e === 'send');
    const ok = sends.filter((e) => (e.status as number) < 400).length;
    const rates = inBin.filter((e) => e.e === 'fleet').map((e) => e.rate as number);
    const rate = rates.length ? rates.reduce((a, b) => a + b, 0) / rates.length : Number.NaN;
    lines.push(`${String(t).padStart(6)} ${String(ok).padStart(4)}/${String(sends.length - ok).padEnd(4)} r=${rate.toFixed(0)}`);
  }
  return lines.join('\n');
}

const LATENCY = 5;
const realImmediate = setImmediate;

/** Runs one simulated fleet on the Redis at `url` (flushed first). Fake timers are on only inside. */
export async function simulateFleet(url: string, o: SimFleet, trace?: SimEvent[]): Promise<SimOutcome> {
  const redis = new Redis(url);
  await redis.flushall();
  let pending = 0;
  let pauses = 0;
  let roundTrips = 0;
  let pausedUntil = 0;
  let t0 = 0;
  const client = {
    call(command: string, ...args: string[]): Promise<unknown> {
      // The script's clock is the fake one (a real reply takes no simulated time).
      const a = command === 'EVALSHA' ? [...args, String(Date.now())] : args;
      pending++;
      if (command === 'EVALSHA') roundTrips++;
      const asked = Date.now() - t0;
      const stall = o.stalls?.find((x) => asked >= x.at && asked < x.at + x.ms);
      return redis
        .call(command, ...a)
        .then(async (reply) => {
          if (stall) {
            // Held past the stall's end in simulated time: the store's timeout fires first.
            pending--;
            await new Promise((r) => setTimeout(r, stall.at + stall.ms - asked));
            pending++;
          }
          // A fleet-wide pause that starts now (one lengthened while it runs counts once).
          const pausedFor = Array.isArray(reply) ? Number(reply[4]) : 0;
          if (Array.isArray(reply))
            trace?.push({ at: Date.now() - t0, e: 'fleet', rate: Number(reply[2]), granted: reply[0] === '1' });
          if (pausedFor > 0) {
            if (Date.now() >= pausedUntil) pauses++;
            pausedUntil = Math.max(pausedUntil, Date.now() + pausedFor);
          }
          return reply;
        })
        .finally(() => pending--);
    },
  };
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date', 'performance'] });
  try {
    vi.setSystemTime(1_800_000_000_000);
    const adapter = o.vendor === 'upyun' ? upyun : netease;
    const core = createSimulatorCore({
      scenarios: {
        [o.vendor]: { rateLimit: { perSecond: o.rate, burst: o.burst, retryAfter: o.retryAfter }, latencyMs: LATENCY },
      },
    });
    const pacers = Array.from({ length: o.processes }, () => createPacer({ store: createRedisPacerStore({ client }) }));
    const api = 'https://api.example.com/v1/things';
    let failed = 0;
    let end = 0;
    t0 = Date.now();
    const work = pacers.map(async (pacer, p) => {
      let next = 0;
      const call = () =>
        retry(
          async () => {
            const r = core.handle({ vendor: o.vendor, path: '/v1/things' });
            trace?.push({ at: Date.now() - t0, e: 'send', status: r.status ?? 200, p });
            await new Promise((resolve) => setTimeout(resolve, r.delayMs));
            if ((r.status ?? 200) >= 400)
              throw normalize(adapter, { status: r.status, headers: r.headers, body: r.body, method: 'GET', url: api });
            return r.body;
          },
          { pacer, vendor: o.vendor, url: api, method: 'GET' },
        );
      await Promise.all(
        Array.from({ length: o.inFlight }, async () => {
          while (next < o.calls) {
            next++;
            await call().catch(() => failed++);
            end = Date.now();
          }
        }),
      );
    });
    let done = false;
    void Promise.all(work).then(() => {
      done = true;
    });
    const flush = async () => {
      // Every Redis reply (and what it sets off) before the clock moves on.
      for (let i = 0; i < 3 || pending > 0; i++) await new Promise((r) => realImmediate(r));
    };
    await flush();
    for (let step = 0; !done && step < 120_000; step++) {
      await vi.advanceTimersByTimeAsync(1);
      await flush();
    }
    for (const p of pacers) p.close();
    const ideal = ((o.processes * o.calls - o.burst) / o.rate) * 1000 + LATENCY;
    return { ms: end - t0, ideal, failed, requests: core.stats.vendor(o.vendor).total, pauses, roundTrips };
  } finally {
    vi.useRealTimers();
    redis.disconnect();
  }
}
