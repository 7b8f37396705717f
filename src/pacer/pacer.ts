/**
 * `createPacer`: callers wait here, in order, for the pure algorithm (`./events.ts`, `./bucket.ts`)
 * to say that their key may send, and report what the vendor answered; where the numbers are
 * kept is the store's business (`./store.ts`). Runs anywhere `setTimeout` does; no Node-only API.
 */
import { abortReason } from '../core/abort.js';
import { MAX_TIMER_MS } from '../core/options.js';
import { earliestSendTime, nextSendTime, onSend, waitEstimate } from './bucket.js';
import { isUnrestricted } from './events.js';
import { deadlineError } from './hold.js';
import { countIdleSuccess, isIdleLane, withLaneCounts } from './idle.js';
import { pacerKey } from './key.js';
import { snapshotOf, tell as tellChange } from './observe.js';
import { type PacerOptions, resolvePacerOptions } from './options.js';
import { createFleetLink, type FleetLink } from './fleet-link.js';
import { applyOutcome } from './outcome.js';
import { disarm, enqueue, first, type Lane, MAX_LANES, newLane, release, settleWaiter, type Waiter } from './queue.js';
import { initialPacerState, type PacerState } from './state.js';
import type { Pacer, PacerAcquireOptions, PacerKeySnapshot, PacerOutcome, PacerPermit, PacerReportInfo } from './types.js';
import { isIdle, successCounterOf } from './window.js';

/**
 * Creates a client-side pacer: per key (`vendor|host`, see {@link vendor-errors/advanced!pacerKey}), a send rate that
 * rate limits lower and successes raise (CUBIC on a token bucket), a pause for `Retry-After`
 * released at that rate, and a circuit breaker that holds calls during an outage and probes one
 * at a time. Share one pacer among every client (axios, ky, fetch) that calls the same vendors,
 * and hand it to the retry engine as `retry: { pacer }`: it then waits before every attempt and
 * reports every result. The algorithm is described in `docs/pacer.md`.
 *
 * While a key has never been rate limited nor down, `tryAcquire` gives a permit at once and
 * `acquire` resolves at once: the cost is a map lookup per attempt, and a success's report one
 * copy of the key's counters (`bench/pacer-idle.ts` measures it).
 *
 * @example
 * import { createPacer } from 'vendor-errors';
 * import { netease } from 'vendor-errors/adapters';
 * import { withVendorErrors } from 'vendor-errors/axios';
 * import { createFetch } from 'vendor-errors/fetch';
 *
 * // One pacer for the process, shared by every client of every vendor.
 * const pacer = createPacer({ onChange: (c) => log.info(c.key, c.reason, c.snapshot.state, c.snapshot.rate) });
 * const api = withVendorErrors(axios.create({ baseURL: 'https://open.c.163.com' }), { adapter: netease, retry: { pacer } });
 * const neteaseFetch = createFetch({ adapter: netease, retry: { pacer } });
 * pacer.snapshot();
 * // { 'netease|open.c.163.com': { state: 'pacing', phase: 'steady', rate: 68.2, measuredRate: 97, queue: 12, inFlight: 3, ... } }
 */
