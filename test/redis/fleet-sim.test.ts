/**
 * The fleet benchmark's setup (4 processes × 25 in flight × 300 calls, one token bucket of 200/s,
 * burst 10, 5 ms latency) in simulated time, on a real redis-server: the control loop alone, the
 * same on every machine (test/redis/fleet-sim.ts). `npm run bench -- --fleet` measures it on real
 * processes, where the machine's load adds stalls.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulateFleet } from './fleet-sim.js';
import { REDIS_MISSING, type RedisServer, startRedis } from './server.js';

const SETUP = { processes: 4, inFlight: 25, calls: 300, rate: 200, burst: 10 } as const;

describe.skipIf(REDIS_MISSING !== undefined)('vendor-errors/redis: the fleet in simulated time', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('429 + Retry-After in whole seconds: three pauses at most, ≤ 1.75 × the ideal', async () => {
    // The cold burst's pause and slow start's are the fewest that find the limit (docs/pacer.md
    // rule 7); the fleet's slow start ends on a lower bound, so its curve probes once more.
    const o = await simulateFleet(redis.url, { ...SETUP, vendor: 'upyun', retryAfter: 'seconds' });
    expect(o.failed).toBe(0);
    expect(o.requests / 1200).toBeLessThanOrEqual(1.1);
    expect(o.pauses).toBeLessThanOrEqual(3);
    expect(o.ms / o.ideal).toBeLessThanOrEqual(1.75);
  }, 120_000);

  it('Redis stalls past the timeout three times (150 ms each): the processes pace alone meanwhile, every call succeeds', async () => {
    const stalls = [1500, 3000, 4500].map((at) => ({ at, ms: 150 }));
    const o = await simulateFleet(redis.url, { ...SETUP, vendor: 'upyun', retryAfter: 'none', stalls });
    expect(o.failed).toBe(0);
    expect(o.requests / 1200).toBeLessThanOrEqual(1.15);
  }, 120_000);

  it.each(['upyun', 'netease'] as const)(
    '%s rate limits in the body, no Retry-After: no pause, every call succeeds, ≤ 1.10 × the ideal',
    async (vendor) => {
      const o = await simulateFleet(redis.url, { ...SETUP, vendor, retryAfter: 'none' });
      expect(o.failed).toBe(0);
      expect(o.pauses).toBe(0);
      expect(o.requests / 1200).toBeLessThanOrEqual(1.15);
      // Out of slow start the plateau is 0.65 of slow start's last rate, not the lagging sum of
      // measured rates (at r/2: 1.18 ×, the curve at 135–165/s for 3 s; docs/fleet.md).
      expect(o.ms / o.ideal).toBeLessThanOrEqual(1.1);
      // One slot request per send, a report per refusal, few asked again: each process asks for
      // its share of the slots the script grants ahead (4 asks each: 3.9 round trips per send).
      expect(o.roundTrips / o.requests).toBeLessThanOrEqual(1.3);
    },
    120_000,
  );
});
