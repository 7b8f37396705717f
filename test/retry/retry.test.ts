import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createRetryBudget,
  isVendorError,
  type RetryCallOptions,
  type RetryContext,
  type RetryInfo,
  retry,
  type VendorError,
} from '../../src/index.js';
import { sleep } from '../../src/advanced.js';
import { http } from './helpers.js';

type Step = VendorError | (() => VendorError) | { ok: unknown } | { throws: unknown };

/** A call that fails with each step in turn, then succeeds with 'done'; records when it was called. */
function script(...steps: Step[]) {
  const calls: { at: number; ctx: RetryContext }[] = [];
  const fn = async (ctx: RetryContext): Promise<unknown> => {
    calls.push({ at: Date.now(), ctx });
    const step = steps[calls.length - 1];
    if (step === undefined) return 'done';
    if (typeof step === 'function') throw step();
    if ('ok' in step) return step.ok;
    if ('throws' in step) throw step.throws;
    throw step;
  };
  return { fn, calls };
}

/** Settles without unhandled rejections while timers are advanced. */
function settle<T>(p: Promise<T>) {
  const state: { value?: T; error?: unknown; done: boolean } = { done: false };
  p.then(
    (value) => Object.assign(state, { value, done: true }),
    (error: unknown) => Object.assign(state, { error, done: true }),
  );
  return state;
}

const T0 = Date.UTC(2025, 0, 1, 12, 0, 0);

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(() => void vi.useRealTimers());

describe('retry: delays are the scheduled ones', () => {
  it('Retry-After: 2 waits exactly 2000 ms, even for a POST', async () => {
    const { fn, calls } = script(http(429, { method: 'POST', headers: { 'retry-after': '2' } }));
    const s = settle(retry(fn, { method: 'POST' }));
    await vi.advanceTimersByTimeAsync(1999);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(2);
    expect(calls[1]!.at - calls[0]!.at).toBe(2000);
    expect(s).toMatchObject({ done: true, value: 'done' });
  });

  it('Retry-After as an HTTP-date', async () => {
    const { fn, calls } = script(() =>
      http(503, { headers: { 'retry-after': new Date(Date.now() + 7000).toUTCString() }, now: Date.now() }),
    );
    const s = settle(retry(fn, { method: 'GET' }));
    await vi.advanceTimersByTimeAsync(6999);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(2);
    expect(s.value).toBe('done');
  });

  it('retry-after-ms', async () => {
    const { fn, calls } = script(http(429, { headers: { 'retry-after-ms': '350' } }));
    const onRetry = vi.fn();
    const s = settle(retry(fn, { onRetry }));
    await vi.advanceTimersByTimeAsync(350);
    expect(calls.map((c) => c.at - T0)).toEqual([0, 350]);
    expect(onRetry).toHaveBeenCalledWith(expect.objectContaining({ attempt: 1, delayMs: 350, source: 'retry-after' }));
    expect(s.value).toBe('done');
  });

  it('full-jitter backoff with a fixed random: 150, 300, 600 ms for 503 on GET', async () => {
    const { fn, calls } = script(http(503), http(503), http(503));
    const infos: RetryInfo[] = [];
    const s = settle(retry(fn, { method: 'GET', random: () => 0.5, onRetry: (i) => void infos.push(i) }));
    await vi.runAllTimersAsync();
    expect(calls.map((c) => c.at - T0)).toEqual([0, 150, 450, 1050]);
    expect(infos.map((i) => [i.attempt, i.delayMs, i.source])).toEqual([
      [1, 150, 'backoff'],
      [2, 300, 'backoff'],
      [3, 600, 'backoff'],
    ]);
    expect(s.value).toBe('done');
  });

  it('rate limits without a hint back off from the larger base', async () => {
    const { fn, calls } = script(http(429), http(429));
    settle(retry(fn, { random: () => 0.999 }));
    await vi.runAllTimersAsync();
    expect(calls.map((c) => c.at - T0)).toEqual([0, 999, 999 + 1998]);
  });

  it('jitter: random = 0 retries at once, random = 0.999 waits just under the cap', async () => {
    const zero = script(http(503), http(503));
    const s = settle(retry(zero.fn, { method: 'GET', random: () => 0 }));
    await vi.advanceTimersByTimeAsync(0);
    expect(zero.calls.map((c) => c.at - T0)).toEqual([0, 0, 0]);
    expect(s.value).toBe('done');

    const capped = script(http(503), http(503), http(503));
    settle(retry(capped.fn, { method: 'GET', random: () => 0.999, baseDelayMs: 1000, maxDelayMs: 1500 }));
    await vi.runAllTimersAsync();
    const at = capped.calls.map((c) => c.at - T0);
    expect([at[1]! - at[0]!, at[2]! - at[1]!, at[3]! - at[2]!]).toEqual([999, 1498, 1498]);
  });
});

