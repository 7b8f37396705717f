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
import axios, { AxiosError, type AxiosResponse, type InternalAxiosRequestConfig } from 'axios';
import { prop } from '../../core/wire.js';
import { boundedData, isWebStream } from '../shared/body.js';
import { type Collected, collectNode, collectWeb, isNodeStream } from './collect.js';
import type { ReadContext } from './streaming.js';

type Loose = Record<string, unknown>;

function stripBOM(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The Node adapter's conversion of a buffered body. */
function convertHttp(bytes: Uint8Array, config: InternalAxiosRequestConfig): Buffer | string {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (prop(config, 'responseType') === 'arraybuffer') return buffer;
  const encoding = prop(config, 'responseEncoding') as BufferEncoding | undefined;
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
  const wanted = String(prop(config, 'responseType') ?? '').toLowerCase();
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
      const limit = Number(prop(ctx.config, 'maxContentLength'));
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
    const limit = Number(prop(ctx.config, 'maxContentLength'));
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
