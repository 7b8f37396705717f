/**
 * Rate control: slow start, the CUBIC decrease and curve, Retry-After pauses, and which limits
 * are news (rules 3 to 7 of docs/pacer.md).
 */
import { refill, tokensAt } from './bucket.js';
import { DEFAULT_PACER_PARAMS, type PacerParams, RECOVERY_START_RATE } from './params.js';
import { clamp, type Draft, type PacerState, timeOf } from './state.js';
import { measuredRate } from './window.js';

/**
 * A decrease of the rate from `base` (CUBIC's W_max): to β·base, at most one token left (rule 4:
 * β = 0.7 drains a 43 % overshoot). With a pause, a `base` under the last W_max also lowers the
 * plateau to base·(1 + β)/2 (RFC 8312 §4.6 fast convergence; rule 7: each refusal costs a pause).
 */
export function decrease(
  d: Draft,
  t: number,
  base: number,
  outstanding: number,
  params: PacerParams,
  paused = false,
  sentAt?: number,
): void {
  const wasUnlimited = d.phase === 'unlimited';
  if (paused && d.phase === 'slow-start' && d.burst > 0) {
    // Refused in slow start after a pause: the count since it ended holds the bucket the pause
    // refilled, and reads low or high with where slow start began; where the refusal's request
    // was sent says more (rule 7; at 20–60 ms of latency, 3 pauses → 2 in simulated time).
    const from = Math.max(d.decreasedAt, d.countFrom);
    const sent = typeof sentAt === 'number' && sentAt >= from && sentAt <= t ? sentAt : t;
    const model = limitFromOvershoot(d.rate / 2 ** ((t - sent) / params.doublingMs), sent - from, d.burst, params.doublingMs);
    if (model > 0) base = model;
  }
  const converge = paused && !wasUnlimited && d.wMax > 0 && base < d.wMax;
  refill(d, t, params);
  d.tokens = wasUnlimited ? 1 : Math.min(d.tokens, 1);
  d.wMax = clamp(converge ? (base * (1 + params.beta)) / 2 : base, params.minRate, params.maxRate);
  d.rate = clamp(params.beta * base, params.minRate, params.maxRate);
  d.phase = 'steady';
  d.decreasedAt = t;
  d.epoch = t;
  d.outstanding = outstanding;
  d.quietFrom = t;
  d.ceiling = 0;
}

/**
 * Slack on the bucket in `limitFromOvershoot` (1 %): against a token bucket of whole requests the
 * continuous model read up to 1.6 % high (5/s, bucket of 31); with it, ≤ 0.995 of the rate over
 * 3,000 random cases (5–2000/s, buckets 2–50), ≥ 0.90 from 50/s and a bucket of 5.
 */
const OVERSHOOT_MARGIN = 0.01;

/**
 * The vendor's rate R, read from where slow start was refused after a pause (rule 7). The pause
 * refilled the vendor's bucket (`burst`); slow start, doubling every `doublingMs` (D) up to
 * `rate` over `elapsedMs`, is refused once what it sent beyond R, D/ln 2 · (rate − max(r0, R))
 * − R · (time since it passed R), has used that bucket up. Solved for R (bisection: the left
 * side falls as R rises); 0 when the numbers fit no R (then the count since the pause stands).
 */
