/**
 * The pacer's queue and timers: callers wait here, in order, for the pure algorithm
 * (`./algorithm.ts`) to say that their key may send, and report what the vendor answered.
 * Runs anywhere `setTimeout` does (Node 20, browsers, fake timers); no Node-only API.
 */
import { isBackPressure } from './back-pressure.js';
import type { ErrorKind } from '../core/kinds.js';
import { ServiceUnavailableError, createVendorError } from '../errors/index.js';
import { attachRetryHistory, isVendorError, type VendorError } from '../errors/vendor-error.js';
import { functionOption, invalid, numberOption } from '../retry/validate.js';
import {
  countSuccess,
  DEFAULT_PACER_PARAMS,
  earliestSendTime,
  initialPacerState,
  isIdle,
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
  type PacerKeyState,
  type PacerParams,
  type PacerPhase,
  type PacerState,
  type SuccessCounter,
  successCounterOf,
  withSuccessCounter,
} from './algorithm.js';
import { pacerKey } from './key.js';
import { createMemoryPacerStore, type PacerStore } from './store.js';
import { abortReason } from '../core/abort.js';

/** The longest delay a timer can express (2^31 − 1 ms). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Options of {@link createPacer}. Every one is optional. */
export interface PacerOptions {
  /**
   * Lowest send rate a key is slowed to, per second. From 0.001 to `maxRate`.
   * @default 0.5
   */
  readonly minRate?: number;
  /**
   * Highest send rate; a key whose rate climbs back to it stops being paced. Up to 1_000_000.
   * @default 10_000
   */
  readonly maxRate?: number;
  /**
   * Multiplicative decrease on a rate limit (CUBIC's β), from 0.05 to 0.95.
   * @default 0.7
   */
  readonly beta?: number;
  /**
   * Time for the rate to climb back to where it was limited after a decrease (CUBIC's K), in ms.
   * @default 2000
   */
  readonly recoveryMs?: number;
  /**
   * Window over which successes per second are measured, in ms (10 to 600_000).
   * @default 1000
   */
  readonly windowMs?: number;
  /**
   * Slow start (finding the limit, recovering from an outage) doubles the rate this often, in ms.
   * @default 250
   */
  readonly doublingMs?: number;
  /**
   * How many ms of sends may go at once after an idle spell (the bucket size; at least one send).
   * @default 20
   */
  readonly burstMs?: number;
  /**
   * Consecutive outage answers (see `outageKinds`) that open the circuit: calls are then held,
   * and one probe at a time is sent.
   * @default 5
   */
  readonly failureThreshold?: number;
  /**
   * Wait before the first probe after the circuit opens, in ms; ×1.5 after each failed probe
   * (up to `maxProbeDelayMs`).
   * @default 250
   */
  readonly probeDelayMs?: number;
  /**
   * Longest wait between probes, in ms.
   * @default 10_000
   */
  readonly maxProbeDelayMs?: number;
  /**
   * A probe that has not been reported after this long is presumed lost and another may go, in ms.
   * @default 30_000
   */
  readonly probeLeaseMs?: number;
  /**
   * Longest pause a `Retry-After` may put on a key, in ms (longer hints are cut to this).
   * @default 60_000
   */
  readonly maxPauseMs?: number;
  /**
   * How many requests a key never seen before may have in flight until its first answers come
   * back; each success allows one more (so the cap doubles per round trip) and past 1024 it is
   * gone. A vendor with a small burst allowance then refuses a few of a cold burst of calls
   * instead of all but a few. 0: no cap (a cold burst goes out at once).
   * @default 10
   */
  readonly initialWindow?: number;
  /**
   * Error kinds that count as "the vendor is down" for the circuit breaker. `rate-limited` is
   * always a rate limit, never an outage; so is an `unavailable` error whose `retry` is `safe`
   * (a "system busy" refusal: the vendor refused before acting, under load).
   * @default ['unavailable', 'network']
   */
  readonly outageKinds?: readonly ErrorKind[];
  /**
   * Where each key's state is kept.
   * @default createMemoryPacerStore() (at most 1000 keys)
   */
  readonly store?: PacerStore;
  /**
   * Clock, in ms since the epoch. Deadlines given to `acquire` are on this clock (see `Pacer.now`).
   * @default Date.now
   */
  readonly now?: () => number;
  /**
   * Told when a key changes: its state (`closed`, `pacing`, `paused`, `open`, `probing`), a rate
   * decrease, or a new pause. For logs and metrics; what it throws is ignored. Changes that
   * only the passing of time makes (a pause ending) are told at the key's next event.
   * @default undefined
   */
  readonly onChange?: (change: PacerChange) => void;
}

