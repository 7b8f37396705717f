/**
 * `createRetryBudget({ store })` on a real redis-server (test/redis/server.ts): one budget for
 * every process using the same Redis and key, with ioredis and node-redis; NOSCRIPT, idle expiry,
 * the hash tag, and the process's own budget while Redis is down. Counts only, no wall-clock limits.
 */
import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createRetryBudget, type RetryBudget } from '../../src/index.js';
import { createMemoryPacerStore } from '../../src/pacer/store.js';
import { createRedisPacerStore } from '../../src/redis/index.js';
import { REDIS_MISSING, type RedisServer, startRedis } from './server.js';

const tick = () => new Promise((r) => setTimeout(r, 5));

/** Spends retries on `budgets` in turn, letting their leases refill, until none is granted twice over. */
async function drain(budgets: readonly RetryBudget[]): Promise<number> {
  let granted = 0;
  for (let idle = 0; idle < 20; ) {
    let round = 0;
    for (const b of budgets) if (b.tryAcquire()) round++;
    granted += round;
    idle = round === 0 ? idle + 1 : 0;
    await tick();
  }
  return granted;
}

describe.skipIf(REDIS_MISSING !== undefined)('createRetryBudget on the Redis store', () => {
  let redis: RedisServer;
  let check: Redis;

  beforeAll(async () => {
    redis = await startRedis();
    check = new Redis(redis.url);
  });
  afterAll(async () => {
    check?.disconnect();
    await redis?.stop();
  });

  it('rejects a store that shares nothing, and a bad key, naming the option', () => {
    expect(() => createRetryBudget({ store: createMemoryPacerStore() })).toThrow(/`store` must be a store shared by processes/);
    const store = createRedisPacerStore({ client: check });
    expect(() => createRetryBudget({ store, key: '' })).toThrow(/`key`/);
  });

  it('two processes (ioredis and node-redis) share one budget: together they get the fleet reserve, not one each', async () => {
    const nr = createClient({ url: redis.url });
    nr.on('error', () => {});
    await nr.connect();
    const io = new Redis(redis.url);
    const options = { ratio: 0, minPerSecond: 0.6, windowMs: 10_000, key: 'shared' } as const; // 6 retries per window
    const a = createRetryBudget({ ...options, store: createRedisPacerStore({ client: io, timeoutMs: 5000 }) });
    const b = createRetryBudget({ ...options, store: createRedisPacerStore({ client: nr, timeoutMs: 5000 }) });
    // Each tells the fleet of a first attempt and leases; the hash is tagged and expires when idle.
    a.recordRequest();
    b.recordRequest();
    const key = 'vendor-errors:{budget|shared}';
    await vi.waitFor(async () => expect(Number(await check.hget(key, 's'))).toBeGreaterThan(0));
    await vi.waitFor(() => expect(a.snapshot().available + b.snapshot().available).toBeLessThanOrEqual(12));
    await tick();
    const granted = await drain([a, b]);
    expect(granted).toBe(6);
    expect(await check.pttl(key)).toBeGreaterThan(0);
    io.disconnect();
    await nr.disconnect();
  });

  it("deposits travel in batches: one process's first attempts fund another's retries", async () => {
    const io1 = new Redis(redis.url);
    const io2 = new Redis(redis.url);
    const options = { ratio: 0.5, minPerSecond: 0, windowMs: 10_000, key: 'funded' } as const;
    const payer = createRetryBudget({ ...options, store: createRedisPacerStore({ client: io1, timeoutMs: 5000 }) });
    const spender = createRetryBudget({ ...options, store: createRedisPacerStore({ client: io2, timeoutMs: 5000 }) });
    spender.recordRequest(); // 0.5 of a retry: the spender alone could retry nothing
    await vi.waitFor(async () => expect(await check.hget('vendor-errors:{budget|funded}', 's')).not.toBeNull());
    for (let i = 0; i < 40; i++) {
      payer.recordRequest();
      await tick();
    }
    // Told in batches (of 16, or sooner while the payer's own lease is low): at 0.5 per first
    // attempt, the spender gets what was told, less the lease the payer holds (4 at most; it goes
    // back after a tenth of the window).
    const told = await check.hgetall('vendor-errors:{budget|funded}');
    const deposits = Object.entries(told).reduce((n, [f, v]) => n + (f.startsWith('q') ? Number(v) : 0), 0);
    expect(deposits).toBeGreaterThanOrEqual(34);
    expect(deposits).toBeLessThanOrEqual(41);
    const granted = await drain([spender]);
    expect(granted).toBeGreaterThanOrEqual(Math.floor(deposits / 2) - 4);
    expect(granted).toBeLessThanOrEqual(Math.floor(deposits / 2));
    io1.disconnect();
    io2.disconnect();
  });

  it('NOSCRIPT (scripts flushed): the budget script is loaded again, nothing reaches onError', async () => {
    const io = new Redis(redis.url);
    const errors: unknown[] = [];
    const store = createRedisPacerStore({ client: io, timeoutMs: 5000, onError: (e) => errors.push(e) });
    const call = { key: 'flushed', deposits: 10, want: 2, giveBack: 0, ratio: 0.1, minPerSecond: 0, windowMs: 10_000 };
    expect(await store.fleet.budget?.(call)).toEqual({ granted: 1, balance: 0 });
    await check.call('SCRIPT', 'FLUSH');
    expect(await store.fleet.budget?.({ ...call, deposits: 20 })).toEqual({ granted: 2, balance: 0 });
    expect(errors).toEqual([]);
    io.disconnect();
  });

  it("Redis down: the process's own budget decides, and the error goes to onError only", async () => {
    const down = await startRedis();
    const io = new Redis(down.url, { maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => 50 });
    io.on('error', () => {});
    await down.stop();
    const errors: unknown[] = [];
    const budget = createRetryBudget({
      ratio: 0,
      minPerSecond: 0.3,
      windowMs: 10_000,
      store: createRedisPacerStore({ client: io, onError: (e) => errors.push(e) }),
    });
    budget.recordRequest();
    await vi.waitFor(() => expect(errors.length).toBeGreaterThan(0));
    expect([budget.tryAcquire(), budget.tryAcquire(), budget.tryAcquire(), budget.tryAcquire()]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    io.disconnect();
  });
});
