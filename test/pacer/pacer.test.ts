import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createPacer,
  isVendorError,
  type Pacer,
  type PacerChange,
  RateLimitError,
  ServiceUnavailableError,
  type VendorError,
} from '../../src/index.js';
import { createMemoryPacerStore, initialPacerState, type PacerState, pacerKey } from '../../src/advanced.js';
import { neteaseBusy, neteaseDown, neteaseLimit, settle, T0 } from './helpers.js';

const KEY = 'netease|open.c.163.com';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(() => void vi.useRealTimers());

/** One request: wait for the pacer, "send", and report `outcome` at once. */
async function call(pacer: Pacer, outcome?: VendorError, key = KEY): Promise<number> {
  const permit = await pacer.acquire(key);
  pacer.report(key, outcome, { sentAt: permit.sentAt });
  return permit.sentAt;
}

/** `n` successful calls, one every `everyMs`. */
async function traffic(pacer: Pacer, n: number, everyMs: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    await call(pacer);
    await vi.advanceTimersByTimeAsync(everyMs);
  }
}

function snap(pacer: Pacer, key = KEY) {
  const s = pacer.snapshot()[key];
  if (!s) throw new Error(`no key ${key}`);
  return s;
}

describe('pacer: rate limits lower the rate, successes raise it', () => {
  it('a limit lowers the rate to the measured one, a fresh one decreases it by β; stale ones do not', async () => {
    const changes: PacerChange[] = [];
    const pacer = createPacer({ initialWindow: 0, onChange: (c) => changes.push(c) });
    await traffic(pacer, 100, 10); // 1 s at 100/s
    expect(snap(pacer)).toMatchObject({ state: 'closed', phase: 'unlimited', queue: 0, inFlight: 0 });
    expect(snap(pacer).measuredRate).toBeGreaterThan(90);

    // The first limit (a NetEase 403 4030001): slow start from the measured rate, not from infinity.
    const first = await call(pacer, neteaseLimit());
    const afterFirst = snap(pacer);
    expect(afterFirst).toMatchObject({ state: 'pacing', phase: 'slow-start' });
    expect(afterFirst.rate).toBeGreaterThan(90);
    expect(afterFirst.rate).toBeLessThanOrEqual(110);

    // A limit on a request sent before that decrease is the same news.
    pacer.report(KEY, neteaseLimit(), { sentAt: first - 1 });
    expect(snap(pacer).rate).toBe(afterFirst.rate);

    // A fresh one: a CUBIC decrease.
    await vi.advanceTimersByTimeAsync(100);
    await call(pacer, neteaseLimit());
    const afterSecond = snap(pacer);
    expect(afterSecond.phase).toBe('steady');
    expect(afterSecond.rate).toBeLessThanOrEqual(0.7 * afterFirst.rate + 1e-9);
    expect(changes.map((c) => [c.reason, c.previousState, c.snapshot.state])).toEqual([
      ['decrease', 'closed', 'pacing'],
      ['decrease', 'pacing', 'pacing'],
    ]);
  });

  it('recovers after successes: the rate climbs back along the CUBIC curve, measured rate follows', async () => {
    const pacer = createPacer({ initialWindow: 0 });
    await traffic(pacer, 100, 10);
    await call(pacer, neteaseLimit());
    await vi.advanceTimersByTimeAsync(100);
    await call(pacer, neteaseLimit());
    const low = snap(pacer).rate;

    // Ten callers in a closed loop for 4 s, all answered at once with success.
    let stop = false;
    const loops = Array.from({ length: 10 }, async () => {
      while (!stop) await call(pacer);
    });
    const seen: number[] = [];
    for (let i = 0; i < 8; i++) {
      await vi.advanceTimersByTimeAsync(500);
      seen.push(snap(pacer).rate);
    }
    stop = true;
    await vi.advanceTimersByTimeAsync(1000);
    await Promise.all(loops);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!).toBeGreaterThanOrEqual(seen[i - 1]!);
    expect(seen.at(-1)!).toBeGreaterThan(low * 1.3);
    expect(snap(pacer).inFlight).toBe(0);
  });
});

