/**
 * What an HTTP status means on its own (status → kind), for codes no catalog knows and bodies
 * without a code. The kinds themselves, their gRPC names and default retry classes are the
 * errors' vocabulary: src/errors/kinds.ts.
 */
import type { ErrorKind } from '../errors/kinds.js';

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
