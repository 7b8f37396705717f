import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { upyun } from '../../adapters/upyun/index.js';
import { upyunCatalog } from '../../adapters/upyun/catalog.js';
import { upyunDocs } from '../../adapters/upyun/docs.js';
import { englishOf } from '../../src/core/catalog-docs.js';
import { parseUpyun, upyunStatusOfCode } from '../../adapters/upyun/parse.js';
import type { ErrorKind, RetryClass } from '../../src/errors/kinds.js';
import { normalize } from '../../src/core/normalize.js';
import { headerLookup } from '../../src/core/headers.js';
import {
  AuthenticationError,
  InvalidRequestError,
  NotFoundError,
  PayloadTooLargeError,
  PermissionDeniedError,
  PreconditionFailedError,
  QuotaExceededError,
  RateLimitError,
  ServiceUnavailableError,
  TimeoutError,
  UnknownVendorError,
  VendorError,
  isVendorError,
} from '../../src/errors/index.js';
import { hostileJson, vendorBodies } from './bodies.js';
import { readMarkdownTable } from './table.js';

const FIXTURE = new URL('../fixtures/vendor-docs/upyun-rest-api-errors.md', import.meta.url);

describe('UpYun catalog', () => {
  const table = readMarkdownTable(FIXTURE);

  it('reads the documented table (167 rows: status, code, meaning)', () => {
    expect(table.header).toHaveLength(3);
    expect(table.rows).toHaveLength(167);
    expect(upyunCatalog.entries).toHaveLength(167);
  });

  it('has every row with its code, documented status and message as written, in table order', () => {
    table.rows.forEach((row, i) => {
      const [status, code, message] = row;
      const found = upyunCatalog.lookup(code ?? '');
      expect(found, `code ${code}`).toHaveLength(1);
      const entry = found[0]!;
      expect(entry.status, `status of ${code}`).toBe(Number(status));
      expect(englishOf(upyunDocs, upyunCatalog, entry), `message of ${code}`).toBe(message);
      expect(upyunCatalog.entries[i]).toBe(entry);
    });
  });

  it('looks codes up as numbers or strings', () => {
    expect(upyunCatalog.lookup('42900001')[0]?.kind).toBe('rate-limited');
    expect(upyunCatalog.lookup(42900001)[0]?.name).toBe('TOO_MANY_REQUESTS');
    expect(upyunCatalog.lookup(' 40400001 ')[0]?.name).toBe('FILE_OR_DIRECTORY_NOT_FOUND');
    expect(upyunCatalog.lookup('40401')).toHaveLength(0);
  });

  it('codes carry their status in the first three digits', () => {
    for (const e of upyunCatalog.entries) expect(String(e.code).slice(0, 3)).toBe(String(e.status));
  });

  it('every 429 row is rate-limited and safe to retry', () => {
    const rows = upyunCatalog.entries.filter((e) => e.status === 429);
    expect(rows.map((e) => e.code)).toEqual([42900001, 42900002]);
    for (const e of rows) expect([e.kind, e.retry]).toEqual(['rate-limited', 'safe']);
  });

  it('deterministic kinds never retry; transient kinds do', () => {
    const deterministic: ErrorKind[] = [
      'invalid-request',
      'unauthenticated',
      'permission-denied',
      'not-found',
      'conflict',
      'precondition-failed',
      'payload-too-large',
      'quota-exceeded',
      'not-implemented',
    ];
    for (const e of upyunCatalog.entries) {
      if (deterministic.includes(e.kind)) expect(e.retry, `${e.code} ${e.name}`).toBe('never');
      if (e.kind === 'unavailable' || e.kind === 'timeout') expect(e.retry, `${e.code}`).not.toBe('never');
      expect(e.kind).not.toBe('unknown');
    }
  });

  it('reads rows by meaning, not only by status', () => {
    const read = (code: number): [ErrorKind, RetryClass] => {
      const e = upyunCatalog.lookup(code)[0]!;
      return [e.kind, e.retry];
    };
    expect(read(40100012)).toEqual(['not-found', 'never']); // bucket not exist, sent as 401
    expect(read(40100002)).toEqual(['unauthenticated', 'never']); // date offset error
    expect(read(40100005)).toEqual(['unauthenticated', 'never']); // signature error
    expect(read(40100004)).toEqual(['unauthenticated', 'never']); // need authorization header
    expect(read(40300004)).toEqual(['quota-exceeded', 'never']); // bucket is full
    expect(read(40300005)).toEqual(['precondition-failed', 'never']); // directory not empty
    expect(read(40300009)).toEqual(['payload-too-large', 'never']); // file too large
    expect(read(40300024)).toEqual(['payload-too-large', 'never']); // exceed max size
    expect(read(40300027)).toEqual(['payload-too-large', 'never']); // request body too big
    expect(read(40600002)).toEqual(['conflict', 'never']); // folder already exists
    expect(read(50300023)).toEqual(['unavailable', 'idempotent']); // connect to db error
    expect(read(50300030)).toEqual(['unavailable', 'idempotent']); // upstream closed connection
    expect(read(50300006)).toEqual(['unavailable', 'idempotent']); // get hub error
    expect(read(50300031)).toEqual(['timeout', 'idempotent']); // read upstream timeout
    expect(read(50300013)).toEqual(['timeout', 'idempotent']); // put file capture timeout
    expect(read(50300002)).toEqual(['invalid-request', 'never']); // decode error
    expect(read(50300032)).toEqual(['invalid-request', 'never']); // wrong data
    expect(read(40000032)).toEqual(['invalid-request', 'never']); // ffmpeg args error
    // Deterministic rows under 503 keep the documented status.
    expect(upyunCatalog.lookup(50300002)[0]?.status).toBe(503);
  });

  it('keeps both rows of the message documented under two codes', () => {
    const a = upyunCatalog.lookup(40000006)[0]!;
    const b = upyunCatalog.lookup(40300007)[0]!;
    expect(englishOf(upyunDocs, upyunCatalog, a)).toBe('content md5 not match');
    expect(englishOf(upyunDocs, upyunCatalog, b)).toBe('content md5 not match');
    expect([a.status, b.status]).toEqual([400, 403]);
  });
});

