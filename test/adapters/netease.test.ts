import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { netease } from '../../adapters/netease/index.js';
import { neteaseCatalog } from '../../adapters/netease/catalog.js';
import { neteaseDocs } from '../../adapters/netease/docs.js';
import { englishOf, rowDocs } from '../../src/core/catalog-docs.js';
import { neteaseStatusOfCode, parseNetease } from '../../adapters/netease/parse.js';
import type { ErrorKind, RetryClass } from '../../src/errors/kinds.js';
import { normalize } from '../../src/core/normalize.js';
import { headerLookup } from '../../src/core/headers.js';
import {
  AuthenticationError,
  ConflictError,
  InternalServerError,
  InvalidRequestError,
  NotFoundError,
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

const FIXTURE = new URL('../fixtures/vendor-docs/netease-cloudcomb-openapi-errors.md', import.meta.url);

describe('NetEase CloudComb catalog', () => {
  const table = readMarkdownTable(FIXTURE);

  it('reads the documented table (159 rows: code, message, description, solution)', () => {
    expect(table.header).toHaveLength(4);
    expect(table.rows).toHaveLength(159);
    expect(neteaseCatalog.entries).toHaveLength(159);
  });

  it('has every row with its code, status (first three digits) and message as written, in table order', () => {
    table.rows.forEach((row, i) => {
      const [code = '', message, description, solution] = row;
      const found = neteaseCatalog.lookup(code);
      expect(found, `code ${code}`).toHaveLength(1);
      const entry = found[0]!;
      expect(entry.status, `status of ${code}`).toBe(Number(code.slice(0, 3)));
      expect(englishOf(neteaseDocs, neteaseCatalog, entry), `message of ${code}`).toBe(message);
      // The description column is the only place a Chinese message could come from; it is empty.
      expect(rowDocs(neteaseDocs, neteaseCatalog, entry)?.messageZh, `messageZh of ${code}`).toBe(description || undefined);
      expect(solution).toBe('');
      expect(neteaseCatalog.entries[i]).toBe(entry);
    });
  });

  it('looks codes up as numbers or strings', () => {
    expect(neteaseCatalog.lookup('4030001')[0]?.kind).toBe('rate-limited');
    expect(neteaseCatalog.lookup(4040002)[0]?.name).toBe('NO_SUCH_CONTAINER');
    expect(neteaseCatalog.lookup('40301')).toHaveLength(0);
  });

  it('classifies the README traps', () => {
    const read = (code: number): [ErrorKind, RetryClass, number | undefined] => {
      const e = neteaseCatalog.lookup(code)[0]!;
      return [e.kind, e.retry, e.status];
    };
    expect(read(4030001)).toEqual(['rate-limited', 'safe', 403]);
    expect(read(4000199)).toEqual(['unavailable', 'safe', 400]);
    expect(read(4000299)).toEqual(['unavailable', 'safe', 400]);
    expect(read(4080001)).toEqual(['timeout', 'idempotent', 408]);
    expect(read(4040302)).toEqual(['not-found', 'never', 404]);
    expect(read(4040412)).toEqual(['not-found', 'never', 404]);
    expect(read(4040001)).toEqual(['not-found', 'never', 404]);
    expect(read(4040301)).toEqual(['not-found', 'never', 404]);
    expect(read(4030148)).toEqual(['quota-exceeded', 'never', 403]); // account balance
    expect(read(4030144)).toEqual(['precondition-failed', 'never', 403]); // wrong state
    expect(read(4090003)).toEqual(['conflict', 'never', 409]); // duplicate
  });

  it('every 429 row is rate-limited and safe (there are none: the rate limit is 4030001 at 403)', () => {
    for (const e of neteaseCatalog.entries.filter((x) => x.status === 429))
      expect([e.kind, e.retry]).toEqual(['rate-limited', 'safe']);
    expect(neteaseCatalog.entries.filter((e) => e.kind === 'rate-limited').map((e) => e.code)).toEqual([4030001]);
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
    for (const e of neteaseCatalog.entries) {
      if (deterministic.includes(e.kind)) expect(e.retry, `${e.code} ${e.name}`).toBe('never');
      else expect(e.retry, `${e.code} ${e.name}`).not.toBe('never');
      expect(e.kind).not.toBe('unknown');
    }
    // The only 'safe' rows are those the vendor refused before acting.
    expect(neteaseCatalog.entries.filter((e) => e.retry === 'safe').map((e) => e.code)).toEqual([4000199, 4000299, 4030001]);
  });

  it('keeps both rows of each duplicated message', () => {
    const messages = (code: number) => neteaseCatalog.lookup(code).map((e) => englishOf(neteaseDocs, neteaseCatalog, e));
    expect(messages(4040302)).toEqual(['No such IP']);
    expect(messages(4040412)).toEqual(['No such IP']);
    expect(messages(4040001)).toEqual(['No such user.']);
    expect(messages(4040301)).toEqual(['No such user']);
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

const cases: Case[] = [
  {
    name: 'documented 404, request id from x-request-id',
    status: 404,
    headers: { 'X-Request-Id': 'req-404' },
    json: { code: 4040002, message: 'No such container.' },
    expect: {
      cls: NotFoundError,
      kind: 'not-found',
      code: 4040002,
      codeName: 'NO_SUCH_CONTAINER',
      requestId: 'req-404',
      retry: 'never',
      vendorMessage: 'No such container.',
    },
  },
  {
    name: 'rate limit sent as 403',
    status: 403,
    headers: { 'x-request-id': 'req-rl' },
    json: { code: 4030001, message: 'Api freq out of limit.' },
    method: 'POST',
    expect: {
      cls: RateLimitError,
      kind: 'rate-limited',
      code: 4030001,
      codeName: 'API_FREQ_OUT_OF_LIMIT',
      requestId: 'req-rl',
      retry: 'safe',
      vendorMessage: 'Api freq out of limit.',
    },
  },
  {
    name: 'rate limit with the code as a string',
    status: 403,
    json: { code: '4030001', message: 'Api freq out of limit.' },
    expect: {
      cls: RateLimitError,
      kind: 'rate-limited',
      code: '4030001',
      codeName: 'API_FREQ_OUT_OF_LIMIT',
      retry: 'safe',
      vendorMessage: 'Api freq out of limit.',
    },
  },
  {
    name: 'rate limit with Retry-After: 3',
    status: 403,
    headers: { 'Retry-After': '3' },
    json: { code: 4030001, message: 'Api freq out of limit.' },
    expect: {
      cls: RateLimitError,
      kind: 'rate-limited',
      code: 4030001,
      codeName: 'API_FREQ_OUT_OF_LIMIT',
      retry: 'safe',
      vendorMessage: 'Api freq out of limit.',
      retryAfterMs: 3000,
    },
  },
  {
    name: '"system busy" 4000199 sent as 400',
    status: 400,
    json: { code: 4000199, message: 'System busy, please try again later.' },
    method: 'POST',
    expect: {
      cls: ServiceUnavailableError,
      kind: 'unavailable',
      code: 4000199,
      codeName: 'SYSTEM_BUSY_PLEASE_TRY_AGAIN_LATER',
      retry: 'safe',
      vendorMessage: 'System busy, please try again later.',
    },
  },
  {
    name: '"system busy" 4000299 sent as 400',
    status: 400,
    json: { code: 4000299, message: 'System busy, please try again later.' },
    expect: {
      cls: ServiceUnavailableError,
      kind: 'unavailable',
      code: 4000299,
      codeName: 'SYSTEM_BUSY_PLEASE_TRY_AGAIN_LATER',
      retry: 'safe',
      vendorMessage: 'System busy, please try again later.',
    },
  },
  {
    name: 'request timeout 4080001',
    status: 408,
    json: { code: 4080001, message: 'Request timeout.' },
    expect: {
      cls: TimeoutError,
      kind: 'timeout',
      code: 4080001,
      codeName: 'REQUEST_TIMEOUT',
      retry: 'idempotent',
      vendorMessage: 'Request timeout.',
    },
  },
  {
    name: 'older 5-digit code 40301',
    status: 403,
    json: { code: 40301, message: 'forbidden' },
    expect: { cls: UnknownVendorError, kind: 'unknown', code: 40301, retry: 'never', vendorMessage: 'forbidden' },
  },
  {
    name: 'older 5-digit code 50007',
    status: 500,
    json: { code: 50007, message: 'internal error' },
    expect: { cls: UnknownVendorError, kind: 'unknown', code: 50007, retry: 'idempotent', vendorMessage: 'internal error' },
  },
  {
    name: 'duplicate "No such IP" as 4040302',
    status: 404,
    json: { code: 4040302, message: 'No such IP' },
    expect: {
      cls: NotFoundError,
      kind: 'not-found',
      code: 4040302,
      codeName: 'NO_SUCH_IP',
      retry: 'never',
      vendorMessage: 'No such IP',
    },
  },
  {
    name: 'duplicate "No such IP" as 4040412',
    status: 404,
    json: { code: 4040412, message: 'No such IP' },
    expect: {
      cls: NotFoundError,
      kind: 'not-found',
      code: 4040412,
      codeName: 'NO_SUCH_IP',
      retry: 'never',
      vendorMessage: 'No such IP',
    },
  },
  {
    name: 'duplicate "No such user" as 4040001',
    status: 404,
    json: { code: 4040001, message: 'No such user.' },
    expect: {
      cls: NotFoundError,
      kind: 'not-found',
      code: 4040001,
      codeName: 'NO_SUCH_USER',
      retry: 'never',
      vendorMessage: 'No such user.',
    },
  },
  {
    name: 'duplicate "No such user" as 4040301',
    status: 404,
    json: { code: 4040301, message: 'No such user' },
    expect: {
      cls: NotFoundError,
      kind: 'not-found',
      code: 4040301,
      codeName: 'NO_SUCH_USER',
      retry: 'never',
      vendorMessage: 'No such user',
    },
  },
  {
    name: 'keys in other casings (Code, MESSAGE)',
    status: 409,
    json: { Code: 4090003, MESSAGE: 'Duplicate app name.' },
    expect: {
      cls: ConflictError,
      kind: 'conflict',
      code: 4090003,
      codeName: 'DUPLICATE_APP_NAME',
      retry: 'never',
      vendorMessage: 'Duplicate app name.',
    },
  },
  {
    name: 'unauthorized user',
    status: 401,
    json: { code: 4010001, message: 'Unauthorized user.' },
    expect: {
      cls: AuthenticationError,
      kind: 'unauthenticated',
      code: 4010001,
      codeName: 'UNAUTHORIZED_USER',
      retry: 'never',
      vendorMessage: 'Unauthorized user.',
    },
  },
  {
    name: 'account balance is a quota, not a permission',
    status: 403,
    json: { code: 4030148, message: 'Account balance is insufficient.' },
    expect: {
      cls: QuotaExceededError,
      kind: 'quota-exceeded',
      code: 4030148,
      codeName: 'ACCOUNT_BALANCE_IS_INSUFFICIENT',
      retry: 'never',
      vendorMessage: 'Account balance is insufficient.',
    },
  },
  {
    name: 'wrong microservice state',
    status: 403,
    json: { code: 4030153, message: "Microservice can't operate in current state." },
    expect: {
      cls: PreconditionFailedError,
      kind: 'precondition-failed',
      code: 4030153,
      codeName: 'MICROSERVICE_CAN_T_OPERATE_IN_CURRENT_STATE',
      retry: 'never',
      vendorMessage: "Microservice can't operate in current state.",
    },
  },
  {
    name: 'typo in the table keeps its message; the name is corrected',
    status: 400,
    json: { code: 4000459, message: 'Namspace not found' },
    expect: {
      cls: NotFoundError,
      kind: 'not-found',
      code: 4000459,
      codeName: 'NAMESPACE_NOT_FOUND',
      retry: 'never',
      vendorMessage: 'Namspace not found',
    },
  },
  {
    name: 'parameter error',
    status: 400,
    json: { code: 4000001, message: 'Invalid parameters.' },
    expect: {
      cls: InvalidRequestError,
      kind: 'invalid-request',
      code: 4000001,
      codeName: 'INVALID_PARAMETERS',
      retry: 'never',
      vendorMessage: 'Invalid parameters.',
    },
  },
  {
    name: '500 create container error',
    status: 500,
    json: { code: 5000001, message: 'Create container error.' },
    expect: {
      cls: InternalServerError,
      kind: 'internal',
      code: 5000001,
      codeName: 'CREATE_CONTAINER_ERROR',
      retry: 'idempotent',
      vendorMessage: 'Create container error.',
    },
  },
  {
    name: 'empty 404',
    status: 404,
    text: '',
    expect: { cls: NotFoundError, kind: 'not-found', retry: 'never' },
  },
  {
    name: 'empty 500 with a request id header',
    status: 500,
    headers: { 'x-request-id': 'req-500' },
    text: '',
    expect: { cls: InternalServerError, kind: 'internal', requestId: 'req-500', retry: 'idempotent' },
  },
  {
    name: 'plain-text 404',
    status: 404,
    text: 'Not Found\n',
    expect: { cls: NotFoundError, kind: 'not-found', retry: 'never', vendorMessage: 'Not Found' },
  },
  {
    name: 'HTML 502 page from a proxy',
    status: 502,
    text: '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>',
    expect: { cls: ServiceUnavailableError, kind: 'unavailable', retry: 'idempotent', vendorMessage: '502 Bad Gateway' },
  },
  {
    name: 'unknown 7-digit code at 404',
    status: 404,
    json: { code: 4049999, message: 'brand new' },
    expect: { cls: UnknownVendorError, kind: 'unknown', code: 4049999, retry: 'never', vendorMessage: 'brand new' },
  },
  {
    name: 'unknown 8-digit code 40499999 at 404',
    status: 404,
    json: { code: 40499999, message: 'brand new' },
    expect: { cls: UnknownVendorError, kind: 'unknown', code: 40499999, retry: 'never', vendorMessage: 'brand new' },
  },
  {
    name: 'unknown 8-digit code 50399999 at 503',
    status: 503,
    json: { code: 50399999, message: 'brand new' },
    expect: { cls: UnknownVendorError, kind: 'unknown', code: 50399999, retry: 'idempotent', vendorMessage: 'brand new' },
  },
];

function bodies(c: Case): [string, unknown][] {
  if (c.json === undefined) return [['text', c.text]];
  return [
    ['raw JSON', JSON.stringify(c.json)],
    ['parsed object', c.json],
  ];
}

describe('NetEase CloudComb wire shapes', () => {
  const rows = cases.flatMap((c) => bodies(c).map(([form, body]) => ({ c, form, body })));
  it.each(rows)('$c.name ($form)', ({ c, body }) => {
    const url = 'https://open.c.163.com/api/v1/containers/42';
    const err = normalize(netease, {
      status: c.status,
      headers: c.headers,
      body: body as string,
      method: c.method ?? 'GET',
      url,
    });
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
      vendor: 'netease',
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
    expect(err.message).toContain('NetEase CloudComb');
    expect(err.url).toBe(url);
  });

  it.each([
    ['JSON error-shaped body', '{"code":4030001,"message":"Api freq out of limit."}'],
    ['parsed error-shaped body', { code: 4000199, message: 'System busy, please try again later.' }],
    ['empty body', ''],
    ['plain text', 'OK'],
    ['nothing', undefined],
  ])('2xx with %s is not an error', (_name, body) => {
    for (const status of [200, 201, 202, 204]) expect(normalize(netease, { status, body })).toBeUndefined();
  });
});

describe('NetEase CloudComb parser and statusOfCode', () => {
  const ctx = (json: unknown, status = 400) => ({ status, json, text: undefined, header: headerLookup({}) });

  it('maps 7-digit and 5-digit codes by their first three digits', () => {
    expect(neteaseStatusOfCode(4049999)).toBe(404);
    expect(neteaseStatusOfCode('4030001')).toBe(403);
    expect(neteaseStatusOfCode(40301)).toBe(403);
    expect(neteaseStatusOfCode('50007')).toBe(500);
    for (const bad of [404, 40499999, -4040002, 'abc', '', '4.5', 9999999]) {
      expect(neteaseStatusOfCode(bad), String(bad)).toBeUndefined();
    }
    expect(netease.statusOfCode?.(4080001)).toBe(408);
  });

  it('reports only what the body says', () => {
    expect(parseNetease(ctx({ code: 4040002, message: 'm' }))).toEqual({ code: 4040002, message: 'm' });
    expect(parseNetease(ctx({ code: 404, message: 'm' }))).toEqual({ message: 'm' });
    expect(parseNetease(ctx({}))).toBeUndefined();
    expect(parseNetease(ctx({ code: null, message: '' }))).toBeUndefined();
    expect(parseNetease(ctx('Bad Gateway'))).toEqual({ message: 'Bad Gateway' });
    expect(parseNetease(ctx([{ code: 4040002 }]))).toBeUndefined();
  });

  it('never throws on hostile values', () => {
    const { values, getter, trap } = hostileJson();
    for (const json of values) expect(() => parseNetease(ctx(json))).not.toThrow();
    expect(() => normalize(netease, { status: 500, body: getter })).not.toThrow();
    expect(normalize(netease, { status: 500, body: trap })).toBeInstanceOf(VendorError);
  });
});

describe('NetEase CloudComb normalize property', () => {
  const bodies = vendorBodies(
    fc.oneof(
      fc.record({ code: fc.oneof(fc.integer(), fc.string(), fc.anything()), message: fc.anything() }),
      fc.record({ Code: fc.anything(), MESSAGE: fc.anything(), requestId: fc.anything() }),
    ),
  );
  it('never throws and answers undefined or a VendorError', () => {
    fc.assert(
      fc.property(bodies, fc.integer({ min: 0, max: 999 }), fc.dictionary(fc.string(), fc.string()), (body, status, headers) => {
        const err = normalize(netease, { status, headers, body: body as object });
        expect(err === undefined || isVendorError(err)).toBe(true);
        if (status >= 200 && status < 400) expect(err).toBeUndefined();
        else expect(err).toBeInstanceOf(VendorError);
      }),
      { numRuns: 500 },
    );
  });
});
