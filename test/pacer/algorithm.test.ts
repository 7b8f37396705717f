import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cubicRate,
  DEFAULT_PACER_PARAMS,
  initialPacerState,
  isUnrestricted,
  keyState,
  measuredRate,
  nextSendTime,
  onCancel,
  onFailure,
  onPause,
  onSend,
  onSuccess,
  onThrottle,
  type PacerParams,
  type PacerState,
} from '../../src/advanced.js';
import { PROBE_DELAY_GROWTH } from '../../src/pacer/params.js';
import { limitFromOvershoot } from '../../src/pacer/rate.js';
import { firstLimitRate } from '../../src/pacer/window.js';

const P = DEFAULT_PACER_PARAMS;
const T0 = 1_700_000_000_000;

/** `n` successes, evenly spread over `ms`, starting at `from`; each request sent and answered at once. */
function successes(state: PacerState, from: number, n: number, ms: number, params: PacerParams = P): PacerState {
  let s = state;
  for (let i = 0; i < n; i++) {
    const t = from + (i * ms) / n;
    s = onSuccess(onSend(s, t, params), t, params, { sentAt: t });
  }
  return s;
}

/** A key that has been limited once and is pacing (steady phase) at about `rate`. */
function steadyAt(rate: number): PacerState {
  // 2 s of successes at `rate`, then a limit: slow start from the measured rate ...
  let s = successes(initialPacerState(T0), T0, rate * 2, 2000);
  s = onThrottle(s, T0 + 2000, P, { sentAt: T0 + 2000 });
  // ... then a fresh limit: a CUBIC decrease.
  return onThrottle(s, T0 + 3000, P, { sentAt: T0 + 3000 });
}