interface Case {
  readonly name: string;
  readonly status: number;
  readonly headers?: Record<string, string>;
  /** A JSON body is sent both as raw text and as the parsed object. */
  readonly json?: unknown;
  /** A non-JSON body, sent as text only. */
  readonly text?: string;
  readonly method?: string;
  readonly expect: {
    readonly cls: abstract new (...args: never[]) => VendorError;
    readonly kind: ErrorKind;
    readonly code?: number | string;
    readonly codeName?: string;
    readonly requestId?: string;
    readonly retry: RetryClass;
    readonly vendorMessage?: string;
    readonly retryAfterMs?: number;
  };
}

const ID = '11e4a729d24943409933a5e8314cd32e';

const cases: Case[] = [
  {
    name: 'documented 404 with body id',
    status: 404,
    json: { msg: 'file or directory not found', code: 40400001, id: ID },
    expect: {
      cls: NotFoundError,
      kind: 'not-found',
      code: 40400001,
      codeName: 'FILE_OR_DIRECTORY_NOT_FOUND',
      requestId: ID,
      retry: 'never',
      vendorMessage: 'file or directory not found',
    },
  },
  {
    name: 'body id wins over both request-id headers',
    status: 404,
    headers: { 'X-Request-Id': 'from-header', 'X-Upyun-Request-Id': 'from-edge' },
    json: { msg: 'file or directory not found', code: 40400001, id: ID },
    expect: {
      cls: NotFoundError,
      kind: 'not-found',
      code: 40400001,
      codeName: 'FILE_OR_DIRECTORY_NOT_FOUND',
      requestId: ID,
      retry: 'never',
      vendorMessage: 'file or directory not found',
    },
  },
  {
    name: 'no body id: X-Request-Id header wins over X-Upyun-Request-Id',
    status: 403,
    headers: { 'X-Upyun-Request-Id': 'from-edge', 'X-Request-Id': 'from-header' },
    json: { msg: 'bucket is full', code: 40300004 },
    expect: {
      cls: QuotaExceededError,
      kind: 'quota-exceeded',
      code: 40300004,
      codeName: 'BUCKET_IS_FULL',
      requestId: 'from-header',
      retry: 'never',
      vendorMessage: 'bucket is full',
    },
  },
  {
    name: 'CDN edge sends only X-Upyun-Request-Id',
    status: 403,
    headers: { 'x-upyun-request-id': 'edge-7f3a' },
    json: { msg: 'directory not empty', code: 40300005 },
    expect: {
      cls: PreconditionFailedError,
      kind: 'precondition-failed',
      code: 40300005,
      codeName: 'DIRECTORY_NOT_EMPTY',
      requestId: 'edge-7f3a',
      retry: 'never',
      vendorMessage: 'directory not empty',
    },
  },
  {
    name: 'old form API: code is the status, error_code the real (uncatalogued) code, id in the body',
    status: 404,
    headers: { 'X-Request-Id': 'header-id' },
    json: { code: 404, message: 'file not found', 'X-Request-Id': 'form-req-1', error_code: 40401 },
    expect: {
      cls: UnknownVendorError,
      kind: 'unknown',
      code: 40401,
      requestId: 'form-req-1',
      retry: 'never',
      vendorMessage: 'file not found',
    },
  },
  {
    name: 'old form API 5-digit code under 503 keeps the status-implied retry',
    status: 503,
    json: { code: 503, message: 'service unavailable', 'X-Request-Id': 'form-req-2', error_code: 50301 },
    expect: {
      cls: UnknownVendorError,
      kind: 'unknown',
      code: 50301,
      requestId: 'form-req-2',
      retry: 'idempotent',
      vendorMessage: 'service unavailable',
    },
  },
  {
    name: 'old form API without error_code: the echoed status is not a vendor code',
    status: 403,
    json: { code: 403, message: 'form api disabled', 'X-Request-Id': 'form-req-3' },
    expect: {
      cls: PermissionDeniedError,
      kind: 'permission-denied',
      requestId: 'form-req-3',
      retry: 'never',
      vendorMessage: 'form api disabled',
    },
  },
  {
    name: 'HEAD answered with a bare 404 and an empty body',
    status: 404,
    method: 'HEAD',
    headers: { 'x-request-id': 'head-1' },
    text: '',
    expect: { cls: NotFoundError, kind: 'not-found', requestId: 'head-1', retry: 'never' },
  },
  {
    name: 'edge answers plain text "Not Found"',
    status: 404,
    text: 'Not Found',
    expect: { cls: NotFoundError, kind: 'not-found', retry: 'never', vendorMessage: 'Not Found' },
  },
  {
    name: 'account rate limit, no Retry-After',
    status: 429,
    json: { msg: 'too many requests', code: 42900001, id: 'rl-1' },
    expect: {
      cls: RateLimitError,
      kind: 'rate-limited',
      code: 42900001,
      codeName: 'TOO_MANY_REQUESTS',
      requestId: 'rl-1',
      retry: 'safe',
      vendorMessage: 'too many requests',
    },
  },
  {
    name: 'same-URI rate limit with Retry-After: 3',
    status: 429,
    headers: { 'Retry-After': '3' },
    json: { msg: 'too many requests of the same uri', code: 42900002, id: 'rl-2' },
    expect: {
      cls: RateLimitError,
      kind: 'rate-limited',
      code: 42900002,
      codeName: 'TOO_MANY_REQUESTS_OF_THE_SAME_URI',
      requestId: 'rl-2',
      retry: 'safe',
      vendorMessage: 'too many requests of the same uri',
      retryAfterMs: 3000,
    },
  },
  {
    name: 'rate-limit code sent as a string',
    status: 429,
    json: { msg: 'too many requests', code: '42900001', id: 'rl-3' },
    expect: {
      cls: RateLimitError,
      kind: 'rate-limited',
      code: '42900001',
      codeName: 'TOO_MANY_REQUESTS',
      requestId: 'rl-3',
      retry: 'safe',
      vendorMessage: 'too many requests',
    },
  },
  {
    name: 'keys in other casings (MSG, Code, ID)',
    status: 401,
    json: { MSG: 'signature error', Code: 40100005, ID: 'case-1' },
    expect: {
      cls: AuthenticationError,
      kind: 'unauthenticated',
      code: 40100005,
      codeName: 'SIGNATURE_ERROR',
      requestId: 'case-1',
      retry: 'never',
      vendorMessage: 'signature error',
    },
  },
  {
    name: 'bucket not exist is 401 but means not-found',
    status: 401,
    json: { msg: 'bucket not exist', code: 40100012, id: 'b-1' },
    expect: {
      cls: NotFoundError,
      kind: 'not-found',
      code: 40100012,
      codeName: 'BUCKET_NOT_EXIST',
      requestId: 'b-1',
      retry: 'never',
      vendorMessage: 'bucket not exist',
    },
  },
  {
    name: 'date offset error is an authentication failure',
    status: 401,
    json: { msg: 'date offset error', code: 40100002, id: 'd-1' },
    expect: {
      cls: AuthenticationError,
      kind: 'unauthenticated',
      code: 40100002,
      codeName: 'DATE_OFFSET_ERROR',
      requestId: 'd-1',
      retry: 'never',
      vendorMessage: 'date offset error',
    },
  },
  {
    name: 'content md5 not match as 40000006 at 400',
    status: 400,
    json: { msg: 'content md5 not match', code: 40000006, id: 'md5-1' },
    expect: {
      cls: InvalidRequestError,
      kind: 'invalid-request',
      code: 40000006,
      codeName: 'CONTENT_MD5_NOT_MATCH',
      requestId: 'md5-1',
      retry: 'never',
      vendorMessage: 'content md5 not match',
    },
  },
  {
    name: 'the same message as 40300007 at 403',
    status: 403,
    json: { msg: 'content md5 not match', code: 40300007, id: 'md5-2' },
    expect: {
      cls: InvalidRequestError,
      kind: 'invalid-request',
      code: 40300007,
      codeName: 'CONTENT_MD5_NOT_MATCH',
      requestId: 'md5-2',
      retry: 'never',
      vendorMessage: 'content md5 not match',
    },
  },
  {
    name: 'file too large',
    status: 403,
    json: { msg: 'file too large', code: 40300009, id: 'big-1' },
    expect: {
      cls: PayloadTooLargeError,
      kind: 'payload-too-large',
      code: 40300009,
      codeName: 'FILE_TOO_LARGE',
      requestId: 'big-1',
      retry: 'never',
      vendorMessage: 'file too large',
    },
  },
  {
    name: 'transient 503: connect to db error',
    status: 503,
    json: { msg: 'connect to db error', code: 50300023, id: 'db-1' },
    expect: {
      cls: ServiceUnavailableError,
      kind: 'unavailable',
      code: 50300023,
      codeName: 'CONNECT_TO_DB_ERROR',
      requestId: 'db-1',
      retry: 'idempotent',
      vendorMessage: 'connect to db error',
    },
  },
  {
    name: 'deterministic 503: decode error',
    status: 503,
    json: { msg: 'decode error', code: 50300002, id: 'dec-1' },
    expect: {
      cls: InvalidRequestError,
      kind: 'invalid-request',
      code: 50300002,
      codeName: 'DECODE_ERROR',
      requestId: 'dec-1',
      retry: 'never',
      vendorMessage: 'decode error',
    },
  },
  {
    name: '503 read upstream timeout',
    status: 503,
    json: { msg: 'read upstream timeout', code: 50300031, id: 'to-1' },
    expect: {
      cls: TimeoutError,
      kind: 'timeout',
      code: 50300031,
      codeName: 'READ_UPSTREAM_TIMEOUT',
      requestId: 'to-1',
      retry: 'idempotent',
      vendorMessage: 'read upstream timeout',
    },
  },
  {
    name: 'HTML 502 page from a proxy',
    status: 502,
    headers: { 'content-type': 'text/html' },
    text: '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n',
    expect: { cls: ServiceUnavailableError, kind: 'unavailable', retry: 'idempotent', vendorMessage: '502 Bad Gateway' },
  },
  {
    name: 'unknown 8-digit code at 404',
    status: 404,
    json: { msg: 'brand new', code: 40499999, id: 'u-1' },
    expect: {
      cls: UnknownVendorError,
      kind: 'unknown',
      code: 40499999,
      requestId: 'u-1',
      retry: 'never',
      vendorMessage: 'brand new',
    },
  },
  {
    name: 'unknown 8-digit code at 503',
    status: 503,
    json: { msg: 'brand new', code: 50399999, id: 'u-2' },
    expect: {
      cls: UnknownVendorError,
      kind: 'unknown',
      code: 50399999,
      requestId: 'u-2',
      retry: 'idempotent',
      vendorMessage: 'brand new',
    },
  },
];

