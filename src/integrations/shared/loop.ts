import type { HeadersInput } from '../../core/headers.js';
import { redactUrl } from '../../core/redact.js';
import { transportError } from '../../core/transport.js';
import { attachRetryHistory, isVendorError } from '../../errors/vendor-error.js';
import { isIdempotentRequest } from '../../retry/idempotency.js';
import { type RetryCallOptions, type RetryContext, retry } from '../../retry/retry.js';
import type { ResolvedIntegration } from './options.js';
import { isTimeoutReason, linkSignals, reasonOf, type SignalLike } from './signal.js';

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
}

/** What the loop is told besides the retry options: the pacer keys on vendor and host. */
type LoopOptions = RetryCallOptions & { readonly vendor: string; readonly url: string };

/**
 * What an abort turns into: a client timeout (`AbortSignal.timeout()`, ky's `timeout`) is a
 * failure without a response, so a `TimeoutError`; any other abort is the caller's decision
 * and rejects with the signal's own reason.
 */
export function abortOutcome(
  signal: SignalLike,
  req: { integration: ResolvedIntegration; method: string; url: string },
): unknown {
  const reason = reasonOf(signal);
  if (isVendorError(reason) || !isTimeoutReason(reason)) return reason;
  return transportError(req.integration.adapter, reason, { method: req.method, url: req.url });
}

/**
 * @internal Runs every send of one request through `retry()`: the single attempt loop of the
 * axios, ky and fetch integrations. The user's retry options go to the loop as they are, plus
 * what this request is (method, idempotency, vendor, URL) and the caller's signal.
 */
export async function runRequest<T>(req: LoopRequest<T>): Promise<T> {
  const { integration, method, url } = req;
  const user = integration.retry;
  const linked = linkSignals([...req.signals, user ? user.signal : undefined]);
  const signal = linked.signal;

  const fn = async ({ attempt }: RetryContext): Promise<T> => {
    if (signal?.aborted) throw abortOutcome(signal, req);
    try {
      return await req.attempt(signal, attempt);
    } catch (error) {
      // Whatever the transport made of an abort (CanceledError, AbortError), the signal says what happened.
      if (signal?.aborted) throw abortOutcome(signal, req);
      throw error;
    }
  };

  let options: LoopOptions | false = false;
  if (user !== false) {
    options = {
      ...user,
      method,
      idempotent: isIdempotentRequest(method, req.headers),
      vendor: integration.adapter.name,
      url: redactUrl(url),
      ...(signal ? { signal } : {}),
      // A consumed stream cannot be sent again: one attempt, and the reason is recorded below.
      ...(req.replayable ? {} : { retries: 0 }),
    };
  }

  try {
    return await retry(fn, options);
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
    linked.dispose();
  }
}
