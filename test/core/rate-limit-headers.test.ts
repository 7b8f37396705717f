/**
 * Rate-limit headers (IETF httpapi draft `RateLimit` (`RateLimit-Policy` is sent, not needed), its earlier
 * `RateLimit-*` fields, `X-RateLimit-*`): the parser on real shapes, properties on arbitrary
 * input, the wait a 429 takes from them, and the simulator sending them to a real client.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upyun } from '../../adapters/index.js';
import { headerLookup, parseRateLimit, parseWaitHint } from '../../src/core/headers.js';
import { normalize } from '../../src/core/normalize.js';
import { createFetch } from '../../src/integrations/fetch.js';
import { createPacer } from '../../src/pacer/index.js';
import { spentQuotaMs } from '../../src/retry/quota.js';
import { createSimulatorCore, startVendorSimulator, type VendorSimulator } from '../../src/testing/index.js';
import { rateLimitHeaders } from '../../src/testing/retry-after.js';

const NOW = 1_700_000_000_000;
const parse = (h: Record<string, string>) => parseRateLimit(headerLookup(h), NOW);

describe('parseRateLimit: the shapes APIs send', () => {
  it.each([
    [{ ratelimit: '"default";r=50;t=30' }, { remaining: 50, resetMs: 30_000, source: 'ratelimit' }],
    [
      { ratelimit: 'default;r=0;t=7', 'ratelimit-policy': 'default;q=100;w=60' },
      { remaining: 0, resetMs: 7000 },
    ],
    // Several policies: the one with the fewest left binds.
    [
      { ratelimit: '"burst";r=9;t=1, "daily";r=0;t=3600', 'ratelimit-policy': '"burst";q=10;w=1, "daily";q=1000;w=86400' },
      { remaining: 0, resetMs: 3_600_000 },
    ],
    [{ ratelimit: '"a";r=0;t=2, "b";r=0;t=9' }, { remaining: 0, resetMs: 9000 }],
    // A comma inside a quoted policy name splits only the name (the split stays linear on hostile input).
    [{ ratelimit: '"a,b";r=0;t=5, "c";r=3;t=1' }, { remaining: 0, resetMs: 5000 }],
    // draft-07's dictionary.
    [{ ratelimit: 'limit=100, remaining=0, reset=12' }, { remaining: 0, resetMs: 12_000, source: 'ratelimit' }],
    [
      { 'ratelimit-limit': '60', 'ratelimit-remaining': '0', 'ratelimit-reset': '5' },
      { remaining: 0, resetMs: 5000, source: 'ratelimit-fields' },
    ],
    [
      { 'x-ratelimit-remaining': '3', 'x-ratelimit-reset': '20' },
      { remaining: 3, resetMs: 20_000, source: 'x-ratelimit' },
    ],
    // GitHub: epoch seconds.
    [
      { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 + 42) },
      { remaining: 0, resetMs: 42_000 },
    ],
    [
      { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW + 1500) },
      { remaining: 0, resetMs: 1500 },
    ],
    // A reset already past is "now".
    [
      { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 - 10) },
      { remaining: 0, resetMs: 0 },
    ],
  ])('%j', (headers, expected) => {
    expect(parse(headers)).toMatchObject(expected);
  });

  it.each([
    [{}],
    [{ ratelimit: 'garbage' }],
    [{ ratelimit: '"default";r=-1;t=abc' }],
    [{ 'x-ratelimit-remaining': 'lots', 'x-ratelimit-reset': '1.5' }],
    [{ 'ratelimit-remaining': '' }],
  ])('nothing usable in %j', (headers) => {
    expect(parse(headers)).toBeUndefined();
  });
});

describe('parseRateLimit: properties', () => {
  it('never throws; counts are non-negative integers and resets bounded, for any header values', () => {
    const names = [
      'ratelimit',
      'ratelimit-policy',
      'ratelimit-remaining',
      'ratelimit-reset',
      'x-ratelimit-remaining',
      'x-ratelimit-reset',
    ];
    const piece = fc.oneof(
      fc.string(),
      fc.constantFrom('"p"', ';r=', ';t=', ';q=', ',', '=', '"', '\\', '-1', '0', '9'.repeat(20)),
      fc.nat().map(String),
    );
    const value = fc.array(piece, { maxLength: 12 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...names), value), fc.integer({ min: -1e13, max: 1e13 }), (headers, now) => {
        const r = parseRateLimit(headerLookup(headers), now);
        if (r === undefined) return;
        if (r.remaining !== undefined) expect(Number.isSafeInteger(r.remaining) && r.remaining >= 0).toBe(true);
        if (r.resetMs !== undefined) expect(r.resetMs >= 0 && r.resetMs <= 2 ** 31 - 1).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('reads back what the simulator writes, in every style', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('ietf' as const, 'ietf-fields' as const, 'x-ratelimit' as const),
        fc.nat({ max: 10_000 }),
        fc.nat({ max: 10_000 }),
        fc.integer({ min: 0, max: 86_400_000 }),
        (style, limit, extra, resetMs) => {
          const remaining = Math.min(limit, extra);
          const r = parse(rateLimitHeaders(style, { limit, remaining, resetMs }, NOW));
          expect(r).toMatchObject({ remaining });
          // Whole seconds, rounded up: never earlier than the real reset, at most a second later.
          expect(r?.resetMs).toBeGreaterThanOrEqual(resetMs);
          expect(r?.resetMs).toBeLessThan(resetMs + 1000);
        },
      ),
    );
  });

  it('Retry-After wins; the reset is a hint only for a rate-limited answer with nothing left', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 3600 }),
        fc.nat({ max: 5 }),
        fc.option(fc.nat({ max: 100 })),
        fc.boolean(),
        (t, r, ra, limited) => {
          const h: Record<string, string> = { ratelimit: `"p";r=${r};t=${t}` };
          if (ra !== null) h['retry-after'] = String(ra);
          const hint = parseWaitHint(headerLookup(h), NOW, limited);
          if (ra !== null) expect(hint).toEqual({ ms: ra * 1000, source: 'retry-after' });
          else if (limited && r === 0) expect(hint).toEqual({ ms: t * 1000, source: 'ratelimit-reset' });
          else expect(hint).toBeUndefined();
        },
      ),
    );
  });
});

describe('normalize: retryAfterMs from a reset on a 429', () => {
  const body = '{"msg":"too many requests","code":42900001,"id":"x"}';
  it('takes the reset when nothing is left and no Retry-After is sent', () => {
    const e = normalize(upyun, {
      status: 429,
      body,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '3' },
      now: NOW,
    });
    expect(e?.retryAfterMs).toBe(3000);
  });
  it('not from a success, nor from a 503', () => {
    const h = { ratelimit: '"p";r=0;t=3' };
    expect(
      normalize(upyun, { status: 503, body: '{"msg":"unavailable","code":50300000,"id":"x"}', headers: h, now: NOW })
        ?.retryAfterMs,
    ).toBeUndefined();
    expect(normalize(upyun, { status: 200, body: '{}', headers: h, now: NOW })).toBeUndefined();
  });
});

describe('the simulator sends them', () => {
  it('a token bucket counts down remaining, then a 429 with r=0 and the time to the next token', () => {
    let now = NOW;
    const core = createSimulatorCore({
      clock: () => now,
      scenarios: { upyun: { rateLimit: { perSecond: 2, burst: 2, headers: 'ietf' } } },
    });
    const answers = [0, 1, 2].map(() => core.handle({ vendor: 'upyun', path: '/f' }));
    expect(answers.map((a) => [a.status, a.headers.ratelimit])).toEqual([
      [200, '"default";r=1;t=1'],
      [200, '"default";r=0;t=1'],
      [429, '"default";r=0;t=1'],
    ]);
    expect(answers[0]?.headers['ratelimit-policy']).toBe('"default";q=2;w=1');
    now += 500;
    expect(core.handle({ vendor: 'upyun', path: '/f' }).status).toBe(200);
  });

  let sim: VendorSimulator;
  beforeAll(async () => {
    // One token a second: the call right after the first finds the bucket empty.
    sim = await startVendorSimulator({ scenarios: { upyun: { rateLimit: { perSecond: 1, burst: 1, headers: 'x-ratelimit' } } } });
  });
  afterAll(() => sim.close());

  it('through a real server: the 429 carries X-RateLimit-Reset, the client waits that long and succeeds', async () => {
    const waits: Array<[number, string]> = [];
    const f = createFetch({
      adapter: upyun,
      // Without the reset, the backoff would wait ~a minute (random near 1 × a 60 s base).
      retry: {
        pacer: false, // paced, the pacer would hold the retry for the same reset (source 'pacer')
        retries: 3,
        rateLimitBaseDelayMs: 60_000,
        maxDelayMs: 60_000,
        random: () => 0.99,
        onRetry: (i) => waits.push([i.delayMs, i.source]),
      },
    });
    const first = await f(`${sim.url}/upyun/bucket/a`);
    expect(first.headers.get('x-ratelimit-remaining')).toBe('0');
    await first.text();
    const second = await f(`${sim.url}/upyun/bucket/a`);
    expect(second.status).toBe(200);
    expect(sim.stats.vendor('upyun').byStatus).toMatchObject({ '200': 2, '429': 1 });
    // The reset is sent as epoch seconds, rounded up: at most 2 s.
    expect(waits).toHaveLength(1);
    expect(waits[0]?.[1]).toBe('retry-after');
    expect(waits[0]?.[0]).toBeLessThanOrEqual(2000);
  });
});

describe('the pacer waits on a spent quota before the vendor refuses', () => {
  let quotaSim: VendorSimulator;
  beforeAll(async () => {
    // 2 requests at once, then one every 250 ms; every answer says what is left (RateLimit, IETF draft).
    quotaSim = await startVendorSimulator({ scenarios: { upyun: { rateLimit: { perSecond: 4, burst: 2, headers: 'ietf' } } } });
  });
  afterAll(() => quotaSim.close());

  async function run(withPacer: boolean): Promise<Record<string, number>> {
    quotaSim.reset();
    const pacer = withPacer ? createPacer() : undefined;
    try {
      const f = createFetch({
        adapter: upyun,
        retry: { retries: 5, rateLimitBaseDelayMs: 1, maxDelayMs: 5, pacer: pacer ?? false },
      });
      for (let i = 0; i < 5; i++) expect((await f(`${quotaSim.url}/upyun/bucket/q`)).status).toBe(200);
      return { ...quotaSim.stats.vendor('upyun').byStatus };
    } finally {
      pacer?.close?.();
    }
  }

  it('without a pacer the third call is refused (429) and retried; with one, no call is ever refused', async () => {
    expect((await run(false))['429']).toBeGreaterThan(0);
    expect(await run(true)).toEqual({ '200': 5 });
  });

  it('the pacer is told only of a spent quota: remaining > 0, or no reset, is a plain success', () => {
    expect(spentQuotaMs({ headers: new Headers({ ratelimit: '"p";r=0;t=2' }) })).toBe(2000);
    expect(spentQuotaMs({ headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '3' } })).toBe(3000);
    expect(spentQuotaMs({ headers: new Headers({ ratelimit: '"p";r=1;t=2' }) })).toBeUndefined();
    expect(spentQuotaMs({ headers: new Headers({ 'x-ratelimit-remaining': '0' }) })).toBeUndefined();
    for (const v of [undefined, null, 'x', 5, {}, { headers: 'x' }]) expect(spentQuotaMs(v)).toBeUndefined();
  });
});
