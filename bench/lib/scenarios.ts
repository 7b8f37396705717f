/**
 * The vendor-failure scenarios of the retry-efficiency benchmark, their sizes (quick and full),
 * the ideal completion time of each, and the targets the report checks.
 */
import type { VendorScenario } from 'vendor-errors/testing';

export type Mode = 'quick' | 'full';
export type ScenarioKind = 'rate-limit' | 'flaky' | 'outage';

export interface ScenarioDef {
  readonly id: string;
  readonly title: string;
  readonly kind: ScenarioKind;
  /** Simulator vendor (adapter name). */
  readonly vendor: 'upyun' | 'netease';
  /** Request path under the vendor prefix for call `i`. */
  readonly path: (i: number) => string;
  readonly scenario: VendorScenario;
  readonly calls: number;
  readonly concurrency: number;
  /** Hard cap of one client's run. */
  readonly capMs: number;
  /** The best possible completion time, or undefined where none is meaningful. */
  readonly idealMs: number | undefined;
  /** How {@link idealMs} was computed, for the report. */
  readonly idealFormula: string;
  /**
   * The best completion time of a client that honours the vendor's Retry-After, when that is
   * above {@link idealMs} (whole-second hints); how it was computed and why, for the report.
   */
  readonly floor?: { readonly ms: number; readonly formula: string; readonly why: string };
  /** This scenario's time target (× the ideal) where it is not {@link TARGETS}.rateLimitTimeRatio. */
  readonly timeTarget?: number;
  /** Human description of the setup, for the report. */
  readonly setup: string;
  /**
   * Quick mode: a smoke run whose scale (a cold first flight of 20 into a bucket of 4, a 2 s
   * ideal) alone exceeds the time and requests-per-call targets; only "every call succeeds" is judged.
   */
  readonly smoke?: boolean;
}

/** Sizes per mode. The full rate-limit sizes are the reference numbers. */
export interface Sizes {
  readonly rateCalls: number;
  readonly rateConcurrency: number;
  readonly perSecond: number;
  readonly burst: number;
  readonly flakyCalls: number;
  readonly flakyConcurrency: number;
  readonly flakyRate: number;
  readonly outageCalls: number;
  readonly outageConcurrency: number;
  readonly outageMs: number;
  /** Simulated vendor latency per answer, in ms. */
  readonly latencyMs: number;
  readonly capMs: number;
}

export const SIZES: Readonly<Record<Mode, Sizes>> = {
  full: {
    rateCalls: 300,
    rateConcurrency: 50,
    perSecond: 100,
    burst: 10,
    flakyCalls: 300,
    flakyConcurrency: 50,
    flakyRate: 0.2,
    outageCalls: 200,
    outageConcurrency: 40,
    outageMs: 3000,
    latencyMs: 5,
    capMs: 25_000,
  },
  quick: {
    rateCalls: 80,
    rateConcurrency: 20,
    perSecond: 40,
    burst: 4,
    flakyCalls: 80,
    flakyConcurrency: 20,
    flakyRate: 0.2,
    outageCalls: 60,
    outageConcurrency: 30,
    outageMs: 1000,
    latencyMs: 5,
    capMs: 8000,
  },
};

/** Targets (issue #7). The report shows them next to each figure; nothing asserts them. */
export const TARGETS = Object.freeze({
  rateLimitTimeRatio: 1.1,
  rateLimitAmplification: 1.15,
  outageSuccessRate: 0.99,
  outageAmplification: 1.25,
  overhead: 0.03,
  classifyNs: 1000,
  /** Issue #12: under whole-second Retry-After, ≤ 1.75 × the ideal (≈ 1.07 × the two-pause floor at 100/s). */
  retryAfterTimeRatio: 1.75,
});

const upyunPath = (i: number) => `/bench-bucket/photos/${i}.jpg`;
const neteasePath = (_i: number) => '/api/v1/apps';

