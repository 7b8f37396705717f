/**
 * The simulator's pure core: no sockets, no timers, no globals. Given a request, the scenario
 * state and the time, it answers what the vendor would send. The node:http/WebSocket server and
 * the msw handlers are thin wrappers around it, so both answer byte for byte the same.
 */
import * as builtInAdapters from '../../adapters/index.js';
import { responders as builtInResponders } from '../../adapters/responders.js';
import type { Adapter } from '../core/adapter.js';
import type { CatalogEntry } from '../core/catalog.js';
import { type HeadersInput, headerLookup } from '../core/headers.js';
import { codeKey } from '../core/wire.js';
import { resetDefaultPacer } from '../pacer/default.js';
import { deriveSeed, mulberry32, type Random } from './random.js';
import { createStats, type SimulatorStats, type StatsRecorder } from './stats.js';
import type { RespondContext, SimulatedResponse, VendorResponder } from './types.js';

/** How a Retry-After hint is sent: `Retry-After: <seconds>`, `Retry-After: <HTTP-date>`, `retry-after-ms`, or not at all. */
export type RetryAfterStyle = 'seconds' | 'date' | 'ms' | 'none';

/** A token bucket in front of the vendor. */
export interface RateLimitScenario {
  /** Tokens added per second (the sustained rate). */
  readonly perSecond: number;
  /**
   * Bucket size: how many requests may arrive at once. The bucket starts full.
   * @default perSecond
   */
  readonly burst?: number;
  /**
   * Whether and how over-limit answers carry the time until the bucket has a token again.
   * None of the five vendors documents one; `'none'` is the faithful setting.
   * @default 'none'
   */
  readonly retryAfter?: RetryAfterStyle;
  /**
   * The code to answer with instead of the vendor's rate-limit code, e.g. NetEase `4000199`
   * ("System busy", sent as 400) or UpYun `42900002`.
   * @default the vendor's rate-limit code (UpYun 42900001, Baidu 31219, NetEase 4030001, MFP 10005; API Switch: a bare 429)
   */
  readonly as?: number | string;
}

/** Requests fail at random, from the seeded generator. */
export interface FlakyScenario {
  /** Probability in [0, 1] that a request fails. */
  readonly rate: number;
  /** @default the vendor's "unavailable" code (UpYun 50300000, Baidu 31212, NetEase 5000007, API Switch 10004, MFP 10004) */
  readonly code?: number | string;
}

/** Every request fails during a window, then the vendor recovers. */
export interface OutageScenario {
  /**
   * When the outage starts, in ms after the scenario was set (or the simulator started / was reset).
   * @default 0
   */
  readonly afterMs?: number;
  /** How long it lasts, in ms. */
  readonly durationMs: number;
  /** @default the vendor's "unavailable" code, as for {@link FlakyScenario.code} */
  readonly code?: number | string;
  /**
   * Whether answers carry the time until the outage ends.
   * @default 'none'
   */
  readonly retryAfter?: RetryAfterStyle;
}

/**
 * One step of a {@link VendorScenario.script}: `'ok'` (the vendor's success), a vendor code
 * (`{ code: 42900001 }`), or a bare status with no code (`{ status: 503 }`, e.g. an empty-bodied
 * edge or proxy answer). Bodies and headers come from the vendor's responder, exactly as for a
 * code forced with `x-simulate-code`: real shapes, from the catalogs.
 */
export type ScriptStep = 'ok' | ScriptedAnswer;

/** An error step of a {@link VendorScenario.script}. Give `code`, `status`, or both. */
export interface ScriptedAnswer {
  /** The vendor code to answer with (its catalog row decides the status and message). */
  readonly code?: number | string;
  /**
   * Without `code`: a bare status with an empty body. With a code no catalog row lists: the
   * status to send it under. A catalogued code keeps its documented status. HTTP vendors only
   * for a bare status (a WebSocket message has none).
   */
  readonly status?: number;
  /**
   * The wait to announce, in ms, sent in the {@link retryAfter} style.
   * @default undefined (no hint, as no vendor documents one)
   */
  readonly retryAfterMs?: number;
  /**
   * How `retryAfterMs` is sent: `Retry-After: <seconds>` (rounded up), an HTTP-date, or
   * `retry-after-ms`. Needs `retryAfterMs`; HTTP vendors only.
   * @default 'seconds'
   */
  readonly retryAfter?: Exclude<RetryAfterStyle, 'none'>;
  /**
   * Send the error body under HTTP 200. Only for adapters with `errorsInSuccess` (Baidu PCS).
   * @default false
   */
  readonly in200?: boolean;
}

