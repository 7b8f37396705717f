/**
 * Defects the hardening suite found in files outside its remit, kept as `it.fails` so CI
 * stays green while they are open and turns red the moment one is fixed (then flip `it.fails`
 * to `it` and move the case into the suite it belongs to). Each names the file and the fix.
 * The memory one lives in limits.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { upyun } from '../../adapters/index.js';
import { isVendorError, normalize, transportError } from '../../src/index.js';

describe('known defects (reported with issue #5)', () => {
  // src/errors/vendor-error.ts, isVendorError(): reads `value[BRAND]` outside a try, so a
  // revoked Proxy (or one whose `get` trap throws) makes the brand check throw, and with it
  // `transportError` (src/core/transport.ts, first line) and `instanceof VendorError`.
  // Fix: wrap the property read in try/catch and answer false.
  it('isVendorError / transportError on a revoked Proxy do not throw', () => {
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

  // src/core/normalize.ts: `typeof input.now === 'number' ? input.now : Date.now()` lets NaN
  // through to parseRetryAfter (src/core/headers.ts), whose date branch then returns
  // `{ ms: NaN }`, so `err.retryAfterMs` is NaN. decideRetry ignores non-finite hints, so no
  // retry misbehaves, but the field breaks its contract (an integer ≥ 0). Fix: use
  // `Number.isFinite(input.now)`, or guard `now` in parseRetryAfter.
  it('a NaN clock never gives a NaN retryAfterMs', () => {
    const err = normalize(upyun, { status: 429, headers: { 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT' }, now: Number.NaN });
    expect(Number.isNaN(err?.retryAfterMs)).toBe(false);
  });
});
