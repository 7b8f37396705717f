import type { VendorError } from '../errors/vendor-error.js';

/**
 * A refusal that asks us to slow down: a rate limit, or an `unavailable` answer whose retry class
 * is `safe` (the vendor refused before acting, under load: NetEase 400 4000199 "system busy").
 * Both lower the pacer's rate and neither counts towards its circuit breaker; with a pacer, the
 * retry loop leaves their wait to it. An `unavailable` answer that is `idempotent` (the 503
 * family: the vendor may be down, or may have acted) is an outage instead.
 */
export function isBackPressure(error: Pick<VendorError, 'kind' | 'retry'>): boolean {
  return error.kind === 'rate-limited' || (error.kind === 'unavailable' && error.retry === 'safe');
}