describe('pacer: Retry-After', () => {
  it('pauses the whole key, then releases the queue spread at the learned rate, not all at once', async () => {
    const changes: PacerChange[] = [];
    const pacer = createPacer({ initialWindow: 0, onChange: (c) => changes.push(c) });
    await traffic(pacer, 100, 10);
    await call(pacer, neteaseLimit());
    await vi.advanceTimersByTimeAsync(100);
    // A limit with Retry-After: 1 (it also decreases the rate).
    await call(pacer, neteaseLimit(1));
    const paused = snap(pacer);
    expect(paused.state).toBe('paused');
    expect(paused.pausedUntil).toBe(Date.now() + 1000);
    expect(changes.at(-1)?.reason).toBe('pause');

    const waits = Array.from({ length: 6 }, () => settle(pacer.acquire(KEY)));
    expect(snap(pacer).queue).toBe(6);
    await vi.advanceTimersByTimeAsync(999);
    expect(waits.filter((w) => w.done)).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(2000);
    expect(waits.every((w) => w.done && w.error === undefined)).toBe(true);

    const times = waits.map((w) => w.at!);
    expect(times[0]).toBe(paused.pausedUntil);
    const interval = 1000 / paused.rate;
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    // Spread at the learned rate (to the millisecond the timers can express), never together.
    for (const g of gaps) {
      expect(g).toBeGreaterThanOrEqual(Math.floor(interval) - 1);
      expect(g).toBeLessThanOrEqual(Math.ceil(interval) + 1);
    }
    expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(Math.floor(5 * interval) - 1);
    for (const w of waits) pacer.report(KEY, undefined, { sentAt: (w.value as { sentAt: number }).sentAt });
    expect(snap(pacer)).toMatchObject({ queue: 0, inFlight: 0 });
  });

  it('a Retry-After on a key that was never limited still resumes spread out', async () => {
    const pacer = createPacer();
    await traffic(pacer, 20, 25);
    await call(pacer, new ServiceUnavailableError({ vendor: 'netease', status: 503, retryAfterMs: 2000 }));
    const waits = Array.from({ length: 4 }, () => settle(pacer.acquire(KEY)));
    await vi.advanceTimersByTimeAsync(1999);
    expect(waits.some((w) => w.done)).toBe(false);
    await vi.advanceTimersByTimeAsync(5000);
    const times = waits.map((w) => w.at!);
    expect(new Set(times).size).toBe(4);
    expect(times[0]).toBe(T0 + 20 * 25 + 2000);
  });
});

describe('pacer: "busy" refusals are back-pressure, not outages', () => {
  it('NetEase 400 4000199 (unavailable, retry safe) lowers the rate and never opens the circuit', async () => {
    const busy = neteaseBusy();
    expect(busy).toMatchObject({ kind: 'unavailable', retry: 'safe', code: 4000199 });
    const pacer = createPacer();
    await traffic(pacer, 20, 25);
    for (let i = 0; i < 20; i++) pacer.report(KEY, busy, { sentAt: Date.now() });
    // A throttle: pacing at a learned rate, no failures counted, no probe.
    expect(snap(pacer)).toMatchObject({ state: 'pacing', phase: 'slow-start', failures: 0, probeAt: undefined });
    // Calls keep going out, spaced at that rate: nothing waits for a probe.
    const waits = Array.from({ length: 3 }, () => settle(pacer.acquire(KEY)));
    await vi.advanceTimersByTimeAsync(Math.ceil((3 * 1000) / snap(pacer).rate) + 1);
    expect(waits.every((w) => w.done && w.error === undefined)).toBe(true);
  });

  it('a 503 (unavailable, retry idempotent) is still an outage', async () => {
    const down = neteaseDown();
    expect(down).toMatchObject({ kind: 'unavailable', retry: 'idempotent' });
    const pacer = createPacer();
    await traffic(pacer, 20, 25);
    for (let i = 0; i < 5; i++) pacer.report(KEY, down, { sentAt: Date.now() });
    expect(snap(pacer)).toMatchObject({ state: 'open', failures: 5, probeAt: Date.now() + 250 });
  });

  it('"busy" counts as back-pressure even where `unavailable` is not an outage kind', async () => {
    const pacer = createPacer({ outageKinds: ['network'] });
    await traffic(pacer, 20, 25);
    pacer.report(KEY, neteaseBusy(), { sentAt: Date.now() });
    expect(snap(pacer)).toMatchObject({ state: 'pacing', failures: 0 });
  });
});

