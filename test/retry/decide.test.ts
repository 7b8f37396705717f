import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RetryOptions, VendorError } from '../../src/index.js';
import { createVendorError, decideRetry, ERROR_KINDS, isIdempotentRequest, resolveRetryOptions } from '../../src/advanced.js';
import { http, vendorError } from './helpers.js';

const opts = (o: RetryOptions = {}) => resolveRetryOptions({ random: () => 0.5, ...o });
const decide = (error: VendorError, method: string, o: RetryOptions = {}, attempt = 1, elapsedMs = 0) =>
  decideRetry({ error, attempt, idempotent: isIdempotentRequest(method), options: opts(o), elapsedMs });

describe('decideRetry: decision table', () => {
  it('POST + 429 rate limit retries (the vendor refused before acting)', () => {
    const error = http(429, { method: 'POST', body: { errno: 7001, errmsg: 'slow down' } });
    expect(error.retry).toBe('safe');
    expect(decide(error, 'POST')).toEqual({ retry: true, delayMs: 500, source: 'backoff' }); // 0.5 · 1000
  });

  it('POST + "system busy" under HTTP 200 retries (catalog says safe)', () => {
    const error = http(200, { method: 'POST', body: { errno: 7002 } });
    expect(error.kind).toBe('unavailable');
    expect(decide(error, 'POST')).toMatchObject({ retry: true, source: 'backoff', delayMs: 150 }); // 0.5 · 300
  });

  it('POST + plain 503 does not retry: not-idempotent', () => {
    const error = http(503, { method: 'POST' });
    expect(error.retry).toBe('idempotent');
    const d = decide(error, 'POST');
    expect(d).toMatchObject({ retry: false, reason: 'not-idempotent' });
    expect(!d.retry && d.detail).toMatch(/POST is not idempotent/);
  });

  it('413 with a Retry-After is temporary (RFC 9110 §15.5.14): retried after the hint, idempotent requests only; without one, never', () => {
    const temporary = http(413, { method: 'PUT', headers: { 'retry-after': '2' } });
    expect(temporary.kind).toBe('payload-too-large');
    expect(temporary.retry).toBe('never');
    expect(decide(temporary, 'PUT')).toEqual({ retry: true, delayMs: 2000, source: 'retry-after' });
    expect(decide(http(413, { method: 'POST', headers: { 'retry-after': '2' } }), 'POST')).toMatchObject({
      retry: false,
      reason: 'not-idempotent',
    });
    expect(decide(http(413, { method: 'PUT' }), 'PUT')).toMatchObject({ retry: false, reason: 'not-retryable' });
    // UpYun's "file too large" comes as a 403 (40300009): not the RFC's 413, not retried.
    const upyun403 = createVendorError('payload-too-large', { vendor: 'upyun', status: 403, code: 40300009, retryAfterMs: 2000 });
    expect(decide(upyun403, 'PUT')).toMatchObject({ retry: false, reason: 'not-retryable' });
    // Other `never` kinds stay never, hint or not.
    expect(decide(http(400, { method: 'PUT', headers: { 'retry-after': '2' } }), 'PUT')).toMatchObject({
      retry: false,
      reason: 'not-retryable',
    });
  });

  it('GET + 503 retries', () => {
    expect(decide(http(503), 'GET')).toEqual({ retry: true, delayMs: 150, source: 'backoff' });
  });

  it('POST with an Idempotency-Key + 503 retries', () => {
    const error = http(503, { method: 'POST' });
    const d = decideRetry({
      error,
      attempt: 1,
      idempotent: isIdempotentRequest('POST', { 'Idempotency-Key': 'order-42' }),
      options: opts(),
      elapsedMs: 0,
    });
    expect(d).toMatchObject({ retry: true });
  });

  it.each(['GET', 'POST', 'PUT'])('404 never retries (%s)', (method) => {
    expect(decide(http(404), method)).toMatchObject({ retry: false, reason: 'not-retryable' });
    expect(decide(http(404, { body: { errno: 7003 } }), method)).toMatchObject({ retry: false, reason: 'not-retryable' });
  });

  it.each(ERROR_KINDS)('kind %s follows its retry class for GET and POST', (kind) => {
    const error = createVendorError(kind, { vendor: 'acme' });
    const get = decide(error, 'GET');
    const post = decide(error, 'POST');
    expect(get.retry).toBe(error.retry !== 'never');
    expect(post.retry).toBe(error.retry === 'safe');
  });

  it('attempt > retries: attempts-exhausted', () => {
    const error = http(503);
    expect(decide(error, 'GET', { retries: 3 }, 3)).toMatchObject({ retry: true });
    expect(decide(error, 'GET', { retries: 3 }, 4)).toMatchObject({ retry: false, reason: 'attempts-exhausted' });
    expect(decide(error, 'GET', { retries: 0 }, 1)).toMatchObject({ retry: false, reason: 'attempts-exhausted' });
  });

  it('retries switched off: retries-disabled', () => {
    const d = decideRetry({ error: http(429), attempt: 1, idempotent: true, options: resolveRetryOptions(false), elapsedMs: 0 });
    expect(d).toMatchObject({ retry: false, reason: 'retries-disabled' });
  });

  it('aborted signal: aborted, even when shouldRetry says true', () => {
    const c = new AbortController();
    c.abort();
    expect(decide(http(503), 'GET', { signal: c.signal, shouldRetry: () => true })).toMatchObject({
      retry: false,
      reason: 'aborted',
    });
  });
});

