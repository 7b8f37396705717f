/**
 * The retry loop's vocabulary: what it records of each try and why it stopped. Its one home:
 * the errors carry these records (so `errors/` reads them from here, never from `retry/`), the
 * loop writes them, and `retry/decide.ts` is the only place that picks a stop reason.
 */
import type { ErrorKind } from './kinds.js';

/**
 * Where a retry's wait came from: the server's hint (`Retry-After` or `retry-after-ms`), our own
 * backoff, or the pacer (which holds the next attempt until its key may send: after a rate
 * limit, a Retry-After pause, an outage).
 */
export type RetryDelaySource = 'retry-after' | 'backoff' | 'pacer';

/** One try of a call, as recorded by the retry engine. */
export interface AttemptRecord {
  /** 1 for the first try. */
  readonly attempt: number;
  readonly status?: number;
  readonly code?: number | string;
  readonly kind: ErrorKind;
  readonly requestId?: string;
  /** The wait scheduled after this try, if another try followed. */
  readonly delayMs?: number;
  /** Where the wait came from. */
  readonly delaySource?: RetryDelaySource;
}

/** Why the retry engine stopped. Each is decided in `retry/decide.ts` and nowhere else. */
export type RetryStopReason =
  | 'not-retryable'
  | 'not-idempotent'
  | 'attempts-exhausted'
  | 'deadline'
  | 'budget-exhausted'
  | 'retry-after-too-long'
  | 'body-not-replayable'
  | 'aborted'
  | 'retries-disabled'
  | 'should-retry';

/** The retry engine's last word on the call that produced this error. */
export interface RetryDecisionRecord {
  readonly retried: false;
  readonly reason: RetryStopReason;
  /** Human-readable detail, e.g. "Retry-After 120000 ms exceeds maxRetryAfterMs 60000". */
  readonly detail?: string;
}
