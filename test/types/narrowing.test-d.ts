/**
 * `kind` narrows, and the built-in adapters' codes are checked (issue 15). The negative cases
 * are `@ts-expect-error`: if one of them compiled, the directive itself would be the error.
 */
import { describe, expectTypeOf, it } from 'vitest';
import { apiSwitch, baiduPcs, netease, upyun } from '../../adapters/index.js';
import type { UpyunCodes } from '../../adapters/upyun/codes.js';
import {
  type AnyVendorError,
  type AuthenticationError,
  type ConflictError,
  type InternalServerError,
  type InvalidRequestError,
  type NetworkError,
  type NotFoundError,
  type NotImplementedError,
  type PayloadTooLargeError,
  type PermissionDeniedError,
  type PreconditionFailedError,
  type QuotaExceededError,
  type RateLimitError,
  type ServiceUnavailableError,
  type TimeoutError,
  type UnknownVendorError,
  type VendorError,
  defineAdapter,
  isVendorError,
  normalize,
  retry,
} from '../../src/index.js';
import { transportError } from '../../src/advanced.js';

declare const caught: unknown;

/** Every kind handled: the `never` default is what makes a forgotten kind a compile error. */
function describeError(e: AnyVendorError): string {
  switch (e.kind) {
    case 'invalid-request':
      expectTypeOf(e).toExtend<InvalidRequestError>();
      return 'fix the request';
    case 'unauthenticated':
      expectTypeOf(e).toExtend<AuthenticationError>();
      return 'sign in';
    case 'permission-denied':
      expectTypeOf(e).toExtend<PermissionDeniedError>();
      return 'ask for access';
    case 'not-found':
      expectTypeOf(e).toExtend<NotFoundError>();
      return 'gone';
    case 'conflict':
      expectTypeOf(e).toExtend<ConflictError>();
      return 'exists';
    case 'precondition-failed':
      expectTypeOf(e).toExtend<PreconditionFailedError>();
      return 'wrong state';
    case 'payload-too-large':
      expectTypeOf(e).toExtend<PayloadTooLargeError>();
      return 'too big';
    case 'quota-exceeded':
      expectTypeOf(e).toExtend<QuotaExceededError>();
      return 'quota';
    case 'rate-limited':
      expectTypeOf(e).toExtend<RateLimitError>();
      return 'slow down';
    case 'unavailable':
      expectTypeOf(e).toExtend<ServiceUnavailableError>();
      return 'later';
    case 'timeout':
      expectTypeOf(e).toExtend<TimeoutError>();
      return 'slow';
    case 'internal':
      expectTypeOf(e).toExtend<InternalServerError>();
      return 'their bug';
    case 'not-implemented':
      expectTypeOf(e).toExtend<NotImplementedError>();
      return 'unsupported';
    case 'network':
      expectTypeOf(e).toExtend<NetworkError>();
      return 'offline';
    case 'unknown':
      expectTypeOf(e).toExtend<UnknownVendorError>();
      return 'unknown';
    default: {
      const unreachable: never = e;
      return unreachable;
    }
  }
}

describe('kind is a discriminant', () => {
  it('isVendorError narrows to the union, and kind narrows it to one class', () => {
    if (isVendorError(caught)) {
      expectTypeOf(caught).toEqualTypeOf<AnyVendorError>();
      expectTypeOf(describeError(caught)).toBeString();
      if (caught.kind === 'not-found') expectTypeOf(caught).toEqualTypeOf<NotFoundError>();
      if (caught.kind === 'rate-limited') expectTypeOf(caught).toEqualTypeOf<RateLimitError>();
      // Every member is still a VendorError.
      expectTypeOf(caught).toExtend<VendorError>();
    }
  });

  it('a switch missing a kind does not compile', () => {
    function partial(e: AnyVendorError): string {
      switch (e.kind) {
        case 'rate-limited':
          return 'slow down';
        default: {
          // @ts-expect-error the other fourteen kinds reach the default
          const unreachable: never = e;
          return unreachable;
        }
      }
    }
    expectTypeOf(partial).toBeFunction();
  });

  it('normalize, transportError and the retry callbacks give the union', () => {
    const custom = defineAdapter({ name: 'acme', catalog: [], parse: () => undefined });
    expectTypeOf(normalize(custom, { status: 500 })).toEqualTypeOf<AnyVendorError | undefined>();
    expectTypeOf(transportError(custom, new Error('reset'))).toEqualTypeOf<AnyVendorError>();
    void retry(async () => 1, {
      shouldRetry: (error) => {
        expectTypeOf(error).toEqualTypeOf<AnyVendorError>();
        return error.kind === 'unavailable';
      },
      onRetry: ({ error }) => {
        expectTypeOf(error).toEqualTypeOf<AnyVendorError>();
      },
    });
  });
});

describe("codes come from the vendor's catalog", () => {
  it('UpYun: a listed rate-limit code compiles, one that is not listed does not', () => {
    const e = normalize(upyun, { status: 429, body: '{"code":42900002,"msg":"x"}' });
    if (e?.kind === 'rate-limited') {
      expectTypeOf(e.code).toEqualTypeOf<UpyunCodes['rate-limited'] | string | undefined>();
      expectTypeOf(e.code === 42900002).toBeBoolean();
      // @ts-expect-error 42900099 is not in UpYun's table
      expectTypeOf(e.code === 42900099).toBeBoolean();
      // @ts-expect-error 40400001 is UpYun's, but a not-found code, not a rate limit
      expectTypeOf(e.code === 40400001).toBeBoolean();
    }
    if (e?.kind === 'not-found') expectTypeOf(e.code === 40400001).toBeBoolean();
    // A code no catalog knows is an UnknownVendorError, whose code is anything.
    if (e?.kind === 'unknown') expectTypeOf(e.code).toEqualTypeOf<number | string | undefined>();
  });

  it('each vendor has its own codes', () => {
    const n = normalize(netease, { status: 403 });
    if (n?.kind === 'rate-limited') {
      expectTypeOf(n.code === 4030001).toBeBoolean();
      // @ts-expect-error 42900002 is UpYun's, not NetEase's
      expectTypeOf(n.code === 42900002).toBeBoolean();
    }
    const b = normalize(baiduPcs, { status: 403 });
    if (b?.kind === 'rate-limited') expectTypeOf(b.code === 31219).toBeBoolean();
  });

  it('a union of adapters gives the union of their errors', () => {
    const adapter = Math.random() > 0.5 ? upyun : apiSwitch;
    const e = normalize(adapter, { status: 429 });
    if (e?.kind === 'rate-limited') {
      expectTypeOf(e.code === 42900002).toBeBoolean();
    }
  });

  it('a kind the catalog never gives carries no code', () => {
    const e = normalize(upyun, { status: 0 });
    if (e?.kind === 'network') expectTypeOf(e.code).toEqualTypeOf<undefined>();
  });
});
