/** What only one client has: axios interceptors and adapters, ky hooks and options, fetch's Request input. */
import axios, { AxiosError, type InternalAxiosRequestConfig } from 'axios';
import ky from 'ky';
import ky2 from 'ky2';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { baiduPcs, upyun } from '../../adapters/index.js';
import {
  AuthenticationError,
  isVendorError,
  NotFoundError,
  ServiceUnavailableError,
  type VendorError,
} from '../../src/errors/index.js';
import { withVendorErrors } from '../../src/integrations/axios/index.js';
import { createFetch } from '../../src/integrations/fetch.js';
import { vendorErrors } from '../../src/integrations/ky/index.js';
import { script } from './msw.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

let n = 0;
const url = () => `https://vendor.example.test/v1/thing-${++n}`;
// These tests are about retry decisions: no pacer (test/pacer/default.test.ts has the paced default).
const fast = { random: () => 0, pacer: false } as const;
const PLAIN_503 = { status: 503, body: '' };
const OK = { status: 200, body: { ok: true } };

async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
}

async function vendorRejection(p: Promise<unknown>): Promise<VendorError> {
  const e = await rejection(p);
  if (!isVendorError(e)) throw e;
  return e;
}

describe('axios', () => {
  it('runs request and response interceptors once per call, however many attempts', async () => {
    const u = url();
    const s = script(u, [PLAIN_503, PLAIN_503, OK]);
    server.use(s.handler);
    const instance = axios.create();
    let before = 0;
    let after = 0;
    instance.interceptors.request.use((config) => {
      before++;
      config.headers.set('x-stamp', String(before));
      return config;
    });
    withVendorErrors(instance, { adapter: upyun, retry: fast });
    instance.interceptors.response.use((res) => {
      after++;
      return res;
    });
    const res = await instance.get(u);
    expect(res.data).toEqual({ ok: true });
    expect([before, after]).toEqual([1, 1]);
    expect(s.requests.map((r) => r.headers.get('x-stamp'))).toEqual(['1', '1', '1']);
  });

  it('returns the same instance, and attaching twice replaces rather than doubles the loop', async () => {
    const u = url();
    const s = script(u, [PLAIN_503]);
    server.use(s.handler);
    const instance = axios.create();
    expect(withVendorErrors(instance, { adapter: upyun, retry: { ...fast, retries: 3 } })).toBe(instance);
    expect(withVendorErrors(instance, { adapter: upyun, retry: { ...fast, retries: 1 } })).toBe(instance);
    const err = await vendorRejection(instance.get(u));
    expect(err.attempts).toHaveLength(2);
    expect(s.requests).toHaveLength(2);
  });

  it('keeps the AxiosError as cause, with the response', async () => {
    const u = url();
    server.use(script(u, [{ status: 404, body: { msg: 'file or directory not found', code: 40400001, id: 'x' } }]).handler);
    const err = await vendorRejection(withVendorErrors(axios.create(), { adapter: upyun }).get(u));
    expect(err).toBeInstanceOf(NotFoundError);
    expect(axios.isAxiosError(err.cause)).toBe(true);
    expect((err.cause as AxiosError).response?.status).toBe(404);
  });

  it('gives an error found in a 200 body an AxiosError cause holding that response', async () => {
    const u = url();
    const body = '{"error_code":110,"error_msg":"Access token invalid or no longer valid","request_id":1}';
    server.use(script(u, [{ status: 200, headers: { 'content-type': 'application/json' }, body }]).handler);
    const err = await vendorRejection(withVendorErrors(axios.create(), { adapter: baiduPcs }).get(u));
    expect(err).toBeInstanceOf(AuthenticationError);
    expect(err.cause).toBeInstanceOf(AxiosError);
    expect((err.cause as AxiosError).response?.status).toBe(200);
  });

  it('wraps a per-request adapter too', async () => {
    const u = url();
    const s = script(u, [PLAIN_503, OK]);
    server.use(s.handler);
    const instance = withVendorErrors(axios.create(), { adapter: upyun, retry: fast });
    const res = await instance.get(u, { adapter: 'fetch' });
    expect(res.data).toEqual({ ok: true });
    expect(s.requests).toHaveLength(2);
  });

  it('leaves responses that validateStatus accepts alone', async () => {
    const u = url();
    const s = script(u, [{ status: 404, body: { code: 40400001, msg: 'not found', id: 'y' } }]);
    server.use(s.handler);
    const res = await withVendorErrors(axios.create(), { adapter: upyun }).get(u, { validateStatus: () => true });
    expect(res.status).toBe(404);
    expect(s.requests).toHaveLength(1);
  });

  it('converts an AxiosError raised outside the adapter (a request interceptor)', async () => {
    const instance = axios.create();
    instance.interceptors.request.use((config: InternalAxiosRequestConfig) => {
      throw new AxiosError('socket gone', 'ECONNRESET', config);
    });
    withVendorErrors(instance, { adapter: upyun });
    const err = await vendorRejection(instance.get(url()));
    expect(err.kind).toBe('network');
    expect(err.cause).toBeInstanceOf(AxiosError);
  });

  it('rejects with the CanceledError when a legacy CancelToken cancels during a wait, and sends nothing more', async () => {
    const u = url();
    const s = script(u, [PLAIN_503]);
    server.use(s.handler);
    const source = axios.CancelToken.source();
    const instance = withVendorErrors(axios.create(), {
      adapter: upyun,
      retry: { random: () => 1, baseDelayMs: 30_000, onRetry: () => setTimeout(() => source.cancel('stop'), 10) },
    });
    const e = await rejection(instance.get(u, { cancelToken: source.token }));
    expect(axios.isCancel(e)).toBe(true);
    await new Promise((r) => setTimeout(r, 30));
    expect(s.requests).toHaveLength(1);
  });
});

