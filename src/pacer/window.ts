/**
 * The measured rate: successes per second over a sliding window of `windowMs` (rule 2 of
 * docs/pacer.md), and the idle fast path that counts a success without writing a new state.
 */
import { DEFAULT_PACER_PARAMS, type PacerParams } from './params.js';
import { clamp, finite, type PacerState, timeOf } from './state.js';

/**
 * How many requests `state`'s key may have in flight while it is unlimited (0: no cap), rule 1
 * of docs/pacer.md. A fresh key's first flight (everything sent before its first answer) is not
 * capped: before any answer nothing is known either way, and holding it back cost a cold burst
 * of 50 at a vendor that never limits 20–60 % of its time (one or two round trips;
 * `bench/cold-burst.ts`). From the first answer on, the cap is the window (`initialWindow`, one
 * more per success): the first flight's own successes then do not send more into a vendor
 * whose refusals for that flight are still on their way. A window restarted by an outage
 * (`openedAt` set) is capped from the start: held calls are released a window at a time.
 */
export function inFlightCap(state: PacerState, params: PacerParams = DEFAULT_PACER_PARAMS): number {
  if (state.window === 0 || (state.window === params.initialWindow && state.openedAt === 0)) return 0;
  return state.window;
}

/** The success counter of a {@link PacerState}, on its own: what a success on an idle key changes. */
export interface SuccessCounter {
  windowStart: number;
  windowCount: number;
  previousCount: number;
  flight: number;
  flightFrom: number;
  updatedAt: number;
}

/** Moves the success counter to `t`'s bucket (rule 2: what the vendor accepts while it limits is its limit). */
export function roll(d: SuccessCounter, t: number, params: PacerParams): void {
  const w = params.windowMs;
  const elapsed = t - d.windowStart;
  if (elapsed < w) return;
  if (elapsed < 2 * w) {
    d.windowStart += w;
    d.previousCount = d.windowCount;
  } else {
    d.windowStart = t - (elapsed % w);
    d.previousCount = 0;
  }
  d.windowCount = 0;
}

/**
 * A success at `t` into `c`: the rule `onSuccess` and an idle lane's counter both follow. `inFlight`
 * (the key's other requests still out; unknown: `undefined`) at 0 ends the flight.
 */
export function tally(c: SuccessCounter, t: number, countFrom: number, params: PacerParams, inFlight?: number): void {
  roll(c, t, params);
  // An answer during a pause is old traffic: it says the vendor is up, not what it accepts after.
  if (t >= countFrom) c.windowCount += 1;
  if (c.flight === 0) c.flightFrom = t;
  c.flight = inFlight === 0 ? 0 : c.flight + 1;
}

/**
 * Successes per second over the last `windowMs`: the current bucket plus the part of the
 * previous one still inside the window (a sliding-window counter); just after a pause, over the
 * time since it ended; with no previous bucket (a key younger than the window, or back from
 * idle), over the time the current one has counted, unless `whole` asks for the whole window.
 * Never NaN, never negative.
 */
export function measuredRate(state: PacerState, now: number, params: PacerParams = DEFAULT_PACER_PARAMS, whole = false): number {
  const t = timeOf(state, now);
  const w = params.windowMs;
  if (state.countFrom > 0 && t - state.countFrom < w) {
    // Successes since the pause ended, over the time since (a fifth of a window at least, so
    // that two quick successes do not read as a thousand per second).
    if (t < state.countFrom) return 0;
    return (state.windowCount * 1000) / Math.max(t - state.countFrom, w / 5);
  }
  const elapsed = t - state.windowStart;
  // A window the key has not lived through is no evidence of a low rate (rule 2: read as a full
  // window, a cold key's first limit started slow start at a fifth of the rate it had just seen).
  if (!whole && state.previousCount === 0 && elapsed < w) {
    return (state.windowCount * 1000) / Math.max(elapsed, w / 5);
  }
  let count: number;
  if (elapsed < w) count = state.previousCount * (1 - clamp(elapsed / w, 0, 1)) + state.windowCount;
  else if (elapsed < 2 * w) count = state.windowCount * (1 - (elapsed - w) / w);
  else count = 0;
  return clamp((count * 1000) / w, 0, Number.MAX_VALUE);
}