function bodies(c: Case): [string, unknown][] {
  if (c.json === undefined) return [['text', c.text]];
  return [
    ['raw JSON', JSON.stringify(c.json)],
    ['parsed object', c.json],
  ];
}

describe('UpYun wire shapes', () => {
  const rows = cases.flatMap((c) => bodies(c).map(([form, body]) => ({ c, form, body })));
  it.each(rows)('$c.name ($form)', ({ c, body }) => {
    const url = 'https://v0.api.upyun.com/bucket/a.txt';
    const err = normalize(upyun, { status: c.status, headers: c.headers, body: body as string, method: c.method ?? 'GET', url });
    expect(err).toBeInstanceOf(c.expect.cls);
    if (!err) return;
    const { cls: _cls, ...fields } = c.expect;
    // Every field is checked: one a case leaves out must be absent.
    expect({
      vendor: err.vendor,
      kind: err.kind,
      status: err.status,
      code: err.code,
      codeName: err.codeName,
      requestId: err.requestId,
      retry: err.retry,
      retryable: err.retryable,
      vendorMessage: err.vendorMessage,
      retryAfterMs: err.retryAfterMs,
      method: err.method,
    }).toStrictEqual({
      vendor: 'upyun',
      status: c.status,
      code: undefined,
      codeName: undefined,
      requestId: undefined,
      vendorMessage: undefined,
      retryAfterMs: undefined,
      ...fields,
      retryable: c.expect.retry !== 'never',
      method: c.method ?? 'GET',
    });
    expect(err.message).toContain('UpYun');
    expect(err.url).toBe(url);
  });

  it('a HEAD 404 with no headers and no body still has a status-only message', () => {
    const err = normalize(upyun, { status: 404, method: 'HEAD' });
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err?.code).toBeUndefined();
    expect(err?.requestId).toBeUndefined();
    expect(err?.vendorMessage).toBeUndefined();
  });

  it.each([
    ['JSON error-shaped body', '{"msg":"file or directory not found","code":40400001,"id":"x"}'],
    ['parsed error-shaped body', { msg: 'too many requests', code: 42900001 }],
    ['empty body', ''],
    ['plain text', 'OK'],
    ['nothing', undefined],
  ])('2xx with %s is not an error', (_name, body) => {
    for (const status of [200, 201, 204, 206]) expect(normalize(upyun, { status, body })).toBeUndefined();
  });
});

