/** The algorithm's constants, one frozen defaults object; the measurements behind each: docs/pacer.md. */

/** The constants of the algorithm; see the module comment for the reasoning. */
export interface PacerParams {
  /** Lowest rate, sends per second. @default 0.5 (AWS's minimum fill rate) */
  readonly minRate: number;
  /** Highest rate; reaching it switches the bucket off again. @default 10_000 */
  readonly maxRate: number;
  /** Multiplicative decrease. @default 0.7 (RFC 8312, AWS) */
  readonly beta: number;
  /** CUBIC's K: ms to climb back to the throttled rate after a decrease. @default 2000 */
  readonly recoveryMs: number;
  /** Success-rate window, and the longest wait for old traffic after a decrease. @default 500 */
  readonly windowMs: number;
  /** Slow start doubles the rate this often while successes arrive. @default 200 */
  readonly doublingMs: number;
  /** Bucket capacity in ms of sends (at least one token). @default 20 */
  readonly burstMs: number;
  /** Consecutive outage answers that open the circuit. @default 5 */
  readonly failureThreshold: number;
  /** Wait before the first probe; ×1.5 after each failed probe. @default 250 */
  readonly probeDelayMs: number;
  /** Longest wait between probes. @default 10_000 */
  readonly maxProbeDelayMs: number;
  /** A probe that has not reported after this long is presumed lost. @default 30_000 */
  readonly probeLeaseMs: number;
  /** Longest pause a Retry-After may impose on a key. @default 60_000 */
  readonly maxPauseMs: number;
  /** Requests a fresh key may have in flight from its first answer on; its first flight is uncapped (0: no cap). @default 10 */
  readonly initialWindow: number;
}

/** The defaults of {@link PacerParams}. */
export const DEFAULT_PACER_PARAMS: PacerParams = Object.freeze({
  minRate: 0.5,
  maxRate: 10_000,
  beta: 0.7,
  recoveryMs: 2000,
  windowMs: 500,
  doublingMs: 200,
  burstMs: 20,
  failureThreshold: 5,
  probeDelayMs: 250,
  maxProbeDelayMs: 10_000,
  probeLeaseMs: 30_000,
  maxPauseMs: 60_000,
  initialWindow: 10,
});

/** Each failed probe makes the wait before the next one this much longer (up to `maxProbeDelayMs`). */
export const PROBE_DELAY_GROWTH = 1.5;

/** A window that has grown to this is lifted: the key has shown it takes this much concurrency. */
export const MAX_WINDOW = 1024;

/** After an outage, slow start begins at this fraction of the rate measured before it... */
export const RECOVERY_START_FRACTION = 1 / 16;
/** ...and any slow start at least at this many sends per second (bounded by `minRate`/`maxRate`). */
export const RECOVERY_START_RATE = 1;
