import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import fc from 'fast-check';
import { vendorBodies } from './bodies.js';
import { describe, expect, it } from 'vitest';
import { mfp } from '../../adapters/mfp/index.js';
import { mfpDocs } from '../../adapters/mfp/docs.js';
import { englishOf, rowDocs } from '../../src/core/catalog-docs.js';
import { headerLookup } from '../../src/core/headers.js';
import type { ErrorKind, RetryClass } from '../../src/errors/kinds.js';
import { normalize, type NormalizeInput } from '../../src/core/normalize.js';
import {
  ConflictError,
  InternalServerError,
  InvalidRequestError,
  NotFoundError,
  NotImplementedError,
  PayloadTooLargeError,
  PermissionDeniedError,
  PreconditionFailedError,
  QuotaExceededError,
  RateLimitError,
  ServiceUnavailableError,
  UnknownVendorError,
  VendorError,
} from '../../src/errors/index.js';

const FIXTURE = new URL('../fixtures/vendor-docs/mfp-daemon-retcodes.md', import.meta.url);
const catalog = mfp.catalog;
const UUID = '6f1c2f7e-3b1a-4d8e-9c5b-0a7e2d4c9b11';

/** The body rows of every table in the file: `| \`code\` | English | 中文 | 说明 |`. */
function readRows(file: URL): { code: number; name: string; zh: string }[] {
  const rows: { code: number; name: string; zh: string }[] = [];
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    const cells = line
      .trim()
      .replace(/^\|/, '')
      .replace(/\|$/, '')
      .split('|')
      .map((c) => c.trim());
    const code = /^`(\d+)`$/.exec(cells[0] ?? '')?.[1];
    if (code && cells[1] && cells[2]) rows.push({ code: Number(code), name: cells[1], zh: cells[2] });
  }
  return rows;
}

describe('MFP catalog', () => {
  const rows = readRows(FIXTURE);

  it('reads all 25 table rows, including the duplicated 21101 and 21102', () => {
    expect(rows).toHaveLength(25);
    expect(rows.filter((r) => r.code === 21101)).toHaveLength(2);
    expect(rows.filter((r) => r.code === 21102)).toHaveLength(2);
  });

  it('has every row with its code, English title and Chinese name, in table order', () => {
    expect(catalog.entries).toHaveLength(25);
    expect(catalog.entries.map((e) => [e.code, englishOf(mfpDocs, catalog, e), rowDocs(mfpDocs, catalog, e)?.messageZh])).toEqual(
      rows.map((r) => [r.code, r.name, r.zh]),
    );
    for (const e of catalog.entries) {
      expect(e.status).toBeUndefined();
      expect(e.name).toMatch(/^[A-Z0-9_]+$/);
    }
    expect(catalog.lookup(10005)[0]?.name).toBe('RATE_LIMIT_EXCEEDED');
    expect(catalog.lookup(21004)[0]?.name).toBe('ITS_A_DIRECTORY');
  });

  it('keeps both meanings of 21101 and 21102, found by number or digits', () => {
    expect(catalog.lookup('21101').map((e) => e.name)).toEqual(['ALREADY_UPLOADING', 'ALREADY_DOWNLOADING']);
    expect(catalog.lookup(21102).map((e) => e.name)).toEqual(['NOT_UPLOADING', 'NOT_DOWNLOADING']);
  });

  it('has no row for 0 (success) or the reserved and free ranges', () => {
    expect(catalog.lookup(0)).toHaveLength(0);
    expect(catalog.entries.some((e) => Number(e.code) >= 40000)).toBe(false);
  });

  it('classifies rate limit and action-unavailable as retryable before acting', () => {
    expect(catalog.lookup(10005)[0]).toMatchObject({ kind: 'rate-limited', retry: 'safe' });
    expect(catalog.lookup(10004)[0]).toMatchObject({ kind: 'unavailable', retry: 'safe' });
    expect(catalog.lookup(20001)[0]).toMatchObject({ kind: 'internal', retry: 'idempotent' });
  });

  it('gives no row of a non-retryable kind a retry class other than never', () => {
    const retryable: ErrorKind[] = ['rate-limited', 'unavailable', 'timeout', 'internal'];
    for (const e of catalog.entries) {
      if (!retryable.includes(e.kind)) expect(e.retry, `${e.code}`).toBe('never');
      else expect(e.retry, `${e.code}`).not.toBe('never');
    }
  });

  it('infers a status from a code range only where the tables define one', () => {
    const s = mfp.statusOfCode;
    expect(s?.(10099)).toBe(400);
    expect(s?.(20099)).toBe(500);
    expect(s?.(21099)).toBe(400);
    expect(s?.(30099)).toBe(400);
    expect(s?.(31099)).toBe(500);
    expect(s?.(45000)).toBeUndefined(); // reserved
    expect(s?.(60001)).toBeUndefined(); // implementation-defined
    expect(s?.('abc')).toBeUndefined();
  });
});

