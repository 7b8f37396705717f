/**
 * `createPacer`'s options: their documentation, and their checks (a `TypeError` naming the bad
 * option), resolved once into the algorithm's frozen {@link PacerParams}.
 */
import type { ErrorKind } from '../errors/kinds.js';
import { functionOption, invalid, MAX_TIMER_MS, numberOption } from '../core/options.js';
import { DEFAULT_PACER_PARAMS, type PacerParams } from './params.js';
import { createMemoryPacerStore, type PacerStore } from './store.js';
import type { PacerChange } from './types.js';

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
   * Window over which successes per second are measured, in ms (10 to 2^31 − 1); also the
   * longest wait for old traffic after a decrease.
   * @default 500
   */
  readonly windowMs?: number;
  /**
   * Slow start (finding the limit, recovering from an outage) doubles the rate this often, in ms.
   * @default 200
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
   * How many requests a fresh key may have in flight once its first answer has come back (its
   * first flight, sent before any answer, is not capped: holding it costs a cold burst a round
   * trip at every vendor); each success allows one more (so the cap doubles per round trip) and
   * past 1024 it is gone. A jump in concurrency at a vendor with a small burst allowance then
   * meets a few refusals instead of all but a few (docs/pacer.md, rule 1). 0: no cap.
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

const PREFIX = 'pacer option';
const DEFAULT_OUTAGE_KINDS: readonly ErrorKind[] = Object.freeze(['unavailable', 'network']);

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

/** {@link PacerOptions}, checked and with their defaults. */
export interface ResolvedPacerOptions {
  readonly params: PacerParams;
  readonly clock: () => number;
  readonly onChange: ((change: PacerChange) => void) | undefined;
  readonly store: PacerStore;
  /** Kinds that count as outages (never `rate-limited`). */
  readonly outageKinds: ReadonlySet<string>;
}

/** Checks `options` (a `TypeError` names the first bad one) and fills in the defaults. */
export function resolvePacerOptions(options: PacerOptions): ResolvedPacerOptions {
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
  return { params, clock, onChange, store, outageKinds };
}