describe('retry: giving up', () => {
  it('records every attempt and the decision on the final error', async () => {
    const headers = { 'retry-after': '1', 'x-request-id': 'req-1' };
    const { fn, calls } = script(
      http(429, { headers, body: { errno: 7001 } }),
      http(503, { headers: { 'x-request-id': 'req-2' } }),
      http(404, { body: { errno: 7003 }, headers: { 'x-request-id': 'req-3' } }),
    );
    const s = settle(retry(fn, { method: 'GET', random: () => 0.5 }));
    await vi.runAllTimersAsync();
    expect(calls).toHaveLength(3);
    const error = s.error as VendorError;
    expect(isVendorError(error)).toBe(true);
    expect(error.kind).toBe('not-found');
    expect(error.attempts).toEqual([
      {
        attempt: 1,
        status: 429,
        code: 7001,
        kind: 'rate-limited',
        requestId: 'req-1',
        delayMs: 1000,
        delaySource: 'retry-after',
      },
      { attempt: 2, status: 503, kind: 'unavailable', requestId: 'req-2', delayMs: 300, delaySource: 'backoff' },
      { attempt: 3, status: 404, code: 7003, kind: 'not-found', requestId: 'req-3' },
    ]);
    expect(error.retryDecision).toMatchObject({ retried: false, reason: 'not-retryable' });
    expect(error.toJSON().attempts).toHaveLength(3);
  });

  it('attempts-exhausted after retries + 1 calls', async () => {
    const { fn, calls } = script(http(503), http(503), http(503), http(503), http(503));
    const s = settle(retry(fn, { method: 'GET', retries: 2, random: () => 0 }));
    await vi.runAllTimersAsync();
    expect(calls).toHaveLength(3);
    expect((s.error as VendorError).retryDecision).toMatchObject({ reason: 'attempts-exhausted' });
    expect((s.error as VendorError).attempts).toHaveLength(3);
  });

  it('deadline: gives up without sleeping and without another call', async () => {
    const hinted = () => http(503, { headers: { 'retry-after': '2' } });
    const { fn, calls } = script(hinted, hinted, hinted);
    const s = settle(retry(fn, { method: 'GET', maxElapsedMs: 3000 }));
    await vi.advanceTimersByTimeAsync(2000);
    expect(calls).toHaveLength(2);
    expect(s.done).toBe(true); // 2000 elapsed + 2000 wait > 3000: rejected at once
    expect(vi.getTimerCount()).toBe(0);
    const error = s.error as VendorError;
    expect(error.retryDecision).toMatchObject({ retried: false, reason: 'deadline' });
    expect(error.retryDecision?.detail).toMatch(/maxElapsedMs 3000/);
    await vi.runAllTimersAsync();
    expect(calls).toHaveLength(2);
  });

  it('deadline counts the time attempts take, from the first attempt', async () => {
    let n = 0;
    const fn = async (): Promise<never> => {
      n++;
      await sleep(1500);
      throw http(503, { headers: { 'retry-after': '1' } });
    };
    const s = settle(retry(fn, { method: 'GET', maxElapsedMs: 4000 }));
    await vi.runAllTimersAsync();
    // 0–1500 call 1, wait to 2500, 2500–4000 call 2; 4000 + 1000 > 4000
    expect(n).toBe(2);
    expect((s.error as VendorError).retryDecision?.reason).toBe('deadline');
  });

  it('retry-after-too-long: gives up at once', async () => {
    const { fn, calls } = script(http(429, { headers: { 'retry-after': '3600' } }));
    const s = settle(retry(fn, { method: 'POST' }));
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toHaveLength(1);
    expect((s.error as VendorError).retryDecision).toEqual({
      retried: false,
      reason: 'retry-after-too-long',
      detail: 'Retry-After 3600000 ms exceeds maxRetryAfterMs 60000',
    });
    expect((s.error as VendorError).attempts).toEqual([{ attempt: 1, status: 429, kind: 'rate-limited' }]);
  });

  it('budget-exhausted: records one request per call and stops when no token is left', async () => {
    const budget = createRetryBudget({ ratio: 0, minPerSecond: 0.1, windowMs: 10_000 }); // one retry per 10 s
    const first = script(http(503), http(503), http(503));
    const s = settle(retry(first.fn, { method: 'GET', budget, random: () => 0 }));
    await vi.runAllTimersAsync();
    expect(first.calls).toHaveLength(2);
    expect((s.error as VendorError).retryDecision).toMatchObject({ reason: 'budget-exhausted' });
    expect(budget.snapshot()).toMatchObject({ requests: 1, retries: 1, available: 0 }); // one deposit per call, not per try

    await vi.advanceTimersByTimeAsync(10_000); // the withdrawal expires
    const second = script(http(503));
    const s2 = settle(retry(second.fn, { method: 'GET', budget, random: () => 0 }));
    await vi.runAllTimersAsync();
    expect(s2.value).toBe('done');
  });

  it('a budget is not charged for errors that would not retry anyway', async () => {
    const budget = createRetryBudget({ ratio: 0, minPerSecond: 0.1, windowMs: 10_000 });
    const { fn } = script(http(404));
    settle(retry(fn, { budget }));
    await vi.runAllTimersAsync();
    expect(budget.snapshot().retries).toBe(0);
  });
});

