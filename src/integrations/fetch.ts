/**
 * `vendor-errors/fetch`: a `fetch` whose failures are `VendorError`s and whose retries follow
 * what each error means.
 */
import { type FetchLike, fetchOption, fetchWithRetry } from './shared/fetch.js';
import { resolveIntegrationOptions, type VendorIntegrationOptions } from './shared/options.js';

export type { VendorIntegrationOptions } from './shared/options.js';
export type { FetchLike } from './shared/fetch.js';

/** Options of {@link createFetch}. */
export interface CreateFetchOptions extends VendorIntegrationOptions {
  /**
   * The `fetch` each attempt calls (a polyfill, undici's with a dispatcher, a test double).
   * @default globalThis.fetch, looked up on every call (so later patches, e.g. msw, apply)
   */
  readonly fetch?: FetchLike;
}

/**
 * Returns a function with `fetch`'s signature that resolves with the `Response` on success
 * (body unread, yours to consume) and rejects with a `VendorError` on failure: a failure status,
 * an error hidden in a 2xx body (Baidu PCS), or no response at all (`NetworkError`,
 * `TimeoutError`). Every attempt runs through the retry loop; the final error carries
 * `attempts` and `retryDecision`.
 *
 * Request bodies are sent again on retry (strings, bytes, `URLSearchParams`, `FormData`, `Blob`;
 * a `Request` input is cloned for each attempt). A `ReadableStream` body is sent once: a failure
 * that would have been retried rejects with `retryDecision.reason === 'body-not-replayable'`.
 *
 * Aborting `init.signal` rejects with the signal's reason and sends nothing more; a signal that
 * times out (`AbortSignal.timeout()`) rejects with a `TimeoutError` instead. Options are
 * validated here, once: a bad one throws a `TypeError` that names it.
 *
 * @param options.retry Retry options, or `false` for one attempt. @default undefined (the loop's defaults)
 * @param options.maxBodyBytes Cap for reading error bodies and inspecting 2xx bodies. @default 65536
 * @param options.fetch The underlying fetch. @default globalThis.fetch
 *
 * @example
 * import { isVendorError } from 'vendor-errors';
 * import { baiduPcs } from 'vendor-errors/adapters';
 * import { createFetch } from 'vendor-errors/fetch';
 *
 * const pcsFetch = createFetch({ adapter: baiduPcs, retry: { retries: 4 } });
 * try {
 *   const res = await pcsFetch('https://pcs.baidu.com/rest/2.0/pcs/quota?method=info&access_token=…');
 *   console.log(await res.json());
 * } catch (err) {
 *   if (isVendorError(err)) console.warn(err.message, err.attempts?.length, err.retryDecision?.reason);
 *   throw err;
 * }
 */
export function createFetch(options: CreateFetchOptions): typeof globalThis.fetch {
  const integration = resolveIntegrationOptions('createFetch', options);
  const send = fetchOption('createFetch', options.fetch);
  const vendorFetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> =>
    fetchWithRetry({ integration, fetch: send, input, init });
  return vendorFetch as typeof globalThis.fetch;
}
