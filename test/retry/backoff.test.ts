import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffCeiling, backoffDelay } from '../../src/advanced.js';

describe('backoffDelay (full jitter)', () => {
  it('random = 0 gives 0', () => {
    for (const attempt of [1, 2, 5, 50]) expect(backoffDelay(attempt, { baseMs: 300, capMs: 20_000, random: () => 0 })).toBe(0);
  });

  it('random = 0.999 gives just under the ceiling', () => {
    expect(backoffDelay(1, { baseMs: 300, capMs: 20_000, random: () => 0.999 })).toBe(299);
    expect(backoffDelay(3, { baseMs: 300, capMs: 20_000, random: () => 0.999 })).toBe(1198);
    // capped: 300 · 2^9 = 153 600 > 20 000
    expect(backoffDelay(10, { baseMs: 300, capMs: 20_000, random: () => 0.999 })).toBe(19_980);
  });

  it('doubles the ceiling per attempt until the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffCeiling(n, 300, 20_000))).toEqual([
      300, 600, 1200, 2400, 4800, 9600, 19_200, 20_000,
    ]);
    expect(backoffDelay(4, { baseMs: 300, capMs: 20_000, random: () => 0.5 })).toBe(1200);
  });

  it('survives huge attempts without overflow or NaN', () => {
    for (const attempt of [1024, 1025, 10_000, Number.MAX_SAFE_INTEGER]) {
      expect(backoffCeiling(attempt, 300, 20_000)).toBe(20_000);
      expect(backoffDelay(attempt, { baseMs: 300, capMs: 20_000, random: () => 0.5 })).toBe(10_000);
    }
    expect(backoffDelay(Number.MAX_SAFE_INTEGER, { baseMs: 0, capMs: 20_000, random: () => 0.5 })).toBe(0);
  });

  it('clamps a broken random source into the interval', () => {
    expect(backoffDelay(1, { baseMs: 300, capMs: 1000, random: () => Number.NaN })).toBe(0);
    expect(backoffDelay(1, { baseMs: 300, capMs: 1000, random: () => -5 })).toBe(0);
    expect(backoffDelay(1, { baseMs: 300, capMs: 1000, random: () => 7 })).toBe(300);
  });

  it('rejects bad arguments with a TypeError naming them', () => {
    expect(() => backoffDelay(0, { baseMs: 1, capMs: 1 })).toThrow(/`attempt`/);
    expect(() => backoffDelay(1.5, { baseMs: 1, capMs: 1 })).toThrow(TypeError);
    expect(() => backoffDelay(1, { baseMs: -1, capMs: 1 })).toThrow(/`baseMs`/);
    expect(() => backoffDelay(1, { baseMs: 1, capMs: Number.POSITIVE_INFINITY })).toThrow(/`capMs`/);
  });

  it('property: always within [0, min(cap, base·2^(n-1))]', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 2 ** 31 - 1, noNaN: true }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, baseMs, capMs, r) => {
          const delay = backoffDelay(attempt, { baseMs, capMs, random: () => r });
          const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt - 1, 1023));
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThanOrEqual(ceiling);
          expect(Number.isInteger(delay)).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
