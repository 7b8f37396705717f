import { netease } from '../../adapters/index.js';
import { normalize, ServiceUnavailableError, type VendorError } from '../../src/index.js';

/** NetEase's rate limit as it arrives: HTTP 403, code 4030001 (kind `rate-limited`). */
export function neteaseLimit(retryAfterSeconds?: number): VendorError {
  const error = normalize(netease, {
    status: 403,
    headers: retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) },
    body: '{"code":4030001,"message":"Api freq out of limit."}',
    method: 'GET',
  });
  if (!error) throw new Error('expected a failure');
  return error;
}

/** NetEase's "system busy" as it arrives: HTTP 400, code 4000199 (kind `unavailable`, retry `safe`). */
export function neteaseBusy(): VendorError {
  const error = normalize(netease, {
    status: 400,
    headers: {},
    body: '{"code":4000199,"message":"System busy, please try again later."}',
    method: 'GET',
  });
  if (!error) throw new Error('expected a failure');
  return error;
}

/** A 503 from NetEase's gateway. */
export function neteaseDown(): VendorError {
  return new ServiceUnavailableError({ vendor: 'netease', status: 503, message: 'netease: service unavailable' });
}

/** Settles without unhandled rejections while timers are advanced. */
export function settle<T>(p: Promise<T>) {
  const state: { value?: T; error?: unknown; done: boolean; at?: number } = { done: false };
  p.then(
    (value) => Object.assign(state, { value, done: true, at: Date.now() }),
    (error: unknown) => Object.assign(state, { error, done: true, at: Date.now() }),
  );
  return state;
}

export const T0 = Date.UTC(2025, 0, 1, 12, 0, 0);
