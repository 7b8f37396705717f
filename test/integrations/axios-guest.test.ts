/**
 * issue 11 (axios): the integration keeps axios' own contract. Every case runs against a real
 * node:http server on 127.0.0.1, through axios' `http` adapter and (where axios' behaviour allows)
 * its `fetch` adapter.
 */
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import axios, { type AxiosRequestConfig } from 'axios';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { upyun } from '../../adapters/index.js';
import { InvalidRequestError, NetworkError, TimeoutError, type VendorError } from '../../src/errors/index.js';
import { withVendorErrors } from '../../src/integrations/axios/index.js';

const FAST = { retries: 3, baseDelayMs: 1, maxDelayMs: 2 } as const;
const ADAPTERS = ['http', 'fetch'] as const;

let server: Server;
let base: string;
let hits = 0;
let connections = 0;
let closed = 0;

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
const routes: Record<string, Handler> = {
  '/ok': (_q, r) => r.end('ok'),
  '/503': (_q, r) => r.writeHead(503, { 'content-type': 'application/json' }).end('{"code":50300001,"msg":"busy"}'),
  '/big': (_q, r) => r.end('x'.repeat(1000)),
  '/loop': (_q, r) => r.writeHead(302, { location: '/loop' }).end(),
  '/reset': (q) => q.socket.destroy(),
  '/stall': () => undefined,
  '/stream': (q, r) => {
    r.writeHead(200, { 'content-type': 'application/octet-stream' });
    r.write('first chunk');
    q.socket.on('close', () => closed++);
  },
};

beforeAll(async () => {
  server = createServer((req, res) => {
    hits++;
    const handler = routes[new URL(req.url ?? '/', 'http://x').pathname];
    if (handler) handler(req, res);
    else res.writeHead(404).end();
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  hits = 0;
  connections = 0;
  closed = 0;
});

async function failure(p: Promise<unknown>): Promise<VendorError> {
  try {
    await p;
  } catch (error) {
    return error as VendorError;
  }
  throw new Error('expected a rejection');
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise((resolve) => s.close(resolve));
  return port;
}

describe.each(ADAPTERS)('deterministic client-side failures are invalid-request, never retried (%s adapter)', (adapter) => {
  const client = () => withVendorErrors(axios.create({ baseURL: base, adapter }), { adapter: upyun, retry: FAST });
  const cases: [string, AxiosRequestConfig, string, RegExp, number][] = [
    ['maxContentLength', { url: '/big', maxContentLength: 10 }, 'ERR_BAD_RESPONSE', /maxContentLength size of 10 exceeded/, 1],
    [
      'maxBodyLength',
      { url: '/ok', method: 'put', data: 'x'.repeat(100), maxBodyLength: 10 },
      'ERR_BAD_REQUEST',
      /maxBodyLength/,
      0,
    ],
    [
      'unsupported protocol',
      { url: 'ftp://127.0.0.1/x', baseURL: undefined },
      '',
      /Unsupported protocol|unknown scheme|Network Error/,
      0,
    ],
    ['invalid timeout', { url: '/ok', timeout: 'abc' as unknown as number }, 'ERR_BAD_OPTION_VALUE', /config\.timeout/, 0],
  ];
  it.each(cases)('%s', async (_, config, code, message, sent) => {
    const err = await failure(client().request(config));
    expect(err).toBeInstanceOf(InvalidRequestError);
    expect(err.retry).toBe('never');
    expect(err.retryDecision?.reason).toBe('not-retryable');
    expect(err.attempts).toHaveLength(1);
    if (code) expect(err.clientCode).toBe(code);
    expect(err.message).toMatch(message);
    expect(hits).toBe(sent);
  });

  it('too many redirects: one request chain, not four', async () => {
    const bare = await failure(axios.get(`${base}/loop`, { adapter, maxRedirects: 3 }));
    const bareHits = hits;
    hits = 0;
    const err = await failure(client().get('/loop', { maxRedirects: 3 }));
    expect(err).toBeInstanceOf(InvalidRequestError);
    expect(hits).toBe(bareHits);
    if (adapter === 'http') {
      expect(err.clientCode).toBe('ERR_FR_TOO_MANY_REDIRECTS');
      expect((bare as unknown as { code: string }).code).toBe('ERR_FR_TOO_MANY_REDIRECTS');
      expect(hits).toBe(4);
    }
  });
});

describe('a failed upload stream (ENOENT)', () => {
  it('is invalid-request with the client message and code', async () => {
    const client = withVendorErrors(axios.create({ baseURL: base, adapter: 'http' }), { adapter: upyun, retry: FAST });
    const err = await failure(client.put('/ok', createReadStream('/nonexistent/upload.bin')));
    expect(err).toBeInstanceOf(InvalidRequestError);
    expect(err.clientCode).toBe('ENOENT');
    expect(err.message).toMatch(/no such file/);
    expect(err.attempts).toHaveLength(1);
  });
});

describe.each(ADAPTERS)('network failures split by whether the vendor can have seen the request (%s adapter)', (adapter) => {
  const client = (config: AxiosRequestConfig = {}) =>
    withVendorErrors(axios.create({ adapter, ...config }), { adapter: upyun, retry: FAST });

  it('refused connection: safe, so even a POST is retried', async () => {
    const port = await freePort();
    const err = await failure(client().post(`http://127.0.0.1:${port}/x`, 'body'));
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.retry).toBe('safe');
    expect(err.attempts).toHaveLength(4);
    expect(err.message).toContain('ECONNREFUSED');
  });

  it('TLS failure before the request was written: safe', async () => {
    const err = await failure(client().post(`${base.replace('http:', 'https:')}/ok`, 'body'));
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.retry).toBe('safe');
    expect(err.attempts).toHaveLength(4);
    expect(hits).toBe(0);
  });

  it('reset after the request was written: idempotent, a POST is not retried, a GET is', async () => {
    const post = await failure(client().post(`${base}/reset`, 'body'));
    expect(post).toBeInstanceOf(NetworkError);
    expect(post.retry).toBe('idempotent');
    expect(post.retryDecision?.reason).toBe('not-idempotent');
    expect(hits).toBe(1);
    hits = 0;
    const get = await failure(client().get(`${base}/reset`));
    expect(get.attempts).toHaveLength(4);
    expect(hits).toBe(4);
  });
});

