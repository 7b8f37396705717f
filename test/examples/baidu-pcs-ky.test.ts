/** examples/baidu-pcs-ky.ts (ky + vendorErrors) against the simulator. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AuthenticationError, NotFoundError, RateLimitError, type RetryInfo, ServiceUnavailableError } from 'vendor-errors';
import { startVendorSimulator, type VendorSimulator } from 'vendor-errors/testing';
import { BaiduPcsClient } from '../../examples/baidu-pcs-ky.ts';
import { expectNoSecrets, fastRetry, vendorRejection } from './helpers.ts';

const TOKEN = '21.4f0c9b2a7e.2592000.1700000000.1234567890-11223344';
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

function client(): BaiduPcsClient {
  retries = [];
  return new BaiduPcsClient({ baseURL: `${sim.url}/baidu-pcs/rest/2.0/pcs`, accessToken: TOKEN, retry: fastRetry(retries) });
}

describe('BaiduPcsClient (ky + vendorErrors)', () => {
  it('reads metadata, lists a directory and uploads', async () => {
    const pcs = client();
    await expect(pcs.meta('/apps/demo/a.txt')).resolves.toMatchObject({ list: [] });
    await expect(pcs.list('/apps/demo')).resolves.toMatchObject({ list: [] });
    await expect(pcs.upload('/apps/demo/b.txt', 'hello')).resolves.toBeDefined();
    const routes = sim.stats.vendor('baidu-pcs').routes;
    expect(routes['GET /rest/2.0/pcs/file']?.byReason.ok).toBe(2);
    expect(routes['POST /rest/2.0/pcs/file']?.byReason.ok).toBe(1);
  });

  it('a forced 31066 rejects with NotFoundError (sent as 404) and is not retried', async () => {
    const err = await vendorRejection(client().meta('/apps/demo/missing.txt', { headers: { 'x-simulate-code': '31066' } }));
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err).toMatchObject({ vendor: 'baidu-pcs', kind: 'not-found', status: 404, code: 31066, method: 'GET' });
    expect(err.requestId).toMatch(/^\d{19}$/);
    expect(err.retryDecision?.reason).toBe('not-retryable');
    expect(sim.stats.vendor('baidu-pcs').total).toBe(1);
  });

  it('an error inside HTTP 200 is still an error', async () => {
    sim.scenario('baidu-pcs', { errorIn200: 1 });
    const err = await vendorRejection(client().meta('/apps/demo/a.txt', { headers: { 'x-simulate-code': '111' } }));
    expect(err).toBeInstanceOf(AuthenticationError);
    expect(err).toMatchObject({ status: 200, code: 111 });
  });

  it('rate limits (31219, sent as 403) are retried to success; requests = calls + retries', async () => {
    const pcs = client();
    sim.scenario('baidu-pcs', { rateLimit: { perSecond: 10, burst: 2 } });
    const calls = 6;
    await Promise.all(Array.from({ length: calls }, (_, i) => pcs.list(`/apps/demo/${i}`)));
    const stats = sim.stats.vendor('baidu-pcs');
    const limited = stats.byCode['31219'] ?? 0;
    expect(limited).toBeGreaterThan(0);
    expect(stats.byStatus['403']).toBe(limited);
    expect(stats.byReason.ok).toBe(calls);
    expect(retries).toHaveLength(limited);
    expect(retries.every((r) => r.error instanceof RateLimitError)).toBe(true);
    expect(stats.total).toBe(calls + retries.length);
  });

  it('rate limits inside HTTP 200 are retried too', async () => {
    const pcs = client();
    sim.scenario('baidu-pcs', { rateLimit: { perSecond: 10, burst: 1 }, errorIn200: 1 });
    await Promise.all([pcs.meta('/a'), pcs.meta('/b'), pcs.meta('/c')]);
    const stats = sim.stats.vendor('baidu-pcs');
    expect(stats.byCode['31219']).toBeGreaterThan(0);
    expect(stats.byStatus['403']).toBeUndefined();
    expect(retries.every((r) => r.error instanceof RateLimitError && r.error.status === 200)).toBe(true);
    expect(stats.total).toBe(3 + retries.length);
  });

  it('an upload (POST) answered 503 is not retried: the file may have been written', async () => {
    const err = await vendorRejection(client().upload('/apps/demo/c.txt', 'data', { headers: { 'x-simulate-code': '31212' } }));
    expect(err).toBeInstanceOf(ServiceUnavailableError);
    expect(err).toMatchObject({ status: 503, code: 31212, method: 'POST' });
    expect(err.retryDecision?.reason).toBe('not-idempotent');
    expect(sim.stats.vendor('baidu-pcs').total).toBe(1);
  });

  it('the access_token never shows in an error: message, JSON, inspect', async () => {
    const err = await vendorRejection(client().list('/apps/demo', { headers: { 'x-simulate-code': '110' } }));
    expect(err).toBeInstanceOf(AuthenticationError);
    expect(err.url).toContain('access_token=[REDACTED]');
    expectNoSecrets(err, [TOKEN]);
  });
});
