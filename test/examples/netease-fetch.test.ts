/** examples/netease-fetch.ts (createFetch) against the simulator. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { InternalServerError, NotFoundError, RateLimitError, type RetryInfo, ServiceUnavailableError } from 'vendor-errors';
import { startVendorSimulator, type VendorSimulator } from 'vendor-errors/testing';
import { NeteaseClient } from '../../examples/netease-fetch.ts';
import { expectNoSecrets, fastRetry, vendorRejection } from './helpers.ts';

const TOKEN = 'nce-api-token-3b7f0a91d2';
let sim: VendorSimulator;
let retries: RetryInfo[];

beforeAll(async () => {
  sim = await startVendorSimulator();
});
afterAll(async () => {
  await sim.close();
});
afterEach(() => {
  sim.reset();
});

function client(): NeteaseClient {
  retries = [];
  return new NeteaseClient({ baseURL: `${sim.url}/netease`, token: TOKEN, retry: fastRetry(retries) });
}

describe('NeteaseClient (fetch + createFetch)', () => {
  it('lists containers', async () => {
    await expect(client().listContainers()).resolves.toEqual({ total: 0, items: [] });
    expect(sim.stats.vendor('netease').routes['GET /api/v1/containers']?.byReason.ok).toBe(1);
  });

  it('a forced 4040002 rejects with NotFoundError and is not retried', async () => {
    const err = await vendorRejection(client().listContainers({ headers: { 'x-simulate-code': '4040002' } }));
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err).toMatchObject({ vendor: 'netease', kind: 'not-found', status: 404, code: 4040002, method: 'GET' });
    expect(err.retryDecision?.reason).toBe('not-retryable');
    expect(sim.stats.vendor('netease').total).toBe(1);
  });

  it('rate limits sent as 403 (4030001) are retried to success; requests = calls + retries', async () => {
    const nce = client();
    sim.scenario('netease', { rateLimit: { perSecond: 10, burst: 2 } });
    const calls = 6;
    await Promise.all(Array.from({ length: calls }, () => nce.listContainers()));
    const stats = sim.stats.vendor('netease');
    const limited = stats.byCode['4030001'] ?? 0;
    expect(limited).toBeGreaterThan(0);
    expect(stats.byStatus['403']).toBe(limited);
    expect(stats.byReason.ok).toBe(calls);
    expect(retries).toHaveLength(limited);
    expect(retries.every((r) => r.error instanceof RateLimitError)).toBe(true);
    expect(stats.total).toBe(calls + retries.length);
  });

  it('"System busy" (4000199, sent as 400) is retried even for a POST', async () => {
    const nce = client();
    sim.scenario('netease', { outage: { durationMs: 60, code: 4000199 } });
    await expect(nce.createContainer('web-1')).resolves.toBeDefined();
    const stats = sim.stats.vendor('netease');
    expect(stats.byCode['4000199']).toBeGreaterThan(0);
    expect(retries.every((r) => r.error instanceof ServiceUnavailableError && r.error.status === 400)).toBe(true);
    expect(stats.total).toBe(1 + retries.length);
  });

  it('a POST answered with a 5xx is not retried: the container may exist', async () => {
    const err = await vendorRejection(client().createContainer('web-2', { headers: { 'x-simulate-code': '5000007' } }));
    expect(err).toBeInstanceOf(InternalServerError);
    expect(err).toMatchObject({ status: 500, code: 5000007, method: 'POST' });
    expect(err.retryDecision?.reason).toBe('not-idempotent');
    expect(err.attempts).toHaveLength(1);
    expect(sim.stats.vendor('netease').total).toBe(1);
  });

  it('the token never shows in an error: message, JSON, inspect', async () => {
    const err = await vendorRejection(client().listContainers({ headers: { 'x-simulate-code': '4010001' } }));
    expect(err.kind).toBe('unauthenticated');
    expectNoSecrets(err, [TOKEN]);
  });
});
