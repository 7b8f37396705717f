/**
 * Regression tests for defects the hardening suite found in the core: each was first kept as
 * `it.fails` (green while open, red once fixed), and is now a plain test.
 */
import { describe, expect, it } from 'vitest';
import { upyun } from '../../adapters/index.js';
import { isVendorError, normalize } from '../../src/index.js';
import { transportError } from '../../src/advanced.js';

describe('fixed defects (found with issue #5)', () => {
  // Was: src/errors/vendor-error.ts isVendorError() read `value[BRAND]` outside a try, so a
  // revoked Proxy (or one whose `get` trap throws) made the brand check, transportError and
  // `instanceof VendorError` throw. Fixed in af1f851.
  it('isVendorError / transportError on a revoked or throwing Proxy do not throw', () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(isVendorError(proxy)).toBe(false);
    expect(transportError(upyun, proxy).kind).toBe('network');
    const trap = new Proxy(
      {},
      {
        get() {
          throw new Error('trap');
        },
      },
    );
    expect(transportError(upyun, trap).kind).toBe('network');
  });

  // Was: src/core/normalize.ts passed a NaN `now` on to parseRetryAfter, whose date branch gave
  // `{ ms: NaN }`, so `err.retryAfterMs` was NaN. Fixed in af1f851.
  it('a NaN clock never gives a NaN retryAfterMs', () => {
    const err = normalize(upyun, { status: 429, headers: { 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT' }, now: Number.NaN });
    expect(Number.isNaN(err?.retryAfterMs)).toBe(false);
  });
});
