import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createPacer,
  NotFoundError,
  type Pacer,
  RateLimitError,
  ServiceUnavailableError,
  type RetryCallOptions,
  type RetryContext,
  type RetryInfo,
  retry,
  type VendorError,
} from '../../src/index.js';
import { neteaseDown, neteaseLimit, settle, T0 } from './helpers.js';

const URL_A = 'https://open.c.163.com/api/v1/containers';
const URL_B = 'https://open.c.163.com/api/v1/repositories?limit=5';
const KEY = 'netease|open.c.163.com';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(() => void vi.useRealTimers());

type Step = VendorError | { ok: unknown } | { throws: unknown };

/** A call that fails with each step in turn, then succeeds with 'done'; records when it was called. */
function script(...steps: Step[]) {
  const calls: number[] = [];
  const fn = async (_ctx: RetryContext): Promise<unknown> => {
    calls.push(Date.now());
    const step = steps[calls.length - 1];
    if (step === undefined) return 'done';
    if ('ok' in step) return step.ok;
    if ('throws' in step) throw step.throws;
    throw step;
  };
  return { fn, calls };
}

const netease = (extra: Partial<RetryCallOptions> = {}): RetryCallOptions => ({
  vendor: 'netease',
  url: URL_A,
  method: 'GET',
  ...extra,
});