/** What `acquire` takes. */
export interface PacerAcquireOptions {
  /** Aborting it takes the call out of the queue and rejects with `signal.reason`. */
  readonly signal?: AbortSignal;
  /**
   * Latest time the call may be sent, on the pacer's clock ({@link Pacer.now}). A call still
   * held then (or one that the pacer knows cannot go before it) is rejected with a `VendorError`
   * whose `retryDecision.reason` is `deadline`. @default no deadline
   */
  readonly deadline?: number;
}

/** The go-ahead for one request. */
export interface PacerPermit {
  readonly key: string;
  /** When the request was let go, on the pacer's clock; pass it back to `report` as `sentAt`. */
  readonly sentAt: number;
  /** How long the call waited in the queue, in ms. */
  readonly waitedMs: number;
}

/** What `report` may be told besides the outcome. */
export interface PacerReportInfo {
  /** When the answer arrived, on the pacer's clock. @default pacer.now() */
  readonly now?: number;
  /**
   * The permit's `sentAt`. Lets the pacer tell fresh news from stale: a rate limit on a request
   * sent before the last decrease does not decrease the rate again.
   */
  readonly sentAt?: number;
}

/** One key, as {@link Pacer.snapshot} shows it. */
export interface PacerKeySnapshot {
  /** See {@link PacerKeyState}. */
  readonly state: PacerKeyState;
  /** Rate-control phase: `unlimited` (no limit known), `slow-start` (finding it), `steady` (CUBIC). */
  readonly phase: PacerPhase;
  /** Allowed sends per second (`maxRate` while unlimited). */
  readonly rate: number;
  /** Successes per second over the last window. */
  readonly measuredRate: number;
  /** Calls waiting. */
  readonly queue: number;
  /** Calls let go and not yet reported. */
  readonly inFlight: number;
  /** End of the current Retry-After pause, ms since the epoch; `undefined` when not paused. */
  readonly pausedUntil: number | undefined;
  /** Consecutive outage answers. */
  readonly failures: number;
  /** When the circuit is open: when the next probe may go. */
  readonly probeAt: number | undefined;
}

/** What `onChange` is told. */
export interface PacerChange {
  readonly key: string;
  /** `decrease`: the rate was lowered; `pause`: a Retry-After paused the key; `state`: the state changed. */
  readonly reason: 'decrease' | 'pause' | 'state';
  readonly previousState: PacerKeyState;
  readonly snapshot: PacerKeySnapshot;
}

/**
 * A client-side pacer shared by every client that calls a vendor: see {@link createPacer}.
 * Implement it yourself to pace with something else; the retry engine calls only `keyOf`, `now`,
 * `tryAcquire` (if there is one), `acquire`, `report` and (for `onRetry`) `estimateWait`.
 */
export interface Pacer {
  /** The pacer's clock, ms since the epoch. */
  now(): number;
  /**
   * The key a call to `vendor` at `url` is paced under: how finely the pacer tells callers
   * apart is its own decision. `createPacer`'s is {@link pacerKey} (`vendor|host`). A pacer
   * object without it (plain JavaScript) is given the vendor alone, `default` without one.
   */
  keyOf(vendor: string | undefined, url: string | URL | undefined): string;
  /**
   * Waits until `key` may send one request, then resolves with a permit. Rejects with
   * `signal.reason` on abort, with a `VendorError` (`retryDecision.reason` `deadline`) when the
   * deadline passes first. Every permit must be followed by one `report`.
   */
  acquire(key: string, options?: PacerAcquireOptions): Promise<PacerPermit>;
  /**
   * The permit at once when `key` may send now (nothing queued, no wait due), else `undefined`
   * (then `acquire`, which queues). What an `acquire` that resolves at once would give, without
   * a promise and a turn of the event loop: the retry engine tries it first, so a key that was
   * never limited costs no asynchronous step. Optional for a pacer of one's own.
   */
  tryAcquire?(key: string): PacerPermit | undefined;
  /**
   * What became of a request: `undefined` for a success, the `VendorError` it failed with, or
   * `'cancelled'` when it ended without the vendor's answer (aborted by the caller, or a failure
   * that is not a vendor error). Never throws.
   */
  report(key: string, outcome: VendorError | undefined | 'cancelled', info?: PacerReportInfo): void;
  /** A lower bound of how long a call queued now for `key` would wait, in ms. */
  estimateWait(key: string): number;
  /** Every key the pacer knows. */
  snapshot(): Readonly<Record<string, PacerKeySnapshot>>;
  /** Rejects every waiting call (with an `AbortError`), clears every timer; later `acquire`s reject too. */
  close(): void;
}

