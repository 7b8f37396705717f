/** What {@link backoffDelay} needs besides the attempt number. */
export interface BackoffOptions {
  /** The ceiling of the first wait, in ms; it doubles on every further attempt. */
  readonly baseMs: number;
  /** No wait is longer than this, in ms. */
  readonly capMs: number;
  /**
   * Source of randomness in [0, 1).
   * @default Math.random
   */
  readonly random?: () => number;
}

// 2^1023 is the largest finite power of two; any exponent above it only means "the cap".
const MAX_EXPONENT = 1023;

function checkMs(name: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new TypeError(`backoffDelay: \`${name}\` must be a finite non-negative number, got ${String(value)}`);
  }
}

/**
 * The ceiling of the wait after `attempt` failed: `min(capMs, baseMs · 2^(attempt-1))`, computed
 * without overflow (huge attempts simply give `capMs`).
 */
export function backoffCeiling(attempt: number, baseMs: number, capMs: number): number {
  if (baseMs === 0 || capMs === 0) return 0;
  const raw = baseMs * 2 ** Math.min(attempt - 1, MAX_EXPONENT);
  return Number.isFinite(raw) && raw < capMs ? raw : capMs;
}

/**
 * Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And
 * Jitter"): a whole number of ms drawn uniformly from `[0, min(capMs, baseMs · 2^(attempt-1))]`.
 * Spreading retries over the whole interval keeps many clients that failed together from
 * retrying together. Pure: the randomness comes from `random`.
 *
 * @param attempt The attempt that just failed, 1 for the first.
 *
 * @example
 * backoffDelay(1, { baseMs: 300, capMs: 20_000 });               // somewhere in 0..300
 * backoffDelay(4, { baseMs: 300, capMs: 20_000, random: () => 0.5 }); // 1200
 */
export function backoffDelay(attempt: number, options: BackoffOptions): number {
  if (typeof attempt !== 'number' || !Number.isInteger(attempt) || attempt < 1) {
    throw new TypeError(`backoffDelay: \`attempt\` must be an integer ≥ 1, got ${String(attempt)}`);
  }
  const { baseMs, capMs } = options;
  checkMs('baseMs', baseMs);
  checkMs('capMs', capMs);
  const ceiling = backoffCeiling(attempt, baseMs, capMs);
  let r = (options.random ?? Math.random)();
  // A broken random source must not produce a negative, NaN or over-the-cap wait.
  if (typeof r !== 'number' || !(r > 0)) r = 0;
  else if (r > 1) r = 1;
  return Math.min(Math.floor(r * ceiling), ceiling);
}
