import { functionOption, invalid, MAX_TIMER_MS, numberOption } from '../core/options.js';
import type { FleetGate } from '../pacer/fleet.js';
import type { PacerStore } from '../pacer/store.js';

/** Options of {@link createRetryBudget}. */
export interface RetryBudgetOptions {
  /**
   * Retries allowed per first attempt: each call's first attempt deposits this many tokens and
   * each retry withdraws one. Counted to 6 decimal places; from 0 to 1000.
   * @default 0.1
   */
  readonly ratio?: number;
  /**
   * Retries allowed per second whatever the traffic, so that a quiet client can still retry.
   * @default 10
   */
  readonly minPerSecond?: number;
  /**
   * How long a deposit (and a withdrawal) counts, in ms; at least 1.
   * @default 10_000
   */
  readonly windowMs?: number;
  /**
   * Clock in ms, for tests.
   * @default Date.now
   */
  readonly now?: () => number;
  /**
   * A store shared by processes (`createRedisPacerStore` from `vendor-errors/redis`): the budget is
   * then the fleet's, one per `key` (every process with the same options and key shares it).
   * Retries are leased from it a few at a time and deposits travel in batches, so `tryAcquire`
   * stays synchronous; while the fleet cannot be asked, this process's own budget decides.
   * @default undefined (this process alone)
   */
  readonly store?: PacerStore;
  /**
   * The shared budget's name (with `store`).
   * @default 'retry-budget'
   */
  readonly key?: string;
}

/** What a budget holds right now, over the current window. */
export interface RetryBudgetSnapshot {
  /** First attempts recorded in the window. */
  readonly requests: number;
  /** Retries granted in the window. */
  readonly retries: number;
  /** Tokens left: `ratio · requests + minPerSecond · windowMs / 1000 − retries` (may be fractional). */
  readonly balance: number;
  /** Whole retries that may be granted now. */
  readonly available: number;
}

/**
 * Caps retries relative to traffic, so that a failing vendor sees at most `ratio` extra load
 * from retries (plus a small floor) instead of `retries + 1` times the load. Share one budget
 * among every client that talks to the same vendor. {@link retry} calls `recordRequest()` on each
 * call's first attempt and `tryAcquire()` before each retry.
 */
export interface RetryBudget {
  /** Records a call's first attempt, depositing `ratio` tokens. */
  recordRequest(): void;
  /** Withdraws one token for a retry; `false` (and nothing withdrawn) when less than one is left. */
  tryAcquire(): boolean;
  /** The current balance, for logs and metrics. */
  snapshot(): RetryBudgetSnapshot;
}

// Tokens are counted in millionths, so that ten deposits of 0.1 make exactly one retry.
const SCALE = 1_000_000;
// The window is cut into this many slices: an entry expires between 9/10 and 10/10 of windowMs.
const SLICES = 10;
const PREFIX = 'retry budget option';
/** Retries a process holds at most (leased from the fleet, spent without a round trip). */
const LEASE = 4;
/** Deposits a process holds before it tells the fleet. */
const BATCH = 16;
/** After the fleet failed to answer, the process's own budget decides for this long. */
const ALONE_MS = 1000;

function slot(slice: number): number {
  return ((slice % SLICES) + SLICES) % SLICES;
}

/**
 * A retry budget in the manner of Finagle's `RetryBudget` and gRPC's retry throttling: within a
 * window, retries may add at most `ratio` of the first attempts made in that window, plus
 * `minPerSecond · windowMs / 1000` so that low-traffic clients can still retry. Deposits and
 * withdrawals both stop counting after `windowMs` (slice by slice, so up to a tenth earlier).
 *
 * The budget holds only numbers (two fixed rings of ten counters), so one instance may be shared
 * by any number of clients without growing. Throws `TypeError` naming a bad option.
 *
 * @example
 * const budget = createRetryBudget({ ratio: 0.2 }); // one per vendor, shared by its clients
 * await retry(() => call(), { budget, method: 'GET' });
 * budget.snapshot(); // { requests: 1, retries: 0, balance: 100.2, available: 100 }
 */
