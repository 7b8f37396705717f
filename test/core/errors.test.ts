import { describe, expect, it } from 'vitest';
import { inspect } from 'node:util';
import { isVendorError, NotFoundError, RateLimitError, VendorError } from '../../src/index.js';
import { createVendorError, ERROR_CLASSES, ERROR_KINDS, KIND_FACTS } from '../../src/advanced.js';

describe('VendorError hierarchy', () => {
  it.each(ERROR_KINDS)('kind %s has its own class with name, kind, grpcCode and brand', (kind) => {
    const cause = new Error('inner');
    const err = createVendorError(kind, { vendor: 'upyun', status: 500, code: 1, cause });
    expect(err).toBeInstanceOf(ERROR_CLASSES[kind]);
    expect(err).toBeInstanceOf(VendorError);
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe(ERROR_CLASSES[kind].name);
    expect(err.kind).toBe(kind);
    expect(err.grpcCode).toBe(KIND_FACTS[kind].grpc);
    expect(err.cause).toBe(cause);
    expect(isVendorError(err)).toBe(true);
    expect(err.retryable).toBe(KIND_FACTS[kind].retry !== 'never');
  });

  it('brand check does not trust names', () => {
    const fake = Object.assign(new Error('x'), { name: 'VendorError', kind: 'not-found' });
    expect(isVendorError(fake)).toBe(false);
    expect(fake instanceof VendorError).toBe(false);
    expect(isVendorError(null)).toBe(false);
    expect(isVendorError('VendorError')).toBe(false);
  });

  it('subclass instanceof is exact', () => {
    const err = new NotFoundError({ vendor: 'x' });
    expect(err instanceof RateLimitError).toBe(false);
    expect(err instanceof NotFoundError).toBe(true);
  });

  it('toJSON is RFC 9457-shaped and redacts URLs', () => {
    const err = new RateLimitError({
      vendor: 'baidu-pcs',
      status: 403,
      code: 31219,
      codeName: 'REQUEST_EXCEED_LIMIT',
      vendorMessage: 'request exceed limit',
      requestId: '2939656146461714799',
      method: 'get',
      url: 'https://pcs.baidu.com/rest/2.0/pcs/file?method=list&access_token=SECRET123',
    });
    const json = err.toJSON();
    expect(json).toMatchObject({
      type: 'urn:vendor-errors:baidu-pcs:31219',
      title: 'REQUEST_EXCEED_LIMIT',
      status: 403,
      kind: 'rate-limited',
      code: 31219,
      requestId: '2939656146461714799',
      retryable: true,
      retry: 'safe',
      grpcCode: 'RESOURCE_EXHAUSTED',
      method: 'GET',
    });
    const text = JSON.stringify(err) + err.message + inspect(err);
    expect(text).not.toContain('SECRET123');
    expect(json.instance).toContain('access_token=[REDACTED]');
  });

  it('fields are readonly at the type level and message never holds a token', () => {
    const err = new VendorError({ vendor: 'mfp', vendorMessage: 'bad token=abcdef in ws://h/api/v1?token=abcdef' });
    expect(err.message).not.toContain('abcdef');
    expect(err.vendorMessage).not.toContain('abcdef');
    // @ts-expect-error readonly
    err.code = 5;
  });
});
