import { describe, expect, it } from 'vitest';
import { createRetryBudget, retry, type RetryOptions } from '../../src/index.js';
import { DEFAULT_RETRY_OPTIONS, resolveRetryOptions } from '../../src/advanced.js';

describe('resolveRetryOptions', () => {
  it('fills in the documented defaults', () => {
    expect(DEFAULT_RETRY_OPTIONS).toEqual({
      retries: 5,
      baseDelayMs: 300,
      rateLimitBaseDelayMs: 1000,
      maxDelayMs: 20_000,
      maxElapsedMs: 60_000,
      maxRetryAfterMs: 60_000,
      attemptTimeoutMs: 30_000,
    });
    expect(Object.isFrozen(DEFAULT_RETRY_OPTIONS)).toBe(true);
    for (const input of [undefined, {}, { retries: undefined }]) {
      const r = resolveRetryOptions(input);
      expect(r).toMatchObject({ enabled: true, ...DEFAULT_RETRY_OPTIONS, budget: undefined, signal: undefined });
      expect(r.random).toBe(Math.random);
      expect(Object.isFrozen(r)).toBe(true);
    }
  });

  it('false switches retries off', () => {
    expect(resolveRetryOptions(false)).toMatchObject({ enabled: false, retries: 0 });
  });

  it('keeps given values', () => {
    const budget = createRetryBudget();
    const signal = new AbortController().signal;
    const onRetry = (): void => {};
    const r = resolveRetryOptions({ retries: 0, baseDelayMs: 0, maxDelayMs: 5, budget, signal, onRetry });
    expect(r).toMatchObject({ retries: 0, baseDelayMs: 0, maxDelayMs: 5, budget, signal, onRetry });
  });

  const bad: [keyof RetryOptions, unknown, RegExp][] = [
    ['retries', -1, /retry option `retries` must be a non-negative integer, got -1/],
    ['retries', 1.5, /`retries` must be a non-negative integer, got 1.5/],
    ['retries', '3', /`retries` must be a non-negative integer, got "3"/],
    ['retries', Number.POSITIVE_INFINITY, /`retries`.*Infinity/],
    ['retries', 101, /`retries` must be at most 100, got 101/],
    ['baseDelayMs', Number.NaN, /`baseDelayMs` must be a finite non-negative number, got NaN/],
    ['baseDelayMs', -5, /`baseDelayMs`/],
    ['rateLimitBaseDelayMs', Number.POSITIVE_INFINITY, /`rateLimitBaseDelayMs`/],
    ['maxDelayMs', -1, /`maxDelayMs`/],
    ['maxDelayMs', 2 ** 31, /`maxDelayMs` must be at most 2147483647/],
    ['maxElapsedMs', Number.POSITIVE_INFINITY, /`maxElapsedMs`/],
    ['maxRetryAfterMs', null, /`maxRetryAfterMs`.*got null/],
    ['maxRetryAfterMs', 2 ** 40, /`maxRetryAfterMs` must be at most/],
    ['attemptTimeoutMs', 0, /`attemptTimeoutMs` must be a positive number of ms, got 0/],
    ['attemptTimeoutMs', 2 ** 31, /`attemptTimeoutMs` must be at most 2147483647/],
    ['budget', {}, /`budget` must be a RetryBudget/],
    ['budget', 5, /`budget`/],
    ['signal', { aborted: false }, /`signal` must be an AbortSignal, got an object/],
    ['signal', 'yes', /`signal`/],
    ['onRetry', 'log', /`onRetry` must be a function, got "log"/],
    ['shouldRetry', true, /`shouldRetry` must be a function, got true/],
    ['random', 0.5, /`random` must be a function, got 0.5/],
  ];
  it.each(bad)('rejects %s = %s with a TypeError naming it', (name, value, message) => {
    const options = { [name]: value } as RetryOptions;
    expect(() => resolveRetryOptions(options)).toThrow(TypeError);
    expect(() => resolveRetryOptions(options)).toThrow(message);
  });

  it('accepts an AbortSignal-like object', () => {
    const like = { aborted: false, reason: undefined, addEventListener() {}, removeEventListener() {} };
    expect(resolveRetryOptions({ signal: like as unknown as AbortSignal }).signal).toBe(like);
  });

  it('rejects options that are not an object', () => {
    expect(() => resolveRetryOptions(null as unknown as RetryOptions)).toThrow(/retry options must be an object/);
    expect(() => resolveRetryOptions(3 as unknown as RetryOptions)).toThrow(TypeError);
  });

  it('retry() validates method and idempotent, and fn, before calling anything', async () => {
    let calls = 0;
    const fn = async (): Promise<number> => ++calls;
    await expect(retry(fn, { method: 5 as unknown as string })).rejects.toThrow(/`method` must be a string, got 5/);
    await expect(retry(fn, { idempotent: 'yes' as unknown as boolean })).rejects.toThrow(/`idempotent` must be a boolean/);
    await expect(retry(fn, { retries: -1 })).rejects.toThrow(TypeError);
    await expect(retry('nope' as unknown as () => number)).rejects.toThrow(/`fn` must be a function/);
    expect(calls).toBe(0);
  });
});
