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