export function limitFromOvershoot(rate: number, elapsedMs: number, burst: number, doublingMs: number): number {
  const d = doublingMs / 1000;
  const span = Math.max(0, elapsedMs) / 1000;
  const r0 = rate / 2 ** (span / d);
  const excess = (r: number) => {
    const crossed = r > r0 ? d * Math.log2(r / r0) : 0;
    return (d / Math.LN2) * (rate - Math.max(r0, r)) - r * Math.max(0, span - crossed) - burst * (1 + OVERSHOOT_MARGIN);
  };
  if (!(rate > 0) || !(burst > 0) || !(excess(0) > 0)) return 0;
  let lo = 0;
  let hi = rate;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (excess(mid) > 0) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** Slow start from `rate` (bounded), towards `ceiling` (0: until a throttle), one token in the bucket (rule 3: the measured rate is only a lower bound of the limit). */
export function slowStart(d: Draft, t: number, rate: number, ceiling: number, outstanding: number, params: PacerParams): void {
  d.phase = 'slow-start';
  d.rate = clamp(rate, params.minRate, params.maxRate);
  d.ceiling = ceiling > 0 ? clamp(ceiling, params.minRate, params.maxRate) : 0;
  d.wMax = 0;
  d.decreasedAt = t;
  d.epoch = t;
  d.outstanding = outstanding;
  d.quietFrom = t;
  d.grownAt = t;
  d.window = 0;
  d.tokens = 1;
  d.refilledAt = Math.max(t, d.refilledAt);
}

/** `true` for a Retry-After that pauses a key: a finite, positive number of ms. */
export function isPauseHint(retryAfterMs: number | undefined): retryAfterMs is number {
  return typeof retryAfterMs === 'number' && Number.isFinite(retryAfterMs) && retryAfterMs > 0;
}

/**
 * A pause until `t + retryAfterMs` (bounded), resuming with exactly one token (rule 7: the queue
 * resumes at the learned rate, not all at once). `recovering`: the curve climbs during the pause.
 */
export function pause(d: Draft, t: number, retryAfterMs: number | undefined, params: PacerParams, recovering = false): void {
  if (!isPauseHint(retryAfterMs)) return;
  const until = t + Math.min(retryAfterMs, params.maxPauseMs);
  if (until <= d.pausedUntil) return;
  if (d.phase === 'unlimited') {
    // No learned rate yet (a 503 with Retry-After): resume at the measured rate, not all at once.
    const measured = measuredRate(d, t, params);
    slowStart(d, t, Math.max(measured, RECOVERY_START_RATE), measured, 0, params);
  }
  // The curve waits out the pause (it resumes where it was), except straight after slow start: the
  // pause drained that overshoot (rule 7; at 100/s 1.78 → 1.73 × the ideal in simulated time).
  if (d.phase === 'steady' && !recovering) d.epoch += until - Math.max(t, d.pausedUntil);
  d.tokens = Math.min(1, tokensAt(d, until, params));
  d.refilledAt = until;
  d.pausedUntil = until;
  // Count afresh from the resume, so the first decrease after it starts from what the vendor
  // accepted since, not from a window the pause left empty.
  d.countFrom = until;
  d.windowStart = until;
  d.windowCount = 0;
  d.previousCount = 0;
}

/** CUBIC's target at `t` after the last decrease, scale-free: K = recoveryMs, C = W_max·(1 − β)/K³ (rule 6: one curve shape from 1/s to thousands/s). */
export function cubicRate(state: PacerState, now: number, params: PacerParams = DEFAULT_PACER_PARAMS): number {
  const t = timeOf(state, now);
  const k = params.recoveryMs / 1000;
  const x = (t - state.epoch) / 1000 - k;
  const target = state.wMax * (1 + ((1 - params.beta) * x * x * x) / (k * k * k));
  return clamp(target, params.minRate, params.maxRate);
}

/**
 * A throttle is stale news when its request left before the old traffic had drained (before
 * `quietFrom`, plus one interval at the new rate), or while requests that were in flight at the
 * decrease are still unanswered (for one window at most). Old traffic still reaching the vendor
 * eats its tokens, so a request sent at the new rate meanwhile may be limited by it rather than
 * by the new rate.
 */
export function isStale(state: PacerState, t: number, sentAt: number | undefined, params: PacerParams): boolean {
  if (state.decreasedAt === 0) return false;
  if (typeof sentAt === 'number' && Number.isFinite(sentAt)) {
    // The vendor's bucket was empty when the old traffic stopped: give it one of our intervals
    // to hold a token for us before a limit says anything about the new rate.
    if (sentAt < state.quietFrom + 1000 / state.rate) return true;
  } else if (t - state.decreasedAt < 100) {
    // Without a send time, a signal within 100 ms of the decrease is taken to be the same news.
    return true;
  }
  return state.outstanding > 0 && t - state.decreasedAt < params.windowMs;
}

/**
 * An answer to a request sent before the last decrease: one fewer outstanding, and the old
 * traffic reached the vendor until now (for one window after the decrease at most). A request
 * sent in the decrease's own millisecond is old traffic too: `outstanding` counted it, and with
 * a millisecond clock a burst released just before the throttle arrived often shares that tick
 * (left uncounted, twenty such requests held every send for the whole window: in simulated time,
 * 1.4× the ideal against the benchmark's token bucket instead of 1.01×).
 */
export function heard(d: Draft, t: number, sentAt: number | undefined, params: PacerParams): void {
  if (d.decreasedAt === 0 || typeof sentAt !== 'number' || !Number.isFinite(sentAt) || sentAt > d.decreasedAt) return;
  d.quietFrom = Math.max(d.quietFrom, Math.min(t, d.decreasedAt + params.windowMs));
  d.outstanding = Math.max(0, d.outstanding - 1);
}

/**
 * A success while paced: slow start doubles the rate every `doublingMs`, CUBIC follows its curve
 * (never above twice the measured rate, so unused allowance is not banked); never lowers it.
 */
export function grow(d: Draft, t: number, params: PacerParams): void {
  const measured = measuredRate(d, t, params);
  let rate = d.rate;
  if (d.phase === 'slow-start') {
    // A pause is no time to grow in: the first success after it does not double the rate at once.
    const dt = clamp(t - Math.max(d.grownAt, d.countFrom), 0, params.doublingMs);
    rate = Math.max(rate * 2 ** (dt / params.doublingMs), measured);
    d.grownAt = t;
    if (d.ceiling > 0 && rate >= d.ceiling) {
      // Back at the rate of before: CUBIC from its plateau (K already elapsed), probing upwards.
      rate = Math.max(d.rate, d.ceiling);
      d.phase = 'steady';
      d.wMax = rate;
      d.epoch = t - params.recoveryMs;
      d.ceiling = 0;
    }
  } else {
    rate = Math.max(rate, Math.min(cubicRate(d, t, params), 2 * measured));
  }
  rate = clamp(rate, params.minRate, params.maxRate);
  if (rate >= params.maxRate) {
    d.phase = 'unlimited';
    d.rate = params.maxRate;
    d.ceiling = 0;
    d.tokens = 1;
    d.refilledAt = t;
    return;
  }
  if (rate !== d.rate) {
    // Bring the bucket up to date first, so that a new rate is not retroactive.
    refill(d, t, params);
    d.rate = rate;
  }
}
