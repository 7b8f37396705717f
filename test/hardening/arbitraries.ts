/**
 * Generators of hostile vendor responses for the hardening properties: statuses outside every
 * range, header maps with duplicates and garbage `Retry-After`, and bodies of every shape a
 * proxy, a broken vendor or an attacker can send. Shared by the core and integration suites.
 */
import fc from 'fast-check';
import type { HeadersInput, NormalizeInput } from '../../src/index.js';

/**
 * A stand-in for an object fast-check itself cannot handle (it probes generated values with
 * `in`, which throws on hostile proxies). Properties call {@link materialize} on their input.
 */
export class Hostile {
  constructor(readonly name: string) {}
  [fc.toStringMethod](): string {
    return `hostile(${this.name})`;
  }
}

function hostile(name: keyof typeof HOSTILE): Hostile {
  return new Hostile(name);
}

const manyKeys = (): Record<string, number> => {
  const o: Record<string, number> = {};
  for (let i = 0; i < 50_000; i++) o[`k${i}`] = i;
  o.CODE = 10001;
  return o;
};

/** Objects no JSON parser produces: getters that throw, proxies, null prototypes, cycles, exotic types. */
export const HOSTILE = {
  cyclic: () => {
    const o: Record<string, unknown> = { code: 10001 };
    o.self = o;
    o.data = { parent: o };
    return o;
  },
  revoked: () => {
    const r = Proxy.revocable({}, {});
    r.revoke();
    return r.proxy;
  },
  nullProto: () => Object.assign(Object.create(null) as object, { code: 40400001, msg: 'null prototype' }),
  throwingGetter: () => ({
    get code(): never {
      throw new Error('hostile getter');
    },
    message: 'x',
  }),
  proxy: () =>
    new Proxy(
      { code: 1 },
      {
        get() {
          throw new Error('hostile proxy get');
        },
        has() {
          throw new Error('hostile proxy has');
        },
        ownKeys() {
          throw new Error('hostile proxy keys');
        },
        getOwnPropertyDescriptor() {
          throw new Error('hostile proxy descriptor');
        },
        getPrototypeOf() {
          throw new Error('hostile proxy prototype');
        },
      },
    ),
  toStringBomb: () => ({
    code: {
      toString() {
        throw new Error('toString bomb');
      },
      valueOf() {
        throw new Error('valueOf bomb');
      },
    },
    message: {
      toString() {
        throw new Error('toString bomb');
      },
    },
  }),
  manyKeys,
  frozen: () => Object.freeze({ code: 10001, message: 'frozen' }),
  date: () => new Date(),
  regexp: () => /regex/,
  map: () => new Map([['code', 1]]),
  set: () => new Set([1]),
  error: () => new Error('an Error as a body'),
  symbol: () => Symbol('sym'),
  fn: () => () => 1,
  promise: () => Promise.resolve(1),
  emptyBuffer: () => new ArrayBuffer(0),
  buffer: () => new ArrayBuffer(16),
  uint16: () => new Uint16Array([1, 2, 3]),
  dataView: () => new DataView(new ArrayBuffer(4)),
  emptyBytes: () => new Uint8Array(0),
  throwingGet: () => ({
    get() {
      throw new Error('hostile header getter');
    },
  }),
  weirdGet: () => ({ get: (name: string) => (name === 'retry-after' ? ['-5', '5'] : { toString: () => '7' }) }),
  keysProxy: () =>
    new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('hostile header keys');
        },
      },
    ),
  nullProtoCause: () => Object.create(null) as object,
  toStringBombCause: () => ({
    toString() {
      throw new Error('cause toString bomb');
    },
  }),
  throwingUrl: () => ({
    toString() {
      throw new Error('url toString bomb');
    },
  }),
} satisfies Record<string, () => unknown>;

/** Statuses: valid ones, the edges (0, 1xx, 600+), and values that are not statuses at all. */
export const statusArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 100, max: 599 }) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      0,
      1,
      99,
      100,
      101,
      102,
      103,
      199,
      200,
      204,
      299,
      304,
      399,
      418,
      429,
      499,
      599,
      600,
      601,
      999,
      1000,
      65535,
    ),
  },
  { weight: 2, arbitrary: fc.integer({ min: -100_000, max: 100_000 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>(
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      -0,
      1.5,
      404.0001,
      Number.MAX_SAFE_INTEGER,
      2 ** 53 + 2,
      '500',
      ' 429',
      null,
      undefined,
      true,
      {},
      [503],
      10n,
    ),
  },
);

/** Status codes a transport can really deliver (what a `Response` can be built with). */
export const wireStatusArb: fc.Arbitrary<number> = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: 200, max: 599 }) },
  { weight: 1, arbitrary: fc.constantFrom(200, 204, 400, 401, 403, 404, 409, 429, 500, 502, 503, 504, 520, 599) },
);