describe('DNS failure (http adapter, its `lookup` option: no resolver is contacted)', () => {
  it('is safe', async () => {
    const lookup = (_host: string, _o: unknown, cb: (e: Error) => void) =>
      cb(Object.assign(new Error('getaddrinfo ENOTFOUND vendor.invalid'), { code: 'ENOTFOUND' }));
    const client = withVendorErrors(axios.create({ adapter: 'http', lookup } as AxiosRequestConfig), {
      adapter: upyun,
      retry: FAST,
    });
    const err = await failure(client.post('http://vendor.invalid/x', 'body'));
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.retry).toBe('safe');
    expect(err.clientCode).toBe('ENOTFOUND');
    expect(err.attempts).toHaveLength(4);
  });
});

describe.each(ADAPTERS)('client codes (%s adapter)', (adapter) => {
  it("axios' timeout: TimeoutError with clientCode ECONNABORTED / ETIMEDOUT", async () => {
    const client = withVendorErrors(axios.create({ baseURL: base, adapter }), { adapter: upyun, retry: false });
    const err = await failure(client.get('/stall', { timeout: 50 }));
    expect(err).toBeInstanceOf(TimeoutError);
    expect(err.clientCode).toBe(adapter === 'http' ? 'ECONNABORTED' : 'ETIMEDOUT');
    expect(err.toJSON().clientCode).toBe(err.clientCode);
  });
});

