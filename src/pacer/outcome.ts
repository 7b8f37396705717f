/** Which event an attempt's outcome is for the algorithm: a success, a limit, an outage, or nothing. */
import type { ErrorKind } from '../core/kinds.js';
import { isVendorError, type VendorError } from '../errors/vendor-error.js';
import { isBackPressure } from './back-pressure.js';
import { onCancel, onFailure, onPause, onSuccess, onThrottle } from './events.js';
import type { PacerParams } from './params.js';
import type { PacerState } from './state.js';

/** Kinds where the vendor did not answer: not an outage unless listed, but not a success either. */
const NO_ANSWER: ReadonlySet<ErrorKind> = new Set<ErrorKind>(['network', 'timeout']);

/**
 * The state after `outcome`; `limited` when it was a rate limit or an outage (the model of a
 * deadline error). `spentMs`: a success's report that the quota is spent for that long.
 */
export function applyOutcome(
  state: PacerState,
  outcome: VendorError | undefined | 'cancelled',
  t: number,
  params: PacerParams,
  outageKinds: ReadonlySet<string>,
  sentAt: number | undefined,
  inFlight: number,
  spentMs?: number,
): { next: PacerState; limited: boolean } {
  if (outcome === undefined) {
    const next = onSuccess(state, t, params, { sentAt });
    // A success whose rate-limit headers say the quota is spent: pause until its reset, as for a Retry-After.
    return { next: spentMs ? onPause(next, t, params, { sentAt, retryAfterMs: spentMs }) : next, limited: false };
  }
  if (!isVendorError(outcome)) return { next: onCancel(state, t, params, { sentAt }), limited: false };
  const hint = outcome.retryAfterMs;
  const signal = { sentAt, retryAfterMs: hint, inFlight };
  if (isBackPressure(outcome)) return { next: onThrottle(state, t, params, signal), limited: true };
  if (outageKinds.has(outcome.kind)) return { next: onFailure(state, t, params, signal), limited: true };
  // A 404 or a 400 is an answer: the vendor is up and did not limit us. A timeout or a network
  // failure (when not counted as outages) says nothing either way.
  let next = NO_ANSWER.has(outcome.kind) ? onCancel(state, t, params, { sentAt }) : onSuccess(state, t, params, { sentAt });
  // Whatever it was, a Retry-After is the vendor asking for a pause.
  if (typeof hint === 'number') next = onPause(next, t, params, signal);
  return { next, limited: false };
}
