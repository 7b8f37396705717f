/**
 * `vendor-errors/ky`: ky options (hooks, retry, fetch) that turn every failure into a
 * `VendorError` and run every send through the shared retry loop. Works with ky 1 and ky 2.
 *
 * How it is hooked, and why:
 * - `fetch`: ky hands each request to this function once; the retry loop runs inside it, around
 *   the real fetch. So `beforeRequest` hooks run once, the loop sees every attempt, and ky only
 *   ever sees the final outcome: a 2xx `Response`, or a rejection with a `VendorError`.
 * - `retry: { limit: 0 }`, plus a `beforeRetry` hook that rethrows: ky's own retry would repeat
 *   the whole loop, so it is off, and stays off if a later `extend()` turns it back on.
 * - `beforeRequest`: records what the fetch cannot see (whether `options.body` is a stream,
 *   and on ky 1 the `timeout`) for that request.
 * - `timeout`: ky races it against the whole call (ky 1 documents it as "including any retries").
 *   ky 2 gives its `TimeoutError` to `beforeError`, which converts it. ky 1 does not, so on ky 1
 *   the `beforeRequest` hook arms the same timeout just before ky does: it fires first and the
 *   loop rejects with a `TimeoutError` (with its attempts) before ky's own timer runs.
 * - `beforeError`: converts what ky itself throws (ky 2 `TimeoutError`, an `HTTPError` from a
 *   response a later hook made up, or from a 3xx without `Location` that the loop let through
 *   as no failure) and leaves `VendorError`s and abort reasons alone. An `HTTPError` always
 *   becomes a `VendorError`: the kind its status implies (`UnknownVendorError` for a 3xx).
 *
 * The hooks are written for both hook signatures: ky 1 passes `(request, options, state)` and
 * `(error, state)`, ky 2 passes one state object.
 */
import type { Options } from 'ky';
import type { BodyInput } from '../core/body.js';
import { kindFromStatus } from '../core/kinds.js';
import { normalize } from '../core/normalize.js';
import { transportError } from '../core/transport.js';
import { createVendorError } from '../errors/index.js';
import { isVendorError, type VendorError } from '../errors/vendor-error.js';
import { MAX_TIMER_MS } from '../retry/options.js';
import { boundedData, isReplayableBody } from './shared/body.js';
import { type FetchLike, fetchWithRetry, isRequest } from './shared/fetch.js';
import { type ResolvedIntegration, resolveIntegrationOptions, type VendorIntegrationOptions } from './shared/options.js';

export type { VendorIntegrationOptions } from './shared/options.js';

/** Options of {@link vendorErrors}. */
export interface VendorErrorsOptions extends VendorIntegrationOptions {
  /**
   * The `fetch` each attempt calls. Give it here, not as ky's `fetch` option: ky's `fetch` is
   * how the retry loop is plugged in, and replacing it bypasses the loop.
   * @default globalThis.fetch, looked up on every call
   */
  readonly fetch?: FetchLike;
}

/** What the `beforeRequest` hook learned about one request, for the fetch that sends it. */
interface KyCall {
  readonly replayable: boolean;
  readonly deadline?: { readonly signal: AbortSignal; clear(): void };
}

type Loose = Record<string, unknown>;

function prop(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Loose)[key] : undefined;
}

function armDeadline(ms: number): KyCall['deadline'] {
  const controller = new AbortController();
  const timer = setTimeout(() => {
    controller.abort(new DOMException(`ky timeout of ${ms} ms elapsed`, 'TimeoutError'));
  }, ms);
  // A request that never reaches fetch (a later hook answered it) must not hold the process open.
  (timer as { unref?: () => void }).unref?.();
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}

function describeRequest(request: unknown): { method: string; url: string } {
  return {
    method: typeof prop(request, 'method') === 'string' ? (prop(request, 'method') as string).toUpperCase() : 'GET',
    url: typeof prop(request, 'url') === 'string' ? (prop(request, 'url') as string) : '',
  };
}

async function convertKyError(integration: ResolvedIntegration, error: unknown, request: unknown): Promise<unknown> {
  if (isVendorError(error) || !(error instanceof Error)) return error;
  const ctx = describeRequest(prop(error, 'request') ?? request);
  const response = prop(error, 'response');
  if (error.name === 'HTTPError' && isResponse(response)) {
    // ky 2 has already read the body into `data`; ky 1 leaves the response unread.
    const data = prop(error, 'data');
    const body =
      data !== undefined ? data : response.bodyUsed ? undefined : await boundedData(response.body, integration.maxBodyBytes);
    return (
      normalize(integration.adapter, {
        status: response.status,
        headers: response.headers,
        body: body as BodyInput,
        ...ctx,
        cause: error,
        maxBodyBytes: integration.maxBodyBytes,
      }) ?? rejectedByKy(integration, response.status, ctx, error)
    );
  }
  // ky's own TimeoutError and (ky 2) NetworkError carry the request they failed on.
  if ((error.name === 'TimeoutError' || error.name === 'NetworkError') && prop(error, 'request') !== undefined) {
    return transportError(integration.adapter, error, ctx);
  }
  return error;
}

