import { describe, expect, it } from 'vitest';
import type { ErrorKind } from '../../src/index.js';
import { ERROR_KINDS, KIND_FACTS, kindFromStatus } from '../../src/advanced.js';

// Every status the library gives a meaning to, including those that only follow their class.
const EXPECTED: Record<number, ErrorKind> = {
  400: 'invalid-request',
  401: 'unauthenticated',
  402: 'quota-exceeded',
  403: 'permission-denied',
  404: 'not-found',
  405: 'invalid-request',
  406: 'invalid-request',
  407: 'unauthenticated',
  408: 'timeout',
  409: 'conflict',
  410: 'not-found',
  411: 'invalid-request',
  412: 'precondition-failed',
  413: 'payload-too-large',
  414: 'invalid-request',
  415: 'invalid-request',
  416: 'invalid-request',
  422: 'invalid-request',
  423: 'precondition-failed',
  424: 'precondition-failed',
  425: 'unavailable',
  428: 'precondition-failed',
  429: 'rate-limited',
  431: 'invalid-request',
  500: 'internal',
  501: 'not-implemented',
  502: 'unavailable',
  503: 'unavailable',
  504: 'timeout',
  507: 'quota-exceeded',
  520: 'unavailable',
  521: 'unavailable',
  522: 'timeout',
  523: 'unavailable',
  524: 'timeout',
};

describe('kindFromStatus', () => {
  it('maps every status from 0 to 999: the listed ones, then 4xx/5xx by class, the rest unknown', () => {
    for (let status = 0; status <= 999; status++) {
      const byClass = status >= 400 && status < 500 ? 'invalid-request' : status >= 500 && status < 600 ? 'internal' : 'unknown';
      expect(kindFromStatus(status), `HTTP ${status}`).toBe(EXPECTED[status] ?? byClass);
    }
  });

  it('gives unknown without an integer status', () => {
    for (const status of [undefined, 404.5, Number.NaN, Number.POSITIVE_INFINITY]) expect(kindFromStatus(status)).toBe('unknown');
  });
});

describe('KIND_FACTS', () => {
  it('is frozen down to each row, so no caller can change a default for everyone', () => {
    expect(Object.isFrozen(KIND_FACTS)).toBe(true);
    for (const kind of ERROR_KINDS) expect(Object.isFrozen(KIND_FACTS[kind]), kind).toBe(true);
    expect(() => {
      (KIND_FACTS['rate-limited'] as { retry: string }).retry = 'never';
    }).toThrow(TypeError);
    expect(KIND_FACTS['rate-limited']).toEqual({ grpc: 'RESOURCE_EXHAUSTED', retry: 'safe', status: 429 });
  });
});
