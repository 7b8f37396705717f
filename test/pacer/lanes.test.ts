/**
 * The pacer remembers the lane it was asked for last (issue 14: report() follows tryAcquire() for
 * the same key). Its answers must be those of the lane map: keys interleaved, a lane forgotten
 * (pruned beyond MAX_LANES) and made again, a closed pacer.
 */
import { describe, expect, it } from 'vitest';
import { createPacer } from '../../src/pacer/index.js';
import { MAX_LANES } from '../../src/pacer/queue.js';

describe('the last lane asked for', () => {
  it('keys interleaved: each report reaches its own key', () => {
    const pacer = createPacer();
    const a = pacer.tryAcquire?.('v|a');
    const b = pacer.tryAcquire?.('v|b');
    expect(pacer.snapshot()['v|a']?.inFlight).toBe(1);
    pacer.report('v|a', undefined, { sentAt: a?.sentAt });
    expect(pacer.snapshot()['v|a']?.inFlight).toBe(0);
    expect(pacer.snapshot()['v|b']?.inFlight).toBe(1);
    pacer.report('v|b', undefined, { sentAt: b?.sentAt });
    expect(pacer.snapshot()['v|b']?.inFlight).toBe(0);
    pacer.close();
  });

  it('a lane pruned while it was the last one asked for is made again, and counts from nothing in flight', () => {
    const pacer = createPacer();
    const key = 'v|first';
    for (let i = 0; i < 3; i++) pacer.report(key, undefined, { sentAt: pacer.tryAcquire?.(key)?.sentAt });
    // More idle keys than lanes kept: the next new lane prunes every idle one, `key`'s too.
    for (let i = 0; i < MAX_LANES + 1; i++) {
      const k = `v|k${i}`;
      pacer.report(k, undefined, { sentAt: pacer.tryAcquire?.(k)?.sentAt });
    }
    // A report for a key whose lane is gone changes no other lane's count.
    const held = pacer.tryAcquire?.(`v|k${MAX_LANES}`);
    pacer.report(key, undefined, {});
    expect(pacer.snapshot()[`v|k${MAX_LANES}`]?.inFlight).toBe(1);
    pacer.report(`v|k${MAX_LANES}`, undefined, { sentAt: held?.sentAt });
    const permit = pacer.tryAcquire?.(key);
    expect(permit).toBeDefined();
    expect(pacer.snapshot()[key]?.inFlight).toBe(1);
    pacer.report(key, undefined, { sentAt: permit?.sentAt });
    expect(pacer.snapshot()[key]).toMatchObject({ inFlight: 0, state: 'closed' });
    pacer.close();
  });

  it('after close, nothing is handed out and reports are ignored', () => {
    const pacer = createPacer();
    expect(pacer.tryAcquire?.('v|a')).toBeDefined();
    pacer.close();
    expect(pacer.tryAcquire?.('v|a')).toBeUndefined();
    expect(() => pacer.report('v|a', undefined, {})).not.toThrow();
  });
});
