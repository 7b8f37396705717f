/**
 * `vendor-errors/axios`: attaches vendor error handling and the shared retry loop to an axios
 * instance.
 *
 * How it is hooked, and why (the files beside this one):
 * - install.ts: the instance's own request interceptor hands each request a wrapped transport
 *   adapter (nothing is written to `instance.defaults`, which `create()` copies); its response
 *   interceptor converts what fails outside the adapter and undoes axios' habit of replacing any
 *   rejection with a `CanceledError` once the request's signal has aborted.
 * - send.ts: the wrapped adapter runs the retry loop around axios' own transport, so request
 *   interceptors and `transformRequest` run once per call and every attempt reuses the
 *   serialized `config.data`. Inside the adapter the body is still raw text, so Baidu's 19-digit
 *   request ids keep their digits and errors hidden in 2xx bodies are found (hidden.ts).
 * - streaming.ts, collect.ts, convert.ts (with `boundErrorBodies`): each attempt asks axios'
 *   `http` and `fetch` transports for a stream, so an error body is read only up to
 *   `maxBodyBytes`; an accepted body is read and converted exactly as the transport would have
 *   buffered it. Off by default: it costs every success (issue 14, README "Performance").
 * - errors.ts: an `AxiosError` becomes the vendor's answer or, without a usable response, a
 *   transport failure classified by core/transport.ts (a client-side check is `invalid-request`).
 */
import type { AxiosInstance } from 'axios';
import { describeValue } from '../../core/options.js';
import { resolveIntegrationOptions, type VendorIntegrationOptions } from '../shared/options.js';
import { attachedOptions, install, uninstall } from './install.js';

export type { VendorIntegrationOptions } from '../shared/options.js';

/** Options of {@link withVendorErrors}. */
export interface WithVendorErrorsOptions extends VendorIntegrationOptions {
  /**
   * Read error bodies only up to `maxBodyBytes` and close the connection, even when the server
   * sends megabytes: each attempt then asks axios' own `http` and `fetch` transports for a
   * stream and, for an accepted status, buffers and converts it exactly as axios would have.
   * That costs every successful call (measured in `npm run bench`: see the README's
   * "Performance"), so it is off by default: axios then reads error bodies whole, as it always
   * does (bounded by your `maxContentLength`), and vendor-errors parses at most `maxBodyBytes`.
   * @default false
   * @example
   * withVendorErrors(axios.create(), { adapter: upyun, boundErrorBodies: true, maxBodyBytes: 16_384 });
   */
  readonly boundErrorBodies?: boolean;
}

/**
 * Attaches vendor error handling to an axios instance and returns the same instance. Every
 * failure it rejects with becomes a `VendorError` with the original `AxiosError` as `cause`:
 * failure statuses, errors hidden in 2xx bodies (Baidu PCS), network failures (`NetworkError`)
 * and axios timeouts (`TimeoutError`). Every send goes through the retry loop, which decides
 * from what the error means whether and when to try again; the final error carries `attempts`
 * and `retryDecision`. Interceptors run once per call, not once per attempt.
 *
 * A stream body (`config.data` a Node or web stream) is sent once: a failure that would have been
 * retried rejects with `retryDecision.reason === 'body-not-replayable'`. Aborting the request's
 * `signal` rejects with the signal's reason and sends nothing more (a signal that times out gives
 * a `TimeoutError`). Responses your `validateStatus` accepts are not failures. Options are validated
 * here: a bad one throws a `TypeError` that names it.
 *
 * Only this instance changes: nothing is written to `instance.defaults` (for the default `axios`
 * export those are axios' global defaults), so instances made later with `axios.create()` or
 * `instance.create()` are plain axios until you wrap them. Calling it again on the same instance
 * with the same options object does nothing; with other options it replaces the attachment (never
 * two loops).
 *
 * By default axios buffers every body, error bodies included (bounded only by your
 * `maxContentLength`), and vendor-errors parses at most `maxBodyBytes` of an error body. With
 * `boundErrorBodies: true`, error bodies are read up to `maxBodyBytes` and the connection is then
 * closed: each attempt asks axios' `http` or `fetch` adapter for a stream and, for a status your
 * `validateStatus` accepts, turns it back into the `data` axios would have given (same
 * `responseType`, `responseEncoding`, `maxContentLength`, timeouts and errors); that costs every
 * successful call some CPU (README, "Performance"). Elsewhere — a custom adapter (including a
 * mock), a custom `transport`, HTTP/2, the browser's `xhr` adapter — axios buffers error bodies
 * itself either way. With it, the cause of a failure status holds the part that was read in
 * `err.cause.response.data` (text, or bytes for `responseType: 'arraybuffer'`), and your config,
 * not the streaming one, in `err.cause.config`.
 *
 * `err.cause` is axios' own `AxiosError`, kept as axios made it (so you can still look at its
 * `config`, `request` and `response`): it is not redacted, and its `config.headers` hold your
 * `Authorization` and `Cookie`. The `VendorError` itself never shows them (`message`, `toJSON()`,
 * `util.inspect`, which sums up the cause in one redacted line); log it, not its cause. The one
 * cause the library builds itself, for an error hidden in a 2xx body (Baidu PCS), is an
 * `AxiosError` with redacted copies of the config (method, URL, headers) and of the response
 * (status, headers, body), and no `request`.
 *
 * @param options.retry Retry options, or `false` for one attempt. @default undefined (the loop's defaults)
 * @param options.maxBodyBytes Cap for parsing error bodies (reading them too, with
 *   `boundErrorBodies`) and inspecting 2xx bodies. @default 65536
 * @param options.boundErrorBodies Stream every attempt so error bodies are read only up to the cap. @default false
 *
 * @example
 * import axios from 'axios';
 * import { NotFoundError } from 'vendor-errors';
 * import { upyun } from 'vendor-errors/adapters';
 * import { withVendorErrors } from 'vendor-errors/axios';
 *
 * const client = withVendorErrors(axios.create({ baseURL: 'https://v0.api.upyun.com/my-bucket' }), {
 *   adapter: upyun,
 *   retry: { retries: 4, maxElapsedMs: 30_000 },
 * });
 * try {
 *   await client.get('/photos/cat.jpg');
 * } catch (err) {
 *   if (err instanceof NotFoundError) return null; // UpYun 40400001
 *   throw err;
 * }
 */
export function withVendorErrors<T extends AxiosInstance>(instance: T, options: WithVendorErrorsOptions): T {
  if (
    (typeof instance !== 'function' && typeof instance !== 'object') ||
    instance === null ||
    typeof instance.request !== 'function' ||
    typeof instance.interceptors?.request?.use !== 'function' ||
    typeof instance.defaults !== 'object'
  ) {
    throw new TypeError('withVendorErrors: the first argument must be an axios instance (axios.create())');
  }
  const integration = resolveIntegrationOptions('withVendorErrors', options);
  const stream = options.boundErrorBodies;
  if (stream !== undefined && typeof stream !== 'boolean') {
    throw new TypeError(`withVendorErrors: option \`boundErrorBodies\` must be a boolean, got ${describeValue(stream)}`);
  }
  if (attachedOptions(instance) === options) return instance;
  uninstall(instance);
  install(instance, integration, options, stream === true);
  return instance;
}