describe('retry: abort', () => {
  it('abort mid-sleep rejects with signal.reason at once and calls no more', async () => {
    const c = new AbortController();
    const { fn, calls } = script(http(429, { headers: { 'retry-after': '10' } }));
    const s = settle(retry(fn, { signal: c.signal }));
    await vi.advanceTimersByTimeAsync(3000);
    expect(s.done).toBe(false);
    const reason = new Error('user cancelled');
    c.abort(reason);
    await vi.advanceTimersByTimeAsync(0);
    expect(s).toMatchObject({ done: true, error: reason });
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toHaveLength(1);
  });

  it('an already aborted signal rejects before any call', async () => {
    const c = new AbortController();
    c.abort('nope');
    const budget = createRetryBudget();
    const { fn, calls } = script();
    await expect(retry(fn, { signal: c.signal, budget })).rejects.toBe('nope');
    expect(calls).toHaveLength(0);
    expect(budget.snapshot().requests).toBe(0);
  });

  it('each attempt is given the signal and its number', async () => {
    const c = new AbortController();
    const { fn, calls } = script(http(503));
    settle(retry(fn, { method: 'GET', signal: c.signal, random: () => 0 }));
    await vi.runAllTimersAsync();
    expect(calls.map((x) => x.ctx)).toEqual([
      { attempt: 1, signal: c.signal },
      { attempt: 2, signal: c.signal },
    ]);
  });

  it('a VendorError thrown after an abort during the call stops with reason aborted', async () => {
    const c = new AbortController();
    const fn = async (): Promise<never> => {
      c.abort(new Error('late'));
      throw http(503);
    };
    const s = settle(retry(fn, { method: 'GET', signal: c.signal }));
    await vi.runAllTimersAsync();
    expect((s.error as VendorError).retryDecision?.reason).toBe('aborted');
  });
});

