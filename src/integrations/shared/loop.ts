import type { HeadersInput } from '../../core/headers.js';
import { redactUrl } from '../../core/redact.js';
import { transportError } from '../../core/transport.js';
import { attachRetryHistory, isVendorError } from '../../errors/vendor-error.js';
import { isIdempotentRequest } from '../../retry/idempotency.js';
import { type LoopCall, type RetryContext, runRetry } from '../../retry/retry.js';
import type { ResolvedIntegration } from './options.js';
import { abortReason } from '../../core/abort.js';
import { isTimeoutReason, linkSignals, type SignalLike } from './signal.js';

/** @internal One request as an integration hands it to the shared attempt loop. */
export interface LoopRequest<T> {
  readonly integration: ResolvedIntegration;
  /** Upper-case HTTP method. */
  readonly method: string;
  readonly url: string;
  /** Request headers: an `Idempotency-Key` makes any method retryable. */
  readonly headers?: HeadersInput;
  /** The caller's abort sources: the request's signal, a client timeout. */
  readonly signals: readonly (SignalLike | null | undefined)[];
  /** `false` when the body is a stream that the first send consumes. */
  readonly replayable: boolean;
  /**
   * One send. Resolves with the success; rejects with a `VendorError` for a vendor or transport
   * failure. Anything else is rethrown unchanged and never retried.
   */
  attempt(signal: AbortSignal | undefined, attempt: number): Promise<T>;
  /**
   * A success whose body the caller still reads (axios' `responseType: 'stream'`): return `true`
   * and call `release` once the body is done, so that an abort until then still reaches the
   * transport through the linked signal.
   */
  hold?(result: T, release: () => void): boolean;
}

/**
 * What an abort turns into: a client timeout (`AbortSignal.timeout()`, ky's `timeout`) is a
 * failure without a response, so a `TimeoutError`; any other abort is the caller's decision
 * and rejects with the signal's own reason.
 */
export function abortOutcome(
  signal: SignalLike,
  req: { integration: ResolvedIntegration; method: string; url: string },
): unknown {
  const reason = abortReason(signal);
  if (isVendorError(reason) || !isTimeoutReason(reason)) return reason;
  return transportError(req.integration.adapter, reason, { method: req.method, url: req.url });
}

/**
 * @internal Runs every send of one request through the retry loop (`runRetry`, the loop of
 * `retry()`): the single attempt loop of the axios, ky and fetch integrations. The retry options
 * were resolved once, with the client; the loop is told what this request is (method,
 * idempotency, vendor, URL) and the caller's signal. What only matters after a failure (the
 * request's idempotency) or with a pacer (the redacted URL) is worked out only then.
 */
export async function runRequest<T>(req: LoopRequest<T>): Promise<T> {
  const { integration } = req;
  const user = integration.retry;
  const linked = linkSignals(req.signals, user !== false ? integration.options.signal : undefined);
  const signal = linked.signal;

  const timeoutMs = integration.options.attemptTimeoutMs;
  const fn = async ({ attempt }: RetryContext): Promise<T> => {
    if (signal?.aborted) throw abortOutcome(signal, req);
    const timed = attemptSignal(signal, timeoutMs);
    try {
      const result = await Promise.race([req.attempt(timed.signal, attempt), timed.expired]);
      // A success keeps the caller's abort linked to its attempt: it still stops the body read.
      timed.settle(true);
      return result;
    } catch (error) {
      timed.settle(false);
      // Whatever the transport made of an abort (CanceledError, AbortError), the signal says what happened.
      if (signal?.aborted) throw abortOutcome(signal, req);
      if (timed.signal.aborted) throw transportError(integration.adapter, timed.signal.reason, req);
      throw error;
    }
  };

  let held = false;
  try {
    const result =
      user === false
        ? await runRetry(fn, integration.options, DISABLED_CALL)
        : await runRetry(fn, req.replayable ? integration.options : integration.streamOptions, {
            signal,
            vendor: integration.adapter.name,
            idempotent: () => isIdempotentRequest(req.method, req.headers),
            url: () => redactUrl(req.url),
          });
    held = req.hold !== undefined && signal !== undefined && req.hold(result, linked.dispose);
    return result;
  } catch (error) {
    if (!isVendorError(error)) {
      // An abort during a wait rejects with the raw reason; a client timeout still becomes a TimeoutError.
      if (signal?.aborted && error === signal.reason) throw abortOutcome(signal, req);
      throw error;
    }
    if (!req.replayable && integration.retries > 0 && error.retryDecision?.reason === 'attempts-exhausted') {
      attachRetryHistory(error, error.attempts ?? [], {
        retried: false,
        reason: 'body-not-replayable',
        detail: `${error.name} would have been retried, but the request body is a stream that the first attempt consumed`,
      });
    }
    throw error;
  } finally {
    if (!held) linked.dispose();
  }
}

/** One attempt's signal: the request's, plus the attempt timeout (`attemptTimeoutMs`). */
interface AttemptSignal {
  readonly signal: AbortSignal;
  /** Rejects when the attempt times out, for transports that ignore their signal. */
  readonly expired: Promise<never>;
  /** Stops the timer; `keepLink` leaves the request's abort wired to the attempt's signal. */
  settle(keepLink: boolean): void;
}

function attemptSignal(outer: AbortSignal | undefined, ms: number): AttemptSignal {
  const controller = new AbortController();
  let onAbort: (() => void) | undefined;
  if (outer?.aborted) controller.abort(outer.reason);
  else if (outer) {
    onAbort = () => controller.abort(outer.reason);
    outer.addEventListener('abort', onAbort, { once: true });
  }
  let expire: (reason: unknown) => void = noop;
  const expired = new Promise<never>((_, reject) => {
    expire = reject;
  });
  // The race may settle the other way: an unobserved rejection here is expected.
  expired.catch(noop);
  const timer = setTimeout(() => {
    const reason = new DOMException(`attempt timed out after ${ms} ms (attemptTimeoutMs)`, 'TimeoutError');
    controller.abort(reason);
    expire(reason);
  }, ms);
  (timer as { unref?: () => void }).unref?.();
  return {
    signal: controller.signal,
    expired,
    settle(keepLink) {
      clearTimeout(timer);
      if (!keepLink && onAbort) outer?.removeEventListener('abort', onAbort);
    },
  };
}

function noop(): void {}

/** `retry: false`: one attempt, and the loop is told nothing (the attempt checks the signal itself). */
const DISABLED_CALL: LoopCall = Object.freeze({ signal: undefined, vendor: undefined, idempotent: false, url: undefined });
