import { describe, expect, it } from 'vitest';
import { decideRetry, isClassification, resolveRetryOptions } from '../../src/advanced.js';
import {
  classify,
  createPacer,
  NotFoundError,
  type PacerOutcome,
  type PacerReportInfo,
  RateLimitError,
  retry,
  ServiceUnavailableError,
  type VendorError,
} from '../../src/index.js';
import { runRetry } from '../../src/retry/run.js';
import { acme, vendorError } from './helpers.js';

const record = (status: number, body?: string, extra: Record<string, unknown> = {}) => {
  const c = classify(acme, { status, body, url: 'https://api.acme.test/x?access_token=SECRET', ...extra });
  if (!c) throw new Error('expected a failure');
  return c;
};

describe('the retry loop on classify() records', () => {
  it('retries records as it retries errors, and rejects with one VendorError carrying the history', async () => {
    let calls = 0;
    const cause = new Error('client error');
    const err = await retry(
      () => {
        calls++;
        throw record(429, '{"errno":7001,"errmsg":"slow down"}', { cause, method: 'GET' });
      },
      { retries: 2, random: () => 0, pacer: undefined },
    ).catch((e: unknown) => e);
    expect(calls).toBe(3);
    expect(isClassification(err)).toBe(false);
    expect(err).toBeInstanceOf(RateLimitError);
    const e = err as RateLimitError;
    expect(e.code).toBe(7001);
    expect(e.codeName).toBe('SLOW_DOWN');
    expect(e.cause).toBe(cause);
    expect(e.url).toContain('access_token=[REDACTED]');
    expect(e.message).toContain('Too many requests');
    expect(e.attempts?.map((a) => [a.attempt, a.kind, a.status, a.code])).toEqual([
      [1, 'rate-limited', 429, 7001],
      [2, 'rate-limited', 429, 7001],
      [3, 'rate-limited', 429, 7001],
    ]);
    expect(e.retryDecision?.reason).toBe('attempts-exhausted');
  });

  it('gives shouldRetry and onRetry VendorErrors, never records', async () => {
    const seen: unknown[] = [];
    let calls = 0;
    const result = await retry(
      () => {
        if (++calls < 3) throw record(503, '', { method: 'GET' });
        return 'ok';
      },
      {
        retries: 3,
        random: () => 0,
        idempotent: true,
        shouldRetry: (error) => {
          seen.push(error);
          return undefined;
        },
        onRetry: ({ error }) => seen.push(error),
      },
    );
    expect(result).toBe('ok');
    expect(seen).toHaveLength(4);
    for (const e of seen) expect(e).toBeInstanceOf(ServiceUnavailableError);
  });

  it('stops on a record whose class never retries, with the same reason as for its error', async () => {
    const err = await retry(
      () => {
        throw record(404, '{"errno":7003}');
      },
      { retries: 3 },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as VendorError).retryDecision?.reason).toBe('not-retryable');
  });

  it('decideRetry: a record and its VendorError get the same decision', () => {
    const options = resolveRetryOptions({ random: () => 0.5, retries: 2 });
    const cases: [number, string | undefined, Record<string, string> | undefined][] = [
      [429, '{"errno":7001}', undefined],
      [429, '{"errno":7001}', { 'retry-after': '3' }],
      [200, '{"errno":7002}', undefined],
      [404, '{"errno":7003}', undefined],
      [503, undefined, undefined],
      [400, undefined, undefined],
    ];
    for (const [status, body, headers] of cases) {
      for (const idempotent of [true, false]) {
        for (const attempt of [1, 3]) {
          const input = { status, body, headers, method: 'POST' };
          const a = decideRetry({ error: record(status, body, input), attempt, idempotent, options, elapsedMs: 0 });
          const b = decideRetry({ error: vendorError(input), attempt, idempotent, options, elapsedMs: 0 });
          expect(a.retry, `${status} ${body}`).toBe(b.retry);
          if (a.retry && b.retry) expect([a.delayMs, a.source]).toEqual([b.delayMs, b.source]);
          if (!a.retry && !b.retry) expect(a.reason).toBe(b.reason);
        }
      }
    }
  });

  it('a body the first attempt consumed stops with body-not-replayable (decided in decide.ts)', async () => {
    const opts = resolveRetryOptions({ retries: 2, random: () => 0, pacer: undefined });
    let calls = 0;
    const err = await runRetry(
      () => {
        calls++;
        throw record(429, '{"errno":7001}');
      },
      opts,
      { signal: undefined, vendor: 'acme', idempotent: true, url: undefined, replayable: false },
    ).catch((e: unknown) => e);
    expect(calls).toBe(1);
    expect(err).toBeInstanceOf(RateLimitError);
    expect((err as VendorError).retryDecision?.reason).toBe('body-not-replayable');
    // With no retries allowed at all, the reason stays attempts-exhausted.
    const none = resolveRetryOptions({ retries: 0, pacer: undefined });
    const err0 = await runRetry(
      () => {
        throw record(429, '{"errno":7001}');
      },
      none,
      { signal: undefined, vendor: 'acme', idempotent: true, url: undefined, replayable: false },
    ).catch((e: unknown) => e);
    expect((err0 as VendorError).retryDecision?.reason).toBe('attempts-exhausted');
  });
});

describe('the pacer is told records, not errors (issue 14)', () => {
  it('every failed attempt reaches pacer.report as the record itself; one VendorError is built, for the caller', async () => {
    const told: unknown[] = [];
    const real = createPacer();
    const pacer = {
      ...real,
      report: (key: string, outcome: PacerOutcome, info?: PacerReportInfo) => {
        told.push(outcome);
        real.report(key, outcome, info);
      },
    };
    const thrown: unknown[] = [];
    const err = await retry(
      () => {
        const r = record(503, '', { method: 'GET' });
        thrown.push(r);
        throw r;
      },
      { retries: 2, random: () => 0, baseDelayMs: 1, idempotent: true, vendor: 'acme', pacer },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServiceUnavailableError);
    expect(told).toHaveLength(3);
    told.forEach((outcome, i) => {
      expect(isClassification(outcome)).toBe(true);
      expect(outcome).toBe(thrown[i]);
    });
    // The pacer counted them as what they are (an outage answer each), not as cancellations.
    expect(real.snapshot().acme?.failures).toBe(3);
    real.close();
  });

  it("a deadline error is modelled on the key's last limit, reported as a record", async () => {
    const pacer = createPacer();
    const key = pacer.keyOf('acme', undefined);
    const permit = await pacer.acquire(key);
    pacer.report(key, record(429, '{"errno":7001,"errmsg":"slow down"}', { headers: { 'retry-after': '30' } }), {
      sentAt: permit.sentAt,
    });
    const refusal = await pacer.acquire(key, { deadline: pacer.now() + 10 }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(RateLimitError);
    expect((refusal as RateLimitError).code).toBe(7001);
    expect((refusal as RateLimitError).message).toMatch(/Too many requests.*the pacer held the call/);
    // Its cause is the limit's VendorError, built from the record when the deadline error was.
    expect((refusal as RateLimitError).cause).toBeInstanceOf(RateLimitError);
    pacer.close();
  });
});
