import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defineAdapter,
  field,
  asCode,
  asText,
  normalize,
  NotFoundError,
  ServiceUnavailableError,
  UnknownVendorError,
  RateLimitError,
  VendorError,
  InternalServerError,
  TimeoutError,
} from '../../src/index.js';
import { codeNumber } from '../../src/advanced.js';

const acme = defineAdapter({
  name: 'acme',
  displayName: 'Acme',
  catalog: [
    [7001, 429, 'rate-limited', 'safe', 'SLOW_DOWN', 'Too many requests'],
    [7002, 400, 'unavailable', 'safe', '', 'System busy'],
    [7003, 404, 'not-found', 'never', '', 'No such thing'],
    [7003, 410, 'not-found', 'never', 'GONE_THING', 'Thing gone'],
    [7004, 0, 'precondition-failed', 'never', '', 'Dual A'],
    [7004, 0, 'precondition-failed', 'never', '', 'Dual B'],
    [0, 200, 'unknown', 'never', 'OK', 'ok', { outcome: 'success' }],
  ],
  parse: ({ json }) => {
    const code = asCode(field(json, 'errno'));
    if (code === undefined) return undefined;
    return { code, message: asText(field(json, 'errmsg')), failed: codeNumber(code) !== 0 };
  },
  statusOfCode: (code) => Math.floor(Number(code) / 10) || undefined,
});

