import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import fc from 'fast-check';
import { vendorBodies } from './bodies.js';
import { describe, expect, it } from 'vitest';
import { baiduPcs } from '../../adapters/baidu-pcs/index.js';
import { baiduPcsDocs } from '../../adapters/baidu-pcs/docs.js';
import { englishOf, rowDocs } from '../../src/core/catalog-docs.js';
import type { ErrorKind, RetryClass } from '../../src/errors/kinds.js';
import { normalize, type NormalizeInput } from '../../src/core/normalize.js';
import { readBody } from '../../src/core/body.js';
import { headerLookup } from '../../src/core/headers.js';
import {
  AuthenticationError,
  ConflictError,
  InternalServerError,
  InvalidRequestError,
  NotFoundError,
  NotImplementedError,
  PermissionDeniedError,
  QuotaExceededError,
  RateLimitError,
  ServiceUnavailableError,
  UnknownVendorError,
  VendorError,
} from '../../src/errors/index.js';

const FIXTURE = new URL('../fixtures/vendor-docs/baidu-pcs-file-api-errors.md', import.meta.url);
const BIG_ID = '2939656146461714799'; // README: request ids exceed 2^53
/** What a body already parsed with `JSON.parse` carries: the id rounded to a double. */
const ROUNDED_ID = String(Number(BIG_ID));
const catalog = baiduPcs.catalog;

/**
 * The vendor table's header and body rows. (test/adapters/table.ts wants `---` in the
 * delimiter row; this table's is `| :- | -: |`, which GFM also allows, so it is read here.)
 */
function readTable(file: URL): { header: string[]; rows: string[][] } {
  const cells = (line: string) =>
    line
      .trim()
      .replace(/^\|/, '')
      .replace(/\|$/, '')
      .split('|')
      .map((c) => c.trim());
  const lines = readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim().startsWith('|'));
  const isDelimiter = (l: string) => /^\|?(\s*:?-+:?\s*\|)+\s*:?-*:?\s*$/.test(l.trim());
  const sep = lines.findIndex(isDelimiter);
  return {
    header: cells(lines[sep - 1] ?? ''),
    rows: lines
      .slice(sep + 1)
      .filter((l) => !isDelimiter(l))
      .map(cells),
  };
}

