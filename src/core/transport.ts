import type { Adapter } from './adapter.js';
import type { RetryClass } from './kinds.js';
import { redactText } from './redact.js';
import { prop } from './wire.js';
import { InvalidRequestError, NetworkError, TimeoutError } from '../errors/index.js';
import { isVendorError, type VendorError } from '../errors/vendor-error.js';

/**
 * Whether the request can have reached the vendor when the failure happened. `before-send`: an
 * integration knows nothing was written (the connection never opened); `after-send`: the request
 * (or part of it) was written; `unknown` (the default): only the error's codes decide.
 */
export type TransportPhase = 'before-send' | 'after-send' | 'unknown';

/** Where a transport failure happened. */
export interface TransportContext {
  readonly method?: string;
  readonly url?: string;
  readonly phase?: TransportPhase;
}

/** What a failure without a response means: its kind, retry class and the client's own code. */
export interface TransportClassification {
  readonly kind: 'network' | 'timeout' | 'invalid-request';
  readonly retry: RetryClass;
  /** The outermost code the client set (`ECONNABORTED`, `ERR_NETWORK`, undici's `UND_ERR_SOCKET`…). */
  readonly clientCode: string | undefined;
  /** The code the classification rests on (may sit deeper in the cause chain). */
  readonly code: string | undefined;
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

/**
 * Failures that happen again however often the request is sent: a bad option, a limit the client
 * enforces, a file that is not there. axios: lib/core/AxiosError.js and lib/adapters/http.js;
 * follow-redirects' ERR_FR_*; Node's argument and header checks; undici's UND_ERR_INVALID_ARG etc.
 */
const DETERMINISTIC_CODES = new Set([
  'ERR_BAD_OPTION_VALUE',
  'ERR_BAD_OPTION',
  'ERR_NOT_SUPPORT',
  'ERR_INVALID_URL',
  'ERR_FR_TOO_MANY_REDIRECTS',
  'ERR_FR_MAX_BODY_LENGTH_EXCEEDED',
  'ERR_FR_REDIRECTION_FAILURE',
  'ERR_INVALID_ARG_TYPE',
  'ERR_INVALID_ARG_VALUE',
  'ERR_INVALID_PROTOCOL',
  'ERR_INVALID_CHAR',
  'ERR_INVALID_HTTP_TOKEN',
  'ERR_HTTP_INVALID_HEADER_VALUE',
  'ERR_UNESCAPED_CHARACTERS',
  'ENOENT',
  'EISDIR',
  'EACCES',
  'UND_ERR_INVALID_ARG',
  'UND_ERR_NOT_SUPPORTED',
  'UND_ERR_RES_EXCEEDED_MAX_SIZE',
  'UND_ERR_REQ_CONTENT_LENGTH_MISMATCH',
]);

/**
 * Deterministic failures some clients report without a code of their own: axios gives an exceeded
 * `maxContentLength` the code of a broken stream (ERR_BAD_RESPONSE) and an exceeded
 * `maxBodyLength` (or an unsupported protocol) the generic ERR_BAD_REQUEST; undici's fetch says
 * "redirect count exceeded" and "unknown scheme" in a cause without a code.
 */
const DETERMINISTIC_MESSAGE =
  /max(?:Content|Body)Length|Unsupported protocol|redirect count exceeded|unknown scheme|not implemented\.\.\. yet/i;

/** Failures before the request is written: refused, DNS, unreachable, TLS handshake (Node, undici, OpenSSL). */
const BEFORE_SEND_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'EAI_FAIL',
  'EAI_NODATA',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  'EPROTO',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'HOSTNAME_MISMATCH',
]);

function isBeforeSendCode(code: string): boolean {
  return BEFORE_SEND_CODES.has(code) || code.startsWith('CERT_') || code.startsWith('ERR_TLS_') || code.startsWith('ERR_SSL_');
}

const CODE = /^[A-Z][A-Z0-9_]{2,60}$/;
const MAX_DEPTH = 5;