/** Per-vendor behaviour. Every part is optional and they combine. */
export interface VendorScenario {
  readonly rateLimit?: RateLimitScenario;
  readonly flaky?: FlakyScenario;
  readonly outage?: OutageScenario;
  /**
   * Delay before each answer: fixed, or uniform in `[min, max]` from the seeded generator.
   * The core only computes it (`delayMs`); the server and msw handlers wait.
   * @default 0
   */
  readonly latencyMs?: number | { readonly min: number; readonly max: number };
  /**
   * Probability that an nginx-style HTML 502 page answers instead of the vendor (HTTP vendors only).
   * @default 0
   */
  readonly proxy502?: number;
  /**
   * Probability that an error body is sent under HTTP 200. Only for adapters with
   * `errorsInSuccess` (Baidu PCS, the one vendor documented to do so, README § Baidu PCS).
   * @default 0
   */
  readonly errorIn200?: number;
  /**
   * Answers in order, one per request, then the rest of the scenario (with nothing else set:
   * the vendor's success). A scripted step answers before every other part (no bucket token is
   * taken, no dice are thrown); `latencyMs` still applies. Codes forced with `x-simulate-code`
   * do not consume a step. Setting the scenario (or `reset()`) restarts the script.
   *
   * @example
   * // Two rate limits (the second says "retry in 7 s"), a bare 503 from an edge, then success.
   * core.scenario('upyun', {
   *   script: [{ code: 42900001 }, { code: 42900001, retryAfterMs: 7000 }, { status: 503 }, 'ok'],
   * });
   */
  readonly script?: readonly ScriptStep[];
  /**
   * Whether {@link script} runs once for the vendor (every request takes the next step) or
   * once per route (`"GET /path"`, or the MFP action), each route from its first step.
   * @default 'vendor'
   */
  readonly scriptPer?: 'vendor' | 'route';
  /**
   * The wire shape every answer takes, for a vendor whose protocol changed between versions:
   * one of its responder's `dialects` (MFP: `'daemon'`, `'v1'`, `'v1-nested'`, `'pascal'`,
   * `'draft'`, `'json-rpc'`, as README § MFP lists them). Test a client against each shape its
   * users' servers may still send.
   * @default the responder's first dialect (MFP: `'daemon'`)
   * @example
   * core.scenario('mfp', { dialect: 'json-rpc', rateLimit: { perSecond: 5 } });
   */
  readonly dialect?: string;
}

/** Why the simulator answered the way it did. */
export type SimulatedReason =
  | 'ok'
  | 'forced'
  | 'scripted'
  | 'rate-limited'
  | 'flaky'
  | 'outage'
  | 'proxy502'
  | 'bad-request'
  | 'no-route';

/** A vendor the simulator can play: an adapter (for its catalog) and its responder. */
export interface SimulatedVendor {
  readonly adapter: Adapter;
  readonly responder: VendorResponder;
}

/** Options shared by the core, the server and the msw handlers. */
export interface SimulatorCoreOptions {
  /**
   * Seed of every random stream (one per vendor and purpose): same seed and same arrival
   * order, same answers.
   * @default 1
   */
  readonly seed?: number;
  /** Scenario per vendor (adapter name: `upyun`, `baidu-pcs`, `netease`, `api-switch`, `mfp`). */
  readonly scenarios?: Readonly<Record<string, VendorScenario | undefined>>;
  /**
   * The clock, in ms since the epoch. Inject one to drive token buckets and outages in tests.
   * @default Date.now
   */
  readonly clock?: () => number;
  /** More vendors, or replacements for built-in ones, by adapter name. */
  readonly vendors?: Readonly<Record<string, SimulatedVendor>>;
}

/** One request, as the core sees it. */
export interface SimulatorRequest {
  /** Adapter name, e.g. `baidu-pcs`. */
  readonly vendor: string;
  /** @default 'GET' */
  readonly method?: string;
  /** The path under the vendor prefix, e.g. `/rest/2.0/pcs/file`; a query part is ignored. @default '/' */
  readonly path?: string;
  /** The query string (with or without `?`); only `simulate_code` is read. */
  readonly query?: string | URLSearchParams;
  /** Request headers; only `x-simulate-code` is read. */
  readonly headers?: HeadersInput;
  /** Forces a code, like the `x-simulate-code` header. */
  readonly simulateCode?: number | string;
  /** WebSocket vendors: the request message's id, echoed back. */
  readonly id?: string | null;
  /** Overrides the clock for this request. */
  readonly now?: number;
}

