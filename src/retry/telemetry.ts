/**
 * The retry loop's observer: what an instrumentation (`vendor-errors/otel`) hears about each
 * call. The loop asks for one observer per call when `telemetry` is set, and does nothing more
 * than an `undefined` check otherwise (types only: nothing here is bundled).
 */
import type { RetryDecisionRecord, VendorError } from '../errors/vendor-error.js';
import type { RetryDelaySource } from './options.js';

/** Builds one {@link RetryObserver} per call. */
export interface RetryTelemetry {
  /** Called before a call's first attempt; what it returns hears about that call only. */
  start(call: { readonly vendor: string | undefined }): RetryObserver | undefined;
}

/** The retry decision after a failed attempt: retried (with its wait) or stopped (with why). */
export type ObservedDecision =
  | { readonly retried: true; readonly delayMs: number; readonly source: RetryDelaySource }
  | RetryDecisionRecord;

/**
 * One call's events, in order. Like `onRetry`, an observer that throws fails the call with its
 * error: `otelTelemetry()`'s never throws.
 */
export interface RetryObserver {
  /** An attempt is about to be sent; `pacedMs`: how long the pacer held it first (0 without one). */
  attempt(attempt: number, pacedMs: number): void;
  /** Runs the attempt, so that what the transport records (an HTTP client span) nests under it. */
  run?<T>(attempt: number, send: () => T): T;
  /** The attempt failed with a VendorError, and the loop decided this. */
  failed(attempt: number, error: VendorError, decision: ObservedDecision): void;
  /** The call resolved. */
  succeeded(): void;
  /** The call rejected: after a stop `failed` already reported, or an abort, a non-VendorError throw, a pacer's refusal. */
  ended(reason: unknown): void;
}
