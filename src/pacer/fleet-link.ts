/**
 * A pacer's side of a fleet store: when a key must ask the fleet before a send, the one slot
 * request a lane has out at a time, and what the fleet is told of answers. While the fleet cannot
 * be asked (no answer within the store's timeout) the lane paces alone for a while, at its share
 * of the last fleet rate, then asks again.
 */
import { adoptFleet, type FleetAnswer, type FleetEvent, type FleetGate, fleetLimits, localShare } from './fleet.js';
import type { OutcomeEvent } from './outcome.js';
import type { PacerParams } from './params.js';
import type { Lane } from './queue.js';
import type { PacerState } from './state.js';
import type { PacerOutcome } from './types.js';
import { measuredRate } from './window.js';

/** Slot requests a lane may have out at once (so a process is not held to one send per round trip). */
const MAX_ASKS = 4;

/** How far ahead the fleet's script grants a slot (its `at - now <= 50`: src/redis/script.ts). */
const SLOT_AHEAD_MS = 50;

/** A granted slot is given back when the fleet's rate fell under this share of the rate it was granted at (β is 0.7). */
const SLOT_DECREASE = 0.9;

/** How long a lane paces alone after the fleet failed to answer, before it asks again (the gate may say longer). */
const ALONE_MS = 100;

/** What the link needs of its pacer. */
export interface FleetLinkContext {
  readonly gate: FleetGate;
  readonly params: PacerParams;
  now(): number;
  load(key: string, t: number): PacerState;
  save(key: string, state: PacerState): void;
  /** The fleet granted a slot: let the lane's first waiter go (if one is still there). */
  grant(lane: Lane, t: number): void;
  /** Lets go whoever may go, by the rules of the moment. */
  pump(lane: Lane): void;
  /** Whether the pacer was closed. */
  closed(): boolean;
  /** No slot yet: wake the lane at `at` (rejecting waiters whose deadline comes first). */
  hold(lane: Lane, at: number, t: number): void;
}

export interface FleetLink {
  /** Whether a send on `lane` must ask the fleet first (the key is limited here or fleet-wide). */
  paced(lane: Lane, state: PacerState, t: number): boolean;
  /** Asks for slots for the lane's waiters (a few at a time). */
  ask(lane: Lane): void;
  /** Tells the fleet what became of a request. */
  told(lane: Lane, event: OutcomeEvent, outcome: PacerOutcome, t: number, sentAt: number | undefined): void;
}

function seedOf(state: PacerState): number {
  return state.phase === 'unlimited' ? 0 : state.rate;
}

