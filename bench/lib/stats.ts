/** Small statistics helpers for the benchmark (no dependencies). */

/** The q-quantile (0 ≤ q ≤ 1) of `values` by linear interpolation; `undefined` when empty. */
export function quantile(values: readonly number[], q: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = Math.min(1, Math.max(0, q)) * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (pos - lo);
}

/** The median of `values`; `undefined` when empty. */
export function median(values: readonly number[]): number | undefined {
  return quantile(values, 0.5);
}

/** Counts of `timestamps` (ms) in bins of `binMs` from `start` to `end` (both ms on the same clock). */
export function bins(timestamps: readonly number[], start: number, end: number, binMs: number): number[] {
  const n = Math.max(1, Math.ceil((end - start) / binMs));
  const out = new Array<number>(n).fill(0);
  for (const t of timestamps) {
    const i = Math.floor((t - start) / binMs);
    if (i >= 0 && i < n) out[i] = (out[i] ?? 0) + 1;
    else if (i >= n) out[n - 1] = (out[n - 1] ?? 0) + 1;
  }
  return out;
}

/** A median and a distribution-free confidence interval for it. */
export interface MedianInterval {
  readonly median: number;
  readonly low: number;
  readonly high: number;
  /** The interval's actual coverage (≥ the confidence asked for, or the most `n` values allow). */
  readonly coverage: number;
}

/** One client with a change (`onId`) against itself without it (`offId`), over adjacent pairs. */
export interface PairedRatios {
  readonly offId: string;
  readonly onId: string;
  /** One ratio per adjacent pair (what it is a ratio of: the row's own doc). */
  readonly ratios: readonly number[];
  /** Median of `ratios`, with its 95 % interval. */
  readonly ratio: MedianInterval;
  /** Quartiles of `ratios` (the spread of one pair). */
  readonly q1: number;
  readonly q3: number;
}

/**
 * The median of `values` and a confidence interval for the population median that assumes
 * nothing about the distribution: the k-th smallest and k-th largest values, with k the largest
 * rank for which P(Binomial(n, ½) < k) ≤ (1 − confidence) / 2 (the sign-test interval, e.g.
 * Conover, *Practical Nonparametric Statistics*, §3.2). With 40 values and 95 %, k = 14: the
 * 14th and 27th smallest. `undefined` when empty; with too few values for the confidence, the
 * interval is the whole range (and `coverage` says how much that is).
 */
export function medianInterval(values: readonly number[], confidence = 0.95): MedianInterval | undefined {
  const n = values.length;
  if (n === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const tail = (1 - confidence) / 2;
  // P(X ≤ j) for X ~ Binomial(n, ½), summed in logs so that large n does not overflow.
  let logC = 0; // log C(n, j)
  let cdf = 0;
  let k = 1;
  for (let j = 0; j < n; j++) {
    if (j > 0) logC += Math.log((n - j + 1) / j);
    cdf += Math.exp(logC - n * Math.LN2);
    // P(X < j + 1) ≤ tail: rank j + 1 leaves at most `tail` outside on each side.
    if (cdf <= tail) k = j + 1;
    else break;
  }
  k = Math.min(k, Math.ceil(n / 2));
  let below = 0; // P(X < k)
  logC = 0;
  for (let j = 0; j < k; j++) {
    if (j > 0) logC += Math.log((n - j + 1) / j);
    below += Math.exp(logC - n * Math.LN2);
  }
  return {
    median: quantile(sorted, 0.5) as number,
    low: sorted[k - 1] as number,
    high: sorted[n - k] as number,
    coverage: Math.max(0, 1 - 2 * below),
  };
}
