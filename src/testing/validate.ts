/** Scenario validation: a TypeError naming the first thing wrong, before any request is answered. */
import type { SimulatedVendor } from './core-types.js';
import type { ScriptedAnswer, VendorScenario } from './scenario.js';

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
export function validateScenario(name: string, s: VendorScenario, vendor: SimulatedVendor): void {
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
    if (r.headers !== undefined && !['ietf', 'ietf-fields', 'x-ratelimit', 'none'].includes(r.headers))
      fail("rateLimit.headers must be 'ietf', 'ietf-fields', 'x-ratelimit' or 'none'");
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