interface Case {
  readonly name: string;
  readonly body: string;
  readonly want:
    | {
        readonly cls: typeof VendorError;
        readonly kind: ErrorKind;
        readonly code?: number | string;
        readonly codeName?: string;
        readonly requestId?: string;
        readonly retry: RetryClass;
        readonly vendorMessage?: string;
      }
    | undefined;
}

const cases: Case[] = [
  // daemon
  {
    name: 'daemon success',
    body: `{"status":"ok","retcode":0,"data":{"instances":[]},"message":"","id":"${UUID}"}`,
    want: undefined,
  },
  {
    name: 'daemon rate limit',
    body: `{"status":"error","retcode":10005,"data":null,"message":"Rate limit exceeded","id":"${UUID}"}`,
    want: {
      cls: RateLimitError,
      kind: 'rate-limited',
      code: 10005,
      codeName: 'RATE_LIMIT_EXCEEDED',
      requestId: UUID,
      retry: 'safe',
      vendorMessage: 'Rate limit exceeded',
    },
  },
  {
    name: 'daemon action unavailable',
    body: `{"status":"error","retcode":10004,"data":null,"message":"Action unavailable","id":"${UUID}"}`,
    want: {
      cls: ServiceUnavailableError,
      kind: 'unavailable',
      code: 10004,
      codeName: 'ACTION_UNAVAILABLE',
      requestId: UUID,
      retry: 'safe',
    },
  },
  {
    name: 'daemon unexpected error',
    body: `{"status":"error","retcode":20001,"data":null,"message":"NullReferenceException","id":"${UUID}"}`,
    want: {
      cls: InternalServerError,
      kind: 'internal',
      code: 20001,
      retry: 'idempotent',
      vendorMessage: 'NullReferenceException',
    },
  },
  {
    name: 'daemon permission denied',
    body: `{"status":"error","retcode":10003,"data":null,"message":"Permission denied","id":"${UUID}"}`,
    want: { cls: PermissionDeniedError, kind: 'permission-denied', code: 10003, retry: 'never' },
  },
  {
    name: 'daemon unknown action',
    body: `{"status":"error","retcode":10002,"data":null,"message":"Unknown action: foo","id":"${UUID}"}`,
    want: { cls: NotImplementedError, kind: 'not-implemented', code: 10002, codeName: 'UNKNOWN_ACTION', retry: 'never' },
  },
  {
    name: 'daemon disk full',
    body: `{"status":"error","retcode":21007,"data":null,"message":"No space left on device","id":"${UUID}"}`,
    want: { cls: QuotaExceededError, kind: 'quota-exceeded', code: 21007, retry: 'never' },
  },
  {
    name: 'daemon status error with no retcode',
    body: `{"status":"error","message":"something went wrong","id":"${UUID}"}`,
    want: {
      cls: UnknownVendorError,
      kind: 'unknown',
      code: undefined,
      requestId: UUID,
      retry: 'never',
      vendorMessage: 'something went wrong',
    },
  },
  {
    name: 'daemon status error with retcode 0',
    body: `{"status":"error","retcode":0,"message":"inconsistent","id":"${UUID}"}`,
    want: { cls: UnknownVendorError, kind: 'unknown', code: undefined, retry: 'never', vendorMessage: 'inconsistent' },
  },
  // v1
  {
    name: 'v1 success',
    body: '{"status":"ok","retcode":0,"data":{"version":"1.0"},"message":"","echo":"req-1"}',
    want: undefined,
  },
  {
    name: 'v1 success whose data holds a retcode field',
    body: '{"status":"ok","data":{"retcode":7},"echo":"req-2"}',
    want: undefined,
  },
  {
    name: 'v1 failure with echo',
    body: '{"status":"error","retcode":30001,"data":null,"message":"Instance not found","echo":"req-3"}',
    want: {
      cls: NotFoundError,
      kind: 'not-found',
      code: 30001,
      codeName: 'INSTANCE_NOT_FOUND',
      requestId: 'req-3',
      retry: 'never',
    },
  },
  {
    name: 'v1 failure with retcode inside data',
    body: '{"status":"error","data":{"retcode":21001},"message":"File not found","echo":"req-4"}',
    want: { cls: NotFoundError, kind: 'not-found', code: 21001, codeName: 'FILE_NOT_FOUND', requestId: 'req-4', retry: 'never' },
  },
  {
    name: 'v1 numeric echo',
    body: '{"status":"error","retcode":30003,"data":null,"message":"Instance is running","echo":42}',
    want: { cls: PreconditionFailedError, kind: 'precondition-failed', code: 30003, requestId: '42', retry: 'never' },
  },
  // draft
  { name: 'draft success', body: `{"id":"${UUID}","result":{"ok":true}}`, want: undefined },
  {
    name: 'draft failure',
    body: `{"id":"${UUID}","error":21103}`,
    want: {
      cls: PayloadTooLargeError,
      kind: 'payload-too-large',
      code: 21103,
      codeName: 'FILE_TOO_BIG',
      requestId: UUID,
      retry: 'never',
      vendorMessage: undefined,
    },
  },
  {
    name: 'draft parse failure with no id',
    body: '{"error":10001,"request":"{\\"action\\": \\"get_instance\\", "}',
    want: {
      cls: InvalidRequestError,
      kind: 'invalid-request',
      code: 10001,
      codeName: 'BAD_REQUEST',
      requestId: undefined,
      retry: 'never',
    },
  },
  // v2 JSON-RPC
  { name: 'JSON-RPC success', body: `{"jsonrpc":"2.0","id":"${UUID}","result":{"status":"running"}}`, want: undefined },
  {
    name: 'JSON-RPC error',
    body: `{"jsonrpc":"2.0","id":"${UUID}","error":{"code":30002,"message":"Instance already exists","data":{"name":"survival"}}}`,
    want: {
      cls: ConflictError,
      kind: 'conflict',
      code: 30002,
      codeName: 'INSTANCE_ALREADY_EXISTS',
      requestId: UUID,
      retry: 'never',
      vendorMessage: 'Instance already exists',
    },
  },
  {
    name: 'JSON-RPC error with a numeric id beyond 2^53',
    body: '{"jsonrpc":"2.0","id":9007199254740993,"error":{"code":10005,"message":"Too fast","data":null}}',
    want: { cls: RateLimitError, kind: 'rate-limited', code: 10005, requestId: '9007199254740993', retry: 'safe' },
  },
  {
    name: 'JSON-RPC protocol error -32601',
    body: '{"jsonrpc":"2.0","id":3,"error":{"code":-32601,"message":"Method not found"}}',
    want: {
      cls: UnknownVendorError,
      kind: 'unknown',
      code: -32601,
      codeName: undefined,
      requestId: '3',
      retry: 'never',
      vendorMessage: 'Method not found',
    },
  },
  // casing, codes as sent, junk codes
  {
    name: 'PascalCase keys',
    body: `{"Status":"error","Retcode":10003,"Data":null,"Message":"Permission denied","Id":"${UUID}"}`,
    want: {
      cls: PermissionDeniedError,
      kind: 'permission-denied',
      code: 10003,
      requestId: UUID,
      retry: 'never',
      vendorMessage: 'Permission denied',
    },
  },
  { name: 'PascalCase success', body: `{"Status":"OK","Retcode":0,"Data":{},"Message":"","Id":"${UUID}"}`, want: undefined },
  {
    name: 'retcode as a string',
    body: `{"status":"error","retcode":"10005","message":"slow down","id":"${UUID}"}`,
    want: { cls: RateLimitError, kind: 'rate-limited', code: '10005', codeName: 'RATE_LIMIT_EXCEEDED', retry: 'safe' },
  },
  {
    name: 'float retcode is not a code',
    body: `{"status":"error","retcode":10005.5,"message":"odd","id":"${UUID}"}`,
    want: { cls: UnknownVendorError, kind: 'unknown', code: undefined, retry: 'never', vendorMessage: 'odd' },
  },
  {
    name: 'negative retcode is not a code',
    body: `{"status":"error","retcode":-1,"message":"odd","id":"${UUID}"}`,
    want: { cls: UnknownVendorError, kind: 'unknown', code: undefined, retry: 'never' },
  },
  {
    name: 'object retcode is not a code',
    body: `{"status":"error","retcode":{"code":10005},"message":"odd","id":"${UUID}"}`,
    want: { cls: UnknownVendorError, kind: 'unknown', code: undefined, retry: 'never' },
  },
  {
    name: 'nonzero retcode without status',
    body: `{"retcode":21002,"message":"exists","id":"${UUID}"}`,
    want: { cls: ConflictError, kind: 'conflict', code: 21002, retry: 'never' },
  },
  // unknown codes: UnknownVendorError, retry from the documented range
  {
    name: 'unknown code in the free range',
    body: `{"status":"error","retcode":60001,"message":"plugin failed","id":"${UUID}"}`,
    want: {
      cls: UnknownVendorError,
      kind: 'unknown',
      code: 60001,
      codeName: undefined,
      retry: 'never',
      vendorMessage: 'plugin failed',
    },
  },
  {
    name: 'unknown code in the server-error range',
    body: `{"status":"error","retcode":20099,"message":"new server error","id":"${UUID}"}`,
    want: { cls: UnknownVendorError, kind: 'unknown', code: 20099, retry: 'idempotent' },
  },
  {
    name: 'unknown code in the request-error range',
    body: `{"status":"error","retcode":10099,"message":"new request error","id":"${UUID}"}`,
    want: { cls: UnknownVendorError, kind: 'unknown', code: 10099, retry: 'never' },
  },
  // duplicated codes
  {
    name: '21101 whose message says download',
    body: `{"status":"error","retcode":21101,"message":"File is already downloading","id":"${UUID}"}`,
    want: { cls: ConflictError, kind: 'conflict', code: 21101, codeName: 'ALREADY_DOWNLOADING', retry: 'never' },
  },
  {
    name: '21102 whose message says upload',
    body: `{"status":"error","retcode":21102,"message":"文件不在上传","id":"${UUID}"}`,
    want: { cls: PreconditionFailedError, kind: 'precondition-failed', code: 21102, codeName: 'NOT_UPLOADING', retry: 'never' },
  },
  // not MFP at all
  { name: 'event push without status', body: '{"event":"instance_log","data":{"line":"Done (3.2s)!"}}', want: undefined },
  { name: 'empty text', body: '', want: undefined },
  { name: 'plain text', body: 'Bad Request', want: undefined },
  { name: 'HTML page', body: '<html><head><title>502 Bad Gateway</title></head></html>', want: undefined },
];

