/**
 * `vendor-errors/ky`: ky options (hooks, retry, fetch) that turn every failure into a
 * `VendorError` and run every send through the shared retry loop. Works with ky 1 and ky 2.
 *
 * How it is hooked, and why (ky's contract first):
 * - `fetch`: ky hands each request to this function; the retry loop runs inside it, around the
 *   real fetch, so `beforeRequest` hooks run once and the loop sees every attempt. A failure
 *   status is classified there (to decide on retries), and the final failure *response* goes
 *   back to ky, rebuilt from the bytes read: ky's `afterResponse` hooks see the 401/403/5xx
 *   (and may answer it, or call `ky.retry()`), `throwHttpErrors: false` resolves with it, and
 *   ky builds its `HTTPError`, which `beforeError` turns into the loop's `VendorError`.
 *   Failures without a response (network, `attemptTimeoutMs`) and errors hidden in 2xx bodies
 *   reject from the fetch with a `VendorError`.
 * - `retry`: ky's own retry would repeat the whole loop, so ky retries only what never went through
 *   it: `ky.retry()`, and by ky's own rules a response or error the loop never saw (a `fetch` given
 *   to ky itself, a failure response a hook made up). See ./retry-option.ts; a caller's `retry` is
 *   mapped onto the loop per request or rejected.
 * - `timeout`: ky races it against the whole call. ky 2 gives its `TimeoutError` to
 *   `beforeError`, which converts it. ky 1 does not, so on ky 1 the `beforeRequest` hook arms the
 *   same timeout just before ky does: it fires first and the loop rejects with a `TimeoutError`.
 * - `beforeError`: ours comes first (ky runs hooks in the order given), so hooks added later see
 *   the `VendorError`, whose `cause` is ky's `HTTPError`.
 *
 * The hooks are written for both hook signatures: ky 1 passes `(request, options, state)` and
 * `(error, state)`, ky 2 passes one state object.
 */
import type { Options } from 'ky';
import { prop } from '../../core/wire.js';
import { isVendorError } from '../../errors/vendor-error.js';
import { MAX_TIMER_MS } from '../../retry/options.js';
import { isReplayableBody } from '../shared/body.js';
import { type FetchLike, fetchOption, fetchWithRetry, heldResponse, isRequest } from '../shared/fetch.js';
import type { LoopOverrides } from '../shared/loop.js';
import { resolveIntegrationOptions, type VendorIntegrationOptions } from '../shared/options.js';
import { ANY_CALL, kyDecisions } from './decided.js';
import { convertKyError, type KyFailure } from './errors.js';
import { KY_DEFAULT_LIMIT, mapKyRetry, neutralize } from './retry-option.js';

export type { VendorIntegrationOptions } from '../shared/options.js';

/** Options of {@link vendorErrors}. */
export interface VendorErrorsOptions extends VendorIntegrationOptions {
  /**
   * The `fetch` each attempt calls. Give it here, not as ky's `fetch` option: ky's `fetch` is
   * how the retry loop is plugged in, and replacing it bypasses the loop (ky's own retry then
   * retries those calls, by ky's rules).
   * @default globalThis.fetch, looked up on every call
   */
  readonly fetch?: FetchLike;
}

/** What the `beforeRequest` hook learned about one request, for the fetch that sends it. */
interface KyCall {
  /** The ky call (its normalized `retry` object, see ./decided.ts) what the loop decides is for. */
  readonly owner: object;
  readonly replayable: boolean;
  readonly overrides: LoopOverrides;
  readonly deadline?: { readonly signal: AbortSignal; clear(): void };
}

/**
 * ky 1's `timeout`, armed just before ky's own timer, as the one signal the loop is given: it also
 * follows the request's signal, so the loop links nothing more (one controller, one listener).
 */
function armDeadline(ms: number, request: Request): KyCall['deadline'] {
  const controller = new AbortController();
  const outer = request.signal;
  const follow = (): void => controller.abort(outer.reason);
  if (outer.aborted) follow();
  else outer.addEventListener('abort', follow, { once: true });
  const timer = setTimeout(() => {
    controller.abort(new DOMException(`ky timeout of ${ms} ms elapsed`, 'TimeoutError'));
  }, ms);
  // A request that never reaches fetch (a later hook answered it) must not hold the process open.
  (timer as { unref?: () => void }).unref?.();
  return {
    signal: controller.signal,
    clear() {
      clearTimeout(timer);
      outer.removeEventListener('abort', follow);
    },
  };
}

/**
 * A rebuilt response carries the original's `url`, `redirected` and `type` as own properties, which
 * `Response#clone()` drops; ky hands `afterResponse` hooks and `HTTPError` a clone, so its clones
 * keep them too (bare ky's hooks see `response.url`).
 */
function keepIdentity(response: Response): Response {
  const { url, redirected, type } = response;
  const clone = response.clone;
  Object.defineProperty(response, 'clone', {
    configurable: true,
    value(this: Response): Response {
      const copy = clone.call(this);
      for (const [key, value] of [
        ['url', url],
        ['redirected', redirected],
        ['type', type],
      ] as const) {
        Object.defineProperty(copy, key, { value, configurable: true });
      }
      return keepIdentity(copy);
    },
  });
  return response;
}