const RETRY_AFTER_GARBAGE = [
  '-1',
  '-0',
  '-120',
  '0',
  '1',
  '5, 7',
  '7,5',
  ' 3 ',
  '1.5',
  '1e3',
  '1e309',
  '0x10',
  'NaN',
  'Infinity',
  '-Infinity',
  'null',
  'undefined',
  '',
  ' ',
  '9'.repeat(400),
  '99999999999999999999',
  String(2 ** 31),
  String(Number.MAX_SAFE_INTEGER),
  'Fri, 31 Dec 9999 23:59:59 GMT',
  'Sat, 01 Jan 2000 00:00:00 GMT',
  'Thu, 01 Jan 1970 00:00:00 GMT',
  'Wed, 21 Oct 2015 07:28:00 GMT',
  'Mon, 99 Foo 2020 99:99:99 GMT',
  'tomorrow',
  'Sun, 06 Nov 1994 08:49:37 GMT, Mon, 07 Nov 1994 08:49:37 GMT',
  '+275760-09-13T00:00:00.000Z',
  '-271821-04-20T00:00:00.000Z',
  '\u0000',
  '\uFFFF',
  '１２', // full-width digits
];

/** A Retry-After (or retry-after-ms) value: garbage, numbers of every size, dates near and far. */
export const retryAfterArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...RETRY_AFTER_GARBAGE),
  fc.integer({ min: -1_000_000, max: 1_000_000_000 }).map(String),
  fc.double({ noNaN: false }).map(String),
  fc.date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true }).map((d) => d.toUTCString()),
  fc.integer({ min: -1e12, max: 1e12 }).map((ms) => new Date(Date.now() + ms).toUTCString()),
  fc.string({ maxLength: 40 }),
);

const HEADER_NAMES = [
  'retry-after',
  'Retry-After',
  'RETRY-AFTER',
  'retry-after-ms',
  'Retry-After-Ms',
  'x-request-id',
  'X-Request-Id',
  'x-upyun-request-id',
  'content-type',
  'set-cookie',
  'authorization',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
];

const headerNameArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HEADER_NAMES) },
  { weight: 1, arbitrary: fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/) },
);

const headerValueArb = fc.oneof(
  { weight: 3, arbitrary: retryAfterArb },
  { weight: 2, arbitrary: fc.stringMatching(/^[ -~]{0,60}$/) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20000 }) },
);

/** Header values as Node and axios hand them over: strings, arrays (repeats), numbers, junk. */
const looseHeaderValueArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: headerValueArb },
  { weight: 2, arbitrary: fc.array(headerValueArb, { minLength: 0, maxLength: 4 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>(null, undefined, 0, -1, Number.NaN, Number.POSITIVE_INFINITY, true, {}, [], 5n),
  },
  { weight: 1, arbitrary: fc.double().map((n) => n) },
);

/** Only what the `Headers` constructor accepts (visible ASCII, no CR/LF). */
const fetchValueArb = fc.oneof(
  fc.constantFrom(...RETRY_AFTER_GARBAGE.filter((v) => /^[\t -~]*$/.test(v))),
  fc.integer({ min: -1_000_000, max: 1_000_000_000 }).map(String),
  fc.stringMatching(/^[!-~]{0,40}$/),
);

export const fetchHeaderPairsArb: fc.Arbitrary<[string, string][]> = fc.array(
  fc.tuple(
    fc.constantFrom('retry-after', 'retry-after-ms', 'x-request-id', 'x-upyun-request-id', 'content-type', 'x-other'),
    fetchValueArb,
  ),
  { maxLength: 8 },
);

/** Every shape `normalize` accepts as headers, including duplicates and hostile objects. */
export const headersArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom<unknown>(undefined, null) },
  { weight: 4, arbitrary: fc.dictionary(headerNameArb, looseHeaderValueArb, { maxKeys: 8 }) },
  { weight: 3, arbitrary: fc.array(fc.tuple(headerNameArb, headerValueArb), { maxLength: 10 }) },
  {
    weight: 3,
    arbitrary: fetchHeaderPairsArb.map((pairs) => {
      const h = new Headers();
      for (const [k, v] of pairs) h.append(k, v);
      return h;
    }),
  },
  { weight: 1, arbitrary: fc.array(fc.tuple(headerNameArb, headerValueArb), { maxLength: 6 }).map((pairs) => new Map(pairs)) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>(
      'retry-after: 5',
      42,
      [['retry-after']],
      [[1, 2]],
      [null],
      hostile('throwingGet'),
      hostile('weirdGet'),
      hostile('keysProxy'),
    ),
  },
);

// ---------------------------------------------------------------------------------------------
// Bodies

