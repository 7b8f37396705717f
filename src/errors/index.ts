import type { ErrorKind } from './kinds.js';
import type { CodeMap, CodeOf } from './codes.js';
import type { VendorErrorInit } from './vendor-error.js';
import { InvalidRequestError } from './invalid-request-error.js';
import { AuthenticationError } from './authentication-error.js';
import { PermissionDeniedError } from './permission-denied-error.js';
import { NotFoundError } from './not-found-error.js';
import { ConflictError } from './conflict-error.js';
import { PreconditionFailedError } from './precondition-failed-error.js';
import { PayloadTooLargeError } from './payload-too-large-error.js';
import { QuotaExceededError } from './quota-exceeded-error.js';
import { RateLimitError } from './rate-limit-error.js';
import { ServiceUnavailableError } from './service-unavailable-error.js';
import { TimeoutError } from './timeout-error.js';
import { InternalServerError } from './internal-server-error.js';
import { NotImplementedError } from './not-implemented-error.js';
import { NetworkError } from './network-error.js';
import { UnknownVendorError } from './unknown-vendor-error.js';

export { InvalidRequestError };
export { AuthenticationError };
export { PermissionDeniedError };
export { NotFoundError };
export { ConflictError };
export { PreconditionFailedError };
export { PayloadTooLargeError };
export { QuotaExceededError };
export { RateLimitError };
export { ServiceUnavailableError };
export { TimeoutError };
export { InternalServerError };
export { NotImplementedError };
export { NetworkError };
export { UnknownVendorError };
export { isVendorError } from './brand.js';
export type { CodeMap, CodeOf } from './codes.js';
export { VendorError } from './vendor-error.js';
export type { AttemptRecord, RetryDecisionRecord, RetryStopReason, VendorErrorInit, VendorErrorJSON } from './vendor-error.js';

/** The class for each kind: `new ERROR_CLASSES[kind](init)`. */
// Pure: unused, the map and every class drop out of bundles that only need `isVendorError`.
export const ERROR_CLASSES = /* @__PURE__ */ Object.freeze({
  'invalid-request': InvalidRequestError,
  unauthenticated: AuthenticationError,
  'permission-denied': PermissionDeniedError,
  'not-found': NotFoundError,
  conflict: ConflictError,
  'precondition-failed': PreconditionFailedError,
  'payload-too-large': PayloadTooLargeError,
  'quota-exceeded': QuotaExceededError,
  'rate-limited': RateLimitError,
  unavailable: ServiceUnavailableError,
  timeout: TimeoutError,
  internal: InternalServerError,
  'not-implemented': NotImplementedError,
  network: NetworkError,
  unknown: UnknownVendorError,
});

/** The instance type for a kind, e.g. `ErrorFor<'not-found'>` is `NotFoundError`. */
export type ErrorFor<K extends ErrorKind> = InstanceType<(typeof ERROR_CLASSES)[K]>;

/**
 * Every error this library makes, as the union of the fifteen classes: `kind` is its
 * discriminant, so `switch (e.kind)` narrows `e` to the class and an exhaustive switch is
 * checked. `M` types each kind's `code` (see {@link CodeMap}): `normalize(upyun, …)` returns
 * `AnyVendorError<UpyunCodes>`, whose rate limits have UpYun's rate-limit codes.
 *
 * @example
 * function wait(e: AnyVendorError): number {
 *   switch (e.kind) {
 *     case 'rate-limited': return e.retryAfterMs ?? 1000; // e: RateLimitError
 *     case 'unavailable': return 500;
 *     default: return 0;
 *   }
 * }
 */
export type AnyVendorError<M extends CodeMap = CodeMap> = M extends CodeMap
  ?
      | InvalidRequestError<CodeOf<M, 'invalid-request'>>
      | AuthenticationError<CodeOf<M, 'unauthenticated'>>
      | PermissionDeniedError<CodeOf<M, 'permission-denied'>>
      | NotFoundError<CodeOf<M, 'not-found'>>
      | ConflictError<CodeOf<M, 'conflict'>>
      | PreconditionFailedError<CodeOf<M, 'precondition-failed'>>
      | PayloadTooLargeError<CodeOf<M, 'payload-too-large'>>
      | QuotaExceededError<CodeOf<M, 'quota-exceeded'>>
      | RateLimitError<CodeOf<M, 'rate-limited'>>
      | ServiceUnavailableError<CodeOf<M, 'unavailable'>>
      | TimeoutError<CodeOf<M, 'timeout'>>
      | InternalServerError<CodeOf<M, 'internal'>>
      | NotImplementedError<CodeOf<M, 'not-implemented'>>
      | NetworkError<CodeOf<M, 'network'>>
      | UnknownVendorError<CodeOf<M, 'unknown'>>
  : never;

/**
 * Builds the error of the given kind.
 *
 * @example
 * const err = createVendorError('rate-limited', { vendor: 'upyun', status: 429, code: 42900001 });
 * err instanceof RateLimitError; // true
 */
export function createVendorError<K extends ErrorKind>(kind: K, init: VendorErrorInit): ErrorFor<K> {
  const Ctor = ERROR_CLASSES[kind] ?? ERROR_CLASSES.unknown;
  return new Ctor(init) as ErrorFor<K>;
}
