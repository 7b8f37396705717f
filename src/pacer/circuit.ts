/**
 * The circuit breaker: outages open it, one probe at a time goes out, any answer closes it
 * (rule 8 of docs/pacer.md).
 */
import { refill } from './bucket.js';
import { PROBE_DELAY_GROWTH, type PacerParams, RECOVERY_START_FRACTION, RECOVERY_START_RATE } from './params.js';
import { clamp, type Draft } from './state.js';
import { measuredRate } from './window.js';

/**
 * The vendor answered: the circuit closes (rule 8; the restart window is RFC 5681 §4.1's). After an outage, a key that knew no limit starts
 * again as a fresh key does (the initial window, doubling per round trip); one that was paced
 * slow-starts towards its old rate.
 */
export function closeCircuit(d: Draft, t: number, params: PacerParams): void {
  d.failures = 0;
  if (d.circuit === 'closed') return;
  const before = Math.max(d.ceiling, 0);
  const wasUnlimited = d.phase === 'unlimited';
  refill(d, t, params);
  d.tokens = wasUnlimited ? 1 : Math.min(1, d.tokens);
  d.circuit = 'closed';
  d.probeSentAt = 0;
  d.probeAt = 0;
  d.probeDelay = params.probeDelayMs;
  if (wasUnlimited && params.initialWindow > 0) {
    // No limit was known before the outage, so there is no rate to return to: the restart
    // window (TCP's after an idle spell, RFC 5681 §4.1) bounds the first round trips instead.
    d.window = params.initialWindow;
    d.ceiling = 0;
    return;
  }
  d.phase = 'slow-start';
  d.rate = clamp(Math.max(RECOVERY_START_RATE, before * RECOVERY_START_FRACTION), params.minRate, params.maxRate);
  d.ceiling = before;
  d.grownAt = t;
}

/**
 * One more outage answer: a failed probe reopens the circuit with a longer wait (×1.5), the
 * `failureThreshold`-th consecutive one opens it, remembering the rate to slow-start back to.
 */
export function countOutage(d: Draft, t: number, sentAt: number | undefined, params: PacerParams): void {
  d.failures = Math.min(d.failures + 1, 1_000_000);
  const stale = typeof sentAt === 'number' && Number.isFinite(sentAt) && sentAt < d.openedAt;
  if (d.circuit === 'half-open' && !stale) {
    // The probe failed: wait longer for the next one.
    d.probeDelay = clamp(d.probeDelay * PROBE_DELAY_GROWTH, params.probeDelayMs, params.maxProbeDelayMs);
    d.circuit = 'open';
    d.openedAt = t;
    d.probeAt = Math.max(t + d.probeDelay, d.pausedUntil);
    d.probeSentAt = 0;
  } else if (d.circuit === 'closed' && d.failures >= params.failureThreshold) {
    // Remember the rate we had, for slow start after the outage.
    const measured = measuredRate(d, t, params);
    const before = d.phase === 'unlimited' ? measured : Math.min(d.rate, Math.max(measured, params.minRate));
    d.ceiling = before > 0 ? clamp(before, params.minRate, params.maxRate) : 0;
    d.circuit = 'open';
    d.openedAt = t;
    d.probeDelay = params.probeDelayMs;
    d.probeAt = Math.max(t + params.probeDelayMs, d.pausedUntil);
    d.probeSentAt = 0;
  }
}

/** A request ended without an answer: if it was the probe, the slot is free for another. */
export function releaseProbe(d: Draft, sentAt: number | undefined): void {
  if (d.circuit === 'half-open' && d.probeSentAt !== 0) {
    const wasProbe = typeof sentAt !== 'number' || !Number.isFinite(sentAt) || sentAt >= d.probeSentAt;
    if (wasProbe) d.probeSentAt = 0;
  }
}
