import type { Adapter } from './adapter.js';
import { redactText } from './redact.js';
import { NetworkError, TimeoutError } from '../errors/index.js';
import { isVendorError, type VendorError } from '../errors/vendor-error.js';

/** Where a transport failure happened. */
export interface TransportContext {
  readonly method?: string;
  readonly url?: string;
}

const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'ECONNABORTED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ERR_TIMEOUT',
]);

function prop(value: unknown, key: string): unknown {
  try {
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  } catch {
    return undefined;
  }
}

/** `true` when a client's failure is a timeout (undici, Node sockets, axios, ky, `AbortSignal.timeout`). */
export function isTimeoutFailure(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e !== undefined && depth < 5; e = prop(e, 'cause'), depth++) {
    const name = prop(e, 'name');
    const code = prop(e, 'code');
    if (name === 'TimeoutError') return true;
    if (typeof code === 'string' && TIMEOUT_CODES.has(code)) return true;
  }
  return false;
}

/**
 * Turns a failure with no response (reset, refused, DNS, TLS, client timeout) into a
 * `NetworkError` or `TimeoutError`, keeping the original as `cause`. A `VendorError` passes
 * through unchanged.
 *
 * @example
 * try { res = await fetch(url) } catch (e) { throw transportError(upyun, e, { method: 'GET', url }) }
 */
export function transportError(adapter: Adapter, error: unknown, ctx: TransportContext = {}): VendorError {
  if (isVendorError(error)) return error;
  const timeout = isTimeoutFailure(error);
  let detail = 'no response';
  let clientCode: string | undefined;
  for (let e: unknown = error, depth = 0; e !== undefined && depth < 5; e = prop(e, 'cause'), depth++) {
    const code = prop(e, 'code');
    if (typeof code === 'string' && /^[A-Z][A-Z0-9_]{2,60}$/.test(code)) {
      detail = clientCode = code;
      break;
    }
  }
  if (clientCode === undefined) {
    const m = prop(error, 'message');
    if (typeof m === 'string' && m) detail = redactText(m.slice(0, 200));
  }
  const init = {
    vendor: adapter.name,
    method: ctx.method,
    url: ctx.url,
    cause: error,
    clientCode,
    message: `${adapter.displayName}: ${timeout ? 'request timed out' : 'network failure'} (${detail})${ctx.method ? ` on ${ctx.method.toUpperCase()}` : ''}`,
  };
  return timeout ? new TimeoutError(init) : new NetworkError(init);
}
