import type { RetryDelaySource } from '../errors/attempts.js';
import type { AnyVendorError } from '../errors/index.js';
import { DEFAULT_PACER } from '../pacer/default.js';
import type { Pacer } from '../pacer/types.js';
import type { RetryBudget } from './budget.js';
import type { RetryTelemetry } from './telemetry.js';
import { functionOption, invalid, MAX_TIMER_MS, numberOption } from '../core/options.js';

export { MAX_TIMER_MS };

export type { RetryDelaySource };

/** What `onRetry` is told just before the engine waits and tries again. */
export interface RetryInfo {
  /** The failure that is being retried. */
  readonly error: AnyVendorError;
  /** The attempt that failed, 1 for the first; the next one is `attempt + 1`. */
  readonly attempt: number;
  /**
   * How long the engine will wait before the next attempt, in ms. With `source: 'pacer'` this is
   * the pacer's estimate (a lower bound); the attempt record holds the wait that happened.
   */
  readonly delayMs: number;
  /** `retry-after` when the server's hint set the wait, `pacer` when the pacer holds the call, `backoff` otherwise. */
  readonly source: RetryDelaySource;
}

/** How the retry engine behaves. Every option is optional; see {@link DEFAULT_RETRY_OPTIONS}. */
export interface RetryOptions {
  /**
   * Retries after the first try (so at most `retries + 1` attempts). An integer from 0 to 100.
   * Five, because with 3 a backend failing 20 % of requests at random failed a call in 4 of 10
   * runs of 300 (0.2⁴ per call), with 5 in 1 of 40; the pacer's breaker holds calls in an outage.
   * @default 5
   */
  readonly retries?: number;
  /**
   * Base of the exponential backoff for transient failures (unavailable, timeout, internal,
   * network), in ms: the n-th retry waits a random time in `[0, min(maxDelayMs, base·2^(n-1))]`.
   * @default 300
   */
  readonly baseDelayMs?: number;
  /**
   * Base of the backoff for `rate-limited` errors that carry no `Retry-After`, in ms. Larger than
   * `baseDelayMs` because a rate limit takes seconds, not milliseconds, to clear.
   * @default 1000
   */
  readonly rateLimitBaseDelayMs?: number;
  /**
   * No backoff wait is longer than this, in ms (server hints are bounded by `maxRetryAfterMs`).
   * At most 2^31 − 1.
   * @default 20_000
   */
  readonly maxDelayMs?: number;
  /**
   * Total deadline in ms, measured from the start of the first attempt. A retry whose wait would
   * end after it is not made (reason `deadline`). It does not cancel an attempt in flight: give
   * `fn` an `AbortSignal.timeout()` for that.
   * @default 60_000
   */
  readonly maxElapsedMs?: number;
  /**
   * How long one attempt of the axios, ky and fetch integrations may take, in ms: from sending the
   * request until its response headers (and, for a failure, the bounded error-body read); a
   * success body read afterwards is not covered, except that axios reads it inside the attempt.
   * An attempt that runs out fails as a `TimeoutError`, retried by the idempotency rule; it is
   * aborted, except a healthy client's first attempt, which is sent with the caller's own signal
   * and let go (see integrations/shared/timed-attempt.ts); `maxElapsedMs` stays the deadline of
   * the whole call. 30 s is half the default deadline, so one hung attempt still leaves room for
   * a retry, and well above the sub-second answers of the vendors' REST APIs; raise it for large
   * uploads, whose response only comes once the body is sent. `retry(fn)` does not enforce it:
   * `fn` gets its own signal. At most 2^31 − 1.
   * @default 30_000
   */
  readonly attemptTimeoutMs?: number;
  /**
   * The longest server hint (`Retry-After`, `retry-after-ms`) the engine will wait for, in ms.
   * A longer hint gives up at once (reason `retry-after-too-long`) rather than block for it.
   * At most 2^31 − 1.
   * @default 60_000
   */
  readonly maxRetryAfterMs?: number;
  /**
   * A shared {@link RetryBudget} that caps retries relative to traffic.
   * @default undefined (no budget)
   */
  readonly budget?: RetryBudget;
  /**
   * The {@link Pacer} every attempt waits for before it is sent and reports to afterwards, so
   * that all the clients of a vendor slow down together when it rate-limits, pause together for
   * a `Retry-After` and resume spread out, and hold their calls during an outage instead of
   * sending them into it. Calls are keyed by `vendor` and the URL's host. Unset: the
   * process-wide default pacer ({@link getDefaultPacer}, looked up per call; a bare `retry()`
   * uses it only when given `vendor`). `false`: no pacing. A `createPacer()` of its own: this
   * client learns alone. With a pacer, a rate-limited attempt (or one with a server hint) is
   * retried without a backoff of its own: the pacer decides when it goes (`delaySource:
   * 'pacer'`), and the time spent waiting for it counts against `maxElapsedMs`.
   * @default undefined (the process-wide default pacer)
   * @example
   * createFetch({ adapter: netease }); // paced by the default pacer, shared with every client of the host
   * createFetch({ adapter: netease, retry: { pacer: false } }); // not paced
   */
  readonly pacer?: Pacer | false;
  /**
   * Stops the engine: no attempt starts after it fires, and a wait in progress rejects at once
   * with `signal.reason`. It is also handed to each attempt.
   * @default undefined
   */
  readonly signal?: AbortSignal;
  /**
   * Called before each wait, e.g. for logging. If it throws, the engine rejects with that error.
   * @default undefined
   */
  readonly onRetry?: (info: RetryInfo) => void;
  /**
   * Overrides the decision for one failure: `false` never retries it (reason `should-retry`),
   * `true` retries it whatever its retry class and the request's method, and `undefined` keeps
   * the default decision. `true` does not override `retries`, the deadline, the budget, a too
   * long `Retry-After`, or an abort. `attempt` is the attempt that failed, 1 for the first.
   * @default undefined
   */
  readonly shouldRetry?: (error: AnyVendorError, attempt: number) => boolean | undefined;
  /**
   * An observer of every call and attempt, e.g. OpenTelemetry spans from `vendor-errors/otel`'s
   * `otelTelemetry()`. Without one the loop does no telemetry work at all.
   * @default undefined
   */
  readonly telemetry?: RetryTelemetry;
  /**
   * Source of randomness in [0, 1) for the backoff jitter; pass a constant in tests.
   * @default Math.random
   */
  readonly random?: () => number;
}