/** What the core answers: the response plus what the wrapper must do and why. */
export interface SimulatorResult extends SimulatedResponse {
  /** Wait this long before sending (the `latencyMs` scenario). */
  readonly delayMs: number;
  readonly reason: SimulatedReason;
  /** The vendor code in the body, if any. */
  readonly code: number | string | undefined;
}

/** The pure simulator: state (buckets, random streams, stats) but no I/O. */
export interface SimulatorCore {
  /** Answers one HTTP-style request. Never throws for request content. */
  handle(request: SimulatorRequest): SimulatorResult;
  /**
   * Answers one WebSocket text frame `{"action", "params", "id"}` (MFP). `params.simulate_code`
   * forces a code; a frame that is not such an object gets the vendor's bad-request code.
   */
  handleMessage(vendor: string, frame: string, now?: number): SimulatorResult;
  /** Sets (replaces) a vendor's scenario, live; `undefined` or `{}` clears it. Refills its bucket and restarts its outage window. */
  scenario(vendor: string, scenario: VendorScenario | undefined): void;
  /** The scenario a vendor runs now. */
  scenarioOf(vendor: string): VendorScenario;
  /** Back to the start: initial scenarios, fresh random streams and buckets, empty stats. */
  reset(): void;
  readonly stats: SimulatorStats;
  /** Adapter names this core can play. */
  readonly vendors: readonly string[];
  /** The adapter and responder for a vendor, or `undefined`. */
  vendor(name: string): SimulatedVendor | undefined;
  /** The clock this core reads. */
  readonly clock: () => number;
}

/** The nginx 502 page proxies in front of vendors send (README § Across vendors: "an HTML page from a proxy"). */
export const PROXY_502_BODY =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

const BUILT_IN: Readonly<Record<string, SimulatedVendor>> = (() => {
  const out: Record<string, SimulatedVendor> = {};
  for (const adapter of Object.values(builtInAdapters) as Adapter[]) {
    const responder = builtInResponders[adapter.name];
    if (responder) out[adapter.name] = { adapter, responder };
  }
  return out;
})();

interface Streams {
  readonly flaky: Random;
  readonly latency: Random;
  readonly proxy: Random;
  readonly in200: Random;
  readonly ids: Random;
}

interface VendorState {
  readonly name: string;
  readonly adapter: Adapter;
  readonly responder: VendorResponder;
  scenario: VendorScenario;
  /** When the scenario was set: outage windows count from here. */
  since: number;
  tokens: number;
  refilledAt: number;
  streams: Streams;
  /** Steps of the script consumed, per vendor (`''`) or per route. */
  scriptAt: Map<string, number>;
}

function isRate(v: unknown): v is number {
  return typeof v === 'number' && v >= 0 && v <= 1;
}

function isMs(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0;
}

function validRetryAfter(v: unknown): boolean {
  return v === undefined || v === 'seconds' || v === 'date' || v === 'ms' || v === 'none';
}

