import { type ErrorKind, type GrpcCode, KIND_FACTS, type RetryClass } from '../core/kinds.js';
import { redactText, redactUrl } from '../core/redact.js';
import { BRAND, isVendorError } from './brand.js';

export { isVendorError };
const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/** One try of a call, as recorded by the retry engine. */
export interface AttemptRecord {
  /** 1 for the first try. */
  readonly attempt: number;
  readonly status?: number;
  readonly code?: number | string;
  readonly kind: ErrorKind;
  readonly requestId?: string;
  /** The wait scheduled after this try, if another try followed. */
  readonly delayMs?: number;
  /** Where the wait came from. */
  readonly delaySource?: 'retry-after' | 'retry-after-ms' | 'backoff' | 'pacer';
}

/** Why the retry engine stopped. */
export type RetryStopReason =
  | 'not-retryable'
  | 'not-idempotent'
  | 'attempts-exhausted'
  | 'deadline'
  | 'budget-exhausted'
  | 'retry-after-too-long'
  | 'body-not-replayable'
  | 'aborted'
  | 'retries-disabled'
  | 'should-retry';

/** The retry engine's last word on the call that produced this error. */
export interface RetryDecisionRecord {
  readonly retried: false;
  readonly reason: RetryStopReason;
  /** Human-readable detail, e.g. "Retry-After 120000 ms exceeds maxRetryAfterMs 60000". */
  readonly detail?: string;
}

/** What every `VendorError` constructor takes. Only `vendor` is required. */
export interface VendorErrorInit {
  readonly vendor: string;
  readonly status?: number;
  readonly code?: number | string;
  readonly codeName?: string;
  readonly vendorMessage?: string;
  /** Readable English. Built from the other fields when absent. Redacted either way. */
  readonly message?: string;
  readonly requestId?: string;
  readonly retry?: RetryClass;
  readonly retryAfterMs?: number;
  readonly method?: string;
  readonly url?: string;
  /**
   * The HTTP client's own code for a failure without a vendor code, as the client set it:
   * axios' `ECONNABORTED`, `ETIMEDOUT`, `ERR_FR_TOO_MANY_REDIRECTS`, `ERR_BAD_OPTION_VALUE`, Node's
   * `ECONNREFUSED`/`ENOTFOUND`, undici's cause codes (`UND_ERR_SOCKET`…). `undefined` otherwise.
   */
  readonly clientCode?: string;
  readonly cause?: unknown;
}

/** RFC 9457 problem details plus the vendor fields, as returned by `toJSON()`. */
export interface VendorErrorJSON {
  readonly type: string;
  readonly title: string;
  readonly status?: number;
  readonly detail: string;
  readonly instance?: string;
  readonly name: string;
  readonly vendor: string;
  readonly kind: ErrorKind;
  readonly code?: number | string;
  readonly codeName?: string;
  readonly vendorMessage?: string;
  readonly requestId?: string;
  readonly retryable: boolean;
  readonly retry: RetryClass;
  readonly retryAfterMs?: number;
  readonly grpcCode: GrpcCode;
  readonly method?: string;
  readonly clientCode?: string;
  readonly attempts?: readonly AttemptRecord[];
  readonly retryDecision?: RetryDecisionRecord;
}

function defaultMessage(kind: ErrorKind, init: VendorErrorInit): string {
  const parts: string[] = [init.vendor];
  if (init.code !== undefined) parts.push(String(init.code));
  if (init.codeName) parts.push(`(${init.codeName})`);
  let text = `${parts.join(' ')}: ${init.vendorMessage || kind.replace(/-/g, ' ')}`;
  if (init.status !== undefined) text += ` [HTTP ${init.status}]`;
  if (init.method || init.url) {
    text += ` on ${[init.method, init.url ? redactUrl(init.url) : undefined].filter(Boolean).join(' ')}`;
  }
  if (init.requestId) text += ` (request id ${init.requestId})`;
  return text;
}

/**
 * `encodeURIComponent` that cannot throw: a code sent as a string may hold a lone surrogate
 * (`"\uD800"`), which `encodeURIComponent` rejects with a URIError; it becomes U+FFFD.
 */
function uriComponent(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return encodeURIComponent(text.replace(/[\uD800-\uDFFF]/g, '\uFFFD'));
  }
}

/** Longest cause summary shown by `util.inspect`: a client's message can be a whole response. */
const MAX_CAUSE_SUMMARY = 1000;

/**
 * A one-line, redacted summary of a cause. Causes come from clients and callers and may be
 * hostile (a revoked Proxy, a null-prototype object, a throwing `toString`): inspecting the
 * error must still work, so anything unreadable is shown as such instead of throwing.
 */
function summarizeCause(cause: unknown): string {
  let text: string;
  try {
    if (cause instanceof Error) {
      const name = typeof cause.name === 'string' ? cause.name : 'Error';
      text = `${name}: ${String(cause.message)}`;
    } else {
      text = String(cause);
    }
  } catch {
    return '[unprintable cause]';
  }
  if (text.length > MAX_CAUSE_SUMMARY) text = `${text.slice(0, MAX_CAUSE_SUMMARY)}…`;
  return redactText(text);
}

/**
 * Base class of every error this library produces. Check with {@link isVendorError} or
 * `instanceof` on a subclass; switch on `kind` for behaviour.
 *
 * @example
 * try { await client.get('/file') } catch (e) {
 *   if (isVendorError(e) && e.kind === 'not-found') return null;
 *   throw e;
 * }
 */
