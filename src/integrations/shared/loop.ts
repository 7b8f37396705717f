import type { HeadersInput } from '../../core/headers.js';
import { redactUrl } from '../../errors/redact.js';
import { isVendorError } from '../../errors/vendor-error.js';
import { isIdempotentRequest } from '../../retry/idempotency.js';
import type { LoopCall } from '../../retry/loop-parts.js';
import type { RetryContext } from '../../retry/retry.js';
import { runRetry } from '../../retry/run.js';
import type { ResolvedIntegration } from './options.js';
import { abortOutcome, linkSignals, type SignalLike } from './signal.js';
import { timedAttempt } from './timed-attempt.js';

/** @internal One request as an integration hands it to the shared attempt loop. */
export interface LoopRequest<T> {
  readonly integration: ResolvedIntegration;
  /** Upper-case HTTP method. */
  readonly method: string;
  readonly url: string;
  /**
   * A URL with the request's origin, unredacted, when one is at hand without work (fetch's input,
   * axios' absolute URL): the default pacer keys on its origin without a redaction pass.
   */
  readonly keyUrl?: string;
  /** Request headers: an `Idempotency-Key` makes any method retryable. */
  readonly headers?: HeadersInput;
  /** The caller's abort sources: the request's signal, a client timeout. */
  readonly signals: readonly (SignalLike | null | undefined)[];
  /** `false` when the body is a stream that the first send consumes. */
  readonly replayable: boolean;
  /** Per-request overrides of the client's retry options. */
  readonly overrides?: LoopOverrides;
  /** A success's spent quota, read from the client's own header object (see `LoopCall.quota`). */
  readonly quota?: (value: T) => number | undefined;
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
  /**
   * A success that arrived after its attempt had timed out (and the call moved on): let it go
   * (cancel a fetch body, destroy a stream) so that its connection is freed.
   */
  discard?(result: T): void;
}

/** @internal What one request changes in the client's retry options (ky's own `retry`, mapped). */
export interface LoopOverrides {
  /** Retries after the first try, instead of the options' `retries`. */
  readonly retries?: number;
  /** Whether the request may be repeated, instead of the method and `Idempotency-Key` rule. */
  readonly idempotent?: boolean;
}

/**
 * @internal Runs every send of one request through the retry loop (`runRetry`, the loop of
 * `retry()`): the single attempt loop of the axios, ky and fetch integrations. The retry options
 * were resolved once, with the client; the loop is told what this request is (method,
 * idempotency, vendor, URL) and the caller's signal. What only matters after a failure (the
 * request's idempotency) or with a pacer (the redacted URL) is worked out only then.
 */
export function runRequest<T>(req: LoopRequest<T>): Promise<T> {
  try {
    return request(req);
  } catch (error) {
    // A caller's signal, pacer or telemetry that throws: a rejection, as from an async function.
    return Promise.reject(error);
  }
}

function request<T>(req: LoopRequest<T>): Promise<T> {
  const { integration } = req;
  const user = integration.retry;
  const linked = linkSignals(req.signals, user !== false ? integration.options.signal : undefined);
  const signal = linked.signal;

  const timeoutMs = integration.options.attemptTimeoutMs;
  const fn = ({ attempt }: RetryContext): Promise<T> =>
    signal?.aborted ? Promise.reject(abortOutcome(signal, req)) : timedAttempt(req, signal, timeoutMs, attempt);

  let sent: Promise<T>;
  if (user === false) sent = runRetry(fn, integration.options, DISABLED_CALL);
  else {
    const over = req.overrides;
    let options = integration.options;
    if (over?.retries !== undefined) options = { ...options, retries: over.retries };
    sent = runRetry(fn, options, new RequestCall(req, signal, over?.idempotent));
  }
  // Nothing to do after the loop (no signal to map or let go, no body to hold): its own promise.
  if (signal === undefined) return sent;
  return sent.then(
    (result) => {
      if (!req.hold?.(result, linked.dispose)) linked.dispose();
      return result;
    },
    (error: unknown) => {
      linked.dispose();
      // An abort during a wait rejects with the raw reason; a client timeout still becomes a TimeoutError.
      if (!isVendorError(error) && signal.aborted && error === signal.reason) throw abortOutcome(signal, req);
      throw error;
    },
  );
}

/**
 * What the loop is told of one request. A class, so that what only a failure or a pacer asks for
 * (idempotency, the redacted URL) are methods on the prototype: no closures made per call.
 */
class RequestCall<T> implements LoopCall {
  readonly vendor: string;
  readonly method: string;
  readonly keyUrl: string | undefined;
  /** A consumed stream body: retry/decide.ts says body-not-replayable where it would retry. */
  readonly replayable: boolean;
  readonly quota: LoopCall['quota'];
  constructor(
    private readonly req: LoopRequest<T>,
    readonly signal: AbortSignal | undefined,
    private readonly given: boolean | undefined,
  ) {
    this.vendor = req.integration.adapter.name;
    this.method = req.method;
    this.keyUrl = req.keyUrl;
    this.replayable = req.replayable;
    this.quota = req.quota as LoopCall['quota'];
  }
  idempotent(): boolean {
    return this.given ?? isIdempotentRequest(this.req.method, this.req.headers);
  }
  url(): string {
    return redactUrl(this.req.url);
  }
}

/** `retry: false`: one attempt, and the loop is told nothing (the attempt checks the signal itself). */
const DISABLED_CALL: LoopCall = Object.freeze({ signal: undefined, vendor: undefined, idempotent: false, url: undefined });
