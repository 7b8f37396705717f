import { describe, expect, it } from 'vitest';
import { upyun } from '../../adapters/index.js';
import { transportError } from '../../src/advanced.js';

describe('transportError: the client code', () => {
  it('keeps the outermost client code as clientCode, in toJSON too', () => {
    const err = transportError(upyun, Object.assign(new Error('timeout of 5ms exceeded'), { code: 'ECONNABORTED' }));
    expect(err.clientCode).toBe('ECONNABORTED');
    expect(err.toJSON().clientCode).toBe('ECONNABORTED');
  });

  it('finds undici cause codes under a TypeError without a code', () => {
    const cause = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
    const err = transportError(upyun, new TypeError('fetch failed', { cause }));
    expect(err.clientCode).toBe('UND_ERR_SOCKET');
  });

  it('is undefined when the client set no code', () => {
    expect(transportError(upyun, new TypeError('fetch failed')).clientCode).toBeUndefined();
  });
});
