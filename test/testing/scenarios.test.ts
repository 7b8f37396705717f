/** Scenario behaviour of the pure core, driven by a manual clock. */
import { describe, expect, it } from 'vitest';
import { codeKey } from '../../src/core/wire.js';
import { normalize } from '../../src/index.js';
import { headerLookup, parseRetryAfter } from '../../src/advanced.js';
import { createSimulatorCore, PROXY_502_BODY, type SimulatorCore, type VendorScenario } from '../../src/testing/index.js';
import { adapter, HTTP_VENDORS, manualClock } from './helpers.js';

function call(core: SimulatorCore, vendor: string, path = '/v1/thing') {
  return vendor === 'mfp'
    ? core.handleMessage('mfp', JSON.stringify({ action: 'get_info', params: {}, id: 'x' }))
    : core.handle({ vendor, path });
}

describe('rateLimit: a token bucket', () => {
  it.each([...HTTP_VENDORS, 'mfp'])('%s: perSecond 10, burst 10, 30 immediate requests → exactly 10 pass', (vendor) => {
    const clock = manualClock();
    const core = createSimulatorCore({ clock: clock.now, scenarios: { [vendor]: { rateLimit: { perSecond: 10, burst: 10 } } } });
    const results = Array.from({ length: 30 }, () => call(core, vendor));
    expect(results.filter((r) => r.reason === 'ok')).toHaveLength(10);
    expect(results.filter((r) => r.reason === 'rate-limited')).toHaveLength(20);
    // The first ten pass: a bucket starts full.
    expect(results.slice(0, 10).every((r) => r.reason === 'ok')).toBe(true);
    // Refill: 100 ms buys one token at 10/s.
    clock.advance(100);
    expect(call(core, vendor).reason).toBe('ok');
    expect(call(core, vendor).reason).toBe('rate-limited');
    clock.advance(1000);
    expect(Array.from({ length: 12 }, () => call(core, vendor)).filter((r) => r.reason === 'ok')).toHaveLength(10);
  });

  it('burst defaults to perSecond and caps the refill', () => {
    const clock = manualClock();
    const core = createSimulatorCore({ clock: clock.now, scenarios: { upyun: { rateLimit: { perSecond: 5 } } } });
    clock.advance(60_000);
    expect(Array.from({ length: 8 }, () => call(core, 'upyun')).filter((r) => r.reason === 'ok')).toHaveLength(5);
  });

  it.each([
    ['upyun', 429, 42900001, 'rate-limited'],
    ['baidu-pcs', 403, 31219, 'rate-limited'],
    ['netease', 403, 4030001, 'rate-limited'],
    ['api-switch', 429, undefined, 'rate-limited'],
    ['mfp', undefined, 10005, 'rate-limited'],
  ] as const)('%s answers over-limit requests with its real rate-limit response (%s %s)', (vendor, status, code, kind) => {
    const clock = manualClock();
    const core = createSimulatorCore({ clock: clock.now, scenarios: { [vendor]: { rateLimit: { perSecond: 1 } } } });
    call(core, vendor);
    const r = call(core, vendor);
    expect(r.reason).toBe('rate-limited');
    expect(r.status).toBe(status);
    expect(r.code).toBe(code);
    const err = normalize(adapter(vendor), { status: r.status, headers: r.headers, body: r.body });
    expect(err?.kind).toBe(kind);
    expect(err?.retry).toBe('safe');
    if (code !== undefined) expect(codeKey(err!.code!)).toBe(String(code));
    else expect(err?.code).toBeUndefined();
    // No vendor documents a hint: by default none is sent.
    expect(parseRetryAfter(headerLookup(r.headers), clock.now())).toBeUndefined();
  });

  it.each([
    ['upyun', 42900002, 429, 'rate-limited'],
    ['netease', 4000199, 400, 'unavailable'],
    ['baidu-pcs', 31220, 403, 'quota-exceeded'],
  ] as const)('%s: `as` answers with %s instead', (vendor, as, status, kind) => {
    const core = createSimulatorCore({ clock: manualClock().now, scenarios: { [vendor]: { rateLimit: { perSecond: 1, as } } } });
    call(core, vendor);
    const r = call(core, vendor);
    expect(r.status).toBe(status);
    const err = normalize(adapter(vendor), r);
    expect(codeKey(err!.code!)).toBe(String(as));
    expect(err?.kind).toBe(kind);
  });
});

