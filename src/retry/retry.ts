import type { AttemptRecord, RetryDecisionRecord, RetryDelaySource } from '../errors/attempts.js';
import { isClassification } from '../core/classify.js';
import { attachRetryHistory, isVendorError, type VendorError } from '../errors/vendor-error.js';
import { isBackPressure } from '../pacer/back-pressure.js';
import { pacerOfCall } from '../pacer/default.js';
import type { Pacer } from '../pacer/types.js';
import { budgetExhausted, decideRetry, errorOf, pacerDeadline, type RetryFailure } from './decide.js';
import { isIdempotentRequest } from './idempotency.js';
import { type ResolvedRetryOptions, type RetryOptions, resolveRetryOptions } from './options.js';
import { spentQuotaMs } from './quota.js';
import { sleep } from './sleep.js';
import { clock, keyFor, type LoopCall, record, settleHeld, tell, withoutBackoff } from './loop-parts.js';

export type { LoopCall } from './loop-parts.js';
import type { RetryObserver } from './telemetry.js';
import { invalid } from '../core/options.js';
import { abortReason } from '../core/abort.js';

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
 * - A `VendorError` from `fn` goes to {@link decideRetry}; if it says retry, the budget (if any)
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
  if (options) {
    const { method, idempotent: given } = options;
    if (method !== undefined && typeof method !== 'string') throw invalid('retry option', 'method', 'a string', method);
    if (given !== undefined && typeof given !== 'boolean') throw invalid('retry option', 'idempotent', 'a boolean', given);
    ({ vendor, url } = options);
    if (vendor !== undefined && typeof vendor !== 'string') throw invalid('retry option', 'vendor', 'a string', vendor);
    if (url !== undefined && typeof url !== 'string' && !(typeof url === 'object' && url !== null)) {
      throw invalid('retry option', 'url', 'a string or a URL', url);
    }
    idempotent = given ?? (method !== undefined ? isIdempotentRequest(method) : false);
  }
  return runRetry(fn, opts, { signal: opts.signal, vendor, idempotent, url });
}

/**
 * @internal The loop behind {@link retry}, on options already resolved (validated once, where
 * they were given): what every integration calls for each request.
 */
export function runRetry<T>(fn: (ctx: RetryContext) => Promise<T> | T, opts: ResolvedRetryOptions, call: LoopCall): Promise<T> {
  try {
    return first(fn, opts, call);
  } catch (error) {
    // A pacer, budget or telemetry hook that throws: a rejection, as from an async function.
    return Promise.reject(error);
  }
}

function first<T>(fn: (ctx: RetryContext) => Promise<T> | T, opts: ResolvedRetryOptions, call: LoopCall): Promise<T> {
  const obs = opts.telemetry?.start({ vendor: call.vendor });
  if (obs) return observed(fn, opts, call, obs);
  // Without telemetry, the first attempt is sent from here, with no async frame around it: a call
  // that succeeds at once (nearly all) costs one `then`, and only a failure (or a pacer that must
  // hold the call) enters the loop. Measured (issue 14): the loop's async frame and its await
  // were a tenth of what a successful call cost the integrations.
  const signal = call.signal;
  if (signal?.aborted) return Promise.reject(abortReason(signal));
  const pacer = pacerOfCall(opts.pacer, call.vendor);
  let key = '';
  let sentAt = 0;
  if (pacer) {
    key = keyFor(pacer, call);
    const permit = typeof pacer.tryAcquire === 'function' ? pacer.tryAcquire(key) : undefined;
    // Declined: the loop's first attempt waits in `acquire` (without asking `tryAcquire` again).
    if (!permit) return loop(fn, opts, call, undefined, pacer, key, 'declined');
    sentAt = permit.sentAt;
  }
  const start = clock();
  opts.budget?.recordRequest();
  let sent: Promise<T>;
  try {
    sent = Promise.resolve(fn(signal ? { attempt: 1, signal } : { attempt: 1 }));
  } catch (thrown) {
    sent = Promise.reject(thrown);
  }
  return sent.then(
    (value) => {
      if (pacer) tell(pacer, key, undefined, sentAt, spentQuotaMs(value));
      return value;
    },
    (thrown: unknown) => loop(fn, opts, call, undefined, pacer, key, { thrown, sentAt, start }),
  );
}

/** An attempt's outcome inside the loop. */
type Sent<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly thrown: unknown; readonly sentAt: number };

/** The first attempt, sent by `runRetry` itself, failed: the loop goes on from there. */
interface FirstFailure {
  readonly thrown: unknown;
  readonly sentAt: number;
  readonly start: number;
}

async function observed<T>(
  fn: (ctx: RetryContext) => Promise<T> | T,
  opts: ResolvedRetryOptions,
  call: LoopCall,
  obs: RetryObserver,
): Promise<T> {
  try {
    const pacer = pacerOfCall(opts.pacer, call.vendor);
    const value = await loop(fn, opts, call, obs, pacer, pacer ? keyFor(pacer, call) : '', undefined);
    obs.succeeded();
    return value;
  } catch (error) {
    obs.ended(error);
    throw error;
  }
}