export class VendorError extends Error {
  /** What the error means; one kind per subclass. */
  readonly kind: ErrorKind;
  /** The adapter's `name`, e.g. `baidu-pcs`. */
  readonly vendor: string;
  /** HTTP status, `undefined` without one (WebSocket, transport failure). */
  readonly status: number | undefined;
  /** The vendor's code exactly as sent: number or string. */
  readonly code: number | string | undefined;
  /** The catalog's constant name, e.g. `APP_NAME_DUPLICATED`. */
  readonly codeName: string | undefined;
  /** The body's own message, redacted and bounded. */
  readonly vendorMessage: string | undefined;
  /** The vendor's request id, exact digits, as a string. */
  readonly requestId: string | undefined;
  /** When this failure may be retried; see {@link RetryClass}. */
  readonly retry: RetryClass;
  /** The server's wait hint in ms (`Retry-After`, `retry-after-ms`), if any. */
  readonly retryAfterMs: number | undefined;
  /** The request's method, upper case, if known. */
  readonly method: string | undefined;
  /** The request URL with credentials redacted. */
  readonly url: string | undefined;
  /**
   * The HTTP client's own code for a failure without a vendor code, as the client set it:
   * axios' `ECONNABORTED`, `ETIMEDOUT`, `ERR_FR_TOO_MANY_REDIRECTS`, `ERR_BAD_OPTION_VALUE`, Node's
   * `ECONNREFUSED`/`ENOTFOUND`, undici's cause codes (`UND_ERR_SOCKET`…). `undefined` otherwise.
   *
   * @example
   * if (err.clientCode === 'ECONNABORTED') console.log('axios gave up waiting');
   */
  readonly clientCode: string | undefined;
  /** Each try of the call, when the error came through the retry engine. */
  readonly attempts: readonly AttemptRecord[] | undefined;
  /** Why the retry engine stopped, when the error came through it. */
  readonly retryDecision: RetryDecisionRecord | undefined;

  constructor(init: VendorErrorInit, kind?: ErrorKind) {
    const k = kind ?? 'unknown';
    super(redactText(init.message ?? defaultMessage(k, init)), init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = k;
    this.name = 'VendorError';
    this.vendor = String(init.vendor);
    this.status = init.status;
    this.code = init.code;
    this.codeName = init.codeName;
    this.vendorMessage = init.vendorMessage === undefined ? undefined : redactText(init.vendorMessage);
    this.requestId = init.requestId;
    this.retry = init.retry ?? KIND_FACTS[k].retry;
    this.retryAfterMs = init.retryAfterMs;
    this.method = init.method?.toUpperCase();
    this.url = init.url === undefined ? undefined : redactUrl(init.url);
    this.clientCode = init.clientCode;
    this.attempts = undefined;
    this.retryDecision = undefined;
  }

  /** `true` unless the retry class is `never`. Whether a *given request* retries also depends on its method. */
  get retryable(): boolean {
    return this.retry !== 'never';
  }

  /** Canonical gRPC status name for this kind. */
  get grpcCode(): GrpcCode {
    return KIND_FACTS[this.kind].grpc;
  }

  /** Problem details (RFC 9457) with the vendor fields; safe to log: credentials are redacted. */
  toJSON(): VendorErrorJSON {
    return {
      type: this.code === undefined ? 'about:blank' : `urn:vendor-errors:${this.vendor}:${uriComponent(String(this.code))}`,
      title: this.codeName ?? this.kind,
      status: this.status,
      detail: this.message,
      instance: this.url,
      name: this.name,
      vendor: this.vendor,
      kind: this.kind,
      code: this.code,
      codeName: this.codeName,
      vendorMessage: this.vendorMessage,
      requestId: this.requestId,
      retryable: this.retryable,
      retry: this.retry,
      retryAfterMs: this.retryAfterMs,
      grpcCode: this.grpcCode,
      method: this.method,
      clientCode: this.clientCode,
      attempts: this.attempts,
      retryDecision: this.retryDecision,
    };
  }

  /**
   * `util.inspect` / `console.log` view: the redacted JSON plus a redacted one-line summary of
   * the cause, so a client's error object (which may hold request headers) is never dumped.
   */
  [INSPECT](): string {
    const json: Record<string, unknown> = { ...this.toJSON() };
    for (const key of Object.keys(json)) if (json[key] === undefined) delete json[key];
    if (this.cause !== undefined) json.cause = summarizeCause(this.cause);
    return `${this.name} ${JSON.stringify(json, null, 2)}\n${redactText(this.stack?.split('\n').slice(1).join('\n') ?? '')}`;
  }

  /**
   * The brand {@link isVendorError} reads, on the prototype (a getter in the class body: a
   * `defineProperty` after the class would be a side effect that keeps the class in every bundle).
   */
  get [BRAND](): true {
    return true;
  }

  /** Brand check that survives duplicate copies of the package and realms. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (this === VendorError) return isVendorError(value);
    return Function.prototype[Symbol.hasInstance].call(this, value);
  }
}

/** @internal The retry engine records its history on the error it finally rejects with. */
export function attachRetryHistory(
  error: VendorError,
  attempts: readonly AttemptRecord[],
  decision: RetryDecisionRecord,
): VendorError {
  Object.defineProperty(error, 'attempts', { value: Object.freeze([...attempts]), enumerable: true, configurable: true });
  Object.defineProperty(error, 'retryDecision', { value: Object.freeze({ ...decision }), enumerable: true, configurable: true });
  return error;
}
