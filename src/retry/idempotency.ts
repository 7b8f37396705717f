import { type HeadersInput, headerLookup } from '../core/headers.js';

/**
 * Methods RFC 9110 §9.2.2 defines as idempotent: sending the request twice has the same effect
 * on the server as sending it once.
 */
const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);

/**
 * `true` when a request may be sent again after the vendor may have acted on it: its method is
 * idempotent (GET, HEAD, OPTIONS, PUT, DELETE, TRACE; RFC 9110 §9.2.2) or it carries a non-empty
 * `Idempotency-Key` header, which makes the server deduplicate repeats of any method.
 *
 * A missing (or empty) method counts as `GET`, because that is what `fetch`, axios and ky send
 * when no method is given: a request config without a method *is* a GET on the wire. Methods
 * are compared case-insensitively (fetch upper-cases the standard ones). Any other method
 * (POST, PATCH, CONNECT, or one this function does not know) is not idempotent.
 *
 * Note: {@link vendor-errors!retry} used without `method` or `idempotent` does *not* use this default, since
 * there it has no request to describe; see its documentation.
 *
 * @param method The HTTP method as the client will send it.
 * @param headers The request headers, in any shape {@link headerLookup} reads.
 *
 * @example
 * isIdempotentRequest('GET');                                   // true
 * isIdempotentRequest('POST');                                  // false
 * isIdempotentRequest('POST', { 'Idempotency-Key': 'order-42' }); // true
 * isIdempotentRequest();                                        // true (fetch's default is GET)
 */
export function isIdempotentRequest(method?: string, headers?: HeadersInput): boolean {
  const m = typeof method === 'string' ? method.trim().toUpperCase() : '';
  if (m === '' || IDEMPOTENT_METHODS.has(m)) return true;
  if (headers == null) return false;
  return Boolean(headerLookup(headers)('idempotency-key')?.trim());
}
