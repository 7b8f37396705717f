import type { Adapter, CodesOf } from './adapter.js';
import type { CatalogEntry } from './catalog.js';
import { type Classification, classify, isClassification, type NormalizeInput, SOURCE } from './classify.js';
import type { ErrorKind } from '../errors/kinds.js';
import { createVendorError } from '../errors/index.js';
import type { AnyVendorError } from '../errors/index.js';

export type { NormalizeInput };

/**
 * Classifies a vendor response. Returns a `VendorError` of the right subclass for a failure
 * (including an error hidden in a 2xx body) and `undefined` for a success. Never throws: a
 * body it cannot read still gives an error whose kind follows the HTTP status. It is
 * {@link classify} plus the `Error` (stack, readable message, redaction); a loop that retries
 * failures it will not show anyone can classify instead.
 *
 * @example
 * import { normalize } from 'vendor-errors';
 * import { netease } from 'vendor-errors/adapters';
 * const err = normalize(netease, { status: 403, body: '{"code":4030001,"message":"Api freq out of limit."}' });
 * err?.kind;      // 'rate-limited'
 * err?.retryable; // true
 */
export function normalize<A extends Adapter>(adapter: A, input: NormalizeInput = {}): AnyVendorError<CodesOf<A>> | undefined {
  const c = classify(adapter, input);
  if (c === undefined) return undefined;
  try {
    return toVendorError(c) as AnyVendorError<CodesOf<A>>;
  } catch (error) {
    // Unreachable by design (a custom adapter's displayName or catalog row that cannot be
    // printed): the caller still gets an error of the record's kind.
    const source = c[SOURCE];
    return createVendorError(c.kind, {
      vendor: c.vendor,
      status: c.status,
      method: c.method,
      url: source.url,
      cause: source.cause ?? error,
    }) as AnyVendorError<CodesOf<A>>;
  }
}

/**
 * The `VendorError` a {@link Classification} stands for: what `normalize()` returns for the same
 * response (message, redacted URL, `cause`). A record without its source (copied, or built by
 * hand) gives an error from its fields alone.
 *
 * @example
 * const c = classify(upyun, { status: 429, body });
 * if (c && c.retry === 'never') throw toVendorError(c);
 */
export function toVendorError(c: Classification): AnyVendorError {
  const source = isClassification(c) ? c[SOURCE] : undefined;
  const adapter = source?.adapter;
  return createVendorError<ErrorKind>(c.kind, {
    vendor: c.vendor,
    status: c.status,
    code: c.code,
    codeName: c.codeName,
    vendorMessage: c.vendorMessage,
    message: adapter ? buildMessage(adapter.displayName, c, source.entry, source.names) : undefined,
    requestId: c.requestId,
    retry: c.retry,
    retryAfterMs: c.retryAfterMs,
    method: c.method,
    url: source?.url,
    cause: source?.cause,
  });
}

function buildMessage(
  displayName: string,
  c: Classification,
  entry: CatalogEntry | undefined,
  names: readonly CatalogEntry[] | undefined,
): string {
  let head = displayName;
  if (c.code !== undefined) head += ` ${c.code}`;
  if (entry) head += ` ${names ? names.map((e) => e.name).join(' | ') : entry.name}`;
  // The catalog's own text where its rows carry one (custom catalogs); the built-in catalogs keep
  // theirs in docs.ts (issue #14), so the vendor's message, after the code's name, says what it is.
  const catalogText = names
    ? names.every((e) => e.message)
      ? names.map((e) => e.message).join(', or ')
      : undefined
    : entry?.message;
  const what =
    catalogText ??
    (entry
      ? c.vendorMessage || entry.kind.replace(/-/g, ' ')
      : c.code !== undefined
        ? `unknown code${c.vendorMessage ? `: ${c.vendorMessage}` : ''}`
        : c.vendorMessage || describeKind(c.kind, c.status));
  let text = `${head}: ${what}`;
  if (c.status !== undefined) text += ` (HTTP ${c.status}${c.method ? `, ${c.method}` : ''})`;
  if (c.requestId) text += ` [request ${c.requestId}]`;
  return text;
}

function describeKind(kind: ErrorKind, status: number | undefined): string {
  if (kind === 'unknown') return status === undefined ? 'unrecognised failure' : `unexpected HTTP status ${status}`;
  return `${kind.replace(/-/g, ' ')} (no vendor code in the response)`;
}
