/**
 * An idle key's successes (never limited, nothing to wait for: `isIdle`) are counted on its lane,
 * in place, instead of writing a new state to the store per success (`bench/pacer-idle.ts`).
 */
import type { PacerParams } from './params.js';
import type { Lane } from './queue.js';
import type { PacerState } from './state.js';
import type { PacerStore } from './store.js';
import { countSuccess, isIdle, withSuccessCounter } from './window.js';

/** Whether `lane`'s key is idle and `store` still holds the very state that says so. */
export function isIdleLane(lane: Lane, store: PacerStore): boolean {
  return lane.idle !== undefined && lane.idle === store.get(lane.key);
}

/** `stored` with the lane's counts folded in, when the lane counts for it. */
export function withLaneCounts(stored: PacerState, lane: Lane | undefined): PacerState {
  return lane?.counter && lane.idle === stored ? withSuccessCounter(stored, lane.counter) : stored;
}

/**
 * Counts a success at `t` (of a request sent at `sentAt`) on a lane whose key is idle, and says
 * whether it did; once per window the store gets the counts, so it (and its recency) is never far behind.
 */
export function countIdleSuccess(lane: Lane, t: number, params: PacerParams, store: PacerStore, sentAt?: number): boolean {
  const counter = lane.counter;
  const idle = lane.idle;
  if (!counter || !idle || idle !== store.get(lane.key) || !isIdle(idle, sentAt)) return false;
  const bucket = counter.windowStart;
  // The lane's other requests still out (report() took this one off): 0 ends the flight, as in onSuccess.
  countSuccess(counter, idle, t, params, lane.inFlight);
  if (counter.windowStart !== bucket) {
    const state = withSuccessCounter(idle, counter);
    store.set(lane.key, state);
    lane.idle = state;
  }
  return true;
}