/** Throws a TypeError naming the first thing wrong with a scenario. */
function validateScenario(name: string, s: VendorScenario, vendor: SimulatedVendor): void {
  const { responder, adapter } = vendor;
  const fail = (what: string): never => {
    throw new TypeError(`vendor-errors/testing: ${name}: ${what}`);
  };
  if (typeof s !== 'object' || s === null) fail('scenario must be an object');
  if (s.rateLimit !== undefined) {
    const r = s.rateLimit;
    if (!(typeof r.perSecond === 'number' && Number.isFinite(r.perSecond) && r.perSecond > 0))
      fail('rateLimit.perSecond must be a positive number');
    if (r.burst !== undefined && !(typeof r.burst === 'number' && Number.isFinite(r.burst) && r.burst >= 1))
      fail('rateLimit.burst must be ≥ 1');
    if (!validRetryAfter(r.retryAfter)) fail("rateLimit.retryAfter must be 'seconds', 'date', 'ms' or 'none'");
  }
  if (s.flaky !== undefined && !isRate(s.flaky.rate)) fail('flaky.rate must be in [0, 1]');
  if (s.outage !== undefined) {
    if (!isMs(s.outage.durationMs)) fail('outage.durationMs must be a non-negative number');
    if (s.outage.afterMs !== undefined && !isMs(s.outage.afterMs)) fail('outage.afterMs must be a non-negative number');
    if (!validRetryAfter(s.outage.retryAfter)) fail("outage.retryAfter must be 'seconds', 'date', 'ms' or 'none'");
  }
  const l = s.latencyMs;
  if (l !== undefined && !isMs(l) && !(typeof l === 'object' && l !== null && isMs(l.min) && isMs(l.max) && l.min <= l.max)) {
    fail('latencyMs must be a non-negative number or { min, max } with min ≤ max');
  }
  if (s.proxy502 !== undefined && !isRate(s.proxy502)) fail('proxy502 must be in [0, 1]');
  if (s.errorIn200 !== undefined && !isRate(s.errorIn200)) fail('errorIn200 must be in [0, 1]');
  if (responder.transport === 'websocket') {
    // A WebSocket message has no status or headers to carry these (README § MFP).
    if (s.proxy502) fail('proxy502 needs HTTP; this vendor speaks WebSocket');
    if (s.rateLimit?.retryAfter && s.rateLimit.retryAfter !== 'none') fail('a WebSocket message has no Retry-After header');
    if (s.outage?.retryAfter && s.outage.retryAfter !== 'none') fail('a WebSocket message has no Retry-After header');
  }
  // Only vendors documented to hide errors in 2xx bodies (the adapter's `errorsInSuccess`: Baidu PCS).
  if (s.errorIn200 && !adapter.errorsInSuccess)
    fail('errorIn200 needs an adapter with errorsInSuccess (Baidu PCS); this vendor never sends errors under 200');
  if (s.scriptPer !== undefined && s.scriptPer !== 'vendor' && s.scriptPer !== 'route')
    fail("scriptPer must be 'vendor' or 'route'");
  if (s.dialect !== undefined) {
    const known = responder.dialects ?? [];
    if (typeof s.dialect !== 'string' || !known.includes(s.dialect))
      fail(
        known.length
          ? `dialect must be one of ${known.map((d) => `'${d}'`).join(', ')}`
          : 'dialect: this vendor answers in one shape only',
      );
  }
  if (s.script !== undefined) {
    if (!Array.isArray(s.script)) fail('script must be an array of steps');
    for (const [i, step] of s.script.entries()) validateStep(`script[${i}]`, step, vendor, fail);
  }
}

function validateStep(at: string, step: unknown, vendor: SimulatedVendor, fail: (what: string) => never): void {
  if (step === 'ok') return;
  if (typeof step !== 'object' || step === null || Array.isArray(step))
    fail(`${at} must be 'ok' or an object with a code or a status`);
  const a = step as ScriptedAnswer;
  const ws = vendor.responder.transport === 'websocket';
  if (a.code === undefined && a.status === undefined) fail(`${at} needs a code or a status`);
  if (
    a.code !== undefined &&
    !(typeof a.code === 'number' ? Number.isFinite(a.code) : typeof a.code === 'string' && a.code.trim() !== '')
  )
    fail(`${at}.code must be a finite number or a non-empty string`);
  if (a.status !== undefined) {
    if (!(Number.isInteger(a.status) && a.status >= 100 && a.status <= 599))
      fail(`${at}.status must be an integer HTTP status (100–599)`);
    if (ws) fail(`${at}.status: a WebSocket message has no status`);
  }
  if (a.retryAfterMs !== undefined && !isMs(a.retryAfterMs)) fail(`${at}.retryAfterMs must be a non-negative number`);
  if (a.retryAfter !== undefined) {
    if (a.retryAfter !== 'seconds' && a.retryAfter !== 'date' && a.retryAfter !== 'ms')
      fail(`${at}.retryAfter must be 'seconds', 'date' or 'ms'`);
    if (a.retryAfterMs === undefined) fail(`${at}.retryAfter needs retryAfterMs (the wait to announce)`);
  }
  if (ws && a.retryAfterMs !== undefined) fail(`${at}.retryAfterMs: a WebSocket message has no Retry-After header`);
  if (a.in200 !== undefined && typeof a.in200 !== 'boolean') fail(`${at}.in200 must be a boolean`);
  if (a.in200 && !vendor.adapter.errorsInSuccess)
    fail(`${at}.in200 needs an adapter with errorsInSuccess (Baidu PCS); this vendor never sends errors under 200`);
  if (a.in200 && a.code === undefined) fail(`${at}.in200 needs a code (a bare status has no body to hide in a 200)`);
}

