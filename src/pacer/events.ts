/**
 * What each event does to a key's state: a success, a rate limit, an outage answer, a pause hint,
 * a cancelled request. Pure functions (no clock, no timers): each takes `now` and returns a new
 * state. The rules and their measurements: docs/pacer.md.
 */
import { closeCircuit, countOutage, releaseProbe } from './circuit.js';
import { DEFAULT_PACER_PARAMS, MAX_WINDOW, type PacerParams, RECOVERY_START_RATE } from './params.js';
import { decrease, grow, heard, isPauseHint, isStale, pause, slowStart } from './rate.js';
import { draft, inFlightOf, type PacerSignal, type PacerState, timeOf } from './state.js';
import { firstLimitRate, inFlightCap, measuredRate, roll, tally } from './window.js';

/**
 * A request was answered by the vendor, and not with a rate limit nor an outage (a 404 is an
 * answer too). Counts a success, closes the circuit, and raises the rate: slow start doubles
 * it every `doublingMs`, CUBIC follows its curve, never above twice the measured rate.
 * Never lowers the rate, except that the answer ending an outage restarts slow start.
 */
export function onSuccess(
  state: PacerState,
  now: number,
  params: PacerParams = DEFAULT_PACER_PARAMS,
  signal: PacerSignal = {},
): PacerState {
  const t = timeOf(state, now);
  const d = draft(state, t);
  tally(d, t, d.countFrom, params, signal.inFlight);
  heard(d, t, signal.sentAt, params);
  if (d.pausedUntil !== 0 && d.pausedUntil <= t) d.pausedUntil = 0;
  closeCircuit(d, t, params);
  if (d.phase === 'unlimited') {
    if (d.window !== 0) d.window = d.window + 1 >= MAX_WINDOW ? 0 : d.window + 1;
    return d;
  }

  grow(d, t, params);
  return d;
}

/**
 * A rate limit (`kind === 'rate-limited'`, so a NetEase 403 4030001 too). Pauses the key for a
 * Retry-After; and unless it is stale news, lowers the rate: the first limit starts slow start
 * from the measured rate, later ones are CUBIC decreases from min(rate, measured rate). The
 * vendor answered, so the circuit closes.
 */
export function onThrottle(
  state: PacerState,
  now: number,
  params: PacerParams = DEFAULT_PACER_PARAMS,
  signal: PacerSignal = {},
): PacerState {
  const t = timeOf(state, now);
  const d = draft(state, t);
  roll(d, t, params);
  if (d.circuit !== 'closed') {
    closeCircuit(d, t, params);
    // Limited straight after an outage: what slow start was heading for is not available.
    d.ceiling = 0;
  }
  d.failures = 0;

  const paused = isPauseHint(signal.retryAfterMs);
  let exited = false;
  if (isStale(d, t, signal.sentAt, params)) {
    heard(d, t, signal.sentAt, params);
  } else {
    exited = d.phase === 'slow-start';
    // With a Retry-After each refusal costs a whole pause, so that limit errs low (rule 2: the
    // whole window; at a first limit, `firstLimitRate`).
    const measured = d.phase === 'unlimited' ? firstLimitRate(d, t, params, paused) : measuredRate(d, t, params, paused);
    if (d.phase === 'unlimited') {
      // What the vendor's bucket held: this flight's successes, not a warm-up's before it.
      d.burst = Math.min(d.flight, d.windowCount + d.previousCount);
      // The first limit: no rate was ever set, and what was measured is a lower bound of the
      // limit (the client may not have been asking for more). Start there and find the limit
      // with slow start; the first fresh throttle after that is a CUBIC decrease.
      slowStart(d, t, Math.max(measured, RECOVERY_START_RATE), 0, inFlightOf(signal), params);
    } else {
      decrease(d, t, Math.min(d.rate, measured > 0 ? measured : d.rate), inFlightOf(signal), params, paused, signal.sentAt);
    }
  }
  pause(d, t, signal.retryAfterMs, params, exited);
  if (signal.inFlight === 0) d.flight = 0; // the flight is over: the next one counts afresh
  return d;
}

/**
 * An outage answer (`unavailable`, `network`, ...). Counts a consecutive failure, pauses for a
 * Retry-After, opens the circuit at `failureThreshold` (or reopens it when the probe failed,
 * making the next probe wait `PROBE_DELAY_GROWTH` times longer). The rate is left alone: outages are not rate limits.
 */
export function onFailure(
  state: PacerState,
  now: number,
  params: PacerParams = DEFAULT_PACER_PARAMS,
  signal: PacerSignal = {},
): PacerState {
  const t = timeOf(state, now);
  const d = draft(state, t);
  roll(d, t, params);
  heard(d, t, signal.sentAt, params);
  pause(d, t, signal.retryAfterMs, params);
  countOutage(d, t, signal.sentAt, params);
  return d;
}

/**
 * A Retry-After on an answer that is neither a rate limit nor an outage (a 500 with a hint):
 * the vendor asked for a pause, so the key pauses; nothing else changes.
 */
export function onPause(
  state: PacerState,
  now: number,
  params: PacerParams = DEFAULT_PACER_PARAMS,
  signal: PacerSignal = {},
): PacerState {
  const t = timeOf(state, now);
  const d = draft(state, t);
  pause(d, t, signal.retryAfterMs, params);
  return d;
}

/**
 * A request ended without the vendor's answer (the caller aborted, or the attempt threw
 * something that is not a vendor error). Counts nothing; frees the probe slot if it was the probe.
 */
export function onCancel(
  state: PacerState,
  now: number,
  params: PacerParams = DEFAULT_PACER_PARAMS,
  signal: PacerSignal = {},
): PacerState {
  const t = timeOf(state, now);
  const d = draft(state, t);
  heard(d, t, signal.sentAt, params);
  releaseProbe(d, signal.sentAt);
  return d;
}

/** What the key looks like from outside. */
export type PacerKeyState = 'closed' | 'pacing' | 'paused' | 'open' | 'probing';

/**
 * - `closed`: no limit known, sends pass straight through;
 * - `pacing`: sends are spaced at `rate` (after a rate limit, or rising again after an outage);
 * - `paused`: a Retry-After holds every send until `pausedUntil`;
 * - `open`: an outage; nothing is sent until the next probe;
 * - `probing`: one probe is out, everything else waits for its answer.
 */
export function keyState(state: PacerState, now: number): PacerKeyState {
  const t = timeOf(state, now);
  if (state.circuit === 'open') return 'open';
  if (state.circuit === 'half-open') return 'probing';
  if (state.pausedUntil > t) return 'paused';
  return state.phase === 'unlimited' ? 'closed' : 'pacing';
}

/** `true` when a send at `now` would pass without waiting and without changing any state. */
export function isUnrestricted(
  state: PacerState,
  now: number,
  inFlight = 0,
  params: PacerParams = DEFAULT_PACER_PARAMS,
): boolean {
  if (state.phase !== 'unlimited' || state.circuit !== 'closed' || state.pausedUntil > now) return false;
  const cap = inFlightCap(state, params);
  return cap === 0 || inFlight < cap;
}
