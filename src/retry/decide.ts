import type { RetryDecisionRecord, RetryDelaySource, RetryStopReason } from '../errors/attempts.js';
import type { Classification } from '../core/classify.js';
import { toVendorError } from '../core/normalize.js';
import { isVendorError } from '../errors/brand.js';
import type { VendorError } from '../errors/vendor-error.js';
import { backoffDelay } from './backoff.js';
import type { ResolvedRetryOptions } from './options.js';

/**
 * A failed attempt as the loop sees it: a `VendorError`, or `classify()`'s record (no `Error`
 * built for an attempt that is retried; see `runRetry`).
 */
export type RetryFailure = VendorError | Classification;

/** The `VendorError` a failure stands for (the record's, built once it is needed). */
export function errorOf(failure: RetryFailure): VendorError {
  return isVendorError(failure) ? (failure as VendorError) : toVendorError(failure as Classification);
}

/** What {@link decideRetry} looks at. */
export interface RetryDecisionInput {
  /** The failure of the attempt that just ended. */
  readonly error: RetryFailure;
  /** The attempt that failed, 1 for the first. */
  readonly attempt: number;
  /** Whether the request may be repeated after the vendor may have acted on it. */
  readonly idempotent: boolean;
  readonly options: ResolvedRetryOptions;
  /** Time since the first attempt started, in ms. */
  readonly elapsedMs: number;
  /**
   * `false` when the request's body was a stream the first attempt consumed: a retry that would
   * otherwise go stops with `body-not-replayable`.
   * @default true
   */
  readonly replayable?: boolean;
}

/** Retry after `delayMs`; or stop, saying why. */
export type RetryDecision =
  | { readonly retry: true; readonly delayMs: number; readonly source: RetryDelaySource }
  | { readonly retry: false; readonly reason: RetryStopReason; readonly detail: string };

function stop(reason: RetryStopReason, detail: string): RetryDecision {
  return { retry: false, reason, detail };
}

function describe(error: RetryFailure): string {
  const name = isVendorError(error) ? error.name : `${error.vendor} error`;
  return `${name} (${error.kind}${error.status === undefined ? '' : `, HTTP ${error.status}`})`;
}

/**
 * The error's retry class, except a 413 with a Retry-After: RFC 9110 §15.5.14 has the server send
 * the hint when the condition is temporary, so it is `idempotent` like a 503; without one, `never`.
 */
function retryClassOf(error: RetryFailure): RetryFailure['retry'] {
  return error.retry === 'never' && error.status === 413 && error.kind === 'payload-too-large' && hintOf(error) !== undefined
    ? 'idempotent'
    : error.retry;
}

/** The server's wait hint in ms, when there is a usable one (finite, not negative). */
function hintOf(error: RetryFailure): number | undefined {
  const hint = error.retryAfterMs;
  return typeof hint === 'number' && Number.isFinite(hint) && hint >= 0 ? hint : undefined;
}

/** The stop record for a retry the budget refused (the loop asks the budget after a `retry: true`). */
export function budgetExhausted(): RetryDecisionRecord {
  return { retried: false, reason: 'budget-exhausted', detail: 'the retry budget has no token left for this retry' };
}

/** The stop record of a call a pacer held past its deadline: it was not sent. */
export function pacerDeadline(): RetryDecisionRecord {
  return { retried: false, reason: 'deadline', detail: 'the pacer held the call until its deadline passed; it was not sent' };
}

