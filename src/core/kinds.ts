/**
 * What an error means, independent of vendor and transport. Every `VendorError`
 * has exactly one kind, and each kind has exactly one class.
 */
export type ErrorKind =
  | 'invalid-request'
  | 'unauthenticated'
  | 'permission-denied'
  | 'not-found'
  | 'conflict'
  | 'precondition-failed'
  | 'payload-too-large'
  | 'quota-exceeded'
  | 'rate-limited'
  | 'unavailable'
  | 'timeout'
  | 'internal'
  | 'not-implemented'
  | 'network'
  | 'unknown';

/**
 * When a failed call may be sent again.
 * - `never`: the same request will fail the same way.
 * - `idempotent`: the vendor may have acted; retry only requests that are safe to repeat.
 * - `safe`: the vendor refused before acting (rate limit, "system busy"): any method may retry.
 */
export type RetryClass = 'never' | 'idempotent' | 'safe';

/** Canonical gRPC status names (google.rpc.Code), for logs and cross-service mapping. */
export type GrpcCode =
  | 'INVALID_ARGUMENT'
  | 'UNAUTHENTICATED'
  | 'PERMISSION_DENIED'
  | 'NOT_FOUND'
  | 'ALREADY_EXISTS'
  | 'FAILED_PRECONDITION'
  | 'OUT_OF_RANGE'
  | 'RESOURCE_EXHAUSTED'
  | 'UNAVAILABLE'
  | 'DEADLINE_EXCEEDED'
  | 'INTERNAL'
  | 'UNIMPLEMENTED'
  | 'UNKNOWN';

/** What every kind implies by default: see {@link KIND_FACTS}. */
export interface KindFacts {
  readonly grpc: GrpcCode;
  /** The retry class a code of this kind gets when no catalog says otherwise. */
  readonly retry: RetryClass;
  /** HTTP status that best represents the kind, for simulators and problem+json. */
  readonly status: number;
}

/** A frozen row: KIND_FACTS is exported, and a write to a row would change every error's defaults. */
function facts(grpc: GrpcCode, retry: RetryClass, status: number): KindFacts {
  return Object.freeze({ grpc, retry, status });
}

/**
 * One row per kind (gRPC name, default retry class, representative HTTP status): the single
 * place where kind-level defaults are written down.
 */
export const KIND_FACTS: Readonly<Record<ErrorKind, KindFacts>> = Object.freeze({
  'invalid-request': facts('INVALID_ARGUMENT', 'never', 400),
  unauthenticated: facts('UNAUTHENTICATED', 'never', 401),
  'permission-denied': facts('PERMISSION_DENIED', 'never', 403),
  'not-found': facts('NOT_FOUND', 'never', 404),
  conflict: facts('ALREADY_EXISTS', 'never', 409),
  'precondition-failed': facts('FAILED_PRECONDITION', 'never', 412),
  // gRPC has no "too large"; OUT_OF_RANGE is what google.rpc uses for size limits.
  'payload-too-large': facts('OUT_OF_RANGE', 'never', 413),
  'quota-exceeded': facts('RESOURCE_EXHAUSTED', 'never', 403),
  'rate-limited': facts('RESOURCE_EXHAUSTED', 'safe', 429),
  unavailable: facts('UNAVAILABLE', 'idempotent', 503),
  timeout: facts('DEADLINE_EXCEEDED', 'idempotent', 504),
  internal: facts('INTERNAL', 'idempotent', 500),
  'not-implemented': facts('UNIMPLEMENTED', 'never', 501),
  network: facts('UNAVAILABLE', 'idempotent', 0),
  unknown: facts('UNKNOWN', 'never', 500),
});

/** Every kind, in a stable order. */
export const ERROR_KINDS: readonly ErrorKind[] = Object.freeze(Object.keys(KIND_FACTS) as ErrorKind[]);

/** `true` when `value` is one of the fifteen kinds. */
export function isErrorKind(value: unknown): value is ErrorKind {
  return typeof value === 'string' && Object.hasOwn(KIND_FACTS, value);
}

// Only the statuses whose kind differs from their class's (4xx invalid-request, 5xx internal):
// the rest are read by `kindFromStatus` from the class, so listing them would ship them twice.
const BY_STATUS: Readonly<Record<number, ErrorKind>> = {
  401: 'unauthenticated',
  402: 'quota-exceeded',
  403: 'permission-denied',
  404: 'not-found',
  407: 'unauthenticated',
  408: 'timeout',
  409: 'conflict',
  410: 'not-found',
  412: 'precondition-failed',
  413: 'payload-too-large',
  423: 'precondition-failed',
  424: 'precondition-failed',
  425: 'unavailable',
  428: 'precondition-failed',
  429: 'rate-limited',
  501: 'not-implemented',
  502: 'unavailable',
  503: 'unavailable',
  504: 'timeout',
  507: 'quota-exceeded',
  // Cloudflare-style proxy codes in front of a vendor: origin unreachable or timed out.
  520: 'unavailable',
  521: 'unavailable',
  522: 'timeout',
  523: 'unavailable',
  524: 'timeout',
};

/**
 * The kind an HTTP status implies on its own, used for codes no catalog knows and for
 * bodies that carry no code (HTML from a proxy, an empty HEAD answer).
 */
export function kindFromStatus(status: number | undefined): ErrorKind {
  if (status === undefined || !Number.isInteger(status)) return 'unknown';
  const exact = BY_STATUS[status];
  if (exact) return exact;
  if (status >= 400 && status < 500) return 'invalid-request';
  if (status >= 500 && status < 600) return 'internal';
  return 'unknown';
}

/**
 * Whether a status is a failure on its own: anything outside 2xx and 3xx (1xx and out-of-range
 * numbers too: no final answer is a failure). A 2xx may still hide one in its body (Baidu PCS).
 */
export function isFailureStatus(status: number): boolean {
  return status < 200 || status >= 400;
}