describe('pacer algorithm: decrease on a rate limit', () => {
  it('a fresh key is unlimited and passes sends through', () => {
    const s = initialPacerState(T0);
    expect(s.phase).toBe('unlimited');
    expect(isUnrestricted(s, T0)).toBe(true);
    expect(nextSendTime(s, T0)).toBe(T0);
    expect(keyState(s, T0)).toBe('closed');
  });

  it('the first limit starts slow start from the measured success rate, not from infinity', () => {
    // 100 successes in the last 500 ms: 200/s measured.
    let s = successes(initialPacerState(T0), T0, 100, 500);
    expect(measuredRate(s, T0 + 500)).toBeCloseTo(200, 0);
    s = onThrottle(s, T0 + 500, P, { sentAt: T0 + 499 });
    expect(s.phase).toBe('slow-start');
    expect(s.rate).toBeCloseTo(200, 0);
    expect(keyState(s, T0 + 500)).toBe('pacing');
  });

  it('a key younger than the window is measured over the time it has lived; with a Retry-After, a burst over a fifth of a window and a stream over the whole', () => {
    // A cold burst: 10 of 50 accepted within 5 ms (the benchmark's bucket of 10).
    const young = successes(initialPacerState(T0), T0, 10, 5);
    // Over a fifth of a window at least (10 in 100 ms = 100/s), not 10 in 500 ms (20/s).
    expect(measuredRate(young, T0 + 5)).toBeCloseTo(100, 6);
    expect(measuredRate(young, T0 + 250)).toBeCloseTo(40, 6);
    expect(measuredRate(young, T0 + 5, P, true)).toBeCloseTo(20, 6);
    // So the first limit slow-starts from 100/s, with a Retry-After too: a refusal straight
    // after a burst says the bucket held it (firstLimitRate: five times the span, 100 ms at least).
    expect(onThrottle(young, T0 + 5, P, { sentAt: T0 }).rate).toBeCloseTo(100, 6);
    expect(onThrottle(young, T0 + 5, P, { sentAt: T0, retryAfterMs: 1000 }).rate).toBeCloseTo(100, 6);
    expect(firstLimitRate(young, T0 + 5, P, true)).toBeCloseTo(100, 6);
    // A key that streamed 200 ms before its first limit counted its own over-limit sending:
    // with a pause that errs low, over the whole window (40 in 500 ms), not its span (200/s).
    const streamed = successes(initialPacerState(T0), T0, 40, 200);
    expect(firstLimitRate(streamed, T0 + 200, P, true)).toBeCloseTo(80, 6);
    expect(firstLimitRate(streamed, T0 + 200, P, false)).toBeCloseTo(200, 6);
    // In between, continuously: 60 ms lived → read over 300 ms.
    expect(firstLimitRate(successes(initialPacerState(T0), T0, 12, 60), T0 + 60, P, true)).toBeCloseTo(40, 6);
    // A key with a previous bucket keeps the sliding window.
    const older = successes(initialPacerState(T0), T0, 100, 1000);
    expect(measuredRate(older, T0 + 1000)).toBeCloseTo(measuredRate(older, T0 + 1000, P, true), 6);
    expect(firstLimitRate(older, T0 + 1000, P, true)).toBeCloseTo(measuredRate(older, T0 + 1000, P, true), 6);
  });

  it("the vendor's bucket is read from the limited flight's successes, not from a warm-up answered before it", () => {
    /** `n` answers to a flight sent at `at`, answered `ms` later; the last one leaves nothing in flight when `ends`. */
    const flight = (s: PacerState, at: number, n: number, ms: number, ends: boolean) => {
      for (let i = 0; i < n; i++)
        s = onSuccess(s, at + ms, P, { sentAt: at, inFlight: ends && i === n - 1 ? 0 : n - 1 - i + 40 });
      return s;
    };
    // The benchmark's warm-up: 10 calls answered (the key then has nothing in flight) ...
    let warm = flight(initialPacerState(T0), T0, 10, 5, true);
    expect(warm.flight).toBe(0);
    // ... then a burst of 50 meets a bucket of 10: 10 answered, then the first refusal.
    warm = flight(warm, T0 + 6, 10, 5, false);
    expect(warm.flight).toBe(10);
    const limited = onThrottle(warm, T0 + 11, P, { sentAt: T0 + 6, inFlight: 39, retryAfterMs: 1000 });
    expect(limited.burst).toBe(10);
    expect(limited.rate).toBeCloseTo(100, 6);
    // Counted by the window alone, the warm-up read as bucket and rate (20, and 200/s).
    expect(warm.windowCount + warm.previousCount).toBe(20);
    // Its span starts at the flight's first answer, not its first send: a client busy with 50
    // requests processed a refusal sent 40 ms earlier, and its flight's answers within 15 ms
    // (bench, axios): read from the send, the start was 43/s.
    let slow = flight(initialPacerState(T0), T0, 10, 5, true);
    for (let i = 0; i < 10; i++) slow = onSuccess(slow, T0 + 46 + i, P, { sentAt: T0 + 6, inFlight: 40 - i });
    expect(firstLimitRate(slow, T0 + 56, P, true)).toBeCloseTo(100, 6);
    // A sequential stream (nothing else in flight at each answer) keeps its window's count.
    let seq = initialPacerState(T0);
    for (let i = 0; i < 20; i++) seq = onSuccess(seq, T0 + 5 * (i + 1), P, { sentAt: T0 + 5 * i, inFlight: 0 });
    expect(seq.flight).toBe(0);
    expect(firstLimitRate(seq, T0 + 100, P, true)).toBeCloseTo(40, 6);
    // A state persisted by an older build (no flight count) reads its window's count instead.
    const { flight: _, ...old } = limited;
    expect(onSuccess(old as PacerState, T0 + 20, P, { sentAt: T0 + 19, inFlight: 3 }).flight).toBe(
      old.windowCount + old.previousCount + 1,
    );
  });

  it('a fresh limit in slow start (or steady) is a CUBIC decrease: β · min(rate, measured)', () => {
    let s = successes(initialPacerState(T0), T0, 50, 500);
    s = onThrottle(s, T0 + 500, P, { sentAt: T0 + 500 });
    const before = s.rate;
    s = onThrottle(s, T0 + 700, P, { sentAt: T0 + 690 });
    expect(s.phase).toBe('steady');
    const measured = measuredRate(s, T0 + 700);
    expect(s.wMax).toBeCloseTo(Math.min(before, measured), 6);
    expect(s.rate).toBeCloseTo(0.7 * s.wMax, 6);
    expect(s.rate).toBeLessThan(before);
  });

  it('limits on requests sent before the decrease are stale: one decrease per round', () => {
    const s = steadyAt(100);
    const after = onThrottle(s, s.decreasedAt + 5, P, { sentAt: s.decreasedAt - 1 });
    expect(after.rate).toBe(s.rate);
    expect(after.decreasedAt).toBe(s.decreasedAt);
  });

  it('while requests in flight at the decrease are unanswered, a limit is stale and sends are held', () => {
    let s = steadyAt(100);
    const d = s.decreasedAt + 10_000;
    s = onThrottle(s, d, P, { sentAt: d, inFlight: 3 });
    expect(s.outstanding).toBe(3);
    // Sends wait for the old traffic (one window at most) ...
    expect(nextSendTime(s, d + 1)).toBe(d + P.windowMs);
    // ... and a limit on a request sent meanwhile is not news.
    const stale = onThrottle(s, d + 20, P, { sentAt: d + 5 });
    expect(stale.rate).toBe(s.rate);
    // The three old answers arrive: no more hold.
    for (let i = 0; i < 3; i++) s = onSuccess(s, d + 30 + i, P, { sentAt: d - 1 });
    expect(s.outstanding).toBe(0);
    expect(nextSendTime(s, d + 40)).toBeLessThan(d + P.windowMs);
  });

  it("requests sent in the decrease's own millisecond are old traffic: their answers end the hold", () => {
    let s = steadyAt(100);
    const d = s.decreasedAt + 10_000;
    // Two requests leave at d, then a limit arrives at d (a millisecond clock): both outstanding.
    s = onSend(onSend(s, d, P), d, P);
    s = onThrottle(s, d, P, { sentAt: d - 5, inFlight: 2 });
    expect(s.outstanding).toBe(2);
    expect(nextSendTime(s, d + 6)).toBe(d + P.windowMs);
    // Their answers come back 6 ms later: the old traffic has drained, no hold for the window.
    s = onSuccess(s, d + 6, P, { sentAt: d });
    s = onThrottle(s, d + 6, P, { sentAt: d });
    expect(s.outstanding).toBe(0);
    expect(nextSendTime(s, d + 6)).toBeLessThan(d + 100);
  });

  it('the bucket spaces sends at the rate, with at most one token after a decrease', () => {
    const s0 = steadyAt(100);
    let s = s0;
    const t = s.decreasedAt;
    const times: number[] = [];
    let now = t;
    for (let i = 0; i < 5; i++) {
      now = nextSendTime(s, now);
      times.push(now);
      s = onSend(s, now);
    }
    const gaps = times.slice(1).map((x, i) => x - times[i]!);
    for (const g of gaps) expect(g).toBeCloseTo(1000 / s0.rate, 3);
  });
});

