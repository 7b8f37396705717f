import { inspect } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apiSwitch, baiduPcs, mfp, netease, upyun } from '../../adapters/index.js';
import { type Adapter, classify, normalize, RateLimitError, toVendorError, VendorError } from '../../src/index.js';
import { isClassification } from '../../src/advanced.js';

const ADAPTERS: readonly Adapter[] = [upyun, baiduPcs, netease, apiSwitch, mfp];
const URL_WITH_TOKEN = 'https://pcs.baidu.com/rest/2.0/pcs/file?method=upload&access_token=SECRET123';

// Real wire answers (see test/fixtures/vendor-docs and the adapters' tests).
const CASES: readonly [Adapter, number | undefined, string, Record<string, string>?][] = [
  [upyun, 429, '{"msg":"too many requests","code":42900001,"id":"a1b2c3"}', { 'Retry-After': '2' }],
  [upyun, 404, ''],
  [upyun, 502, '<html><head><title>502 Bad Gateway</title></head></html>'],
  [baiduPcs, 200, '{"error_code":31219,"error_msg":"request exceed limit","request_id":2939656146461714799}'],
  [baiduPcs, 200, '{"error_code":0,"request_id":1}'],
  [netease, 403, '{"code":4030001,"message":"Api freq out of limit."}', { 'retry-after-ms': '1500' }],
  [netease, 400, '{"code":4000199,"message":"System busy"}', { 'X-Request-Id': 'rid-9' }],
  [apiSwitch, 500, '{"Code":10004,"Message":"internal"}'],
  [mfp, undefined, '{"code":10005,"msg":"too frequent","id":"b1"}'],
  [upyun, 200, '{"files":[]}'],
];

const FIELDS = ['vendor', 'kind', 'retry', 'status', 'code', 'codeName', 'requestId', 'retryAfterMs', 'method'] as const;

describe('classify', () => {
  it('gives the verdict normalize gives, field by field, for real vendor payloads', () => {
    for (const [adapter, status, body, headers] of CASES) {
      for (const b of [body, safeParse(body)]) {
        const input = { status, body: b as string, headers, method: 'post', url: URL_WITH_TOKEN, now: 0 };
        const c = classify(adapter, input);
        const e = normalize(adapter, input);
        expect(c === undefined, `${adapter.name} ${status} ${body}`).toBe(e === undefined);
        if (!c || !e) continue;
        for (const f of FIELDS) expect(c[f], `${adapter.name} ${body} ${f}`).toEqual(e[f]);
        expect(e.vendorMessage).toBe(c.vendorMessage);
        expect(Object.isFrozen(c)).toBe(true);
        expect(isClassification(c)).toBe(true);
        // The error built from the record is the one normalize returns.
        const built = toVendorError(c);
        expect(built.constructor).toBe(e.constructor);
        expect(built.toJSON()).toEqual(e.toJSON());
      }
    }
  });

  it('keeps the URL and the cause out of JSON and inspect, and redacts them in the error', () => {
    const cause = Object.assign(new Error('boom'), { config: { headers: { Authorization: 'Bearer SECRET123' } } });
    const c = classify(netease, { status: 429, body: '{"code":4030001}', url: URL_WITH_TOKEN, cause });
    expect(c).toBeDefined();
    expect(JSON.stringify(c)).not.toContain('SECRET123');
    expect(inspect(c, { depth: 5, showHidden: true })).not.toContain('SECRET123');
    const e = toVendorError(c as NonNullable<typeof c>);
    expect(e).toBeInstanceOf(RateLimitError);
    expect(e.cause).toBe(cause);
    expect(e.url).toContain('access_token=[REDACTED]');
  });

  it('a record copied by hand (no source) still builds an error of its kind', () => {
    const c = classify(upyun, { status: 429, body: '{"code":42900001}' });
    const copy = { ...(c as object) } as NonNullable<typeof c>;
    const plain = JSON.parse(JSON.stringify(c));
    expect(isClassification(plain)).toBe(false);
    const e = toVendorError(plain);
    expect(e).toBeInstanceOf(RateLimitError);
    expect(e.code).toBe(42900001);
    expect(toVendorError(copy)).toBeInstanceOf(RateLimitError);
  });

  it('never throws, and agrees with normalize on arbitrary statuses and bodies', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ADAPTERS),
        fc.option(fc.integer({ min: -5, max: 1005 }), { nil: undefined }),
        fc.oneof(fc.json(), fc.string(), fc.jsonValue()),
        (adapter, status, body) => {
          const input = { status, body: body as string, now: 0 };
          const c = classify(adapter, input);
          const e = normalize(adapter, input);
          expect(c === undefined).toBe(e === undefined);
          if (c && e) for (const f of FIELDS) expect(c[f]).toEqual(e[f]);
          if (e) expect(e).toBeInstanceOf(VendorError);
        },
      ),
      { numRuns: 500 },
    );
  });
});

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
