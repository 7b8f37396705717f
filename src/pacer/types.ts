/** The pacer's public contract: what the retry loop calls, what callers are given and told. */
import type { Classification } from '../core/classify.js';
import type { VendorError } from '../errors/vendor-error.js';
import type { PacerKeyState } from './events.js';
import type { PacerPhase } from './state.js';

/** What {@link Pacer.report} is told of a request (see there). */
export type PacerOutcome = VendorError | Classification | undefined | 'cancelled';

/** What `acquire` takes. */
export interface PacerAcquireOptions {
  /** Aborting it takes the call out of the queue and rejects with `signal.reason`. */
  readonly signal?: AbortSignal;
  /**
   * Latest time the call may be sent, on the pacer's clock ({@link Pacer.now}). A call still
   * held then (or one that the pacer knows cannot go before it) is rejected with a `VendorError`
   * (the key's last limit or outage answer, its message saying what the pacer waited for; the
   * retry loop records stop reason `deadline`). @default no deadline
   */
  readonly deadline?: number;
}

/** The go-ahead for one request. */
export interface PacerPermit {
  readonly key: string;
  /** When the request was let go, on the pacer's clock; pass it back to `report` as `sentAt`. */
  readonly sentAt: number;
  /** How long the call waited in the queue, in ms. */
  readonly waitedMs: number;
}

/** What `report` may be told besides the outcome. */
export interface PacerReportInfo {
  /** When the answer arrived, on the pacer's clock. @default pacer.now() */
  readonly now?: number;
  /**
   * The permit's `sentAt`. Lets the pacer tell fresh news from stale: a rate limit on a request
   * sent before the last decrease does not decrease the rate again.
   */
  readonly sentAt?: number;
  /**
   * For a success: the vendor's quota is spent for this long (standard rate-limit headers with
   * none left), so the key pauses until its reset instead of sending into a refusal.
   * @default undefined
   */
  readonly resetMs?: number;
}

/** One key, as {@link Pacer.snapshot} shows it. */
export interface PacerKeySnapshot {
  /** See {@link PacerKeyState}. */
  readonly state: PacerKeyState;
  /** Rate-control phase: `unlimited` (no limit known), `slow-start` (finding it), `steady` (CUBIC). */
  readonly phase: PacerPhase;
  /** Allowed sends per second (`maxRate` while unlimited). */
  readonly rate: number;
  /** Successes per second over the last window. */
  readonly measuredRate: number;
  /** Calls waiting. */
  readonly queue: number;
  /** Calls let go and not yet reported. */
  readonly inFlight: number;
  /** End of the current Retry-After pause, ms since the epoch; `undefined` when not paused. */
  readonly pausedUntil: number | undefined;
  /** Consecutive outage answers. */
  readonly failures: number;
  /** When the circuit is open: when the next probe may go. */
  readonly probeAt: number | undefined;
}

/** What `onChange` is told. */
export interface PacerChange {
  readonly key: string;
  /** `decrease`: the rate was lowered; `pause`: a Retry-After paused the key; `state`: the state changed. */
  readonly reason: 'decrease' | 'pause' | 'state';
  readonly previousState: PacerKeyState;
  readonly snapshot: PacerKeySnapshot;
}

/**
 * A client-side pacer shared by every client that calls a vendor: see {@link createPacer}.
 * Implement it yourself to pace with something else; the retry engine calls only `keyOf`, `now`,
 * `tryAcquire` (if there is one), `acquire`, `report` and (for `onRetry`) `estimateWait`.
 */
export interface Pacer {
  /** The pacer's clock, ms since the epoch. */
  now(): number;
  /**
   * The key a call to `vendor` at `url` is paced under: how finely the pacer tells callers
   * apart is its own decision. `createPacer`'s is {@link vendor-errors/advanced!pacerKey} (`vendor|host`). A pacer
   * object without it (plain JavaScript) is given the vendor alone, `default` without one.
   */
  keyOf(vendor: string | undefined, url: string | URL | undefined): string;
  /**
   * Waits until `key` may send one request, then resolves with a permit. Rejects with
   * `signal.reason` on abort, and with a `VendorError` (and only then) when the deadline passes
   * first or is foreseen to: the retry loop records that as stop reason `deadline`. Every permit
   * must be followed by one `report`.
   */
  acquire(key: string, options?: PacerAcquireOptions): Promise<PacerPermit>;
  /**
   * The permit at once when `key` may send now (nothing queued, no wait due), else `undefined`
   * (then `acquire`, which queues). What an `acquire` that resolves at once would give, without
   * a promise and a turn of the event loop: the retry engine tries it first, so a key that was
   * never limited costs no asynchronous step. Optional for a pacer of one's own.
   */
  tryAcquire?(key: string): PacerPermit | undefined;
  /**
   * What became of a request: `undefined` for a success, what it failed with, or `'cancelled'`
   * when it ended without the vendor's answer (aborted by the caller, or a failure that is not a
   * vendor error). A failure is a `VendorError` or, from the retry loop, the attempt's
   * `classify()` record: the same `kind`, `retry`, `status`, `code` and `retryAfterMs`, with no
   * `Error` built for an attempt that is retried (`isClassification` tells it apart). Never throws.
   */
  report(key: string, outcome: PacerOutcome, info?: PacerReportInfo): void;
  /** A lower bound of how long a call queued now for `key` would wait, in ms. */
  estimateWait(key: string): number;
  /** Every key the pacer knows. */
  snapshot(): Readonly<Record<string, PacerKeySnapshot>>;
  /** Rejects every waiting call (with an `AbortError`), clears every timer; later `acquire`s reject too. */
  close(): void;
}
