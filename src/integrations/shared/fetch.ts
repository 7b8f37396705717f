import { transportError } from '../../core/transport.js';
import { headerLookup } from '../../core/headers.js';
import { isFailureStatus } from '../../core/kinds.js';
import { type Classification, classify } from '../../core/classify.js';
import { readBoundedStream, isReplayableBody, shouldInspectSuccess } from './body.js';
import { runRequest } from './loop.js';
import type { ResolvedIntegration } from './options.js';
import type { SignalLike } from './signal.js';

/** The signature of `fetch`, for transports given by the caller. */
export type FetchLike = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

/** @internal One fetch call, as `createFetch` and ky hand it to {@link fetchWithRetry}. */
export interface FetchCall {
  readonly integration: ResolvedIntegration;
  readonly fetch: FetchLike;
  readonly input: RequestInfo | URL;
  readonly init: RequestInit | undefined;
  /** More abort sources (ky 1's timeout). */
  readonly signals?: readonly (SignalLike | undefined)[];
  /** Overrides the detection from `init.body` (ky knows the body it was given). */
  readonly replayable?: boolean;
}

/** Duck-typed so that Requests from polyfills and other realms count too. */
export function isRequest(value: unknown): value is Request {
  return (
    typeof value === 'object' &&
    value !== null &&
    !(value instanceof URL) &&
    typeof (value as Request).url === 'string' &&
    typeof (value as Request).clone === 'function' &&
    typeof (value as Request).method === 'string'
  );
}

/**
 * @internal Turns one fetch `Response` into the outcome of an attempt: the response itself for
 * a success, a `classify()` record (the loop builds the `VendorError`) for a failure status or an error hidden in a 2xx body. Error
 * bodies are read up to the cap and the rest cancelled; 2xx bodies are inspected on a clone,
 * so the caller can still read the original. A success that needs no inspection (every adapter
 * but those with `errorsInSuccess`) is returned as is, without a turn of the event loop.
 */
export function checkResponse(
  integration: ResolvedIntegration,
  res: Response,
  ctx: { readonly method: string; readonly url: string },
): Response | Promise<Response> {
  if (!isFailureStatus(res.status)) {
    if (integration.adapter.errorsInSuccess !== true || !res.body || isOpaque(res)) return res;
    return inspectSuccess(integration, res, ctx);
  }
  // `no-cors` and `redirect: 'manual'` responses hide their status: nothing to classify.
  if (isOpaque(res)) return res;
  return readFailure(integration, res, ctx);
}

function isOpaque(res: Response): boolean {
  return res.type === 'opaque' || res.type === 'opaqueredirect';
}

async function inspectSuccess(
  integration: ResolvedIntegration,
  res: Response,
  ctx: { readonly method: string; readonly url: string },
): Promise<Response> {
  const { adapter, maxBodyBytes } = integration;
  if (!shouldInspectSuccess(adapter, headerLookup(res.headers), maxBodyBytes)) return res;
  let copy: { bytes: Uint8Array | undefined; truncated: boolean };
  try {
    copy = await readBoundedStream(res.clone().body, maxBodyBytes);
  } catch {
    // The caller's own read will meet the same failure, with the client's own error.
    return res;
  }
  if (copy.truncated) return res;
  // A record, not an Error: the retry loop builds the VendorError only for the caller.
  const error = classify(adapter, { ...base(integration, res, ctx), body: copy.bytes });
  if (!error) return res;
  res.body?.cancel().catch(() => undefined);
  throw error;
}

async function readFailure(
  integration: ResolvedIntegration,
  res: Response,
  ctx: { readonly method: string; readonly url: string },
): Promise<Response> {
  let body: Uint8Array | undefined;
  try {
    body = (await readBoundedStream(res.body, integration.maxBodyBytes)).bytes;
  } catch {
    body = undefined;
  }
  const error: Classification | undefined = classify(integration.adapter, { ...base(integration, res, ctx), body });
  // classify() always classifies a failure status; this only guards against a future change.
  if (!error) return res;
  throw error;
}

function base(integration: ResolvedIntegration, res: Response, ctx: { readonly method: string; readonly url: string }) {
  return {
    status: res.status,
    headers: res.headers,
    method: ctx.method,
    url: ctx.url,
    maxBodyBytes: integration.maxBodyBytes,
  };
}

/**
 * @internal `fetch` through the shared loop: every attempt sends a fresh copy of the request
 * (a clone of a `Request` input, or the original init whose body is replayable), failures
 * become `VendorError`s, and the success `Response` is returned with its body unread.
 */
export function fetchWithRetry(call: FetchCall): Promise<Response> {
  const { integration, input, init } = call;
  const req = isRequest(input) ? input : undefined;
  const method = String(init?.method ?? req?.method ?? 'GET').toUpperCase();
  const url = req ? req.url : input instanceof URL ? input.href : String(input);
  const headers = init?.headers ?? req?.headers;
  // `signal: null` in init explicitly drops the Request's signal, as fetch does.
  const callerSignal = init && 'signal' in init ? (init.signal ?? undefined) : req?.signal;
  const replayable = call.replayable ?? (init?.body != null ? isReplayableBody(init.body) : true);
  const ctx = { method, url };

  return runRequest<Response>({
    integration,
    method,
    url,
    headers,
    signals: call.signals ? [callerSignal, ...call.signals] : [callerSignal],
    replayable,
    async attempt(signal) {
      // The caller's Request with a body is never sent itself: each attempt gets a clone, so the
      // next one (and the caller) still has an unread body. A stream that cannot be replayed goes
      // as is, and so does a Request without a body (nothing to consume; a clone would only add a
      // signal following the caller's).
      const target = req && replayable && req.body !== null ? req.clone() : input;
      // The caller's own init when its signal is the one to use (the usual case): no copy.
      const attemptInit = signal && (init === undefined || init.signal !== signal) ? { ...init, signal } : init;
      let res: Response;
      try {
        res = await call.fetch(target, attemptInit);
      } catch (error) {
        throw transportError(integration.adapter, error, ctx);
      }
      return checkResponse(integration, res, ctx);
    },
  });
}
