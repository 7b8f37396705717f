import { describe, expect, it } from 'vitest';
import { isIdempotentRequest } from '../../src/advanced.js';

describe('isIdempotentRequest', () => {
  it.each(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE', 'get', ' put '])('%s is idempotent (RFC 9110 §9.2.2)', (m) => {
    expect(isIdempotentRequest(m)).toBe(true);
  });

  it.each(['POST', 'PATCH', 'CONNECT', 'PROPFIND', 'post'])('%s is not', (m) => {
    expect(isIdempotentRequest(m)).toBe(false);
  });

  it('a missing method is GET, as fetch, axios and ky send it', () => {
    expect(isIdempotentRequest()).toBe(true);
    expect(isIdempotentRequest('')).toBe(true);
  });

  it('an Idempotency-Key header makes any method idempotent, in any header shape', () => {
    expect(isIdempotentRequest('POST', { 'Idempotency-Key': 'k1' })).toBe(true);
    expect(isIdempotentRequest('PATCH', { 'idempotency-key': 'k1' })).toBe(true);
    expect(isIdempotentRequest('POST', new Headers({ 'Idempotency-Key': 'k1' }))).toBe(true);
    expect(isIdempotentRequest('POST', [['IDEMPOTENCY-KEY', 'k1']])).toBe(true);
    expect(isIdempotentRequest('POST', { 'Idempotency-Key': '  ' })).toBe(false);
    expect(isIdempotentRequest('POST', { 'X-Request-Id': 'k1' })).toBe(false);
    expect(isIdempotentRequest('POST', null)).toBe(false);
  });
});