describe('rateLimit.retryAfter: the real time until the bucket has a token', () => {
  // 0.5 tokens/s and a bucket of 1: after one request the next token is 2000 ms away.
  const limited = (style: 'seconds' | 'date' | 'ms' | 'none') => {
    const clock = manualClock();
    const core = createSimulatorCore({
      clock: clock.now,
      scenarios: { upyun: { rateLimit: { perSecond: 0.5, burst: 1, retryAfter: style } } },
    });
    expect(call(core, 'upyun').reason).toBe('ok');
    return { core, clock };
  };

  it("'seconds': whole seconds, rounded up", () => {
    const { core, clock } = limited('seconds');
    expect(call(core, 'upyun').headers['retry-after']).toBe('2');
    clock.advance(500); // 1500 ms left → 2
    expect(call(core, 'upyun').headers['retry-after']).toBe('2');
    clock.advance(600); // 900 ms left → 1
    const r = call(core, 'upyun');
    expect(r.headers['retry-after']).toBe('1');
    expect(normalize(adapter('upyun'), { ...r, now: clock.now() })?.retryAfterMs).toBe(1000);
    clock.advance(900);
    expect(call(core, 'upyun').reason).toBe('ok');
  });

  it("'ms': retry-after-ms with the exact wait", () => {
    const { core, clock } = limited('ms');
    const r = call(core, 'upyun');
    expect(r.headers['retry-after-ms']).toBe('2000');
    expect(r.headers['retry-after']).toBeUndefined();
    clock.advance(1234);
    const r2 = call(core, 'upyun');
    expect(r2.headers['retry-after-ms']).toBe('766');
    expect(normalize(adapter('upyun'), r2)?.retryAfterMs).toBe(766);
    clock.advance(766);
    expect(call(core, 'upyun').reason).toBe('ok');
  });

  it("'date': an IMF-fixdate at the instant the token arrives (rounded up to the second)", () => {
    const { core, clock } = limited('date');
    const r = call(core, 'upyun');
    expect(r.headers['retry-after']).toBe(new Date(clock.now() + 2000).toUTCString());
    expect(r.headers['retry-after']).toMatch(/^[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT$/);
    expect(parseRetryAfter(headerLookup(r.headers), clock.now())?.ms).toBe(2000);
    clock.advance(300); // token at +2000 → the date stays the same
    const r2 = call(core, 'upyun');
    expect(r2.headers['retry-after']).toBe(r.headers['retry-after']);
    expect(normalize(adapter('upyun'), { ...r2, now: clock.now() })?.retryAfterMs).toBe(1700);
  });

  it("'none': no header at all", () => {
    const { core } = limited('none');
    const r = call(core, 'upyun');
    expect(r.reason).toBe('rate-limited');
    expect(Object.keys(r.headers).filter((h) => h.startsWith('retry-after'))).toEqual([]);
  });

  it('WebSocket vendors refuse a Retry-After style (a message has no headers)', () => {
    expect(() => createSimulatorCore({ scenarios: { mfp: { rateLimit: { perSecond: 1, retryAfter: 'seconds' } } } })).toThrow(
      /Retry-After/,
    );
  });
});

describe('outage: a window of failures, then recovery', () => {
  it.each([
    ['upyun', 503, 50300000],
    ['baidu-pcs', 503, 31212],
    ['netease', 500, 5000007],
    ['api-switch', 500, 10004],
    ['mfp', undefined, 10004],
  ] as const)('%s fails with %s %s during the window only', (vendor, status, code) => {
    const clock = manualClock();
    const core = createSimulatorCore({
      clock: clock.now,
      scenarios: { [vendor]: { outage: { afterMs: 1000, durationMs: 5000 } } },
    });
    expect(call(core, vendor).reason).toBe('ok');
    clock.advance(999);
    expect(call(core, vendor).reason).toBe('ok');
    clock.advance(1);
    const r = call(core, vendor);
    expect(r.reason).toBe('outage');
    expect(r.status).toBe(status);
    expect(r.code).toBe(code);
    const err = normalize(adapter(vendor), r);
    expect(err?.retryable).toBe(true);
    clock.advance(4999);
    expect(call(core, vendor).reason).toBe('outage');
    clock.advance(1);
    expect(call(core, vendor).reason).toBe('ok');
    expect(core.stats.vendor(vendor).byReason).toEqual({ ok: 3, outage: 2 });
  });

  it('counts from when the scenario is set live, and can say when it ends', () => {
    const clock = manualClock();
    const core = createSimulatorCore({ clock: clock.now });
    clock.advance(10_000);
    core.scenario('upyun', { outage: { durationMs: 3000, retryAfter: 'seconds', code: 50300030 } });
    const r = call(core, 'upyun');
    expect(r.code).toBe(50300030);
    expect(r.headers['retry-after']).toBe('3');
    clock.advance(2500);
    expect(call(core, 'upyun').headers['retry-after']).toBe('1');
    clock.advance(500);
    expect(call(core, 'upyun').reason).toBe('ok');
    core.scenario('upyun', undefined);
    expect(core.scenarioOf('upyun')).toEqual({});
  });
});

describe('flaky: seeded random failures', () => {
  const run = (seed: number, vendor = 'netease') => {
    const core = createSimulatorCore({ seed, clock: manualClock().now, scenarios: { [vendor]: { flaky: { rate: 0.3 } } } });
    return Array.from({ length: 2000 }, () => call(core, vendor));
  };

  it('fails at the configured rate (within tolerance) over 2000 requests', () => {
    for (const vendor of [...HTTP_VENDORS, 'mfp']) {
      const failed = run(1, vendor).filter((r) => r.reason === 'flaky').length / 2000;
      // Binomial sd at n=2000, p=0.3 is about 0.01: 0.04 is four of them.
      expect(Math.abs(failed - 0.3)).toBeLessThan(0.04);
    }
  });

  it('replays identically with the same seed, and differently with another', () => {
    const a = run(42);
    const b = run(42);
    expect(b.map((r) => `${r.status} ${r.body} ${JSON.stringify(r.headers)}`)).toEqual(
      a.map((r) => `${r.status} ${r.body} ${JSON.stringify(r.headers)}`),
    );
    const c = run(43);
    expect(c.map((r) => r.reason)).not.toEqual(a.map((r) => r.reason));
  });

  it('reset() replays from the start', () => {
    const core = createSimulatorCore({ seed: 5, scenarios: { upyun: { flaky: { rate: 0.5 } } } });
    const first = Array.from({ length: 50 }, () => call(core, 'upyun').body);
    core.reset();
    expect(core.stats.total).toBe(0);
    expect(Array.from({ length: 50 }, () => call(core, 'upyun').body)).toEqual(first);
  });

  it('latency does not change which requests fail (separate random streams)', () => {
    const base = createSimulatorCore({ seed: 9, scenarios: { upyun: { flaky: { rate: 0.2 } } } });
    const slow = createSimulatorCore({ seed: 9, scenarios: { upyun: { flaky: { rate: 0.2 }, latencyMs: { min: 5, max: 50 } } } });
    const a = Array.from({ length: 200 }, () => call(base, 'upyun').reason);
    const b = Array.from({ length: 200 }, () => call(slow, 'upyun'));
    expect(b.map((r) => r.reason)).toEqual(a);
    expect(b.every((r) => r.delayMs >= 5 && r.delayMs <= 50)).toBe(true);
    expect(new Set(b.map((r) => r.delayMs)).size).toBeGreaterThan(10);
  });

  it('uses the given code', () => {
    const core = createSimulatorCore({ scenarios: { 'baidu-pcs': { flaky: { rate: 1, code: 31021 } } } });
    const r = call(core, 'baidu-pcs');
    expect(r.code).toBe(31021);
    expect(normalize(adapter('baidu-pcs'), r)?.codeName).toBe('NETWORK_ERROR');
  });
});

describe('proxy502, errorIn200, latency', () => {
  it('proxy502 answers the nginx HTML page as text/html', () => {
    const core = createSimulatorCore({ scenarios: { netease: { proxy502: 1 } } });
    const r = call(core, 'netease');
    expect(r.status).toBe(502);
    expect(r.headers['content-type']).toBe('text/html');
    expect(r.body).toBe(PROXY_502_BODY);
    expect(r.body).toContain('<title>502 Bad Gateway</title>');
    const err = normalize(adapter('netease'), r);
    expect(err?.kind).toBe('unavailable');
    expect(err?.code).toBeUndefined();
    expect(err?.vendorMessage).toBe('502 Bad Gateway');
  });

  it('proxy502 happens at about its rate', () => {
    const core = createSimulatorCore({ scenarios: { upyun: { proxy502: 0.1 } } });
    const n = Array.from({ length: 2000 }, () => call(core, 'upyun')).filter((r) => r.status === 502).length;
    expect(Math.abs(n / 2000 - 0.1)).toBeLessThan(0.03);
  });

  it('Baidu errorIn200: errors arrive under 200 and normalize still sees them', () => {
    const core = createSimulatorCore({ scenarios: { 'baidu-pcs': { errorIn200: 1 } } });
    const r = core.handle({ vendor: 'baidu-pcs', path: '/rest/2.0/pcs/file', query: 'method=meta&simulate_code=31219' });
    expect(r.status).toBe(200);
    expect(r.body).toMatch(/^\{"error_code":31219,"error_msg":"request exceed limit","request_id":\d{19}\}$/);
    const err = normalize(adapter('baidu-pcs'), r);
    expect(err?.kind).toBe('rate-limited');
    expect(err?.status).toBe(200);
    // A success is still a success.
    core.scenario('baidu-pcs', { errorIn200: 1 });
    expect(normalize(adapter('baidu-pcs'), call(core, 'baidu-pcs'))).toBeUndefined();
  });

  it('Baidu errorIn200 at a rate: some errors under 200, the rest at their status', () => {
    const core = createSimulatorCore({ scenarios: { 'baidu-pcs': { errorIn200: 0.5, flaky: { rate: 1 } } } });
    const rs = Array.from({ length: 400 }, () => call(core, 'baidu-pcs'));
    const in200 = rs.filter((r) => r.status === 200).length;
    expect(in200).toBeGreaterThan(150);
    expect(in200).toBeLessThan(250);
    expect(rs.every((r) => r.status === 200 || r.status === 503)).toBe(true);
    expect(rs.every((r) => normalize(adapter('baidu-pcs'), r)?.kind === 'unavailable')).toBe(true);
  });

  it('errorIn200 is refused for vendors that do not do it; proxy502 for WebSocket', () => {
    expect(() => createSimulatorCore({ scenarios: { upyun: { errorIn200: 0.5 } } })).toThrow(/Baidu/);
    expect(() => createSimulatorCore({ scenarios: { mfp: { proxy502: 0.5 } } })).toThrow(/HTTP/);
    expect(() => createSimulatorCore({ scenarios: { nope: {} } })).toThrow(/unknown vendor/);
    expect(() => createSimulatorCore({ scenarios: { upyun: { flaky: { rate: 2 } } } })).toThrow(/rate/);
    expect(() => createSimulatorCore({ scenarios: { upyun: { rateLimit: { perSecond: 0 } } } })).toThrow(/perSecond/);
  });

  it('fixed latency is reported as delayMs; forced codes skip scenarios', () => {
    const s: VendorScenario = { latencyMs: 25, rateLimit: { perSecond: 1 }, flaky: { rate: 1 } };
    const core = createSimulatorCore({ scenarios: { upyun: s } });
    const forced = core.handle({ vendor: 'upyun', headers: { 'X-Simulate-Code': '40300007' } });
    expect(forced).toMatchObject({ status: 403, code: 40300007, reason: 'forced', delayMs: 0 });
    expect(call(core, 'upyun')).toMatchObject({ reason: 'flaky', delayMs: 25 });
  });

  it('combines: outage beats the bucket, the bucket beats flaky', () => {
    const clock = manualClock();
    const core = createSimulatorCore({
      clock: clock.now,
      scenarios: { upyun: { outage: { afterMs: 1000, durationMs: 1000 }, rateLimit: { perSecond: 2 }, flaky: { rate: 0 } } },
    });
    expect([call(core, 'upyun'), call(core, 'upyun'), call(core, 'upyun')].map((r) => r.reason)).toEqual([
      'ok',
      'ok',
      'rate-limited',
    ]);
    clock.advance(1000);
    expect(call(core, 'upyun').reason).toBe('outage');
    clock.advance(1000);
    expect(call(core, 'upyun').reason).toBe('ok');
  });
});

describe('stats', () => {
  it('counts per vendor and route, by status, code and reason, with timestamps', () => {
    const clock = manualClock();
    const core = createSimulatorCore({ clock: clock.now, scenarios: { upyun: { rateLimit: { perSecond: 2, burst: 2 } } } });
    for (let i = 0; i < 5; i++) core.handle({ vendor: 'upyun', method: 'PUT', path: '/bucket/a.txt' });
    clock.advance(1000);
    for (let i = 0; i < 3; i++) core.handle({ vendor: 'upyun', path: '/bucket/b.txt?x=1' });
    core.handle({ vendor: 'netease', path: '/api/v1/apps', headers: { 'x-simulate-code': '4040002' } });
    core.handle({ vendor: 'nope', path: '/' });

    expect(core.stats.total).toBe(9);
    const up = core.stats.vendor('upyun');
    expect(up.total).toBe(8);
    expect(up.byStatus).toEqual({ 200: 4, 429: 4 });
    expect(up.byCode).toEqual({ 42900001: 4 });
    expect(up.byReason).toEqual({ ok: 4, 'rate-limited': 4 });
    expect(Object.keys(up.routes).sort()).toEqual(['GET /bucket/b.txt', 'PUT /bucket/a.txt']);
    expect(up.routes['PUT /bucket/a.txt']).toMatchObject({ total: 5, byStatus: { 200: 2, 429: 3 } });
    expect(up.routes['GET /bucket/b.txt']?.timestamps).toEqual([clock.now(), clock.now(), clock.now()]);
    expect(core.stats.perSecond('upyun')).toEqual([
      { second: 1_700_000_000, count: 5 },
      { second: 1_700_000_001, count: 3 },
    ]);
    expect(core.stats.perSecond()).toEqual([
      { second: 1_700_000_000, count: 5 },
      { second: 1_700_000_001, count: 4 },
    ]);
    expect(core.stats.vendor('netease').byCode).toEqual({ 4040002: 1 });
    expect(core.stats.vendors.nope).toBeUndefined();

    core.stats.reset();
    expect(core.stats.total).toBe(0);
    expect(core.stats.vendor('upyun').total).toBe(0);
    expect(core.stats.perSecond()).toEqual([]);
  });

  it('fills gaps with zeros so a plot has every second', () => {
    const clock = manualClock();
    const core = createSimulatorCore({ clock: clock.now });
    call(core, 'mfp');
    clock.advance(3000);
    call(core, 'mfp');
    expect(core.stats.perSecond('mfp').map((s) => s.count)).toEqual([1, 0, 0, 1]);
    expect(core.stats.perSecond('mfp', 'get_info')).toHaveLength(4);
  });

  it('HEAD answers carry no body', () => {
    const core = createSimulatorCore();
    const r = core.handle({ vendor: 'upyun', method: 'HEAD', path: '/bucket/x', headers: { 'x-simulate-code': '40400001' } });
    expect(r.status).toBe(404);
    expect(r.body).toBe('');
    expect(normalize(adapter('upyun'), r)?.kind).toBe('not-found');
  });
});

describe('script: answers in order, then the rest of the scenario', () => {
  it('plays codes, bare statuses and successes in order, with the vendor’s real shapes, then succeeds', () => {
    const clock = manualClock();
    const core = createSimulatorCore({
      clock: clock.now,
      scenarios: { upyun: { script: [{ code: 42900001 }, { status: 503 }, 'ok', { code: 40400001 }] } },
    });
    const answers = Array.from({ length: 6 }, () => call(core, 'upyun'));
    expect(answers.map((r) => [r.status, r.code, r.reason])).toEqual([
      [429, 42900001, 'scripted'],
      [503, undefined, 'scripted'],
      [200, undefined, 'ok'],
      [404, 40400001, 'scripted'],
      [200, undefined, 'ok'],
      [200, undefined, 'ok'],
    ]);
    // The same bytes as the forced code: the responder, not a hand-written body.
    const forced = createSimulatorCore({ clock: clock.now }).handle({
      vendor: 'upyun',
      path: '/v1/thing',
      simulateCode: 42900001,
    });
    expect(answers[0]!.body).toBe(forced.body);
    expect(answers[1]!.body).toBe('');
    expect(normalize(adapter('upyun'), answers[0]!)).toMatchObject({ kind: 'rate-limited', code: 42900001 });
    expect(normalize(adapter('upyun'), answers[1]!)).toMatchObject({ kind: 'unavailable', status: 503 });
    expect(core.stats.vendor('upyun').byReason).toMatchObject({ scripted: 3, ok: 3 });
  });

  it.each([
    ['upyun', 42900001, 429],
    ['baidu-pcs', 31219, 403],
    ['netease', 4030001, 403],
    ['api-switch', 10004, undefined],
    ['mfp', 10005, undefined],
  ] as const)('%s: a scripted code normalizes to that code', (vendor, code, status) => {
    const core = createSimulatorCore({ scenarios: { [vendor]: { script: [{ code }] } } });
    const r = call(core, vendor);
    expect(r).toMatchObject({ reason: 'scripted', code });
    if (status !== undefined) expect(r.status).toBe(status);
    const err = normalize(adapter(vendor), { status: r.status, headers: r.headers, body: r.body });
    expect(codeKey(err!.code!)).toBe(String(code));
    expect(call(core, vendor).reason).toBe('ok');
  });

  it('announces retryAfterMs in the chosen style', () => {
    const clock = manualClock();
    const core = createSimulatorCore({
      clock: clock.now,
      scenarios: {
        upyun: {
          script: [
            { code: 42900001, retryAfterMs: 7000 },
            { code: 42900001, retryAfterMs: 1500, retryAfter: 'ms' },
            { code: 42900001, retryAfterMs: 2500, retryAfter: 'date' },
            { status: 503, retryAfterMs: 1 },
          ],
        },
      },
    });
    const [a, b, c, d] = Array.from({ length: 4 }, () => call(core, 'upyun'));
    expect(a!.headers['retry-after']).toBe('7');
    expect(b!.headers['retry-after-ms']).toBe('1500');
    expect(b!.headers['retry-after']).toBeUndefined();
    expect(c!.headers['retry-after']).toBe(new Date(clock.now() + 3000).toUTCString());
    expect(d!.headers['retry-after']).toBe('1');
    expect(parseRetryAfter(headerLookup(a!.headers), clock.now())).toMatchObject({ ms: 7000 });
  });

  it('Baidu: in200 sends the error body under HTTP 200', () => {
    const core = createSimulatorCore({ scenarios: { 'baidu-pcs': { script: [{ code: 110, in200: true }, { code: 110 }] } } });
    const [a, b] = [call(core, 'baidu-pcs'), call(core, 'baidu-pcs')];
    expect(a.status).toBe(200);
    expect(b.status).not.toBe(200);
    expect(normalize(adapter('baidu-pcs'), a)).toMatchObject({ kind: 'unauthenticated', code: 110, status: 200 });
  });

  it("scriptPer 'route' gives each route its own script; forced codes consume no step", () => {
    const core = createSimulatorCore({ scenarios: { netease: { script: [{ code: 4030001 }], scriptPer: 'route' } } });
    expect(core.handle({ vendor: 'netease', path: '/a', simulateCode: 4040001 }).reason).toBe('forced');
    expect(core.handle({ vendor: 'netease', path: '/a' }).reason).toBe('scripted');
    expect(core.handle({ vendor: 'netease', path: '/a' }).reason).toBe('ok');
    expect(core.handle({ vendor: 'netease', path: '/b' }).reason).toBe('scripted');
    expect(core.handle({ vendor: 'netease', method: 'POST', path: '/a' }).reason).toBe('scripted');
    expect(core.handle({ vendor: 'netease', path: '/b' }).reason).toBe('ok');
  });

  it('answers before the other parts, which take over once the script has run out; scenario() and reset() restart it', () => {
    const clock = manualClock();
    const s: VendorScenario = { script: ['ok', { code: 5000007 }], rateLimit: { perSecond: 1 }, latencyMs: 5 };
    const core = createSimulatorCore({ clock: clock.now, scenarios: { netease: s } });
    expect(call(core, 'netease', '/x')).toMatchObject({ reason: 'ok', delayMs: 5 });
    expect(call(core, 'netease', '/x')).toMatchObject({ reason: 'scripted', code: 5000007, status: 500 });
    // The script took no token: the bucket is still full.
    expect(call(core, 'netease', '/x').reason).toBe('ok');
    expect(call(core, 'netease', '/x').reason).toBe('rate-limited');
    core.reset();
    expect(call(core, 'netease', '/x').reason).toBe('ok');
    expect(call(core, 'netease', '/x').reason).toBe('scripted');
    core.scenario('netease', s);
    expect(call(core, 'netease', '/x').reason).toBe('ok');
    expect(call(core, 'netease', '/x').reason).toBe('scripted');
  });

  it.each([
    ['upyun', { script: 'ok' }, /script must be an array/],
    ['upyun', { script: [{}] }, /script\[0\] needs a code or a status/],
    ['upyun', { script: ['ok', 'fail'] }, /script\[1\] must be 'ok' or an object/],
    ['upyun', { script: [{ status: 42 }] }, /script\[0\]\.status/],
    ['upyun', { script: [{ code: Number.NaN }] }, /script\[0\]\.code/],
    ['upyun', { script: [{ code: 42900001, retryAfterMs: -1 }] }, /script\[0\]\.retryAfterMs/],
    ['upyun', { script: [{ code: 42900001, retryAfter: 'ms' }] }, /script\[0\]\.retryAfter needs retryAfterMs/],
    ['upyun', { script: [{ code: 42900001, retryAfterMs: 5, retryAfter: 'none' }] }, /script\[0\]\.retryAfter must be/],
    ['upyun', { script: [{ code: 42900001, in200: true }] }, /script\[0\]\.in200 needs an adapter with errorsInSuccess/],
    ['baidu-pcs', { script: [{ status: 503, in200: true }] }, /script\[0\]\.in200 needs a code/],
    ['mfp', { script: [{ status: 503 }] }, /script\[0\]\.status: a WebSocket message has no status/],
    ['mfp', { script: [{ code: 10005, retryAfterMs: 5 }] }, /script\[0\]\.retryAfterMs: a WebSocket/],
    ['upyun', { script: [], scriptPer: 'path' }, /scriptPer/],
  ])('%s: refuses %j with a TypeError naming the option', (vendor, scenario, message) => {
    expect(() => createSimulatorCore({ scenarios: { [vendor]: scenario as VendorScenario } })).toThrow(TypeError);
    expect(() => createSimulatorCore({ scenarios: { [vendor]: scenario as VendorScenario } })).toThrow(message);
    expect(() => createSimulatorCore().scenario(vendor, scenario as VendorScenario)).toThrow(message);
  });
});
