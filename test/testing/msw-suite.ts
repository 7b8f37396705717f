/**
 * The msw suite, run once per msw major (msw.test.ts on msw 2, msw3.test.ts with \`msw\` mocked to
 * msw 3): the handlers and the real server wrap the same core, so for the same seed, scenario,
 * clock and request sequence they must answer the same status, headers and body.
 */
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { normalize } from '../../src/index.js';
import { createSimulatorCore, startVendorSimulator, type VendorScenario, type VendorSimulator } from '../../src/testing/index.js';
import { vendorHandlers } from '../../src/testing/msw.js';
import { adapter, HTTP_VENDORS, manualClock, plainHeaders } from './helpers.js';

/** Defines the suite; \`label\` names the msw major in the test titles. */
export function mswSuite(label: string): void {
  const SEED = 7;
  const clock = manualClock();
  const BASE: Record<string, string> = {
    upyun: 'https://v0.api.upyun.example',
    'baidu-pcs': 'https://pcs.baidu.example/rest/2.0/pcs',
    netease: 'https://open.c.163.example',
    'api-switch': 'https://switch.example/api',
    mfp: 'ws://daemon.example:11452/api/v1',
  };
  const SCENARIOS: Record<string, VendorScenario> = {
    upyun: { rateLimit: { perSecond: 5, burst: 5, retryAfter: 'seconds' }, flaky: { rate: 0.3 }, proxy502: 0.05 },
    'baidu-pcs': { flaky: { rate: 0.4 }, errorIn200: 0.5, rateLimit: { perSecond: 8, retryAfter: 'date' } },
    netease: { rateLimit: { perSecond: 4, as: 4000199, retryAfter: 'ms' }, flaky: { rate: 0.2 } },
    'api-switch': { rateLimit: { perSecond: 3 }, flaky: { rate: 0.25 }, proxy502: 0.1 },
    mfp: { rateLimit: { perSecond: 4 }, flaky: { rate: 0.3 } },
  };

  let sim: VendorSimulator;
  const mock = setupServer(
    ...Object.keys(BASE).flatMap((vendor) =>
      vendorHandlers(vendor, { baseUrl: BASE[vendor]!, scenario: SCENARIOS[vendor], seed: SEED, clock: clock.now }),
    ),
  );

  beforeAll(async () => {
    sim = await startVendorSimulator({ seed: SEED, clock: clock.now, scenarios: SCENARIOS });
    // Requests to the real simulator on 127.0.0.1 are not matched by any handler and pass through.
    mock.listen({ onUnhandledRequest: 'bypass' });
  });
  afterAll(async () => {
    mock.close();
    await sim.close();
  });

  /** The headers the core sets (fetch adds date, connection, content-length… on one side only). */
  function coreHeaders(res: Response): Record<string, string> {
    const h = plainHeaders(res.headers);
    const keep = ['content-type', 'x-request-id', 'retry-after', 'retry-after-ms', 'server'];
    return Object.fromEntries(Object.entries(h).filter(([k]) => keep.includes(k)));
  }

  describe.each(HTTP_VENDORS)(`${label} %s: msw handlers answer as the server does`, (vendor) => {
    it('40 requests with the same scenario, seed and clock → identical answers', async () => {
      const paths = ['/files/a', '/files/b?x=1', '/quota', '/files/c'];
      for (let i = 0; i < 40; i++) {
        if (i % 10 === 0) clock.advance(1000);
        const path = paths[i % paths.length]!;
        const init: RequestInit =
          i % 7 === 3 ? { headers: { 'x-simulate-code': String(adapter(vendor).catalog.entries[i]!.code) } } : {};
        const viaServer = await fetch(`${sim.url}/${vendor}${path}`, init);
        const viaMsw = await fetch(`${BASE[vendor]}${path}`, init);
        const a = { status: viaServer.status, headers: coreHeaders(viaServer), body: await viaServer.text() };
        const b = { status: viaMsw.status, headers: coreHeaders(viaMsw), body: await viaMsw.text() };
        expect(b, `request ${i} ${path}`).toEqual(a);
        const errA = normalize(adapter(vendor), { status: a.status, headers: a.headers, body: a.body });
        const errB = normalize(adapter(vendor), { status: b.status, headers: b.headers, body: b.body });
        expect(errB?.kind).toBe(errA?.kind);
      }
      // The scenarios did something: not every answer was a success.
      const s = sim.stats.vendor(vendor);
      expect(s.total).toBe(40);
      expect(s.byReason.ok ?? 0).toBeLessThan(40);
    });
  });

  describe(`${label} mfp: msw ws handler answers as the server does`, () => {
    async function exchange(
      socket: { send(s: string): void },
      on: (cb: (s: string) => void) => void,
      frames: string[],
    ): Promise<string[]> {
      const out: string[] = [];
      return new Promise((resolve) => {
        on((s) => {
          out.push(s);
          if (out.length === frames.length) resolve(out);
          else socket.send(frames[out.length]!);
        });
        socket.send(frames[0]!);
      });
    }

    it('the same frames get the same answers', async () => {
      const frames = Array.from({ length: 20 }, (_, i) =>
        i === 5
          ? 'garbage'
          : JSON.stringify({ action: 'get_info', params: i === 9 ? { simulate_code: 30001 } : {}, id: `m${i}` }),
      );
      const real = new WebSocket(`${sim.wsUrl}?token=t`);
      await new Promise((r) => real.once('open', r));
      const a = await exchange(real, (cb) => real.on('message', (d) => cb(d.toString())), frames);
      real.close();

      // msw intercepts the global WebSocket (the `ws` package is not patched).
      const mocked = new globalThis.WebSocket(`${BASE.mfp}?token=t`);
      await new Promise((r) => mocked.addEventListener('open', r, { once: true }));
      const b = await exchange(mocked, (cb) => mocked.addEventListener('message', (e) => cb(String(e.data))), frames);
      mocked.close();

      expect(b).toEqual(a);
      expect(a.some((s) => s.includes('"retcode":10005') || s.includes('"retcode":10004'))).toBe(true);
      expect(JSON.parse(a[9]!)).toMatchObject({ retcode: 30001, id: 'm9' });
    });
  });

  describe(`${label} vendorHandlers with a script`, () => {
    it('answers the script in order through the same core, records each request, then succeeds', async () => {
      const core = createSimulatorCore({ clock: clock.now });
      const seen: Array<[string, string, number | undefined, string]> = [];
      const base = 'https://scripted.upyun.example';
      mock.use(
        ...vendorHandlers('upyun', {
          baseUrl: base,
          core,
          scenario: { script: [{ code: 42900001, retryAfterMs: 2000 }, { status: 503 }, 'ok'] },
          onRequest: (req, answer) => seen.push([req.method, req.body, answer.status, answer.reason]),
        }),
      );
      const a = await fetch(`${base}/bucket/f`, { method: 'PUT', body: 'one' });
      expect(a.status).toBe(429);
      expect(a.headers.get('retry-after')).toBe('2');
      expect(normalize(adapter('upyun'), { status: a.status, headers: a.headers, body: await a.text() })).toMatchObject({
        kind: 'rate-limited',
        code: 42900001,
      });
      const b = await fetch(`${base}/bucket/f`, { method: 'PUT', body: 'two' });
      expect([b.status, await b.text()]).toEqual([503, '']);
      const c = await fetch(`${base}/bucket/f`);
      expect([c.status, await c.json()]).toEqual([200, { files: [] }]);
      expect(seen).toEqual([
        ['PUT', 'one', 429, 'scripted'],
        ['PUT', 'two', 503, 'scripted'],
        ['GET', '', 200, 'ok'],
      ]);
      expect(core.stats.vendor('upyun')).toMatchObject({ total: 3, byReason: { scripted: 2, ok: 1 } });
      expect(() => vendorHandlers('upyun', { baseUrl: base, onRequest: 5 as never })).toThrow(/onRequest/);
    });
  });
}
