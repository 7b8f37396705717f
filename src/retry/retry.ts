import { invalid } from '../core/options.js';
import { isIdempotentRequest } from './idempotency.js';
import { type RetryOptions, resolveRetryOptions } from './options.js';
import { runRetry } from './run.js';

// Why not p-retry (v7, installed as a dev dependency). Its loop is ~40 lines we would save, but:
// - Delays: it computes `minTimeout · factor^n` (optionally × a random factor in [1, 2)) before
//   we could say anything. There is no per-error delay, so a server's Retry-After cannot be used
//   as is without jitter, and there is no full jitter; we would sleep inside `onFailedAttempt`
//   with `minTimeout: 0`, i.e. fight it.
// - Deadline: `maxRetryTime` shortens the last wait to the time left and tries once more at the
//   deadline; we give up *before* sleeping, with reason `deadline`.
// - Decisions: `shouldRetry` returns a boolean, but we must record *why* we stopped
//   (`retryDecision.reason`); non-`Error` throws become a `TypeError` (we rethrow unchanged).
// - Packaging: it would become a runtime dependency (plus `is-network-error`). Its engines
//   (Node >= 20) and APIs (setTimeout, performance.now) would be fine for Node 20 and browsers;
//   that is not the reason.
// - The adaptive pacer (src/pacer) needs hooks before each attempt and after each result, which
//   means owning the loop. So the loop is here, and it is small.

/** What each attempt of {@link retry} is given. */
export interface RetryContext {
  /** 1 for the first try. */
  readonly attempt: number;
  /** The caller's signal, to pass on to the transport. */
  readonly signal?: AbortSignal;
}

/** Options of {@link retry}: the {@link RetryOptions} plus what the request is. */
export interface RetryCallOptions extends RetryOptions {
  /**
   * The request's HTTP method; decides `idempotent` when that is not given.
   * @default undefined
   */
  readonly method?: string;
  /**
   * Whether the call may be repeated after the vendor may have acted on it. Wins over `method`.
   * @default isIdempotentRequest(method) when `method` is given, otherwise false
   */
  readonly idempotent?: boolean;
  /**
   * The vendor (adapter name) the call goes to: with `url`, what a `pacer` keys the call on
   * (`pacer.keyOf(vendor, url)`; `createPacer`'s key is `${vendor}|${host}`). Integrations set it.
   * @default 'default'
   */
  readonly vendor?: string;
  /**
   * The request URL; only a pacer reads it, for its key (`createPacer`'s uses the host alone).
   * Integrations set it.
   * @default undefined (the key is the vendor alone)
   */
  readonly url?: string | URL;
}

/**
 * Calls `fn` until it succeeds or the engine decides to stop: the attempt loop behind the axios,
 * ky and fetch integrations, usable directly with any transport (a WebSocket client, an SDK).
 *
 * - Before each attempt the signal is checked: once aborted, `retry` rejects with `signal.reason`
 *   and calls `fn` no more. A wait in progress rejects at once the same way.
 * - A `VendorError` from `fn` goes to {@link vendor-errors/advanced!decideRetry}; if it says retry, the budget (if any)
 *   must grant a token (else reason `budget-exhausted`), `onRetry` is called, and the engine waits.
 * - On giving up, the error carries `attempts` (one {@link AttemptRecord} per try) and
 *   `retryDecision` (`{ retried: false, reason, detail }`), and `retry` rejects with it.
 * - Anything else thrown by `fn` is rethrown unchanged and never retried: integrations turn
 *   transport failures into `VendorError`s (see `transportError`) before they reach the loop.
 *
 * Idempotency: `idempotent` wins; else `method` decides via {@link isIdempotentRequest}; else the
 * call counts as *not* idempotent. Unlike an HTTP config, a bare `fn` has no default method: it
 * may be a WebSocket write or an SDK call that creates something. Errors of class `safe`
 * (rate limits, "busy") still retry; for reads over a non-HTTP transport pass `idempotent: true`.
 *
 * `options === false` makes exactly one attempt (reason `retries-disabled` on failure).
 *
 * With a `pacer`, every attempt (the first too) waits for `pacer.acquire(key)` (or takes the
 * permit `pacer.tryAcquire(key)` gives at once) before `fn` is called, and its result is reported with `pacer.report()`; the key is `pacer.keyOf(vendor, url)`.
 * The wait counts against `maxElapsedMs`: a call the pacer holds past that deadline rejects with
 * a `VendorError` whose `retryDecision.reason` is `deadline`, without being sent. A rate-limited
 * attempt, or one with a server hint, is retried without a backoff sleep: the pacer holds it
 * until its key resumes and sends it at the learned rate, so the total wait is the vendor's
 * (its attempt record says `delaySource: 'pacer'` with the wait that happened).
 *
 * @example
 * const files = await retry(
 *   async ({ signal }) => {
 *     const res = await fetch(url, { signal });
 *     if (!res.ok) throw normalize(upyun, { status: res.status, headers: res.headers, body: await res.text(), method: 'GET' });
 *     return res.json();
 *   },
 *   { method: 'GET', retries: 4, signal: AbortSignal.timeout(30_000), onRetry: ({ error, delayMs }) => log.warn(error.message, delayMs) },
 * );
 */
export async function retry<T>(fn: (ctx: RetryContext) => Promise<T> | T, options?: RetryCallOptions | false): Promise<T> {
  if (typeof fn !== 'function') throw new TypeError(`retry: \`fn\` must be a function, got ${typeof fn}`);
  const opts = resolveRetryOptions(options);
  let idempotent = false;
  let vendor: string | undefined;
  let url: string | URL | undefined;
  let method: string | undefined;
  if (options) {
    const given = options.idempotent;
    method = options.method;
    if (method !== undefined && typeof method !== 'string') throw invalid('retry option', 'method', 'a string', method);
    if (given !== undefined && typeof given !== 'boolean') throw invalid('retry option', 'idempotent', 'a boolean', given);
    ({ vendor, url } = options);
    if (vendor !== undefined && typeof vendor !== 'string') throw invalid('retry option', 'vendor', 'a string', vendor);
    if (url !== undefined && typeof url !== 'string' && !(typeof url === 'object' && url !== null)) {
      throw invalid('retry option', 'url', 'a string or a URL', url);
    }
    idempotent = given ?? (method !== undefined ? isIdempotentRequest(method) : false);
  }
  return runRetry(fn, opts, { signal: opts.signal, vendor, idempotent, url, method });
}
