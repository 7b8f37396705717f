import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMemoryPacerStore, type PacerState } from '../../src/advanced.js';
import { createPacer } from '../../src/index.js';
import { neteaseLimit } from './helpers.js';

const KEY = 'netease|open.c.163.com';

/** Flights: `size` requests out at once, answered `gaps` ms apart, then `pause` ms before the next. */
const flights = fc.array(
  fc.record({
    size: fc.integer({ min: 1, max: 12 }),
    gaps: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 12, maxLength: 12 }),
    pause: fc.integer({ min: 0, max: 700 }),
  }),
  { minLength: 1, maxLength: 25 },
);

/** A pacer on `store` driven by a clock of our own: every flight sent at once, answered in order. */
function drive(
  store: ReturnType<typeof createMemoryPacerStore>,
  plan: readonly { size: number; gaps: number[]; pause: number }[],
) {
  let t = 1_000_000;
  const pacer = createPacer({ store, now: () => t, initialWindow: 0 });
  for (const { size, gaps, pause } of plan) {
    const sentAt = t;
    for (let i = 0; i < size; i++) pacer.tryAcquire?.(KEY);
    for (let i = 0; i < size; i++) {
      t += gaps[i] ?? 0;
      pacer.report(KEY, undefined, { sentAt });
    }
    t += pause;
  }
  return { pacer, now: () => t, tick: (ms: number) => (t += ms) };
}

/** A store whose `get` hands out copies: the pacer can never count in place, every success goes the long way (onSuccess). */
function copyingStore() {
  const memory = createMemoryPacerStore();
  return { ...memory, get: (k: string) => (memory.get(k) ? { ...memory.get(k)! } : undefined) };
}

const counts = (s: PacerState | undefined) =>
  s && {
    windowStart: s.windowStart,
    windowCount: s.windowCount,
    previousCount: s.previousCount,
    flight: s.flight,
    flightFrom: s.flightFrom,
  };

describe('an idle key counts successes exactly as onSuccess would (idle.ts)', () => {
  it('window and flight counts match the long way, for any flights', () => {
    fc.assert(
      fc.property(flights, (plan) => {
        const fast = createMemoryPacerStore();
        const slow = copyingStore();
        const a = drive(fast, plan);
        const b = drive(slow, plan);
        a.pacer.close();
        b.pacer.close();
        expect(counts(fast.get(KEY))).toEqual(counts(slow.get(KEY)));
      }),
      { numRuns: 300 },
    );
  });

  it('a first limit after idle flights reads its own flight, not every success since the key went idle', () => {
    const fast = createMemoryPacerStore();
    const slow = copyingStore();
    // Three flights of 8 answered over 40 ms, 100 ms apart; then a fourth of 9 whose last answer is a limit.
    const plan = Array.from({ length: 3 }, () => ({ size: 8, gaps: Array(12).fill(5), pause: 100 }));
    const readings = [fast, slow].map((store) => {
      const { pacer, now, tick } = drive(store, plan);
      const sentAt = now();
      for (let i = 0; i < 9; i++) pacer.tryAcquire?.(KEY);
      for (let i = 0; i < 8; i++) {
        tick(5);
        pacer.report(KEY, undefined, { sentAt });
      }
      pacer.report(KEY, neteaseLimit(1), { sentAt });
      return { snap: pacer.snapshot()[KEY], burst: store.get(KEY)?.burst };
    });
    expect(readings[0]?.snap).toMatchObject({ phase: 'slow-start' });
    expect(readings[0]).toEqual(readings[1]);
    // What the vendor's bucket took in that flight: its 8 successes (before idle.ts passed the
    // flight on: 32, every success since the key went idle).
    expect(readings[0]?.burst).toBe(8);
  });
});
