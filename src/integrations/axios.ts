/**
 * `vendor-errors/axios`: attaches vendor error handling and the shared retry loop to an axios
 * instance.
 *
 * How it is hooked, and why:
 * - The instance's transport adapter (`axios.getAdapter(instance.defaults.adapter)`, resolved
 *   per request) is wrapped, and the retry loop runs inside the wrapper. Axios runs request
 *   interceptors and `transformRequest` once, before the adapter, so they run once per call
 *   however many attempts follow; every attempt reuses the already-serialized `config.data`.
 *   Inside the adapter the response body is still raw text, so Baidu's 19-digit request ids
 *   keep their digits and errors hidden in 2xx bodies are found before `transformResponse`.
 * - Each attempt asks axios' own transports (the Node `http` adapter, the `fetch` adapter) for
 *   `responseType: 'stream'`: an error body is read up to `maxBodyBytes` and the rest destroyed,
 *   and an accepted body is read and converted exactly as the transport would have buffered it
 *   (see ./axios-body.ts), so `transformResponse` and the caller see the usual `data`.
 * - A request interceptor wraps a per-request `adapter` too, so `{ adapter: 'fetch' }` on one
 *   call does not bypass the loop.
 * - A response interceptor converts what fails outside the adapter (an `AxiosError` from a
 *   request interceptor or `transformResponse`) and undoes axios' habit of replacing any
 *   rejection with a `CanceledError` once the request's signal has aborted: the caller gets
 *   the signal's reason, or the `VendorError` the loop had already settled on.
 */
import axios, {
  AxiosError,
  AxiosHeaders,
  type AxiosAdapter,
  type AxiosInstance,
  type AxiosResponse,
  type InternalAxiosRequestConfig,
} from 'axios';
import type { BodyInput } from '../core/body.js';
import { headerLookup } from '../core/headers.js';
import { normalize } from '../core/normalize.js';
import { redactHeaderValue, redactText, redactUrl } from '../core/redact.js';
import { isTimeoutFailure, transportError } from '../core/transport.js';
import { createVendorError } from '../errors/index.js';
import { isVendorError, type VendorError } from '../errors/vendor-error.js';
import { bufferAccepted, type ReadContext, readRejected, streamingConfig, transportKind } from './axios-body.js';
import { isReplayableBody, shouldInspectSuccess } from './shared/body.js';
import { abortOutcome, runRequest } from './shared/loop.js';
import { type ResolvedIntegration, resolveIntegrationOptions, type VendorIntegrationOptions } from './shared/options.js';
import type { SignalLike } from './shared/signal.js';

export type { VendorIntegrationOptions } from './shared/options.js';

/** Options of {@link withVendorErrors}. */
export interface WithVendorErrorsOptions extends VendorIntegrationOptions {}

type AdapterSetting = InternalAxiosRequestConfig['adapter'];

interface Attachment {
  readonly original: AdapterSetting;
  readonly requestInterceptor: number;
  readonly responseInterceptor: number;
}

const attachments = new WeakMap<AxiosInstance, Attachment>();
const wrappedAdapters = new WeakSet<object>();

function isWrapped(value: unknown): boolean {
  return typeof value === 'function' && wrappedAdapters.has(value);
}

/**
 * An axios with no defaults, only for building URLs: the config an adapter receives is already
 * merged with the instance's defaults, and `instance.getUri()` would merge them (every header
 * included) once more on every call.
 */
let uriBuilder: Pick<AxiosInstance, 'getUri'> | undefined;

function fullUrl(config: InternalAxiosRequestConfig): string {
  try {
    uriBuilder ??= new axios.Axios({});
    return uriBuilder.getUri({
      url: config.url,
      baseURL: config.baseURL,
      allowAbsoluteUrls: config.allowAbsoluteUrls,
      params: config.params,
      paramsSerializer: config.paramsSerializer,
    });
  } catch {
    return `${config.baseURL ?? ''}${config.url ?? ''}`;
  }
}

interface CallDescription {
  readonly method: string;
  /** Built on first read: a success through a transport that needs no URL never builds it. */
  readonly url: string;
}

function describeCall(config: InternalAxiosRequestConfig | undefined): CallDescription {
  if (!config) return { method: 'GET', url: '' };
  let url: string | undefined;
  return {
    method: String(config.method ?? 'get').toUpperCase(),
    get url() {
      url ??= fullUrl(config);
      return url;
    },
  };
}

const NO_TOKEN: { signal?: SignalLike; dispose(): void } = Object.freeze({ dispose() {} });

/** The legacy `CancelToken` as a signal, so that a wait between attempts notices it too. */
function cancelTokenSignal(config: InternalAxiosRequestConfig): { signal?: SignalLike; dispose(): void } {
  const token = config.cancelToken as
    | {
        reason?: unknown;
        subscribe?: (fn: (reason: unknown) => void) => void;
        unsubscribe?: (fn: (reason: unknown) => void) => void;
      }
    | undefined;
  if (!token || typeof token.subscribe !== 'function') return NO_TOKEN;
  const controller = new AbortController();
  const listener = (reason: unknown): void => controller.abort(reason);
  token.subscribe(listener);
  return { signal: controller.signal, dispose: () => token.unsubscribe?.(listener) };
}