describe('Baidu PCS catalog', () => {
  const table = readTable(FIXTURE);

  it('reads the whole vendor table', () => {
    expect(table.header.slice(0, 3)).toEqual(['HTTP状态码', '错误码', '错误信息']);
    expect(table.rows).toHaveLength(67);
  });

  it('has every table row with its code, status, message and Chinese text', () => {
    for (const cells of table.rows) {
      const [status, code, message] = cells;
      // 31079's Chinese text is split over extra cells in the table; the catalog joins them.
      const zh = cells.slice(3).join('');
      const entries = catalog.lookup(Number(code));
      const entry = entries.find((e) => englishOf(baiduPcsDocs, catalog, e) === message);
      expect(entry, `row ${code}`).toBeDefined();
      expect(entry?.code).toBe(Number(code));
      expect(entry?.status).toBe(Number(status));
      expect(entry && rowDocs(baiduPcsDocs, catalog, entry)?.messageZh).toBe(zh);
    }
  });

  it('is the table plus one documented addition (111), in table order', () => {
    expect(catalog.entries).toHaveLength(table.rows.length + 1);
    const extra = catalog.entries.filter((e) => !table.rows.some((r) => Number(r[1]) === e.code));
    expect(extra.map((e) => e.code)).toEqual([111]);
    expect(extra[0]).toMatchObject({ kind: 'unauthenticated', retry: 'never', status: undefined, name: 'ACCESS_TOKEN_EXPIRED' });
    expect(baiduPcsDocs[111]).toEqual({ message: expect.any(String), note: expect.stringMatching(/README/) });
    const tableCodes = table.rows.map((r) => Number(r[1]));
    expect(catalog.entries.map((e) => e.code).filter((c) => c !== 111)).toEqual(tableCodes);
  });

  it('looks codes up by number or digits', () => {
    expect(catalog.lookup('31219')[0]?.name).toBe('REQUEST_EXCEED_LIMIT');
    expect(catalog.lookup(' 31219 ')[0]?.code).toBe(31219);
    expect(catalog.lookup(31219)).toHaveLength(1);
    expect(catalog.lookup('nope')).toHaveLength(0);
  });

  it('keeps typos in the message and notes the fix', () => {
    const e = catalog.lookup(31111)[0];
    expect(e && englishOf(baiduPcsDocs, catalog, e)).toBe('quota only sopport 2 level directories');
    expect(e && rowDocs(baiduPcsDocs, catalog, e)?.note).toMatch(/support/);
  });

  it('marks 0 "no error" as a success row', () => {
    expect(catalog.lookup(0)[0]).toMatchObject({ outcome: 'success', status: 200, name: 'NO_ERROR' });
    expect(englishOf(baiduPcsDocs, catalog, catalog.lookup(0)[0]!)).toBe('no error');
  });

  it('keeps 31066 at the documented 403, noting that servers send 404', () => {
    expect(catalog.lookup(31066)[0]).toMatchObject({ status: 403, kind: 'not-found', retry: 'never' });
    expect(baiduPcsDocs[31066]).toMatchObject({ note: expect.stringMatching(/404/) });
  });

  it('classifies by meaning: rate limit, quotas, auth, the mixed 503 family', () => {
    const k = (code: number) => {
      const e = catalog.lookup(code)[0];
      return e && [e.status, e.kind, e.retry];
    };
    expect(k(31219)).toEqual([403, 'rate-limited', 'safe']);
    expect(k(31220)).toEqual([403, 'quota-exceeded', 'never']);
    expect(k(31218)).toEqual([403, 'quota-exceeded', 'never']);
    expect(k(31112)).toEqual([400, 'quota-exceeded', 'never']);
    expect(k(110)).toEqual([401, 'unauthenticated', 'never']);
    expect(k(111)).toEqual([undefined, 'unauthenticated', 'never']);
    expect(k(31041)).toEqual([403, 'unauthenticated', 'never']);
    expect(k(31042)).toEqual([403, 'unauthenticated', 'never']);
    for (const code of [31001, 31002, 31021, 31022, 31212, 31213]) expect(k(code)).toEqual([503, 'unavailable', 'idempotent']);
    expect(k(31102)).toEqual([503, 'invalid-request', 'never']);
    expect(k(31082)).toEqual([503, 'invalid-request', 'never']);
    expect(k(31003)).toEqual([503, 'not-found', 'never']);
    expect(k(31210)).toEqual([501, 'not-implemented', 'never']);
    expect(k(3)).toEqual([400, 'not-implemented', 'never']);
  });

  it('gives no row of a non-retryable kind a retry class other than never', () => {
    const retryable: ErrorKind[] = ['rate-limited', 'unavailable', 'timeout', 'internal'];
    for (const e of catalog.entries) {
      if (!retryable.includes(e.kind)) expect(e.retry, `${e.code}`).toBe('never');
      else expect(e.retry, `${e.code}`).not.toBe('never');
      expect(e.name).toMatch(/^[A-Z0-9_]+$/);
    }
  });
});

interface Case {
  readonly name: string;
  readonly status: number;
  readonly body: string;
  /** The expected error, or `undefined` for a success. */
  readonly want:
    | {
        readonly cls: typeof VendorError;
        readonly kind: ErrorKind;
        readonly code?: number | string;
        readonly codeName?: string;
        readonly requestId?: string;
        /** What a pre-parsed body yields, where `JSON.parse` already rounded the id. */
        readonly objectRequestId?: string;
        readonly retry: RetryClass;
        readonly vendorMessage?: string;
      }
    | undefined;
}

const html502 =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>';