/** An abort signal that is not an AbortSignal (as a polyfill's), which axios accepts. */
function polyfillSignal(): { signal: AxiosRequestConfig['signal']; abort(): void } {
  const target = new EventTarget();
  const state = { aborted: false, reason: undefined as unknown };
  const signal = {
    get aborted() {
      return state.aborted;
    },
    get reason() {
      return state.reason;
    },
    addEventListener: target.addEventListener.bind(target),
    removeEventListener: target.removeEventListener.bind(target),
  };
  return {
    signal: signal as AxiosRequestConfig['signal'],
    abort() {
      state.aborted = true;
      state.reason = new Error('polyfill abort');
      target.dispatchEvent(new Event('abort'));
    },
  };
}

async function streamStops(data: unknown): Promise<void> {
  if (data instanceof ReadableStream) {
    const reader = data.getReader();
    await expect(
      (async () => {
        for (;;) if ((await reader.read()).done) throw new Error('ended without the abort');
      })(),
    ).rejects.toBeDefined();
    return;
  }
  const stream = data as NodeJS.ReadableStream & { destroyed: boolean };
  stream.resume();
  await new Promise<void>((resolve) => {
    if (stream.destroyed) resolve();
    stream.on('close', () => resolve());
    stream.on('error', () => undefined);
  });
}

describe.each(ADAPTERS)('aborting after the response arrived stops a stream body (%s adapter)', (adapter) => {
  it('with a signal that is not an AbortSignal', async () => {
    const client = withVendorErrors(axios.create({ baseURL: base, adapter }), { adapter: upyun });
    const { signal, abort } = polyfillSignal();
    const res = await client.get('/stream', { responseType: 'stream', signal });
    abort();
    await streamStops(res.data);
    await expect.poll(() => closed).toBe(1);
  });

  it('with retry.signal set', async () => {
    const long = new AbortController();
    const client = withVendorErrors(axios.create({ baseURL: base, adapter }), { adapter: upyun, retry: { signal: long.signal } });
    const own = new AbortController();
    const res = await client.get('/stream', { responseType: 'stream', signal: own.signal });
    own.abort();
    await streamStops(res.data);
    await expect.poll(() => closed).toBe(1);
    // And the long-lived signal alone.
    closed = 0;
    const res2 = await client.get('/stream', { responseType: 'stream' });
    long.abort();
    await streamStops(res2.data);
    await expect.poll(() => closed).toBe(1);
  });
});

