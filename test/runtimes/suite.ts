/**
 * One suite for every non-Node runtime (Bun, Deno, workerd; Node too, as a baseline): the core,
 * the fetch and ky integrations and the retry loop, bundled by esbuild from the built package
 * and run against the vendor simulator that test/runtimes/run.mjs starts on 127.0.0.1. Uses only
 * what all runtimes share (fetch, AbortController, setTimeout): no Node API, no file system.
 * The simulator's scenarios (run.mjs SCENARIOS) script each route: 429 then 200, and so on.
 */
import ky from 'ky';
import ky2 from 'ky2';
import {
  createPacer,
  isVendorError,
  NotFoundError,
  normalize,
  RateLimitError,
  retry,
  TimeoutError,
  VendorError,
} from 'vendor-errors';
import { baiduPcs, netease, upyun } from 'vendor-errors/adapters';
import { createFetch } from 'vendor-errors/fetch';
import { vendorErrors } from 'vendor-errors/ky';
import { otelTelemetry } from 'vendor-errors/otel';

export interface Check {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

const FAST = { baseDelayMs: 1, rateLimitBaseDelayMs: 1, maxDelayMs: 5 } as const;
const SECRET = 'RUNTIMESECRETc0ffee';

async function settle<T>(p: Promise<T>): Promise<unknown> {
  try {
    return await p;
  } catch (error) {
    return error;
  }
}

function show(value: unknown): string {
  if (isVendorError(value)) return `${value.name} kind=${value.kind} status=${value.status} code=${value.code}`;
  if (value instanceof Response) return `Response ${value.status}`;
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  return String(value);
}

/** A client under test: fetch's shape, whatever sends it. */
type Send = (
  url: string,
  init?: { signal?: AbortSignal; headers?: Record<string, string>; retries?: number },
) => Promise<unknown>;

const clients: Record<string, (adapter: typeof upyun) => Send> = {
  fetch:
    (adapter) =>
    (url, init = {}) =>
      settle(createFetch({ adapter, retry: { ...FAST, retries: init.retries ?? 3 } })(url, init)),
  'ky 1':
    (adapter) =>
    (url, init = {}) =>
      settle(ky(url, { ...vendorErrors({ adapter, retry: { ...FAST, retries: init.retries ?? 3 } }), ...init })),
  'ky 2':
    (adapter) =>
    (url, init = {}) =>
      settle(ky2(url, { ...(vendorErrors({ adapter, retry: { ...FAST, retries: init.retries ?? 3 } }) as object), ...init })),
};

/** Runs every check against the simulator at `origin`; `tag` keeps each run's routes (and so scripts) apart. */
export async function runSuite(origin: string, tag: string): Promise<Check[]> {
  const out: Check[] = [];
  const check = async (name: string, fn: () => Promise<[boolean, unknown]> | [boolean, unknown]) => {
    try {
      const [ok, detail] = await fn();
      out.push({ name, ok, detail: typeof detail === 'string' ? detail : show(detail) });
    } catch (error) {
      out.push({ name, ok: false, detail: `threw ${show(error)}` });
    }
  };

  await check('core: normalize reads every vendor shape', () => {
    const a = normalize(upyun, { status: 429, body: '{"msg":"too many requests","code":42900001,"id":"x"}' });
    const b = normalize(baiduPcs, {
      status: 200,
      body: '{"error_code":31219,"error_msg":"request exceed limit","request_id":2939656146461714799}',
    });
    const c = normalize(netease, { status: 403, body: '{"code":4030001,"message":"Api freq out of limit."}' });
    const ok = a instanceof RateLimitError && b?.requestId === '2939656146461714799' && c?.kind === 'rate-limited';
    return [ok, `${show(a)} | ${show(b)} | ${show(c)}`];
  });

  for (const [label, make] of Object.entries(clients)) {
    const base = `${origin}/upyun/${tag}/${label.replace(' ', '')}`;
    await check(`${label}: 429 then 200 is retried and resolves`, async () => {
      const r = await make(upyun)(`${base}/limited-once`);
      return [r instanceof Response && r.status === 200, r];
    });
    await check(`${label}: a forced 404 is a NotFoundError (instanceof across the bundle)`, async () => {
      const r = await make(upyun)(`${base}/missing`, { headers: { 'x-simulate-code': '40400001' } });
      return [r instanceof NotFoundError && r instanceof VendorError && (r as VendorError).status === 404, r];
    });
    await check(`${label}: NetEase 403 4030001, retries exhausted: RateLimitError with its attempts`, async () => {
      const r = await make(netease)(`${origin}/netease/${tag}/${label}/busy`, {
        headers: { 'x-simulate-code': '4030001' },
        retries: 2,
      });
      const e = r as VendorError;
      return [
        r instanceof RateLimitError && e.attempts?.length === 3 && e.retryDecision?.retried === false,
        `${show(r)} attempts=${e.attempts?.length}`,
      ];
    });
    await check(`${label}: Baidu's error inside a 200 is an error; the access_token never shows`, async () => {
      const r = await make(baiduPcs)(`${origin}/baidu-pcs/${tag}/${label}/in200?access_token=${SECRET}`, { retries: 0 });
      const e = r as VendorError;
      const text = isVendorError(r) ? `${e.message} ${JSON.stringify(e)} ${String(e.url)} ${e.stack}` : '';
      return [isVendorError(r) && e.kind === 'rate-limited' && e.status === 200 && !text.includes(SECRET), r];
    });
    await check(`${label}: an abort mid-request rejects with the signal's reason and no retry`, async () => {
      const ac = new AbortController();
      const pending = make(upyun)(`${origin}/api-switch/${tag}/${label}/slow`, { signal: ac.signal });
      setTimeout(() => ac.abort(new DOMException('user gave up', 'AbortError')), 30);
      const r = await pending;
      return [(r as Error)?.name === 'AbortError' && !isVendorError(r), r];
    });
    await check(`${label}: AbortSignal.timeout is a TimeoutError`, async () => {
      if (typeof AbortSignal.timeout !== 'function') return [true, 'no AbortSignal.timeout here (skipped)'];
      const r = await make(upyun)(`${origin}/api-switch/${tag}/${label}/slow-t`, { signal: AbortSignal.timeout(30), retries: 0 });
      return [r instanceof TimeoutError, r];
    });
  }

  await check('retry(fn): normalize inside the loop, 429 then 200', async () => {
    let calls = 0;
    const body = await retry(
      async () => {
        calls++;
        const res = await fetch(`${origin}/upyun/${tag}/loop/limited-once`);
        const text = await res.text();
        const err = normalize(upyun, { status: res.status, headers: res.headers, body: text });
        if (err) throw err;
        return text;
      },
      { ...FAST, retries: 3, idempotent: true },
    );
    return [calls === 2 && body.includes('files'), `${calls} calls, body ${body.slice(0, 40)}`];
  });

  await check('retry(fn): an abort during the backoff sleep stops the loop at once', async () => {
    const ac = new AbortController();
    let calls = 0;
    const p = settle(
      retry(
        async () => {
          calls++;
          throw normalize(upyun, { status: 503, body: '{"msg":"service unavailable","code":50300000,"id":"s"}' });
        },
        { retries: 5, baseDelayMs: 10_000, maxDelayMs: 10_000, idempotent: true, signal: ac.signal },
      ),
    );
    setTimeout(() => ac.abort(new DOMException('stop', 'AbortError')), 30);
    const r = await p;
    return [(r as Error)?.name === 'AbortError' && calls === 1, `${show(r)} after ${calls} calls`];
  });

  await check(
    'pacer: a success saying the quota is spent (RateLimit r=0) holds the next call until the reset; no 429',
    async () => {
      const pacer = createPacer();
      try {
        // No retries: a refusal would reject, so three 200s mean none was refused.
        const f = createFetch({ adapter: netease, retry: { ...FAST, retries: 0, pacer } });
        const statuses: number[] = [];
        for (let i = 0; i < 3; i++) statuses.push((await f(`${origin}/netease/${tag}/quota`)).status);
        // The control: the same call at once without the pacer is refused (the vendor does limit).
        const control = await settle(createFetch({ adapter: netease, retry: false })(`${origin}/netease/${tag}/quota`));
        const ok = statuses.every((s) => s === 200) && control instanceof RateLimitError;
        return [ok, `statuses ${statuses.join(',')}, control ${show(control)}`];
      } finally {
        pacer.close?.();
      }
    },
  );

  await check('otel: spans per call and attempt through @opentelemetry/api (a recording tracer, no SDK)', async () => {
    const spans: { name: string; attributes: Record<string, unknown>; ended: boolean }[] = [];
    const tracer = {
      startSpan(name: string, options?: { attributes?: Record<string, unknown> }) {
        const span = { name, attributes: { ...(options?.attributes ?? {}) }, ended: false };
        spans.push(span);
        const api = {
          setAttribute(k: string, v: unknown) {
            span.attributes[k] = v;
            return api;
          },
          setAttributes(a: Record<string, unknown>) {
            Object.assign(span.attributes, a);
            return api;
          },
          addEvent: () => api,
          setStatus: () => api,
          updateName: () => api,
          end: () => {
            span.ended = true;
          },
          isRecording: () => true,
          recordException: () => undefined,
          spanContext: () => ({ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: 1 }),
          addLink: () => api,
          addLinks: () => api,
        };
        return api;
      },
      startActiveSpan: () => {
        throw new Error('not used');
      },
    };
    const f = createFetch({ adapter: upyun, retry: { ...FAST, telemetry: otelTelemetry({ tracer: tracer as never }) } });
    const r = await settle(f(`${origin}/upyun/${tag}/otel/limited-once`));
    const attempts = spans.filter((s) => s.name.endsWith('attempt'));
    const ok =
      r instanceof Response &&
      spans.length === 3 &&
      spans.every((s) => s.ended) &&
      attempts[0]?.attributes['error.type'] === 'rate-limited' &&
      attempts[1]?.attributes['http.request.resend_count'] === 1;
    return [ok, `${show(r)}; ${JSON.stringify(spans).slice(0, 300)}`];
  });

  out.push(...(await withoutModernApis(origin, tag)));
  return out;
}

/**
 * The same paths with `AbortSignal.any`, `AbortSignal.timeout`, `throwIfAborted` and
 * `performance` removed (older runtimes and embedders lack some): the library must not need them.
 */
async function withoutModernApis(origin: string, tag: string): Promise<Check[]> {
  const g = globalThis as Record<string, unknown>;
  const saved = {
    any: Object.getOwnPropertyDescriptor(AbortSignal, 'any'),
    timeout: Object.getOwnPropertyDescriptor(AbortSignal, 'timeout'),
    throwIfAborted: Object.getOwnPropertyDescriptor(AbortSignal.prototype, 'throwIfAborted'),
    performance: Object.getOwnPropertyDescriptor(globalThis, 'performance'),
  };
  const removed: string[] = [];
  const remove = (target: object, key: string, label: string) => {
    try {
      if (Reflect.deleteProperty(target, key) && !(key in target)) removed.push(label);
    } catch {
      // Some runtimes make these non-configurable: then there is nothing to prove here.
    }
  };
  remove(AbortSignal, 'any', 'AbortSignal.any');
  remove(AbortSignal, 'timeout', 'AbortSignal.timeout');
  remove(AbortSignal.prototype, 'throwIfAborted', 'throwIfAborted');
  remove(g, 'performance', 'performance');
  const out: Check[] = [];
  const without = `without ${removed.join(', ') || 'nothing removable'}`;
  try {
    // ky itself needs AbortSignal.any for a caller's signal (ky 1.x source): only the library's own code here.
    const f = createFetch({ adapter: upyun, retry: { ...FAST, retries: 3 } });
    const r = await settle(f(`${origin}/upyun/${tag}/bare/limited-once`));
    out.push({ name: `${without}: fetch retries a 429`, ok: r instanceof Response && r.status === 200, detail: show(r) });
    const ac = new AbortController();
    const pending = settle(f(`${origin}/api-switch/${tag}/bare/slow`, { signal: ac.signal }));
    setTimeout(() => ac.abort(new DOMException('gave up', 'AbortError')), 30);
    const a = await pending;
    out.push({ name: `${without}: fetch abort`, ok: (a as Error)?.name === 'AbortError', detail: show(a) });
    let calls = 0;
    const l = await settle(
      retry(
        () => {
          calls++;
          throw normalize(upyun, { status: 503, body: '{"msg":"service unavailable","code":50300000,"id":"s"}' });
        },
        { ...FAST, retries: 2, idempotent: true },
      ),
    );
    out.push({
      name: `${without}: retry(fn) backs off and gives up`,
      ok: isVendorError(l) && calls === 3,
      detail: `${show(l)} after ${calls} calls`,
    });
  } catch (error) {
    out.push({ name: `${without}: threw`, ok: false, detail: show(error) });
  } finally {
    for (const [key, d] of Object.entries(saved)) {
      if (!d) continue;
      const target = key === 'throwIfAborted' ? AbortSignal.prototype : key === 'performance' ? globalThis : AbortSignal;
      Object.defineProperty(target, key, d);
    }
  }
  return out;
}
