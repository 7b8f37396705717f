import type { Adapter, ParseContext, WireError } from './adapter.js';
import { type BodyInput, DEFAULT_MAX_BODY_BYTES, readBody, textSummary } from './body.js';
import type { CatalogEntry } from './catalog.js';
import { type HeaderLookup, type HeadersInput, headerLookup, parseWaitHint } from './headers.js';
import { type ErrorKind, isFailureStatus, KIND_FACTS, kindFromStatus, type RetryClass } from './kinds.js';

/** A response (or a WebSocket message) to classify. Every field is optional. */
export interface NormalizeInput {
  /** HTTP status; leave out for WebSocket messages. */
  readonly status?: number;
  readonly headers?: HeadersInput;
  /** Raw text, bytes, or an already-parsed object. */
  readonly body?: BodyInput;
  readonly method?: string;
  /** The request URL; credentials in it are redacted before any error shows it. */
  readonly url?: string | URL;
  /** The client's own error, kept as the `VendorError`'s `cause`. */
  readonly cause?: unknown;
  /**
   * Text and bytes beyond this are ignored.
   * @default 65536
   */
  readonly maxBodyBytes?: number;
  /** Clock for HTTP-date `Retry-After` values. @default Date.now() */
  readonly now?: number;
}

/**
 * What a failed response means, as a plain frozen object: everything the retry loop and the
 * pacer decide on, without an `Error` (no stack trace, no message, no redaction pass), so that
 * an attempt that is retried costs a fraction of a `new Error()`. `normalize()` (or `retry()`,
 * for the error its caller receives) turns it into a `VendorError`.
 *
 * `vendorMessage` is the body's message as sent (bounded, **not** redacted): log the
 * `VendorError`, not this record.
 */
export interface Classification {
  /** The adapter's `name`. */
  readonly vendor: string;
  readonly kind: ErrorKind;
  readonly retry: RetryClass;
  readonly status: number | undefined;
  /** The vendor's code exactly as sent. */
  readonly code: number | string | undefined;
  /** The catalog's constant name, when the catalog knows the code. */
  readonly codeName: string | undefined;
  readonly vendorMessage: string | undefined;
  /** Exact digits, as a string. */
  readonly requestId: string | undefined;
  /** The server's wait hint in ms (`retry-after-ms`, `Retry-After`). */
  readonly retryAfterMs: number | undefined;
  /** Upper case. */
  readonly method: string | undefined;
  /** @internal What building the `VendorError` needs besides the fields above. */
  readonly [SOURCE]: ClassificationSource;
}

/** Brand and key of a record's source (`Symbol.for`: records cross copies of the package). */
export const SOURCE: unique symbol = Symbol.for('vendor-errors.classification') as never;

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/**
 * @internal The parts of a classification only the `VendorError` reads: the catalog rows for the
 * message, the raw URL (redacted when the error is built) and the client's error. A class so that
 * `console.log(record)` shows neither the URL's credentials nor the cause (which may hold headers).
 */
export class ClassificationSource {
  constructor(
    readonly adapter: Adapter | undefined,
    readonly entry: CatalogEntry | undefined,
    /** Several rows share the code and none could be told apart: the message names them all. */
    readonly names: readonly CatalogEntry[] | undefined,
    readonly url: string | undefined,
    readonly cause: unknown,
  ) {}
  toJSON(): string {
    return '[source]';
  }
  [INSPECT](): string {
    return '[source]';
  }
}

/** `true` for a record made by {@link classify} (by any copy of the package). */
export function isClassification(value: unknown): value is Classification {
  try {
    return typeof value === 'object' && value !== null && (value as { [SOURCE]?: unknown })[SOURCE] !== undefined;
  } catch {
    return false;
  }
}

