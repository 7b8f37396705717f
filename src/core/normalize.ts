import type { Adapter, ParseContext, WireError } from './adapter.js';
import { type BodyInput, DEFAULT_MAX_BODY_BYTES, readBody, textSummary } from './body.js';
import type { CatalogEntry } from './catalog.js';
import { type HeadersInput, headerLookup, parseRetryAfter } from './headers.js';
import { type ErrorKind, isFailureStatus, KIND_FACTS, kindFromStatus, type RetryClass } from './kinds.js';
import { createVendorError } from '../errors/index.js';
import type { VendorError } from '../errors/vendor-error.js';

/** A response (or a WebSocket message) to classify. Every field is optional. */
export interface NormalizeInput {
  /** HTTP status; leave out for WebSocket messages. */
  readonly status?: number;
  readonly headers?: HeadersInput;
  /** Raw text, bytes, or an already-parsed object. */
  readonly body?: BodyInput;
  readonly method?: string;
  /** The request URL; credentials in it are redacted before it is stored. */
  readonly url?: string | URL;
  /** The client's own error, kept as `cause`. */
  readonly cause?: unknown;
  /**
   * Text and bytes beyond this are ignored.
   * @default 65536
   */
  readonly maxBodyBytes?: number;
  /** Clock for HTTP-date `Retry-After` values. @default Date.now() */
  readonly now?: number;
}

function validStatus(status: unknown): number | undefined {
  return typeof status === 'number' && Number.isInteger(status) && status >= 0 && status <= 999 ? status : undefined;
}

/** The row that applies, and whether the choice is a guess between several meanings. */
function chooseEntry(
  adapter: Adapter,
  entries: readonly CatalogEntry[],
  ctx: ParseContext,
): { entry: CatalogEntry | undefined; ambiguous: boolean } {
  if (entries.length <= 1) return { entry: entries[0], ambiguous: false };
  let picked: CatalogEntry | undefined;
  try {
    picked = adapter.choose?.(entries, ctx);
  } catch {
    picked = undefined;
  }
  if (picked) return { entry: picked, ambiguous: false };
  const byStatus = entries.find((e) => e.status !== undefined && e.status === ctx.status);
  return byStatus ? { entry: byStatus, ambiguous: false } : { entry: entries[0], ambiguous: true };
}

function safeString(value: unknown): string | undefined {
  try {
    if (typeof value === 'string') return value;
    if (value instanceof URL) return value.href;
  } catch {
    // fall through
  }
  return undefined;
}

/**
 * Classifies a vendor response. Returns a `VendorError` of the right subclass for a failure
 * (including an error hidden in a 2xx body) and `undefined` for a success. Never throws: a
 * body it cannot read still gives an error whose kind follows the HTTP status.
 *
 * @example
 * import { normalize } from 'vendor-errors';
 * import { netease } from 'vendor-errors/adapters';
 * const err = normalize(netease, { status: 403, body: '{"code":4030001,"message":"Api freq out of limit."}' });
 * err?.kind;      // 'rate-limited'
 * err?.retryable; // true
 */