describe('only the wrapped instance changes', () => {
  it('the default instance: axios.defaults untouched, axios.create() stays plain', async () => {
    const before = axios.defaults.adapter;
    withVendorErrors(axios, { adapter: upyun, retry: FAST });
    expect(axios.defaults.adapter).toBe(before);
    const plain = axios.create({ baseURL: base });
    const err = await failure(plain.get('/503'));
    expect(axios.isAxiosError(err)).toBe(true);
    expect(hits).toBe(1);
    hits = 0;
    // The default instance itself is wrapped.
    const wrapped = await failure(axios.get(`${base}/503`));
    expect(wrapped.kind).toBe('unavailable');
    expect(hits).toBe(4);
  });

  it('an instance created from a wrapped default, wrapped too: one loop (4 requests, not 16)', async () => {
    withVendorErrors(axios, { adapter: upyun, retry: FAST });
    const child = withVendorErrors(axios.create({ baseURL: base }), { adapter: upyun, retry: FAST });
    const err = await failure(child.get('/503'));
    expect(err.kind).toBe('unavailable');
    expect(hits).toBe(4);
    hits = 0;
    const grandchild = withVendorErrors(child.create(), { adapter: upyun, retry: FAST });
    await failure(grandchild.get('/503'));
    expect(hits).toBe(4);
  });

  it('wrapping the same instance twice is a no-op (same options), or replaces it (new options)', async () => {
    const options = { adapter: upyun, retry: FAST };
    const instance = axios.create({ baseURL: base });
    withVendorErrors(instance, options);
    expect(withVendorErrors(instance, options)).toBe(instance);
    await failure(instance.get('/503'));
    expect(hits).toBe(4);
    hits = 0;
    withVendorErrors(instance, { adapter: upyun, retry: { ...FAST, retries: 1 } });
    await failure(instance.get('/503'));
    expect(hits).toBe(2);
  });

  it("axios' default adapter list (a new array on every request) gets one wrapper, not one per request", async () => {
    const client = withVendorErrors(axios.create({ baseURL: base }), { adapter: upyun, retry: FAST });
    const first = (await client.get('/ok')).config.adapter;
    const second = (await client.get('/ok')).config.adapter;
    expect(typeof first).toBe('function');
    expect(second).toBe(first);
    // Another list is another setting, and the default's wrapper comes back after it.
    const other = (await client.get('/ok', { adapter: ['fetch'] })).config.adapter;
    expect(other).not.toBe(first);
    expect((await client.get('/ok', { adapter: ['fetch'] })).config.adapter).toBe(other);
    expect((await client.get('/ok')).config.adapter).toBe(first);
    expect(hits).toBe(5);
  });

  it("a first attempt is sent with the caller's own signal; a retry's own signal is on axios' config only while it is sent", async () => {
    const seen: unknown[] = [];
    let calls = 0;
    const client = withVendorErrors(
      axios.create({
        baseURL: base,
        adapter: async (config) => {
          seen.push(config.signal);
          calls++;
          if (calls === 1) {
            const response = { data: '{"code":50300001}', status: 503, statusText: 'x', headers: {}, config, request: {} };
            throw new axios.AxiosError('503', 'ERR_BAD_RESPONSE', config, {}, response);
          }
          return { data: 'ok', status: 200, statusText: 'OK', headers: {}, config, request: {} };
        },
      }),
      { adapter: upyun, retry: FAST },
    );
    const mine = new AbortController().signal;
    const res = await client.get('/ok', { signal: mine });
    expect(seen).toHaveLength(2);
    // The first attempt: exactly what a bare axios call would send (shared/timed-attempt.ts).
    expect(seen[0]).toBe(mine);
    // The retry: a signal of its own, that the attempt timeout and the caller's signal abort.
    expect(seen[1]).toBeInstanceOf(AbortSignal);
    expect(seen[1]).not.toBe(mine);
    expect(res.config.signal).toBe(mine);
    calls = 0;
    const none = await client.get('/ok');
    expect(seen[2]).toBeUndefined();
    expect(none.config.signal).toBeUndefined();
  });

  it('a per-request adapter set by an interceptor that runs after ours still goes through the loop', async () => {
    const instance = axios.create({ baseURL: base });
    instance.interceptors.request.use((config) => {
      config.adapter = 'fetch';
      return config;
    });
    withVendorErrors(instance, { adapter: upyun, retry: FAST });
    const err = await failure(instance.get('/503'));
    expect(err.kind).toBe('unavailable');
    expect(hits).toBe(4);
  });
});

describe.each(ADAPTERS)('attemptTimeoutMs: one per-attempt timeout, as for ky and fetch (%s adapter)', (adapter) => {
  it('a stalled attempt is a TimeoutError, retried for GET, not for POST', async () => {
    const client = withVendorErrors(axios.create({ baseURL: base, adapter }), {
      adapter: upyun,
      retry: { ...FAST, retries: 2, attemptTimeoutMs: 60 },
    });
    const get = await failure(client.get('/stall'));
    expect(get).toBeInstanceOf(TimeoutError);
    expect(get.attempts).toHaveLength(3);
    expect(hits).toBe(3);
    hits = 0;
    const post = await failure(client.post('/stall', 'x'));
    expect(post).toBeInstanceOf(TimeoutError);
    expect(post.retryDecision?.reason).toBe('not-idempotent');
    expect(hits).toBe(1);
  });

  it("axios' own timeout keeps its meaning beside it", async () => {
    const client = withVendorErrors(axios.create({ baseURL: base, adapter, timeout: 40 }), {
      adapter: upyun,
      retry: { ...FAST, retries: 1, attemptTimeoutMs: 10_000 },
    });
    const err = await failure(client.get('/stall'));
    expect(err).toBeInstanceOf(TimeoutError);
    expect(err.clientCode).toBe(adapter === 'http' ? 'ECONNABORTED' : 'ETIMEDOUT');
    expect(err.attempts).toHaveLength(2);
  });
});
