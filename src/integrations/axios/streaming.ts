/**
 * @internal Which of axios' own transports an attempt goes through, and the config that asks it
 * for a stream so that error bodies stay bounded (see ./convert.ts for why).
 */
import axios, { AxiosError, type AxiosAdapter, type InternalAxiosRequestConfig } from 'axios';
import { prop } from '../../core/wire.js';
import { absoluteHttpUrl } from './url.js';

export type TransportKind = 'http' | 'fetch';

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
 * The config one attempt hands the transport: the caller's, asking for a stream when the
 * transport is one of axios' own and the body would otherwise be read in full.
 */
export function streamingConfig(
  kind: TransportKind | undefined,
  config: InternalAxiosRequestConfig,
  call: { readonly url: string },
): InternalAxiosRequestConfig | undefined {
  if (kind === undefined) return undefined;
  const type = prop(config, 'responseType');
  if (kind === 'fetch') {
    if (typeof type === 'string' && type.toLowerCase() === 'stream') return undefined;
    return { ...config, responseType: 'stream' };
  }
  if (type === 'stream') return undefined;
  // A custom transport reads bodies its own way; HTTP/2 streams time out differently.
  if (prop(config, 'transport')) return undefined;
  const version = prop(config, 'httpVersion');
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

/**
 * How long the read may still take: the wall-clock `timeout` the transport keeps running while
 * it buffers a body (the fetch adapter's composed signal; the Node adapter's timer when it uses
 * node:http directly, `maxRedirects: 0`). With follow-redirects the socket's idle timeout
 * destroys a stalled body in both modes, so nothing is added.
 */
export function remainingMs(ctx: ReadContext): number | undefined {
  if (ctx.kind === undefined) return undefined;
  const timeout = Number.parseInt(String(prop(ctx.config, 'timeout')), 10);
  if (!(timeout > 0)) return undefined;
  if (ctx.kind === 'http' && !(prop(ctx.config, 'maxRedirects') === 0 && !prop(ctx.config, 'transport'))) return undefined;
  return Math.max(0, timeout - (performance.now() - ctx.started));
}

/** The error the transport raises when its `timeout` strikes. */
export function timeoutError(ctx: ReadContext, request: unknown): AxiosError {
  const timeout = prop(ctx.config, 'timeout');
  if (ctx.kind === 'fetch') return new AxiosError(`timeout of ${timeout}ms exceeded`, AxiosError.ETIMEDOUT, ctx.config, request);
  const custom = prop(ctx.config, 'timeoutErrorMessage');
  const message = custom ? String(custom) : timeout ? `timeout of ${timeout}ms exceeded` : 'timeout exceeded';
  const clarify = (prop(ctx.config, 'transitional') as { clarifyTimeoutError?: unknown } | undefined)?.clarifyTimeoutError;
  return new AxiosError(message, clarify ? AxiosError.ETIMEDOUT : AxiosError.ECONNABORTED, ctx.config, request);
}

export function canceled(ctx: ReadContext, request: unknown): AxiosError {
  return new axios.CanceledError(undefined, ctx.config, request);
}