describe('pacer algorithm: recovery after successes', () => {
  it('steady: follows the CUBIC curve back to W_max in recoveryMs, then beyond it', () => {
    let s = steadyAt(100);
    const d = s.decreasedAt;
    const wMax = s.wMax;
    // Keep succeeding at ~W_max per second.
    s = successes(s, d + 1, Math.round(wMax * 2), 2000);
    expect(s.rate).toBeGreaterThan(0.95 * wMax);
    expect(s.rate).toBeLessThanOrEqual(wMax * 1.0001);
    expect(cubicRate(s, d + P.recoveryMs)).toBeCloseTo(wMax, 6);
    s = successes(s, d + 2001, Math.round(wMax * 2), 2000);
    expect(s.rate).toBeGreaterThan(wMax);
  });

  it('growth is capped at twice the measured rate: an idle key banks no allowance', () => {
    let s = steadyAt(100);
    // One success long after: CUBIC would allow a lot, the measured rate says 2/s.
    s = onSuccess(s, s.decreasedAt + 60_000, P, { sentAt: s.decreasedAt + 59_999 });
    expect(s.rate).toBeLessThan(100);
  });

  it('slow start doubles every doublingMs while successes arrive, and lifts the bucket at maxRate', () => {
    const params: PacerParams = { ...P, maxRate: 80 };
    let s = onThrottle(initialPacerState(T0, params), T0, params, { sentAt: T0 });
    expect(s.phase).toBe('slow-start');
    expect(s.rate).toBe(1);
    let t = T0;
    const rates = [s.rate];
    for (let i = 0; i < 6; i++) {
      t += params.doublingMs;
      s = onSuccess(s, t, params, { sentAt: t - 1 });
      rates.push(s.rate);
    }
    // 1 → 5: never below the measured rate (one success in the 200 ms this key has lived is 5/s,
    // rule 2), then a doubling per doublingMs: 10 → 20 → 40 → 80 (maxRate).
    for (let i = 1; i < rates.length; i++) expect(rates[i]!).toBeGreaterThanOrEqual(rates[i - 1]!);
    expect(rates[1]).toBeCloseTo(5, 6);
    for (let i = 2; i < 6; i++) expect(rates[i]).toBeCloseTo(2 * rates[i - 1]!, 6);
    s = successes(s, t + 1, 40, 1000, params);
    expect(s.phase).toBe('unlimited');
    expect(s.rate).toBe(80);
  });

  it('successes never lower the rate', () => {
    let s = steadyAt(100);
    const before = s.rate;
    s = onSuccess(s, s.decreasedAt + 1, P, { sentAt: s.decreasedAt });
    expect(s.rate).toBeGreaterThanOrEqual(before);
  });
});

