import axios, { type AxiosInstance } from 'axios';
import ky, { type KyInstance, type Options } from 'ky';
import { describe, expectTypeOf, it } from 'vitest';
import { upyun } from '../../adapters/index.js';
import { type WithVendorErrorsOptions, withVendorErrors } from '../../src/integrations/axios/index.js';
import { type CreateFetchOptions, createFetch } from '../../src/integrations/fetch.js';
import { type VendorErrorsOptions, vendorErrors } from '../../src/integrations/ky.js';
import type { RetryOptions } from '../../src/index.js';

describe('vendor-errors/axios', () => {
  it('returns the instance it was given, with its own type', () => {
    const instance = axios.create();
    expectTypeOf(withVendorErrors(instance, { adapter: upyun })).toEqualTypeOf<AxiosInstance>();
    const branded = Object.assign(axios.create(), { brand: 'upyun' as const });
    expectTypeOf(withVendorErrors(branded, { adapter: upyun })).toEqualTypeOf<typeof branded>();
  });

  it('takes retry options or false', () => {
    expectTypeOf<WithVendorErrorsOptions['retry']>().toEqualTypeOf<RetryOptions | false | undefined>();
    // @ts-expect-error the adapter is required
    withVendorErrors(axios.create(), {});
    // @ts-expect-error `true` is not a retry setting
    withVendorErrors(axios.create(), { adapter: upyun, retry: true });
  });
});

describe('vendor-errors/fetch', () => {
  it('returns a function with fetch’s signature', () => {
    const f = createFetch({ adapter: upyun });
    expectTypeOf(f).toEqualTypeOf<typeof fetch>();
    expectTypeOf(f).toExtend<(input: string | URL | Request, init?: RequestInit) => Promise<Response>>();
    expectTypeOf(f('https://example.test')).resolves.toEqualTypeOf<Response>();
  });

  it('accepts a fetch of its own and retry: false', () => {
    expectTypeOf<CreateFetchOptions>().toHaveProperty('fetch');
    createFetch({ adapter: upyun, retry: false, fetch: (input, init) => fetch(input, init) });
  });
});

describe('vendor-errors/ky', () => {
  it('returns ky Options that ky.create() and extend() accept', () => {
    const options = vendorErrors({ adapter: upyun, retry: { retries: 2 } });
    expectTypeOf(options).toEqualTypeOf<Options>();
    expectTypeOf(ky.create(options)).toEqualTypeOf<KyInstance>();
    expectTypeOf(ky.extend(options)).toEqualTypeOf<KyInstance>();
  });

  it('takes the integration options', () => {
    expectTypeOf<VendorErrorsOptions['retry']>().toEqualTypeOf<RetryOptions | false | undefined>();
    // @ts-expect-error maxBodyBytes is a number
    vendorErrors({ adapter: upyun, maxBodyBytes: '64k' });
  });
});