describe('retry: decision table through the loop', () => {
  const cases: [string, () => VendorError, RetryCallOptions, number, string | undefined][] = [
    ['POST + 429 retries', () => http(429, { method: 'POST' }), { method: 'POST' }, 2, undefined],
    ['POST + 503 does not', () => http(503, { method: 'POST' }), { method: 'POST' }, 1, 'not-idempotent'],
    ['GET + 503 retries', () => http(503), { method: 'GET' }, 2, undefined],
    ['GET + 404 never', () => http(404), { method: 'GET' }, 1, 'not-retryable'],
    [
      'POST + Idempotency-Key (idempotent: true) + 503 retries',
      () => http(503),
      { method: 'POST', idempotent: true },
      2,
      undefined,
    ],
    ['no method and no idempotent: 503 does not retry', () => http(503), {}, 1, 'not-idempotent'],
    ['no method: 429 still retries', () => http(429), {}, 2, undefined],
    ['idempotent: false wins over GET', () => http(503), { method: 'GET', idempotent: false }, 1, 'not-idempotent'],
    ['shouldRetry false', () => http(429), { shouldRetry: () => false }, 1, 'should-retry'],
    ['shouldRetry true overrides the method rule', () => http(503), { method: 'POST', shouldRetry: () => true }, 2, undefined],
  ];
  it.each(cases)('%s', async (_, make, options, expectedCalls, reason) => {
    const { fn, calls } = script(make());
    const s = settle(retry(fn, { random: () => 0, ...options }));
    await vi.runAllTimersAsync();
    expect(calls).toHaveLength(expectedCalls);
    if (reason) expect((s.error as VendorError).retryDecision?.reason).toBe(reason);
    else expect(s.value).toBe('done');
  });

  it('options false: one attempt, reason retries-disabled', async () => {
    const { fn, calls } = script(http(429));
    const s = settle(retry(fn, false));
    await vi.runAllTimersAsync();
    expect(calls).toHaveLength(1);
    expect((s.error as VendorError).retryDecision?.reason).toBe('retries-disabled');
    expect((s.error as VendorError).attempts).toHaveLength(1);
  });
});

describe('retry: everything else', () => {
  it('returns the first success without waiting', async () => {
    await expect(retry(() => 42)).resolves.toBe(42);
    await expect(retry(async () => 'x', { method: 'GET' })).resolves.toBe('x');
  });

  it('rethrows non-VendorErrors unchanged and does not retry them', async () => {
    const boom = new TypeError('socket hang up');
    const a = script({ throws: boom });
    await expect(retry(a.fn, { method: 'GET' })).rejects.toBe(boom);
    expect(a.calls).toHaveLength(1);
    const b = script({ throws: 'a string' });
    await expect(retry(b.fn, { method: 'GET' })).rejects.toBe('a string');
    let syncCalls = 0;
    const err = new RangeError('sync');
    await expect(
      retry(() => {
        syncCalls++;
        throw err;
      }),
    ).rejects.toBe(err);
    expect(syncCalls).toBe(1);
  });

  it('a synchronous VendorError throw is retried like a rejection', async () => {
    let n = 0;
    const s = settle(
      retry(
        () => {
          if (++n < 2) throw http(429);
          return n;
        },
        { random: () => 0 },
      ),
    );
    await vi.runAllTimersAsync();
    expect(s.value).toBe(2);
  });

  it('an onRetry that throws rejects with its error and stops', async () => {
    const hookError = new Error('logger broke');
    const { fn, calls } = script(http(429));
    const s = settle(
      retry(fn, {
        onRetry: () => {
          throw hookError;
        },
      }),
    );
    await vi.runAllTimersAsync();
    expect(s.error).toBe(hookError);
    expect(calls).toHaveLength(1);
  });

  it('the same error instance thrown twice gets the full history', async () => {
    const error = http(503);
    const { fn } = script(error, error);
    const s = settle(retry(fn, { method: 'GET', retries: 1, random: () => 0 }));
    await vi.runAllTimersAsync();
    expect(s.error).toBe(error);
    expect(error.attempts?.map((a) => a.attempt)).toEqual([1, 2]);
    expect(error.retryDecision?.reason).toBe('attempts-exhausted');
  });
});
