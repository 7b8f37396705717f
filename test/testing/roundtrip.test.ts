/**
 * Every catalog row of every vendor, answered by the simulator and read back by normalize(),
 * must come back as the same code and kind: the responders are the parsers' inverses.
 */
import { describe, expect, it } from 'vitest';
import { responders } from '../../adapters/responders.js';
import type { CatalogEntry } from '../../src/core/catalog.js';
import { codeKey } from '../../src/core/wire.js';
import { normalize } from '../../src/index.js';
import { createSimulatorCore, mulberry32, type RespondContext } from '../../src/testing/index.js';
import { ADAPTERS, adapter, manualClock } from './helpers.js';

const VENDORS = ['upyun', 'baidu-pcs', 'netease', 'api-switch', 'mfp'];

function ctx(extra: Partial<RespondContext> = {}): RespondContext {
  return { random: mulberry32(7), now: 1_700_000_000_000, method: 'GET', path: '/x', id: 'req-1', ...extra };
}

describe('responders: one per built-in adapter', () => {
  it('covers exactly the five adapters', () => {
    expect(Object.keys(responders).sort()).toEqual(Object.keys(ADAPTERS).sort());
    expect(Object.keys(ADAPTERS).sort()).toEqual([...VENDORS].sort());
  });
});

describe.each(VENDORS)('%s: respond() ∘ normalize() is the identity on codes and kinds', (name) => {
  const a = adapter(name);
  const responder = responders[name]!;
  const entries = a.catalog.entries;

  it('has catalog rows', () => {
    expect(entries.length).toBeGreaterThan(10);
  });

  it.each(entries.map((e, i) => [`${e.code} ${e.name} #${i}`, e] as const))('row %s', (_label, entry: CatalogEntry) => {
    const res = responder.respond(entry, ctx());
    const err = normalize(a, { status: res.status, headers: res.headers, body: res.body });
    if (entry.outcome) {
      // Success and progress notices are not failures (catalog.ts `outcome`).
      expect(err).toBeUndefined();
      return;
    }
    expect(err, res.body).toBeDefined();
    expect(codeKey(err!.code!)).toBe(codeKey(entry.code));
    expect(err!.kind).toBe(entry.kind);
    expect(err!.retry).toBe(entry.retry);
    // A reused code (MFP 21101/21102) still lands on the row the message names.
    expect(err!.codeName).toBe(entry.name);
    if (responder.transport === 'http') expect(res.status).toBeGreaterThanOrEqual(name === 'baidu-pcs' ? 200 : 400);
    else expect(res.status).toBeUndefined();
  });

  it('every code, forced through the core, classifies as its (first) row', () => {
    const clock = manualClock();
    const core = createSimulatorCore({ clock: clock.now });
    const seen = new Set<string>();
    for (const entry of entries) {
      const key = codeKey(entry.code);
      if (seen.has(key)) continue;
      seen.add(key);
      const first = a.catalog.lookup(entry.code)[0]!;
      const r =
        responder.transport === 'websocket'
          ? core.handleMessage(name, JSON.stringify({ action: 'probe', params: { simulate_code: entry.code }, id: `id-${key}` }))
          : core.handle({ vendor: name, method: 'POST', path: '/probe', headers: { 'x-simulate-code': String(entry.code) } });
      expect(r.reason).toBe('forced');
      const err = normalize(a, { status: r.status, headers: r.headers, body: r.body });
      if (first.outcome) {
        expect(err).toBeUndefined();
        continue;
      }
      expect(codeKey(err!.code!)).toBe(key);
      expect(err!.kind).toBe(first.kind);
      if (responder.transport === 'websocket') expect(err!.requestId).toBe(`id-${key}`);
    }
    expect(core.stats.vendor(name).total).toBe(seen.size);
    expect(core.stats.vendor(name).byReason.forced).toBe(seen.size);
  });

  it('a code no catalog lists comes back as that code, kind unknown', () => {
    const code = name === 'upyun' ? 40499999 : name === 'netease' ? 4049999 : 99999;
    expect(a.catalog.lookup(code)).toHaveLength(0);
    const res = responder.respond(undefined, ctx({ code }));
    const err = normalize(a, { status: res.status, headers: res.headers, body: res.body });
    expect(err?.kind).toBe('unknown');
    expect(codeKey(err!.code!)).toBe(String(code));
    if (name === 'upyun' || name === 'netease') expect(res.status).toBe(404);
  });

  it('success() is not an error', () => {
    const res = responder.success(ctx());
    expect(normalize(a, { status: res.status, headers: res.headers, body: res.body })).toBeUndefined();
    expect(() => JSON.parse(res.body)).not.toThrow();
  });
});

