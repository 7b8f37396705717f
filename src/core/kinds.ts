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

interface KindFacts {
  readonly grpc: GrpcCode;
  /** The retry class a code of this kind gets when no catalog says otherwise. */
  readonly retry: RetryClass;
  /** HTTP status that best represents the kind, for simulators and problem+json. */
  readonly status: number;
}

/** One row per kind; the single place where kind-level defaults are written down. */
export const KIND_FACTS: Readonly<Record<ErrorKind, KindFacts>> = Object.freeze({
  'invalid-request': { grpc: 'INVALID_ARGUMENT', retry: 'never', status: 400 },
  unauthenticated: { grpc: 'UNAUTHENTICATED', retry: 'never', status: 401 },
  'permission-denied': { grpc: 'PERMISSION_DENIED', retry: 'never', status: 403 },
  'not-found': { grpc: 'NOT_FOUND', retry: 'never', status: 404 },
  conflict: { grpc: 'ALREADY_EXISTS', retry: 'never', status: 409 },
  'precondition-failed': { grpc: 'FAILED_PRECONDITION', retry: 'never', status: 412 },
  // gRPC has no "too large"; OUT_OF_RANGE is what google.rpc uses for size limits.
  'payload-too-large': { grpc: 'OUT_OF_RANGE', retry: 'never', status: 413 },
  'quota-exceeded': { grpc: 'RESOURCE_EXHAUSTED', retry: 'never', status: 403 },
  'rate-limited': { grpc: 'RESOURCE_EXHAUSTED', retry: 'safe', status: 429 },
  unavailable: { grpc: 'UNAVAILABLE', retry: 'idempotent', status: 503 },
  timeout: { grpc: 'DEADLINE_EXCEEDED', retry: 'idempotent', status: 504 },
  internal: { grpc: 'INTERNAL', retry: 'idempotent', status: 500 },
  'not-implemented': { grpc: 'UNIMPLEMENTED', retry: 'never', status: 501 },
  network: { grpc: 'UNAVAILABLE', retry: 'idempotent', status: 0 },
  unknown: { grpc: 'UNKNOWN', retry: 'never', status: 500 },
});

/** Every kind, in a stable order. */
export const ERROR_KINDS: readonly ErrorKind[] = Object.freeze(Object.keys(KIND_FACTS) as ErrorKind[]);

/** `true` when `value` is one of the fifteen kinds. */
export function isErrorKind(value: unknown): value is ErrorKind {
  return typeof value === 'string' && Object.hasOwn(KIND_FACTS, value);
}

const BY_STATUS: Readonly<Record<number, ErrorKind>> = {
  400: 'invalid-request',
  401: 'unauthenticated',
  402: 'quota-exceeded',
  403: 'permission-denied',
  404: 'not-found',
  405: 'invalid-request',
  406: 'invalid-request',
  407: 'unauthenticated',
  408: 'timeout',
  409: 'conflict',
  410: 'not-found',
  411: 'invalid-request',
  412: 'precondition-failed',
  413: 'payload-too-large',
  414: 'invalid-request',
  415: 'invalid-request',
  416: 'invalid-request',
  422: 'invalid-request',
  423: 'precondition-failed',
  424: 'precondition-failed',
  425: 'unavailable',
  428: 'precondition-failed',
  429: 'rate-limited',
  431: 'invalid-request',
  500: 'internal',
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
