/**
 * A pacer's side of a fleet store (src/pacer/fleet-link.ts) against a gate whose answers the test
 * hands out one by one: what a process does while Redis answers late.
 */
import { describe, expect, it } from 'vitest';
import { createMemoryPacerStore } from '../../src/advanced.js';
import { createPacer } from '../../src/index.js';
import type { FleetAnswer, FleetGate } from '../../src/pacer/fleet.js';
import { neteaseLimit } from '../pacer/helpers.js';

const KEY = 'netease|open.c.163.com';
const VIEW = { rate: 200, pausedForMs: 0, circuit: 0, probeInMs: 0, live: 4 };
const FAST = { ...VIEW, rate: 400 };

/** A gate whose reserves wait for the test; `down` as the store is after two timeouts in a row. */
function manualGate() {
  const asks: ((answer: FleetAnswer | undefined) => void)[] = [];
  const state = { down: false };
  const gate: FleetGate = {
    attach() {},
    available: () => !state.down,
    reserve: () => new Promise((resolve) => asks.push(resolve)),
    report: () => Promise.resolve({ granted: false, waitMs: 0, view: VIEW }),
    success() {},
  };
  return { gate, asks, state };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('fleet link: Redis answering late', () => {
  it('an answer that arrives after the gate went down leaves the process at its share, not the fleet rate', async () => {
    const { gate, asks, state } = manualGate();
    // Fast enough that each of the 4 processes may have 4 slot requests out (400/s × 50 ms ÷ 4).
    gate.report = () => Promise.resolve({ granted: false, waitMs: 0, view: FAST });
    const pacer = createPacer({ store: { ...createMemoryPacerStore(), fleet: gate } });
    // A limit: the key is paced fleet-wide from here on.
    const first = await pacer.acquire(KEY);
    pacer.report(KEY, neteaseLimit(), { sentAt: first.sentAt });
    await tick();
    const waiting = Array.from({ length: 6 }, () => pacer.acquire(KEY).catch(() => undefined));
    await tick();
    expect(asks.length).toBe(4); // one slot request per waiter, four at a time
    asks[0]?.({ granted: true, waitMs: 0, view: FAST });
    await tick();
    expect(pacer.snapshot()[KEY]?.rate).toBe(400);
    // Two requests time out: the store is down for a while, the process paces alone...
    state.down = true;
    asks[1]?.(undefined);
    asks[2]?.(undefined);
    await tick();
    expect(pacer.snapshot()[KEY]?.rate).toBe(100);
    // ...and a reply to a request sent before that does not hand it the whole fleet's rate.
    asks[3]?.({ granted: true, waitMs: 0, view: FAST });
    await tick();
    expect(pacer.snapshot()[KEY]?.rate).toBe(100);
    pacer.close();
    await Promise.all(waiting);
  });

  it('a slot granted ahead is given back when the fleet has cut its rate since: the waiter asks again', async () => {
    const { gate, asks } = manualGate();
    // Reports answer with the fleet's new rate (another process's refusal decreased it).
    let reportView = VIEW;
    gate.report = () => Promise.resolve({ granted: false, waitMs: 0, view: reportView });
    const pacer = createPacer({ store: { ...createMemoryPacerStore(), fleet: gate } });
    const first = await pacer.acquire(KEY);
    pacer.report(KEY, neteaseLimit(), { sentAt: first.sentAt });
    await tick();
    let sent = false;
    const waiting = pacer.acquire(KEY).then(
      () => {
        sent = true;
      },
      () => undefined,
    );
    await tick();
    expect(asks.length).toBe(1);
    // A slot 20 ms ahead at 200/s...
    asks[0]?.({ granted: true, waitMs: 20, view: VIEW });
    await tick();
    // ...then the fleet decreases to 140/s before it comes.
    reportView = { ...VIEW, rate: 140 };
    pacer.report(KEY, neteaseLimit(), { sentAt: first.sentAt });
    await new Promise((r) => setTimeout(r, 40));
    expect(sent).toBe(false);
    expect(asks.length).toBe(2); // asked again at the new rate
    asks[1]?.({ granted: true, waitMs: 0, view: reportView });
    await tick();
    expect(sent).toBe(true);
    pacer.close();
    await waiting;
  });
});