/**
 * An `AxiosError` as a `VendorError`: a failure status (or an error body) is the vendor's answer;
 * a timeout or a transfer that broke after the headers is a failure without a usable response.
 */
function fromAxiosError(integration: ResolvedIntegration, error: AxiosError, body: unknown, ctx: CallDescription): VendorError {
  const response = error.response;
  if (response && !isTimeoutFailure(error)) {
    const failure = normalize(integration.adapter, {
      status: response.status,
      headers: response.headers,
      body: body as BodyInput,
      ...ctx,
      cause: error,
      maxBodyBytes: integration.maxBodyBytes,
    });
    if (failure) return failure;
    if (error.code === AxiosError.ERR_BAD_REQUEST || error.code === AxiosError.ERR_BAD_RESPONSE) {
      if (/status code/i.test(error.message)) return rejectedByValidateStatus(integration, response.status, ctx, error);
    }
  }
  return transportError(integration.adapter, error, ctx);
}

function rejectedByValidateStatus(
  integration: ResolvedIntegration,
  status: number,
  ctx: CallDescription,
  cause: unknown,
): VendorError {
  return createVendorError('unknown', {
    vendor: integration.adapter.name,
    status,
    method: ctx.method,
    url: ctx.url,
    cause,
    message: `${integration.adapter.displayName}: HTTP ${status} rejected by validateStatus`,
  });
}

/** The body of a 2xx answer, when it is small text or JSON worth looking into. */
function inspectable(integration: ResolvedIntegration, response: AxiosResponse): unknown {
  if (response.status < 200 || response.status >= 300) return undefined;
  // Most vendors never hide an error in a 2xx body: no header lookup for them.
  if (integration.adapter.errorsInSuccess !== true) return undefined;
  if (!shouldInspectSuccess(integration.adapter, headerLookup(response.headers), integration.maxBodyBytes)) return undefined;
  const data: unknown = response.data;
  if (typeof data === 'string') return data.length <= integration.maxBodyBytes ? data : undefined;
  if (data instanceof Uint8Array || data instanceof ArrayBuffer)
    return data.byteLength <= integration.maxBodyBytes ? data : undefined;
  if (typeof data === 'object' && data !== null && Object.getPrototypeOf(data) === Object.prototype) return data;
  return undefined;
}

/** Headers with every credential replaced (`Authorization`, `Cookie`, `Set-Cookie`, tokens in values). */
function redactedHeaders(headers: unknown): AxiosHeaders {
  const out = new AxiosHeaders();
  let plain: Record<string, unknown>;
  try {
    plain = AxiosHeaders.from(headers as ConstructorParameters<typeof AxiosHeaders>[0]).toJSON();
  } catch {
    return out;
  }
  for (const [name, value] of Object.entries(plain)) {
    if (value == null) continue;
    const safe = Array.isArray(value)
      ? value.map((v) => redactHeaderValue(name, String(v)))
      : redactHeaderValue(name, String(value));
    try {
      out.set(name, safe);
    } catch {
      // A name AxiosHeaders refuses: left out.
    }
  }
  return out;
}

/** A response body with credentials in its text redacted, in the shape it came in. */
function redactedData(data: unknown): unknown {
  try {
    if (typeof data === 'string') return redactText(data);
    if (data instanceof ArrayBuffer) return new TextEncoder().encode(redactText(new TextDecoder().decode(data))).buffer;
    if (data instanceof Uint8Array) {
      const text = redactText(new TextDecoder().decode(data));
      return typeof Buffer !== 'undefined' && Buffer.isBuffer(data) ? Buffer.from(text) : new TextEncoder().encode(text);
    }
    if (typeof data === 'object' && data !== null) {
      const text = redactText(JSON.stringify(data));
      try {
        return JSON.parse(text);
      } catch {
        return text;
      }
    }
  } catch {
    return undefined;
  }
  return data;
}

/**
 * The cause of an error found in a 2xx body: an `AxiosError` built here, so it carries only what
 * is safe to show. Its `config` holds the method, the redacted URL and redacted headers (no
 * body, params, auth or agents); its `response` the status, redacted headers and the redacted
 * body; there is no `request` (the ClientRequest holds every header as sent).
 */
