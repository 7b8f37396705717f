/**
 * With `boundErrorBodies: true`, the axios integration asks axios' own transports (node:http
 * adapter, fetch adapter) for a stream on every attempt, so that an error body is read only up to
 * `maxBodyBytes` (by default axios buffers bodies itself: the last describe). Accepted
 * responses must then look exactly as axios alone makes them: every case below is sent through a
 * plain axios instance and through one with `withVendorErrors`, over a real node:http server on
 * 127.0.0.1, and the two results are compared (value, type and bytes). Error bodies are checked
 * for the cap, the closed connection and a cause that still shows what the caller asked for.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import axios, { type AxiosError, AxiosHeaders, type AxiosRequestConfig } from 'axios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baiduPcs, upyun } from '../../adapters/index.js';
import {
  AuthenticationError,
  InternalServerError,
  isVendorError,
  NetworkError,
  TimeoutError,
  type VendorError,
} from '../../src/errors/index.js';
import { withVendorErrors } from '../../src/integrations/axios/index.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const JSON_BODY = '{"files":[{"name":"cat.jpg","size":1024}],"request_id":2939656146461714799}';
const BINARY = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7919) % 256));
const LATIN1 = Buffer.from('caf\xe9 cr\xe8me', 'latin1');
const UTF8_SPLIT = Buffer.from('{"text":"日本語テキスト 🐈 ünïcödé"}');

/** A 64 MiB-sized body, written as fast as the socket takes it; records what was written. */
function endless(status: number, written: { bytes: number; closed: boolean }): Handler {
  return (req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.write('{"code":50300001,"msg":"');
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let left = 1024;
    res.on('close', () => {
      written.closed = true;
    });
    const pump = () => {
      while (left > 0 && !res.destroyed) {
        left--;
        written.bytes += chunk.length;
        if (!res.write(chunk)) {
          res.once('drain', pump);
          return;
        }
      }
      if (left === 0) res.end('"}');
    };
    req.socket.setNoDelay(true);
    pump();
  };
}

const routes = new Map<string, Handler>([
  ['/json', (_q, r) => r.writeHead(200, { 'content-type': 'application/json' }).end(JSON_BODY)],
  ['/json-no-type', (_q, r) => r.writeHead(200).end(JSON_BODY)],
  ['/bad-json', (_q, r) => r.writeHead(200, { 'content-type': 'application/json' }).end('{"files": [')],
  ['/bom', (_q, r) => r.writeHead(200, { 'content-type': 'text/plain' }).end('\uFEFF{"bom":true}')],
  ['/latin1', (_q, r) => r.writeHead(200, { 'content-type': 'text/plain; charset=latin1' }).end(LATIN1)],
  ['/binary', (_q, r) => r.writeHead(200, { 'content-type': 'application/octet-stream' }).end(BINARY)],
  [
    '/gzip',
    (_q, r) => r.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' }).end(gzipSync(JSON_BODY)),
  ],
  [
    // Multi-byte characters split across chunks.
    '/chunks',
    (_q, r) => {
      r.writeHead(200, { 'content-type': 'application/json' });
      for (let i = 0; i < UTF8_SPLIT.length; i += 5) r.write(UTF8_SPLIT.subarray(i, i + 5));
      r.end();
    },
  ],
  ['/empty', (_q, r) => r.writeHead(204).end()],
  ['/no-body-200', (_q, r) => r.writeHead(200, { 'content-type': 'application/json' }).end()],
  ['/big', (_q, r) => r.writeHead(200, { 'content-type': 'text/plain' }).end('x'.repeat(1024 * 1024))],
  [
    '/not-found',
    (_q, r) =>
      r
        .writeHead(404, { 'content-type': 'application/json' })
        .end('{"msg":"file or directory not found","code":40400001,"id":"n"}'),
  ],
  ['/stall-200', (_q, r) => r.writeHead(200, { 'content-type': 'application/json' }).write('{"partial":')],
  ['/stall-500', (_q, r) => r.writeHead(500, { 'content-type': 'application/json' }).write('{"code":50000000,')],
  [
    '/baidu-110',
    (_q, r) =>
      r
        .writeHead(200, { 'content-type': 'application/json', 'set-cookie': 'BDUSS=cookie-secret-1; Path=/' })
        .end('{"error_code":110,"error_msg":"Access token invalid or no longer valid","request_id":1}'),
  ],
]);