export function normalize(adapter: Adapter, input: NormalizeInput = {}): VendorError | undefined {
  let status: number | undefined;
  let method: string | undefined;
  let url: string | undefined;
  let cause: unknown;
  try {
    status = validStatus(input.status);
    method = typeof input.method === 'string' ? input.method.slice(0, 32) : undefined;
    url = safeString(input.url)?.slice(0, 8192);
    cause = input.cause;
    const max = typeof input.maxBodyBytes === 'number' && input.maxBodyBytes > 0 ? input.maxBodyBytes : DEFAULT_MAX_BODY_BYTES;
    const { text, json } = readBody(input.body, max);
    const header = headerLookup(input.headers);
    const ctx: ParseContext = { status, json, text, header };

    let wire: WireError | undefined;
    try {
      wire = adapter.parse(ctx);
    } catch {
      wire = undefined;
    }
    const code = wire?.code;
    const entries = code === undefined ? [] : adapter.catalog.lookup(code);
    const { entry, ambiguous } = chooseEntry(adapter, entries, ctx);

    const failedByStatus = status !== undefined && isFailureStatus(status);
    if (!failedByStatus) {
      if (wire?.failed !== true) return undefined;
      // A success or progress notice is not a failure, whatever the parser thought.
      if (entry?.outcome) return undefined;
    }

    let kind: ErrorKind;
    let retry: RetryClass;
    if (entry) {
      // Progress notices under a failure status still mean what their row says (API Switch
      // 10326 "explorer starting" under 400 is busy, not a bad request).
      kind = entry.kind;
      retry = entry.retry;
    } else if (code !== undefined && !entry) {
      // A code no catalog knows: say so (UnknownVendorError), but let the status (or the
      // status the code implies, UpYun-style) decide whether it may be retried.
      kind = 'unknown';
      const implied = status !== undefined && failedByStatus ? status : safeStatusOfCode(adapter, code);
      retry = KIND_FACTS[kindFromStatus(implied)].retry;
    } else {
      kind = kindFromStatus(status);
      retry = KIND_FACTS[kind].retry;
    }

    const requestId = wire?.requestId ?? firstHeader(header, adapter.requestIdHeaders ?? ['x-request-id']);
    const hint = parseRetryAfter(header, typeof input.now === 'number' && Number.isFinite(input.now) ? input.now : Date.now());
    const vendorMessage = wire?.message ?? (json === undefined ? textSummary(text) : undefined);
    const names = ambiguous ? entries : undefined;

    return createVendorError(kind, {
      vendor: adapter.name,
      status,
      code,
      codeName: entry?.name,
      vendorMessage,
      message: buildMessage(adapter, { kind, status, code, entry, names, vendorMessage, requestId, method }),
      requestId,
      retry,
      retryAfterMs: hint?.ms,
      method,
      url,
      cause,
    });
  } catch (error) {
    // Unreachable by design; if a bug lands here the caller still gets a VendorError for a
    // failure status, and a success stays a success.
    if (status !== undefined && !isFailureStatus(status)) return undefined;
    if (status === undefined) return undefined;
    return createVendorError(kindFromStatus(status), {
      vendor: typeof adapter?.name === 'string' ? adapter.name : 'unknown',
      status,
      method,
      url,
      cause: cause ?? error,
    });
  }
}

function safeStatusOfCode(adapter: Adapter, code: number | string): number | undefined {
  try {
    return validStatus(adapter.statusOfCode?.(code));
  } catch {
    return undefined;
  }
}

function firstHeader(header: (name: string) => string | undefined, names: readonly string[]): string | undefined {
  for (const name of names) {
    // fetch's Headers joins a repeated header with ", "; the first id is the one that counts.
    const v = header(name)?.split(',')[0]?.trim();
    if (v) return v.slice(0, 256);
  }
  return undefined;
}

function buildMessage(
  adapter: Adapter,
  m: {
    kind: ErrorKind;
    status?: number;
    code?: number | string;
    entry?: CatalogEntry;
    names?: readonly CatalogEntry[];
    vendorMessage?: string;
    requestId?: string;
    method?: string;
  },
): string {
  let head = adapter.displayName;
  if (m.code !== undefined) head += ` ${m.code}`;
  if (m.entry) head += ` ${m.names ? m.names.map((e) => e.name).join(' | ') : m.entry.name}`;
  const what = m.names
    ? m.names.map((e) => e.message).join(', or ')
    : (m.entry?.message ??
      (m.code !== undefined
        ? `unknown code${m.vendorMessage ? `: ${m.vendorMessage}` : ''}`
        : m.vendorMessage || describeKind(m.kind, m.status)));
  let text = `${head}: ${what}`;
  if (m.status !== undefined) text += ` (HTTP ${m.status}${m.method ? `, ${m.method.toUpperCase()}` : ''})`;
  if (m.requestId) text += ` [request ${m.requestId}]`;
  return text;
}

function describeKind(kind: ErrorKind, status: number | undefined): string {
  if (kind === 'unknown') return status === undefined ? 'unrecognised failure' : `unexpected HTTP status ${status}`;
  return `${kind.replace(/-/g, ' ')} (no vendor code in the response)`;
}