const cases: Case[] = [
  {
    name: '31219 request exceed limit as 403 (rate limit), big request id',
    status: 403,
    body: `{"error_code":31219,"error_msg":"request exceed limit","request_id":${BIG_ID}}`,
    want: {
      cls: RateLimitError,
      kind: 'rate-limited',
      code: 31219,
      codeName: 'REQUEST_EXCEED_LIMIT',
      requestId: BIG_ID,
      objectRequestId: ROUNDED_ID,
      retry: 'safe',
      vendorMessage: 'request exceed limit',
    },
  },
  {
    name: 'error under HTTP 200',
    status: 200,
    body: `{"error_code":31219,"error_msg":"request exceed limit","request_id":${BIG_ID}}`,
    want: {
      cls: RateLimitError,
      kind: 'rate-limited',
      code: 31219,
      requestId: BIG_ID,
      objectRequestId: ROUNDED_ID,
      retry: 'safe',
    },
  },
  {
    name: 'not-found under HTTP 200',
    status: 200,
    body: '{"error_code":31066,"error_msg":"file does not exist","request_id":1234567890}',
    want: {
      cls: NotFoundError,
      kind: 'not-found',
      code: 31066,
      codeName: 'FILE_DOES_NOT_EXIST',
      requestId: '1234567890',
      retry: 'never',
    },
  },
  {
    name: 'success body under 200',
    status: 200,
    body: '{"error_code":0,"error_msg":"no error","request_id":7}',
    want: undefined,
  },
  { name: 'success body without id', status: 200, body: '{"error_code":0,"error_msg":"no error"}', want: undefined },
  { name: 'ordinary 200 payload', status: 200, body: `{"list":[{"path":"/apps/x"}],"request_id":${BIG_ID}}`, want: undefined },
  {
    name: '31066 as real servers send it (404)',
    status: 404,
    body: '{"error_code":31066,"error_msg":"file does not exist","request_id":4056698163}',
    want: {
      cls: NotFoundError,
      kind: 'not-found',
      code: 31066,
      requestId: '4056698163',
      retry: 'never',
      vendorMessage: 'file does not exist',
    },
  },
  {
    name: '31066 as the table documents it (403)',
    status: 403,
    body: '{"error_code":31066,"error_msg":"file does not exist","request_id":4056698163}',
    want: { cls: NotFoundError, kind: 'not-found', code: 31066, retry: 'never' },
  },
  {
    name: '110 access token invalid',
    status: 401,
    body: '{"error_code":110,"error_msg":"Access token invalid or no longer valid","request_id":12}',
    want: {
      cls: AuthenticationError,
      kind: 'unauthenticated',
      code: 110,
      codeName: 'ACCESS_TOKEN_INVALID_OR_NO_LONGER_VALID',
      retry: 'never',
    },
  },
  {
    name: '111 access token expired (README addition)',
    status: 401,
    body: '{"error_code":111,"error_msg":"Access token expired","request_id":13}',
    want: {
      cls: AuthenticationError,
      kind: 'unauthenticated',
      code: 111,
      codeName: 'ACCESS_TOKEN_EXPIRED',
      requestId: '13',
      retry: 'never',
    },
  },
  {
    name: '31041 bduss invalid under 403',
    status: 403,
    body: '{"error_code":31041,"error_msg":"bduss is invalid","request_id":14}',
    want: { cls: AuthenticationError, kind: 'unauthenticated', code: 31041, codeName: 'BDUSS_IS_INVALID', retry: 'never' },
  },
  {
    name: '31042 user is not login under 403',
    status: 403,
    body: '{"error_code":31042,"error_msg":"user is not login","request_id":15}',
    want: { cls: AuthenticationError, kind: 'unauthenticated', code: 31042, retry: 'never' },
  },
  {
    name: '31220 transfer exceed limit is a quota',
    status: 403,
    body: '{"error_code":31220,"error_msg":"transfer exceed limit","request_id":16}',
    want: { cls: QuotaExceededError, kind: 'quota-exceeded', code: 31220, codeName: 'TRANSFER_EXCEED_LIMIT', retry: 'never' },
  },
  {
    name: '31218 storage exceed limit is a quota',
    status: 403,
    body: '{"error_code":31218,"error_msg":"storage exceed limit","request_id":17}',
    want: { cls: QuotaExceededError, kind: 'quota-exceeded', code: 31218, retry: 'never' },
  },
  {
    name: '31112 exceed quota under 400',
    status: 400,
    body: '{"error_code":31112,"error_msg":"exceed quota","request_id":18}',
    want: { cls: QuotaExceededError, kind: 'quota-exceeded', code: 31112, retry: 'never' },
  },
  {
    name: '31021 network error (transient 503)',
    status: 503,
    body: '{"error_code":31021,"error_msg":"network error","request_id":19}',
    want: { cls: ServiceUnavailableError, kind: 'unavailable', code: 31021, codeName: 'NETWORK_ERROR', retry: 'idempotent' },
  },
  {
    name: '31022 can not access server (transient 503)',
    status: 503,
    body: '{"error_code":31022,"error_msg":"can not access server","request_id":20}',
    want: { cls: ServiceUnavailableError, kind: 'unavailable', code: 31022, retry: 'idempotent' },
  },
  {
    name: '31212 service unavailable (transient 503)',
    status: 503,
    body: '{"error_code":31212,"error_msg":"service unavailable","request_id":21}',
    want: { cls: ServiceUnavailableError, kind: 'unavailable', code: 31212, retry: 'idempotent' },
  },
  {
    name: '31102 tag param error (deterministic 503)',
    status: 503,
    body: '{"error_code":31102,"error_msg":"tag param error","request_id":22}',
    want: { cls: InvalidRequestError, kind: 'invalid-request', code: 31102, codeName: 'TAG_PARAM_ERROR', retry: 'never' },
  },
  {
    name: '31082 empty block list (deterministic 503)',
    status: 503,
    body: '{"error_code":31082,"error_msg":"superfile block list is empty","request_id":23}',
    want: { cls: InvalidRequestError, kind: 'invalid-request', code: 31082, retry: 'never' },
  },
  {
    name: '31210 not implement',
    status: 501,
    body: '{"error_code":31210,"error_msg":"not implement","request_id":24}',
    want: { cls: NotImplementedError, kind: 'not-implemented', code: 31210, retry: 'never' },
  },
  {
    name: '3 unsupported open api',
    status: 400,
    body: '{"error_code":3,"error_msg":"Unsupported open api","request_id":25}',
    want: { cls: NotImplementedError, kind: 'not-implemented', code: 3, codeName: 'UNSUPPORTED_OPEN_API', retry: 'never' },
  },
  {
    name: '31061 file already exists',
    status: 400,
    body: '{"error_code":31061,"error_msg":"file already exists","request_id":26}',
    want: { cls: ConflictError, kind: 'conflict', code: 31061, retry: 'never' },
  },
  {
    name: '4 no permission',
    status: 403,
    body: '{"error_code":4,"error_msg":"No permission to do this operation","request_id":27}',
    want: { cls: PermissionDeniedError, kind: 'permission-denied', code: 4, retry: 'never' },
  },
  {
    name: '31209 internal error',
    status: 500,
    body: '{"error_code":31209,"error_msg":"baidubs internal error","request_id":28}',
    want: { cls: InternalServerError, kind: 'internal', code: 31209, retry: 'idempotent' },
  },
  {
    name: '31079 with an extra member that also has a request_id',
    status: 404,
    body: `{"error_code":31079,"error_msg":"File md5 not found, you should use upload API to upload the whole file.","extra":{"request_id":1},"request_id":${BIG_ID}}`,
    want: {
      cls: NotFoundError,
      kind: 'not-found',
      code: 31079,
      codeName: 'FILE_MD5_NOT_FOUND',
      requestId: BIG_ID,
      objectRequestId: ROUNDED_ID,
      retry: 'never',
    },
  },
  {
    name: 'code sent as a string',
    status: 403,
    body: '{"error_code":"31219","error_msg":"request exceed limit","request_id":"2939656146461714799"}',
    want: {
      cls: RateLimitError,
      kind: 'rate-limited',
      code: '31219',
      codeName: 'REQUEST_EXCEED_LIMIT',
      requestId: BIG_ID,
      retry: 'safe',
    },
  },
  {
    name: 'keys in another casing',
    status: 403,
    body: '{"Error_Code":31219,"Error_Msg":"request exceed limit","Request_Id":99}',
    want: {
      cls: RateLimitError,
      kind: 'rate-limited',
      code: 31219,
      requestId: '99',
      retry: 'safe',
      vendorMessage: 'request exceed limit',
    },
  },
  {
    name: 'unknown code under 200 is still a failure',
    status: 200,
    body: '{"error_code":39999,"error_msg":"something new","request_id":30}',
    want: {
      cls: UnknownVendorError,
      kind: 'unknown',
      code: 39999,
      codeName: undefined,
      requestId: '30',
      retry: 'never',
      vendorMessage: 'something new',
    },
  },
  {
    name: 'unknown code under 503 takes its retry from the status',
    status: 503,
    body: '{"error_code":39998,"error_msg":"something new","request_id":31}',
    want: { cls: UnknownVendorError, kind: 'unknown', code: 39998, retry: 'idempotent' },
  },
  { name: 'float code under 200 is not a code', status: 200, body: '{"error_code":31219.5,"error_msg":"x"}', want: undefined },
  { name: 'negative code under 200 is not a code', status: 200, body: '{"error_code":-1,"error_msg":"x"}', want: undefined },
  {
    name: 'object code under 200 is not a code',
    status: 200,
    body: '{"error_code":{"v":31219},"error_msg":"x"}',
    want: undefined,
  },
  {
    name: 'float code under 403: the status decides',
    status: 403,
    body: '{"error_code":31219.5,"error_msg":"odd"}',
    want: { cls: PermissionDeniedError, kind: 'permission-denied', code: undefined, retry: 'never', vendorMessage: 'odd' },
  },
  {
    name: 'HTML 502 page from a proxy',
    status: 502,
    body: html502,
    want: {
      cls: ServiceUnavailableError,
      kind: 'unavailable',
      code: undefined,
      retry: 'idempotent',
      vendorMessage: '502 Bad Gateway',
    },
  },
  {
    name: 'empty body 404',
    status: 404,
    body: '',
    want: { cls: NotFoundError, kind: 'not-found', code: undefined, retry: 'never', vendorMessage: undefined },
  },
  {
    name: 'plain text 500',
    status: 500,
    body: 'Internal Server Error\n',
    want: {
      cls: InternalServerError,
      kind: 'internal',
      code: undefined,
      retry: 'idempotent',
      vendorMessage: 'Internal Server Error',
    },
  },
];