function check(c: Case, input: NormalizeInput): void {
  const err = normalize(mfp, input);
  if (c.want === undefined) {
    expect(err).toBeUndefined();
    return;
  }
  expect(err).toBeInstanceOf(c.want.cls);
  expect(err?.vendor).toBe('mfp');
  expect(err?.kind).toBe(c.want.kind);
  expect(err?.status).toBeUndefined();
  expect(err?.retry).toBe(c.want.retry);
  expect(err?.retryable).toBe(c.want.retry !== 'never');
  if ('code' in c.want) expect(err?.code).toStrictEqual(c.want.code);
  if ('codeName' in c.want) expect(err?.codeName).toBe(c.want.codeName);
  if ('requestId' in c.want) expect(err?.requestId).toBe(c.want.requestId);
  if ('vendorMessage' in c.want) expect(err?.vendorMessage).toBe(c.want.vendorMessage);
}

function parsed(text: string): object | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null ? v : undefined;
  } catch {
    return undefined;
  }
}

describe('MFP messages (no HTTP status)', () => {
  it.each(cases)('text message: $name', (c) => {
    check(c, { body: c.body, url: 'wss://daemon.example:11451/api/v1?token=abc' });
  });

  // A pre-parsed object has lost digits beyond 2^53; that case is covered by the text run.
  it.each(cases.filter((c) => parsed(c.body) !== undefined && !c.body.includes('9007199254740993')))(
    'parsed message: $name',
    (c) => {
      check(c, { body: parsed(c.body) });
    },
  );

  it('is named mfp / MFP', () => {
    expect(mfp).toMatchObject({ name: 'mfp', displayName: 'MFP' });
  });

  it('names both meanings of a duplicated code when the message does not say which', () => {
    const err = normalize(mfp, { body: `{"status":"error","retcode":21101,"message":"busy","id":"${UUID}"}` });
    expect(err).toBeInstanceOf(ConflictError);
    expect(err?.message).toContain('ALREADY_UPLOADING | ALREADY_DOWNLOADING');
  });

  it('never shows the token from the WebSocket URL', () => {
    const token = 'mfp_9f8e7d6c5b4a39281706f5e4d3c2b1a0';
    const err = normalize(mfp, {
      url: `wss://daemon.example:11451/api/v1?token=${token}`,
      body: `{"status":"error","retcode":10003,"message":"token=${token} lacks permission","id":"${UUID}"}`,
    });
    expect(err).toBeInstanceOf(PermissionDeniedError);
    for (const view of [err?.message ?? '', JSON.stringify(err), inspect(err), err?.vendorMessage ?? '', err?.url ?? '']) {
      expect(view).not.toContain(token);
    }
  });

  it('reports only what the parser marks failed when there is no status', () => {
    expect(normalize(mfp, {})).toBeUndefined();
    expect(normalize(mfp, { body: { id: UUID, message: 'hello' } })).toBeUndefined();
    expect(normalize(mfp, { body: { status: 'ok', retcode: 0 } })).toBeUndefined();
    expect(normalize(mfp, { body: { status: 'error' } })).toBeInstanceOf(UnknownVendorError);
  });
});

