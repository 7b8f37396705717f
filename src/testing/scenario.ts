/** What a scenario can ask of a simulated vendor: the user-facing shapes, validated by ./validate.ts. */

/**
 * Which standard rate-limit headers every answer carries while a bucket is set: the IETF httpapi
 * draft's `RateLimit` + `RateLimit-Policy` (`'ietf'`), its earlier `RateLimit-Limit` /
 * `-Remaining` / `-Reset` fields (`'ietf-fields'`), `X-RateLimit-*` with the reset as epoch
 * seconds, as GitHub sends it (`'x-ratelimit'`), or none.
 */
export type RateLimitHeaderStyle = 'ietf' | 'ietf-fields' | 'x-ratelimit' | 'none';

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
   * Standard rate-limit headers on every answer (successes too): requests left in the bucket
   * and the time until it is full again, or, with none left, until the next token. None of the
   * five vendors sends them; proxies in front of them and custom APIs do.
   * @default 'none'
   */
  readonly headers?: RateLimitHeaderStyle;
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
