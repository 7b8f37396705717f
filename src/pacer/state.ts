/**
 * A key's state: plain numbers and strings (JSON-serialisable, so any store can hold it), and the
 * helpers every rule uses to read it safely. Why each field exists: docs/pacer.md.
 */
import { DEFAULT_PACER_PARAMS, type PacerParams } from './params.js';

/** The rate-control phase of a key. */
export type PacerPhase = 'unlimited' | 'slow-start' | 'steady';

/** The circuit breaker of a key: `open` holds every send until `probeAt`, `half-open` lets one probe out. */
export type PacerCircuit = 'closed' | 'open' | 'half-open';

/**
 * Everything the algorithm knows about one key, as plain numbers and strings (so it can be
 * stored anywhere, e.g. serialised to JSON). Times are ms since the epoch; 0 means "never".
 */
export interface PacerState {
  readonly phase: PacerPhase;
  /** Allowed sends per second while `phase` is not `unlimited` (and `maxRate` while it is). */
  readonly rate: number;
  /** Tokens in the bucket as of `refilledAt` (negative: debt). */
  readonly tokens: number;
  /** When `tokens` was last brought up to date (may be in the future: the end of a pause). */
  readonly refilledAt: number;
  /** CUBIC's W_max: the rate the last decrease started from (0: none yet). */
  readonly wMax: number;
  /** When the rate was last decreased. */
  readonly decreasedAt: number;
  /**
   * CUBIC's t = 0: the last decrease, moved later by the pauses since (the curve does not climb
   * while nothing may be sent).
   */
  readonly epoch: number;
  /**
   * Requests that were in flight at the last decrease and have not been answered yet. Until
   * they have (or a window has passed), a throttle is not news: old traffic still reaching the
   * vendor eats its tokens, so a request sent at the new rate may be limited by it (TCP
   * NewReno's recovery: one reduction until the data outstanding at the loss is acknowledged).
   */
  readonly outstanding: number;
  /**
   * Sends before this are part of that old traffic: the time of the last answer to a request
   * sent before the decrease (the decrease itself at first, one window after it at most).
   */
  readonly quietFrom: number;
  /** Slow start: when the growth was last applied. */
  readonly grownAt: number;
  /** Slow start: the rate at which CUBIC takes over (0: unknown, grow until a throttle). */
  readonly ceiling: number;
  /** Success counter: start of the current bucket of `windowMs`. */
  readonly windowStart: number;
  /** Successes in the current bucket. */
  readonly windowCount: number;
  /** Successes in the previous bucket. */
  readonly previousCount: number;
  /**
   * The end of the last pause: successes are counted from then on, and until a whole window
   * has passed the measured rate is over the time since then, not over a window that the
   * pause left empty (0: count over the whole window).
   */
  readonly countFrom: number;
  /** No send before this (Retry-After). */
  readonly pausedUntil: number;
  readonly circuit: PacerCircuit;
  /** Consecutive outage answers. */
  readonly failures: number;
  /** When the circuit last opened; answers to requests sent before it are stale. */
  readonly openedAt: number;
  /** Open circuit: when the probe may go. */
  readonly probeAt: number;
  /** The current wait between probes. */
  readonly probeDelay: number;
  /** Half-open: when the probe left (0: the probe slot is free). */
  readonly probeSentAt: number;
  /**
   * While `unlimited`: how many requests may be in flight at once (0: no cap). Starts at
   * `initialWindow` and grows by one per success (doubling per round trip, TCP's slow start
   * by window) until it passes `MAX_WINDOW`, then the cap is gone for good.
   */
  readonly window: number;
  /**
   * Successes over the last window or two when the key was first limited (since it was last
   * unlimited): at most the vendor's bucket, which a cold burst meets full (0: never limited).
   * What a pause refills, for reading where slow start was refused after it (rule 7).
   */
  readonly burst: number;
  /**
   * Successes since the key last had nothing in flight: the current flight's. At a first limit
   * that, not the window's count, is what the vendor's bucket held (a warm-up answered before
   * the flight was sent did not come out of it).
   */
  readonly flight: number;
  /** When the current flight's first success was answered: a burst's answers come together, a stream's spread out. */
  readonly flightFrom: number;
  /** The latest `now` seen; a clock that goes back is read as this. */
  readonly updatedAt: number;
}

/** What a success or a failure may say about the request it answers. */
export interface PacerSignal {
  /** When the request was sent (the permit's `sentAt`); older than the last decrease: stale. */
  readonly sentAt?: number;
  /** The vendor's wait hint in ms (Retry-After), if any. */
  readonly retryAfterMs?: number;
  /** Other requests of the key still in flight (sent, not yet answered). */
  readonly inFlight?: number;
}

export function inFlightOf(signal: PacerSignal): number {
  const n = signal.inFlight;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.min(Math.floor(n), 1_000_000) : 0;
}

export function finite(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

export function clamp(value: number, min: number, max: number): number {
  if (!(value >= min)) return min; // also catches NaN
  return Math.min(value, max);
}

/** `now`, made finite and monotonic against the state's last time. */
export function timeOf(state: PacerState, now: number): number {
  return Math.max(finite(now, state.updatedAt), state.updatedAt);
}

/** A fresh key: unlimited, circuit closed. */
export function initialPacerState(now: number, params: PacerParams = DEFAULT_PACER_PARAMS): PacerState {
  const t = finite(now, 0);
  return {
    phase: 'unlimited',
    rate: params.maxRate,
    tokens: 1,
    refilledAt: t,
    wMax: 0,
    decreasedAt: 0,
    epoch: 0,
    outstanding: 0,
    quietFrom: 0,
    grownAt: t,
    ceiling: 0,
    windowStart: t,
    windowCount: 0,
    previousCount: 0,
    countFrom: 0,
    pausedUntil: 0,
    circuit: 'closed',
    failures: 0,
    openedAt: 0,
    probeAt: 0,
    probeDelay: params.probeDelayMs,
    probeSentAt: 0,
    window: params.initialWindow,
    burst: 0,
    flight: 0,
    flightFrom: t,
    updatedAt: t,
  };
}

// Internally each exported function copies the state once and edits the copy: the functions
// stay pure (the state passed in is never changed) and a report costs one small allocation.
// (A chain of `{ ...state, x }` spreads cost ~1 µs per report; this ~0.1 µs.)
export type Draft = { -readonly [K in keyof PacerState]: PacerState[K] };

export function draft(s: PacerState, t: number): Draft {
  return {
    phase: s.phase,
    rate: s.rate,
    tokens: s.tokens,
    refilledAt: s.refilledAt,
    wMax: s.wMax,
    decreasedAt: s.decreasedAt,
    epoch: s.epoch,
    outstanding: s.outstanding,
    quietFrom: s.quietFrom,
    grownAt: s.grownAt,
    ceiling: s.ceiling,
    windowStart: s.windowStart,
    windowCount: s.windowCount,
    previousCount: s.previousCount,
    countFrom: s.countFrom,
    pausedUntil: s.pausedUntil,
    circuit: s.circuit,
    failures: s.failures,
    openedAt: s.openedAt,
    probeAt: s.probeAt,
    probeDelay: s.probeDelay,
    probeSentAt: s.probeSentAt,
    window: s.window,
    burst: s.burst,
    // A state persisted by an older build has no flight count: its window's count stands in.
    flight: s.flight ?? s.windowCount + s.previousCount,
    flightFrom: s.flightFrom ?? s.windowStart,
    updatedAt: t,
  };
}