describe('MFP parser robustness', () => {
  const shaped = fc.record(
    {
      status: fc.oneof(fc.constantFrom('ok', 'error', 'OK', 'Error'), fc.anything()),
      retcode: fc.oneof(fc.integer(), fc.constantFrom(0, 10005, 21101, '10001'), fc.anything()),
      data: fc.anything(),
      message: fc.anything(),
      id: fc.anything(),
      echo: fc.anything(),
      error: fc.oneof(fc.integer(), fc.record({ code: fc.anything(), message: fc.anything() }), fc.anything()),
      result: fc.anything(),
      jsonrpc: fc.constant('2.0'),
    },
    { requiredKeys: [] },
  );
  const bodies = vendorBodies(shaped);

  it('normalize never throws and returns undefined or a VendorError (no status)', () => {
    fc.assert(
      fc.property(bodies, (body) => {
        const err = normalize(mfp, { body: body as NormalizeInput['body'] });
        expect(err === undefined || err instanceof VendorError).toBe(true);
        if (err) expect(err.status).toBeUndefined();
      }),
      { numRuns: 800 },
    );
  });

  it('parse, choose and statusOfCode never throw', () => {
    fc.assert(
      fc.property(bodies, fc.option(fc.string(), { nil: undefined }), fc.oneof(fc.integer(), fc.string()), (json, text, code) => {
        const ctx = { status: undefined, json, text, header: headerLookup(undefined) };
        expect(() => mfp.parse(ctx)).not.toThrow();
        expect(() => mfp.choose?.(catalog.lookup(21101), ctx)).not.toThrow();
        expect(() => mfp.statusOfCode?.(code)).not.toThrow();
      }),
      { numRuns: 400 },
    );
  });
});
