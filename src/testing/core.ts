/**
 * The simulator's pure core: no sockets, no timers, no globals. Given a request, the scenario
 * state and the time, it answers what the vendor would send. The node:http/WebSocket server and
 * the msw handlers are thin wrappers around it, so both answer byte for byte the same.
 */
import * as builtInAdapters from '../../adapters/index.js';
import { responders as builtInResponders } from '../../adapters/responders.js';
import type { Adapter } from '../core/adapter.js';
import { headerLookup } from '../core/headers.js';
import { codeKey } from '../core/wire.js';
import { resetDefaultPacer } from '../pacer/default.js';
import { fullBucket } from './bucket.js';
import type { SimulatedVendor, SimulatorCore, SimulatorCoreOptions, SimulatorResult } from './core-types.js';
import { type Answer, type Dispatch, dispatch, errorFor, makeStreams, type VendorState } from './dispatch.js';
import { parseForcedCode, pathOnly, queryParam } from './request.js';
import type { VendorScenario } from './scenario.js';
import { createStats, type StatsRecorder } from './stats.js';
import { validateScenario } from './validate.js';

const BUILT_IN: Readonly<Record<string, SimulatedVendor>> = (() => {
  const out: Record<string, SimulatedVendor> = {};
  for (const adapter of Object.values(builtInAdapters) as Adapter[]) {
    const responder = builtInResponders[adapter.name];
    if (responder) out[adapter.name] = { adapter, responder };
  }
  return out;
})();

function noRoute(vendor: unknown): SimulatorResult {
  return {
    status: 404,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
    body: `vendor-errors simulator: no vendor "${String(vendor).slice(0, 64)}"`,
    delayMs: 0,
    reason: 'no-route',
    code: undefined,
  };
}

/**
 * Creates the pure simulator core. The server ({@link startVendorSimulator}) and the msw
 * handlers (`vendorHandlers` in `vendor-errors/testing/msw`) wrap one; use it directly for fast, socket-free tests.
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

  function init(): void {
    // A fresh vendor meets a fresh default pacer: one test's rate limit never slows the next.
    resetDefaultPacer();
    states.clear();
    const now = clock();
    for (const [name, v] of Object.entries(table)) {
      const scenario = initial[name] ?? {};
      states.set(name, {
        name,
        adapter: v.adapter,
        responder: v.responder,
        scenario,
        since: now,
        bucket: fullBucket(scenario.rateLimit, now),
        streams: makeStreams(seed, name),
        scriptAt: new Map(),
      });
    }
  }
  init();

  function stateOf(name: string): VendorState | undefined {
    return typeof name === 'string' ? states.get(name) : undefined;
  }

  function finish(st: VendorState, d: Dispatch, a: Answer): SimulatorResult {
    const result: SimulatorResult = {
      status: a.response.status,
      headers: a.headers ? { ...a.response.headers, ...a.headers } : { ...a.response.headers },
      // HEAD answers carry no body (RFC 9110 §9.3.2); UpYun's HEAD errors are bare statuses (README).
      body: d.method === 'HEAD' ? '' : a.response.body,
      delayMs: a.delayMs ?? 0,
      reason: a.reason,
      code: a.code,
    };
    recorder.record(st.name, d.route, d.now, result.status, a.code === undefined ? undefined : codeKey(a.code), a.reason);
    return result;
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
      const d: Dispatch = { method, path, route: `${method} ${path}`, forced, id: request.id, now };
      return finish(st, d, dispatch(st, d));
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
        const frameText = typeof frame === 'string' ? frame.slice(0, 256) : undefined;
        const d: Dispatch = { method: 'WS', path: '(invalid)', route: '(invalid)', forced: undefined, id, now, frame: frameText };
        const base = {
          random: st.streams.ids,
          now,
          method: d.method,
          path: d.path,
          id,
          dialect: st.scenario.dialect,
          frame: frameText,
        };
        const response = errorFor(st, code, base, { in200Allowed: false });
        return finish(st, d, { response, reason: 'bad-request', code });
      }
      const params = rec?.params;
      const forced =
        typeof params === 'object' && params !== null
          ? parseForcedCode((params as Record<string, unknown>).simulate_code)
          : undefined;
      const d: Dispatch = { method: action, path: action, route: action, forced, id, now };
      return finish(st, d, dispatch(st, d));
    },
    scenario(vendor, scenario) {
      const st = stateOf(vendor);
      if (!st) throw new TypeError(`vendor-errors/testing: unknown vendor "${String(vendor)}"`);
      const s = scenario ?? {};
      validateScenario(vendor, s, { adapter: st.adapter, responder: st.responder });
      const now = clock();
      st.scenario = s;
      st.since = now;
      st.bucket = fullBucket(s.rateLimit, now);
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
