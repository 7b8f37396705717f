/**
 * @internal How the axios integration keeps error bodies bounded.
 *
 * Axios' own transports (the Node `http` adapter and the `fetch` adapter) read the whole body
 * before `validateStatus` runs, so a 64 MiB error page would be read in full before the
 * integration sees it. Each attempt therefore asks them for `responseType: 'stream'`:
 * - a failure status: at most `maxBodyBytes` of the stream are read, then it is destroyed
 *   (the connection closes); the cause's `response.data` holds what was read, converted as
 *   the caller's `responseType` asked;
 * - an accepted status: the stream is read to its end and converted exactly as the transport
 *   would have done in buffered mode (the Node adapter: one Buffer, then `toString(responseEncoding)`
 *   and a stripped BOM unless `responseType` is `'arraybuffer'`; the fetch adapter: `text()`,
 *   `arrayBuffer()`, `blob()` or `formData()`), with the same errors (`maxContentLength`, "stream
 *   has been aborted", the timeout axios keeps running while a body is read), so
 *   `transformResponse` and everything after it see what they always saw.
 *
 * Left alone: custom adapters and transports (their reads are their own), data: URLs, HTTP/2,
 * and requests whose `responseType` already is `'stream'` (their error streams are read up to
 * the cap all the same).
 */
import axios, { AxiosError, type AxiosAdapter, type AxiosResponse, type InternalAxiosRequestConfig } from 'axios';
import { boundedData, concat, toBytes } from './shared/body.js';

export type TransportKind = 'http' | 'fetch';

type Loose = Record<string, unknown>;

function get(config: InternalAxiosRequestConfig, key: string): unknown {
  return (config as unknown as Loose)[key];
}

let httpAdapter: unknown;
let httpResolved = false;

function axiosHttpAdapter(): unknown {
  if (!httpResolved) {
    httpResolved = true;
    try {
      httpAdapter = axios.getAdapter('http');
    } catch {
      httpAdapter = undefined;
    }
  }
  return httpAdapter;
}

/** Which of axios' own transports `transport` is, if it is one. */
export function transportKind(transport: AxiosAdapter, config: InternalAxiosRequestConfig): TransportKind | undefined {
  if (transport === axiosHttpAdapter()) return 'http';
  try {
    if (transport === axios.getAdapter('fetch', config)) return 'fetch';
  } catch {
    // No fetch in this environment.
  }
  return undefined;
}

/**
 * `config.url` when it is an absolute `http://` or `https://` URL that the transport uses as it
 * is (no `baseURL` put in front): its protocol is the full URL's, without building that URL
 * (`getUri()`, query string and all) on every call.
 */
function absoluteHttpUrl(config: InternalAxiosRequestConfig): string | undefined {
  const url = get(config, 'url');
  if (typeof url !== 'string' || !(url.startsWith('http://') || url.startsWith('https://'))) return undefined;
  if (get(config, 'baseURL') && get(config, 'allowAbsoluteUrls') === false) return undefined;
  return url;
}

/**
 * The config one attempt hands the transport: the caller's, asking for a stream when the
 * transport is one of axios' own and the body would otherwise be read in full.
 */
export function streamingConfig(
  kind: TransportKind | undefined,
  config: InternalAxiosRequestConfig,
  call: { readonly url: string },
): InternalAxiosRequestConfig | undefined {
  if (kind === undefined) return undefined;
  const type = get(config, 'responseType');
  if (kind === 'fetch') {
    if (typeof type === 'string' && type.toLowerCase() === 'stream') return undefined;
    return { ...config, responseType: 'stream' };
  }
  if (type === 'stream') return undefined;
  // A custom transport reads bodies its own way; HTTP/2 streams time out differently.
  if (get(config, 'transport')) return undefined;
  const version = get(config, 'httpVersion');
  if (version !== undefined && Number(version) !== 1) return undefined;
  let protocol: string;
  try {
    protocol = new URL(absoluteHttpUrl(config) ?? call.url).protocol;
  } catch {
    return undefined;
  }
  if (protocol !== 'http:' && protocol !== 'https:') return undefined;
  // `maxContentLength` is enforced below, the way the buffered read enforces it.
  return { ...config, responseType: 'stream', maxContentLength: -1 };
}

/** Where a body read happens: the caller's config, the attempt's signal and start time. */
export interface ReadContext {
  readonly kind: TransportKind | undefined;
  /** The config the caller sees; it goes back onto responses and errors. */
  readonly config: InternalAxiosRequestConfig;
  readonly signal: AbortSignal | undefined;
  /** `performance.now()` just before the transport was called. */
  readonly started: number;
}