/**
 * Returns ky options that make a ky instance reject every failure with a `VendorError` (a failure
 * status, an error hidden in a 2xx body such as Baidu PCS', a network failure, ky's `timeout`)
 * and retry through the shared loop, so retries follow what each error means rather than its
 * status. The final error carries `attempts` and `retryDecision`, and ky's `HTTPError` as `cause`
 * for a failure status (`err.cause.response`, `.request`, `.options`; ky 2 `.data`).
 *
 * ky's own contract holds: `afterResponse` hooks see the final failure response (a token
 * refresh may return a new response or `ky.retry()`), `throwHttpErrors: false` (or a function
 * saying `false`) resolves with it, `beforeError` hooks run (after ours: they get the
 * `VendorError`). A caller's `retry: n` / `{ limit, methods }` applies to that request;
 * `retry.statusCodes`, `shouldRetry`, `delay` and the like reject the request with a `TypeError`
 * naming the `vendorErrors({ retry })` option to use instead.
 *
 * Pass the result to `ky.create()` or `ky.extend()`, then add your own options with a further
 * `.extend()` (a spread would replace the hooks). A `fetch` set on ky afterwards bypasses the
 * loop: ky's own retry then retries those calls, by its rules (give it as `options.fetch`).
 * Aborting the request's `signal` rejects with the signal's reason and sends nothing more.
 * Options are validated here: a bad one throws a `TypeError` naming it.
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
  const send = fetchOption('vendorErrors', options.fetch);
  // With the loop off, ky's own retry keeps ky's default limit: `ky.retry()` from a hook still works
  // (ky's token-refresh pattern), and what never went through the loop follows ky's rules.
  const limit = integration.retry === false ? KY_DEFAULT_LIMIT : integration.retries;
  const calls = new WeakMap<object, KyCall>();
  const failures = new WeakMap<Response, KyFailure>();
  // What the loop already retried, or chose not to, ky must not repeat for that call: its
  // VendorErrors, the failure responses it handed back, our refusals. Anything else never went
  // through the loop for that call (a `fetch` given to ky itself, a response a hook made up, a
  // hook's own error, another call's VendorError): ky's rules decide.
  const decisions = kyDecisions();
  const { shouldRetry } = decisions;

  const beforeRequest = (first: unknown, second?: unknown): void => {
    const v1 = isRequest(first);
    const request = v1 ? first : prop(first, 'request');
    const opts = v1 ? second : prop(first, 'options');
    if (!isRequest(request)) return;
    const retry = prop(opts, 'retry');
    const overrides = mapKyRetry(retry, request.method.toUpperCase(), limit, shouldRetry);
    neutralize(retry, shouldRetry);
    if (overrides instanceof TypeError) {
      decisions.refuse(overrides);
      throw overrides;
    }
    // ky 2 leaves `timeout` out of the options hooks see, and converts its TimeoutError in beforeError.
    // ky 1 calls a `fetch` given to ky itself directly: no loop, so no deadline for it either.
    const timeout = v1 && prop(opts, 'fetch') === kyFetch ? prop(opts, 'timeout') : undefined;
    const deadline =
      typeof timeout === 'number' && timeout > 0 && timeout <= MAX_TIMER_MS ? armDeadline(timeout, request) : undefined;
    calls.get(request)?.deadline?.clear();
    const owner = typeof retry === 'object' && retry !== null ? retry : ANY_CALL;
    calls.set(request, { owner, replayable: isReplayableBody(prop(opts, 'body')), overrides, deadline });
  };

  // A failure status goes back to ky as a response, for its hooks and throwHttpErrors.
  const handBack = (error: unknown, owner: object): Response => {
    if (!isVendorError(error)) throw error;
    const kept = heldResponse(error);
    if (!kept) {
      decisions.own(error, owner);
      throw error;
    }
    failures.set(kept.response, { error, bytes: kept.bytes });
    decisions.own(kept.response, owner);
    return keepIdentity(kept.response);
  };

  // No async frame: a success is handed to ky in the turn it arrives (issue 14).
  const kyFetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const call = typeof input === 'object' ? calls.get(input) : undefined;
    if (call) calls.delete(input as object);
    const deadline = call?.deadline;
    const owner = call?.owner ?? ANY_CALL;
    const sent = fetchWithRetry({
      integration,
      fetch: send,
      input,
      // The deadline stands for the request's signal (it follows it): the loop's only signal.
      init: deadline ? { ...init, signal: deadline.signal } : init,
      replayable: call?.replayable,
      overrides: call?.overrides,
      keepFailures: true,
    });
    if (!deadline) return sent.then(undefined, (error: unknown) => handBack(error, owner));
    return sent.then(
      (res) => {
        deadline.clear();
        return res;
      },
      (error: unknown) => {
        deadline.clear();
        return handBack(error, owner);
      },
    );
  };

  // ky reaches beforeRetry only past shouldRetry: this guards a retry object ky would not let us set.
  const beforeRetry = (state: unknown): void => {
    const error = prop(state, 'error');
    const call = prop(prop(state, 'options'), 'retry');
    if (prop(error, 'name') !== 'ForceRetryError' && decisions.decidedFor(error, call)) throw error;
  };

  const beforeError = async (first: unknown): Promise<unknown> => {
    const v2 = !(first instanceof Error) && prop(first, 'error') !== undefined;
    const error = v2 ? prop(first, 'error') : first;
    const converted = await convertKyError(integration, error, v2 ? prop(first, 'request') : undefined, failures);
    // ky 1 runs beforeError inside its retry: the converted error stays decided for the same call
    // (and what the loop never saw stays ky's to retry, judged by what it wraps).
    const owner = converted !== error ? decisions.ownerOf(error) : undefined;
    if (owner) decisions.own(converted as object, owner);
    return converted;
  };

  // The hooks take both ky 1 and ky 2 signatures, which no single ky version's types describe.
  return {
    retry: { limit, shouldRetry },
    fetch: kyFetch,
    hooks: { beforeRequest: [beforeRequest], beforeRetry: [beforeRetry], beforeError: [beforeError] },
  } as unknown as Options;
}