describe.each([
  ['ky1', ky],
  ['ky2', ky2 as unknown as typeof ky],
] as const)('%s', (_name, lib) => {
  it('runs beforeRequest and afterResponse hooks once per call; ky’s own retry stays off after extend()', async () => {
    const u = url();
    const s = script(u, [PLAIN_503, PLAIN_503, OK]);
    server.use(s.handler);
    let before = 0;
    let after = 0;
    const api = lib.create(vendorErrors({ adapter: upyun, retry: fast })).extend({
      retry: 5,
      hooks: {
        beforeRequest: [
          () => {
            before++;
          },
        ],
        afterResponse: [
          () => {
            after++;
          },
        ],
      },
    });
    expect(await api.get(u).json()).toEqual({ ok: true });
    expect([before, after]).toEqual([1, 1]);
    expect(s.requests).toHaveLength(3);
  });

  it('maps a later extend()’s retry limit onto the loop instead of repeating the loop', async () => {
    const u = url();
    const s = script(u, [PLAIN_503]);
    server.use(s.handler);
    const api = lib.create(vendorErrors({ adapter: upyun, retry: { ...fast, retries: 1 } })).extend({ retry: { limit: 3 } });
    const err = await vendorRejection(api.get(u));
    expect(err).toBeInstanceOf(ServiceUnavailableError);
    // limit 3 = 3 retries of the loop: 4 requests, not the loop's 2 repeated by ky.
    expect(s.requests).toHaveLength(4);
    expect(err.attempts).toHaveLength(4);
  });

  it('converts the HTTPError ky throws for a failure a later hook made up', async () => {
    const u = url();
    server.use(script(u, [OK]).handler);
    const api = lib.create(vendorErrors({ adapter: upyun })).extend({
      hooks: {
        afterResponse: [
          () =>
            new Response('{"msg":"file or directory not found","code":40400001,"id":"hook"}', {
              status: 404,
              headers: { 'content-type': 'application/json' },
            }),
        ],
      },
    });
    const err = await vendorRejection(api.get(u));
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err).toMatchObject({ code: 40400001, requestId: 'hook', method: 'GET' });
    expect((err.cause as Error).name).toBe('HTTPError');
  });

  it('sends the JSON body again on every attempt', async () => {
    const u = url();
    const s = script(u, [PLAIN_503, OK]);
    server.use(s.handler);
    const api = lib.create(vendorErrors({ adapter: upyun, retry: fast }));
    await api.put(u, { json: { a: 1 } }).json();
    expect(s.requests.map((r) => r.body)).toEqual(['{"a":1}', '{"a":1}']);
  });
});

