/**
 * What ky's own retry may repeat, per ky call. The loop inside ky's `fetch` has decided on every
 * attempt of a call, so ky's `shouldRetry` says `false` for that call's errors. A ky 1 hook may
 * throw *another* call's error, though (a token refresh whose own ky call failed): bare ky retries
 * its own call for that, by its rules (ky's `afterResponse hook handles refresh endpoint failure`
 * test), so such a `VendorError` is judged as ky would judge the error it wraps.
 *
 * A call is told apart by its normalized `retry` object: ky builds one per call and keeps it
 * across its retries, and every hook's `options.retry` is that object. A fetch ky sends without
 * our `beforeRequest` having seen it (ky 2 runs `beforeRequest` once per call) decides for any call.
 */
import { prop } from '../../core/wire.js';
import { isVendorError } from '../../errors/vendor-error.js';

/** The owner of what a fetch decided when its ky call is unknown: it counts for every call. */
export const ANY_CALL: object = Object.freeze({});

/**
 * ky's `retry.shouldRetry`. ky calls it as a method of the call's `retry` object
 * (`this.#options.retry.shouldRetry(state)`, ky 1 and 2), so `this` is the call: one function
 * for every call, nothing made per request.
 */
export type KyShouldRetry = (this: unknown, state: unknown) => boolean | undefined;

export interface KyDecisions {
  /** Marks a `VendorError` the loop rejected with, or a failure response it handed ky, as decided for `call`. */
  own(value: object, call: object): void;
  /** The call the loop decided `error` for (by the error, or by its `response`), if any. */
  ownerOf(error: unknown): object | undefined;
  /** A TypeError we refused a call's options with: never retried. */
  refuse(error: TypeError): void;
  /** Whether ky must not repeat `error` for `call` (`undefined`: a call not known, any owner counts). */
  decidedFor(error: unknown, call: unknown): boolean;
  /** ky's `shouldRetry`: `false` for what the loop decided for the asking call. */
  readonly shouldRetry: KyShouldRetry;
}

export function kyDecisions(): KyDecisions {
  const owners = new WeakMap<object, object>();
  const refusals = new WeakSet<object>();

  const ownerOf = (error: unknown): object | undefined => {
    if (typeof error !== 'object' || error === null) return undefined;
    const response = prop(error, 'response');
    return owners.get(error) ?? (typeof response === 'object' && response !== null ? owners.get(response) : undefined);
  };
  const decidedFor = (error: unknown, call: unknown): boolean => {
    if (refusals.has(error as object)) return true;
    const owner = ownerOf(error);
    return owner !== undefined && (typeof call !== 'object' || call === null || owner === ANY_CALL || owner === call);
  };

  return {
    own(value, call) {
      owners.set(value, call);
    },
    ownerOf,
    refuse(error) {
      refusals.add(error);
    },
    decidedFor,
    shouldRetry(this: unknown, state: unknown): boolean | undefined {
      const error = prop(state, 'error');
      if (decidedFor(error, this)) return false;
      // Not a VendorError: ky's own rules (a response a hook made up, a fetch given to ky itself).
      return isVendorError(error) ? asKyWould(error.cause, this) : undefined;
    },
  };
}

/**
 * What bare ky decides for the error a `VendorError` from another call wraps (source/core/Ky.ts,
 * `#calculateRetryDelay`): an `HTTPError` by this call's `statusCodes` (a 413 only with a
 * `Retry-After`); ky's `TimeoutError` never (`retryOnTimeout` other than `false` is refused);
 * anything else by ky's own rules (`undefined`).
 */
function asKyWould(cause: unknown, call: unknown): boolean | undefined {
  const name = prop(cause, 'name');
  if (name === 'TimeoutError') return false;
  if (name !== 'HTTPError') return undefined;
  const response = prop(cause, 'response');
  const status = prop(response, 'status');
  const codes = prop(call, 'statusCodes');
  if (!Array.isArray(codes) || !codes.includes(status)) return false;
  const headers = prop(response, 'headers') as Headers | undefined;
  return status !== 413 || headers?.has?.('retry-after') === true;
}