/**
 * The measured rate at a key's first limit. With a Retry-After (`paused`) and no previous bucket,
 * successes are read over five times the span the key has lived, between a fifth of a window and
 * the whole of it: a refusal right after a burst says the vendor's bucket held that flight's
 * successes (a warm-up answered before it was sent did not come out of it: `flight`), and that
 * rate starts slow start after the pause; one that comes after the key has streamed for a while
 * counts the key's own over-limit sending, so it is read over the whole window. In simulated time
 * (rule 7): 100/s burst 10, cold 1.74 → 1.68 × the ideal, and 2 pauses instead of 3 at 20–60 ms.
 */
export function firstLimitRate(
  state: PacerState,
  now: number,
  params: PacerParams = DEFAULT_PACER_PARAMS,
  paused = false,
): number {
  const t = timeOf(state, now);
  const w = params.windowMs;
  const elapsed = t - state.windowStart;
  if (!paused || state.previousCount !== 0 || !(elapsed < w)) return measuredRate(state, now, params, paused);
  // One success per flight is a sequential stream, not a burst: its window's count stands.
  const byFlight = state.flight > 1;
  const count = byFlight ? Math.min(state.flight, state.windowCount) : state.windowCount;
  const span = byFlight ? t - Math.max(state.flightFrom, state.windowStart) : elapsed;
  return (count * 1000) / clamp(5 * span, w / 5, w);
}

/**
 * `true` when a success at `now` on a request sent at `sentAt` would change nothing in `state`
 * but its success counter: a key that is not paced, not paused, not down, has no initial
 * window left and no old traffic to hear from. The pacer then counts such successes with
 * {@link countSuccess} on a counter of its own, and writes no new state per success.
 */
export function isIdle(state: PacerState, sentAt?: number): boolean {
  return (
    state.phase === 'unlimited' &&
    state.circuit === 'closed' &&
    state.window === 0 &&
    state.failures === 0 &&
    state.pausedUntil === 0 &&
    state.outstanding === 0 &&
    (state.decreasedAt === 0 || typeof sentAt !== 'number' || !(sentAt <= state.decreasedAt))
  );
}

/** A copy of `state`'s success counter, to count on (see {@link countSuccess}). */
export function successCounterOf(state: PacerState): SuccessCounter {
  return {
    windowStart: state.windowStart,
    windowCount: state.windowCount,
    previousCount: state.previousCount,
    flight: state.flight ?? state.windowCount + state.previousCount,
    flightFrom: state.flightFrom ?? state.windowStart,
    updatedAt: state.updatedAt,
  };
}

/**
 * Counts a success at `now` into `counter`, in place: for a state that {@link isIdle}, exactly
 * what {@link onSuccess} would change (the same clock rules: a `now` that is not finite or goes
 * back is read as the latest time seen).
 */
export function countSuccess(
  counter: SuccessCounter,
  state: PacerState,
  now: number,
  params: PacerParams = DEFAULT_PACER_PARAMS,
  inFlight?: number,
): void {
  const t = Math.max(finite(now, counter.updatedAt), counter.updatedAt);
  tally(counter, t, state.countFrom, params, inFlight);
  counter.updatedAt = t;
}

/** `state` with `counter`'s success counts (a copy). */
export function withSuccessCounter(state: PacerState, counter: SuccessCounter): PacerState {
  return {
    ...state,
    windowStart: counter.windowStart,
    windowCount: counter.windowCount,
    previousCount: counter.previousCount,
    flight: counter.flight,
    flightFrom: counter.flightFrom,
    updatedAt: counter.updatedAt,
  };
}
