/**
 * The dispatcher: which part of a scenario answers a request, in a fixed order (forced code,
 * script, proxy 502, outage, rate limit, flaky, success). Returns one {@link Answer}; the core
 * records it and turns it into a {@link SimulatorResult}.
 */
import type { Adapter } from '../core/adapter.js';
import type { CatalogEntry } from '../core/catalog.js';
import { type Bucket, capacity, takeToken } from './bucket.js';
import type { SimulatedReason } from './core-types.js';
import { deriveSeed, mulberry32, type Random } from './random.js';
import { rateLimitHeaders, retryAfterHeaders } from './retry-after.js';
import type { ScriptStep, VendorScenario } from './scenario.js';
import type { RespondContext, SimulatedResponse, VendorResponder } from './types.js';

/** The nginx 502 page proxies in front of vendors send (README § Across vendors: "an HTML page from a proxy"). */
export const PROXY_502_BODY =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

/** One seeded stream per purpose, so adding dice for one part never shifts another's. */
export interface Streams {
  readonly flaky: Random;
  readonly latency: Random;
  readonly proxy: Random;
  readonly in200: Random;
  readonly ids: Random;
}

export function makeStreams(seed: number, vendor: string): Streams {
  const make = (purpose: string) => mulberry32(deriveSeed(seed, vendor, purpose));
  return { flaky: make('flaky'), latency: make('latency'), proxy: make('proxy502'), in200: make('errorIn200'), ids: make('ids') };
}

/** What the core keeps per vendor. */
export interface VendorState {
  readonly name: string;
  readonly adapter: Adapter;
  readonly responder: VendorResponder;
  scenario: VendorScenario;
  /** When the scenario was set: outage windows count from here. */
  since: number;
  bucket: Bucket;
  streams: Streams;
  /** Steps of the script consumed, per vendor (`''`) or per route. */
  scriptAt: Map<string, number>;
}

/** A request as the dispatcher sees it (already parsed by the core). */
export interface Dispatch {
  readonly method: string;
  readonly path: string;
  /** `"GET /path"`, or the MFP action: what stats and per-route scripts key on. */
  readonly route: string;
  readonly forced: number | string | undefined;
  readonly id: string | null | undefined;
  readonly now: number;
  /** The WebSocket frame, for responders that echo parts of it. */
  readonly frame?: string;
}

/** The dispatcher's verdict. */
export interface Answer {
  readonly response: SimulatedResponse;
  readonly reason: SimulatedReason;
  /** The vendor code in the body, if any. */
  readonly code?: number | string;
  /** @default 0 */
  readonly delayMs?: number;
  /** Headers added to the responder's (Retry-After hints). */
  readonly headers?: Readonly<Record<string, string>>;
}

function context(st: VendorState, d: Dispatch): RespondContext {
  return {
    random: st.streams.ids,
    now: d.now,
    method: d.method,
    path: d.path,
    id: d.id,
    dialect: st.scenario.dialect,
    frame: d.frame,
  };
}

/** The script's next step for this request, consuming it; `undefined` once it has run out. */
function nextStep(st: VendorState, route: string): ScriptStep | undefined {
  const script = st.scenario.script;
  if (!script || script.length === 0) return undefined;
  const key = st.scenario.scriptPer === 'route' ? route : '';
  const at = st.scriptAt.get(key) ?? 0;
  if (at >= script.length) return undefined;
  st.scriptAt.set(key, at + 1);
  return script[at];
}

function latency(st: VendorState): number {
  const l = st.scenario.latencyMs;
  if (l === undefined) return 0;
  if (typeof l === 'number') return l;
  return Math.round(l.min + st.streams.latency() * (l.max - l.min));
}

/** The vendor's answer for a code: the catalog row (the first, for a reused code) or a bare code. */
export function errorFor(
  st: VendorState,
  code: number | string | undefined,
  base: RespondContext,
  extra: { status?: number; in200Allowed?: boolean } = {},
): SimulatedResponse {
  const entry: CatalogEntry | undefined = code === undefined ? undefined : st.adapter.catalog.lookup(code)[0];
  let in200 = false;
  const rate = st.scenario.errorIn200;
  if (rate && extra.in200Allowed !== false) in200 = st.streams.in200() < rate;
  return st.responder.respond(entry, { ...base, code, status: extra.status, in200 });
}

/** Answers one request from the vendor's scenario. */
export function dispatch(st: VendorState, d: Dispatch): Answer {
  const base = context(st, d);
  const r = st.responder;
  const s = st.scenario;
  // "Exactly that vendor's response for that code": no latency, bucket or dice.
  if (d.forced !== undefined) return { response: errorFor(st, d.forced, base), reason: 'forced', code: d.forced };
  const delayMs = latency(st);
  const step = nextStep(st, d.route);
  if (step === 'ok') return { response: r.success(base), reason: 'ok', delayMs };
  if (step !== undefined) {
    const entry = step.code === undefined ? undefined : st.adapter.catalog.lookup(step.code)[0];
    const response = r.respond(entry, { ...base, code: step.code, status: step.status, in200: step.in200 === true });
    const headers =
      step.retryAfterMs === undefined ? {} : retryAfterHeaders(step.retryAfter ?? 'seconds', step.retryAfterMs, d.now);
    return { response, reason: 'scripted', code: step.code, delayMs, headers };
  }
  if (s.proxy502 && st.streams.proxy() < s.proxy502) {
    const response = { status: 502, headers: { 'content-type': 'text/html', server: 'nginx' }, body: PROXY_502_BODY };
    return { response, reason: 'proxy502', delayMs };
  }
  if (s.outage) {
    const start = st.since + (s.outage.afterMs ?? 0);
    const end = start + s.outage.durationMs;
    if (d.now >= start && d.now < end) {
      const code = s.outage.code ?? r.unavailableCode;
      const headers = retryAfterHeaders(s.outage.retryAfter, end - d.now, d.now);
      return { response: errorFor(st, code, base), reason: 'outage', code, delayMs, headers };
    }
  }
  // Set when the bucket announces itself: every answer from here on carries its state.
  let quota: Record<string, string> | undefined;
  if (s.rateLimit) {
    const rl = s.rateLimit;
    const t = takeToken(st.bucket, rl, d.now);
    const limit = capacity(rl);
    const windowS = limit / rl.perSecond;
    if (!t.ok) {
      const code = rl.as ?? r.rateLimitCode;
      const headers = {
        ...rateLimitHeaders(rl.headers, { limit, remaining: 0, resetMs: t.waitMs, windowS }, d.now),
        ...retryAfterHeaders(rl.retryAfter, t.waitMs, d.now),
      };
      // API Switch documents no rate-limit code: a bare 429 (see adapters/api-switch/respond.ts).
      return { response: errorFor(st, code, base, { status: 429 }), reason: 'rate-limited', code, delayMs, headers };
    }
    if (rl.headers !== undefined && rl.headers !== 'none')
      quota = rateLimitHeaders(rl.headers, { limit, remaining: t.remaining, resetMs: t.resetMs, windowS }, d.now);
  }
  if (s.flaky && st.streams.flaky() < s.flaky.rate) {
    const code = s.flaky.code ?? r.unavailableCode;
    return { response: errorFor(st, code, base), reason: 'flaky', code, delayMs, headers: quota };
  }
  return { response: r.success(base), reason: 'ok', delayMs, headers: quota };
}