describe('retry() with a pacer', () => {
  it('asks before every attempt and reports every result, under vendor|host', async () => {
    // A pacer of one's own making works too: the engine needs now, acquire, report.
    const inner = createPacer();
    const tryAcquire = vi.fn(inner.tryAcquire);
    const acquire = vi.fn(inner.acquire);
    const report = vi.fn(inner.report);
    const pacer = { ...inner, tryAcquire, acquire, report };
    const { fn } = script(neteaseDown());
    const s = settle(retry(fn, netease({ pacer })));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(s.value).toBe('done');
    // Never limited: each attempt's permit comes at once, and nothing waits on a promise.
    expect(tryAcquire.mock.calls.map((c) => c[0])).toEqual([KEY, KEY]);
    expect(acquire).not.toHaveBeenCalled();
    expect(report.mock.calls.map((c) => [c[0], (c[1] as VendorError | undefined)?.kind])).toEqual([
      [KEY, 'unavailable'],
      [KEY, undefined],
    ]);
    expect(pacer.snapshot()[KEY]).toMatchObject({ inFlight: 0, queue: 0 });
    // Without a URL the key is the vendor; without a vendor, 'default'.
    await retry(async () => 1, { pacer });
    await retry(async () => 1, { pacer, vendor: 'upyun' });
    expect(Object.keys(pacer.snapshot()).sort()).toEqual(['default', KEY, 'upyun']);
  });

  it("the key is the pacer's keyOf; a pacer object without one keys on the vendor alone", async () => {
    const inner = createPacer();
    const keyOf = vi.fn((vendor: string | undefined) => `mine:${vendor}`);
    await retry(async () => 1, netease({ pacer: { ...inner, keyOf } }));
    expect(keyOf.mock.calls).toEqual([['netease', URL_A]]);
    expect(Object.keys(inner.snapshot())).toEqual(['mine:netease']);
    // Plain JavaScript, written before keyOf existed: `now`, `acquire`, `report` only.
    const plain = { now: inner.now, acquire: inner.acquire, report: inner.report } as unknown as Pacer;
    await retry(async () => 1, netease({ pacer: plain }));
    await retry(async () => 1, { pacer: plain });
    expect(Object.keys(inner.snapshot()).sort()).toEqual(['default', 'mine:netease', 'netease']);
  });

  it('when the key must wait, tryAcquire declines and the attempt waits in acquire', async () => {
    const inner = createPacer();
    const tryAcquire = vi.fn(inner.tryAcquire);
    const acquire = vi.fn(inner.acquire);
    const pacer = { ...inner, tryAcquire, acquire };
    pacer.report(KEY, neteaseLimit(2));
    const { fn, calls } = script();
    const s = settle(retry(fn, netease({ pacer })));
    await vi.advanceTimersByTimeAsync(1999);
    expect(calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(s.value).toBe('done');
    expect(calls.map((t) => t - T0)).toEqual([2000]);
    expect(tryAcquire.mock.results.map((r) => r.value)).toEqual([undefined]);
    expect(acquire.mock.calls.map((c) => c[0])).toEqual([KEY]);
  });

  it('Retry-After: the pacer holds the retry for exactly the hint, once (no double wait)', async () => {
    const pacer = createPacer();
    const onRetry = vi.fn<(info: RetryInfo) => void>();
    const { fn, calls } = script(neteaseLimit(2), neteaseLimit(2), new NotFoundError({ vendor: 'netease', status: 404 }));
    const s = settle(retry(fn, netease({ pacer, onRetry })));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls.map((t) => t - T0)).toEqual([0, 2000, 4000]);
    const error = s.error as VendorError;
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.attempts).toEqual([
      { attempt: 1, status: 403, code: 4030001, kind: 'rate-limited', delayMs: 2000, delaySource: 'pacer' },
      { attempt: 2, status: 403, code: 4030001, kind: 'rate-limited', delayMs: 2000, delaySource: 'pacer' },
      { attempt: 3, status: 404, kind: 'not-found' },
    ]);
    expect(onRetry.mock.calls.map(([i]) => [i.source, i.delayMs])).toEqual([
      ['pacer', 2000],
      ['pacer', 2000],
    ]);
  });

  it('a rate limit without a hint is retried when the pacer allows, without a backoff on top', async () => {
    const pacer = createPacer();
    // Without a pacer this backoff would be 0.99 · 1000 ms.
    const { fn, calls } = script(neteaseLimit(), neteaseLimit());
    const s = settle(retry(fn, netease({ pacer, random: () => 0.99 })));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(s.value).toBe('done');
    // The first limit starts slow start at 1/s (nothing was measured): the retry goes at once
    // (the bucket holds one token), the next one a second later: the pacer's wait, not a backoff's.
    expect(calls.map((t) => t - T0)).toEqual([0, 0, 1000]);
  });

  it('a "busy" refusal (unavailable, retry class safe) is left to the pacer too: no backoff on top', async () => {
    const pacer = createPacer();
    const busy = () => new ServiceUnavailableError({ vendor: 'netease', status: 400, code: 4000199, retry: 'safe' });
    // Without a pacer these backoffs would be 0.99 · 300 ms and 0.99 · 600 ms.
    const { fn, calls } = script(busy(), busy());
    const s = settle(retry(fn, netease({ pacer, random: () => 0.99, method: 'POST' })));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(s.value).toBe('done');
    // Same schedule as a rate limit: back-pressure starts slow start, and the waits are the pacer's.
    expect(calls.map((t) => t - T0)).toEqual([0, 0, 1000]);
  });

  it('without a pacer (`pacer: false`) nothing changes', async () => {
    const { fn, calls } = script(neteaseLimit());
    const s = settle(retry(fn, netease({ random: () => 0.5, pacer: false })));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(s.value).toBe('done');
    expect(calls.map((t) => t - T0)).toEqual([0, 500]);
  });

  it('a rate limit the pacer foresaw costs no request: held past maxElapsedMs, it fails unsent (reason deadline)', async () => {
    const pacer = createPacer();
    // Another client was told to wait 30 s.
    const other = neteaseLimit(30);
    pacer.report(KEY, other);
    const { fn, calls } = script();
    const s = settle(retry(fn, netease({ pacer, maxElapsedMs: 5000 })));
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toHaveLength(0);
    const error = s.error as VendorError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).not.toBe(other);
    expect(error.cause).toBe(other);
    expect(error.code).toBe(4030001);
    expect(error.retryDecision).toMatchObject({ retried: false, reason: 'deadline' });
    expect(error.attempts).toEqual([]);
  });

  it('the time held by the pacer counts against maxElapsedMs; the record shows the wait', async () => {
    // One 503 opens the circuit; the retry (no backoff with random 0) is held for the probe at 1 s.
    const pacer = createPacer({ failureThreshold: 1, probeDelayMs: 1000 });
    const { fn, calls } = script(neteaseDown(), new NotFoundError({ vendor: 'netease', status: 404 }));
    const s = settle(retry(fn, netease({ pacer, random: () => 0 })));
    await vi.advanceTimersByTimeAsync(5000);
    expect(calls.map((t) => t - T0)).toEqual([0, 1000]);
    expect((s.error as VendorError).attempts?.[0]).toMatchObject({
      attempt: 1,
      kind: 'unavailable',
      delayMs: 1000,
      delaySource: 'pacer',
    });

    // With less time than that left, the retry is not held for nothing.
    const other = createPacer({ failureThreshold: 1, probeDelayMs: 1000 });
    const again = script(neteaseDown());
    const t = settle(retry(again.fn, netease({ pacer: other, random: () => 0, maxElapsedMs: 800 })));
    await vi.advanceTimersByTimeAsync(0);
    expect(again.calls).toHaveLength(1);
    const error = t.error as VendorError;
    expect(error.retryDecision?.reason).toBe('deadline');
    expect(error.attempts).toHaveLength(1);
  });

  it('held behind a probe that does not come back, the call fails at its deadline with its history', async () => {
    const pacer = createPacer({ failureThreshold: 1 });
    // Another call opens the circuit, then takes the probe at 1 s and keeps it.
    pacer.report(KEY, neteaseDown());
    const probe = settle(pacer.acquire(KEY));
    await vi.advanceTimersByTimeAsync(1000);
    expect(probe.done).toBe(true);
    const { fn, calls } = script();
    const s = settle(retry(fn, netease({ pacer, maxElapsedMs: 3000 })));
    await vi.advanceTimersByTimeAsync(2999);
    expect(s.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(0);
    const error = s.error as VendorError;
    expect(error.kind).toBe('unavailable');
    expect(error.retryDecision?.reason).toBe('deadline');
    expect(error.message).toMatch(/probe/);
  });

  it('an abort while the pacer holds the call rejects with the reason', async () => {
    const pacer = createPacer();
    pacer.report(KEY, neteaseLimit(10));
    const controller = new AbortController();
    const { fn, calls } = script();
    const s = settle(retry(fn, netease({ pacer, signal: controller.signal })));
    await vi.advanceTimersByTimeAsync(100);
    expect(pacer.snapshot()[KEY]?.queue).toBe(1);
    controller.abort('changed my mind');
    await vi.advanceTimersByTimeAsync(0);
    expect(s.error).toBe('changed my mind');
    expect(calls).toHaveLength(0);
    expect(pacer.snapshot()[KEY]).toMatchObject({ queue: 0, inFlight: 0 });
  });

  it('a failure that is not a vendor error is reported as cancelled: nothing stays in flight', async () => {
    const pacer = createPacer();
    const bug = new TypeError('bug');
    const { fn } = script({ throws: bug });
    await expect(retry(fn, netease({ pacer }))).rejects.toBe(bug);
    expect(pacer.snapshot()[KEY]).toMatchObject({ inFlight: 0, state: 'closed' });
  });

  it('two clients through retry() share the pause: the one that never saw the limit waits too', async () => {
    const pacer = createPacer();
    const a = script(neteaseLimit(1));
    const b = script();
    const sa = settle(retry(a.fn, netease({ pacer, url: URL_A })));
    await vi.advanceTimersByTimeAsync(10);
    const sb = settle(retry(b.fn, netease({ pacer, url: URL_B })));
    await vi.advanceTimersByTimeAsync(5000);
    expect(sa.value).toBe('done');
    expect(sb.value).toBe('done');
    expect(b.calls[0]! - T0).toBeGreaterThanOrEqual(1000);
    expect(a.calls[1]! - T0).toBeGreaterThanOrEqual(1000);
    expect(a.calls[1]).not.toBe(b.calls[0]);
  });

  it('validates the pacer option', async () => {
    await expect(retry(async () => 1, { pacer: {} as never })).rejects.toThrow(/retry option `pacer` must be a Pacer/);
    await expect(retry(async () => 1, { vendor: 1 as never })).rejects.toThrow(/retry option `vendor` must be a string/);
    await expect(retry(async () => 1, { url: 1 as never })).rejects.toThrow(/retry option `url` must be a string or a URL/);
  });
});
