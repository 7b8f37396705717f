import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRetryBudget } from '../../src/index.js';

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms), set: (ms: number) => void (t = ms) };
}

describe('createRetryBudget', () => {
  it('allows ratio · requests retries once the floor is spent', () => {
    const c = clock();
    const budget = createRetryBudget({ ratio: 0.1, minPerSecond: 0, now: c.now });
    expect(budget.tryAcquire()).toBe(false);
    for (let i = 0; i < 9; i++) budget.recordRequest();
    expect(budget.tryAcquire()).toBe(false); // 0.9 tokens
    budget.recordRequest(); // ten deposits of 0.1 make exactly one token
    expect(budget.tryAcquire()).toBe(true);
    expect(budget.tryAcquire()).toBe(false);
    expect(budget.snapshot()).toEqual({ requests: 10, retries: 1, balance: 0, available: 0 });
  });

  it('the floor lets a quiet client retry minPerSecond · window seconds times', () => {
    const c = clock();
    const budget = createRetryBudget({ ratio: 0.1, minPerSecond: 2, windowMs: 5_000, now: c.now });
    let granted = 0;
    while (budget.tryAcquire()) granted++;
    expect(granted).toBe(10);
    expect(budget.snapshot()).toMatchObject({ requests: 0, retries: 10, available: 0 });
  });

  it('deposits and withdrawals expire after windowMs', () => {
    const c = clock(0);
    const budget = createRetryBudget({ ratio: 1, minPerSecond: 0, windowMs: 10_000, now: c.now });
    for (let i = 0; i < 3; i++) budget.recordRequest();
    expect(budget.tryAcquire()).toBe(true);
    c.advance(5_000);
    expect(budget.snapshot()).toMatchObject({ requests: 3, retries: 1, balance: 2 });
    c.advance(5_000); // the first slice has left the window
    expect(budget.snapshot()).toEqual({ requests: 0, retries: 0, balance: 0, available: 0 });
    expect(budget.tryAcquire()).toBe(false);
  });

  it('expiry is per slice: recent deposits stay while old ones go', () => {
    const c = clock(0);
    const budget = createRetryBudget({ ratio: 1, minPerSecond: 0, windowMs: 10_000, now: c.now });
    budget.recordRequest();
    c.advance(6_000);
    budget.recordRequest();
    c.advance(4_500); // the first deposit is 10.5 s old, the second 4.5 s
    expect(budget.snapshot()).toMatchObject({ requests: 1, balance: 1 });
    c.advance(60_000); // a long gap clears everything
    expect(budget.snapshot()).toMatchObject({ requests: 0, retries: 0 });
  });

  it('a clock that goes back expires nothing', () => {
    const c = clock(50_000);
    const budget = createRetryBudget({ ratio: 1, minPerSecond: 0, now: c.now });
    budget.recordRequest();
    c.set(0);
    expect(budget.snapshot().requests).toBe(1);
    expect(budget.tryAcquire()).toBe(true);
  });

  it('defaults: ratio 0.1, 10 per second over 10 s', () => {
    const budget = createRetryBudget();
    expect(budget.snapshot()).toEqual({ requests: 0, retries: 0, balance: 100, available: 100 });
    budget.recordRequest();
    expect(budget.snapshot().balance).toBeCloseTo(100.1, 10);
  });

  it('holds only numbers and is frozen', () => {
    const budget = createRetryBudget();
    expect(Object.isFrozen(budget)).toBe(true);
    expect(Object.keys(budget).sort()).toEqual(['recordRequest', 'snapshot', 'tryAcquire']);
  });

  it.each([
    ['ratio', -0.1, /retry budget option `ratio` must be a finite number from 0 to 1000, got -0.1/],
    ['ratio', Number.NaN, /`ratio`.*NaN/],
    ['ratio', 1001, /`ratio` must be at most 1000/],
    ['minPerSecond', -1, /`minPerSecond` must be a finite non-negative number, got -1/],
    ['minPerSecond', Number.POSITIVE_INFINITY, /`minPerSecond`/],
    ['windowMs', 0, /`windowMs` must be a finite number of ms ≥ 1, got 0/],
    ['windowMs', '10s', /`windowMs`.*"10s"/],
    ['now', 123, /`now` must be a function, got 123/],
  ])('rejects %s = %s with a TypeError naming it', (name, value, message) => {
    expect(() => createRetryBudget({ [name]: value })).toThrow(TypeError);
    expect(() => createRetryBudget({ [name]: value })).toThrow(message);
  });

  it('property: never grants more than ratio · requests + minPerSecond · window seconds within a window', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 300 }).map((n) => n / 100), // ratio 0..3 in hundredths
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 1, max: 20_000 }),
        fc.array(fc.record({ op: fc.constantFrom('request', 'retry'), dt: fc.nat({ max: 50 }) }), { maxLength: 400 }),
        (ratio, minPerSecond, windowMs, ops) => {
          const c = clock(0);
          const budget = createRetryBudget({ ratio, minPerSecond, windowMs, now: c.now });
          let requests = 0;
          let granted = 0;
          for (const { op, dt } of ops) {
            // keep the whole run inside one window, so nothing expires
            if (c.now() + dt < windowMs * 0.9) c.advance(dt);
            if (op === 'request') {
              budget.recordRequest();
              requests++;
            } else if (budget.tryAcquire()) granted++;
            expect(granted).toBeLessThanOrEqual(ratio * requests + (minPerSecond * windowMs) / 1000 + 1e-9);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('property: over a long run, grants in any window never exceed that bound plus one slice of carry-over', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ op: fc.constantFrom('request', 'retry', 'retry'), dt: fc.nat({ max: 400 }) }), { maxLength: 600 }),
        (ops) => {
          const windowMs = 1_000;
          const c = clock(0);
          const budget = createRetryBudget({ ratio: 0.5, minPerSecond: 2, windowMs, now: c.now });
          const events: { t: number; op: 'request' | 'retry' }[] = [];
          for (const { op, dt } of ops) {
            c.advance(dt);
            if (op === 'request') {
              budget.recordRequest();
              events.push({ t: c.now(), op });
            } else if (budget.tryAcquire()) events.push({ t: c.now(), op });
          }
          // Entries live at most windowMs, so within any span of windowMs·0.9 (one slice less)
          // everything granted was backed by deposits still live at the time.
          for (const { t: from } of events) {
            const inSpan = events.filter((e) => e.t >= from && e.t < from + windowMs * 0.9);
            const reqs = events.filter((e) => e.op === 'request' && e.t > from - windowMs && e.t < from + windowMs * 0.9).length;
            const retries = inSpan.filter((e) => e.op === 'retry').length;
            expect(retries).toBeLessThanOrEqual(0.5 * reqs + 2);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