describe('pacer algorithm: Retry-After and outages', () => {
  it('a Retry-After pauses the key and resumes with one token', () => {
    let s = steadyAt(50);
    const t = s.decreasedAt + 5000;
    s = onThrottle(s, t, P, { sentAt: t, retryAfterMs: 1000 });
    expect(keyState(s, t + 1)).toBe('paused');
    expect(nextSendTime(s, t + 1)).toBe(t + 1000);
    s = onSend(s, t + 1000);
    expect(nextSendTime(s, t + 1000)).toBeCloseTo(t + 1000 + 1000 / s.rate, 3);
  });

  it('Retry-After is capped at maxPauseMs', () => {
    const s = onThrottle(initialPacerState(T0), T0, P, { retryAfterMs: 10 ** 12 });
    expect(s.pausedUntil).toBe(T0 + P.maxPauseMs);
  });

  it('a 503 with Retry-After on an unlimited key resumes spread out, not all at once', () => {
    let s = successes(initialPacerState(T0), T0, 20, 1000);
    s = onFailure(s, T0 + 1000, P, { retryAfterMs: 2000 });
    expect(s.phase).toBe('slow-start');
    expect(nextSendTime(s, T0 + 1001)).toBe(T0 + 3000);
    s = onSend(s, T0 + 3000);
    expect(nextSendTime(s, T0 + 3000)).toBeGreaterThan(T0 + 3000);
  });

  it('consecutive outage answers open the circuit; one probe; failure lengthens the delay; success slow-starts', () => {
    // A paced key (limited before): after the outage it slow-starts towards its old rate.
    let s = steadyAt(100);
    s = successes(s, s.decreasedAt + 5000, 100, 1000);
    let t = s.decreasedAt + 6000;
    for (let i = 0; i < P.failureThreshold - 1; i++) s = onFailure(s, t, P, { sentAt: t - 1 });
    expect(s.circuit).toBe('closed');
    s = onFailure(s, t, P, { sentAt: t - 1 });
    expect(s.circuit).toBe('open');
    expect(keyState(s, t)).toBe('open');
    expect(nextSendTime(s, t)).toBe(t + P.probeDelayMs);
    t += P.probeDelayMs;
    s = onSend(s, t);
    expect(s.circuit).toBe('half-open');
    expect(keyState(s, t)).toBe('probing');
    // While the probe is out, nothing else goes (until its lease runs out).
    expect(nextSendTime(s, t + 1)).toBe(t + P.probeLeaseMs);
    s = onFailure(s, t + 10, P, { sentAt: t });
    expect(s.circuit).toBe('open');
    expect(s.probeAt).toBe(t + 10 + PROBE_DELAY_GROWTH * P.probeDelayMs);
    t = s.probeAt;
    s = onSend(s, t);
    s = onSuccess(s, t + 10, P, { sentAt: t });
    expect(s.circuit).toBe('closed');
    expect(s.phase).toBe('slow-start');
    // Slow start towards the rate measured before the outage (~100/s), from 1/16 of it, or from
    // the probe's own success if that reads higher (one success in a fresh bucket: ≤ 10/s).
    expect(s.ceiling).toBeGreaterThan(50);
    expect(s.rate).toBeCloseTo(Math.max(s.ceiling / 16, measuredRate(s, t + 10, P)), 6);
    expect(s.rate).toBeLessThanOrEqual(Math.max(s.ceiling / 16, 10));
  });

  it('a key that knew no limit restarts after an outage with the initial window (slow start without one)', () => {
    for (const initialWindow of [10, 0]) {
      const params = { ...P, initialWindow };
      let s = successes(initialPacerState(T0, params), T0, 100, 1000, params);
      let t = T0 + 1000;
      for (let i = 0; i < params.failureThreshold; i++) s = onFailure(s, t, params, { sentAt: t - 1 });
      t = s.probeAt;
      s = onSuccess(onSend(s, t, params), t + 5, params, { sentAt: t });
      expect(s.circuit).toBe('closed');
      if (initialWindow > 0) {
        expect(s.phase).toBe('unlimited');
        // The probe's success counts: one more than the initial window.
        expect(s.window).toBe(initialWindow + 1);
        expect(isUnrestricted(s, t + 5, initialWindow)).toBe(true);
        expect(isUnrestricted(s, t + 5, initialWindow + 1)).toBe(false);
      } else {
        expect(s.phase).toBe('slow-start');
      }
    }
  });

  it('a pause ending slow start counts as recovery time: the curve resumes 1 s up, not at β · W_max', () => {
    let s = successes(initialPacerState(T0), T0, 50, 500);
    s = onThrottle(s, T0 + 500, P, { sentAt: T0 + 500 });
    expect(s.phase).toBe('slow-start');
    const t = T0 + 700;
    s = onThrottle(s, t, P, { sentAt: t - 1, retryAfterMs: 1000 });
    expect(s.phase).toBe('steady');
    expect(s.epoch).toBe(s.decreasedAt);
    // At the resume the curve is one of its recoveryMs (2 s) up: W_max · (1 − 0.3 · 0.5³).
    expect(cubicRate(s, t + 1000)).toBeCloseTo(s.wMax * (1 - 0.3 * 0.125), 6);
    // The same decrease without a pause in steady state keeps the curve still during later pauses.
    let q = steadyAt(100);
    const epoch = q.epoch;
    q = onPause(q, q.decreasedAt + 10, P, { retryAfterMs: 1000 });
    expect(q.epoch).toBe(epoch + 1000);
  });

  it('a paused decrease below the last W_max lowers the plateau (fast convergence); an unpaused one does not', () => {
    // Steady at ~70/s under W_max ~100, the vendor accepting 50/s for the last second.
    const base = successes(steadyAt(100), steadyAt(100).decreasedAt + 4000, 50, 1000);
    const t = base.decreasedAt + 5000;
    const rate = base.rate;
    const paused = onThrottle(base, t, P, { sentAt: t, retryAfterMs: 1000 });
    const plain = onThrottle(base, t, P, { sentAt: t });
    const from = Math.min(rate, measuredRate(base, t));
    expect(from).toBeLessThan(base.wMax);
    expect(plain.wMax).toBeCloseTo(from, 6);
    expect(paused.wMax).toBeCloseTo((from * (1 + P.beta)) / 2, 6);
    expect(paused.rate).toBeCloseTo(plain.rate, 6);
  });

  it('a Retry-After pause is no time for slow start to grow in', () => {
    // The first limit (with a pause) starts slow start; old traffic answers during the pause.
    let s = successes(initialPacerState(T0), T0, 20, 1000);
    const t = T0 + 1000;
    s = onThrottle(s, t, P, { sentAt: t, retryAfterMs: 1000 });
    expect(s.phase).toBe('slow-start');
    s = onSuccess(s, t + 10, P, { sentAt: t - 5 });
    const atResume = s.rate;
    // The first success after the pause grows the rate by the time since the resume, not by a
    // whole doubling for the second spent paused.
    s = onSuccess(onSend(s, t + 1000, P), t + 1010, P, { sentAt: t + 1000 });
    expect(s.rate).toBeLessThan(atResume * 2 ** (20 / P.doublingMs));
    expect(s.rate).toBeGreaterThanOrEqual(atResume);
    // ... and it doubles per doublingMs as before once successes arrive.
    s = onSuccess(onSend(s, t + 1010 + P.doublingMs, P), t + 1010 + P.doublingMs, P, { sentAt: t + 1010 + P.doublingMs });
    expect(s.rate).toBeGreaterThan(atResume * 1.9);
  });

  it('a cancelled probe frees the probe slot', () => {
    let s = initialPacerState(T0);
    for (let i = 0; i < P.failureThreshold; i++) s = onFailure(s, T0, P);
    s = onSend(s, T0 + P.probeDelayMs);
    expect(nextSendTime(s, T0 + P.probeDelayMs + 1)).toBeGreaterThan(T0 + P.probeDelayMs + 1);
    s = onCancel(s, T0 + P.probeDelayMs + 5, P, { sentAt: T0 + P.probeDelayMs });
    expect(nextSendTime(s, T0 + P.probeDelayMs + 6)).toBe(T0 + P.probeDelayMs + 6);
  });

  it("a fresh key's first flight is not capped; from its first answer the window caps it, one more per success", () => {
    const s = initialPacerState(T0);
    // Before any answer nothing is known: a cold burst of 50 goes at once.
    expect(isUnrestricted(s, T0, 49)).toBe(true);
    expect(nextSendTime(s, T0, P, 49)).toBe(T0);
    // The first success: its flight's other answers (refusals, maybe) are on their way, so no
    // more than the window (10 + 1) is let out until they have come back.
    const grown = onSuccess(s, T0 + 5, P, { sentAt: T0 });
    expect(grown.window).toBe(11);
    expect(isUnrestricted(grown, T0 + 5, 10)).toBe(true);
    expect(isUnrestricted(grown, T0 + 5, 11)).toBe(false);
    expect(nextSendTime(grown, T0 + 5, P, 48)).toBeGreaterThan(T0 + 5);
    // With initialWindow 0 nothing is ever capped.
    const none = { ...P, initialWindow: 0 };
    expect(isUnrestricted(onSuccess(initialPacerState(T0, none), T0 + 5, none, { sentAt: T0 }), T0 + 5, 500, none)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

type Event =
  | { type: 'send'; dt: number }
  | { type: 'success' | 'throttle' | 'failure' | 'cancel'; dt: number; age: number; hint?: number; inFlight: number };

const time = fc.oneof(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 5000 }), fc.constant(0));
const eventArb: fc.Arbitrary<Event> = fc.oneof(
  fc.record({ type: fc.constant('send' as const), dt: time }),
  fc.record(
    {
      type: fc.constantFrom('success' as const, 'throttle' as const, 'failure' as const, 'cancel' as const),
      dt: time,
      age: fc.integer({ min: 0, max: 3000 }),
      hint: fc.oneof(fc.constant(undefined), fc.integer({ min: 0, max: 120_000 }), fc.constant(Number.NaN), fc.constant(-5)),
      inFlight: fc.integer({ min: 0, max: 60 }),
    },
    { requiredKeys: ['type', 'dt', 'age', 'inFlight'] },
  ),
);
const paramsArb: fc.Arbitrary<PacerParams> = fc
  .record({
    minRate: fc.double({ min: 0.01, max: 10, noNaN: true }),
    span: fc.double({ min: 1, max: 10_000, noNaN: true }),
    beta: fc.double({ min: 0.05, max: 0.95, noNaN: true }),
    windowMs: fc.integer({ min: 10, max: 5000 }),
  })
  .map(({ minRate, span, beta, windowMs }) => ({ ...P, minRate, maxRate: minRate * span, beta, windowMs }));

function apply(state: PacerState, e: Event, t: number, params: PacerParams): PacerState {
  switch (e.type) {
    case 'send':
      return onSend(state, t, params);
    case 'success':
      return onSuccess(state, t, params, { sentAt: t - e.age });
    case 'throttle':
      return onThrottle(state, t, params, { sentAt: t - e.age, retryAfterMs: e.hint, inFlight: e.inFlight });
    case 'failure':
      return onFailure(state, t, params, { sentAt: t - e.age, retryAfterMs: e.hint });
    case 'cancel':
      return onCancel(state, t, params, { sentAt: t - e.age });
  }
}

function allFinite(state: PacerState): boolean {
  return Object.values(state).every((v) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)));
}

describe('pacer algorithm: where slow start was refused after a pause', () => {
  /** A vendor's full bucket (`burst`, refilled at `limit`/s) against slow start from `r0`, doubling every `dMs`, in 0.1 ms steps: when and at what rate the first refusal comes. */
  function firstRefusal(limit: number, burst: number, r0: number, dMs: number): { ms: number; rate: number } {
    let tokens = burst;
    let sent = 0;
    for (let ms = 0; ms < 60_000; ms += 0.1) {
      const rate = r0 * 2 ** (ms / dMs);
      tokens = Math.min(burst, tokens + (limit * 0.1) / 1000);
      sent += (rate * 0.1) / 1000;
      while (sent >= 1) {
        sent -= 1;
        if (tokens < 1) return { ms, rate };
        tokens -= 1;
      }
    }
    throw new Error('never refused');
  }

  it("reads the vendor's rate back from a token bucket within 10 % (the benchmark: 100/s, bucket of 10, from 20/s)", () => {
    const { ms, rate } = firstRefusal(100, 10, 20, 200);
    // The count since the pause would say ~87/s; the refusal's place says ~100/s.
    expect(limitFromOvershoot(rate, ms, 10, 200)).toBeGreaterThan(90);
    expect(limitFromOvershoot(rate, ms, 10, 200)).toBeLessThan(110);
  });

  it("property: never above the vendor's rate (so never a pause for nothing), within 15 % from 50/s and a bucket of 5; 0 when nothing fits", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 5, max: 2000, noNaN: true }),
        fc.integer({ min: 2, max: 50 }),
        fc.double({ min: 0.05, max: 0.9, noNaN: true }),
        (limit, burst, startShare) => {
          const { ms, rate } = firstRefusal(limit, burst, limit * startShare, 200);
          const r = limitFromOvershoot(rate, ms, burst, 200);
          expect(r).toBeLessThanOrEqual(rate);
          // Whole requests against a continuous model: it reads low, more so when the bucket is a
          // few requests and a doubling period a few sends (5/s, bucket of 2: about half).
          expect(r).toBeLessThanOrEqual(limit * 1.02);
          expect(r).toBeGreaterThanOrEqual(limit * (limit >= 50 && burst >= 5 ? 0.85 : 0.45));
        },
      ),
      { numRuns: 100 },
    );
    expect(limitFromOvershoot(100, 1000, 0, 200)).toBe(0);
    expect(limitFromOvershoot(0, 1000, 10, 200)).toBe(0);
    // Refused before even the bucket could have been used up: no rate fits.
    expect(limitFromOvershoot(10, 100, 50, 200)).toBe(0);
  });
});

