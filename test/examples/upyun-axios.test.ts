/** examples/upyun-axios.ts (withVendorErrors) against the simulator. */
import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError, RateLimitError, type RetryInfo, ServiceUnavailableError } from 'vendor-errors';
import { startVendorSimulator, type VendorSimulator } from 'vendor-errors/testing';
import { UpyunClient } from '../../examples/upyun-axios.ts';
import { expectNoSecrets, fastRetry, vendorRejection } from './helpers.ts';

const PASSWORD = 'upyun-operator-password-71d0';
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

function client(baseURL = `${sim.url}/upyun`): UpyunClient {
  retries = [];
  return new UpyunClient({ baseURL, bucket: 'demo-bucket', operator: 'op', password: PASSWORD, retry: fastRetry(retries) });
}

describe('UpyunClient (axios + withVendorErrors)', () => {
  it('reads, writes and deletes a file', async () => {
    const up = client();
    await expect(up.getFile('/docs/a.txt')).resolves.toBe('{"files":[]}');
    await expect(up.putFile('/docs/a.txt', 'hello')).resolves.toBeUndefined();
    await expect(up.deleteFile('/docs/a.txt')).resolves.toBeUndefined();
    const routes = sim.stats.vendor('upyun').routes;
    expect(Object.keys(routes).sort()).toEqual([
      'DELETE /demo-bucket/docs/a.txt',
      'GET /demo-bucket/docs/a.txt',
      'PUT /demo-bucket/docs/a.txt',
    ]);
  });

  it('signs each request: Authorization UPYUN operator:base64(HMAC-SHA1(md5(password), method&uri&date[&content-md5]))', async () => {
    const seen: IncomingHttpHeaders[] = [];
    const server = createServer((req, res) => {
      seen.push(req.headers);
      req.resume();
      req.on('end', () => res.end());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const up = client(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
      await up.getFile('/a b.txt');
      await up.putFile('/c.txt', 'data');
    } finally {
      server.close();
    }
    const key = createHash('md5').update(PASSWORD).digest('hex');
    const sign = (...parts: string[]) => createHmac('sha1', key).update(parts.join('&')).digest('base64');
    const [get, put] = seen;
    expect(get?.authorization).toBe(`UPYUN op:${sign('GET', '/demo-bucket/a%20b.txt', String(get?.date))}`);
    const md5 = createHash('md5').update('data').digest('hex');
    expect(put?.['content-md5']).toBe(md5);
    expect(put?.authorization).toBe(`UPYUN op:${sign('PUT', '/demo-bucket/c.txt', String(put?.date), md5)}`);
  });

  it('a forced 40400001 rejects with NotFoundError and is not retried', async () => {
    const err = await vendorRejection(client().getFile('/missing.txt', { headers: { 'x-simulate-code': '40400001' } }));
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err).toMatchObject({ vendor: 'upyun', kind: 'not-found', status: 404, code: 40400001, method: 'GET' });
    expect(err.requestId).toMatch(/^[0-9a-f]{32}$/);
    expect(err.retryDecision?.reason).toBe('not-retryable');
    expect(sim.stats.vendor('upyun').total).toBe(1);
  });

  it('429 rate limits are retried to success, waiting as retry-after-ms says; requests = calls + retries', async () => {
    const up = client();
    sim.scenario('upyun', { rateLimit: { perSecond: 10, burst: 2, retryAfter: 'ms' } });
    const calls = 6;
    await Promise.all(Array.from({ length: calls }, (_, i) => up.getFile(`/burst/${i}.txt`)));
    const stats = sim.stats.vendor('upyun');
    const limited = stats.byCode['42900001'] ?? 0;
    expect(limited).toBeGreaterThan(0);
    expect(stats.byStatus['429']).toBe(limited);
    expect(stats.byReason.ok).toBe(calls);
    expect(retries).toHaveLength(limited);
    // Paced by the default pacer: the hint pauses the vendor's key and the pacer holds the retry
    // at least that long (without a pacer the source would be 'retry-after', the same wait).
    expect(
      retries.every(
        (r) => r.error instanceof RateLimitError && r.source === 'pacer' && r.delayMs >= (r.error.retryAfterMs ?? Number.NaN),
      ),
    ).toBe(true);
    expect(stats.total).toBe(calls + retries.length);
  });

  it('a 503 on PUT is retried (PUT is idempotent) until the outage ends', async () => {
    const up = client();
    sim.scenario('upyun', { outage: { durationMs: 60 } });
    await expect(up.putFile('/x.txt', 'again')).resolves.toBeUndefined();
    const stats = sim.stats.vendor('upyun');
    expect(stats.byCode['50300000']).toBeGreaterThan(0);
    expect(retries.every((r) => r.error instanceof ServiceUnavailableError)).toBe(true);
    expect(stats.total).toBe(1 + retries.length);
  });

  it('a proxy HTML 502 is a ServiceUnavailableError; retries stop when exhausted', async () => {
    sim.scenario('upyun', { proxy502: 1 });
    const err = await vendorRejection(client().deleteFile('/y.txt'));
    expect(err).toBeInstanceOf(ServiceUnavailableError);
    expect(err).toMatchObject({ status: 502, code: undefined, method: 'DELETE' });
    expect(err.retryDecision?.reason).toBe('attempts-exhausted');
    expect(sim.stats.vendor('upyun').total).toBe(err.attempts?.length);
  });

  it('the password (and its MD5, the signing key) never show in an error', async () => {
    const err = await vendorRejection(client().getFile('/z.txt', { headers: { 'x-simulate-code': '40100005' } }));
    expect(err.status).toBe(401);
    expectNoSecrets(err, [PASSWORD, createHash('md5').update(PASSWORD).digest('hex')]);
  });
});