function hiddenErrorCause(
  integration: ResolvedIntegration,
  config: InternalAxiosRequestConfig,
  response: AxiosResponse,
): AxiosError {
  const safeConfig = {
    method: config.method,
    url: redactUrl(fullUrl(config)),
    headers: redactedHeaders(config.headers),
    timeout: config.timeout,
    responseType: config.responseType,
  } as unknown as InternalAxiosRequestConfig;
  const safeResponse = {
    status: response.status,
    statusText: response.statusText,
    headers: redactedHeaders(response.headers),
    data: redactedData(response.data),
    config: safeConfig,
  } as AxiosResponse;
  return new AxiosError(
    `${integration.adapter.displayName} reported an error in a ${response.status} response`,
    AxiosError.ERR_BAD_RESPONSE,
    safeConfig,
    undefined,
    safeResponse,
  );
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
 * a `TimeoutError`). Responses your `validateStatus` accepts are not failures. Calling it again
 * on the same instance replaces the earlier attachment. Options are validated here: a bad one
 * throws a `TypeError` that names it.
 *
 * Error bodies are read up to `maxBodyBytes` and the connection is then closed: each attempt asks
 * axios' `http` or `fetch` adapter for a stream and, for a status your `validateStatus` accepts,
 * turns it back into the `data` axios would have given (same `responseType`, `responseEncoding`,
 * `maxContentLength`, timeouts and errors). Elsewhere — a custom adapter (including a mock), a
 * custom `transport`, HTTP/2, the browser's `xhr` adapter — axios buffers error bodies itself;
 * vendor-errors parses at most `maxBodyBytes` of them. Through axios' own adapters, the cause of
 * a failure status holds the part that was read in `err.cause.response.data` (text, or bytes for
 * `responseType: 'arraybuffer'`), and your config, not the streaming one, in `err.cause.config`.
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
 * @param options.maxBodyBytes Cap for reading error bodies and inspecting 2xx bodies. @default 65536
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

  const previous = attachments.get(instance);
  if (previous) {
    instance.interceptors.request.eject(previous.requestInterceptor);
    instance.interceptors.response.eject(previous.responseInterceptor);
    instance.defaults.adapter = previous.original;
  }
  const original = instance.defaults.adapter;
  // What the loop settled on, by the config axios handed the adapter: axios may swap it for a CanceledError.
  const settled = new WeakMap<object, unknown>();

  function wrap(setting: AdapterSetting): AxiosAdapter {
    const vendorAdapter: AxiosAdapter = (config) => send(config, setting);
    wrappedAdapters.add(vendorAdapter);
    return vendorAdapter;
  }

  async function send(config: InternalAxiosRequestConfig, setting: AdapterSetting): Promise<AxiosResponse> {
    const transport = axios.getAdapter(setting, config);
    const kind = transportKind(transport, config);
    const ctx = describeCall(config);
    const token = cancelTokenSignal(config);
    try {
      return await runRequest<AxiosResponse>({
        integration,
        method: ctx.method,
        get url() {
          return ctx.url;
        },
        headers: config.headers,
        signals: [config.signal as SignalLike | undefined, token.signal],
        replayable: isReplayableBody(config.data),
        async attempt(signal) {
          const attemptConfig = signal && signal !== config.signal ? { ...config, signal } : config;
          // axios' own transports are asked for a stream, so that an error body is read only up to the cap.
          const streaming = streamingConfig(kind, attemptConfig, ctx);
          const read: ReadContext = { kind, config: attemptConfig, signal, started: performance.now() };
          let response: AxiosResponse;
          try {
            response = await transport(streaming ?? attemptConfig);
            if (streaming) response = await bufferAccepted(response, read);
          } catch (error) {
            if (axios.isCancel(error) || !axios.isAxiosError(error)) throw error;
            let body: unknown;
            try {
              body = await readRejected(error, read, streaming !== undefined, integration.maxBodyBytes);
            } catch (readError) {
              // The transport's timeout struck, or the signal aborted, while the error body was read.
              if (axios.isCancel(readError) || !axios.isAxiosError(readError)) throw readError;
              throw fromAxiosError(integration, readError, undefined, ctx);
            }
            throw fromAxiosError(integration, error, body, ctx);
          }
          const body = inspectable(integration, response);
          if (
            body !== undefined &&
            normalize(integration.adapter, { status: response.status, headers: response.headers, body: body as BodyInput })
          ) {
            throw fromAxiosError(integration, hiddenErrorCause(integration, attemptConfig, response), body, ctx);
          }
          return response;
        },
      });
    } catch (error) {
      settled.set(config, error);
      throw error;
    } finally {
      token.dispose();
    }
  }

  function toVendorError(error: unknown): unknown {
    const config = (error as { config?: InternalAxiosRequestConfig } | null)?.config;
    if (axios.isCancel(error)) {
      if (config && settled.has(config)) return settled.get(config);
      const signal = config?.signal as SignalLike | undefined;
      if (signal?.aborted) return abortOutcome(signal, { integration, ...describeCall(config) });
      return error;
    }
    if (isVendorError(error) || !axios.isAxiosError(error)) return error;
    return fromAxiosError(integration, error, error.response?.data, describeCall(config));
  }

  instance.defaults.adapter = wrap(original);
  const requestInterceptor = instance.interceptors.request.use(
    (config) => {
      if (config.adapter !== undefined && !isWrapped(config.adapter)) config.adapter = wrap(config.adapter);
      return config;
    },
    undefined,
    { synchronous: true },
  );
  const responseInterceptor = instance.interceptors.response.use(undefined, (error: unknown) =>
    Promise.reject(toVendorError(error)),
  );
  attachments.set(instance, { original, requestInterceptor, responseInterceptor });
  return instance;
}
