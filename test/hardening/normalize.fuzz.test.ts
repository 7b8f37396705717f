/**
 * Issue #5: bad input never escapes as anything but a VendorError. API Switch and MFP (the
 * other three vendors are in vendors.fuzz.test.ts), Retry-After parsing, misbehaving custom
 * adapters and transport failures.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { apiSwitch, baiduPcs, mfp, netease, upyun } from '../../adapters/index.js';
import { type Adapter, defineAdapter, type NormalizeInput, normalize, VendorError } from '../../src/index.js';
import { headerLookup, parseRetryAfter, transportError } from '../../src/advanced.js';
import { bodyArb, Hostile, materialize, retryAfterArb, statusArb } from './arbitraries.js';
import { fuzzAdapters, PLANNED, plan } from './adapter-fuzz.js';
import { assertNoPollution, assertProperty, assertVendorOutcome, casesRun, MAX_HINT_MS } from './invariants.js';

const ADAPTERS: readonly Adapter[] = [upyun, baiduPcs, netease, apiSwitch, mfp];
const hostileToken = (name: string): Hostile => new Hostile(name);

fuzzAdapters([apiSwitch, mfp]);

describe('Retry-After parsing', () => {
  it('a single value: digits give seconds (capped), garbage gives nothing, dates are clamped', () => {
    assertProperty(
      fc.property(retryAfterArb, fc.integer({ min: 0, max: 4e12 }), (value, now) => {
        const hint = parseRetryAfter(headerLookup({ 'retry-after': value }), now);
        const v = value.trim();
        if (hint !== undefined) {
          expect(Number.isInteger(hint.ms) && hint.ms >= 0 && hint.ms <= MAX_HINT_MS).toBe(true);
        }
        if (/^\d+$/.test(v)) expect(hint?.ms).toBe(Math.min(Number(v) * 1000, MAX_HINT_MS));
        // Negative or fractional numbers are never waits; only digits or a date (with letters) are.
        if (/^[-+]?[\d.eE]*$/.test(v) && !/^\d+$/.test(v)) expect(hint).toBeUndefined();
        if (v === '' || v === 'NaN' || v === 'Infinity' || v === '-1' || v === '1.5') expect(hint).toBeUndefined();
      }),
      plan('retry-after:single', 5_000),
    );
  });

  it('repeated headers (arrays, pairs, fetch Headers) use the first value', () => {
    assertProperty(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.array(retryAfterArb, { maxLength: 3 }), (first, rest) => {
        const values = [String(first), ...rest];
        const asArray = parseRetryAfter(headerLookup({ 'Retry-After': values }));
        const asPairs = parseRetryAfter(headerLookup(values.map((v) => ['retry-after', v] as [string, string])));
        expect(asArray?.ms).toBe(first * 1000);
        expect(asPairs?.ms).toBe(first * 1000);
        const h = new Headers();
        for (const v of values) if (/^[\t -~]*$/.test(v)) h.append('retry-after', v);
        expect(parseRetryAfter(headerLookup(h))?.ms).toBe(first * 1000);
      }),
      plan('retry-after:repeated', 3_000),
    );
  });
});

describe('misbehaving custom adapters', () => {
  // Built inside the property: fast-check cannot hold proxies or throwing getters as values.
  const WEIRD_WIRE: (() => unknown)[] = [
    () => undefined,
    () => null,
    () => 42,
    () => 'str',
    () => ({ code: {} }),
    () => ({ code: Number.NaN }),
    () => ({ code: Symbol('s') }),
    () => ({ code: 10n }),
    () => ({ code: -1, failed: 'yes' }),
    () => ({ failed: true }),
    () => ({ failed: true, message: { toString: () => 'obj' } }),
    () => ({ message: 5, requestId: 7 }),
    () => ({
      get code(): never {
        throw new Error('getter');
      },
    }),
    () =>
      new Proxy(
        {},
        {
          get() {
            throw new Error('proxy');
          },
        },
      ),
  ];
  const weirdWire = fc.nat(WEIRD_WIRE.length - 1);

  it('a parser that returns garbage or throws: normalize still answers with a VendorError or nothing', () => {
    assertProperty(
      fc.property(weirdWire, fc.boolean(), statusArb, bodyArb, (wire, throws, status, body) => {
        const chaos = defineAdapter({
          name: 'chaos',
          catalog: [[1, 400, 'invalid-request', 'never', '', 'one']],
          parse: () => {
            if (throws) throw new Error('parser bug');
            return WEIRD_WIRE[wire]!() as never;
          },
          choose: () => {
            throw new Error('choose bug');
          },
          statusOfCode: () => Number.NaN,
        });
        let result: unknown;
        expect(() => {
          result = normalize(chaos, { status, body: materialize(body) } as NormalizeInput);
        }).not.toThrow();
        expect(result === undefined || result instanceof VendorError).toBe(true);
        const s = status as number;
        if (Number.isInteger(s) && s >= 0 && s <= 999 && (s < 200 || s >= 400)) expect(result).toBeInstanceOf(VendorError);
        assertNoPollution();
      }),
      plan('chaos:parser', 3_000),
    );
  });
});

describe('transportError on anything a client can throw', () => {
  it('always a NetworkError, TimeoutError or (a client-side check) InvalidRequestError, never a throw', () => {
    const thrown = fc.oneof(
      fc.anything(),
      fc.record({ name: fc.string(), message: fc.string(), code: fc.oneof(fc.string(), fc.integer()) }),
      fc.constantFrom<unknown>(
        new Error('ECONNRESET'),
        Object.assign(new Error('timeout'), { name: 'TimeoutError' }),
        Object.assign(new Error('x'), { code: 'ETIMEDOUT' }),
        Object.assign(new Error('wrapped'), { cause: Object.assign(new Error('inner'), { code: 'UND_ERR_CONNECT_TIMEOUT' }) }),
        Object.assign(new Error('maxContentLength size of 10 exceeded'), { code: 'ERR_BAD_RESPONSE' }),
        Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }),
        hostileToken('proxy'),
        hostileToken('revoked'),
        hostileToken('nullProtoCause'),
        hostileToken('toStringBombCause'),
      ),
    );
    assertProperty(
      fc.property(fc.nat(ADAPTERS.length - 1), thrown, fc.oneof(fc.constant(undefined), fc.string()), (i, error, url) => {
        const err = transportError(ADAPTERS[i]!, materialize(error), { method: 'GET', url });
        expect(err).toBeInstanceOf(VendorError);
        expect(['network', 'timeout', 'invalid-request']).toContain(err.kind);
        assertVendorOutcome(err);
        assertNoPollution();
      }),
      plan('transport', 3_000),
    );
  });
});

afterAll(() => {
  const planned = Object.values(PLANNED).reduce((a, b) => a + b, 0);
  console.log(`[hardening] normalize.fuzz: ${casesRun()} generated cases (planned ${planned} at scale 1)`);
});
