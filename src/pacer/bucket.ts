/**
 * The token bucket whose fill rate is the learned rate: when the next send may go, and what a
 * send takes. Capacity and debt bounds: docs/pacer.md, "Token bucket".
 */
import { MAX_TIMER_MS } from '../core/options.js';
import { DEFAULT_PACER_PARAMS, type PacerParams } from './params.js';
import { type Draft, draft, type PacerState, timeOf } from './state.js';
import { inFlightCap } from './window.js';

/** Bucket capacity at `rate`: `burstMs` worth of sends, so a late timer loses no throughput but no vendor bucket is outrun. */
export function bucketCapacity(rate: number, params: PacerParams = DEFAULT_PACER_PARAMS): number {
  return Math.max(1, (rate * params.burstMs) / 1000);
}

/** Tokens at time `t` (no refill before `refilledAt`). */
export function tokensAt(state: PacerState, t: number, params: PacerParams): number {
  const elapsed = t - state.refilledAt;
  if (elapsed <= 0) return state.tokens;
  return Math.min(bucketCapacity(state.rate, params), state.tokens + (elapsed * state.rate) / 1000);
}

/** Brings the bucket up to date at `t` (or at its future refill time). */
export function refill(d: Draft, t: number, params: PacerParams): void {
  const from = Math.max(t, d.refilledAt);
  d.tokens = tokensAt(d, from, params);
  d.refilledAt = from;
}

/**
 * When the next send may start: `now` if at once, a later time if it must wait. Never `Infinity`:
 * while a probe is out the answer is the probe's lease expiry, while a fresh key's initial
 * window is full it is a window later (an answer will come first and wake the queue).
 */
export function nextSendTime(state: PacerState, now: number, params: PacerParams = DEFAULT_PACER_PARAMS, inFlight = 0): number {
  const t = timeOf(state, now);
  let at = Math.max(t, state.pausedUntil);
  if (state.circuit === 'open') return Math.max(at, state.probeAt);
  if (state.circuit === 'half-open' && state.probeSentAt > 0) {
    const lease = state.probeSentAt + params.probeLeaseMs;
    if (lease > t) return Math.max(at, lease);
  }
  if (state.phase === 'unlimited') {
    const cap = inFlightCap(state, params);
    return cap > 0 && inFlight >= cap ? Math.max(at, t + params.windowMs) : at;
  }
  if (state.outstanding > 0) {
    // Recovery: the requests in flight at the decrease still reach a vendor that is limiting
    // us, and will use (or be refused) whatever it has. A send now would most likely be
    // refused too, so wait until they are answered (reports move this), one window at most.
    at = Math.max(at, state.decreasedAt + params.windowMs);
  }
  const from = Math.max(at, state.refilledAt);
  const have = tokensAt(state, from, params);
  if (have >= 1) return from;
  return from + ((1 - have) * 1000) / state.rate;
}

/**
 * A time before which no send can go, whatever is reported meanwhile: the end of a Retry-After
 * pause, or the first probe of an open circuit. (`nextSendTime` may move earlier: a probe comes
 * back, the rate rises; this cannot.) A call whose deadline is before it need not wait.
 */
export function earliestSendTime(state: PacerState, now: number): number {
  const t = timeOf(state, now);
  const at = Math.max(t, state.pausedUntil);
  return state.circuit === 'open' ? Math.max(at, state.probeAt) : at;
}

/** How long a call queued now would wait (capped at the longest timer): its turn after `queued` others, at the key's rate. */
export function waitEstimate(state: PacerState, now: number, params: PacerParams, inFlight: number, queued: number): number {
  const t = timeOf(state, now);
  const wait =
    Math.max(0, nextSendTime(state, t, params, inFlight) - t) + (state.phase === 'unlimited' ? 0 : (queued * 1000) / state.rate);
  return Math.min(wait, MAX_TIMER_MS);
}

/** Records a send at `now` (call it when a request leaves): takes a token, takes the probe slot. */
export function onSend(state: PacerState, now: number, params: PacerParams = DEFAULT_PACER_PARAMS): PacerState {
  const t = timeOf(state, now);
  const d = draft(state, t);
  if (d.circuit === 'open' && t >= d.probeAt) {
    d.circuit = 'half-open';
    d.probeSentAt = t;
  } else if (d.circuit === 'half-open') {
    d.probeSentAt = t;
  }
  if (d.phase !== 'unlimited') {
    refill(d, t, params);
    d.tokens = Math.max(-Math.max(1, d.rate), d.tokens - 1);
  }
  return d;
}
