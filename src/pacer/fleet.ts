/**
 * What a pacer needs from a store shared by many processes (`vendor-errors/redis`), and how the
 * fleet's answer is folded into the process's own state. The in-memory store has none of this: a
 * pacer without a fleet never waits for anything but its own timers.
 */
import type { PacerParams } from './params.js';
import { clamp, type PacerState } from './state.js';

/** The fleet's view of one key, times relative to when it was read. */
export interface FleetView {
  /** The fleet's learned rate, sends per second (0: the fleet knows no limit). */
  readonly rate: number;
  /** How long the fleet's Retry-After pause still runs, in ms (0: none). */
  readonly pausedForMs: number;
  /** The fleet's circuit: 0 closed, 1 open, 2 one probe out. */
  readonly circuit: number;
  /** When the circuit is open: ms until the next probe may go. */
  readonly probeInMs: number;
  /** Processes that asked for this key in the last 5 s (this one included). */
  readonly live: number;
}

/** The fleet's answer to one request for a send slot, or to a report. */
export interface FleetAnswer {
  /** A slot was reserved: send after `waitMs`. */
  readonly granted: boolean;
  /** Granted: the slot is this many ms ahead; not granted: ask again after this many ms. */
  readonly waitMs: number;
  readonly view: FleetView;
}

/** One call of a retry budget shared by the fleet (`createRetryBudget({ store })`). */
export interface FleetBudgetCall {
  /** The budget's name: every process using the same one shares it. */
  readonly key: string;
  /** First attempts this process recorded since its last call. */
  readonly deposits: number;
  /** Retries this process wants to hold (leased now, spent later without a round trip). */
  readonly want: number;
  /** Retries it leased before and did not use. */
  readonly giveBack: number;
  /** The budget's options (the same in every process). */
  readonly ratio: number;
  readonly minPerSecond: number;
  readonly windowMs: number;
}

/** The fleet's answer: retries leased to this process, and the fleet's balance after the call. */
export interface FleetBudgetAnswer {
  readonly granted: number;
  readonly balance: number;
}

/** What a fleet answer can tell of: a rate limit, an outage answer, a pause hint, a cancelled probe, a success. */
export type FleetEvent = 't' | 'f' | 'p' | 'c' | 's';

/**
 * A store's link to the rest of the fleet. Its promises never reject: `undefined` means the fleet
 * could not be asked in time (down, slow, restarting), and the pacer paces alone meanwhile.
 */
export interface FleetGate {
  /** Called by `createPacer` with its constants, which the fleet's rules then use. */
  attach(params: PacerParams): void;
  /**
   * One send slot for `key` (one round trip). `seedRate`: this process's rate, for a fleet that
   * forgot it (0: none); `measured`: this process's measured rate (the fleet's is their sum).
   */
  reserve(key: string, seedRate: number, measured: number): Promise<FleetAnswer | undefined>;
  /**
   * Tells the fleet of an answer (one round trip); `ageMs`: how long ago its request was sent;
   * `measured`: this process's own measured rate (where a first limit's slow start begins).
   */
  report(key: string, event: FleetEvent, ageMs: number, retryAfterMs: number, measured: number): Promise<FleetAnswer | undefined>;
  /** Whether the fleet is worth asking now (`false` for a while after it failed to answer twice). */
  available(): boolean;
  /** Counts a success; it travels with the key's next `reserve` (no round trip of its own). */
  success(key: string): void;
  /** A retry budget's deposits and lease, atomically (one round trip; `undefined`: not answered in time). */
  budget?(call: FleetBudgetCall): Promise<FleetBudgetAnswer | undefined>;
}

/** The fleet limits this key: every send asks it first. */
export function fleetLimits(view: FleetView): boolean {
  return view.rate > 0 || view.pausedForMs > 0 || view.circuit !== 0;
}

/**
 * `state` with the fleet's rate, pause and circuit (the fleet decides while it can be asked; the
 * process's own rules keep running underneath, for when it cannot).
 */
export function adoptFleet(state: PacerState, view: FleetView, t: number, params: PacerParams): PacerState {
  const d = { ...state, updatedAt: Math.max(state.updatedAt, t) };
  if (view.rate > 0) {
    if (d.phase === 'unlimited') {
      // Another process found the limit: start at the fleet's rate, CUBIC from its plateau.
      d.phase = 'steady';
      d.window = 0;
      d.wMax = view.rate;
      d.epoch = t - params.recoveryMs;
      d.tokens = Math.min(d.tokens, 1);
      d.refilledAt = Math.max(d.refilledAt, t);
    }
    d.rate = clamp(view.rate, params.minRate, params.maxRate);
  } else if (d.phase !== 'unlimited' && view.pausedForMs === 0 && view.circuit === 0) {
    // The fleet climbed back to maxRate: no limit any more.
    d.phase = 'unlimited';
    d.rate = params.maxRate;
    d.ceiling = 0;
  }
  if (view.pausedForMs > 0) d.pausedUntil = Math.max(d.pausedUntil, t + view.pausedForMs);
  if (view.circuit !== 0 && d.circuit === 'closed') {
    d.circuit = 'open';
    d.openedAt = t;
    d.probeAt = t + view.probeInMs;
    d.probeSentAt = 0;
  } else if (view.circuit === 0 && d.circuit !== 'closed') {
    d.circuit = 'closed';
    d.failures = 0;
    d.probeSentAt = 0;
    d.probeAt = 0;
  }
  return d;
}

/**
 * The process alone (the fleet cannot be asked): its share of the last fleet rate, the rate
 * divided among the processes that were live, so the fleet together stays near the limit.
 */
export function localShare(state: PacerState, view: FleetView | undefined, t: number, params: PacerParams): PacerState {
  if (!view || view.rate <= 0) return state;
  const share = clamp(view.rate / Math.max(1, view.live), params.minRate, params.maxRate);
  if (state.phase !== 'unlimited' && state.rate <= share) return state;
  return {
    ...state,
    phase: 'steady',
    rate: share,
    wMax: share,
    epoch: t - params.recoveryMs,
    window: 0,
    tokens: Math.min(state.tokens, 1),
    refilledAt: Math.max(state.refilledAt, t),
    updatedAt: Math.max(state.updatedAt, t),
  };
}