interface NodeStreamLike {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  removeListener(event: string, listener: (...args: unknown[]) => void): unknown;
  destroy(error?: Error): unknown;
  readonly destroyed?: boolean;
  readonly readableEnded?: boolean;
  readonly errored?: unknown;
}

function isNodeStream(value: unknown): value is NodeStreamLike {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Loose;
  return typeof v.on === 'function' && typeof v.pipe === 'function' && typeof v.destroy === 'function';
}

function isWebStream(value: unknown): value is ReadableStream<Uint8Array> {
  return typeof value === 'object' && value !== null && typeof (value as ReadableStream).getReader === 'function';
}

/**
 * How long the read may still take: the wall-clock `timeout` the transport keeps running while
 * it buffers a body (the fetch adapter's composed signal; the Node adapter's timer when it uses
 * node:http directly, `maxRedirects: 0`). With follow-redirects the socket's idle timeout
 * destroys a stalled body in both modes, so nothing is added.
 */
function remainingMs(ctx: ReadContext): number | undefined {
  if (ctx.kind === undefined) return undefined;
  const timeout = Number.parseInt(String(get(ctx.config, 'timeout')), 10);
  if (!(timeout > 0)) return undefined;
  if (ctx.kind === 'http' && !(get(ctx.config, 'maxRedirects') === 0 && !get(ctx.config, 'transport'))) return undefined;
  return Math.max(0, timeout - (performance.now() - ctx.started));
}

/** The error the transport raises when its `timeout` strikes. */
function timeoutError(ctx: ReadContext, request: unknown): AxiosError {
  const timeout = get(ctx.config, 'timeout');
  if (ctx.kind === 'fetch') return new AxiosError(`timeout of ${timeout}ms exceeded`, AxiosError.ETIMEDOUT, ctx.config, request);
  const custom = get(ctx.config, 'timeoutErrorMessage');
  const message = custom ? String(custom) : timeout ? `timeout of ${timeout}ms exceeded` : 'timeout exceeded';
  const clarify = (get(ctx.config, 'transitional') as { clarifyTimeoutError?: unknown } | undefined)?.clarifyTimeoutError;
  return new AxiosError(message, clarify ? AxiosError.ETIMEDOUT : AxiosError.ECONNABORTED, ctx.config, request);
}

function canceled(ctx: ReadContext, request: unknown): AxiosError {
  return new axios.CanceledError(undefined, ctx.config, request);
}

interface Collected {
  readonly bytes: Uint8Array;
  /** The body went on past the cap. */
  readonly truncated: boolean;
}

interface CollectOptions {
  /** Error bodies: stop after this many bytes and resolve with what came (also when the transfer breaks). */
  readonly cap?: number;
  /** Accepted bodies: the caller's `maxContentLength`, enforced as the buffered read does. */
  readonly maxContentLength?: number;
  readonly response: AxiosResponse;
}

function destroyRequest(request: unknown): void {
  try {
    const destroy = (request as { destroy?: unknown } | null)?.destroy;
    if (typeof destroy === 'function') destroy.call(request);
  } catch {
    // Already gone.
  }
}

/**
 * Reads a Node stream the way the Node adapter's buffered mode does (listeners for `data`,
 * `aborted`, `error`, `end`), or, with a `cap`, only up to the cap.
 */