type Timer = ReturnType<typeof setTimeout>;

interface Waiter {
  readonly enqueuedAt: number;
  readonly deadline: number;
  readonly resolve: (permit: PacerPermit) => void;
  readonly reject: (reason: unknown) => void;
  readonly signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
  timer: Timer | undefined;
}

interface Lane {
  readonly key: string;
  readonly queue: Set<Waiter>;
  inFlight: number;
  timer: Timer | undefined;
  timerAt: number;
  /** The last rate limit or outage answer: the model of a deadline error. */
  lastError: VendorError | undefined;
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
}

const PREFIX = 'pacer option';
/** Idle lanes (no queue, nothing in flight) are forgotten beyond this many. */
const MAX_LANES = 1000;
const DEFAULT_OUTAGE_KINDS: readonly ErrorKind[] = Object.freeze(['unavailable', 'network']);
/** Kinds where the vendor did not answer: not an outage unless listed, but not a success either. */
const NO_ANSWER: ReadonlySet<ErrorKind> = new Set<ErrorKind>(['network', 'timeout']);

/** `timer.unref()` where there is one (Node), so a timer that only guards a deadline never holds the process open. */
function unref(timer: Timer): void {
  const t = timer as unknown as { unref?: unknown };
  if (typeof t === 'object' && t !== null && typeof t.unref === 'function') (t.unref as () => void).call(t);
}

function resolveParams(options: PacerOptions): PacerParams {
  const d = DEFAULT_PACER_PARAMS;
  const maxRate = numberOption(PREFIX, 'maxRate', options.maxRate, d.maxRate, {
    min: 0.001,
    max: 1_000_000,
    expected: 'a finite number from 0.001 to 1000000',
  });
  const minRate = numberOption(PREFIX, 'minRate', options.minRate, Math.min(d.minRate, maxRate), {
    min: 0.001,
    max: maxRate,
    expected: 'a finite number from 0.001 to maxRate',
  });
  const ms = (name: keyof PacerOptions, value: unknown, fallback: number, min = 1) =>
    numberOption(PREFIX, name, value, fallback, {
      min,
      max: MAX_TIMER_MS,
      expected: `a finite number of ms from ${min} to ${MAX_TIMER_MS}`,
    });
  const probeDelayMs = ms('probeDelayMs', options.probeDelayMs, d.probeDelayMs);
  const maxProbeDelayMs = ms('maxProbeDelayMs', options.maxProbeDelayMs, Math.max(d.maxProbeDelayMs, probeDelayMs));
  if (maxProbeDelayMs < probeDelayMs) throw invalid(PREFIX, 'maxProbeDelayMs', 'at least probeDelayMs', maxProbeDelayMs);
  return Object.freeze({
    minRate,
    maxRate,
    beta: numberOption(PREFIX, 'beta', options.beta, d.beta, { min: 0.05, max: 0.95, expected: 'a number from 0.05 to 0.95' }),
    recoveryMs: ms('recoveryMs', options.recoveryMs, d.recoveryMs),
    windowMs: ms('windowMs', options.windowMs, d.windowMs, 10),
    doublingMs: ms('doublingMs', options.doublingMs, d.doublingMs),
    burstMs: numberOption(PREFIX, 'burstMs', options.burstMs, d.burstMs, { max: 10_000 }),
    failureThreshold: numberOption(PREFIX, 'failureThreshold', options.failureThreshold, d.failureThreshold, {
      min: 1,
      max: 1_000_000,
      integer: true,
      expected: 'an integer from 1 to 1000000',
    }),
    probeDelayMs,
    maxProbeDelayMs,
    probeLeaseMs: ms('probeLeaseMs', options.probeLeaseMs, d.probeLeaseMs),
    maxPauseMs: ms('maxPauseMs', options.maxPauseMs, d.maxPauseMs, 0),
    initialWindow: numberOption(PREFIX, 'initialWindow', options.initialWindow, d.initialWindow, {
      max: 1024,
      integer: true,
      expected: 'an integer from 0 to 1024',
    }),
  });
}

