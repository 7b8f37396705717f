/**
 * The pacer's control loop, as pure functions on a plain, JSON-serialisable state object. No
 * clock, no timers, no queue: every function takes `now` (ms since the epoch) and returns a new
 * state. The queue and the timers live in `./pacer.ts`; where the numbers are kept is a
 * `PacerStore` (`./store.ts`), so the same state could later live in a store shared by many
 * processes.
 *
 * ## The algorithm
 *
 * A per-key send-rate limiter (a token bucket whose fill rate is `rate`) driven by what the
 * vendor answers: CUBIC on a token bucket, as in the AWS SDKs' "adaptive" retry mode, with the
 * changes that the failure modes in the issue call for, and a circuit breaker for outages.
 * Measured against a token-bucket vendor answering 403 4030001 (100/s, bucket of 10, 300 calls
 * 50 at a time through retry() + fetch, as in test/pacer/e2e.test.ts): 3.07–3.09 s against an
 * ideal 2.9 s, 1.07–1.08 requests per call (without a pacer: 5.2–5.8 s, 1.72–1.78).
 *
 * 1. **Unlimited until the first rate limit.** A key starts in phase `unlimited`: no bucket,
 *    sends pass straight through, so a vendor that never rate-limits costs a map lookup. Only a
 *    key never seen before caps its requests in flight at `initialWindow` (10) until answers
 *    come back, one more per success (so the cap doubles per round trip, as TCP's initial
 *    window, RFC 6928) and none past 1024: a cold burst of 50 calls at a vendor whose bucket
 *    holds 10 then costs ~10 refusals instead of ~40, and a vendor that never limits pays it
 *    once per key, for the first few round trips.
 *
 * 2. **Measured rate = successes per second**, over a sliding window of `windowMs` (500 ms, the
 *    bucket width AWS measures with; two counters, the previous one weighted by how much of it
 *    is still inside the window). AWS measures the *send* rate, which during a throttle storm is
 *    higher than what the vendor accepts; what the vendor accepts while it limits *is* its
 *    limit. A shorter window lags slow start less (the exit below is then nearer the limit:
 *    1000 ms measured 1.15–1.35× the ideal time, 500 ms 1.05–1.1×); a longer one is smoother.
 *    After a pause, successes are counted from its end, over the time since (a window that the
 *    pause left empty would read as a low rate and make the next decrease far too deep).
 *
 * 3. **The first limit starts slow start** from the measured rate (at least 1/s): before it the
 *    client may simply not have asked for more, so the measured rate is a lower bound of the
 *    limit, not the limit. Slow start doubles the rate every `doublingMs` (250 ms: 10/s to
 *    100/s in under a second) as long as successes arrive (growth is applied per success, one
 *    doubling per success at most; a Retry-After pause is not growing time, so the first success
 *    after one does not double the rate at once: that made the second refusal of a vendor that
 *    pauses every refusal land at 1.5× its limit, and the decrease still above it, a third pause
 *    for nothing), and never lets it fall below the measured rate. The first
 *    fresh limit in slow start is a CUBIC decrease. (Faster doubling overshoots more before the
 *    vendor's bucket runs dry and lags the measured rate more: 150 ms was slower overall.)
 *
 * 4. **Decrease: rate = β · min(rate, measured rate)**, W_max = min(rate, measured rate), with
 *    β = 0.7 (RFC 8312, AWS): a 30 % cut drains a vendor's bucket after an overshoot of up to
 *    43 % without halving throughput as Reno's 0.5 would. Starting from the measured rate, not
 *    the send rate, is what makes the first decrease land below the limit.
 *
 * 5. **One decrease per round, and hold while old traffic drains.** A limit is news only if its
 *    request was sent after the requests in flight at the last decrease have all been answered
 *    (TCP NewReno's recovery), plus one interval at the new rate (the vendor's bucket was empty
 *    when that old traffic stopped). Until then no new send goes either (one window at most):
 *    the old traffic is already using, or being refused, whatever the vendor has. Fifty calls
 *    in flight that all come back 403 4030001 are one piece of news; AWS's limiter multiplies
 *    by β for each and ends at its floor.
 *
 * 6. **Increase: scale-free CUBIC.** After a decrease the rate follows RFC 8312's
 *    `W(t) = W_max + C·(t − K)³`, concave up to W_max, flat near it, convex beyond it. AWS
 *    fixes C = 0.4 (requests/s per s³), so the time K to climb back grows with the cube root of
 *    the rate: 2 s at 10/s, 9 s at 1000/s. Vendor limits here span 1 to thousands per second,
 *    so we fix K = `recoveryMs` (2 s: a few of the one-second windows vendors count in; 1 s
 *    doubled the number of decreases for ~2 % of time) and derive C = W_max·(1 − β)/K³, the
 *    same curve shape at every scale. As in AWS, growth never exceeds twice the measured rate,
 *    so a client that does not use its allowance does not bank an unbounded one; and a success
 *    never lowers the rate. Reaching `maxRate` (10 000/s) switches the bucket off again. The
 *    curve stands still during a Retry-After pause (its origin moves by the pause).
 *
 * 7. **Retry-After pauses the key** until `now + min(retryAfterMs, maxPauseMs)` (60 s). The
 *    bucket holds exactly one token at the resume time, so the queue is released at the learned
 *    rate (one at resume, the next 1/rate later, ...), not all at once; with no learned rate
 *    yet, slow start from the measured rate. Against a vendor that adds `Retry-After: 1` to every
 *    refusal (same test): 5.9 s, 1.07 requests per call, every call succeeds (without a pacer:
 *    10.4 s, 2.5 requests per call, a quarter of the calls fail with retries exhausted). Two
 *    pauses is the fewest a cold client can get away with there: the cold burst's refusal says
 *    only that the vendor's bucket is empty, and a token bucket refuses nothing below its rate,
 *    so the rate is found only by exceeding it, which costs the second pause
 *    (`test/pacer/simulated.test.ts`; the floors are in `bench/lib/scenarios.ts`). Resuming
 *    after a pause at 0.9–0.95 × the measured rate instead of β × it was 2–3 % faster at 100/s
 *    but slower, with more pauses, at 50/s or with a bucket of 30: not kept.
 *
 * 8. **Outages: a circuit breaker.** `failureThreshold` (5) consecutive outage answers
 *    (`unavailable`, `network` by default; the caller classifies) open the circuit: nothing is
 *    sent until `probeAt` (`probeDelayMs`, 250 ms, ×1.5 after each failed probe up to
 *    `maxProbeDelayMs`, 10 s; a Retry-After on the 503 is honoured). Probes at 0.25, 0.63, 1.19,
 *    2.03, 3.30, 5.2 s...: an outage of D seconds is noticed to be over within ~D/2 (doubling
 *    from 1 s, a 3 s outage took 7 s, 2.8× the ideal), for one request per probe: ~6 a minute
 *    during a long outage, where doubling to 30 s sent 2. Then exactly one request goes; while
 *    it is out nothing else does (a probe not reported within `probeLeaseMs`, 30 s, is presumed
 *    lost). Any answer that is not an outage closes the circuit. A key that was paced starts
 *    slow start at 1/16 of the rate measured before the outage (at least 1/s), towards that
 *    rate, where CUBIC takes over from its plateau. A key that knew no limit has no rate to go
 *    back to: it restarts as a fresh key, with `initialWindow` requests in flight, one more per
 *    success (TCP's restart window after idle, RFC 5681 §4.1; slow start from 1/s took 1.5–2 s
 *    to release 200 held calls). With `initialWindow` 0, slow start from 1/s.
 *
 *    **Which answers are outages.** `unavailable` covers two different things, told apart by
 *    the error's retry class. `idempotent` (the 503 family, the default for the kind): the
 *    vendor may be down, or may have acted; an outage. `safe`: the vendor refused before acting
 *    because it is under load (NetEase 400 4000199 "system busy"): back-pressure, like a rate
 *    limit, so it lowers the rate (`onThrottle`) and never opens the circuit. (Counted as an
 *    outage, five busy answers in a row opened the circuit and held every call for a probe:
 *    2.2–2.3× the ideal time against a token-bucket vendor that answers "busy" when its bucket
 *    is empty; as a throttle, like the 403 4030001 above.) The pacer (`./pacer.ts`) does this
 *    sorting; these functions take what it decided.
 *
 * ## Token bucket
 *
 * Capacity is `max(1, rate · burstMs / 1000)`: 20 ms worth of sends (one token below 50/s).
 * Small enough that a client never bursts more than a vendor's bucket is likely to hold, large
 * enough that a timer firing a few ms late loses no throughput at hundreds of sends per second.
 * A decrease leaves at most one token. Debt (a send without a token, by a caller that does not
 * ask first) is kept down to one second's worth.
 *
 * Everything is bounded: `rate` in `[minRate, maxRate]`, all times and counts finite, no NaN
 * whatever the input; a `now` that is not finite, or goes back, is read as the latest time seen.
 */

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
  /** The latest `now` seen; a clock that goes back is read as this. */
  readonly updatedAt: number;
}