function collectNode(stream: NodeStreamLike, ctx: ReadContext, o: CollectOptions): Promise<Collected> {
  const { response } = o;
  const request = response.request;
  const cap = o.cap ?? Number.POSITIVE_INFINITY;
  const bounded = o.cap !== undefined;
  return new Promise<Collected>((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let total = 0;
    let finished = false;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const cleanup = (): void => {
      finished = true;
      if (timer !== undefined) clearTimeout(timer);
      stream.removeListener('data', onData);
      stream.removeListener('aborted', onAborted);
      stream.removeListener('error', onError);
      stream.removeListener('end', onEnd);
      ctx.signal?.removeEventListener('abort', onAbort);
      // A stream destroyed later (below) must not turn its 'error' into an uncaught exception.
      stream.on('error', () => undefined);
    };
    const stop = (): void => {
      try {
        stream.destroy();
      } catch {
        // Already destroyed.
      }
      destroyRequest(request);
    };
    const done = (truncated: boolean): void => {
      if (finished) return;
      cleanup();
      if (truncated) stop();
      const bytes =
        !bounded && chunks.length === 1 ? chunks[0]! : bounded ? concat(chunks, cap) : Buffer.concat(chunks as Uint8Array[]);
      resolve({ bytes, truncated });
    };
    const fail = (error: unknown): void => {
      if (finished) return;
      cleanup();
      stop();
      reject(error);
    };

    function onData(chunk: unknown): void {
      const bytes = toBytes(chunk);
      if (!bytes) return;
      chunks.push(bytes);
      total += bytes.byteLength;
      if (bounded) {
        if (total > cap) done(true);
        return;
      }
      const limit = o.maxContentLength ?? -1;
      if (limit > -1 && total > limit) {
        fail(new AxiosError(`maxContentLength size of ${limit} exceeded`, AxiosError.ERR_BAD_RESPONSE, ctx.config, request));
      }
    }
    // An error body that breaks off is what it is: the status classifies the failure.
    function onAborted(): void {
      if (bounded) done(false);
      else fail(new AxiosError('stream has been aborted', AxiosError.ERR_BAD_RESPONSE, ctx.config, request, response));
    }
    function onError(error: unknown): void {
      if (bounded) done(false);
      else if (axios.isCancel(error) || axios.isAxiosError(error)) fail(error);
      else fail(AxiosError.from(error as Error, undefined, ctx.config, request, response));
    }
    function onEnd(): void {
      done(false);
    }
    function onAbort(): void {
      fail(canceled(ctx, request));
    }

    stream.on('data', onData);
    stream.on('aborted', onAborted);
    stream.on('error', onError);
    stream.on('end', onEnd);
    if (ctx.signal?.aborted) {
      onAbort();
      return;
    }
    ctx.signal?.addEventListener('abort', onAbort, { once: true });
    const ms = remainingMs(ctx);
    if (ms !== undefined) timer = setTimeout(() => fail(timeoutError(ctx, request)), ms);
    // Anything that happened before these listeners were attached.
    if (stream.errored) onError(stream.errored);
    else if (stream.destroyed && !stream.readableEnded) onAborted();
  });
}

/** A web stream (the fetch adapter's `response.body`) read to its end, or up to a `cap`. */
async function collectWeb(stream: ReadableStream<Uint8Array>, ctx: ReadContext, o: CollectOptions): Promise<Collected> {
  const request = o.response.request;
  const cap = o.cap ?? Number.POSITIVE_INFINITY;
  const bounded = o.cap !== undefined;
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  let ended = false;
  // An abort or the timeout cancels the reader, which ends a pending read at once.
  let interruption: { readonly error: unknown } | undefined;
  const interrupt = (error: unknown): void => {
    if (interruption || ended) return;
    interruption = { error };
    reader.cancel().catch(() => undefined);
  };
  const onAbort = (): void => interrupt(canceled(ctx, request));
  const ms = remainingMs(ctx);
  const timer = ms === undefined ? undefined : setTimeout(() => interrupt(timeoutError(ctx, request)), ms);
  if (ctx.signal?.aborted) onAbort();
  else ctx.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    while (total <= cap && !interruption) {
      const next = await reader.read();
      if (interruption) break;
      if (next.done) {
        ended = true;
        break;
      }
      const bytes = toBytes(next.value);
      if (!bytes) continue;
      chunks.push(bytes);
      total += bytes.byteLength;
    }
  } catch (error) {
    // An error body that breaks off is what it is: the status classifies the failure.
    if (!interruption) {
      if (bounded) return { bytes: concat(chunks, cap), truncated: false };
      throw error;
    }
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    ctx.signal?.removeEventListener('abort', onAbort);
    if (ended) reader.releaseLock();
    else if (!interruption) reader.cancel().catch(() => undefined);
  }
  if (interruption) throw interruption.error;
  return { bytes: concat(chunks, cap), truncated: total > cap };
}