let server: Server;
let base: string;
const dynamic = new Map<string, Handler>();
let next = 0;

function route(handler: Handler): string {
  const path = `/dyn/${++next}`;
  dynamic.set(path, handler);
  return `${base}${path}`;
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const handler = routes.get(path) ?? dynamic.get(path);
    if (handler) handler(req, res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** A result reduced to what can be compared: the value and its exact type. */
async function shape(value: unknown): Promise<unknown> {
  if (Buffer.isBuffer(value)) return { Buffer: value.toString('base64') };
  if (value instanceof ArrayBuffer) return { ArrayBuffer: Buffer.from(value).toString('base64') };
  if (value instanceof Blob) return { Blob: value.type, bytes: Buffer.from(await value.arrayBuffer()).toString('base64') };
  if (value instanceof Uint8Array) return { Uint8Array: Buffer.from(value).toString('base64') };
  if (typeof value === 'string') return { string: value };
  return { value };
}

type Outcome =
  | { ok: true; status: number; data: unknown; headers: Record<string, unknown>; progress: number }
  | { ok: false; code: unknown; message: string; status: unknown };

async function run(instance: ReturnType<typeof axios.create>, path: string, config: AxiosRequestConfig): Promise<Outcome> {
  let progress = 0;
  const withProgress =
    config.onDownloadProgress === undefined
      ? config
      : {
          ...config,
          onDownloadProgress: () => {
            progress++;
          },
        };
  try {
    const res = await instance.request({ url: `${base}${path}`, ...withProgress });
    const headers: Record<string, unknown> = { ...AxiosHeaders.from(res.headers as AxiosHeaders).toJSON() };
    delete headers.date;
    return { ok: true, status: res.status, data: await shape(res.data), headers, progress: progress > 0 ? 1 : 0 };
  } catch (error) {
    // The integration's error holds axios' own as cause.
    const e = (isVendorError(error) ? error.cause : error) as AxiosError;
    return { ok: false, code: e?.code, message: String(e?.message), status: e?.response?.status };
  }
}

const RESPONSE_TYPES: (AxiosRequestConfig['responseType'] | undefined)[] = [
  undefined,
  'json',
  'text',
  'arraybuffer',
  'blob',
  'document',
];

const PATHS = [
  '/json',
  '/json-no-type',
  '/bad-json',
  '/bom',
  '/latin1',
  '/binary',
  '/gzip',
  '/chunks',
  '/empty',
  '/no-body-200',
  '/big',
];

interface Variant {
  readonly title: string;
  readonly config: AxiosRequestConfig;
}

const VARIANTS: Variant[] = [
  { title: 'defaults', config: {} },
  { title: 'latin1 responseEncoding', config: { responseEncoding: 'latin1' } },
  { title: 'base64 responseEncoding', config: { responseEncoding: 'base64' } },
  {
    title: 'a transformResponse that reports what it was given',
    config: {
      transformResponse: [
        function (this: AxiosRequestConfig, data: unknown, _headers: unknown, status?: number) {
          return {
            type: Buffer.isBuffer(data) ? 'Buffer' : data instanceof ArrayBuffer ? 'ArrayBuffer' : typeof data,
            text: Buffer.isBuffer(data) ? data.toString('hex') : String(data),
            status,
            responseType: this.responseType,
          };
        },
      ],
    },
  },
  {
    title: 'the default transformResponse followed by one of the caller',
    config: {
      transformResponse: [
        ...(axios.defaults.transformResponse as ((data: unknown) => unknown)[]),
        (data: unknown) => ({ wrapped: typeof data === 'string' ? data : JSON.stringify(data) }),
      ],
    },
  },
  { title: 'strict JSON parsing', config: { transitional: { silentJSONParsing: false, forcedJSONParsing: true } } },
  { title: 'onDownloadProgress', config: { onDownloadProgress: () => undefined } },
  { title: 'maxContentLength above the bodies', config: { maxContentLength: 2 * 1024 * 1024 } },
  { title: 'maxContentLength below some bodies', config: { maxContentLength: 100 } },
  { title: 'decompress: false', config: { decompress: false } },
  { title: 'maxRedirects: 0 (node:http directly) with a timeout', config: { maxRedirects: 0, timeout: 5000 } },
  { title: 'validateStatus accepting everything', config: { validateStatus: () => true } },
];

describe.each([
  ['http', undefined],
  ['fetch', 'fetch'],
] as const)('accepted responses through the %s adapter look as axios alone makes them', (_name, adapter) => {
  describe.each(VARIANTS)('$title', (variant) => {
    it.each(RESPONSE_TYPES.map((t) => [t ?? '(unset)', t] as const))('responseType %s', async (_label, responseType) => {
      const plain = axios.create();
      const wrapped = withVendorErrors(axios.create(), { adapter: upyun, retry: false, boundErrorBodies: true });
      for (const path of PATHS) {
        const config: AxiosRequestConfig = { ...variant.config, ...(adapter ? { adapter } : {}) };
        if (responseType !== undefined) config.responseType = responseType;
        const expected = await run(plain, path, config);
        const actual = await run(wrapped, path, config);
        expect(actual, `${path} ${JSON.stringify(config.responseType)}`).toEqual(expected);
      }
    });
  });

  it('HEAD answers and a validateStatus-accepted 404 match too', async () => {
    const plain = axios.create();
    const wrapped = withVendorErrors(axios.create(), { adapter: upyun, retry: false, boundErrorBodies: true });
    const cfg = adapter ? { adapter } : {};
    expect(await run(wrapped, '/json', { ...cfg, method: 'HEAD' })).toEqual(
      await run(plain, '/json', { ...cfg, method: 'HEAD' }),
    );
    const accept = { ...cfg, validateStatus: () => true };
    expect(await run(wrapped, '/not-found', accept)).toEqual(await run(plain, '/not-found', accept));
  });

  it('a responseType of stream is left a stream', async () => {
    const wrapped = withVendorErrors(axios.create(), { adapter: upyun, retry: false, boundErrorBodies: true });
    const res = await wrapped.get(`${base}/json`, { responseType: 'stream', ...(adapter ? { adapter } : {}) });
    const chunks: Uint8Array[] = [];
    // A web ReadableStream (fetch) and a Node stream (http) are both async iterables in Node.
    for await (const c of res.data as AsyncIterable<Uint8Array>) chunks.push(c);
    expect(adapter === 'fetch' ? res.data instanceof ReadableStream : typeof res.data.pipe === 'function').toBe(true);
    expect(Buffer.concat(chunks).toString()).toBe(JSON_BODY);
    expect(res.config.responseType).toBe('stream');
  });

  it('the response carries the caller’s config, not the streaming one', async () => {
    const wrapped = withVendorErrors(axios.create(), { adapter: upyun, retry: false, boundErrorBodies: true });
    const res = await wrapped.get(`${base}/json`, {
      responseType: 'text',
      maxContentLength: 5000,
      ...(adapter ? { adapter } : {}),
    });
    expect(res.config.responseType).toBe('text');
    expect(res.config.maxContentLength).toBe(5000);
    expect(res.data).toBe(JSON_BODY);
  });
});

describe.each([
  ['http (follow-redirects)', {}],
  ['http (node:http, maxRedirects: 0)', { maxRedirects: 0 }],
  ['fetch', { adapter: 'fetch' }],
] as const)('error bodies through %s', (_name, transportConfig) => {
  it('a 64 MiB error body: at most the cap is read, then the connection is closed', async () => {
    const written = { bytes: 0, closed: false };
    const url = route(endless(500, written));
    const client = withVendorErrors(axios.create(), { adapter: upyun, retry: false, boundErrorBodies: true, maxBodyBytes: 4096 });
    const err = await rejected(client.get(url, { ...transportConfig, responseType: 'text' }));
    expect(err).toBeInstanceOf(InternalServerError);
    expect(err.status).toBe(500);
    await new Promise((r) => setTimeout(r, 200));
    expect(written.bytes).toBeLessThan(16 * 1024 * 1024);
    expect(written.closed).toBe(true);
    // The cause still shows what was asked for and holds what was read, as the caller's type.
    const cause = err.cause as AxiosError;
    expect(cause.config?.responseType).toBe('text');
    expect(cause.response?.config.responseType).toBe('text');
    const data = cause.response?.data;
    expect(typeof data).toBe('string');
    expect((data as string).length).toBeLessThanOrEqual(4096);
    expect(data).toMatch(/^\{"code":50300001,"msg":" +$/);
  });

  it('a small error body is read whole and classified; arraybuffer callers get bytes in the cause', async () => {
    const client = withVendorErrors(axios.create(), { adapter: upyun, retry: false, boundErrorBodies: true });
    const err = await rejected(client.get(`${base}/not-found`, { ...transportConfig, responseType: 'arraybuffer' }));
    expect(err).toMatchObject({ kind: 'not-found', code: 40400001, requestId: 'n' });
    const data = (err.cause as AxiosError).response?.data;
    const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data as ArrayBuffer);
    expect(bytes.toString()).toContain('40400001');
  });

  it('an error body that stalls, with a timeout: a TimeoutError, as axios would time out', async () => {
    const client = withVendorErrors(axios.create(), { adapter: upyun, retry: false, boundErrorBodies: true });
    const t0 = performance.now();
    const err = await rejected(client.get(`${base}/stall-500`, { ...transportConfig, timeout: 200 }));
    // follow-redirects destroys an idle socket instead: the status then classifies the failure.
    if ('maxRedirects' in transportConfig || 'adapter' in transportConfig) expect(err).toBeInstanceOf(TimeoutError);
    else expect(err.status).toBe(500);
    expect(performance.now() - t0).toBeLessThan(3000);
  });

  it('an error body that stalls: aborting the signal rejects with its reason at once', async () => {
    const client = withVendorErrors(axios.create(), { adapter: upyun, retry: false, boundErrorBodies: true });
    const controller = new AbortController();
    const reason = new Error('caller gave up');
    setTimeout(() => controller.abort(reason), 100);
    const outcome = await client.get(`${base}/stall-500`, { ...transportConfig, signal: controller.signal }).then(
      () => 'resolved',
      (e: unknown) => e,
    );
    expect(outcome).toBe(reason);
  });

  it('an accepted body that stalls, with a timeout: what axios alone gives, as a VendorError', async () => {
    const plain = await axios.get(`${base}/stall-200`, { ...transportConfig, timeout: 200 }).then(
      () => undefined,
      (e: AxiosError) => e,
    );
    const client = withVendorErrors(axios.create(), { adapter: upyun, retry: false, boundErrorBodies: true });
    const err = await rejected(client.get(`${base}/stall-200`, { ...transportConfig, timeout: 200 }));
    expect(err).toBeInstanceOf(plain?.code === 'ECONNABORTED' || plain?.code === 'ETIMEDOUT' ? TimeoutError : NetworkError);
    expect((err.cause as AxiosError).code).toBe(plain?.code);
    expect((err.cause as AxiosError).message).toBe(plain?.message);
  });
});

describe('which URLs the Node adapter is asked to stream (the protocol check)', () => {
  /** A 500 with a 1,000-byte body: streamed, the cause holds at most the cap; buffered by axios, all of it. */
  const bigError: Handler = (_q, r) =>
    r.writeHead(500, { 'content-type': 'application/json' }).end(`{"code":50000000,"msg":"${'x'.repeat(1000)}"}`);

  it.each([
    ['an absolute URL', (path: string) => ({ url: `${base}${path}` })],
    ['a baseURL and a relative path', (path: string) => ({ baseURL: base, url: path })],
    ['a baseURL and an absolute URL', (path: string) => ({ baseURL: 'http://127.0.0.1:1', url: `${base}${path}` })],
    [
      'a baseURL and an absolute URL, allowAbsoluteUrls: false',
      (path: string) => ({ baseURL: base, url: path, allowAbsoluteUrls: false }),
    ],
    ['an upper-case scheme', (path: string) => ({ url: `HTTP://${base.slice('http://'.length)}${path}` })],
    ['params', (path: string) => ({ url: `${base}${path}`, params: { a: 'b c' } })],
  ] as const)('%s: the error body is read up to the cap', async (_name, config) => {
    const path = new URL(route(bigError)).pathname;
    const client = withVendorErrors(axios.create(), { adapter: upyun, retry: false, boundErrorBodies: true, maxBodyBytes: 64 });
    const err = await rejected(client.request(config(path) as AxiosRequestConfig));
    expect(err.status).toBe(500);
    const data = (err.cause as AxiosError).response?.data;
    expect(typeof data).toBe('string');
    expect((data as string).length).toBeLessThanOrEqual(64);
  });

  it('a data: URL is left to axios: the same data as axios alone', async () => {
    const url = 'data:application/json;base64,eyJmaWxlcyI6W119';
    const plain = await axios.get(url, { responseType: 'text' });
    const client = withVendorErrors(axios.create(), { adapter: upyun, retry: false, boundErrorBodies: true });
    const res = await client.get(url, { responseType: 'text' });
    expect(res.status).toBe(plain.status);
    expect(res.data).toEqual(plain.data);
  });
});

describe('by default (boundErrorBodies off) axios buffers every body itself', () => {
  it.each([
    ['http', {}],
    ['fetch', { adapter: 'fetch' }],
  ] as const)('%s: accepted responses are what axios alone gives', async (_n, transportConfig) => {
    const plain = axios.create();
    const wrapped = withVendorErrors(axios.create(), { adapter: upyun, retry: false });
    for (const path of ['/json', '/binary', '/gzip', '/bom', '/latin1', '/empty']) {
      for (const responseType of [undefined, 'text', 'arraybuffer', 'json'] as const) {
        const config: AxiosRequestConfig = { ...transportConfig, ...(responseType ? { responseType } : {}) };
        expect(await run(wrapped, path, config), `${path} ${responseType}`).toEqual(await run(plain, path, config));
      }
    }
  });

  it.each([
    ['http', {}],
    ['fetch', { adapter: 'fetch' }],
  ] as const)('%s: an error body is read whole by axios, parsed up to the cap, and classified', async (_n, transportConfig) => {
    const url = route((_q, r) =>
      r.writeHead(500, { 'content-type': 'application/json' }).end(`{"code":50000000,"msg":"${'x'.repeat(1000)}"}`),
    );
    const client = withVendorErrors(axios.create(), { adapter: upyun, retry: false, maxBodyBytes: 64 });
    const err = await rejected(client.get(url, { ...transportConfig, responseType: 'text' }));
    expect(err).toBeInstanceOf(InternalServerError);
    // Nothing asked for a stream: the cause holds the whole body, as axios read it, and the caller's config.
    const cause = err.cause as AxiosError;
    expect(String(cause.response?.data).length).toBeGreaterThan(1000);
    expect(cause.config?.responseType).toBe('text');
  });

  it('boundErrorBodies must be a boolean: a TypeError naming it', () => {
    expect(() => withVendorErrors(axios.create(), { adapter: upyun, boundErrorBodies: 'yes' as unknown as boolean })).toThrow(
      /boundErrorBodies/,
    );
  });
});

async function rejected(p: Promise<unknown>): Promise<VendorError> {
  const e = await p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
  if (!isVendorError(e)) throw e;
  return e;
}

describe('the cause the integration builds for an error hidden in a 200 (Baidu PCS)', () => {
  it.each([
    ['http', {}],
    ['fetch', { adapter: 'fetch' }],
  ] as const)('%s: keeps status and body, redacts URL, headers and cookies, has no request', async (_n, transportConfig) => {
    const client = withVendorErrors(axios.create(), { adapter: baiduPcs, retry: false });
    const err = await rejected(
      client.get(`${base}/baidu-110?method=info&access_token=token-secret-1`, {
        ...transportConfig,
        headers: { Authorization: 'Bearer header-secret-1', Cookie: 'BDUSS=cookie-secret-2' },
        params: { stoken: 'param-secret-1' },
        auth: { username: 'me', password: 'basic-secret-1' },
      }),
    );
    expect(err).toBeInstanceOf(AuthenticationError);
    const cause = err.cause as AxiosError;
    expect(axios.isAxiosError(cause)).toBe(true);
    expect(cause.response?.status).toBe(200);
    expect(String(cause.response?.data)).toContain('"error_code":110');
    expect(cause.config?.method).toBe('get');
    expect(cause.config?.url).toContain('/baidu-110?method=info&access_token=[REDACTED]');
    // With `auth`, the http adapter drops the caller's Authorization; the fetch adapter sends Basic.
    expect([undefined, '[REDACTED]']).toContain(cause.config?.headers.Authorization);
    expect(cause.config?.headers.Cookie).toBe('[REDACTED]');
    // An array from node:http, a string from fetch: redacted either way, in the shape it came.
    expect([cause.response?.headers['set-cookie']].flat()).toEqual(['[REDACTED]']);
    expect(cause.request).toBeUndefined();
    const { inspect } = await import('node:util');
    const shown = `${inspect(cause, { depth: 8 })}\n${JSON.stringify(cause)}`;
    for (const secret of [
      'token-secret-1',
      'header-secret-1',
      'cookie-secret-1',
      'cookie-secret-2',
      'param-secret-1',
      'basic-secret-1',
    ]) {
      expect(shown).not.toContain(secret);
    }
  });
});