/** The constants of the algorithm; see the module comment for the reasoning. */
export interface PacerParams {
  /** Lowest rate, sends per second. @default 0.5 (AWS's minimum fill rate) */
  readonly minRate: number;
  /** Highest rate; reaching it switches the bucket off again. @default 10_000 */
  readonly maxRate: number;
  /** Multiplicative decrease. @default 0.7 (RFC 8312, AWS) */
  readonly beta: number;
  /** CUBIC's K: ms to climb back to the throttled rate after a decrease. @default 2000 */
  readonly recoveryMs: number;
  /** Success-rate window, and the longest wait for old traffic after a decrease. @default 500 */
  readonly windowMs: number;
  /** Slow start doubles the rate this often while successes arrive. @default 250 */
  readonly doublingMs: number;
  /** Bucket capacity in ms of sends (at least one token). @default 20 */
  readonly burstMs: number;
  /** Consecutive outage answers that open the circuit. @default 5 */
  readonly failureThreshold: number;
  /** Wait before the first probe; ×1.5 after each failed probe. @default 250 */
  readonly probeDelayMs: number;
  /** Longest wait between probes. @default 10_000 */
  readonly maxProbeDelayMs: number;
  /** A probe that has not reported after this long is presumed lost. @default 30_000 */
  readonly probeLeaseMs: number;
  /** Longest pause a Retry-After may impose on a key. @default 60_000 */
  readonly maxPauseMs: number;
  /** Requests a fresh key may have in flight before its first answers (0: no cap). @default 10 */
  readonly initialWindow: number;
}