/**
 * A status ky rejects but that is no failure to `normalize()` (a 3xx without `Location`, which
 * fetch does not follow): still a `VendorError`, of the kind the status implies (`unknown` for a
 * 3xx), with ky's `HTTPError` as cause.
 */
function rejectedByKy(
  integration: ResolvedIntegration,
  status: number,
  ctx: { method: string; url: string },
  cause: unknown,
): VendorError {
  return createVendorError(kindFromStatus(status), {
    vendor: integration.adapter.name,
    status,
    method: ctx.method,
    url: ctx.url,
    cause,
    message: `${integration.adapter.displayName}: HTTP ${status} rejected by ky`,
  });
}

function isResponse(value: unknown): value is Response {
  return typeof value === 'object' && value !== null && typeof (value as Response).status === 'number' && 'headers' in value;
}

/**
 * Returns ky options that make a ky instance reject every failure with a `VendorError` (a failure
 * status, an error hidden in a 2xx body such as Baidu PCS', a network failure, ky's `timeout`)
 * and retry through the shared loop, so retries follow what each error means rather than its
 * status. The final error carries `attempts` and `retryDecision`. ky's own retry is switched off.
 *
 * Pass the result to `ky.create()` or `ky.extend()`, then add your own options with a further
 * `.extend()` (a spread would replace the hooks). Do not set ky's `fetch` or `retry` afterwards.
 * Aborting the request's `signal` rejects with the signal's reason and sends nothing more.
 * Works with ky 1 and ky 2. Options are validated here: a bad one throws a `TypeError` naming it.
 *
 * @param options.retry Retry options, or `false` for one attempt. @default undefined (the loop's defaults)
 * @param options.maxBodyBytes Cap for reading error bodies and inspecting 2xx bodies. @default 65536
 * @param options.fetch The underlying fetch. @default globalThis.fetch
 *
 * @example
 * import ky from 'ky';
 * import { vendorErrors } from 'vendor-errors/ky';
 * import { netease } from 'vendor-errors/adapters';
 *
 * const api = ky
 *   .create(vendorErrors({ adapter: netease, retry: { retries: 5 } }))
 *   .extend({ prefixUrl: 'https://open.c.163.com/api/v1', timeout: 30_000 });
 * const apps = await api.get('apps').json(); // a 403 4030001 "Api freq out of limit." is waited out and retried
 */
export function vendorErrors(options: VendorErrorsOptions): Options {
  const integration = resolveIntegrationOptions('vendorErrors', options);
  const given = options.fetch;
  if (given !== undefined && typeof given !== 'function') {
    throw new TypeError(`vendorErrors: option \`fetch\` must be a function, got ${typeof given}`);
  }
  const send: FetchLike = given ?? ((input, init) => globalThis.fetch(input, init));
  const calls = new WeakMap<object, KyCall>();

  const beforeRequest = (first: unknown, second?: unknown): void => {
    const v1 = isRequest(first);
    const request = v1 ? first : prop(first, 'request');
    const opts = v1 ? second : prop(first, 'options');
    if (!isRequest(request)) return;
    // ky 2 leaves `timeout` out of the options hooks see, and converts its TimeoutError in beforeError.
    const timeout = v1 ? prop(opts, 'timeout') : undefined;
    const deadline = typeof timeout === 'number' && timeout > 0 && timeout <= MAX_TIMER_MS ? armDeadline(timeout) : undefined;
    calls.get(request)?.deadline?.clear();
    calls.set(request, { replayable: isReplayableBody(prop(opts, 'body')), deadline });
  };

  const kyFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const call = typeof input === 'object' ? calls.get(input) : undefined;
    if (call) calls.delete(input as object);
    try {
      return await fetchWithRetry({
        integration,
        fetch: send,
        input,
        init,
        signals: [call?.deadline?.signal],
        replayable: call?.replayable,
      });
    } finally {
      call?.deadline?.clear();
    }
  };

  const beforeRetry = (state: unknown): never => {
    throw prop(state, 'error');
  };

  const beforeError = async (first: unknown): Promise<unknown> => {
    const v2 = !(first instanceof Error) && prop(first, 'error') !== undefined;
    return convertKyError(integration, v2 ? prop(first, 'error') : first, v2 ? prop(first, 'request') : undefined);
  };

  // The hooks take both ky 1 and ky 2 signatures, which no single ky version's types describe.
  return {
    retry: { limit: 0 },
    fetch: kyFetch,
    hooks: { beforeRequest: [beforeRequest], beforeRetry: [beforeRetry], beforeError: [beforeError] },
  } as unknown as Options;
}