function check(c: Case, input: NormalizeInput, requestId: string | undefined): void {
  const err = normalize(baiduPcs, input);
  if (c.want === undefined) {
    expect(err).toBeUndefined();
    return;
  }
  expect(err).toBeInstanceOf(c.want.cls);
  expect(err).toBeInstanceOf(VendorError);
  expect(err?.vendor).toBe('baidu-pcs');
  expect(err?.kind).toBe(c.want.kind);
  expect(err?.status).toBe(c.status);
  expect(err?.retry).toBe(c.want.retry);
  expect(err?.retryable).toBe(c.want.retry !== 'never');
  if ('code' in c.want) expect(err?.code).toStrictEqual(c.want.code);
  if ('codeName' in c.want) expect(err?.codeName).toBe(c.want.codeName);
  if ('vendorMessage' in c.want) expect(err?.vendorMessage).toBe(c.want.vendorMessage);
  if (requestId !== undefined) expect(err?.requestId).toBe(requestId);
}

describe('Baidu PCS wire payloads', () => {
  it.each(cases)('text body: $name', (c) => {
    check(
      c,
      { status: c.status, body: c.body, method: 'GET', url: 'https://pcs.baidu.com/rest/2.0/pcs/file?method=list' },
      c.want?.requestId,
    );
  });

  it.each(cases.filter((c) => readBody(c.body).json !== undefined))('parsed body: $name', (c) => {
    check(c, { status: c.status, body: JSON.parse(c.body) as object }, c.want?.objectRequestId ?? c.want?.requestId);
  });

  it('tells integrations to read 2xx bodies', () => {
    expect(baiduPcs.errorsInSuccess).toBe(true);
    expect(baiduPcs).toMatchObject({ name: 'baidu-pcs', displayName: 'Baidu PCS' });
  });

  it('bytes bodies read like text', () => {
    const body = new TextEncoder().encode(`{"error_code":31219,"error_msg":"request exceed limit","request_id":${BIG_ID}}`);
    expect(normalize(baiduPcs, { status: 403, body })?.requestId).toBe(BIG_ID);
  });

  it('keeps a string request id from a pre-parsed body exactly', () => {
    const err = normalize(baiduPcs, {
      status: 403,
      body: { error_code: 31219, error_msg: 'request exceed limit', request_id: BIG_ID },
    });
    expect(err?.requestId).toBe(BIG_ID);
  });

  it('takes a bigint request id from a bigint-aware parser', () => {
    const err = normalize(baiduPcs, { status: 403, body: { error_code: 31219, request_id: BigInt(BIG_ID) } });
    expect(err?.requestId).toBe(BIG_ID);
  });

  it('writes a readable message with code, name, status and request id', () => {
    const err = normalize(baiduPcs, {
      status: 403,
      method: 'get',
      body: `{"error_code":31219,"error_msg":"request exceed limit","request_id":${BIG_ID}}`,
    });
    expect(err?.message).toBe(`Baidu PCS 31219 REQUEST_EXCEED_LIMIT: request exceed limit (HTTP 403, GET) [request ${BIG_ID}]`);
    expect(err?.method).toBe('GET');
  });

  it('never shows the access token or the BDUSS cookie', () => {
    const token = '21.7b1f0f9c9b3c4e7f1a2b3c4d5e6f7a8b.2592000.1700000000.1234567890-123456';
    const bduss = 'VhNUlVMUFhzT1R0aGZ3SkFDTnBtfmVOb2xLUzZ';
    const err = normalize(baiduPcs, {
      status: 403,
      method: 'GET',
      url: `https://pcs.baidu.com/rest/2.0/pcs/file?method=download&access_token=${token}&path=%2Fapps%2Fa.txt`,
      headers: { cookie: `BDUSS=${bduss}; STOKEN=abc`, 'content-type': 'application/json' },
      body: `{"error_code":31041,"error_msg":"bduss is invalid: BDUSS=${bduss}; access_token=${token}","request_id":${BIG_ID}}`,
      cause: new Error(`GET https://pcs.baidu.com/rest/2.0/pcs/file?access_token=${token} failed (Cookie: BDUSS=${bduss})`),
    });
    expect(err).toBeInstanceOf(AuthenticationError);
    const views = [err?.message ?? '', JSON.stringify(err), inspect(err), err?.vendorMessage ?? '', err?.url ?? '', String(err)];
    for (const view of views) {
      expect(view).not.toContain(token);
      expect(view).not.toContain(bduss);
    }
    expect(err?.url).toContain('access_token=[REDACTED]');
    expect(err?.url).toContain('path=%2Fapps%2Fa.txt');
    expect(JSON.stringify(err)).toContain(BIG_ID);
  });

  it('redacts a token passed as a URL object', () => {
    const err = normalize(baiduPcs, {
      status: 401,
      url: new URL('https://pcs.baidu.com/rest/2.0/pcs/quota?method=info&access_token=SECRETTOKEN123'),
      body: '{"error_code":110,"error_msg":"Access token invalid or no longer valid","request_id":1}',
    });
    expect(JSON.stringify(err)).not.toContain('SECRETTOKEN123');
    expect(inspect(err)).not.toContain('SECRETTOKEN123');
  });

  it('ignores a code-less body under 200 and reads the request id header when the body has none', () => {
    expect(normalize(baiduPcs, { status: 200, body: 'OK' })).toBeUndefined();
    const err = normalize(baiduPcs, { status: 500, headers: { 'X-Request-Id': 'hdr-1' }, body: '' });
    expect(err?.requestId).toBe('hdr-1');
  });
});

describe('Baidu PCS parser robustness', () => {
  const statuses = fc.oneof(
    fc.constantFrom(200, 204, 400, 401, 403, 404, 500, 501, 502, 503),
    fc.integer({ min: -5, max: 1200 }),
  );
  const shaped = fc.record(
    { error_code: fc.anything(), error_msg: fc.anything(), request_id: fc.anything(), extra: fc.anything() },
    { requiredKeys: [] },
  );
  const bodies = vendorBodies(shaped);

  it('normalize never throws and returns undefined or a VendorError', () => {
    fc.assert(
      fc.property(bodies, fc.option(statuses, { nil: undefined }), (body, status) => {
        const err = normalize(baiduPcs, { status, body: body as NormalizeInput['body'] });
        expect(err === undefined || err instanceof VendorError).toBe(true);
      }),
      { numRuns: 600 },
    );
  });

  it('parse never throws', () => {
    fc.assert(
      fc.property(bodies, fc.option(fc.string(), { nil: undefined }), (json, text) => {
        expect(() => baiduPcs.parse({ status: 200, json, text, header: headerLookup(undefined) })).not.toThrow();
      }),
      { numRuns: 400 },
    );
  });
});