describe('decideRetry: shouldRetry', () => {
  it('false stops with reason should-retry', () => {
    expect(decide(http(503), 'GET', { shouldRetry: () => false })).toMatchObject({ retry: false, reason: 'should-retry' });
  });

  it('true overrides the kind and method rule', () => {
    expect(decide(http(503, { method: 'POST' }), 'POST', { shouldRetry: () => true })).toMatchObject({ retry: true });
    expect(decide(http(404), 'GET', { shouldRetry: () => true })).toMatchObject({ retry: true });
  });

  it('true does not override the deadline, attempts or a too long Retry-After', () => {
    const shouldRetry = () => true;
    expect(decide(http(503), 'GET', { shouldRetry, maxElapsedMs: 100 }, 1, 90)).toMatchObject({ reason: 'deadline' });
    expect(decide(http(503), 'GET', { shouldRetry, retries: 1 }, 2)).toMatchObject({ reason: 'attempts-exhausted' });
    const hinted = http(429, { headers: { 'retry-after': '120' } });
    expect(decide(hinted, 'GET', { shouldRetry })).toMatchObject({ reason: 'retry-after-too-long' });
  });

  it('undefined keeps the default decision, and it sees the error and attempt', () => {
    const seen: [string, number][] = [];
    const shouldRetry = (e: VendorError, n: number) => void seen.push([e.kind, n]);
    expect(decide(http(503, { method: 'POST' }), 'POST', { shouldRetry }, 2)).toMatchObject({ reason: 'not-idempotent' });
    expect(seen).toEqual([['unavailable', 2]]);
  });
});

describe('decideRetry: delays', () => {
  const now = Date.UTC(2025, 0, 1, 12, 0, 0);

  it('Retry-After seconds is used as is, without jitter', () => {
    const error = http(429, { headers: { 'retry-after': '2' } });
    expect(decide(error, 'POST', { random: () => 0.01 })).toEqual({ retry: true, delayMs: 2000, source: 'retry-after' });
  });

  it('Retry-After HTTP-date', () => {
    const error = http(503, { headers: { 'retry-after': new Date(now + 7000).toUTCString() }, now });
    expect(decide(error, 'GET')).toEqual({ retry: true, delayMs: 7000, source: 'retry-after' });
  });

  it('retry-after-ms', () => {
    const error = http(429, { headers: { 'retry-after-ms': '1250', 'retry-after': '9' } });
    expect(decide(error, 'GET')).toEqual({ retry: true, delayMs: 1250, source: 'retry-after' });
  });

  it('a hint wins even above maxDelayMs, up to maxRetryAfterMs', () => {
    const error = http(429, { headers: { 'retry-after': '30' } });
    expect(decide(error, 'GET', { maxDelayMs: 1000 })).toMatchObject({ retry: true, delayMs: 30_000 });
  });

  it('a hint beyond maxRetryAfterMs gives up: retry-after-too-long', () => {
    const error = http(429, { headers: { 'retry-after': '61' } });
    const d = decide(error, 'GET');
    expect(d).toMatchObject({ retry: false, reason: 'retry-after-too-long' });
    expect(!d.retry && d.detail).toBe('Retry-After 61000 ms exceeds maxRetryAfterMs 60000');
    expect(decide(error, 'GET', { maxRetryAfterMs: 61_000 })).toMatchObject({ retry: false, reason: 'deadline' });
    expect(decide(error, 'GET', { maxRetryAfterMs: 61_000, maxElapsedMs: 70_000 })).toMatchObject({
      retry: true,
      delayMs: 61_000,
    });
  });

  it('rate limits back off from rateLimitBaseDelayMs, the rest from baseDelayMs', () => {
    const r = () => 0.999;
    expect(decide(http(429), 'GET', { random: r }, 1)).toMatchObject({ delayMs: 999 });
    expect(decide(http(429), 'GET', { random: r }, 3)).toMatchObject({ delayMs: 3996 });
    expect(decide(http(502), 'GET', { random: r }, 1)).toMatchObject({ delayMs: 299 });
    expect(decide(http(502), 'GET', { random: r, baseDelayMs: 50, rateLimitBaseDelayMs: 70 }, 2)).toMatchObject({ delayMs: 99 });
  });

  it('jitter bounds: random 0 → 0, random 0.999 → just under the cap', () => {
    expect(decide(http(503), 'GET', { random: () => 0 }, 3)).toMatchObject({ delayMs: 0 });
    expect(decide(http(503), 'GET', { random: () => 0.999, retries: 20 }, 20)).toMatchObject({ delayMs: 19_980 });
    expect(decide(http(503), 'GET', { random: () => 0.999, maxDelayMs: 500 }, 3)).toMatchObject({ delayMs: 499 });
  });

  it('deadline: gives up instead of sleeping past maxElapsedMs', () => {
    const error = http(429, { headers: { 'retry-after': '5' } });
    expect(decide(error, 'GET', { maxElapsedMs: 10_000 }, 1, 5_000)).toMatchObject({ retry: true, delayMs: 5000 });
    const d = decide(error, 'GET', { maxElapsedMs: 10_000 }, 1, 5_001);
    expect(d).toMatchObject({ retry: false, reason: 'deadline' });
  });

  it('is pure: the same input gives the same output', () => {
    const input = { error: http(503), attempt: 2, idempotent: true, options: opts({ random: () => 0.3 }), elapsedMs: 10 };
    expect(decideRetry(input)).toEqual(decideRetry(input));
  });
});

