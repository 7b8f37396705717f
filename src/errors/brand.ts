/**
 * The brand every `VendorError` carries, and the check that reads it. A file of its own so that
 * code that only asks "is this one of ours?" bundles these few lines, not the error hierarchy,
 * its messages and the redaction patterns.
 */
import type { AnyVendorError } from './index.js';

/** Registered (`Symbol.for`), so two copies of the package, or two realms, agree on it. */
export const BRAND = Symbol.for('vendor-errors.VendorError');

/**
 * `true` for any error built by any copy of vendor-errors (brand check, not name matching).
 * Narrows to the union of the fifteen classes, so `kind` then narrows to one class.
 *
 * @example
 * if (isVendorError(err) && err.retryable) scheduleLater();
 */
export function isVendorError(value: unknown): value is AnyVendorError {
  try {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  } catch {
    // A revoked Proxy throws on any property read; it is certainly not one of ours.
    return false;
  }
}