/** The defaults of {@link PacerParams}. */
export const DEFAULT_PACER_PARAMS: PacerParams = Object.freeze({
  minRate: 0.5,
  maxRate: 10_000,
  beta: 0.7,
  recoveryMs: 2000,
  windowMs: 500,
  doublingMs: 250,
  burstMs: 20,
  failureThreshold: 5,
  probeDelayMs: 250,
  maxProbeDelayMs: 10_000,
  probeLeaseMs: 30_000,
  maxPauseMs: 60_000,
  initialWindow: 10,
});

/** Each failed probe makes the wait before the next one this much longer (up to `maxProbeDelayMs`). */
export const PROBE_DELAY_GROWTH = 1.5;

/** A window that has grown to this is lifted: the key has shown it takes this much concurrency. */
export const MAX_WINDOW = 1024;

/** After an outage, slow start begins at this fraction of the rate measured before it... */
const RECOVERY_START_FRACTION = 1 / 16;
/** ...and any slow start at least at this many sends per second (bounded by `minRate`/`maxRate`). */
const RECOVERY_START_RATE = 1;

/** What a success or a failure may say about the request it answers. */
export interface PacerSignal {
  /** When the request was sent (the permit's `sentAt`); older than the last decrease: stale. */
  readonly sentAt?: number;
  /** The vendor's wait hint in ms (Retry-After), if any. */
  readonly retryAfterMs?: number;
  /** Other requests of the key still in flight (sent, not yet answered). */
  readonly inFlight?: number;
}

function inFlightOf(signal: PacerSignal): number {
  const n = signal.inFlight;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.min(Math.floor(n), 1_000_000) : 0;
}

function finite(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function clamp(value: number, min: number, max: number): number {
  if (!(value >= min)) return min; // also catches NaN
  return Math.min(value, max);
}

/** `now`, made finite and monotonic against the state's last time. */
function timeOf(state: PacerState, now: number): number {
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
    updatedAt: t,
  };
}

// Internally each exported function copies the state once and edits the copy: the functions
// stay pure (the state passed in is never changed) and a report costs one small allocation.
// (A chain of `{ ...state, x }` spreads cost ~1 µs per report; this ~0.1 µs.)
type Draft = { -readonly [K in keyof PacerState]: PacerState[K] };

function draft(s: PacerState, t: number): Draft {
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
    updatedAt: t,
  };
}