/** Keys a vendor parser looks for, in every casing, plus the classic pollution keys. */
const BODY_KEYS = [
  'code',
  'Code',
  'CODE',
  'msg',
  'message',
  'Message',
  'id',
  'error_code',
  'Error_Code',
  'errorCode',
  'error_msg',
  'request_id',
  'requestId',
  'X-Request-Id',
  'retcode',
  'Retcode',
  'status',
  'data',
  'error',
  'result',
  'jsonrpc',
  'echo',
  'extra',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'polluted',
];

/** Codes as vendors (and broken proxies) send them: numbers, strings, floats, negatives, objects. */
export const codeValueArb: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom<unknown>(
      0,
      110,
      111,
      10001,
      10005,
      21101,
      31066,
      31219,
      4030001,
      4000199,
      40400001,
      42900001,
      10326,
      -32601,
      -1,
      -0,
      1.5,
      1e21,
      2 ** 53 + 1,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      '10001',
      ' 42900001 ',
      '0x10',
      '1e5',
      '-5',
      '',
      '  ',
      'NaN',
      'E_BAD',
      '９９',
      '\uD800',
      'a\uDFFFb',
      '1\uD83D',
      null,
      true,
      false,
      [],
      [10001],
      {},
      { code: 10001 },
      { valueOf: () => 404 },
    ),
  },
  { weight: 2, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.string({ maxLength: 70 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
);

const leafArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: codeValueArb },
  { weight: 2, arbitrary: fc.string({ maxLength: 80 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 3000 }) },
);

/** Objects shaped like vendor error bodies, with hostile values and pollution keys. */
export const vendorishObjectArb: fc.Arbitrary<Record<string, unknown>> = fc.letrec<{
  obj: Record<string, unknown>;
  value: unknown;
}>((tie) => ({
  obj: fc.dictionary(
    fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...BODY_KEYS) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) }),
    tie('value'),
    {
      maxKeys: 8,
    },
  ),
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leafArb, tie('obj'), fc.array(tie('value'), { maxLength: 4 })),
})).obj;

/** JSON text with keys no object literal can hold as data (`__proto__`), and big integers. */
function toJsonText(obj: Record<string, unknown>, extra: readonly [string, string][]): string {
  let text: string;
  try {
    text = JSON.stringify(obj, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) ?? 'null';
  } catch {
    text = '{}';
  }
  if (extra.length === 0 || !text.startsWith('{')) return text;
  const more = extra.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',');
  return text === '{}' ? `{${more}}` : `{${more},${text.slice(1)}`;
}

const rawMemberArb = fc.tuple(
  fc.constantFrom('__proto__', 'constructor', 'request_id', 'error_code', 'code', 'retcode', 'id', 'Code', 'error'),
  fc.oneof(
    fc.constantFrom(
      '{"polluted":"yes","isAdmin":true}',
      '{"prototype":{"polluted":"yes"}}',
      '2939656146461714799',
      '-2939656146461714799',
      '1' + '0'.repeat(30),
      '1e400',
      '-1e-400',
      '0.1',
      '"31001"',
      'null',
      '[]',
      '{"code":10001,"message":"nested"}',
    ),
    fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map(String),
  ),
);

const jsonTextArb: fc.Arbitrary<string> = fc
  .tuple(vendorishObjectArb, fc.array(rawMemberArb, { maxLength: 3 }))
  .map(([obj, extra]) => toJsonText(obj, extra));

const HTML_PAGES = [
  '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>',
  '<!DOCTYPE html><html><head><title>Attention Required! | Cloudflare</title></head><body>…</body></html>',
  '<HTML><BODY><H1>Service Unavailable</H1></BODY></HTML>',
  '<html><title></title><h1></h1></html>',
  '<html><title>' + 'x'.repeat(5000) + '</title></html>',
  '<?xml version="1.0"?><Error><Code>AccessDenied</Code></Error>',
  '<',
  '<title',
];

const htmlArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...HTML_PAGES),
  fc
    .tuple(fc.string({ maxLength: 300 }), fc.string({ maxLength: 2000 }))
    .map(([title, body]) => `<html><head><title>${title}</title></head><body><h1>${title}</h1>${body}</body></html>`),
);

/** Truncated JSON: a valid vendor-ish document cut at a random point. */
const truncatedJsonArb: fc.Arbitrary<string> = fc
  .tuple(jsonTextArb, fc.nat())
  .map(([text, at]) => (text.length <= 1 ? text : text.slice(0, at % text.length)));

/** Text that starts like JSON but is not. */
const invalidJsonArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '{',
    '[',
    '{"code":',
    '{"code":1,}',
    "{'code':1}",
    '{"code":1}{"code":2}',
    '{"a":1',
    '[1,2',
    '"unterminated',
    '-',
    '01',
    'NaN',
    '{code:1}',
    '\uFEFF{"code":1}',
  ),
  fc.string({ maxLength: 200 }).map((s) => `{${s}`),
  fc.string({ maxLength: 200 }).map((s) => `[${s}`),
);

const plainTextArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\n',
    'Not Found',
    'Bad Gateway',
    'upstream connect error or disconnect/reset before headers',
    '\u0000\u0001\u0002',
    '\uD800',
    '\uDFFF\uD800',
  ),
  fc.string({ maxLength: 500 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.lorem({ maxCount: 20, mode: 'sentences' }),
);

/** A body as text: JSON (good, truncated, invalid), HTML, or plain text. */
export const textBodyArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: jsonTextArb },
  { weight: 2, arbitrary: truncatedJsonArb },
  { weight: 1, arbitrary: invalidJsonArb },
  { weight: 1, arbitrary: htmlArb },
  { weight: 2, arbitrary: plainTextArb },
  { weight: 1, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
);

const encoder = new TextEncoder();

/** A body as bytes: random, or text encoded (so the JSON paths are reached through bytes too). */
export const bytesBodyArb: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ maxLength: 4096 }),
  textBodyArb.map((t) => encoder.encode(t)),
  fc.tuple(textBodyArb, fc.uint8Array({ maxLength: 64 })).map(([t, junk]) => {
    const a = encoder.encode(t);
    const out = new Uint8Array(a.length + junk.length);
    out.set(a);
    out.set(junk, a.length);
    return out;
  }),
);

const BODY_HOSTILES: (keyof typeof HOSTILE)[] = [
  'cyclic',
  'revoked',
  'nullProto',
  'throwingGetter',
  'proxy',
  'toStringBomb',
  'manyKeys',
  'frozen',
  'date',
  'regexp',
  'map',
  'set',
  'error',
  'symbol',
  'fn',
  'promise',
  'emptyBuffer',
  'buffer',
  'uint16',
  'dataView',
  'emptyBytes',
];

/** Replaces a {@link Hostile} token by a fresh hostile object. */
export function materialize<T>(value: T): T {
  return value instanceof Hostile ? (HOSTILE[value.name as keyof typeof HOSTILE]() as T) : value;
}

/** A `normalize` input with its hostile tokens replaced. */
export function materializeInput(input: NormalizeInput): NormalizeInput {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) out[k] = materialize(v);
  return out as NormalizeInput;
}

/** Any body at all. */
export const bodyArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: textBodyArb },
  { weight: 3, arbitrary: bytesBodyArb },
  { weight: 1, arbitrary: bytesBodyArb.map((b) => b.slice().buffer) },
  { weight: 4, arbitrary: vendorishObjectArb },
  { weight: 1, arbitrary: fc.array(vendorishObjectArb, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.jsonValue() },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>(null, undefined, 0, -1, 1.5, Number.NaN, true, false, '', 10n, [], [null], {}),
  },
  { weight: 1, arbitrary: fc.constantFrom(...BODY_HOSTILES).map(hostile) },
);

const urlArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    undefined,
    'https://v0.api.upyun.com/bucket/file',
    'https://pcs.baidu.com/rest/2.0/pcs/file?method=list&access_token=x',
    'ws://127.0.0.1:1/api/v1?token=t',
    '/relative?sign=1',
    '%E0%A4%A',
    '?&&==&%%',
    new URL('https://example.test/a?b=c'),
    42,
    null,
    hostile('throwingUrl'),
  ),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.string({ maxLength: 300 }),
);

const methodArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(undefined, 'GET', 'post', 'DELETE', '', 'x'.repeat(200), 5, null, {}),
  fc.string({ maxLength: 12 }),
);

/** A full `normalize` input with every field hostile; cast where the types would refuse. */
export const normalizeInputArb: fc.Arbitrary<NormalizeInput> = fc
  .record(
    {
      status: statusArb,
      headers: headersArb,
      body: bodyArb,
      method: methodArb,
      url: urlArb,
      cause: fc.constantFrom<unknown>(
        undefined,
        new Error('client failure'),
        'a string cause',
        null,
        { code: 'ECONNRESET' },
        hostile('nullProtoCause'),
        hostile('toStringBombCause'),
        hostile('revoked'),
        hostile('proxy'),
      ),
      maxBodyBytes: fc.constantFrom<unknown>(
        undefined,
        undefined,
        0,
        -1,
        1,
        7,
        64,
        1024,
        65536,
        Number.NaN,
        Number.POSITIVE_INFINITY,
        '100',
      ),
      now: fc.constantFrom<unknown>(undefined, 0, -1, 8.64e15, -8.64e15, Date.now()),
    },
    { requiredKeys: ['status', 'body'] },
  )
  .map((r) => r as unknown as NormalizeInput);

export type { HeadersInput };