export function createFleetLink(ctx: FleetLinkContext): FleetLink {
  const { gate, params } = ctx;

  function measuredOf(state: PacerState, t: number): number {
    // The whole window: summed over the fleet, a young process's short span reads its share of
    // the vendor's burst as rate (three processes: 1.6–2.0 requests per call instead of < 1.5).
    const m = measuredRate(state, t, params, true);
    return Number.isFinite(m) ? Math.round(m * 1000) / 1000 : 0;
  }

  /** Folds the fleet's answer into the lane's state; `undefined`: pace alone for a while. */
  function adopt(lane: Lane, answer: FleetAnswer | undefined, t: number): void {
    if (answer === undefined) {
      lane.aloneUntil = t + ALONE_MS;
      ctx.save(lane.key, localShare(ctx.load(lane.key, t), lane.fleet, t, params));
      return;
    }
    lane.aloneUntil = 0;
    lane.fleet = answer.view;
    const state = adoptFleet(ctx.load(lane.key, t), answer.view, t, params);
    // An answer to an ask sent before the gate went down (two timeouts): the lane still paces
    // alone, so at its share. With the fleet's whole rate, 4 processes sent ~600/s for 125 ms
    // after a Redis stall at load 9 (57 refusals, then a 1 s pause).
    ctx.save(lane.key, gate.available() ? state : localShare(state, answer.view, t, params));
  }

  function paced(lane: Lane, state: PacerState, t: number): boolean {
    if (t < lane.aloneUntil || !gate.available()) return false;
    if (lane.fleet && fleetLimits(lane.fleet)) return true;
    return state.phase !== 'unlimited' || state.circuit !== 'closed' || state.pausedUntil > t;
  }

  function ask(lane: Lane): void {
    while (lane.asking < Math.min(asksOf(lane), lane.queue.size)) askOne(lane);
  }

  function askOne(lane: Lane): void {
    lane.asking++;
    const t0 = ctx.now();
    const state = ctx.load(lane.key, t0);
    void gate.reserve(lane.key, seedOf(state), measuredOf(state, t0)).then((answer) => {
      if (ctx.closed()) return;
      const t = ctx.now();
      adopt(lane, answer, t);
      if (answer?.granted && answer.waitMs >= 1) {
        // A slot a little ahead: the first waiter goes then (this request stays counted till then).
        const rate = answer.view.rate;
        setTimeout(() => {
          lane.asking--;
          if (ctx.closed()) return;
          if (decreasedSince(lane, rate)) {
            // Granted at a rate the fleet has since cut: the slot was spaced for traffic the vendor
            // refuses. Ask again (4 × 25 at 200/s, simulated: 1.11 → 1.09 requests per call).
            ask(lane);
            return;
          }
          ctx.grant(lane, ctx.now());
          ctx.pump(lane);
        }, answer.waitMs);
        return;
      }
      lane.asking--;
      if (answer?.granted) ctx.grant(lane, t);
      if (answer && !answer.granted && lane.queue.size > 0) ctx.hold(lane, t + Math.max(1, answer.waitMs), t);
      else ctx.pump(lane);
    });
  }

  function told(lane: Lane, event: OutcomeEvent, outcome: PacerOutcome, t: number, sentAt: number | undefined): void {
    if (t < lane.aloneUntil || !gate.available()) return;
    const view = lane.fleet;
    let what: FleetEvent | undefined;
    const hint = typeof outcome === 'object' ? outcome.retryAfterMs : undefined;
    if (event === 'limit') what = 't';
    else if (event === 'outage') what = 'f';
    else if (typeof hint === 'number' && hint > 0) what = 'p';
    else if (event === 'success' || event === 'answer') {
      // A success ends a fleet-wide outage at once; otherwise it travels with the next slot request.
      if (view && view.circuit !== 0) what = 's';
      else if (view) gate.success(lane.key);
    } else if (view && view.circuit === 2) what = 'c';
    if (what === undefined) return;
    const age = sentAt === undefined ? 0 : Math.max(0, t - sentAt);
    void gate.report(lane.key, what, age, hint ?? 0, measuredOf(ctx.load(lane.key, t), t)).then((answer) => {
      if (ctx.closed()) return;
      const now = ctx.now();
      adopt(lane, answer, now);
      ctx.pump(lane);
    });
  }

  return { paced, ask, told };
}

/**
 * Slot requests a lane may have out: its share of the slots the fleet grants ahead (`SLOT_AHEAD_MS`
 * at the fleet's rate, divided among the live processes), 1 to `MAX_ASKS`. More are refused and
 * asked again: 4 × 4 asks at 200/s made 2.8 refused requests per send (4 × 25 at 200/s, simulated:
 * 3.9 round trips per send → 1.1, time 1.076 → 1.085 × the ideal).
 */
function asksOf(lane: Lane): number {
  const v = lane.fleet;
  if (!v || !(v.rate > 0)) return MAX_ASKS;
  return Math.max(1, Math.min(MAX_ASKS, Math.floor((v.rate * SLOT_AHEAD_MS) / 1000 / Math.max(1, v.live))));
}

/** Whether the fleet's rate, as `lane` last heard it, fell below `rate` (a decrease, not the rate's jitter). */
function decreasedSince(lane: Lane, rate: number): boolean {
  const now = lane.fleet?.rate ?? 0;
  return rate > 0 && now > 0 && now < rate * SLOT_DECREASE;
}
