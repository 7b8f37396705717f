import { transportError } from '../../core/transport.js';
import { headerLookup } from '../../core/headers.js';
import { isFailureStatus } from '../../core/kinds.js';
import { type Classification, classify } from '../../core/classify.js';
import { toVendorError } from '../../core/normalize.js';
import type { VendorError } from '../../errors/vendor-error.js';
import { readBoundedStream, isReplayableBody, shouldInspectSuccess } from './body.js';
import { type LoopOverrides, runRequest } from './loop.js';
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
  /** Per-request overrides of the loop (ky's own `retry` option, mapped). */
  readonly overrides?: LoopOverrides;
  /**
   * Keep each failure's response, rebuilt from the bytes read, for {@link heldResponse}: ky gets
   * the final one back so that its hooks and `throwHttpErrors` see it.
   */
  readonly keepFailures?: boolean;
}

/** A failure status's error and its response, rebuilt from the bytes read for classification. */
const held = new WeakMap<VendorError, HeldFailure>();

/** @internal A failure's response, rebuilt, and the body bytes it was classified from. */
export interface HeldFailure {
  readonly response: Response;
  readonly bytes: Uint8Array | undefined;
}

/**
 * @internal The response a failure status came with, when the call asked to keep it: a new
 * `Response` with the same status, headers and URL whose body is the bytes read (all of it up to
 * `maxBodyBytes`, or what arrived within the error-body read timeout).
 */
export function heldResponse(error: VendorError): HeldFailure | undefined {
  return held.get(error);
}

function rebuild(res: Response, bytes: Uint8Array | undefined): Response {
  const status = res.status;
  // 204/205/304 cannot carry a body; fetch never hands us a 1xx.
  const body = status === 204 || status === 205 || status === 304 ? null : (bytes ?? null);
  const copy = new Response(body as BodyInit | null, { status, statusText: res.statusText, headers: res.headers });
  for (const key of ['url', 'redirected', 'type'] as const) {
    Object.defineProperty(copy, key, { value: res[key], configurable: true });
  }
  return copy;
}

/**
 * @internal The `fetch` option of `createFetch` and ky's `vendorErrors`: the caller's function,
 * or `globalThis.fetch` looked up on every call (so later patches, e.g. msw, apply).
 */
export function fetchOption(caller: string, given: unknown): FetchLike {
  if (given !== undefined && typeof given !== 'function') {
    throw new TypeError(`${caller}: option \`fetch\` must be a function, got ${typeof given}`);
  }
  return (given as FetchLike | undefined) ?? ((input, init) => globalThis.fetch(input, init));
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
  keep = false,
): Response | Promise<Response> {
  if (!isFailureStatus(res.status)) {
    if (integration.adapter.errorsInSuccess !== true || !res.body || isOpaque(res)) return res;
    return inspectSuccess(integration, res, ctx);
  }
  // `no-cors` and `redirect: 'manual'` responses hide their status: nothing to classify.
  if (isOpaque(res)) return res;
  return readFailure(integration, res, ctx, keep);
}

/** A body nobody will read (an error hidden in a 2xx, a success that came after its attempt timed out): its connection is freed now. */
function cancelBody(res: Response): void {
  res.body?.cancel().catch(() => undefined);
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
  cancelBody(res);
  throw error;
}

async function readFailure(
  integration: ResolvedIntegration,
  res: Response,
  ctx: { readonly method: string; readonly url: string },
  keep: boolean,
): Promise<Response> {
  let body: Uint8Array | undefined;
  try {
    body = (await readBoundedStream(res.body, integration.maxBodyBytes)).bytes;
  } catch {
    body = undefined;
  }
  const record: Classification | undefined = classify(integration.adapter, { ...base(integration, res, ctx), body });
  // classify() always classifies a failure status; this only guards against a future change.
  if (!record) return res;
  if (!keep) throw record;
  // ky keeps the response for its hooks, keyed on the error the loop rejects with: built here.
  const error = toVendorError(record);
  try {
    held.set(error, { response: rebuild(res, body), bytes: body });
  } catch {
    // A status `Response` cannot carry (600+ from a hostile server): the error rejects as it is.
  }
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
    keyUrl: url,
    headers,
    signals: call.signals ? [callerSignal, ...call.signals] : [callerSignal],
    replayable,
    overrides: call.overrides,
    discard: cancelBody,
    attempt(signal) {
      // The caller's Request with a body is never sent itself: each attempt gets a clone, so the
      // next one (and the caller) still has an unread body. A stream that cannot be replayed goes
      // as is, and so does a Request without a body (nothing to consume; a clone would only add a
      // signal following the caller's).
      const target = req && replayable && req.body !== null ? req.clone() : input;
      // The caller's own init when its signal is the one to use (the usual case): no copy.
      const attemptInit = signal && (init === undefined || init.signal !== signal) ? { ...init, signal } : init;
      let sent: Promise<Response>;
      try {
        sent = Promise.resolve(call.fetch(target, attemptInit));
      } catch (error) {
        return Promise.reject(transportError(integration.adapter, error, ctx));
      }
      // No async wrapper: a success is handed on in the same turn it arrives.
      return sent.then(
        (res) => checkResponse(integration, res, ctx, call.keepFailures),
        (error: unknown) => {
          throw transportError(integration.adapter, error, ctx);
        },
      );
    },
  });
}