async function loop<T>(
  fn: (ctx: RetryContext) => Promise<T> | T,
  opts: ResolvedRetryOptions,
  call: LoopCall,
  obs: RetryObserver | undefined,
  pacer: Pacer | undefined,
  key: string,
  first: FirstFailure | 'declined' | undefined,
): Promise<T> {
  const budget = opts.budget;
  const signal = call.signal;
  // Allocated on the first failure: a call that succeeds at once keeps no history.
  let attempts: AttemptRecord[] | undefined;
  let idempotent: boolean | undefined;
  let start = typeof first === 'object' ? first.start : 0;
  let declined = first === 'declined';
  // With a pacer: the record of the previous attempt, whose wait the pacer may lengthen, and
  // how long the loop itself slept after it.
  let heldRecord = -1;
  let slept = 0;

  /** One attempt after the pacer's go: its value, or what it threw. */
  const send = async (attempt: number): Promise<Sent<T>> => {
    if (signal?.aborted) throw abortReason(signal);
    if (attempt === 1) {
      start = clock();
      budget?.recordRequest();
    }
    let sentAt = 0;
    let pacedMs = 0;
    if (pacer) {
      // The key's turn is now (the usual case): no promise, no turn of the event loop, no clock.
      let permit = !declined && typeof pacer.tryAcquire === 'function' ? pacer.tryAcquire(key) : undefined;
      declined = false;
      const held = heldRecord;
      heldRecord = -1;
      if (permit) {
        if (attempts) settleHeld(attempts, held, slept, 0);
      } else {
        const asked = clock();
        const deadline = pacer.now() + Math.max(0, opts.maxElapsedMs - (asked - start));
        try {
          permit = await pacer.acquire(key, signal ? { signal, deadline } : { deadline });
        } catch (refusal) {
          if (signal?.aborted) throw abortReason(signal);
          if (isVendorError(refusal)) {
            // Held past the deadline (or foreseen to be): not sent, and the record says why (the
            // pacer's message says what it was waiting for).
            if (attempts) settleHeld(attempts, held, slept, clock() - asked);
            throw attachRetryHistory(refusal, attempts ?? [], refusal.retryDecision ?? pacerDeadline());
          }
          throw refusal;
        }
        pacedMs = clock() - asked;
        if (attempts) settleHeld(attempts, held, slept, pacedMs);
      }
      sentAt = permit.sentAt;
    }
    try {
      let value: T;
      if (obs) {
        obs.attempt(attempt, pacedMs);
        const ctx = signal ? { attempt, signal } : { attempt };
        value = await (obs.run ? obs.run(attempt, () => fn(ctx)) : fn(ctx));
      } else value = await fn(signal ? { attempt, signal } : { attempt });
      if (pacer) tell(pacer, key, undefined, sentAt, spentQuotaMs(value));
      return { ok: true, value };
    } catch (thrown) {
      return { ok: false, thrown, sentAt };
    }
  };

  for (let attempt = 1; ; attempt++) {
    let thrown: unknown;
    let sentAt = 0;
    if (typeof first === 'object' && attempt === 1) {
      ({ thrown, sentAt } = first);
    } else {
      const sent = await send(attempt);
      if (sent.ok) return sent.value;
      ({ thrown, sentAt } = sent);
    }
    if (!isVendorError(thrown) && !isClassification(thrown)) {
      if (pacer) tell(pacer, key, 'cancelled', sentAt);
      throw thrown;
    }
    // A record (classify()) stays one while the loop retries: the Error (stack, message,
    // redaction) is built only for whoever sees it (shouldRetry, onRetry, the caller).
    let error: RetryFailure = thrown;
    if ((opts.shouldRetry || opts.onRetry || obs) && !isVendorError(error)) error = errorOf(error);
    // An attempt cut short by the caller's abort says nothing about the vendor.
    if (pacer) tell(pacer, key, signal?.aborted ? 'cancelled' : error, sentAt);

    // With a pacer, back-pressure (a rate limit, a "busy" refusal) or a server hint is waited for
    // by the pacer, which holds the next attempt until the key resumes and then sends it at the
    // learned rate. A backoff of our own on top would be a double wait, so none is added.
    // isBackPressure reads `kind` and `retry`, which a record has as a VendorError does.
    const paced = pacer !== undefined && (isBackPressure(error as VendorError) || error.retryAfterMs !== undefined);
    if (idempotent === undefined) idempotent = typeof call.idempotent === 'function' ? call.idempotent() : call.idempotent;
    attempts ??= [];
    const decision = decideRetry({
      error,
      attempt,
      idempotent,
      options: paced && error.retryAfterMs === undefined ? withoutBackoff(opts) : opts,
      elapsedMs: clock() - start,
      replayable: call.replayable,
    });
    if (!decision.retry || (budget && !budget.tryAcquire())) {
      const last: RetryDecisionRecord = decision.retry
        ? budgetExhausted()
        : { retried: false, reason: decision.reason, detail: decision.detail };
      attempts.push(record(error, attempt));
      const final = errorOf(error);
      obs?.failed(attempt, final, last);
      throw attachRetryHistory(final, attempts, last);
    }

    let delayMs = decision.delayMs;
    let source: RetryDelaySource = decision.source;
    let expected = delayMs;
    if (paced) {
      // The pacer holds the call until the key resumes (it has just been told of the hint).
      // Its pause may be shorter than the hint (pauses are capped at its maxPauseMs): sleep the rest.
      const held = Math.max(0, pacer.estimateWait?.(key) ?? 0);
      delayMs = Math.max(0, delayMs - held);
      expected = delayMs + held;
      source = 'pacer';
    }
    attempts.push(record(error, attempt, expected, source));
    heldRecord = pacer ? attempts.length - 1 : -1;
    slept = delayMs;
    // Set when either is (see above): the record was built into its VendorError then.
    if (obs) obs.failed(attempt, errorOf(error), { retried: true, delayMs: expected, source });
    opts.onRetry?.({ error: errorOf(error), attempt, delayMs: expected, source });
    if (delayMs > 0) await sleep(delayMs, signal);
  }
}