/** {@link RetryOptions} after validation and defaults: what {@link decideRetry} reads. */
export interface ResolvedRetryOptions {
  /** `false` when retries were switched off with `retry: false`: one attempt, reason `retries-disabled`. */
  readonly enabled: boolean;
  readonly retries: number;
  readonly baseDelayMs: number;
  readonly rateLimitBaseDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxElapsedMs: number;
  readonly maxRetryAfterMs: number;
  readonly attemptTimeoutMs: number;
  readonly budget: RetryBudget | undefined;
  /** `undefined`: no pacing. The default pacer is a stand-in that each call resolves to the current default. */
  readonly pacer: Pacer | undefined;
  readonly signal: AbortSignal | undefined;
  readonly onRetry: ((info: RetryInfo) => void) | undefined;
  readonly shouldRetry: ((error: AnyVendorError, attempt: number) => boolean | undefined) | undefined;
  readonly telemetry: RetryTelemetry | undefined;
  readonly random: () => number;
}

/** The numeric defaults of {@link RetryOptions}. */
export const DEFAULT_RETRY_OPTIONS = Object.freeze({
  retries: 5,
  baseDelayMs: 300,
  rateLimitBaseDelayMs: 1000,
  maxDelayMs: 20_000,
  maxElapsedMs: 60_000,
  maxRetryAfterMs: 60_000,
  attemptTimeoutMs: 30_000,
} as const);

/** The most retries one call may be configured for. */
export const MAX_RETRIES = 100;

const PREFIX = 'retry option';

function isSignalLike(value: unknown): value is AbortSignal {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as { aborted?: unknown; addEventListener?: unknown; removeEventListener?: unknown };
  return (
    typeof s.aborted === 'boolean' && typeof s.addEventListener === 'function' && typeof s.removeEventListener === 'function'
  );
}

function isPacerLike(value: unknown): value is Pacer {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as { now?: unknown; acquire?: unknown; report?: unknown };
  return typeof p.now === 'function' && typeof p.acquire === 'function' && typeof p.report === 'function';
}

function isBudgetLike(value: unknown): value is RetryBudget {
  if (typeof value !== 'object' || value === null) return false;
  const b = value as { recordRequest?: unknown; tryAcquire?: unknown };
  return typeof b.recordRequest === 'function' && typeof b.tryAcquire === 'function';
}

