/**
 * @internal Option checks shared by the retry engine, the pacer and the integrations: each failure
 * is a `TypeError` that names the option and shows the bad value, e.g. "retry option `retries` must
 * be a non-negative integer, got -1". Also the one bound every timer option is checked against.
 */

/** The longest delay a timer can express (2^31 − 1 ms, about 24.8 days). */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** A short, safe rendering of a bad value for an error message. */
export function describeValue(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

export function invalid(prefix: string, name: string, expected: string, value: unknown): TypeError {
  return new TypeError(`${prefix} \`${name}\` must be ${expected}, got ${describeValue(value)}`);
}

/** A finite number in [min, max]; `undefined` gives `fallback`. */
export function numberOption(
  prefix: string,
  name: string,
  value: unknown,
  fallback: number,
  {
    min = 0,
    max = Number.MAX_VALUE,
    integer = false,
    expected,
  }: { min?: number; max?: number; integer?: boolean; expected?: string } = {},
): number {
  if (value === undefined) return fallback;
  const what = expected ?? (integer ? 'a non-negative integer' : 'a finite non-negative number');
  if (typeof value !== 'number' || !Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min) {
    throw invalid(prefix, name, what, value);
  }
  if (value > max) throw invalid(prefix, name, `at most ${max}`, value);
  return value;
}

/** A function or `undefined`. */
export function functionOption<F>(prefix: string, name: string, value: unknown): F | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'function') throw invalid(prefix, name, 'a function', value);
  return value as F;
}