function isStoreLike(value: unknown): value is PacerStore {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Record<string, unknown>;
  return (
    typeof s.get === 'function' && typeof s.set === 'function' && typeof s.delete === 'function' && typeof s.keys === 'function'
  );
}

function vendorOfKey(key: string): string {
  const bar = key.indexOf('|');
  return bar === -1 ? key : key.slice(0, bar);
}

/**
 * Creates a client-side pacer: per key (`vendor|host`, see {@link pacerKey}), a send rate that
 * rate limits lower and successes raise (CUBIC on a token bucket), a pause for `Retry-After`
 * released at that rate, and a circuit breaker that holds calls during an outage and probes one
 * at a time. Share one pacer among every client (axios, ky, fetch) that calls the same vendors,
 * and hand it to the retry engine as `retry: { pacer }`: it then waits before every attempt and
 * reports every result. The algorithm is described in `src/pacer/algorithm.ts`.
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
  if (typeof options !== 'object' || options === null) throw new TypeError('createPacer: options must be an object');
  const params = resolveParams(options);
  const clock = functionOption<() => number>(PREFIX, 'now', options.now) ?? Date.now;
  const onChange = functionOption<(change: PacerChange) => void>(PREFIX, 'onChange', options.onChange);
  if (options.store !== undefined && !isStoreLike(options.store)) {
    throw invalid(PREFIX, 'store', 'a PacerStore (get, set, delete, keys)', options.store);
  }
  const store: PacerStore = options.store ?? createMemoryPacerStore();
  const kinds = options.outageKinds ?? DEFAULT_OUTAGE_KINDS;
  if (!Array.isArray(kinds) || kinds.some((k) => typeof k !== 'string')) {
    throw invalid(PREFIX, 'outageKinds', 'an array of error kinds', kinds);
  }
  const outageKinds = new Set<string>(kinds);
  outageKinds.delete('rate-limited');
  const lanes = new Map<string, Lane>();
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
    const lane = lanes.get(key);
    return lane?.counter && lane.idle === state ? withSuccessCounter(state, lane.counter) : state;
  }

  /** Whether `lane`'s key is idle and the store still holds the state that says so. */
  function idleNow(lane: Lane): boolean {
    return lane.idle !== undefined && lane.idle === store.get(lane.key);
  }

  function laneOf(key: string): Lane {
    let lane = lanes.get(key);
    if (lane) return lane;
    if (lanes.size >= MAX_LANES) prune();
    lane = {
      key,
      queue: new Set(),
      inFlight: 0,
      timer: undefined,
      timerAt: 0,
      lastError: undefined,
      seenState: 'closed',
      seenRate: params.maxRate,
      seenPause: 0,
      idle: undefined,
      counter: undefined,
    };
    lanes.set(key, lane);
    return lane;
  }

  /** Forgets lanes with nothing queued, nothing in flight and no timer (an idle one's counts go to the store first). */
  function prune(): void {
    for (const [key, lane] of lanes) {
      if (lane.queue.size === 0 && lane.inFlight === 0 && lane.timer === undefined) {
        if (lane.counter && idleNow(lane)) store.set(key, load(key, lastNow));
        lanes.delete(key);
      }
    }
  }

  function snapshotOf(state: PacerState, t: number, lane: Lane | undefined): PacerKeySnapshot {
    return Object.freeze({
      state: keyState(state, t),
      phase: state.phase,
      rate: state.rate,
      measuredRate: measuredRate(state, t, params),
      queue: lane?.queue.size ?? 0,
      inFlight: lane?.inFlight ?? 0,
      pausedUntil: state.pausedUntil > t ? state.pausedUntil : undefined,
      failures: state.failures,
      probeAt: state.circuit === 'open' ? state.probeAt : undefined,
    });
  }

  function tell(lane: Lane, state: PacerState, t: number): void {
    if (!onChange) return;
    const current = keyState(state, t);
    let reason: PacerChange['reason'] | undefined;
    if (state.pausedUntil > lane.seenPause && state.pausedUntil > t) reason = 'pause';
    else if (state.rate < lane.seenRate && state.phase !== 'unlimited') reason = 'decrease';
    else if (current !== lane.seenState) reason = 'state';
    const previousState = lane.seenState;
    lane.seenState = current;
    lane.seenRate = state.rate;
    lane.seenPause = Math.max(lane.seenPause, state.pausedUntil);
    if (!reason) return;
    try {
      onChange({ key: lane.key, reason, previousState, snapshot: snapshotOf(state, t, lane) });
    } catch {
      // A logging callback cannot break pacing.
    }
  }

  function describeHold(key: string, state: PacerState, t: number): string {
    switch (keyState(state, t)) {
      case 'paused':
        return `its key ${key} resumes from a Retry-After pause in ${Math.ceil(state.pausedUntil - t)} ms`;
      case 'open':
        return `the vendor, down after ${state.failures} consecutive failures, answers a probe (next probe in ${Math.max(0, Math.ceil(state.probeAt - t))} ms)`;
      case 'probing':
        return `the probe sent to the vendor after an outage comes back`;
      default:
        return `its turn at ${state.rate.toFixed(2)} requests/s on ${key}`;
    }
  }

  function deadlineError(lane: Lane, state: PacerState, t: number, waiter: Waiter | undefined): VendorError {
    const waited = waiter ? Math.max(0, t - waiter.enqueuedAt) : 0;
    const detail = `the pacer held the call for ${Math.round(waited)} ms and its deadline passed before ${describeHold(lane.key, state, t)}; it was not sent`;
    const last = lane.lastError;
    const error = last
      ? createVendorError(last.kind, {
          vendor: last.vendor,
          status: last.status,
          code: last.code,
          codeName: last.codeName,
          vendorMessage: last.vendorMessage,
          message: `${last.message} — ${detail}`,
          retry: last.retry,
          retryAfterMs: last.retryAfterMs,
          cause: last,
        })
      : new ServiceUnavailableError({ vendor: vendorOfKey(lane.key), message: `${vendorOfKey(lane.key)}: ${detail}` });
    return attachRetryHistory(error, [], { retried: false, reason: 'deadline', detail });
  }

  function settleWaiter(lane: Lane, waiter: Waiter): void {
    lane.queue.delete(waiter);
    if (waiter.timer !== undefined) clearTimeout(waiter.timer);
    waiter.timer = undefined;
    if (waiter.signal && waiter.onAbort) waiter.signal.removeEventListener('abort', waiter.onAbort);
    waiter.onAbort = undefined;
  }

  function disarm(lane: Lane): void {
    if (lane.timer !== undefined) clearTimeout(lane.timer);
    lane.timer = undefined;
    lane.timerAt = 0;
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
      const head = lane.queue.values().next().value as Waiter | undefined;
      if (!head) {
        disarm(lane);
        break;
      }
      const at = nextSendTime(state, t, params, lane.inFlight);
      if (at > t) {
        if (head.deadline < earliestSendTime(state, t)) {
          // Foreseen: it cannot go before its deadline. Do not hold it for nothing.
          settleWaiter(lane, head);
          head.reject(deadlineError(lane, state, t, head));
          continue;
        }
        arm(lane, at, t);
        break;
      }
      state = onSend(state, t, params);
      settleWaiter(lane, head);
      lane.inFlight++;
      head.resolve({ key: lane.key, sentAt: t, waitedMs: Math.max(0, t - head.enqueuedAt) });
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
    if (isUnrestricted(state, t, lane.inFlight)) {
      // The common case: never limited, never down. Nothing to compute, nothing to store.
      lane.inFlight++;
      return { key: lane.key, sentAt: t, waitedMs: 0 };
    }
    if (nextSendTime(state, t, params, lane.inFlight) > t) return undefined;
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
      const waiter: Waiter = { enqueuedAt: t, deadline, resolve, reject, signal, onAbort: undefined, timer: undefined };
      if (signal) {
        waiter.onAbort = () => {
          if (!lane.queue.has(waiter)) return;
          settleWaiter(lane, waiter);
          if (lane.queue.size === 0) disarm(lane);
          reject(abortReason(signal));
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      if (Number.isFinite(deadline) && deadline - t <= MAX_TIMER_MS) {
        waiter.timer = setTimeout(
          () => {
            waiter.timer = undefined;
            if (!lane.queue.has(waiter)) return;
            settleWaiter(lane, waiter);
            if (lane.queue.size === 0) disarm(lane);
            const at = now();
            reject(deadlineError(lane, load(key, at), at, waiter));
          },
          Math.max(0, Math.ceil(deadline - t)),
        );
        // The lane's own timer keeps the process alive while anyone waits; this one need not.
        unref(waiter.timer);
      }
      lane.queue.add(waiter);
      pump(lane);
    });
  }

  function report(key: string, outcome: VendorError | undefined | 'cancelled', info: PacerReportInfo = {}): void {
    if (closed || typeof key !== 'string') return;
    try {
      const given = info?.now;
      const t = typeof given === 'number' && Number.isFinite(given) ? given : now();
      const sentAt = typeof info?.sentAt === 'number' && Number.isFinite(info.sentAt) ? info.sentAt : undefined;
      const lane = lanes.get(key);
      if (lane && lane.inFlight > 0) lane.inFlight--;
      if (outcome === undefined && lane?.counter && idleNow(lane) && isIdle(lane.idle as PacerState, sentAt)) {
        // An idle key's success: count it in place, write nothing (see Lane.idle) ...
        const counter = lane.counter;
        const bucket = counter.windowStart;
        countSuccess(counter, lane.idle as PacerState, t, params);
        if (counter.windowStart !== bucket) {
          // ... but once per window, so that the store (its recency too) is never far behind.
          const state = withSuccessCounter(lane.idle as PacerState, counter);
          store.set(key, state);
          lane.idle = state;
        }
        if (lane.queue.size > 0) pump(lane);
        return;
      }
      const state = load(key, t);
      let next: PacerState;
      if (outcome === undefined) {
        next = onSuccess(state, t, params, { sentAt });
      } else if (!isVendorError(outcome)) {
        next = onCancel(state, t, params, { sentAt });
      } else {
        const hint = outcome.retryAfterMs;
        const signal = { sentAt, retryAfterMs: hint, inFlight: lane?.inFlight ?? 0 };
        if (isBackPressure(outcome)) {
          next = onThrottle(state, t, params, signal);
          laneOf(key).lastError = outcome;
        } else if (outageKinds.has(outcome.kind)) {
          next = onFailure(state, t, params, signal);
          laneOf(key).lastError = outcome;
        } else {
          // A 404 or a 400 is an answer: the vendor is up and did not limit us. A timeout or a
          // network failure (when not counted as outages) says nothing either way.
          next = NO_ANSWER.has(outcome.kind) ? onCancel(state, t, params, { sentAt }) : onSuccess(state, t, params, { sentAt });
          // Whatever it was, a Retry-After is the vendor asking for a pause.
          if (typeof hint === 'number') next = onPause(next, t, params, signal);
        }
      }
      if (next !== state) store.set(key, next);
      const current = lanes.get(key);
      if (current && outcome === undefined && isIdle(next)) {
        // From now on, successes count on the lane while the store holds this very state.
        current.idle = next;
        current.counter = successCounterOf(next);
      }
      // Back to normal: the last error is no model for anything any more (and may hold a response).
      if (current && isUnrestricted(next, t)) current.lastError = undefined;
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
    const state = load(key, t);
    const queued = lanes.get(key)?.queue.size ?? 0;
    const wait =
      Math.max(0, nextSendTime(state, t, params, lanes.get(key)?.inFlight ?? 0) - t) +
      (state.phase === 'unlimited' ? 0 : (queued * 1000) / state.rate);
    return Math.min(wait, MAX_TIMER_MS);
  }

  function snapshot(): Readonly<Record<string, PacerKeySnapshot>> {
    const t = now();
    const out: Record<string, PacerKeySnapshot> = {};
    const keys = new Set<string>([...store.keys(), ...lanes.keys()]);
    for (const key of keys) out[key] = snapshotOf(load(key, t), t, lanes.get(key));
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
  }

  return Object.freeze({ now, keyOf: pacerKey, tryAcquire, acquire, report, estimateWait, snapshot, close });
}