function validStatus(status: unknown): number | undefined {
  return typeof status === 'number' && Number.isInteger(status) && status >= 0 && status <= 999 ? status : undefined;
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

/** The row that applies, and whether the choice is a guess between several meanings. */
function chooseEntry(adapter: Adapter, entries: readonly CatalogEntry[], ctx: ParseContext): CatalogEntry | undefined {
  let picked: CatalogEntry | undefined;
  try {
    picked = adapter.choose?.(entries, ctx);
  } catch {
    picked = undefined;
  }
  return picked ?? entries.find((e) => e.status !== undefined && e.status === ctx.status);
}

function safeStatusOfCode(adapter: Adapter, code: number | string): number | undefined {
  try {
    return validStatus(adapter.statusOfCode?.(code));
  } catch {
    return undefined;
  }
}

function firstHeader(header: HeaderLookup, names: readonly string[]): string | undefined {
  for (const name of names) {
    // fetch's Headers joins a repeated header with ", "; the first id is the one that counts.
    const v = header(name);
    if (!v) continue;
    const comma = v.indexOf(',');
    const id = (comma === -1 ? v : v.slice(0, comma)).trim();
    if (id) return id.slice(0, 256);
  }
  return undefined;
}

/**
 * Classifies a vendor response without building an error: a frozen {@link Classification} for a
 * failure (including one hidden in a 2xx body), `undefined` for a success. Same input and same
 * verdict as `normalize()`, which is built on it. Never throws.
 *
 * @example
 * import { classify } from 'vendor-errors';
 * import { netease } from 'vendor-errors/adapters';
 * const c = classify(netease, { status: 403, body: '{"code":4030001,"message":"Api freq out of limit."}' });
 * c?.kind;  // 'rate-limited'
 * c?.retry; // 'safe'
 */
export function classify(adapter: Adapter, input: NormalizeInput = {}): Classification | undefined {
  let status: number | undefined;
  let method: string | undefined;
  try {
    status = validStatus(input.status);
    const m = input.method;
    method = typeof m === 'string' ? m.slice(0, 32).toUpperCase() : undefined;
    const max = input.maxBodyBytes;
    const { text, json } = readBody(input.body, typeof max === 'number' && max > 0 ? max : DEFAULT_MAX_BODY_BYTES);
    const header = headerLookup(input.headers);
    const ctx: ParseContext = { status, json, text, header };

    let wire: WireError | undefined;
    try {
      wire = adapter.parse(ctx);
    } catch {
      wire = undefined;
    }
    // A custom parser may hand back anything; what is not a code, a message or an id is absent.
    const code = typeof wire?.code === 'number' || typeof wire?.code === 'string' ? wire.code : undefined;
    const message = typeof wire?.message === 'string' ? wire.message : undefined;
    const wireId = typeof wire?.requestId === 'string' ? wire.requestId : undefined;
    const entries = code === undefined ? undefined : adapter.catalog.lookup(code);
    let entry = entries?.[0];
    let names: readonly CatalogEntry[] | undefined;
    if (entries !== undefined && entries.length > 1) {
      const chosen = chooseEntry(adapter, entries, ctx);
      if (chosen) entry = chosen;
      else names = entries;
    }

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
    } else if (code !== undefined) {
      // A code no catalog knows: say so (UnknownVendorError), but let the status (or the
      // status the code implies, UpYun-style) decide whether it may be retried.
      kind = 'unknown';
      retry = KIND_FACTS[kindFromStatus(failedByStatus ? status : safeStatusOfCode(adapter, code))].retry;
    } else {
      kind = kindFromStatus(status);
      retry = KIND_FACTS[kind].retry;
    }

    const now = input.now;
    return Object.freeze({
      vendor: adapter.name,
      kind,
      retry,
      status,
      code,
      codeName: entry?.name,
      vendorMessage: message ?? (json === undefined ? textSummary(text) : undefined),
      requestId: wireId ?? firstHeader(header, adapter.requestIdHeaders ?? ['x-request-id']),
      // A rate limit without Retry-After may still say when its quota resets (RateLimit, X-RateLimit-Reset).
      retryAfterMs: parseWaitHint(
        header,
        typeof now === 'number' && Number.isFinite(now) ? now : undefined,
        kind === 'rate-limited',
      )?.ms,
      method,
      [SOURCE]: new ClassificationSource(adapter, entry, names, safeString(input.url)?.slice(0, 8192), input.cause),
    });
  } catch (error) {
    // Unreachable by design; if a bug lands here a failure status still classifies (by status
    // alone), and a success stays a success.
    if (status === undefined || !isFailureStatus(status)) return undefined;
    const kind = kindFromStatus(status);
    return Object.freeze({
      vendor: typeof adapter?.name === 'string' ? adapter.name : 'unknown',
      kind,
      retry: KIND_FACTS[kind].retry,
      status,
      code: undefined,
      codeName: undefined,
      vendorMessage: undefined,
      requestId: undefined,
      retryAfterMs: undefined,
      method,
      [SOURCE]: new ClassificationSource(
        undefined,
        undefined,
        undefined,
        safeString(input.url)?.slice(0, 8192),
        input.cause ?? error,
      ),
    });
  }
}
