/** The real node:http + WebSocket simulator on 127.0.0.1, port 0. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { codeKey } from '../../src/core/wire.js';
import { normalize } from '../../src/index.js';
import { startVendorSimulator, type VendorSimulator } from '../../src/testing/index.js';
import { adapter, manualClock } from './helpers.js';

const clock = manualClock();
const logs: string[] = [];
const TOKEN = 'mfp-secret-token-5f2c9e';
const BAIDU_TOKEN = '21.baidu-secret-access-token.2592000';
let sim: VendorSimulator;

beforeAll(async () => {
  sim = await startVendorSimulator({ clock: clock.now, mfpToken: TOKEN, log: (l) => logs.push(l) });
});
afterAll(async () => {
  await sim.close();
});
afterEach(() => {
  sim.reset();
});

async function get(path: string, init?: RequestInit): Promise<{ res: Response; body: string }> {
  const res = await fetch(`${sim.url}${path}`, init);
  return { res, body: await res.text() };
}

describe('HTTP', () => {
  it('listens on 127.0.0.1 with a free port', () => {
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sim.port).toBeGreaterThan(0);
    expect(sim.wsUrl).toBe(`ws://127.0.0.1:${sim.port}/mfp/api/v1`);
  });

  it.each([
    ['upyun', '/bucket/a.txt', 40400001, 404, 'not-found'],
    ['upyun', '/bucket/a.txt', 42900001, 429, 'rate-limited'],
    ['upyun', '/bucket/a.txt', 40100012, 401, 'not-found'], // "bucket not exist" is sent as 401 (README quirk)
    ['baidu-pcs', '/rest/2.0/pcs/file', 31066, 404, 'not-found'],
    ['baidu-pcs', '/rest/2.0/pcs/file', 110, 401, 'unauthenticated'],
    ['netease', '/api/v1/microservices', 4030001, 403, 'rate-limited'],
    ['netease', '/api/v1/microservices', 4000199, 400, 'unavailable'],
    ['api-switch', '/apps', 10002, 404, 'not-found'],
  ] as const)('%s %s with x-simulate-code %s → %s %s, read back by normalize', async (vendor, path, code, status, kind) => {
    const { res, body } = await get(`/${vendor}${path}`, { headers: { 'x-simulate-code': String(code) } });
    expect(res.status).toBe(status);
    const err = normalize(adapter(vendor), { status: res.status, headers: res.headers, body });
    expect(codeKey(err!.code!)).toBe(String(code));
    expect(err?.kind).toBe(kind);
  });

  it('the simulate_code query works too, and an API Switch progress notice is a 200 success', async () => {
    const { res, body } = await get('/api-switch/volumes/v1/extend?simulate_code=10320');
    expect(res.status).toBe(200);
    expect(JSON.parse(body)).toMatchObject({ Code: 10320 });
    expect(normalize(adapter('api-switch'), { status: res.status, headers: res.headers, body })).toBeUndefined();
  });

  it('UpYun sends X-Request-Id equal to the body id', async () => {
    const { res, body } = await get('/upyun/bucket/x', { method: 'DELETE', headers: { 'x-simulate-code': '40400001' } });
    const id = (JSON.parse(body) as { id: string }).id;
    expect(res.headers.get('x-request-id')).toBe(id);
  });

  it('Baidu request ids above 2^53 survive the wire as digits', async () => {
    const { res, body } = await get('/baidu-pcs/rest/2.0/pcs/quota?method=info', { headers: { 'x-simulate-code': '31212' } });
    const digits = /"request_id":(\d{19})/.exec(body)?.[1];
    expect(digits).toBeDefined();
    expect(normalize(adapter('baidu-pcs'), { status: res.status, headers: res.headers, body })?.requestId).toBe(digits);
  });

  it('token bucket over real HTTP: 30 concurrent requests → exactly 10 pass', async () => {
    sim.scenario('netease', { rateLimit: { perSecond: 10, burst: 10 } });
    const statuses = await Promise.all(Array.from({ length: 30 }, () => get('/netease/api/v1/apps').then((r) => r.res.status)));
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.filter((s) => s === 403)).toHaveLength(20);
    expect(sim.stats.vendor('netease').byCode).toEqual({ 4030001: 20 });
    expect(sim.stats.vendor('netease').routes['GET /api/v1/apps']?.total).toBe(30);
  });

  it('Retry-After over HTTP (seconds), read by normalize', async () => {
    sim.scenario('upyun', { rateLimit: { perSecond: 1, burst: 1, retryAfter: 'seconds' } });
    expect((await get('/upyun/b/x')).res.status).toBe(200);
    const { res, body } = await get('/upyun/b/x');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(normalize(adapter('upyun'), { status: res.status, headers: res.headers, body })?.retryAfterMs).toBe(1000);
  });

  it('proxy 502 page as text/html', async () => {
    sim.scenario('api-switch', { proxy502: 1 });
    const { res, body } = await get('/api-switch/apps');
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toBe('text/html');
    expect(body).toContain('<h1>502 Bad Gateway</h1>');
    expect(normalize(adapter('api-switch'), { status: res.status, headers: res.headers, body })?.kind).toBe('unavailable');
  });

  it('Baidu error inside a 200', async () => {
    sim.scenario('baidu-pcs', { errorIn200: 1, flaky: { rate: 1 } });
    const { res, body } = await get('/baidu-pcs/rest/2.0/pcs/file?method=list');
    expect(res.status).toBe(200);
    const err = normalize(adapter('baidu-pcs'), { status: res.status, headers: res.headers, body });
    expect(err?.code).toBe(31212);
    expect(err?.retryable).toBe(true);
  });

  it('latency delays the answer for real', async () => {
    sim.scenario('upyun', { latencyMs: 60 });
    const t0 = performance.now();
    expect((await get('/upyun/b/x')).res.status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(50);
  });

  it('outage then recovery, on the injected clock', async () => {
    sim.scenario('netease', { outage: { durationMs: 2000 } });
    expect((await get('/netease/api/v1/apps')).res.status).toBe(500);
    clock.advance(2000);
    expect((await get('/netease/api/v1/apps')).res.status).toBe(200);
  });

  it('HEAD gets a bare status; unknown vendors 404; MFP over HTTP asks for an upgrade', async () => {
    const head = await fetch(`${sim.url}/upyun/bucket/missing`, { method: 'HEAD', headers: { 'x-simulate-code': '40400001' } });
    expect(head.status).toBe(404);
    expect(await head.text()).toBe('');
    expect((await get('/acme/x')).res.status).toBe(404);
    expect((await get('/mfp/api/v1')).res.status).toBe(426);
  });

  it('reads POST bodies before answering', async () => {
    const { res } = await get('/upyun/bucket/up.bin', { method: 'PUT', body: new Uint8Array(256 * 1024) });
    expect(res.status).toBe(200);
  });

  it('never records or logs the access_token', async () => {
    logs.length = 0;
    await get(`/baidu-pcs/rest/2.0/pcs/file?method=upload&access_token=${BAIDU_TOKEN}`, {
      headers: { cookie: `BDUSS=${BAIDU_TOKEN}` },
    });
    expect(JSON.stringify(sim.stats.vendors)).not.toContain(BAIDU_TOKEN);
    expect(logs.join('\n')).not.toContain(BAIDU_TOKEN);
    expect(logs.some((l) => l.startsWith('baidu-pcs GET /rest/2.0/pcs/file -> 200'))).toBe(true);
  });

  it('stats: totals by status and code, reset()', async () => {
    await get('/upyun/a', { headers: { 'x-simulate-code': '40400001' } });
    await get('/upyun/a');
    await get('/netease/b');
    expect(sim.stats.total).toBe(3);
    expect(sim.stats.vendor('upyun')).toMatchObject({ total: 2, byStatus: { 200: 1, 404: 1 }, byCode: { 40400001: 1 } });
    sim.stats.reset();
    expect(sim.stats.total).toBe(0);
  });
});

describe('MFP over WebSocket', () => {
  function connect(token = TOKEN): Promise<{ ws: WebSocket; next(): Promise<Record<string, unknown>> }> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`${sim.wsUrl}?token=${encodeURIComponent(token)}`);
      const queue: string[] = [];
      const waiters: ((s: string) => void)[] = [];
      ws.on('message', (d) => {
        const s = d.toString();
        const w = waiters.shift();
        if (w) w(s);
        else queue.push(s);
      });
      ws.once('open', () =>
        resolve({
          ws,
          next: () =>
            new Promise((res) => {
              const s = queue.shift();
              if (s !== undefined) res(JSON.parse(s));
              else waiters.push((t) => res(JSON.parse(t)));
            }),
        }),
      );
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    });
  }

  it('success, rate limit 10005, forced codes and bad frames; the token is never recorded', async () => {
    logs.length = 0;
    sim.scenario('mfp', { rateLimit: { perSecond: 1, burst: 2 } });
    const { ws, next } = await connect();
    try {
      ws.send(JSON.stringify({ action: 'get_system_info', params: {}, id: 'a1' }));
      const ok = await next();
      expect(ok).toMatchObject({ status: 'ok', retcode: 0, id: 'a1' });
      expect(normalize(adapter('mfp'), { body: JSON.stringify(ok) })).toBeUndefined();

      ws.send(JSON.stringify({ action: 'get_system_info', params: {}, id: 'a2' }));
      expect(await next()).toMatchObject({ retcode: 0, id: 'a2' });

      ws.send(JSON.stringify({ action: 'get_system_info', params: {}, id: 'a3' }));
      const limited = await next();
      expect(limited).toEqual({ status: 'error', retcode: 10005, data: null, message: 'Rate Limit Exceeded', id: 'a3' });
      const err = normalize(adapter('mfp'), { body: JSON.stringify(limited) });
      expect(err?.kind).toBe('rate-limited');
      expect(err?.requestId).toBe('a3');

      ws.send(JSON.stringify({ action: 'file_upload_chunk', params: { simulate_code: 21101 }, id: 'a4' }));
      const forced = await next();
      expect(forced).toMatchObject({ status: 'error', retcode: 21101, id: 'a4' });
      expect(normalize(adapter('mfp'), { body: JSON.stringify(forced) })?.codeName).toBe('ALREADY_UPLOADING');

      ws.send('not json');
      expect(await next()).toMatchObject({ status: 'error', retcode: 10001, id: null });

      clock.advance(1000);
      ws.send(JSON.stringify({ action: 'ping', params: {}, id: 'a5' }));
      expect(await next()).toMatchObject({ retcode: 0, id: 'a5' });
    } finally {
      ws.close();
    }
    const mfp = sim.stats.vendor('mfp');
    expect(mfp.total).toBe(6);
    expect(mfp.byCode).toEqual({ 10005: 1, 21101: 1, 10001: 1 });
    expect(Object.keys(mfp.routes).sort()).toEqual(['(invalid)', 'file_upload_chunk', 'get_system_info', 'ping']);
    expect(JSON.stringify(sim.stats.vendors)).not.toContain(TOKEN);
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.join('\n')).not.toContain(TOKEN);
  });

  it('refuses a wrong token with 401 at the upgrade', async () => {
    await expect(connect('wrong')).rejects.toThrow(/401/);
  });
});

it('close() resolves with connections open', async () => {
  const other = await startVendorSimulator();
  const ws = new WebSocket(`${other.wsUrl}?token=t`);
  await new Promise((r) => ws.once('open', r));
  await fetch(`${other.url}/upyun/x`).then((r) => r.text());
  await other.close();
  await other.close();
  await expect(fetch(`${other.url}/upyun/x`)).rejects.toThrow();
});