describe('normalize (generic behaviour, custom adapter)', () => {
  it('returns undefined for a 2xx without an error body', () => {
    expect(normalize(acme, { status: 200, body: '{"data":1}' })).toBeUndefined();
    expect(normalize(acme, { status: 204 })).toBeUndefined();
    expect(normalize(acme, { status: 200, body: { errno: 0 } })).toBeUndefined();
  });

  it('finds an error hidden in a 200', () => {
    const err = normalize(acme, { status: 200, body: '{"errno":7001,"errmsg":"slow"}' });
    expect(err).toBeInstanceOf(RateLimitError);
    expect(err?.status).toBe(200);
    expect(err?.retry).toBe('safe');
  });

  it('understands codes sent as strings and keeps them as sent', () => {
    const err = normalize(acme, { status: 400, body: { errno: '7002', errmsg: 'busy' } });
    expect(err).toBeInstanceOf(ServiceUnavailableError);
    expect(err?.code).toBe('7002');
    expect(err?.codeName).toBe('SYSTEM_BUSY');
    expect(err?.vendorMessage).toBe('busy');
  });

  it('picks the row whose documented status matches, and names both meanings when none does', () => {
    expect(normalize(acme, { status: 410, body: { errno: 7003 } })?.codeName).toBe('GONE_THING');
    expect(normalize(acme, { status: 404, body: { errno: 7003 } })?.codeName).toBe('NO_SUCH_THING');
    const dual = normalize(acme, { status: 409, body: { errno: 7004 } });
    expect(dual?.message).toContain('Dual A, or Dual B');
  });

  it('garbage bodies give the kind the status implies', () => {
    expect(normalize(acme, { status: 502, body: '<html><title>502 Bad Gateway</title></html>' })).toBeInstanceOf(
      ServiceUnavailableError,
    );
    expect(normalize(acme, { status: 502, body: '<html><title>502 Bad Gateway</title></html>' })?.vendorMessage).toBe(
      '502 Bad Gateway',
    );
    expect(normalize(acme, { status: 404 })).toBeInstanceOf(NotFoundError);
    expect(normalize(acme, { status: 404, body: '' })).toBeInstanceOf(NotFoundError);
    expect(normalize(acme, { status: 504, body: 'upstream timed out' })).toBeInstanceOf(TimeoutError);
    expect(normalize(acme, { status: 500, body: '{"truncated": ' })).toBeInstanceOf(InternalServerError);
  });

  it('an unknown code is UnknownVendorError, retryable as its status implies', () => {
    const a = normalize(acme, { status: 503, body: { errno: 9999 } });
    expect(a).toBeInstanceOf(UnknownVendorError);
    expect(a?.retry).toBe('idempotent');
    expect(normalize(acme, { status: 400, body: { errno: 9999 } })?.retry).toBe('never');
    // No status (WebSocket-like): the adapter's code → status rule decides.
    expect(normalize(acme, { body: { errno: 4299 } })?.retry).toBe('safe');
  });

  it('reads Retry-After and request ids from headers', () => {
    const err = normalize(acme, {
      status: 429,
      headers: { 'Retry-After': '3', 'X-Request-Id': 'abc' },
      body: { errno: 7001 },
    });
    expect(err?.retryAfterMs).toBe(3000);
    expect(err?.requestId).toBe('abc');
    const viaHeaders = normalize(acme, { status: 429, headers: new Headers({ 'retry-after-ms': '150' }) });
    expect(viaHeaders?.retryAfterMs).toBe(150);
  });

  it('never leaks URL credentials into message or JSON', () => {
    const err = normalize(acme, {
      status: 401,
      method: 'get',
      url: 'https://api.example.test/x?access_token=SEKRET&sign=SIG1&ok=1',
      body: { errno: 1, errmsg: 'bad access_token=SEKRET' },
    });
    const out = `${err?.message} ${JSON.stringify(err)}`;
    expect(out).not.toContain('SEKRET');
    expect(out).not.toContain('SIG1');
    expect(err?.url).toContain('ok=1');
  });

  it('bounds the text it reads', () => {
    const huge = `<html><title>x</title>${'a'.repeat(5_000_000)}</html>`;
    const err = normalize(acme, { status: 502, body: huge });
    expect(err).toBeInstanceOf(ServiceUnavailableError);
    expect(JSON.stringify(err).length).toBeLessThan(5000);
  });

  it('survives a parser that throws and a hostile body', () => {
    const broken = defineAdapter({
      name: 'broken',
      catalog: [],
      parse: () => {
        throw new Error('boom');
      },
    });
    expect(normalize(broken, { status: 503, body: '{}' })).toBeInstanceOf(ServiceUnavailableError);
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('nope');
        },
        ownKeys() {
          throw new Error('nope');
        },
      },
    );
    expect(normalize(acme, { status: 500, body: hostile, headers: hostile as never })).toBeInstanceOf(VendorError);
  });

  it('property: never throws, only VendorError or undefined', () => {
    fc.assert(
      fc.property(
        fc.option(fc.integer({ min: -5, max: 1200 }), { nil: undefined }),
        fc.oneof(
          fc.anything(),
          fc.string(),
          fc.jsonValue().map((v) => JSON.stringify(v)),
        ),
        fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.array(fc.string()))),
        (status, body, headers) => {
          const r = normalize(acme, { status, body: body as never, headers });
          return r === undefined || r instanceof VendorError;
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('normalize on revoked proxies', () => {
  it('treats an unreadable body as absent: success stays success, failure keeps its request id', () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(normalize(acme, { status: 200, body: proxy })).toBeUndefined();
    const err = normalize(acme, { status: 404, body: proxy, headers: { 'x-request-id': 'r' } });
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err?.requestId).toBe('r');
  });
});

describe('repeated headers joined by fetch', () => {
  it('uses the first Retry-After and request id', () => {
    const h = new Headers();
    h.append('retry-after', '2');
    h.append('retry-after', '9');
    h.append('x-request-id', 'first');
    h.append('x-request-id', 'second');
    const err = normalize(acme, { status: 429, headers: h });
    expect(err?.retryAfterMs).toBe(2000);
    expect(err?.requestId).toBe('first');
    const date = new Date(Date.now() + 5000).toUTCString();
    expect(normalize(acme, { status: 429, headers: { 'retry-after': date } })?.retryAfterMs).toBeGreaterThan(3000);
  });
});