describe('decideRetry: properties', () => {
  it('the wait respects maxRetryAfterMs / maxDelayMs and never passes maxElapsedMs', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(429, 500, 502, 503, 504),
        fc.option(fc.integer({ min: 0, max: 200_000 }), { nil: undefined }),
        fc.integer({ min: 1, max: 100 }),
        fc.record({
          baseDelayMs: fc.integer({ min: 0, max: 10_000 }),
          rateLimitBaseDelayMs: fc.integer({ min: 0, max: 10_000 }),
          maxDelayMs: fc.integer({ min: 0, max: 60_000 }),
          maxRetryAfterMs: fc.integer({ min: 0, max: 120_000 }),
          maxElapsedMs: fc.integer({ min: 0, max: 120_000 }),
        }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.integer({ min: 0, max: 130_000 }),
        (status, hintMs, attempt, o, r, elapsedMs) => {
          const error = http(status, hintMs === undefined ? {} : { headers: { 'retry-after-ms': String(hintMs) } });
          const options = resolveRetryOptions({ ...o, retries: 100, random: () => r });
          const d = decideRetry({ error, attempt, idempotent: true, options, elapsedMs });
          if (!d.retry) {
            expect(['deadline', 'retry-after-too-long']).toContain(d.reason);
            if (d.reason === 'retry-after-too-long') expect(hintMs).toBeGreaterThan(o.maxRetryAfterMs);
            return;
          }
          expect(d.delayMs).toBeGreaterThanOrEqual(0);
          if (d.source === 'retry-after') {
            expect(d.delayMs).toBe(hintMs);
            expect(d.delayMs).toBeLessThanOrEqual(o.maxRetryAfterMs);
          } else {
            expect(hintMs).toBeUndefined();
            expect(d.delayMs).toBeLessThanOrEqual(o.maxDelayMs);
          }
          expect(elapsedMs + d.delayMs).toBeLessThanOrEqual(o.maxElapsedMs);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('never retries a "never" error or an "idempotent" one on a non-idempotent request without shouldRetry', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ERROR_KINDS), fc.boolean(), fc.integer({ min: 1, max: 5 }), (kind, idempotent, attempt) => {
        const error = vendorError({ status: 500 });
        const e = createVendorError(kind, { vendor: error.vendor });
        const d = decideRetry({ error: e, attempt, idempotent, options: opts({ retries: 10 }), elapsedMs: 0 });
        const allowed = e.retry === 'safe' || (e.retry === 'idempotent' && idempotent);
        expect(d.retry).toBe(allowed);
      }),
    );
  });
});
