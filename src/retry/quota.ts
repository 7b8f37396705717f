/**
 * With a pacer: what a success says of the caller's quota. A response (fetch's, ky's, axios')
 * that sends standard rate-limit headers with none left and a reset tells the pacer to hold the
 * key until then, so the next call waits instead of being refused (issue 16).
 */
import { headerLookup, type HeadersInput, parseRateLimit } from '../core/headers.js';

/** The time until the quota resets, in ms, when a success's headers say none is left; else `undefined`. */
export function spentQuotaMs(value: unknown): number | undefined {
  // Duck-typed: the loop never knows the client; anything with `headers` is read, nothing else.
  const headers = typeof value === 'object' && value !== null ? (value as { headers?: unknown }).headers : undefined;
  if (typeof headers !== 'object' || headers === null) return undefined;
  const quota = parseRateLimit(headerLookup(headers as HeadersInput));
  return quota?.remaining === 0 && quota.resetMs !== undefined && quota.resetMs > 0 ? quota.resetMs : undefined;
}
