/** Which event an attempt's outcome is for the algorithm: a success, a limit, an outage, or nothing. */
import type { ErrorKind } from '../errors/kinds.js';
import { isClassification } from '../core/classify.js';
import { isVendorError } from '../errors/vendor-error.js';
import { isBackPressure } from './back-pressure.js';
import { onCancel, onFailure, onPause, onSuccess, onThrottle } from './events.js';
import type { PacerParams } from './params.js';
import type { PacerState } from './state.js';
import type { PacerOutcome } from './types.js';

/** Kinds where the vendor did not answer: not an outage unless listed, but not a success either. */
const NO_ANSWER: ReadonlySet<ErrorKind> = new Set<ErrorKind>(['network', 'timeout']);

/** What an outcome was: `limit` (back-pressure) and `outage` are the models of a deadline error. */
export type OutcomeEvent = 'success' | 'cancel' | 'limit' | 'outage' | 'answer';

/**
 * The state after `outcome`, and what the outcome was. `spentMs`: a success's report that the
 * quota is spent for that long.
 */
export function applyOutcome(
  state: PacerState,
  outcome: PacerOutcome,
  t: number,
  params: PacerParams,
  outageKinds: ReadonlySet<string>,
  sentAt: number | undefined,
  inFlight: number,
  spentMs?: number,
): { next: PacerState; event: OutcomeEvent } {
  if (outcome === undefined) {
    const next = onSuccess(state, t, params, { sentAt, inFlight });
    // A success whose rate-limit headers say the quota is spent: pause until its reset, as for a Retry-After.
    return { next: spentMs ? onPause(next, t, params, { sentAt, retryAfterMs: spentMs }) : next, event: 'success' };
  }
  // A VendorError or the retry loop's record of one (the same fields, no Error built).
  if (!isVendorError(outcome) && !isClassification(outcome))
    return { next: onCancel(state, t, params, { sentAt }), event: 'cancel' };
  const hint = outcome.retryAfterMs;
  const signal = { sentAt, retryAfterMs: hint, inFlight };
  if (isBackPressure(outcome)) return { next: onThrottle(state, t, params, signal), event: 'limit' };
  if (outageKinds.has(outcome.kind)) return { next: onFailure(state, t, params, signal), event: 'outage' };
  // A 404 or a 400 is an answer: the vendor is up and did not limit us. A timeout or a network
  // failure (when not counted as outages) says nothing either way.
  let next = NO_ANSWER.has(outcome.kind) ? onCancel(state, t, params, { sentAt }) : onSuccess(state, t, params, { sentAt });
  // Whatever it was, a Retry-After is the vendor asking for a pause.
  if (typeof hint === 'number') next = onPause(next, t, params, signal);
  return { next, event: 'answer' };
}