describe('fetch', () => {
  it('clones a Request input for every attempt and leaves the caller’s Request unread', async () => {
    const u = url();
    const s = script(u, [PLAIN_503, OK]);
    server.use(s.handler);
    const f = createFetch({ adapter: upyun, retry: fast });
    const request = new Request(u, { method: 'PUT', body: 'file contents' });
    const res = await f(request);
    expect(await res.json()).toEqual({ ok: true });
    expect(s.requests.map((r) => r.body)).toEqual(['file contents', 'file contents']);
    expect(request.bodyUsed).toBe(false);
    expect(await request.text()).toBe('file contents');
  });

  it('accepts a URL object and uses the given fetch', async () => {
    const u = url();
    server.use(script(u, [OK]).handler);
    const seen: string[] = [];
    const f = createFetch({
      adapter: upyun,
      fetch: (input, init) => {
        seen.push(input instanceof Request ? input.url : String(input));
        return fetch(input, init);
      },
    });
    const res = await f(new URL(u));
    expect(res.status).toBe(200);
    expect(seen).toEqual([u]);
  });

  it('resends FormData, URLSearchParams and Blob bodies', async () => {
    const u = url();
    const s = script(u, [PLAIN_503, PLAIN_503, PLAIN_503, OK]);
    server.use(s.handler);
    const f = createFetch({ adapter: upyun, retry: { ...fast, retries: 5 } });
    const form = new FormData();
    form.set('name', 'cat.jpg');
    await f(u, { method: 'PUT', body: form });
    const bodies = s.requests.map((r) => r.body);
    expect(bodies).toHaveLength(4);
    // Each send picks its own multipart boundary; the part itself is the same every time.
    for (const body of bodies) expect(body).toMatch(/name="name"\r\n\r\ncat\.jpg\r\n/);

    const u2 = url();
    const s2 = script(u2, [PLAIN_503, OK]);
    server.use(s2.handler);
    await f(u2, { method: 'PUT', body: new URLSearchParams({ a: '1' }) });
    await f(u2, { method: 'PUT', body: new Blob(['blob!']) });
    expect(s2.requests.map((r) => r.body)).toEqual(['a=1', 'a=1', 'blob!']);
  });

  it('classifies a HEAD 404 with no body by its status', async () => {
    const u = url();
    server.use(script(u, [{ status: 404 }]).handler);
    const err = await vendorRejection(createFetch({ adapter: upyun })(u, { method: 'HEAD' }));
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err.method).toBe('HEAD');
  });

  it('reads at most maxBodyBytes of an error body', async () => {
    const u = url();
    const page = `<html><head><title>Bad Gateway</title></head><body>${'x'.repeat(100_000)}</body></html>`;
    server.use(script(u, [{ status: 502, headers: { 'content-type': 'text/html' }, body: page }]).handler);
    const err = await vendorRejection(createFetch({ adapter: upyun, retry: false, maxBodyBytes: 1024 })(u));
    expect(err.status).toBe(502);
    expect(err.vendorMessage).toBe('Bad Gateway');
  });

  it('rejects with a bad option at creation, naming it', () => {
    expect(() => createFetch({ adapter: upyun, fetch: 'nope' as never })).toThrow(/`fetch`/);
    expect(() => vendorErrors({ adapter: upyun, fetch: 1 as never })).toThrow(/`fetch`/);
    expect(() => withVendorErrors({} as never, { adapter: upyun })).toThrow(TypeError);
  });
});
