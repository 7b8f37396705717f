/**
 * Runs inside real Chromium (bundled by test/browser/browser.test.mjs with esbuild from the
 * built package). Every check talks to the page's own origin, the local test server; the
 * results go back to Node as JSON: one `{ name, ok, detail }` per check.
 */
import ky from 'ky';
import { type Adapter, isVendorError, normalize, NotFoundError, RateLimitError, VendorError } from 'vendor-errors';
import { apiSwitch, baiduPcs, mfp, netease, upyun } from 'vendor-errors/adapters';
import { createFetch } from 'vendor-errors/fetch';
import { vendorErrors } from 'vendor-errors/ky';

interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

const SECRET = 'BROWSERSECRETc0ffee';

async function settle<T>(p: Promise<T>): Promise<unknown> {
  try {
    return await p;
  } catch (error) {
    return error;
  }
}

function describe(value: unknown): string {
  if (isVendorError(value)) return `${value.name} kind=${value.kind} status=${value.status} code=${value.code}`;
  if (value instanceof Response) return `Response ${value.status}`;
  return String(value);
}

type Client = (path: string, init?: RequestInit & { adapter?: Adapter; retries?: number }) => Promise<unknown>;

function fetchClient(origin: string): Client {
  return (path, init = {}) => {
    const f = createFetch({
      adapter: init.adapter ?? upyun,
      retry: { retries: init.retries ?? 0, baseDelayMs: 1, rateLimitBaseDelayMs: 1, maxDelayMs: 5 },
    });
    return settle(f(`${origin}${path}`, init));
  };
}

function kyClient(origin: string): Client {
  return (path, init = {}) =>
    settle(
      ky(`${origin}${path}`, {
        ...vendorErrors({
          adapter: init.adapter ?? upyun,
          retry: { retries: init.retries ?? 0, baseDelayMs: 1, rateLimitBaseDelayMs: 1, maxDelayMs: 5 },
        }),
        signal: init.signal ?? undefined,
      }),
    );
}

async function clientChecks(label: string, call: Client, origin: string): Promise<Check[]> {
  const out: Check[] = [];
  const check = (name: string, ok: boolean, detail: unknown) =>
    out.push({ name: `${label}: ${name}`, ok, detail: typeof detail === 'string' ? detail : describe(detail) });

  const nf = await call('/upyun/missing');
  check(
    '404 is a NotFoundError (instanceof works across the bundle)',
    nf instanceof NotFoundError && nf instanceof VendorError && (nf as VendorError).requestId === 'nf',
    nf,
  );

  await fetch(`${origin}/reset?path=/upyun/flaky`);
  const flaky = await call('/upyun/flaky', { retries: 3 });
  check(
    '429 twice, then 200: resolved after retries',
    flaky instanceof Response ? flaky.status === 200 : typeof flaky === 'object' && flaky !== null && !isVendorError(flaky),
    flaky,
  );

  const rl = await call('/netease/limited', { adapter: netease });
  check('NetEase 403 4030001 is a RateLimitError', rl instanceof RateLimitError && (rl as VendorError).retry === 'safe', rl);

  const b200 = await call(`/baidu/error-in-200?access_token=${SECRET}`, { adapter: baiduPcs });
  const b = b200 as VendorError;
  check(
    'Baidu error under HTTP 200 is an error',
    isVendorError(b200) && b.kind === 'rate-limited' && b.requestId === '2939656146461714799',
    b200,
  );
  const shown = isVendorError(b200) ? `${b.message} ${JSON.stringify(b)} ${String(b)} ${b.stack} ${b.url}` : '';
  check(
    'the access_token never shows (message, JSON, String, stack, url)',
    isVendorError(b200) && !shown.includes(SECRET),
    shown.slice(0, 300),
  );

  const html = await call('/proxy/502', { adapter: apiSwitch });
  check('an HTML 502 page from a proxy is a VendorError', isVendorError(html) && (html as VendorError).status === 502, html);

  const before = await (await fetch(`${origin}/huge/count`)).json();
  const t0 = performance.now();
  const huge = await call('/huge');
  const ms = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 300));
  const after = (await (await fetch(`${origin}/huge/count`)).json()) as { written: number; requests: number };
  const wrote = after.written - (before as { written: number }).written;
  check(
    'a 64 MiB error body is cancelled after the cap, not read to the end',
    isVendorError(huge) && (huge as VendorError).status === 500 && wrote < 16 * 1024 * 1024 && ms < 10_000,
    `${describe(huge)}; server wrote ${wrote} bytes; ${Math.round(ms)} ms`,
  );

  const ac = new AbortController();
  const pending = call('/slow', { signal: ac.signal });
  setTimeout(() => ac.abort(new DOMException('user gave up', 'AbortError')), 50);
  const aborted = await pending;
  check(
    'an abort rejects with the signal reason, not a retry',
    (aborted as Error)?.name === 'AbortError' || (isVendorError(aborted) && false),
    aborted,
  );
  return out;
}

/** A short property run in the browser's own engine: normalize never throws, answers only VendorErrors. */
function fuzz(cases: number): Check {
  const adapters = [upyun, baiduPcs, netease, apiSwitch, mfp];
  const rnd = (n: number) => Math.floor(Math.random() * n);
  const pieces = [
    '{',
    '}',
    '[',
    ']',
    '"code":',
    '"error_code":',
    '"Code":',
    '"retcode":',
    '"__proto__":',
    '1',
    '-1',
    '1.5',
    '"x"',
    'null',
    ',',
    ':',
    '<html>',
    '\u0000',
    '\uD800',
    '10001',
    '40400001',
    '31219',
  ];
  let bad = '';
  for (let i = 0; i < cases && !bad; i++) {
    let text = '';
    for (let j = rnd(30); j > 0; j--) text += pieces[rnd(pieces.length)];
    const bytes = new Uint8Array(rnd(64)).map(() => rnd(256));
    const body = [
      text,
      bytes,
      (() => {
        try {
          return JSON.parse(text);
        } catch {
          return { code: text };
        }
      })(),
    ][rnd(3)];
    const status = [0, 100, 200, 204, 400, 404, 429, 500, 503, 600, 999, -1, Number.NaN][rnd(13)];
    try {
      const r = normalize(adapters[rnd(adapters.length)]!, {
        status,
        body: body as string,
        headers: { 'retry-after': String(rnd(100) - 50) },
      });
      if (r !== undefined && !(r instanceof VendorError)) bad = `not a VendorError for ${text}`;
      if (r) JSON.stringify(r);
    } catch (e) {
      bad = `threw ${String(e)} for ${text}`;
    }
  }
  const polluted = ({} as Record<string, unknown>).polluted !== undefined;
  return {
    name: `normalize: ${cases} random bodies in the browser's engine`,
    ok: !bad && !polluted,
    detail: bad || (polluted ? 'Object.prototype polluted' : 'ok'),
  };
}

async function runAll(origin: string): Promise<Check[]> {
  const results: Check[] = [];
  results.push({ name: 'runtime', ok: typeof window !== 'undefined' && !('process' in globalThis), detail: navigator.userAgent });
  results.push(...(await clientChecks('fetch', fetchClient(origin), origin)));
  results.push(...(await clientChecks('ky', kyClient(origin), origin)));
  results.push(fuzz(5000));
  return results;
}

(globalThis as unknown as { runAll: typeof runAll }).runAll = runAll;
