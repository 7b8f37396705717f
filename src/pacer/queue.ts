/**
 * The waiting side of a pacer: per key, a lane with its queue of callers in arrival order, its
 * requests in flight and its one release timer. Runs anywhere `setTimeout` does.
 */
import type { Classification } from '../core/classify.js';
import { abortReason } from '../core/abort.js';
import { MAX_TIMER_MS } from '../core/options.js';
import type { VendorError } from '../errors/vendor-error.js';
import type { PacerKeyState } from './events.js';
import type { FleetView } from './fleet.js';
import type { PacerState } from './state.js';
import type { PacerPermit } from './types.js';
import type { SuccessCounter } from './window.js';

export type Timer = ReturnType<typeof setTimeout>;

/** One caller waiting for its key's turn. */
export interface Waiter {
  readonly enqueuedAt: number;
  readonly deadline: number;
  readonly resolve: (permit: PacerPermit) => void;
  readonly reject: (reason: unknown) => void;
  readonly signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
  timer: Timer | undefined;
}

/** One key's queue, requests in flight and timer. */
export interface Lane {
  readonly key: string;
  readonly queue: Set<Waiter>;
  inFlight: number;
  timer: Timer | undefined;
  timerAt: number;
  /** The last rate limit or outage answer (a record is built into its error only for a deadline error). */
  lastError: VendorError | Classification | undefined;
  /** What `onChange` was last told. */
  seenState: PacerKeyState;
  seenRate: number;
  seenPause: number;
  /**
   * The key's stored state while it is idle (`isIdle`: never limited, nothing to wait for), the
   * very object the store holds; `counter` then has its up-to-date success counts. A success
   * on an idle key counts there, in place, instead of writing a new state to the store. Once
   * the store holds any other object (a limit, another pacer writing), this is stale and unused.
   */
  idle: PacerState | undefined;
  counter: SuccessCounter | undefined;
  /** With a fleet store: slot requests out, and slots granted but not yet due (each answer pumps the lane). */
  asking: number;
  /** With a fleet store: the fleet's last view of the key. */
  fleet: FleetView | undefined;
  /** With a fleet store: pace alone until then (the fleet did not answer in time). */
  aloneUntil: number;
}

/** Idle lanes (no queue, nothing in flight) are forgotten beyond this many. */
export const MAX_LANES = 1000;

/** A lane with nothing queued; `onChange` has been told nothing yet (`closed`, at `maxRate`). */
export function newLane(key: string, maxRate: number): Lane {
  return {
    key,
    queue: new Set(),
    inFlight: 0,
    timer: undefined,
    timerAt: 0,
    lastError: undefined,
    seenState: 'closed',
    seenRate: maxRate,
    seenPause: 0,
    idle: undefined,
    counter: undefined,
    asking: 0,
    fleet: undefined,
    aloneUntil: 0,
  };
}

/** `timer.unref()` where there is one (Node), so a timer that only guards a deadline never holds the process open. */
export function unref(timer: Timer): void {
  const t = timer as unknown as { unref?: unknown };
  if (typeof t === 'object' && t !== null && typeof t.unref === 'function') (t.unref as () => void).call(t);
}

/** Takes `waiter` out of the queue, with its deadline timer and abort listener. */
export function settleWaiter(lane: Lane, waiter: Waiter): void {
  lane.queue.delete(waiter);
  if (waiter.timer !== undefined) clearTimeout(waiter.timer);
  waiter.timer = undefined;
  if (waiter.signal && waiter.onAbort) waiter.signal.removeEventListener('abort', waiter.onAbort);
  waiter.onAbort = undefined;
}

/** The waiter whose turn is next. */
export const first = (lane: Lane): Waiter | undefined => lane.queue.values().next().value;

/** Lets `head` go at `t`: it leaves the queue with a permit, and counts as in flight. */
export function release(lane: Lane, head: Waiter, t: number): void {
  settleWaiter(lane, head);
  lane.inFlight++;
  head.resolve({ key: lane.key, sentAt: t, waitedMs: Math.max(0, t - head.enqueuedAt) });
}

/** Clears the lane's release timer. */
export function disarm(lane: Lane): void {
  if (lane.timer !== undefined) clearTimeout(lane.timer);
  lane.timer = undefined;
  lane.timerAt = 0;
}

/**
 * Queues a new waiter on `lane` at `t`. It leaves the queue on its own when `signal` aborts
 * (rejected with the signal's reason) or at `deadline` (rejected with `late()`'s error); either
 * way an emptied lane's release timer is cleared. Resolving it is the lane's pump's business.
 */
export function enqueue(
  lane: Lane,
  t: number,
  deadline: number,
  signal: AbortSignal | undefined,
  settle: Pick<Waiter, 'resolve' | 'reject'>,
  late: () => unknown,
): void {
  const waiter: Waiter = { enqueuedAt: t, deadline, ...settle, signal, onAbort: undefined, timer: undefined };
  const leave = (reason: () => unknown) => {
    if (!lane.queue.has(waiter)) return;
    settleWaiter(lane, waiter);
    if (lane.queue.size === 0) disarm(lane);
    waiter.reject(reason());
  };
  if (signal) {
    waiter.onAbort = () => leave(() => abortReason(signal));
    signal.addEventListener('abort', waiter.onAbort, { once: true });
  }
  if (Number.isFinite(deadline) && deadline - t <= MAX_TIMER_MS) {
    waiter.timer = setTimeout(
      () => {
        waiter.timer = undefined;
        leave(late);
      },
      Math.max(0, Math.ceil(deadline - t)),
    );
    // The lane's own timer keeps the process alive while anyone waits; this one need not.
    unref(waiter.timer);
  }
  lane.queue.add(waiter);
}