describe('UpYun parser and statusOfCode', () => {
  const ctx = (json: unknown, status = 400) => ({ status, json, text: undefined, header: headerLookup({}) });

  it('maps 8-digit and 5-digit codes by their first three digits', () => {
    expect(upyunStatusOfCode(40499999)).toBe(404);
    expect(upyunStatusOfCode('50399999')).toBe(503);
    expect(upyunStatusOfCode(40401)).toBe(404);
    expect(upyunStatusOfCode('50301')).toBe(503);
    for (const bad of [404, 4040002, 123456789, -40400001, 'abc', '', '4.5', 99999999]) {
      expect(upyunStatusOfCode(bad), String(bad)).toBeUndefined();
    }
    expect(upyun.statusOfCode?.(42900001)).toBe(429);
  });

  it('reports only what the body says', () => {
    expect(parseUpyun(ctx({ msg: 'x', code: 40400001, id: 'i' }))).toEqual({ code: 40400001, message: 'x', requestId: 'i' });
    expect(parseUpyun(ctx({ code: 404, message: 'm', error_code: 40401 }))).toEqual({ code: 40401, message: 'm' });
    expect(parseUpyun(ctx({}))).toBeUndefined();
    expect(parseUpyun(ctx({ code: null, msg: '' }))).toBeUndefined();
    expect(parseUpyun(ctx('Not Found'))).toEqual({ message: 'Not Found' });
    expect(parseUpyun(ctx([{ code: 40400001 }]))).toBeUndefined();
  });

  it('never throws on hostile values', () => {
    const { values, getter, trap } = hostileJson();
    for (const json of values) expect(() => parseUpyun(ctx(json))).not.toThrow();
    expect(() => normalize(upyun, { status: 500, body: getter })).not.toThrow();
    expect(normalize(upyun, { status: 500, body: trap })).toBeInstanceOf(VendorError);
  });
});

describe('UpYun normalize property', () => {
  const bodies = vendorBodies(
    fc.oneof(
      fc.record({ msg: fc.anything(), code: fc.oneof(fc.integer(), fc.string(), fc.anything()), id: fc.anything() }),
      fc.record({ code: fc.anything(), message: fc.string(), error_code: fc.anything(), 'X-Request-Id': fc.anything() }),
    ),
  );
  it('never throws and answers undefined or a VendorError', () => {
    fc.assert(
      fc.property(bodies, fc.integer({ min: 0, max: 999 }), fc.dictionary(fc.string(), fc.string()), (body, status, headers) => {
        const err = normalize(upyun, { status, headers, body: body as object });
        expect(err === undefined || isVendorError(err)).toBe(true);
        if (status >= 200 && status < 400) expect(err).toBeUndefined();
        else expect(err).toBeInstanceOf(VendorError);
      }),
      { numRuns: 500 },
    );
  });
});
