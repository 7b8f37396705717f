/**
 * Issue 11, ky's own suite (`afterResponse hook can force retry with custom request …` under
 * `retry: false`, `afterResponse hook handles refresh endpoint failure`): ky's retry keeps ky's
 * contract for what the loop did not decide. Each scenario runs on bare ky and on ky with
 * vendorErrors() (ky 1 and ky 2, real server on 127.0.0.1) and expects the same requests:
 * - with the loop off, `ky.retry()` from an afterResponse hook (ky's token-refresh pattern) still
 *   sends the request again, up to ky's own limit (2, or the call's `retry`);
 * - an error a hook throws because its own ky call failed is judged by ky as bare ky judges it
 *   (ky 1 retries the outer call on a 5xx; ky 2 never retries a hook's error);
 * - what the loop decided for a call, ky still never repeats.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upyun } from '../../adapters/index.js';
import { isVendorError, ServiceUnavailableError } from '../../src/errors/index.js';
import { vendorErrors } from '../../src/integrations/ky/index.js';
import { FAST_RETRY, KYS, type LocalServer, startLocalServer, UPYUN_503, vendorRejection } from './local-server.js';

let server: LocalServer;
const hits = new Map<string, number>();
beforeAll(async () => {
  server = await startLocalServer();
  server.handle((req, res) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const json = (status: number, body: string) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(body);
    };
    if (path === '/me') return json(req.headers.authorization === 'Bearer fresh' ? 200 : 401, '{"who":"me"}');
    if (path === '/protected') return json(401, '{"error":"Unauthorized"}');
    if (path === '/refresh') return json(500, '{"error":"Internal server error"}');
    if (path === '/busy') return json(503, UPYUN_503);
    json(404, '{}');
  });
});
afterAll(() => server.close());

type Ky = (typeof KYS)[number][1];

/** An afterResponse hook's request, response and retryCount: ky 1 passes (request, options, response, state), ky 2 one state object. */
function hookArgs(args: unknown[]): { request: Request; response: Response; retryCount: number } {
  if (args.length === 1) return args[0] as { request: Request; response: Response; retryCount: number };
  return {
    request: args[0] as Request,
    response: args[2] as Response,
    retryCount: (args[3] as { retryCount: number }).retryCount,
  };
}

/** How a call ended, and what the server saw, comparable between bare and wrapped ky. */
async function outcome(call: () => Promise<unknown>): Promise<{ result: unknown; hits: Record<string, number> }> {
  hits.clear();
  const result = await call().then(
    (value) => ({ value }),
    (error: unknown) => ({ rejected: isVendorError(error) ? `VendorError ${error.status}` : (error as Error).name }),
  );
  return { result, hits: Object.fromEntries(hits) };
}

describe.each(KYS)('%s', (name, lib) => {
  const off = lib.create(vendorErrors({ adapter: upyun, retry: false }));
  const on = lib.create(vendorErrors({ adapter: upyun, retry: { ...FAST_RETRY, retries: 2 } }));
  const retryMarker = (options?: { request?: Request }) => (lib as unknown as { retry(o?: unknown): unknown }).retry(options);

  /** ky's token refresh: a 401 forces a retry with a fresh token. */
  const refreshing = (base: Ky) =>
    base.extend({
      hooks: {
        afterResponse: [
          (...args: unknown[]) => {
            const { request, response } = hookArgs(args);
            if (response.status !== 401) return undefined;
            const headers = new Headers(request.headers);
            headers.set('authorization', 'Bearer fresh');
            return retryMarker({ request: new Request(request, { headers }) });
          },
        ],
      },
    } as never);

  it('retry: false: ky.retry() from an afterResponse hook sends the request again, as bare ky does', async () => {
    const bare = await outcome(() =>
      refreshing(lib)
        .get(`${server.url}/me`, { retry: { limit: 2, delay: () => 1 } })
        .json(),
    );
    expect(bare).toEqual({ result: { value: { who: 'me' } }, hits: { '/me': 2 } });
    expect(await outcome(() => refreshing(off).get(`${server.url}/me`).json())).toEqual(bare);
  });

  it('retry: false with a call’s retry: 0: ky.retry() is refused as bare ky refuses it', async () => {
    const bare = await outcome(() => refreshing(lib).get(`${server.url}/me`, { retry: 0 }).json());
    expect(bare.hits).toEqual({ '/me': 1 });
    expect(await outcome(() => refreshing(off).get(`${server.url}/me`, { retry: 0 }).json())).toEqual(bare);
  });

  it('retry: false: what the loop decided is still sent once, though ky’s own limit is 2', async () => {
    hits.clear();
    const err = await vendorRejection(off.get(`${server.url}/busy`));
    expect(err).toBeInstanceOf(ServiceUnavailableError);
    expect(err.attempts).toHaveLength(1);
    expect(hits.get('/busy')).toBe(1);
  });

  it.each([
    ['retry off', () => off],
    ['retry on', () => on],
  ])('%s: an afterResponse hook whose own ky call fails is judged as bare ky judges it', async (_mode, wrapped) => {
    // The refresh call's 500 (a POST: not retried by either) makes the hook throw.
    const refreshFails = (base: Ky) =>
      base.extend({
        hooks: {
          afterResponse: [
            async (...args: unknown[]) => {
              const { response, retryCount } = hookArgs(args);
              if (response.status === 401 && retryCount === 0) await base.post(`${server.url}/refresh`).json();
              return undefined;
            },
          ],
        },
      } as never);
    const bare = await outcome(() => refreshFails(lib).get(`${server.url}/protected`, { retry: { limit: 2, delay: () => 1 } }));
    // ky 1 retries its call for the hook's HTTPError (a 500); ky 2 never retries a hook's error.
    expect(bare.hits).toEqual({ '/protected': name === 'ky1' ? 2 : 1, '/refresh': 1 });
    const got = await outcome(() => refreshFails(wrapped()).get(`${server.url}/protected`, { retry: { limit: 2 } }));
    expect(got.hits).toEqual(bare.hits);
    // The rejection is the VendorError of the same status (ky's HTTPError bare).
    expect(got.result).toEqual({ rejected: `VendorError ${name === 'ky1' ? 401 : 500}` });
    expect(bare.result).toEqual({ rejected: 'HTTPError' });
  });
});