describe('pacer algorithm: properties', () => {
  it('rate stays within [minRate, maxRate], never NaN, every number finite, next send time finite', () => {
    fc.assert(
      fc.property(paramsArb, fc.array(eventArb, { maxLength: 80 }), (params, events) => {
        let t = T0;
        let s = initialPacerState(t, params);
        for (const e of events) {
          t += e.dt;
          s = apply(s, e, t, params);
          expect(s.rate).toBeGreaterThanOrEqual(params.minRate);
          expect(s.rate).toBeLessThanOrEqual(params.maxRate);
          expect(allFinite(s)).toBe(true);
          const next = nextSendTime(s, t, params);
          expect(Number.isFinite(next)).toBe(true);
          expect(next).toBeGreaterThanOrEqual(t);
          expect(Number.isFinite(measuredRate(s, t, params))).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a fresh rate limit lowers the rate (or keeps it at minRate)', () => {
    fc.assert(
      fc.property(
        paramsArb,
        fc.array(eventArb, { maxLength: 60 }),
        fc.integer({ min: 0, max: 10_000 }),
        (params, events, gap) => {
          let t = T0;
          let s = initialPacerState(t, params);
          for (const e of events) {
            t += e.dt;
            s = apply(s, e, t, params);
          }
          // Fresh news: long after the last decrease, nothing outstanding, sent just now.
          t += params.windowMs + 1000 / params.minRate + 1 + gap;
          const before = s;
          const after = onThrottle(s, t, params, { sentAt: t });
          if (before.phase === 'unlimited') {
            expect(after.rate).toBeLessThanOrEqual(before.rate);
          } else if (before.rate > params.minRate) {
            expect(after.rate).toBeLessThan(before.rate);
          } else {
            expect(after.rate).toBe(params.minRate);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('successes never lower the rate: non-decreasing over any run of successes (circuit closed)', () => {
    fc.assert(
      fc.property(
        paramsArb,
        fc.array(eventArb, { maxLength: 60 }),
        fc.array(fc.record({ dt: fc.integer({ min: 0, max: 2000 }), age: fc.integer({ min: 0, max: 2000 }) }), {
          minLength: 1,
          maxLength: 40,
        }),
        (params, events, wins) => {
          let t = T0;
          let s = initialPacerState(t, params);
          for (const e of events) {
            t += e.dt;
            s = apply(s, e, t, params);
          }
          for (const w of wins) {
            t += w.dt;
            const before = s;
            s = onSuccess(s, t, params, { sentAt: t - w.age });
            // The one exception by design: the answer that ends an outage restarts slow start.
            if (before.circuit === 'closed') expect(s.rate).toBeGreaterThanOrEqual(before.rate);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('non-finite or backwards clocks are read as the latest time seen', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double(), fc.constant(Number.NaN), fc.constant(Number.POSITIVE_INFINITY)), { maxLength: 30 }),
        (clocks) => {
          let s = initialPacerState(T0);
          for (const c of clocks) {
            s = onThrottle(onSuccess(onSend(s, c), c), c, P, { sentAt: c, retryAfterMs: 1000 });
            expect(allFinite(s)).toBe(true);
            expect(s.updatedAt).toBeGreaterThanOrEqual(T0);
          }
        },
      ),
    );
  });
});
