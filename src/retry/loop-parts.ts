/**
 * @internal The retry loop's small parts (attempt-loop.ts holds the loop): what the loop is told about a
 * call, its clock, the pacer's key and report, and the attempt records it keeps.
 */
import type { AttemptRecord, RetryDelaySource } from '../errors/attempts.js';
import { redactUrl } from '../errors/redact.js';
import type { VendorError } from '../errors/vendor-error.js';
import { pacerKey } from '../pacer/key.js';
import type { Pacer } from '../pacer/types.js';
import type { RetryFailure } from './decide.js';
import type { ResolvedRetryOptions } from './options.js';

/**
 * @internal What the loop is told about one call besides its resolved options. Integrations
 * resolve the options once per client and give the rest per request; `idempotent` and `url` may
 * be functions, asked only when needed (idempotency on the first failure, the URL only for a
 * pacer's key), so that a call that succeeds at once does no work for them.
 */
export interface LoopCall {
  /** The signal the loop checks and hands to `fn` (the request's, linked with the options' one). */
  readonly signal: AbortSignal | undefined;
  readonly vendor: string | undefined;
  readonly idempotent: boolean | (() => boolean);
  /** The request's method, for an error the loop makes itself (a pacer's deadline refusal). */
  readonly method?: string;
  readonly url: string | URL | undefined | (() => string | URL | undefined);
  /**
   * The request URL unredacted, or any URL with the same origin, for `createPacer`'s own key
   * (`pacerKey` reads the origin alone and keeps no credentials): no redaction pass per call.
   * A pacer with a `keyOf` of its own is given `url`.
   */
  readonly keyUrl?: string;
  /**
   * `false` when the request body is a stream the first send consumes: a retry that would go
   * stops with `body-not-replayable` instead.
   * @default true
   */
  readonly replayable?: boolean;
  /**
   * With a pacer: how long a success's headers say the quota is spent (`spentQuotaMs` when
   * unset); an integration that knows its client's header object reads it in one pass.
   */
  readonly quota?: (value: unknown) => number | undefined;
}

/** With a pacer: the pacer's part of the wait goes into the previous attempt's record. */
export function settleHeld(attempts: AttemptRecord[], i: number, slept: number, waitedMs: number): void {
  const previous = i >= 0 ? attempts[i] : undefined;
  // Under a millisecond is the pacer saying "go" at once, not a wait.
  if (!previous || (previous.delaySource !== 'pacer' && waitedMs < 1)) return;
  attempts[i] = Object.freeze({ ...previous, delayMs: Math.round(slept + waitedMs), delaySource: 'pacer' });
}

export function clock(): number {
  return typeof performance !== 'undefined' && typeof performance.now === 'function' ? performance.now() : Date.now();
}

/** Backoff without jitter is no backoff: with a pacer, a rate limit's wait is the pacer's to decide. */
export function withoutBackoff(options: ResolvedRetryOptions): ResolvedRetryOptions {
  return { ...options, random: () => 0 };
}

/**
 * The pacer's key for a call. The pacer computes it (`keyOf`), so that a bundle without a pacer
 * carries no URL parsing; a pacer object without `keyOf` (plain JavaScript) keys on the vendor.
 */
function keyOf(pacer: Pacer, vendor: string | undefined, url: string | URL | undefined): string {
  if (typeof pacer.keyOf === 'function') return pacer.keyOf(vendor, url);
  return typeof vendor === 'string' && vendor !== '' ? vendor : 'default';
}

/**
 * Reports to the pacer; a pacer that throws cannot fail the call. A failed attempt is reported
 * as it is, a record most of the time (the pacer reads its kind, retry class and hint): no
 * `Error` is built for the pacer.
 */
export function tell(
  pacer: Pacer,
  key: string,
  outcome: RetryFailure | undefined | 'cancelled',
  sentAt: number,
  resetMs?: number,
): void {
  try {
    pacer.report(key, outcome, resetMs === undefined ? { sentAt } : { sentAt, resetMs });
  } catch {
    // ignored: see above
  }
}

export function record(error: RetryFailure, attempt: number, delayMs?: number, delaySource?: RetryDelaySource): AttemptRecord {
  const r: { -readonly [K in keyof AttemptRecord]: AttemptRecord[K] } = { attempt, kind: error.kind };
  if (error.status !== undefined) r.status = error.status;
  if (error.code !== undefined) r.code = error.code;
  if (error.requestId !== undefined) r.requestId = error.requestId;
  if (delayMs !== undefined) r.delayMs = delayMs;
  if (delaySource !== undefined) r.delaySource = delaySource;
  return Object.freeze(r);
}

/** The pacer's key for a call (see {@link LoopCall.keyUrl}). */
export function keyFor(pacer: Pacer, call: LoopCall): string {
  if (call.keyUrl !== undefined && pacer.keyOf === pacerKey) return pacerKey(call.vendor, call.keyUrl);
  return keyOf(pacer, call.vendor, urlOf(call));
}

/** The call's URL, asked for only when needed (an integration redacts it then). */
function urlOf(call: LoopCall): string | URL | undefined {
  return typeof call.url === 'function' ? call.url() : call.url;
}

/**
 * A pacer's deadline refusal is modelled on the key's last answer, another call's: it gets this
 * call's method and (redacted) URL, where it has none of its own, as a response's error has.
 */
export function describeRequest(error: VendorError, call: LoopCall): void {
  try {
    const url = error.url === undefined ? urlOf(call) : undefined;
    if (url !== undefined) define(error, 'url', redactUrl(String(url)));
    if (error.method === undefined && typeof call.method === 'string') define(error, 'method', call.method.toUpperCase());
  } catch {
    // A frozen error (a pacer of one's own) keeps what it has.
  }
}

function define(error: VendorError, name: 'url' | 'method', value: string): void {
  Object.defineProperty(error, name, { value, enumerable: true, writable: true, configurable: true });
}