/** Bucket capacity at `rate`. */
export function bucketCapacity(rate: number, params: PacerParams = DEFAULT_PACER_PARAMS): number {
  return Math.max(1, (rate * params.burstMs) / 1000);
}

/** Tokens at time `t` (no refill before `refilledAt`). */
function tokensAt(state: PacerState, t: number, params: PacerParams): number {
  const elapsed = t - state.refilledAt;
  if (elapsed <= 0) return state.tokens;
  return Math.min(bucketCapacity(state.rate, params), state.tokens + (elapsed * state.rate) / 1000);
}

/** Brings the bucket up to date at `t` (or at its future refill time). */
function refill(d: Draft, t: number, params: PacerParams): void {
  const from = Math.max(t, d.refilledAt);
  d.tokens = tokensAt(d, from, params);
  d.refilledAt = from;
}

/** The success counter of a {@link PacerState}, on its own: what a success on an idle key changes. */
export interface SuccessCounter {
  windowStart: number;
  windowCount: number;
  previousCount: number;
  updatedAt: number;
}

/** Moves the success counter to `t`'s bucket. */
function roll(d: SuccessCounter, t: number, params: PacerParams): void {
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
 * Successes per second over the last `windowMs`: the current bucket plus the part of the
 * previous one still inside the window (a sliding-window counter); just after a pause, over the
 * time since it ended. Never NaN, never negative.
 */
export function measuredRate(state: PacerState, now: number, params: PacerParams = DEFAULT_PACER_PARAMS): number {
  const t = timeOf(state, now);
  const w = params.windowMs;
  if (state.countFrom > 0 && t - state.countFrom < w) {
    // Successes since the pause ended, over the time since (a fifth of a window at least, so
    // that two quick successes do not read as a thousand per second).
    if (t < state.countFrom) return 0;
    return (state.windowCount * 1000) / Math.max(t - state.countFrom, w / 5);
  }
  const elapsed = t - state.windowStart;
  let count: number;
  if (elapsed < w) count = state.previousCount * (1 - clamp(elapsed / w, 0, 1)) + state.windowCount;
  else if (elapsed < 2 * w) count = state.windowCount * (1 - (elapsed - w) / w);
  else count = 0;
  return clamp((count * 1000) / w, 0, Number.MAX_VALUE);
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
    return state.window > 0 && inFlight >= state.window ? Math.max(at, t + params.windowMs) : at;
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

/** A decrease of the rate from `base` (CUBIC's W_max): to β·base, at most one token left. */
function decrease(d: Draft, t: number, base: number, outstanding: number, params: PacerParams): void {
  const wasUnlimited = d.phase === 'unlimited';
  refill(d, t, params);
  d.tokens = wasUnlimited ? 1 : Math.min(d.tokens, 1);
  d.wMax = clamp(base, params.minRate, params.maxRate);
  d.rate = clamp(params.beta * d.wMax, params.minRate, params.maxRate);
  d.phase = 'steady';
  d.decreasedAt = t;
  d.epoch = t;
  d.outstanding = outstanding;
  d.quietFrom = t;
  d.ceiling = 0;
}

/** Slow start from `rate` (bounded), towards `ceiling` (0: until a throttle), one token in the bucket. */
function slowStart(d: Draft, t: number, rate: number, ceiling: number, outstanding: number, params: PacerParams): void {
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

/** A pause until `t + retryAfterMs` (bounded), resuming with exactly one token. */
function pause(d: Draft, t: number, retryAfterMs: number | undefined, params: PacerParams): void {
  if (typeof retryAfterMs !== 'number' || !Number.isFinite(retryAfterMs) || retryAfterMs <= 0) return;
  const until = t + Math.min(retryAfterMs, params.maxPauseMs);
  if (until <= d.pausedUntil) return;
  if (d.phase === 'unlimited') {
    // No learned rate yet (a 503 with Retry-After): resume at the measured rate, not all at once.
    const measured = measuredRate(d, t, params);
    slowStart(d, t, Math.max(measured, RECOVERY_START_RATE), measured, 0, params);
  }
  // The curve waits out the pause: it resumes where it was.
  if (d.phase === 'steady') d.epoch += until - Math.max(t, d.pausedUntil);
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

/** CUBIC's target at `t` after the last decrease, scale-free: K = recoveryMs, C = W_max·(1 − β)/K³. */
export function cubicRate(state: PacerState, now: number, params: PacerParams = DEFAULT_PACER_PARAMS): number {
  const t = timeOf(state, now);
  const k = params.recoveryMs / 1000;
  const x = (t - state.epoch) / 1000 - k;
  const target = state.wMax * (1 + ((1 - params.beta) * x * x * x) / (k * k * k));
  return clamp(target, params.minRate, params.maxRate);
}

/**
 * The vendor answered: the circuit closes. After an outage, a key that knew no limit starts
 * again as a fresh key does (the initial window, doubling per round trip); one that was paced
 * slow-starts towards its old rate.
 */
function closeCircuit(d: Draft, t: number, params: PacerParams): void {
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
 * A throttle is stale news when its request left before the old traffic had drained (before
 * `quietFrom`, plus one interval at the new rate), or while requests that were in flight at the
 * decrease are still unanswered (for one window at most). Old traffic still reaching the vendor
 * eats its tokens, so a request sent at the new rate meanwhile may be limited by it rather than
 * by the new rate.
 */
function isStale(state: PacerState, t: number, sentAt: number | undefined, params: PacerParams): boolean {
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
function heard(d: Draft, t: number, sentAt: number | undefined, params: PacerParams): void {
  if (d.decreasedAt === 0 || typeof sentAt !== 'number' || !Number.isFinite(sentAt) || sentAt > d.decreasedAt) return;
  d.quietFrom = Math.max(d.quietFrom, Math.min(t, d.decreasedAt + params.windowMs));
  d.outstanding = Math.max(0, d.outstanding - 1);
}

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
  roll(d, t, params);
  // An answer during a pause is old traffic: it says the vendor is up, not what it accepts after.
  if (t >= d.countFrom) d.windowCount += 1;
  heard(d, t, signal.sentAt, params);
  if (d.pausedUntil !== 0 && d.pausedUntil <= t) d.pausedUntil = 0;
  closeCircuit(d, t, params);
  if (d.phase === 'unlimited') {
    if (d.window !== 0) d.window = d.window + 1 >= MAX_WINDOW ? 0 : d.window + 1;
    return d;
  }

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
    return d;
  }
  if (rate !== d.rate) {
    // Bring the bucket up to date first, so that a new rate is not retroactive.
    refill(d, t, params);
    d.rate = rate;
  }
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

  if (isStale(d, t, signal.sentAt, params)) {
    heard(d, t, signal.sentAt, params);
  } else {
    const measured = measuredRate(d, t, params);
    if (d.phase === 'unlimited') {
      // The first limit: no rate was ever set, and what was measured is a lower bound of the
      // limit (the client may not have been asking for more). Start there and find the limit
      // with slow start; the first fresh throttle after that is a CUBIC decrease.
      slowStart(d, t, Math.max(measured, RECOVERY_START_RATE), 0, inFlightOf(signal), params);
    } else {
      decrease(d, t, Math.min(d.rate, measured > 0 ? measured : d.rate), inFlightOf(signal), params);
    }
  }
  pause(d, t, signal.retryAfterMs, params);
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
  d.failures = Math.min(d.failures + 1, 1_000_000);
  const stale = typeof signal.sentAt === 'number' && Number.isFinite(signal.sentAt) && signal.sentAt < d.openedAt;
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
  if (d.circuit === 'half-open' && d.probeSentAt !== 0) {
    const sentAt = signal.sentAt;
    const wasProbe = typeof sentAt !== 'number' || !Number.isFinite(sentAt) || sentAt >= d.probeSentAt;
    if (wasProbe) d.probeSentAt = 0;
  }
  return d;
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
): void {
  const t = Math.max(finite(now, counter.updatedAt), counter.updatedAt);
  roll(counter, t, params);
  if (t >= state.countFrom) counter.windowCount += 1;
  counter.updatedAt = t;
}

/** `state` with `counter`'s success counts (a copy). */
export function withSuccessCounter(state: PacerState, counter: SuccessCounter): PacerState {
  return {
    ...state,
    windowStart: counter.windowStart,
    windowCount: counter.windowCount,
    previousCount: counter.previousCount,
    updatedAt: counter.updatedAt,
  };
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
export function isUnrestricted(state: PacerState, now: number, inFlight = 0): boolean {
  return (
    state.phase === 'unlimited' &&
    state.circuit === 'closed' &&
    state.pausedUntil <= now &&
    (state.window === 0 || inFlight < state.window)
  );
}