/** `"42900001"` → 42900001; other text stays text; empty or absent → undefined. */
function parseForcedCode(value: unknown): number | string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const s = value.trim();
  if (s === '' || s.length > 64) return undefined;
  if (/^-?\d+$/.test(s)) {
    const n = Number(s);
    return Number.isSafeInteger(n) ? n : s;
  }
  return s;
}

function queryParam(query: string | URLSearchParams | undefined, name: string): string | undefined {
  if (query === undefined) return undefined;
  try {
    const params = typeof query === 'string' ? new URLSearchParams(query.startsWith('?') ? query.slice(1) : query) : query;
    return params.get(name) ?? undefined;
  } catch {
    return undefined;
  }
}

function retryAfterHeaders(style: RetryAfterStyle | undefined, waitMs: number, now: number): Record<string, string> {
  const wait = Math.max(0, waitMs);
  switch (style) {
    case 'seconds':
      // Delta-seconds are whole numbers (RFC 9110 §10.2.3); rounding up never invites a too-early retry.
      return { 'retry-after': String(Math.ceil(wait / 1000)) };
    case 'date':
      // HTTP-dates have one-second resolution: round the instant up for the same reason.
      return { 'retry-after': new Date(Math.ceil((now + wait) / 1000) * 1000).toUTCString() };
    case 'ms':
      return { 'retry-after-ms': String(Math.ceil(wait)) };
    default:
      return {};
  }
}

function pathOnly(path: string | undefined): string {
  if (typeof path !== 'string' || path === '') return '/';
  const q = path.indexOf('?');
  const p = q === -1 ? path : path.slice(0, q);
  return p.startsWith('/') ? p : `/${p}`;
}

/**
 * Creates the pure simulator core. The server ({@link startVendorSimulator}) and the msw
 * handlers ({@link vendorHandlers}) wrap one; use it directly for fast, socket-free tests.
 *
 * @example
 * import { createSimulatorCore } from 'vendor-errors/testing';
 * let now = 0;
 * const core = createSimulatorCore({ clock: () => now, scenarios: { netease: { rateLimit: { perSecond: 1 } } } });
 * core.handle({ vendor: 'netease', path: '/api/v1/apps' }).status; // 200
 * core.handle({ vendor: 'netease', path: '/api/v1/apps' }).body;   // '{"code":4030001,"message":"Api freq out of limit."}'
 */