/** The scenarios of a mode, in report order. */
export function buildScenarios(mode: Mode): ScenarioDef[] {
  const s = SIZES[mode];
  const L = s.latencyMs;
  const rateIdeal = ((s.rateCalls - s.burst) / s.perSecond) * 1000 + L;
  const rateFormula = `(N − B) / R + L = (${s.rateCalls} − ${s.burst}) / ${s.perSecond} s + ${L} ms = ${(rateIdeal / 1000).toFixed(3)} s`;
  const bucket = `token bucket R = ${s.perSecond}/s, burst B = ${s.burst} (starts full)`;
  const rate = (
    id: string,
    title: string,
    vendor: 'upyun' | 'netease',
    rateLimit: NonNullable<VendorScenario['rateLimit']>,
    answer: string,
  ): ScenarioDef => ({
    id,
    title,
    kind: 'rate-limit',
    vendor,
    path: vendor === 'upyun' ? upyunPath : neteasePath,
    scenario: { rateLimit, latencyMs: L },
    calls: s.rateCalls,
    concurrency: s.rateConcurrency,
    capMs: s.capMs,
    idealMs: rateIdeal,
    idealFormula: rateFormula,
    setup: `${s.rateCalls} GETs, ${s.rateConcurrency} in flight; ${bucket}; over-limit answer: ${answer}; latency L = ${L} ms`,
  });
  const outageIdeal = s.outageMs + Math.ceil(s.outageCalls / s.outageConcurrency) * L;
  // Honouring whole-second hints: the first refusal comes back after L with `Retry-After: 1`
  // (a few ms of wait rounded up, RFC 9110 §10.2.3 has whole seconds only), so nothing is sent
  // for a second; the bucket is full again after it (B at once), then R per second.
  const pause = 1000;
  const floorMs = L + pause + ((s.rateCalls - 2 * s.burst) / s.perSecond) * 1000 + L;
  const twoPausesMs = L + pause + L + pause + ((s.rateCalls - 3 * s.burst) / s.perSecond) * 1000 + L;
  const retryAfterFloor = {
    ms: floorMs,
    formula:
      `L + 1 s + (N − 2B) / R + L = ${L} ms + 1 s + (${s.rateCalls} − ${2 * s.burst}) / ${s.perSecond} s + ${L} ms = ` +
      `${(floorMs / 1000).toFixed(3)} s (${(floorMs / rateIdeal).toFixed(2)} × the ideal)`,
    why:
      `the cold burst of any client that does not know the limit empties the bucket and is answered \`Retry-After: 1\` after L; ` +
      'honouring it, nothing goes for a second, after which the bucket holds B again and the rest goes at R. ' +
      `So ${TARGETS.rateLimitTimeRatio} × the ideal is out of reach while the pause is honoured. That refusal says only that the burst was too big: ` +
      'a token bucket refuses nothing until it is empty, so its rate is found only by exceeding it, and with whole-second hints that costs a second pause: ' +
      `L + 1 s + L + 1 s + (N − 3B) / R + L = ${(twoPausesMs / 1000).toFixed(3)} s (${(twoPausesMs / rateIdeal).toFixed(2)} × the ideal) for a client that ` +
      'exceeds the rate at the first moment it may and then sends at exactly R',
  };
  const defs: ScenarioDef[] = [
    {
      ...rate(
        'upyun-429-retry-after',
        'UpYun 429 + Retry-After',
        'upyun',
        { perSecond: s.perSecond, burst: s.burst, retryAfter: 'seconds' },
        '429 `42900001` with `Retry-After: <seconds>` (rounded up to whole seconds)',
      ),
      floor: retryAfterFloor,
      timeTarget: TARGETS.retryAfterTimeRatio,
    },
    rate(
      'upyun-429-body-only',
      'UpYun 429, body code only',
      'upyun',
      { perSecond: s.perSecond, burst: s.burst, retryAfter: 'none' },
      '429 `{"code":42900001}`, no Retry-After',
    ),
    rate(
      'netease-403-ratelimit',
      'NetEase 403 4030001',
      'netease',
      { perSecond: s.perSecond, burst: s.burst },
      '**403** `{"code":4030001,"message":"Api freq out of limit."}`',
    ),
    rate(
      'netease-400-busy',
      'NetEase 400 4000199 "busy"',
      'netease',
      { perSecond: s.perSecond, burst: s.burst, as: 4000199 },
      '**400** `{"code":4000199,"message":"System busy, please try again later."}`',
    ),
    {
      id: 'upyun-flaky-503',
      title: `UpYun ${Math.round(s.flakyRate * 100)}% random 503`,
      kind: 'flaky',
      vendor: 'upyun',
      path: upyunPath,
      scenario: { flaky: { rate: s.flakyRate }, latencyMs: L },
      calls: s.flakyCalls,
      concurrency: s.flakyConcurrency,
      capMs: s.capMs,
      idealMs: undefined,
      idealFormula: 'none (no rate limit: time is whatever the backoff costs)',
      setup: `${s.flakyCalls} GETs, ${s.flakyConcurrency} in flight; each request fails with 503 \`50300000\` with probability ${s.flakyRate} (seeded); latency L = ${L} ms`,
    },
    {
      id: 'upyun-outage',
      title: `UpYun ${s.outageMs / 1000} s outage, then recovery`,
      kind: 'outage',
      vendor: 'upyun',
      path: upyunPath,
      scenario: { outage: { afterMs: 0, durationMs: s.outageMs }, latencyMs: L },
      calls: s.outageCalls,
      concurrency: s.outageConcurrency,
      capMs: s.capMs,
      idealMs: outageIdeal,
      idealFormula: `D + ⌈N / C⌉ · L = ${s.outageMs} ms + ${Math.ceil(s.outageCalls / s.outageConcurrency)} · ${L} ms = ${(outageIdeal / 1000).toFixed(3)} s`,
      setup: `${s.outageCalls} GETs, ${s.outageConcurrency} in flight; every request fails with 503 \`50300000\` for the first D = ${s.outageMs} ms, then all succeed; latency L = ${L} ms`,
    },
  ];
  return mode === 'quick' ? defs.map((d) => ({ ...d, smoke: true })) : defs;
}
