/** Shared bits of the example SDK tests. */
import { inspect } from 'node:util';
import { expect } from 'vitest';
import { isVendorError, type RetryInfo, type VendorError } from 'vendor-errors';
import { mulberry32 } from 'vendor-errors/testing';

/** Waits for `promise` to reject with a `VendorError` and returns it. */
export async function vendorRejection(promise: Promise<unknown>): Promise<VendorError> {
  const outcome = await promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  if (outcome.ok) throw new Error(`expected a rejection, got ${inspect(outcome.value)}`);
  if (!isVendorError(outcome.error)) throw new Error(`expected a VendorError, got ${inspect(outcome.error)}`);
  return outcome.error;
}

/** Asserts that no secret appears in what an error shows: message, JSON, inspect and stack. */
export function expectNoSecrets(error: VendorError, secrets: readonly string[]): void {
  const shown = [error.message, JSON.stringify(error), inspect(error, { depth: 5 }), String(error.stack), String(error.url)];
  for (const secret of secrets) {
    for (const text of shown) expect(text).not.toContain(secret);
  }
}

/**
 * Fast, replayable retry settings: millisecond backoff and a seeded jitter, so tests assert
 * request counts rather than times. `log` collects every retry the engine schedules.
 */
export function fastRetry(log: RetryInfo[] = []) {
  return {
    retries: 8,
    baseDelayMs: 10,
    rateLimitBaseDelayMs: 40,
    maxDelayMs: 200,
    maxElapsedMs: 10_000,
    random: mulberry32(7),
    onRetry: (info: RetryInfo) => {
      log.push(info);
    },
  };
}