function stripBOM(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The Node adapter's conversion of a buffered body. */
function convertHttp(bytes: Uint8Array, config: InternalAxiosRequestConfig): Buffer | string {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (get(config, 'responseType') === 'arraybuffer') return buffer;
  const encoding = get(config, 'responseEncoding') as BufferEncoding | undefined;
  const text = buffer.toString(encoding);
  return !encoding || encoding === 'utf8' ? stripBOM(text) : text;
}

function contentType(headers: unknown): string | undefined {
  try {
    const h = headers as { get?: (name: string) => unknown } | Loose | undefined;
    const value = typeof h?.get === 'function' ? h.get('content-type') : (h as Loose | undefined)?.['content-type'];
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The fetch adapter's conversion of a body, by the caller's `responseType`. */
async function convertFetch(
  bytes: Uint8Array | null,
  config: InternalAxiosRequestConfig,
  type: string | undefined,
): Promise<unknown> {
  const wanted = String(get(config, 'responseType') ?? '').toLowerCase();
  const method =
    wanted === 'arraybuffer' ? 'arrayBuffer' : wanted === 'blob' ? 'blob' : wanted === 'formdata' ? 'formData' : 'text';
  const res = new Response(bytes as BodyInit | null, type ? { headers: { 'content-type': type } } : undefined);
  return res[method]();
}

/** The fetch adapter's wrapping of a failure while it reads a body. */
function fetchReadError(error: unknown, ctx: ReadContext, request: unknown): AxiosError {
  if (axios.isAxiosError(error)) {
    error.config = ctx.config;
    if (request && !error.request) error.request = request;
    return error;
  }
  const e = error as { name?: unknown; message?: unknown; code?: unknown; response?: unknown } | null;
  if (e?.name === 'TypeError' && /Load failed|fetch/i.test(String(e.message))) {
    const network = new AxiosError('Network Error', AxiosError.ERR_NETWORK, ctx.config, request);
    Object.defineProperty(network, 'cause', { value: error, writable: true, enumerable: false, configurable: true });
    return network;
  }
  return AxiosError.from(
    (error instanceof Error ? error : new Error(String(error))) as Error,
    typeof e?.code === 'string' ? e.code : undefined,
    ctx.config,
    request,
    e?.response as AxiosResponse | undefined,
  );
}

/**
 * An accepted response whose body the attempt asked for as a stream: read to its end and
 * converted as the transport would have, so that `transformResponse` sees what it always saw.
 * Rejects with the transport's own errors (the response then carries no `data`).
 */
export async function bufferAccepted(response: AxiosResponse, ctx: ReadContext): Promise<AxiosResponse> {
  response.config = ctx.config;
  const data: unknown = response.data;
  try {
    if (ctx.kind === 'http') {
      if (!isNodeStream(data)) return response;
      const limit = Number(get(ctx.config, 'maxContentLength'));
      const { bytes } = await collectNode(data, ctx, { response, maxContentLength: Number.isNaN(limit) ? -1 : limit });
      try {
        response.data = convertHttp(bytes, ctx.config);
      } catch (error) {
        throw AxiosError.from(error as Error, undefined, ctx.config, response.request, response);
      }
      return response;
    }
    if (data != null && !isWebStream(data)) return response;
    let bytes: Uint8Array | null = null;
    try {
      if (data != null) bytes = (await collectWeb(data, ctx, { response })).bytes;
      response.data = await convertFetch(bytes, ctx.config, contentType(response.headers));
    } catch (error) {
      throw axios.isCancel(error) ? error : fetchReadError(error, ctx, response.request);
    }
    return response;
  } catch (error) {
    response.data = undefined;
    throw error;
  }
}

/**
 * The body of a rejected response for `normalize()`: at most `max` bytes, the rest destroyed.
 * When the attempt asked for the stream, the error is given back the caller's config and its
 * `response.data` holds what was read, converted as the caller's `responseType` asked.
 * Rejects with the transport's timeout error, or a `CanceledError` when the signal aborts.
 */
export async function readRejected(error: AxiosError, ctx: ReadContext, forced: boolean, max: number): Promise<unknown> {
  const response = error.response;
  if (!response) return undefined;
  if (forced) {
    error.config = ctx.config;
    response.config = ctx.config;
  }
  const data: unknown = response.data;
  let cap = max;
  if (forced && ctx.kind === 'http') {
    const limit = Number(get(ctx.config, 'maxContentLength'));
    if (limit > -1) cap = Math.min(cap, limit);
  }
  let collected: Collected;
  if (isNodeStream(data)) collected = await collectNode(data, ctx, { response, cap });
  else if (isWebStream(data)) collected = await collectWeb(data, ctx, { response, cap });
  else return boundedData(data, max);
  if (forced) {
    try {
      response.data =
        ctx.kind === 'http'
          ? convertHttp(collected.bytes, ctx.config)
          : await convertFetch(collected.bytes, ctx.config, contentType(response.headers));
    } catch {
      response.data = new TextDecoder().decode(collected.bytes);
    }
  }
  return collected.bytes;
}
