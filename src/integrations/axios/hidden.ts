/**
 * @internal Errors hidden in 2xx bodies (Baidu PCS): which bodies are looked into, and the
 * redacted `AxiosError` that becomes the cause of such an error.
 */
import { AxiosError, AxiosHeaders, type AxiosResponse, type InternalAxiosRequestConfig } from 'axios';
import { headerLookup } from '../../core/headers.js';
import { redactHeaderValue, redactText, redactUrl } from '../../core/redact.js';
import { shouldInspectSuccess } from '../shared/body.js';
import type { ResolvedIntegration } from '../shared/options.js';
import { fullUrl } from './url.js';

/** The body of a 2xx answer, when it is small text or JSON worth looking into. */
export function inspectable(integration: ResolvedIntegration, response: AxiosResponse): unknown {
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
export function hiddenErrorCause(
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