describe('wire details the parsers rely on', () => {
  it('UpYun: body id and X-Request-Id agree; status is the documented one', () => {
    const entry = adapter('upyun').catalog.lookup(40100012)[0]!; // "bucket not exist" is 401 (README quirk)
    const res = responders.upyun!.respond(entry, ctx());
    expect(res.status).toBe(401);
    const body = JSON.parse(res.body) as { msg: string; code: number; id: string };
    expect(Object.keys(body)).toEqual(['msg', 'code', 'id']);
    expect(body.id).toMatch(/^[0-9a-f]{32}$/);
    expect(res.headers['x-request-id']).toBe(body.id);
    expect(normalize(adapter('upyun'), res)?.requestId).toBe(body.id);
  });

  it('Baidu: request_id is written as raw digits above 2^53 and read back exactly', () => {
    const entry = adapter('baidu-pcs').catalog.lookup(31219)[0]!;
    const res = responders['baidu-pcs']!.respond(entry, ctx());
    const digits = /"request_id":(\d+)\}$/.exec(res.body)?.[1];
    expect(digits).toMatch(/^\d{19}$/);
    expect(BigInt(digits!) > 2n ** 53n).toBe(true);
    // JSON.parse would corrupt it; the adapter must not.
    expect(String((JSON.parse(res.body) as { request_id: number }).request_id)).not.toBe(digits);
    expect(normalize(adapter('baidu-pcs'), res)?.requestId).toBe(digits);
    expect(res.status).toBe(403);
  });

  it('Baidu: 31066 answers 404 as real servers do (the table says 403)', () => {
    const entry = adapter('baidu-pcs').catalog.lookup(31066)[0]!;
    const res = responders['baidu-pcs']!.respond(entry, ctx());
    expect(res.status).toBe(404);
    expect(normalize(adapter('baidu-pcs'), res)?.kind).toBe('not-found');
  });

  it('Baidu: in200 puts the error body under HTTP 200 and it is still an error', () => {
    const entry = adapter('baidu-pcs').catalog.lookup(31212)[0]!;
    const res = responders['baidu-pcs']!.respond(entry, ctx({ in200: true }));
    expect(res.status).toBe(200);
    const err = normalize(adapter('baidu-pcs'), res);
    expect(err?.kind).toBe('unavailable');
    expect(err?.status).toBe(200);
  });

  it('NetEase: status is the code’s first three digits, 5-digit codes included', () => {
    for (const code of [4030001, 4000199, 4080001, 5000007]) {
      const entry = adapter('netease').catalog.lookup(code)[0]!;
      expect(responders.netease!.respond(entry, ctx()).status).toBe(Number(String(code).slice(0, 3)));
    }
    expect(responders.netease!.respond(undefined, ctx({ code: 50007 })).status).toBe(500);
    expect(JSON.parse(responders.netease!.respond(adapter('netease').catalog.lookup(4030001)[0], ctx()).body)).toEqual({
      code: 4030001,
      message: 'Api freq out of limit.',
    });
  });

  it('API Switch: capitalised keys; status by kind; a bare 429 for the rate limit', () => {
    const res = responders['api-switch']!.respond(adapter('api-switch').catalog.lookup(10002)[0], ctx());
    expect(Object.keys(JSON.parse(res.body) as object)).toEqual(['Code', 'Message']);
    expect(res.status).toBe(404);
    const limited = responders['api-switch']!.respond(undefined, ctx({ status: 429 }));
    expect(limited.status).toBe(429);
    expect(limited.body).not.toMatch(/Code/);
    expect(normalize(adapter('api-switch'), limited)?.kind).toBe('rate-limited');
  });

  it('MFP: the daemon shape with the request id echoed', () => {
    const res = responders.mfp!.respond(adapter('mfp').catalog.lookup(10005)[0], ctx({ id: 'abc' }));
    expect(JSON.parse(res.body)).toEqual({
      status: 'error',
      retcode: 10005,
      data: null,
      message: 'Rate Limit Exceeded',
      id: 'abc',
    });
    const ok = responders.mfp!.success(ctx({ id: 'abc' }));
    expect(JSON.parse(ok.body)).toMatchObject({ status: 'ok', retcode: 0, id: 'abc' });
  });
});
