/**
 * Issue 11, items 1, 2 and 4: ky's own contract holds with vendorErrors() (ky 1 and ky 2, real
 * server on 127.0.0.1): error responses reach afterResponse hooks and throwHttpErrors, ky's
 * beforeError hooks run, the caller's `retry` is honoured or refused, and ky's HTTPError is the
 * VendorError's cause.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upyun } from '../../adapters/index.js';
import { isVendorError, NotFoundError, ServiceUnavailableError, AuthenticationError } from '../../src/errors/index.js';
import { vendorErrors } from '../../src/integrations/ky/index.js';
import { FAST_RETRY, KYS, type LocalServer, startLocalServer, UPYUN_503, vendorRejection } from './local-server.js';

let server: LocalServer;
beforeAll(async () => {
  server = await startLocalServer();
});
afterAll(() => server.close());

function answer(status: number, body: string): void {
  server.hits = 0;
  server.handle((_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(body);
  });
}

describe.each(KYS)('%s', (_name, lib) => {
  const make = (retries = 2) => lib.create(vendorErrors({ adapter: upyun, retry: { ...FAST_RETRY, retries } }));

  it('throwHttpErrors: false resolves with the final failure response, body intact, after the loop’s retries', async () => {
    answer(503, UPYUN_503);
    const res = await make().get(`${server.url}/a`, { throwHttpErrors: false });
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.text()).toBe(UPYUN_503);
    expect(server.hits).toBe(3);
  });

  it('throwHttpErrors as a function decides per status, as in ky', async () => {
    answer(404, '{"msg":"file or directory not found","code":40400001,"id":"r-404"}');
    const api = make().extend({ throwHttpErrors: (status: number) => status !== 404 });
    const res = await api.get(`${server.url}/b`);
    expect(res.status).toBe(404);
    answer(503, UPYUN_503);
    const err = await vendorRejection(api.get(`${server.url}/c`));
    expect(err).toBeInstanceOf(ServiceUnavailableError);
  });

  it('afterResponse hooks see a 401 and may answer it with a new request (token refresh)', async () => {
    server.hits = 0;
    server.handle((req, res) => {
      const ok = req.headers.authorization === 'Bearer fresh';
      res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
      res.end(ok ? '{"ok":true}' : '{"msg":"need auth","code":40100001,"id":"r-401"}');
    });
    const seen: number[] = [];
    const api = make().extend({
      hooks: {
        afterResponse: [
          async (first: unknown, _options: unknown, third?: Response) => {
            // ky 1: (request, options, response); ky 2: one state object.
            const request = (third ? first : (first as { request: Request }).request) as Request;
            const response = third ?? (first as { response: Response }).response;
            seen.push(response.status);
            if (response.status !== 401) return response;
            request.headers.set('authorization', 'Bearer fresh');
            return make()(request);
          },
        ],
      },
    } as never);
    expect(await api.get(`${server.url}/me`).json()).toEqual({ ok: true });
    expect(seen[0]).toBe(401);
  });

  it('afterResponse may call ky.retry() on a 401; ky sends the request again', async () => {
    server.hits = 0;
    server.handle((_req, res) => {
      const ok = server.hits > 1;
      res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
      res.end(ok ? '{"ok":true}' : '{"msg":"need auth","code":40100001,"id":"r-401"}');
    });
    const api = make().extend({
      hooks: {
        afterResponse: [
          (first: unknown, _o: unknown, third?: Response) => {
            const response = (third ?? (first as { response: Response }).response) as Response;
            return response.status === 401 ? (lib as unknown as { retry: () => unknown }).retry() : undefined;
          },
        ],
      },
    } as never);
    expect(await api.get(`${server.url}/retry-me`).json()).toEqual({ ok: true });
    // 401 is not retried by the loop: one request, then ky's forced retry.
    expect(server.hits).toBe(2);
  });

  it('beforeError hooks run, after ours: they get the VendorError with ky’s HTTPError as cause', async () => {
    answer(404, '{"msg":"file or directory not found","code":40400001,"id":"r-404"}');
    const got: unknown[] = [];
    const api = make().extend({
      hooks: {
        beforeError: [
          (first: unknown) => {
            const error = first instanceof Error ? first : (first as { error: Error }).error;
            got.push(error);
            return error;
          },
        ],
      },
    } as never);
    const err = await vendorRejection(api.get(`${server.url}/missing`));
    expect(err).toBeInstanceOf(NotFoundError);
    expect(got).toEqual([err]);
    const cause = err.cause as { name: string; response: Response; request: Request; options: unknown; data?: unknown };
    expect(cause.name).toBe('HTTPError');
    expect(cause.response.status).toBe(404);
    expect(cause.request.url).toBe(`${server.url}/missing`);
    expect(cause.options).toBeDefined();
    expect(err.code).toBe(40400001);
    expect(err.requestId).toBe('r-404');
    expect(err.attempts).toHaveLength(1);
  });

  it('the failure response keeps its url in afterResponse hooks, their clones, throwHttpErrors: false and HTTPError', async () => {
    answer(404, '{"msg":"file or directory not found","code":40400001,"id":"r-404"}');
    const seen: string[] = [];
    const api = make().extend({
      hooks: {
        afterResponse: [
          (...args: unknown[]) => {
            const res = (args.length === 1 ? (args[0] as { response: Response }).response : args[2]) as Response;
            seen.push(res.url, res.clone().url);
          },
        ],
      },
    } as never);
    const url = `${server.url}/gone`;
    const res = await api.get(url, { throwHttpErrors: false });
    expect([res.url, res.clone().url, res.redirected, res.type]).toEqual([url, url, false, 'basic']);
    const err = await vendorRejection(api.get(url));
    expect((err.cause as { response: Response }).response.url).toBe(url);
    expect(seen).toEqual([url, url, url, url]);
  });

  it('a 401 from the loop is an AuthenticationError with its attempts', async () => {
    answer(401, '{"msg":"need auth","code":40100001,"id":"r-401"}');
    const err = await vendorRejection(make().get(`${server.url}/x`));
    expect(err).toBeInstanceOf(AuthenticationError);
    expect(err.retryDecision?.reason).toBe('not-retryable');
  });

  it('retry: 0 on a call sends one request', async () => {
    answer(503, UPYUN_503);
    const err = await vendorRejection(make().get(`${server.url}/r0`, { retry: 0 }));
    expect(err).toBeInstanceOf(ServiceUnavailableError);
    expect(server.hits).toBe(1);
  });

  it('retry: n and { limit } set the loop’s retries for that call', async () => {
    answer(503, UPYUN_503);
    await vendorRejection(make().get(`${server.url}/r1`, { retry: 1 }));
    expect(server.hits).toBe(2);
    answer(503, UPYUN_503);
    await vendorRejection(make().get(`${server.url}/r4`, { retry: { limit: 4 } }));
    expect(server.hits).toBe(5);
  });

  it('retry.methods: an unlisted method is sent once; a listed POST is retried on a 503', async () => {
    answer(503, UPYUN_503);
    await vendorRejection(make().get(`${server.url}/m`, { retry: { limit: 2, methods: ['post'] } }));
    expect(server.hits).toBe(1);
    answer(503, UPYUN_503);
    await vendorRejection(make().post(`${server.url}/m`, { retry: { limit: 2, methods: ['post'] } }));
    expect(server.hits).toBe(3);
  });

  it('aborting the caller’s signal mid-flight rejects with its reason; ky’s timeout still rejects with a TimeoutError', async () => {
    server.hits = 0;
    server.handle(() => undefined); // never answers
    const controller = new AbortController();
    const reason = new Error('caller gave up');
    const sent = make().get(`${server.url}/hang`, { signal: controller.signal, timeout: 5000 });
    setTimeout(() => controller.abort(reason), 50);
    await expect(sent).rejects.toBe(reason);
    expect(server.hits).toBe(1);
    const timedOut = await vendorRejection(make().get(`${server.url}/hang`, { timeout: 100, retry: 0 }));
    expect(timedOut.kind).toBe('timeout');
  });

  it.each([
    ['statusCodes', { statusCodes: [500] }, /retry\.statusCodes.*shouldRetry/],
    ['shouldRetry', { shouldRetry: () => true }, /retry\.shouldRetry.*shouldRetry\(error, attempt\)/],
    ['delay', { delay: () => 5 }, /retry\.delay.*baseDelayMs/],
    ['backoffLimit', { backoffLimit: 100 }, /retry\.backoffLimit.*maxDelayMs/],
    ['retryOnTimeout', { retryOnTimeout: true }, /retry\.retryOnTimeout/],
  ])('retry.%s is refused with a TypeError naming what to use, before anything is sent', async (_key, retry, message) => {
    answer(200, '{}');
    const error = await make()
      .get(`${server.url}/refused`, { retry } as never)
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(isVendorError(error)).toBe(false);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(message);
    expect(server.hits).toBe(0);
  });
});