/**
 * Validates retry options and fills in the defaults. `false` switches retries off (one attempt);
 * `undefined` means every default. Throws a `TypeError` that names the bad option.
 *
 * @example
 * const resolved = resolveRetryOptions({ retries: 5, maxDelayMs: 10_000 });
 * resolved.baseDelayMs; // 300
 * resolveRetryOptions({ retries: -1 });
 * // TypeError: retry option `retries` must be a non-negative integer, got -1
 * resolveRetryOptions(false).enabled; // false
 */
export function resolveRetryOptions(options: RetryOptions | false | undefined): ResolvedRetryOptions {
  if (options === false) return DISABLED;
  if (options === undefined) return DEFAULTS;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`retry options must be an object, false or undefined, got ${options === null ? 'null' : typeof options}`);
  }
  const d = DEFAULT_RETRY_OPTIONS;
  const retries = numberOption(PREFIX, 'retries', options.retries, d.retries, { integer: true, max: MAX_RETRIES });
  const baseDelayMs = numberOption(PREFIX, 'baseDelayMs', options.baseDelayMs, d.baseDelayMs);
  const rateLimitBaseDelayMs = numberOption(PREFIX, 'rateLimitBaseDelayMs', options.rateLimitBaseDelayMs, d.rateLimitBaseDelayMs);
  const maxDelayMs = numberOption(PREFIX, 'maxDelayMs', options.maxDelayMs, d.maxDelayMs, { max: MAX_TIMER_MS });
  const maxElapsedMs = numberOption(PREFIX, 'maxElapsedMs', options.maxElapsedMs, d.maxElapsedMs);
  const maxRetryAfterMs = numberOption(PREFIX, 'maxRetryAfterMs', options.maxRetryAfterMs, d.maxRetryAfterMs, {
    max: MAX_TIMER_MS,
  });
  const attemptTimeoutMs = numberOption(PREFIX, 'attemptTimeoutMs', options.attemptTimeoutMs, d.attemptTimeoutMs, {
    min: 1,
    max: MAX_TIMER_MS,
    expected: 'a positive number of ms',
  });
  const budget = options.budget;
  if (budget !== undefined && !isBudgetLike(budget)) {
    throw invalid(PREFIX, 'budget', 'a RetryBudget (an object with recordRequest() and tryAcquire())', budget);
  }
  const given = options.pacer;
  if (given !== undefined && given !== false && !isPacerLike(given)) {
    throw invalid(PREFIX, 'pacer', 'a Pacer (an object with now(), acquire() and report(), see createPacer) or false', given);
  }
  const pacer = given === undefined ? DEFAULT_PACER : given || undefined;
  const signal = options.signal;
  if (signal !== undefined && !isSignalLike(signal)) throw invalid(PREFIX, 'signal', 'an AbortSignal', signal);
  const telemetry = options.telemetry;
  if (telemetry !== undefined && typeof (telemetry as RetryTelemetry | null)?.start !== 'function') {
    throw invalid(PREFIX, 'telemetry', 'an object with start() (otelTelemetry())', telemetry);
  }
  return Object.freeze({
    enabled: true,
    retries,
    baseDelayMs,
    rateLimitBaseDelayMs,
    maxDelayMs,
    maxElapsedMs,
    maxRetryAfterMs,
    attemptTimeoutMs,
    budget,
    pacer,
    signal,
    onRetry: functionOption<(info: RetryInfo) => void>(PREFIX, 'onRetry', options.onRetry),
    shouldRetry: functionOption<(error: AnyVendorError, attempt: number) => boolean | undefined>(
      PREFIX,
      'shouldRetry',
      options.shouldRetry,
    ),
    telemetry,
    random: functionOption<() => number>(PREFIX, 'random', options.random) ?? Math.random,
  });
}

const DEFAULTS: ResolvedRetryOptions = Object.freeze({
  enabled: true,
  ...DEFAULT_RETRY_OPTIONS,
  budget: undefined,
  pacer: DEFAULT_PACER,
  signal: undefined,
  onRetry: undefined,
  shouldRetry: undefined,
  telemetry: undefined,
  random: Math.random,
});

const DISABLED: ResolvedRetryOptions = Object.freeze({ ...DEFAULTS, enabled: false, retries: 0, pacer: undefined });