export function createSimulatorCore(options: SimulatorCoreOptions = {}): SimulatorCore {
  const seed = typeof options.seed === 'number' && Number.isFinite(options.seed) ? Math.trunc(options.seed) : 1;
  const clock = typeof options.clock === 'function' ? options.clock : Date.now;
  const table: Record<string, SimulatedVendor> = { ...BUILT_IN, ...(options.vendors ?? {}) };
  const initial: Record<string, VendorScenario> = {};
  for (const [name, s] of Object.entries(options.scenarios ?? {})) {
    const v = table[name];
    if (!v) throw new TypeError(`vendor-errors/testing: unknown vendor "${name}" (known: ${Object.keys(table).join(', ')})`);
    if (s) {
      validateScenario(name, s, v);
      initial[name] = s;
    }
  }
  const recorder: StatsRecorder = createStats();
  const states = new Map<string, VendorState>();

  function streams(name: string): Streams {
    const make = (purpose: string) => mulberry32(deriveSeed(seed, name, purpose));
    return {
      flaky: make('flaky'),
      latency: make('latency'),
      proxy: make('proxy502'),
      in200: make('errorIn200'),
      ids: make('ids'),
    };
  }

  function capacity(s: VendorScenario): number {
    return s.rateLimit ? (s.rateLimit.burst ?? s.rateLimit.perSecond) : 0;
  }

  function freshState(name: string, v: SimulatedVendor, now: number): VendorState {
    const scenario = initial[name] ?? {};
    return {
      name,
      adapter: v.adapter,
      responder: v.responder,
      scenario,
      since: now,
      tokens: capacity(scenario),
      refilledAt: now,
      streams: streams(name),
      scriptAt: new Map(),
    };
  }

  function init(): void {
    // A fresh vendor meets a fresh default pacer: one test's rate limit never slows the next.
    resetDefaultPacer();
    states.clear();
    const now = clock();
    for (const [name, v] of Object.entries(table)) states.set(name, freshState(name, v, now));
  }
  init();

  function stateOf(name: string): VendorState | undefined {
    return typeof name === 'string' ? states.get(name) : undefined;
  }

  /** Takes a token if there is one; otherwise says how long until there is. */
  function takeToken(st: VendorState, r: RateLimitScenario, now: number): { ok: true } | { ok: false; waitMs: number } {
    const cap = capacity(st.scenario);
    const elapsed = Math.max(0, now - st.refilledAt);
    st.tokens = Math.min(cap, st.tokens + (elapsed * r.perSecond) / 1000);
    st.refilledAt = Math.max(st.refilledAt, now);
    if (st.tokens >= 1) {
      st.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, waitMs: ((1 - st.tokens) / r.perSecond) * 1000 };
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

  function context(
    st: VendorState,
    method: string,
    path: string,
    now: number,
    id: string | null | undefined,
    frame?: string,
  ): RespondContext {
    return { random: st.streams.ids, now, method, path, id, dialect: st.scenario.dialect, frame };
  }

  /** The vendor's answer for a code: the catalog row (the first, for a reused code) or a bare code. */
  function errorFor(
    st: VendorState,
    code: number | string | undefined,
    base: RespondContext,
    extra: { status?: number; in200Allowed?: boolean } = {},
  ): SimulatedResponse {
    const entry: CatalogEntry | undefined = code === undefined ? undefined : st.adapter.catalog.lookup(code)[0];
    let in200 = false;
    const rate = st.scenario.errorIn200;
    if (rate && extra.in200Allowed !== false) in200 = st.streams.in200() < rate;
    const ctx: RespondContext = { ...base, code, status: extra.status, in200 };
    return st.responder.respond(entry, ctx);
  }

  function finish(
    st: VendorState | undefined,
    vendor: string,
    route: string,
    now: number,
    res: SimulatedResponse,
    reason: SimulatedReason,
    code: number | string | undefined,
    delayMs: number,
    extraHeaders: Record<string, string> = {},
    head = false,
  ): SimulatorResult {
    const result: SimulatorResult = {
      status: res.status,
      headers: { ...res.headers, ...extraHeaders },
      // HEAD answers carry no body (RFC 9110 §9.3.2); UpYun's HEAD errors are bare statuses (README).
      body: head ? '' : res.body,
      delayMs,
      reason,
      code,
    };
    if (st) recorder.record(vendor, route, now, result.status, code === undefined ? undefined : codeKey(code), reason);
    return result;
  }

  function answer(
    st: VendorState,
    method: string,
    path: string,
    route: string,
    forced: number | string | undefined,
    id: string | null | undefined,
    now: number,
  ): SimulatorResult {
    const base = context(st, method, path, now, id);
    const head = method === 'HEAD';
    const r = st.responder;
    const s = st.scenario;
    if (forced !== undefined) {
      // "Exactly that vendor's response for that code": no latency, bucket or dice.
      return finish(st, st.name, route, now, errorFor(st, forced, base), 'forced', forced, 0, {}, head);
    }
    const delayMs = latency(st);
    const step = nextStep(st, route);
    if (step === 'ok') return finish(st, st.name, route, now, r.success(base), 'ok', undefined, delayMs, {}, head);
    if (step !== undefined) {
      const entry: CatalogEntry | undefined = step.code === undefined ? undefined : st.adapter.catalog.lookup(step.code)[0];
      const res = r.respond(entry, { ...base, code: step.code, status: step.status, in200: step.in200 === true });
      const hint = step.retryAfterMs === undefined ? {} : retryAfterHeaders(step.retryAfter ?? 'seconds', step.retryAfterMs, now);
      return finish(st, st.name, route, now, res, 'scripted', step.code, delayMs, hint, head);
    }
    if (s.proxy502 && st.streams.proxy() < s.proxy502) {
      const page: SimulatedResponse = {
        status: 502,
        headers: { 'content-type': 'text/html', server: 'nginx' },
        body: PROXY_502_BODY,
      };
      return finish(st, st.name, route, now, page, 'proxy502', undefined, delayMs, {}, head);
    }
    if (s.outage) {
      const start = st.since + (s.outage.afterMs ?? 0);
      const end = start + s.outage.durationMs;
      if (now >= start && now < end) {
        const code = s.outage.code ?? r.unavailableCode;
        const hint = retryAfterHeaders(s.outage.retryAfter, end - now, now);
        return finish(st, st.name, route, now, errorFor(st, code, base), 'outage', code, delayMs, hint, head);
      }
    }
    if (s.rateLimit) {
      const t = takeToken(st, s.rateLimit, now);
      if (!t.ok) {
        const code = s.rateLimit.as ?? r.rateLimitCode;
        const hint = retryAfterHeaders(s.rateLimit.retryAfter, t.waitMs, now);
        // API Switch documents no rate-limit code: a bare 429 (see adapters/api-switch/respond.ts).
        const res = errorFor(st, code, base, { status: 429 });
        return finish(st, st.name, route, now, res, 'rate-limited', code, delayMs, hint, head);
      }
    }
    if (s.flaky && st.streams.flaky() < s.flaky.rate) {
      const code = s.flaky.code ?? r.unavailableCode;
      return finish(st, st.name, route, now, errorFor(st, code, base), 'flaky', code, delayMs, {}, head);
    }
    return finish(st, st.name, route, now, r.success(base), 'ok', undefined, delayMs, {}, head);
  }

  function noRoute(vendor: string): SimulatorResult {
    return {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: `vendor-errors simulator: no vendor "${String(vendor).slice(0, 64)}"`,
      delayMs: 0,
      reason: 'no-route',
      code: undefined,
    };
  }

  const core: SimulatorCore = {
    clock,
    stats: recorder.stats,
    get vendors() {
      return Object.keys(table);
    },
    vendor(name) {
      return Object.hasOwn(table, name) ? table[name] : undefined;
    },
    handle(request) {
      const st = stateOf(request?.vendor);
      if (!st) return noRoute(request?.vendor);
      const now = typeof request.now === 'number' ? request.now : clock();
      const method = (typeof request.method === 'string' ? request.method : 'GET').toUpperCase().slice(0, 16);
      const path = pathOnly(request.path);
      const forced =
        parseForcedCode(request.simulateCode) ??
        parseForcedCode(headerLookup(request.headers)('x-simulate-code')) ??
        parseForcedCode(queryParam(request.query, 'simulate_code'));
      return answer(st, method, path, `${method} ${path}`, forced, request.id, now);
    },
    handleMessage(vendor, frame, now = clock()) {
      const st = stateOf(vendor);
      if (!st) return noRoute(vendor);
      let msg: unknown;
      try {
        msg = JSON.parse(typeof frame === 'string' ? frame : String(frame));
      } catch {
        msg = undefined;
      }
      const rec = typeof msg === 'object' && msg !== null && !Array.isArray(msg) ? (msg as Record<string, unknown>) : undefined;
      const rawId = rec?.id;
      const id = typeof rawId === 'string' ? rawId.slice(0, 128) : typeof rawId === 'number' ? String(rawId) : null;
      const action = typeof rec?.action === 'string' && rec.action.trim() !== '' ? rec.action.slice(0, 128) : undefined;
      if (!action) {
        const code = st.responder.badRequestCode ?? 10001;
        const base = context(st, 'WS', '(invalid)', now, id, typeof frame === 'string' ? frame.slice(0, 256) : undefined);
        return finish(st, vendor, '(invalid)', now, errorFor(st, code, base, { in200Allowed: false }), 'bad-request', code, 0);
      }
      const params = rec?.params;
      const forced =
        typeof params === 'object' && params !== null
          ? parseForcedCode((params as Record<string, unknown>).simulate_code)
          : undefined;
      return answer(st, action, action, action, forced, id, now);
    },
    scenario(vendor, scenario) {
      const st = stateOf(vendor);
      if (!st) throw new TypeError(`vendor-errors/testing: unknown vendor "${String(vendor)}"`);
      const s = scenario ?? {};
      validateScenario(vendor, s, { adapter: st.adapter, responder: st.responder });
      const now = clock();
      st.scenario = s;
      st.since = now;
      st.tokens = capacity(s);
      st.refilledAt = now;
      st.scriptAt = new Map();
    },
    scenarioOf(vendor) {
      const st = stateOf(vendor);
      if (!st) throw new TypeError(`vendor-errors/testing: unknown vendor "${String(vendor)}"`);
      return st.scenario;
    },
    reset() {
      init();
      recorder.reset();
    },
  };
  return core;
}