/** `true` when a client's failure is a timeout (undici, Node sockets, axios, ky, `AbortSignal.timeout`). */
export function isTimeoutFailure(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e !== undefined && depth < MAX_DEPTH; e = prop(e, 'cause'), depth++) {
    const code = prop(e, 'code');
    if (prop(e, 'name') === 'TimeoutError') return true;
    if (typeof code === 'string' && TIMEOUT_CODES.has(code)) return true;
  }
  return false;
}

/**
 * What a failure without a response means, from the codes along its cause chain and the phase:
 * a failure that will happen again (bad option, client-side limit, missing upload file) is
 * `invalid-request`, never retried; a timeout is `timeout`; a failure before the request was
 * written (refused, DNS, TLS) is `network` retryable for any method (`safe`); anything else (a
 * reset after writing, a broken transfer) is `network`, retried only when idempotent.
 *
 * @example
 * classifyTransport(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
 * // { kind: 'network', retry: 'safe', clientCode: 'ECONNREFUSED', code: 'ECONNREFUSED' }
 */
export function classifyTransport(error: unknown, phase: TransportPhase = 'unknown'): TransportClassification {
  let clientCode: string | undefined;
  let timeout = false;
  let beforeSend: string | undefined;
  let first: string | undefined;
  // The outermost verdict wins: a client's own "bad option" wrapping a timeout is a bad option.
  for (let e: unknown = error, depth = 0; e !== undefined && depth < MAX_DEPTH; e = prop(e, 'cause'), depth++) {
    const raw = prop(e, 'code');
    const code = typeof raw === 'string' && CODE.test(raw) ? raw : undefined;
    if (code) {
      clientCode ??= code;
      first ??= code;
    }
    if (!timeout) {
      const message = prop(e, 'message');
      if ((code && DETERMINISTIC_CODES.has(code)) || (typeof message === 'string' && DETERMINISTIC_MESSAGE.test(message))) {
        return { kind: 'invalid-request', retry: 'never', clientCode, code: code ?? clientCode };
      }
    }
    if (prop(e, 'name') === 'TimeoutError' || (code && TIMEOUT_CODES.has(code))) timeout = true;
    if (code && isBeforeSendCode(code)) beforeSend ??= code;
  }
  const safe = (beforeSend !== undefined || phase === 'before-send') && phase !== 'after-send';
  return { kind: timeout ? 'timeout' : 'network', retry: safe ? 'safe' : 'idempotent', clientCode, code: beforeSend ?? first };
}

function clientMessage(error: unknown): string | undefined {
  const m = prop(error, 'message');
  return typeof m === 'string' && m ? redactText(m.slice(0, 300)) : undefined;
}

/**
 * Turns a failure with no response (reset, refused, DNS, TLS, client timeout, a client-side
 * check) into a `NetworkError`, `TimeoutError` or `InvalidRequestError` (by the
 * client's codes along the cause chain and the phase), keeping the original as `cause` and the client's code as
 * `clientCode`. A `VendorError` passes through unchanged.
 *
 * @example
 * try { res = await fetch(url) } catch (e) { throw transportError(upyun, e, { method: 'GET', url }) }
 */
export function transportError(adapter: Adapter, error: unknown, ctx: TransportContext = {}): VendorError {
  if (isVendorError(error)) return error;
  const c = classifyTransport(error, ctx.phase);
  const on = ctx.method ? ` on ${ctx.method.toUpperCase()}` : '';
  const init = {
    vendor: adapter.name,
    method: ctx.method,
    url: ctx.url,
    cause: error,
    clientCode: c.clientCode,
    retry: c.retry,
  };
  if (c.kind === 'invalid-request') {
    // The client's own words: "maxContentLength size of 1024 exceeded" says what to change.
    const text = clientMessage(error) ?? c.code;
    return new InvalidRequestError({ ...init, message: `${adapter.displayName}: ${text} (${c.clientCode ?? c.code})${on}` });
  }
  const detail = c.code ?? clientMessage(error)?.slice(0, 200) ?? 'no response';
  const label = c.kind === 'timeout' ? 'request timed out' : 'network failure';
  const message = `${adapter.displayName}: ${label} (${detail})${on}`;
  return c.kind === 'timeout' ? new TimeoutError({ ...init, message }) : new NetworkError({ ...init, message });
}