export function createRetryBudget(options: RetryBudgetOptions = {}): RetryBudget {
  if (typeof options !== 'object' || options === null) throw new TypeError('createRetryBudget: options must be an object');
  const ratio = numberOption(PREFIX, 'ratio', options.ratio, 0.1, { max: 1000, expected: 'a finite number from 0 to 1000' });
  const minPerSecond = numberOption(PREFIX, 'minPerSecond', options.minPerSecond, 10, { max: 1_000_000 });
  const windowMs = numberOption(PREFIX, 'windowMs', options.windowMs, 10_000, {
    min: 1,
    max: MAX_TIMER_MS,
    expected: 'a finite number of ms ≥ 1',
  });
  const now = functionOption<() => number>(PREFIX, 'now', options.now) ?? Date.now;

  const deposit = Math.round(ratio * SCALE);
  const reserve = Math.round(((minPerSecond * windowMs) / 1000) * SCALE);
  const sliceMs = windowMs / SLICES;
  const requests = new Float64Array(SLICES);
  const retries = new Float64Array(SLICES);
  let requestTotal = 0;
  let retryTotal = 0;
  let current: number | undefined;

  /** Moves to the clock's slice, forgetting slices that left the window; returns its ring slot. */
  function advance(): number {
    const t = now();
    const slice = typeof t === 'number' && Number.isFinite(t) ? Math.floor(t / sliceMs) : (current ?? 0);
    if (current === undefined || slice - current >= SLICES) {
      requests.fill(0);
      retries.fill(0);
      requestTotal = 0;
      retryTotal = 0;
      current = slice;
    } else if (slice > current) {
      const steps = slice - current;
      for (let k = 1; k <= steps; k++) {
        const i = slot(current + k);
        requestTotal -= requests[i]!;
        retryTotal -= retries[i]!;
        requests[i] = 0;
        retries[i] = 0;
      }
      current = slice;
    }
    // A clock that went back stays in the current slice: nothing expires early.
    return slot(current);
  }

  const scaledBalance = (): number => requestTotal * deposit + reserve - retryTotal * SCALE;
  const fleet = fleetOf(options.store);
  const key = options.key ?? 'retry-budget';
  if (typeof key !== 'string' || key === '') throw invalid(PREFIX, 'key', 'a non-empty string', key);

  // The fleet's side: retries leased and not yet spent, first attempts not yet told, the
  // fleet's balance at its last answer (this process's local clock: when it was heard).
  let lease = 0;
  let leasedAt = 0;
  let deposits = 0;
  let asking = false;
  let heardAt = Number.NEGATIVE_INFINITY;
  let fleetBalance = 0;
  let aloneUntil = 0;

  function clock(): number {
    const t = now();
    return typeof t === 'number' && Number.isFinite(t) ? t : 0;
  }

  /** Whether the fleet's last answer still decides (it answered within the window, and not failed since). */
  function fleetDecides(t: number): boolean {
    return fleet !== undefined && t >= aloneUntil && t - heardAt < windowMs;
  }

  /** One round trip at a time: deposits, unused leases back (after a slice), a new lease. */
  function sync(t: number): void {
    if (!fleet || asking || t < aloneUntil) return;
    asking = true;
    const told = deposits;
    deposits = 0;
    const giveBack = lease > 0 && t - leasedAt > sliceMs ? lease : 0;
    lease -= giveBack;
    const want = LEASE - lease;
    (fleet.budget as NonNullable<FleetGate['budget']>)({
      key,
      deposits: told,
      want,
      giveBack,
      ratio,
      minPerSecond,
      windowMs,
    }).then(
      (answer) => {
        asking = false;
        const at = clock();
        if (!answer) {
          aloneUntil = at + ALONE_MS;
          return;
        }
        if (answer.granted > 0) leasedAt = at;
        lease += answer.granted;
        fleetBalance = answer.balance;
        heardAt = at;
      },
      () => {
        asking = false;
        aloneUntil = clock() + ALONE_MS;
      },
    );
  }

  return Object.freeze({
    recordRequest(): void {
      const i = advance();
      requests[i]! += 1;
      requestTotal += 1;
      if (!fleet) return;
      deposits++;
      const t = clock();
      if (deposits >= BATCH || lease < LEASE / 2 || t - heardAt > sliceMs) sync(t);
    },
    tryAcquire(): boolean {
      const i = advance();
      const t = clock();
      if (fleetDecides(t)) {
        // The fleet's budget: a leased retry, or none (and ask for more).
        const ok = lease >= 1;
        if (ok) {
          lease--;
          retries[i]! += 1;
          retryTotal += 1;
        }
        if (lease < LEASE / 2) sync(t);
        return ok;
      }
      sync(t);
      if (scaledBalance() < SCALE) return false;
      retries[i]! += 1;
      retryTotal += 1;
      return true;
    },
    snapshot(): RetryBudgetSnapshot {
      advance();
      // With a fleet that answered: its balance (this process's unspent lease included).
      const scaled = fleetDecides(clock()) ? Math.round((fleetBalance + lease) * SCALE) : scaledBalance();
      return Object.freeze({
        requests: requestTotal,
        retries: retryTotal,
        balance: scaled / SCALE,
        available: Math.max(0, Math.floor(scaled / SCALE)),
      });
    },
  });
}

/** The fleet link of a shared store, or `undefined` without one; a TypeError for a store that shares nothing. */
function fleetOf(store: PacerStore | undefined): FleetGate | undefined {
  if (store === undefined) return undefined;
  const fleet = typeof store === 'object' && store !== null ? store.fleet : undefined;
  if (!fleet || typeof fleet.budget !== 'function') {
    throw invalid(PREFIX, 'store', 'a store shared by processes (createRedisPacerStore)', store);
  }
  return fleet;
}
