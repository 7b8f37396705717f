import { describe, expectTypeOf, it } from 'vitest';
import {
  type Adapter,
  type ErrorFor,
  type ErrorKind,
  type Pacer,
  type PacerPermit,
  type RetryClass,
  type VendorErrorJSON,
  createPacer,
  defineAdapter,
  isVendorError,
  normalize,
  type NotFoundError,
  type RateLimitError,
  type VendorError,
} from '../../src/index.js';
import { createVendorError } from '../../src/advanced.js';

describe('public types', () => {
  it('normalize returns VendorError | undefined', () => {
    const a = defineAdapter({ name: 'x', catalog: [], parse: () => undefined });
    expectTypeOf(a).toEqualTypeOf<Adapter>();
    expectTypeOf(normalize(a, { status: 500 })).toEqualTypeOf<VendorError | undefined>();
  });

  it('fields are readonly and typed', () => {
    expectTypeOf<VendorError['kind']>().toEqualTypeOf<ErrorKind>();
    expectTypeOf<VendorError['code']>().toEqualTypeOf<number | string | undefined>();
    expectTypeOf<VendorError['requestId']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<VendorError['retry']>().toEqualTypeOf<RetryClass>();
    expectTypeOf<VendorError['retryable']>().toEqualTypeOf<boolean>();
    expectTypeOf<ReturnType<VendorError['toJSON']>>().toEqualTypeOf<VendorErrorJSON>();
    // Each subclass narrows its kind, so a switch on `kind` narrows the class.
    expectTypeOf<NotFoundError['kind']>().toEqualTypeOf<'not-found'>();
    expectTypeOf<ErrorFor<'rate-limited'>>().toEqualTypeOf<RateLimitError>();
    expectTypeOf(createVendorError('not-found', { vendor: 'x' })).toEqualTypeOf<NotFoundError>();
  });

  it('isVendorError is a type guard', () => {
    const e: unknown = null;
    if (isVendorError(e)) expectTypeOf(e).toEqualTypeOf<VendorError>();
  });

  it('catalog rows are checked', () => {
    defineAdapter({
      name: 'y',
      // @ts-expect-error 'slow' is not a kind
      catalog: [[1, 429, 'slow', 'safe', '', 'x']],
      parse: () => undefined,
    });
  });

  it('a pacer keys calls itself, and createPacer returns a Pacer', () => {
    const pacer = createPacer();
    expectTypeOf(pacer).toEqualTypeOf<Pacer>();
    expectTypeOf(pacer.keyOf).toEqualTypeOf<(vendor: string | undefined, url: string | URL | undefined) => string>();
    expectTypeOf(pacer.acquire('k')).toEqualTypeOf<Promise<PacerPermit>>();
  });
});
