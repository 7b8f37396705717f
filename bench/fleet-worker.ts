/**
 * One process of the fleet benchmark (`bench/fleet.ts`) and of test/redis/fleet.test.ts: its own
 * pacer (alone, or on the Redis store) and its own share of the calls, through `createFetch`. Told
 * what to do over IPC; answers `ready`, then on `go` runs and answers the result.
 */
import { createPacer, type Pacer } from 'vendor-errors';
import { netease, upyun } from 'vendor-errors/adapters';
import { createFetch } from 'vendor-errors/fetch';
import { appendFileSync } from 'node:fs';
import { createRedisPacerStore } from 'vendor-errors/redis';

export interface FleetJob {
  readonly base: string;
  readonly vendor: 'upyun' | 'netease';
  readonly calls: number;
  readonly concurrency: number;
  /** `memory`: a pacer of its own; `redis`: the Redis store. */
  readonly store: 'memory' | 'redis';
  readonly redisUrl?: string;
  readonly client?: 'ioredis' | 'node-redis';
  /** A file to write this process's trace to (JSON lines: sends, answers, the pacer's rate every 25 ms, Redis round trips). */
  readonly trace?: string;
  /** The retry loop's `retries` (tests only; the bench keeps the default, 3). */
  readonly retries?: number;
}

export interface FleetResult {
  readonly ok: number;
  readonly failed: number;
  readonly ms: number;
  readonly reasons: Record<string, number>;
  /** Redis failures and timeouts seen by the store, by message. */
  readonly redisErrors: Record<string, number>;
}

async function redisClient(job: FleetJob): Promise<{ client: object; close: () => Promise<void> }> {
  if (job.client === 'node-redis') {
    const { createClient } = await import('redis');
    const client = createClient({ url: job.redisUrl, socket: { reconnectStrategy: () => 200, connectTimeout: 500 } });
    client.on('error', () => {});
    await client.connect();
    return { client, close: () => client.disconnect().catch(() => {}) };
  }
  const { Redis } = await import('ioredis');
  const client = new Redis(job.redisUrl as string, {
    maxRetriesPerRequest: 1,
    retryStrategy: () => 200,
    enableOfflineQueue: false,
  });
  client.on('error', () => {});
  return { client, close: async () => client.disconnect() };
}

async function main(): Promise<void> {
  const job = await new Promise<FleetJob>((resolve) => process.once('message', (m) => resolve(m as FleetJob)));
  const redis = job.store === 'redis' ? await redisClient(job) : undefined;
  const redisErrors: Record<string, number> = {};
  const onError = (error: unknown) => {
    const m = String((error as Error)?.message ?? error).slice(0, 40);
    redisErrors[m] = (redisErrors[m] ?? 0) + 1;
    if (job.trace) lines.push(JSON.stringify({ e: 'redis-error', at: Date.now(), m }));
  };
  const lines: string[] = [];
  // Tracing: each Redis command's round trip (what the store's timeout is measured against).
  const timed =
    redis && job.trace && typeof (redis.client as { call?: unknown }).call === 'function'
      ? {
          call(command: string, ...args: string[]) {
            const c = redis.client as { call(command: string, ...args: string[]): Promise<unknown> };
            const t = performance.now();
            return c.call(command, ...args).finally(() => {
              lines.push(JSON.stringify({ e: 'rtt', at: Date.now(), ms: Math.round((performance.now() - t) * 10) / 10 }));
            });
          },
        }
      : redis?.client;
  const store = redis ? createRedisPacerStore({ client: timed as never, onError }) : undefined;
  const pacer: Pacer = createPacer(store ? { store } : {});
  const adapter = job.vendor === 'upyun' ? upyun : netease;
  const traced: typeof fetch = job.trace
    ? async (input, init) => {
        const sent = Date.now();
        const res = await fetch(input, init);
        lines.push(JSON.stringify({ e: 'req', sent, at: Date.now(), status: res.status }));
        return res;
      }
    : fetch;
  const vendorFetch = createFetch({ adapter, retry: { pacer, retries: job.retries }, fetch: traced });
  const path = job.vendor === 'upyun' ? (i: number) => `/upyun/fleet-bucket/photos/${i}.jpg` : () => '/netease/api/v1/apps';
  // Warm up (modules, JIT, the HTTP connection, Redis's connection) outside the measured run, on
  // a path no vendor counts: a cold process stalled 100-300 ms in the first second at load 3.
  for (let i = 0; i < 3; i++) await (await fetch(`${job.base}/warm-up`)).arrayBuffer();
  if (redis) {
    // ioredis connects in the background (and, without its offline queue, refuses commands until then).
    const c = redis.client as { status?: string; once?: (event: string, f: () => void) => void; ping?: () => Promise<unknown> };
    if (c.status !== undefined && c.status !== 'ready') await new Promise<void>((resolve) => c.once?.('ready', resolve));
    await c.ping?.();
  }
  process.send?.('ready');
  await new Promise<void>((resolve) => process.once('message', () => resolve()));
  const t0 = performance.now();
  const sampler = job.trace
    ? setInterval(() => {
        for (const [key, k] of Object.entries(pacer.snapshot())) {
          lines.push(
            JSON.stringify({
              e: 'snap',
              at: Date.now(),
              key,
              state: k.state,
              rate: k.rate,
              measured: k.measuredRate,
              queue: k.queue,
              inFlight: k.inFlight,
            }),
          );
        }
      }, 25)
    : undefined;
  let next = 0;
  let ok = 0;
  let failed = 0;
  const reasons: Record<string, number> = {};
  await Promise.all(
    Array.from({ length: job.concurrency }, async () => {
      while (next < job.calls) {
        const i = next++;
        try {
          const res = await vendorFetch(`${job.base}${path(i)}`);
          await res.arrayBuffer();
          ok++;
        } catch (error) {
          failed++;
          const reason = (error as { retryDecision?: { reason?: string } }).retryDecision?.reason ?? String(error);
          reasons[reason] = (reasons[reason] ?? 0) + 1;
        }
      }
    }),
  );
  if (sampler) clearInterval(sampler);
  if (job.trace) appendFileSync(job.trace, `${lines.join('\n')}\n`);
  const result: FleetResult = { ok, failed, ms: performance.now() - t0, reasons, redisErrors };
  pacer.close();
  await redis?.close();
  process.send?.(result, () => process.exit(0));
}

void main();