/**
 * Decides whether a failed attempt is tried again, and after how long. Checked in this order:
 *
 * 1. retries switched off (`retries-disabled`), or the signal aborted (`aborted`);
 * 2. `shouldRetry` returning `false` (`should-retry`); returning `true` skips step 3;
 * 3. the error's retry class: `never` stops (`not-retryable`), except a 413 with a Retry-After
 *    (temporary, RFC 9110 §15.5.14), which is treated as `idempotent`; `idempotent` stops for a
 *    request that is not idempotent (`not-idempotent`); `safe` (the vendor refused before acting:
 *    rate limits, "system busy") retries any method;
 * 4. a body the first attempt consumed (`body-not-replayable`, when `retries` allows another);
 *    `attempt > retries` (`attempts-exhausted`);
 * 5. the wait: the server's hint (`error.retryAfterMs`) as is, without jitter, unless it exceeds
 *    `maxRetryAfterMs` (`retry-after-too-long`); otherwise full-jitter backoff from
 *    `rateLimitBaseDelayMs` for `rate-limited` errors and `baseDelayMs` for the rest, capped at
 *    `maxDelayMs`;
 * 6. `elapsedMs + wait > maxElapsedMs` (`deadline`): no point sleeping only to give up.
 *
 * The retry budget is not consulted here; {@link vendor-errors!retry} asks it after a `retry: true`
 * and stops with `budgetExhausted()`. Every stop reason the engine reports is made in this file.
 * Pure apart from calling `shouldRetry` and `random`: the same input gives the same output.
 *
 * @example
 * const options = resolveRetryOptions({ random: () => 0.5 });
 * decideRetry({ error, attempt: 1, idempotent: false, options, elapsedMs: 0 });
 * // 429 without hint → { retry: true, delayMs: 500, source: 'backoff' }
 * // 503 on a POST    → { retry: false, reason: 'not-idempotent', detail: '…' }
 */
export function decideRetry(input: RetryDecisionInput): RetryDecision {
  const { error, attempt, idempotent, options } = input;
  const elapsedMs = Number.isFinite(input.elapsedMs) && input.elapsedMs > 0 ? input.elapsedMs : 0;

  if (!options.enabled) return stop('retries-disabled', 'retries are switched off for this call');
  if (options.signal?.aborted) return stop('aborted', 'the signal was aborted');

  const verdict = options.shouldRetry?.(errorOf(error), attempt);
  if (verdict === false) return stop('should-retry', `shouldRetry returned false for ${describe(error)} on attempt ${attempt}`);
  if (verdict !== true) {
    const retryClass = retryClassOf(error);
    if (retryClass === 'never') {
      return stop('not-retryable', `${describe(error)} fails the same way every time`);
    }
    if (retryClass === 'idempotent' && !idempotent) {
      const what = error.method ? `${error.method} is` : 'the request is';
      return stop(
        'not-idempotent',
        `${describe(error)} may have been acted on and ${what} not idempotent (send an Idempotency-Key or set idempotent: true)`,
      );
    }
  }

  if (input.replayable === false && attempt <= options.retries) {
    return stop(
      'body-not-replayable',
      `${describe(error)} would have been retried, but the request body is a stream that the first attempt consumed`,
    );
  }
  if (attempt > options.retries) {
    return stop(
      'attempts-exhausted',
      `gave up after ${attempt} attempt${attempt === 1 ? '' : 's'} (retries: ${options.retries})`,
    );
  }

  let delayMs: number;
  let source: RetryDelaySource;
  const hint = hintOf(error);
  if (hint !== undefined) {
    if (hint > options.maxRetryAfterMs) {
      return stop('retry-after-too-long', `Retry-After ${hint} ms exceeds maxRetryAfterMs ${options.maxRetryAfterMs}`);
    }
    delayMs = hint;
    source = 'retry-after';
  } else {
    const baseMs = error.kind === 'rate-limited' ? options.rateLimitBaseDelayMs : options.baseDelayMs;
    delayMs = backoffDelay(attempt, { baseMs, capMs: options.maxDelayMs, random: options.random });
    source = 'backoff';
  }

  if (elapsedMs + delayMs > options.maxElapsedMs) {
    return stop(
      'deadline',
      `waiting ${delayMs} ms after ${Math.round(elapsedMs)} ms would pass maxElapsedMs ${options.maxElapsedMs}`,
    );
  }
  return { retry: true, delayMs, source };
}