describe('pacer: outages', () => {
  it('probes sooner and backs off gently: 250 ms, then ×1.5 per failed probe, up to 10 s', async () => {
    const pacer = createPacer({ initialWindow: 0 });
    for (let i = 0; i < 5; i++) pacer.report(KEY, neteaseDown());
    const gaps: number[] = [];
    let last = Date.now();
    for (let i = 0; i < 12; i++) {
      const probe = settle(pacer.acquire(KEY));
      while (!probe.done) await vi.advanceTimersByTimeAsync(1);
      gaps.push(probe.at! - last);
      pacer.report(KEY, neteaseDown(), { sentAt: probe.at! });
      last = Date.now();
    }
    expect(gaps.slice(0, 5)).toEqual([250, 375, 563, 844, 1266]);
    expect(gaps.at(-1)).toBe(10_000);
    expect(gaps.every((g) => g <= 10_000)).toBe(true);
  });

  it('a key that knew no limit restarts after an outage with the initial window, not from 1/s', async () => {
    const pacer = createPacer();
    for (let i = 0; i < 5; i++) pacer.report(KEY, neteaseDown());
    const probe = settle(pacer.acquire(KEY));
    await vi.advanceTimersByTimeAsync(250);
    expect(probe.done).toBe(true);
    pacer.report(KEY, undefined, { sentAt: probe.at! });
    expect(snap(pacer)).toMatchObject({ state: 'closed', phase: 'unlimited', failures: 0 });
    // The initial window (10, one more for the probe's success) goes at once; the next call
    // waits for an answer, which releases it.
    const permits = await Promise.all(Array.from({ length: 11 }, () => pacer.acquire(KEY)));
    const next = settle(pacer.acquire(KEY));
    await vi.advanceTimersByTimeAsync(0);
    expect(next.done).toBe(false);
    pacer.report(KEY, undefined, { sentAt: permits[0]!.sentAt });
    await vi.advanceTimersByTimeAsync(0);
    expect(next.done).toBe(true);
  });

  it('holds calls, probes one at a time, then releases them at a rising rate', async () => {
    const pacer = createPacer({ initialWindow: 0 });
    for (let i = 0; i < 5; i++) pacer.report(KEY, neteaseDown());
    expect(snap(pacer)).toMatchObject({ state: 'open', failures: 5, probeAt: T0 + 250 });

    const waits = Array.from({ length: 6 }, () => settle(pacer.acquire(KEY)));
    const sentAt = (i: number) => (waits[i]!.value as { sentAt: number }).sentAt;
    const done = () => waits.filter((w) => w.done).length;
    await vi.advanceTimersByTimeAsync(249);
    expect(done()).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(done()).toBe(1);
    expect(snap(pacer)).toMatchObject({ state: 'probing', queue: 5, inFlight: 1 });

    // While the probe is out, nothing else goes.
    await vi.advanceTimersByTimeAsync(10_000);
    expect(done()).toBe(1);

    // The probe fails: open again, the next probe 1.5 times as late.
    pacer.report(KEY, neteaseDown(), { sentAt: sentAt(0) });
    expect(snap(pacer)).toMatchObject({ state: 'open', probeAt: Date.now() + 375 });
    await vi.advanceTimersByTimeAsync(374);
    expect(done()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(done()).toBe(2);

    // The vendor is back: the probe succeeds, and the rest are released at a rising rate, each
    // answered at once.
    const recoveredAt = Date.now();
    pacer.report(KEY, undefined, { sentAt: sentAt(1) });
    const answered = new Set<number>([0, 1]);
    for (let step = 0; step < 5000 && answered.size < waits.length; step++) {
      for (let i = 2; i < waits.length; i++) {
        if (waits[i]!.done && !answered.has(i)) {
          answered.add(i);
          pacer.report(KEY, undefined, { sentAt: sentAt(i) });
        }
      }
      await vi.advanceTimersByTimeAsync(1);
    }
    expect(waits.every((w) => w.done && w.error === undefined)).toBe(true);
    const times = waits.slice(2).map((w) => w.at!);
    expect(times[0]).toBeGreaterThanOrEqual(recoveredAt);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(gaps.every((g) => g > 0)).toBe(true);
    for (let i = 1; i < gaps.length; i++) expect(gaps[i]!).toBeLessThanOrEqual(gaps[i - 1]!);
    expect(snap(pacer)).toMatchObject({ state: 'pacing', phase: 'slow-start', failures: 0, queue: 0, inFlight: 0 });
  });

  it('a call whose deadline passes while held fails with a clear VendorError and is not sent', async () => {
    const pacer = createPacer({ initialWindow: 0 });
    const down = neteaseDown();
    for (let i = 0; i < 5; i++) pacer.report(KEY, down);

    // Foreseen: the first probe goes after the deadline. Rejected at once.
    const early = settle(pacer.acquire(KEY, { deadline: Date.now() + 200 }));
    await vi.advanceTimersByTimeAsync(0);
    expect(early.done).toBe(true);
    const e1 = early.error as VendorError;
    expect(isVendorError(e1)).toBe(true);
    expect(e1).toBeInstanceOf(ServiceUnavailableError);
    // The retry loop, not the pacer, writes the stop record (test/pacer/retry.test.ts).
    expect(e1.retryDecision).toBeUndefined();
    expect(e1.cause).toBe(down);
    expect(e1.message).toMatch(/deadline passed .* it was not sent/);

    // Held: a probe is out; this one waits, then its deadline passes.
    const probe = settle(pacer.acquire(KEY));
    await vi.advanceTimersByTimeAsync(1000);
    expect(probe.done).toBe(true);
    const held = settle(pacer.acquire(KEY, { deadline: Date.now() + 300 }));
    await vi.advanceTimersByTimeAsync(299);
    expect(held.done).toBe(false);
    expect(snap(pacer).queue).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(held.done).toBe(true);
    expect(isVendorError(held.error)).toBe(true);
    expect((held.error as VendorError).message).toMatch(/probe/);
    expect(snap(pacer)).toMatchObject({ queue: 0, inFlight: 1 });
  });

  it('without any error seen, the deadline error is a ServiceUnavailableError', async () => {
    const pacer = createPacer({ initialWindow: 1 });
    // The first flight goes uncapped; its first answer sets the window (1 + 1): two in flight fill it.
    const first = await pacer.acquire('acme');
    await pacer.acquire('acme');
    pacer.report('acme', undefined, { sentAt: first.sentAt });
    const third = await pacer.acquire('acme');
    const held = settle(pacer.acquire('acme', { deadline: Date.now() + 50 }));
    await vi.advanceTimersByTimeAsync(50);
    expect(held.error).toBeInstanceOf(ServiceUnavailableError);
    expect((held.error as VendorError).vendor).toBe('acme');
    pacer.report('acme', undefined, { sentAt: third.sentAt });
  });
});

describe('pacer: waiting', () => {
  it('an abort while queued rejects with the reason, leaves the queue, and leaks nothing', async () => {
    const pacer = createPacer();
    await call(pacer, neteaseLimit(5));
    const controllers = [new AbortController(), new AbortController(), new AbortController()];
    const removed = controllers.map((c) => vi.spyOn(c.signal, 'removeEventListener'));
    const waits = controllers.map((c) => settle(pacer.acquire(KEY, { signal: c.signal })));
    expect(snap(pacer).queue).toBe(3);
    expect(vi.getTimerCount()).toBe(1);

    const reason = new Error('user went away');
    controllers[1]!.abort(reason);
    await vi.advanceTimersByTimeAsync(0);
    expect(waits[1]).toMatchObject({ done: true, error: reason });
    expect(snap(pacer).queue).toBe(2);
    expect(removed[1]).toHaveBeenCalledWith('abort', expect.any(Function));

    controllers[0]!.abort();
    controllers[2]!.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect((waits[0]!.error as DOMException).name).toBe('AbortError');
    expect(snap(pacer).queue).toBe(0);
    // Nothing left waiting: the key's timer is gone too.
    expect(vi.getTimerCount()).toBe(0);
  });

  it('an already aborted signal rejects at once; a closed pacer rejects waiters and clears its timers', async () => {
    const pacer = createPacer();
    await expect(pacer.acquire(KEY, { signal: AbortSignal.abort('nope') })).rejects.toBe('nope');
    await call(pacer, neteaseLimit(5));
    const w = settle(pacer.acquire(KEY, { deadline: Date.now() + 60_000 }));
    expect(vi.getTimerCount()).toBe(2);
    pacer.close();
    await vi.advanceTimersByTimeAsync(0);
    expect((w.error as DOMException).name).toBe('AbortError');
    expect(vi.getTimerCount()).toBe(0);
    await expect(pacer.acquire(KEY)).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('tryAcquire: a permit at once when the turn is now, undefined when the call would wait', async () => {
    const pacer = createPacer({ initialWindow: 2 });
    // A fresh key's first flight: go at once, uncapped.
    expect(pacer.tryAcquire?.(KEY)).toEqual({ key: KEY, sentAt: T0, waitedMs: 0 });
    expect(pacer.tryAcquire?.(KEY)).toMatchObject({ sentAt: T0 });
    expect(pacer.tryAcquire?.(KEY)).toMatchObject({ sentAt: T0 });
    // Its first answer: from now on the window (2, one more per success) caps it.
    pacer.report(KEY, undefined, { sentAt: T0 });
    expect(pacer.tryAcquire?.(KEY)).toMatchObject({ sentAt: T0 });
    // The window is full: no permit, and nothing was queued or counted for the refusal.
    expect(pacer.tryAcquire?.(KEY)).toBeUndefined();
    expect(snap(pacer)).toMatchObject({ inFlight: 3, queue: 0 });
    pacer.report(KEY, undefined, { sentAt: T0 });
    pacer.report(KEY, undefined, { sentAt: T0 });
    pacer.report(KEY, undefined, { sentAt: T0 });
    // Paused by a Retry-After: no permit until the pause ends, then one (a token for the resume).
    pacer.report(KEY, neteaseLimit(1));
    expect(pacer.tryAcquire?.(KEY)).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1000);
    expect(pacer.tryAcquire?.(KEY)).toMatchObject({ sentAt: T0 + 1000 });
    // The token is spent: the next send is 1/rate away.
    expect(pacer.tryAcquire?.(KEY)).toBeUndefined();
    // A call queued in acquire goes first: tryAcquire never jumps the queue.
    const queued = settle(pacer.acquire(KEY));
    await vi.advanceTimersByTimeAsync(0);
    expect(queued.done).toBe(false);
    expect(pacer.tryAcquire?.(KEY)).toBeUndefined();
    pacer.close();
    expect(pacer.tryAcquire?.('other')).toBeUndefined();
  });

  it('an idle key counts its successes without writing a state per success, and they still count', async () => {
    const memory = createMemoryPacerStore();
    let writes = 0;
    const store = {
      ...memory,
      set(k: string, st: PacerState): void {
        writes++;
        memory.set(k, st);
      },
    };
    const pacer = createPacer({ store, initialWindow: 0 });
    // The first success makes the key idle (one write); then 100 successes over 400 ms, one
    // window (500 ms) bucket: no write at all.
    await call(pacer);
    expect(writes).toBe(1);
    for (let i = 0; i < 100; i++) {
      await call(pacer);
      await vi.advanceTimersByTimeAsync(4);
    }
    expect(writes).toBe(1);
    // The counts are there for whoever reads the key: 101 successes in the 400 ms it has lived
    // (over that time, not over a 500 ms window it has not lived through: rule 2).
    expect(snap(pacer).measuredRate).toBeCloseTo(252.5, 0);
    // Into the next window: the store is brought up to date, once.
    await vi.advanceTimersByTimeAsync(200);
    await call(pacer);
    expect(writes).toBe(2);
    expect(memory.get(KEY)?.previousCount).toBe(101);
    // A limit starts slow start from that measured rate, not from 1/s.
    pacer.report(KEY, neteaseLimit());
    expect(snap(pacer)).toMatchObject({ phase: 'slow-start' });
    expect(snap(pacer).rate).toBeGreaterThan(100);
  });

  it('an idle key with a store that hands out copies: every success is still counted', async () => {
    const memory = createMemoryPacerStore();
    const store = { ...memory, get: (k: string) => (memory.get(k) ? { ...memory.get(k)! } : undefined) };
    const pacer = createPacer({ store, initialWindow: 0 });
    for (let i = 0; i < 50; i++) await call(pacer);
    expect(memory.get(KEY)?.windowCount).toBe(50);
  });

  it("close() hands an idle key's counts to the store", async () => {
    const store = createMemoryPacerStore();
    const pacer = createPacer({ store, initialWindow: 0 });
    for (let i = 0; i < 30; i++) await call(pacer);
    expect(store.get(KEY)?.windowCount).toBe(1);
    pacer.close();
    expect(store.get(KEY)?.windowCount).toBe(30);
  });

  it('one pacer shared by two clients: a limit one of them hit holds the other', async () => {
    const pacer = createPacer();
    const axiosLike = pacerKey('netease', 'https://open.c.163.com/api/v1/containers');
    const fetchLike = pacerKey('netease', 'https://open.c.163.com/api/v1/repositories?limit=5');
    expect(axiosLike).toBe(fetchLike);

    // Client A is limited, with Retry-After: 1.
    await call(pacer, neteaseLimit(1), axiosLike);
    // Client B never saw a limit, but waits for the same pause ...
    const b = settle(pacer.acquire(fetchLike));
    const a = settle(pacer.acquire(axiosLike));
    await vi.advanceTimersByTimeAsync(999);
    expect(b.done || a.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(b.done).toBe(true);
    // ... and they resume one after the other, not together.
    await vi.advanceTimersByTimeAsync(1000);
    expect(a.done).toBe(true);
    expect(a.at!).toBeGreaterThan(b.at!);
    // Another vendor on the same pacer is not held.
    await expect(pacer.acquire(pacerKey('upyun', 'https://v0.api.upyun.com/bucket'))).resolves.toMatchObject({ waitedMs: 0 });
  });

  it("a cold burst goes at once; from its first answer the window holds more sends until the burst's answers are in", async () => {
    const pacer = createPacer();
    const burst = Array.from({ length: 25 }, () => settle(pacer.acquire(KEY)));
    await vi.advanceTimersByTimeAsync(0);
    expect(burst.every((w) => w.done)).toBe(true);
    expect(snap(pacer)).toMatchObject({ inFlight: 25, queue: 0, state: 'closed' });
    // The first answer is a success; the burst's other answers may be refusals on their way,
    // so new sends wait: the window (10, one more per success) is below the 24 in flight.
    pacer.report(KEY, undefined, { sentAt: T0 });
    const more = Array.from({ length: 5 }, () => settle(pacer.acquire(KEY)));
    await vi.advanceTimersByTimeAsync(0);
    expect(more.some((w) => w.done)).toBe(false);
    expect(snap(pacer)).toMatchObject({ inFlight: 24, queue: 5 });
    // Each success lets one go and widens the window by one.
    for (let i = 0; i < 24; i++) pacer.report(KEY, undefined, { sentAt: T0 });
    await vi.advanceTimersByTimeAsync(0);
    expect(more.every((w) => w.done)).toBe(true);
  });
});

describe('pacer: observability and options', () => {
  it('snapshot shows every key; onChange errors are ignored', async () => {
    const pacer = createPacer({
      onChange: () => {
        throw new Error('broken logger');
      },
    });
    await call(pacer, undefined, 'upyun|v0.api.upyun.com');
    await call(pacer, neteaseLimit(2));
    const all = pacer.snapshot();
    expect(Object.keys(all).sort()).toEqual([KEY, 'upyun|v0.api.upyun.com']);
    expect(all[KEY]).toMatchObject({ state: 'paused', pausedUntil: T0 + 2000, queue: 0, inFlight: 0, failures: 0 });
    expect(all['upyun|v0.api.upyun.com']).toMatchObject({ state: 'closed', rate: 10_000, pausedUntil: undefined });
    expect(Object.isFrozen(all)).toBe(true);
    expect(pacer.estimateWait(KEY)).toBe(2000);
  });

  it('report never throws, even with a broken store; unknown outcomes count as cancelled', async () => {
    const store = createMemoryPacerStore();
    const pacer = createPacer({
      store: {
        ...store,
        set: () => {
          throw new Error('store down');
        },
      },
    });
    expect(() => pacer.report(KEY, neteaseLimit())).not.toThrow();
    expect(() => pacer.report(KEY, new Error('not a vendor error') as unknown as VendorError)).not.toThrow();
  });

  it('validates its options', () => {
    expect(() => createPacer({ minRate: 0 })).toThrow(/minRate/);
    expect(() => createPacer({ maxRate: Number.POSITIVE_INFINITY })).toThrow(/maxRate/);
    expect(() => createPacer({ minRate: 20, maxRate: 10 })).toThrow(/minRate/);
    expect(() => createPacer({ beta: 1 })).toThrow(/beta/);
    expect(() => createPacer({ failureThreshold: 1.5 })).toThrow(/failureThreshold/);
    expect(() => createPacer({ probeDelayMs: 5000, maxProbeDelayMs: 1000 })).toThrow(/maxProbeDelayMs/);
    expect(() => createPacer({ store: {} as never })).toThrow(/store/);
    expect(() => createPacer({ outageKinds: 'unavailable' as never })).toThrow(/outageKinds/);
    expect(() => createPacer({ onChange: 1 as never })).toThrow(/onChange/);
    expect(() => createMemoryPacerStore({ maxKeys: 0 })).toThrow(/maxKeys/);
  });

  it('outageKinds: timeouts can count as outages; rate limits never do', async () => {
    const pacer = createPacer({ outageKinds: ['timeout', 'rate-limited'], failureThreshold: 2 });
    pacer.report(KEY, new RateLimitError({ vendor: 'netease' }));
    pacer.report(KEY, new RateLimitError({ vendor: 'netease' }));
    expect(snap(pacer).state).not.toBe('open');
    const { TimeoutError } = await import('../../src/index.js');
    pacer.report(KEY, new TimeoutError({ vendor: 'netease' }));
    pacer.report(KEY, new TimeoutError({ vendor: 'netease' }));
    expect(snap(pacer).state).toBe('open');
  });

  it('the memory store keeps at most maxKeys keys, least recently written out first', () => {
    const store = createMemoryPacerStore({ maxKeys: 2 });
    const pacer = createPacer({ store });
    pacer.report('a', neteaseLimit());
    pacer.report('b', neteaseLimit());
    pacer.report('a', undefined);
    pacer.report('c', neteaseLimit());
    expect([...store.keys()].sort()).toEqual(['a', 'c']);
  });

  it('the memory store: writing the newest key again keeps the order; a deleted newest key is re-inserted', () => {
    const store = createMemoryPacerStore({ maxKeys: 2 });
    const state = (rate: number) => ({ ...initialPacerState(T0), rate });
    store.set('a', state(1));
    store.set('b', state(2));
    store.set('b', state(3));
    expect(store.get('b')?.rate).toBe(3);
    store.set('c', state(4));
    // 'a' was least recently written: it goes, 'b' stays.
    expect([...store.keys()]).toEqual(['b', 'c']);
    store.delete('c');
    store.set('c', state(5));
    store.set('d', state(6));
    expect([...store.keys()]).toEqual(['c', 'd']);
    expect(store.get('c')?.rate).toBe(5);
  });
});

describe('pacerKey', () => {
  it('is vendor|host, vendor alone without a URL, default without a vendor', () => {
    expect(pacerKey('netease', 'https://open.c.163.com/api/v1/containers?token=secret')).toBe('netease|open.c.163.com');
    expect(pacerKey('netease', new URL('https://OPEN.C.163.COM:8443/x'))).toBe('netease|open.c.163.com:8443');
    expect(pacerKey('upyun')).toBe('upyun');
    expect(pacerKey('upyun', 'not a url')).toBe('upyun');
    expect(pacerKey(undefined, 'http://user:pw@127.0.0.1:8080/x')).toBe('default|127.0.0.1:8080');
    expect(pacerKey('', '')).toBe('default');
  });

  it("is createPacer's keyOf: the pacer, not the retry loop, decides the key", () => {
    const pacer = createPacer();
    expect(pacer.keyOf('netease', 'https://open.c.163.com/api/v1/containers?token=secret')).toBe('netease|open.c.163.com');
    expect(pacer.keyOf('upyun', undefined)).toBe('upyun');
    expect(pacer.keyOf(undefined, undefined)).toBe('default');
  });
});