export function createPacer(options: PacerOptions = {}): Pacer {
  const { params, clock, onChange, store, outageKinds } = resolvePacerOptions(options);
  const gate = store.fleet;
  gate?.attach(params);
  const lanes = new Map<string, Lane>();
  // The lane asked for last: most calls go to the key of the call before (report() follows tryAcquire()).
  let lastLane: Lane | undefined;
  let closed = false;
  let lastNow = 0;

  function now(): number {
    const t = clock();
    if (typeof t === 'number' && Number.isFinite(t)) lastNow = t;
    return lastNow;
  }

  function load(key: string, t: number): PacerState {
    const state = store.get(key);
    if (state === undefined) return initialPacerState(t, params);
    // An idle key's successes were counted on its lane: fold them in.
    return withLaneCounts(state, laneIfAny(key));
  }

  const idleNow = (lane: Lane) => isIdleLane(lane, store);

  function laneOf(key: string): Lane {
    let lane = laneIfAny(key);
    if (!lane) {
      if (lanes.size >= MAX_LANES) prune();
      lane = newLane(key, params.maxRate);
      lanes.set(key, lane);
    }
    lastLane = lane;
    return lane;
  }

  function laneIfAny(key: string): Lane | undefined {
    return lastLane?.key === key ? lastLane : lanes.get(key);
  }

  /** Forgets lanes with nothing queued, nothing in flight and no timer (an idle one's counts go to the store first). */
  function prune(): void {
    for (const [key, lane] of lanes) {
      if (lane.queue.size === 0 && lane.inFlight === 0 && lane.timer === undefined) {
        if (lane.counter && idleNow(lane)) store.set(key, load(key, lastNow));
        lanes.delete(key);
        if (lastLane === lane) lastLane = undefined;
      }
    }
  }

  function tell(lane: Lane, state: PacerState, t: number): void {
    tellChange(lane, state, t, params, onChange);
  }

  const fleet: FleetLink | undefined = gate
    ? createFleetLink({
        gate,
        params,
        now,
        load,
        save: (key, state) => store.set(key, state),
        grant,
        pump,
        hold,
        closed: () => closed,
      })
    : undefined;

  /** Rejects `head`: it cannot go before its deadline. */
  function refuse(lane: Lane, head: Waiter, state: PacerState, t: number): void {
    settleWaiter(lane, head);
    head.reject(deadlineError(lane, state, t, head.enqueuedAt));
  }

  /** The fleet granted `lane` a slot: its first waiter goes (a slot with nobody left to take it is lost). */
  function grant(lane: Lane, t: number): void {
    const head = first(lane);
    if (!head) return;
    store.set(lane.key, onSend(load(lane.key, t), t, params));
    release(lane, head, t);
  }

  /** The fleet has no slot before `at`: a first waiter whose deadline is sooner is told now. */
  function hold(lane: Lane, at: number, t: number): void {
    const head = first(lane);
    if (head && head.deadline < at) refuse(lane, head, load(lane.key, t), t);
    if (lane.queue.size === 0) disarm(lane);
    else arm(lane, at, t);
  }

  function arm(lane: Lane, at: number, t: number): void {
    if (lane.timer !== undefined && lane.timerAt === at) return;
    disarm(lane);
    const delay = Math.min(Math.max(0, Math.ceil(at - t)), MAX_TIMER_MS);
    lane.timerAt = at;
    // Not unref'd: it releases callers who are waiting for it, so it is needed while it exists
    // (it is cleared as soon as the queue is empty).
    lane.timer = setTimeout(() => {
      lane.timer = undefined;
      lane.timerAt = 0;
      pump(lane);
    }, delay);
  }

  /** Lets go every waiter whose turn it is, then sleeps until the next one's turn. */
  function pump(lane: Lane): void {
    if (closed) return;
    const t = now();
    let state = load(lane.key, t);
    const before = state;
    for (;;) {
      const head = first(lane);
      if (!head) {
        disarm(lane);
        break;
      }
      if (fleet?.paced(lane, state, t)) {
        // The fleet hands out the key's slots: one request out at a time, its answer pumps again.
        if (state !== before) store.set(lane.key, state);
        fleet.ask(lane);
        return;
      }
      const at = nextSendTime(state, t, params, lane.inFlight);
      if (at > t) {
        if (head.deadline < earliestSendTime(state, t)) {
          // Foreseen: it cannot go before its deadline. Do not hold it for nothing.
          refuse(lane, head, state, t);
          continue;
        }
        arm(lane, at, t);
        break;
      }
      state = onSend(state, t, params);
      release(lane, head, t);
    }
    if (state !== before) store.set(lane.key, state);
    tell(lane, state, t);
  }

  /** A permit at `t` if the lane's turn is now (nothing queued, nothing due), else `undefined`. */
  function goNow(lane: Lane, t: number): PacerPermit | undefined {
    if (lane.queue.size !== 0) return undefined;
    if (idleNow(lane)) {
      // Idle (the common case): nothing to read but the store's identity, nothing to compute.
      lane.inFlight++;
      return { key: lane.key, sentAt: t, waitedMs: 0 };
    }
    const state = load(lane.key, t);
    if (isUnrestricted(state, t, lane.inFlight, params)) {
      // The common case: never limited, never down. Nothing to compute, nothing to store.
      lane.inFlight++;
      return { key: lane.key, sentAt: t, waitedMs: 0 };
    }
    if (fleet?.paced(lane, state, t) || nextSendTime(state, t, params, lane.inFlight) > t) return undefined;
    const sent = onSend(state, t, params);
    store.set(lane.key, sent);
    lane.inFlight++;
    tell(lane, sent, t);
    return { key: lane.key, sentAt: t, waitedMs: 0 };
  }

  function tryAcquire(key: string): PacerPermit | undefined {
    if (closed || typeof key !== 'string') return undefined;
    return goNow(laneOf(key), now());
  }

  function acquire(key: string, options: PacerAcquireOptions = {}): Promise<PacerPermit> {
    if (typeof key !== 'string')
      return Promise.reject(new TypeError(`pacer.acquire: \`key\` must be a string, got ${typeof key}`));
    if (closed) return Promise.reject(new DOMException('The pacer was closed', 'AbortError'));
    const signal = options.signal;
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    const deadline =
      typeof options.deadline === 'number' && !Number.isNaN(options.deadline) ? options.deadline : Number.POSITIVE_INFINITY;
    const t = now();
    const lane = laneOf(key);
    const permit = goNow(lane, t);
    if (permit) return Promise.resolve(permit);
    const state = load(key, t);
    if (deadline < earliestSendTime(state, t)) return Promise.reject(deadlineError(lane, state, t, undefined));

    return new Promise<PacerPermit>((resolve, reject) => {
      enqueue(lane, t, deadline, signal, { resolve, reject }, () => {
        const at = now();
        return deadlineError(lane, load(key, at), at, t);
      });
      pump(lane);
    });
  }

  function report(key: string, outcome: PacerOutcome, info: PacerReportInfo = {}): void {
    if (closed || typeof key !== 'string') return;
    try {
      const given = info?.now;
      const t = typeof given === 'number' && Number.isFinite(given) ? given : now();
      const sentAt = typeof info?.sentAt === 'number' && Number.isFinite(info.sentAt) ? info.sentAt : undefined;
      const lane = laneIfAny(key);
      if (lane && lane.inFlight > 0) lane.inFlight--;
      const r = outcome === undefined ? info?.resetMs : undefined;
      const spent = typeof r === 'number' && Number.isFinite(r) && r > 0 ? r : undefined;
      // An idle key's success: counted in place, written once per window (see Lane.idle).
      if (outcome === undefined && spent === undefined && lane && countIdleSuccess(lane, t, params, store, sentAt)) {
        if (lane.queue.size > 0) pump(lane);
        return;
      }
      const state = load(key, t);
      const { next, event } = applyOutcome(state, outcome, t, params, outageKinds, sentAt, lane?.inFlight ?? 0, spent);
      if (event === 'limit' || event === 'outage') laneOf(key).lastError = outcome as Lane['lastError'];
      if (fleet) fleet.told(laneOf(key), event, outcome, t, sentAt);
      if (next !== state) store.set(key, next);
      const current = laneIfAny(key);
      if (current && outcome === undefined && isIdle(next)) {
        // From now on, successes count on the lane while the store holds this very state.
        current.idle = next;
        current.counter = successCounterOf(next);
      }
      // Back to normal: the last error is no model for anything any more (and may hold a response).
      if (current && isUnrestricted(next, t, 0, params)) current.lastError = undefined;
      if (current) {
        if (current.queue.size > 0) pump(current);
        else tell(current, next, t);
      }
    } catch {
      // `report` never throws: a broken store or clock must not fail a call that succeeded.
    }
  }

  function estimateWait(key: string): number {
    if (closed || typeof key !== 'string') return 0;
    const t = now();
    const lane = laneIfAny(key);
    return waitEstimate(load(key, t), t, params, lane?.inFlight ?? 0, lane?.queue.size ?? 0);
  }

  function snapshot(): Readonly<Record<string, PacerKeySnapshot>> {
    const t = now();
    const out: Record<string, PacerKeySnapshot> = {};
    const keys = new Set<string>([...store.keys(), ...lanes.keys()]);
    for (const key of keys) out[key] = snapshotOf(load(key, t), t, lanes.get(key), params);
    return Object.freeze(out);
  }

  function close(): void {
    if (closed) return;
    closed = true;
    for (const lane of lanes.values()) {
      disarm(lane);
      // An idle key's counts go to the store, which may outlive this pacer.
      if (lane.counter && idleNow(lane)) store.set(lane.key, load(lane.key, lastNow));
      for (const waiter of [...lane.queue]) {
        settleWaiter(lane, waiter);
        waiter.reject(new DOMException('The pacer was closed', 'AbortError'));
      }
    }
    lanes.clear();
    lastLane = undefined;
  }

  return Object.freeze({ now, keyOf: pacerKey, tryAcquire, acquire, report, estimateWait, snapshot, close });
}
