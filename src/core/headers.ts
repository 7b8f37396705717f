/** Anything a client hands us as response headers. */
export type HeadersInput =
  | { get(name: string): unknown }
  | Readonly<Record<string, unknown>>
  | Iterable<readonly [string, string]>
  | null
  | undefined;

/** Reads one header, case-insensitively; the first value when it was sent twice. */
export type HeaderLookup = (name: string) => string | undefined;

// A header map bigger than this is hostile or broken; the rest is ignored, not scanned.
const MAX_HEADERS = 512;
const MAX_HEADER_VALUE = 8192;

function firstValue(value: unknown): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (typeof v === 'string') return v.slice(0, MAX_HEADER_VALUE);
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/**
 * Builds a lookup over `Headers`, axios' `AxiosHeaders`, Node's `IncomingHttpHeaders`, a plain
 * object in any key casing, or `[name, value]` pairs. Never throws: hostile getters read as absent.
 */
export function headerLookup(headers: HeadersInput): HeaderLookup {
  try {
    if (headers == null || typeof headers !== 'object') return () => undefined;
    if (typeof (headers as { get?: unknown }).get === 'function' && !(headers instanceof Map)) {
      const h = headers as { get(name: string): unknown };
      return (name) => {
        try {
          const v = h.get(name);
          // fetch's Headers joins duplicates with ", "; the first value is the one that counts.
          const s = firstValue(v);
          return s === undefined ? undefined : s;
        } catch {
          return undefined;
        }
      };
    }
    if (!(Symbol.iterator in headers)) {
      // A plain object (Node's IncomingHttpHeaders, a test's literal): scanned per lookup, which
      // for the two or three names classify() asks costs less than building a map.
      const obj = headers as Record<string, unknown>;
      const keys = Object.keys(obj);
      const count = Math.min(keys.length, MAX_HEADERS);
      return (name) => {
        try {
          const wanted = name.toLowerCase();
          for (let i = 0; i < count; i++) {
            const key = keys[i] as string;
            if (key.length !== wanted.length || key.toLowerCase() !== wanted) continue;
            const v = firstValue(obj[key]);
            if (v !== undefined) return v;
          }
        } catch {
          // A throwing getter: absent.
        }
        return undefined;
      };
    }
    const map = new Map<string, string>();
    const entries = headers as Iterable<readonly [unknown, unknown]>;
    let n = 0;
    for (const pair of entries) {
      if (++n > MAX_HEADERS) break;
      if (!Array.isArray(pair) || typeof pair[0] !== 'string') continue;
      const key = pair[0].toLowerCase();
      const v = firstValue(pair[1]);
      if (v !== undefined && !map.has(key)) map.set(key, v);
    }
    return (name) => map.get(name.toLowerCase());
  } catch {
    return () => undefined;
  }
}

/** The longest wait any hint may express: beyond this it is garbage, not advice. */
const MAX_HINT_MS = 2 ** 31 - 1;

/**
 * Reads the server's wait hint. `retry-after-ms` (milliseconds, as sent by several AI and
 * cloud APIs) wins over `Retry-After`, which is either delta-seconds or an HTTP-date
 * (RFC 9110 §10.2.3). Negative, non-numeric or unparsable values give `undefined`; a date in
 * the past gives 0.
 *
 * @example
 * parseRetryAfter(headerLookup({ 'retry-after': '2' })) // { ms: 2000, source: 'retry-after' }
 */
export function parseRetryAfter(
  header: HeaderLookup,
  now: number | (() => number) = Date.now,
): { ms: number; source: 'retry-after' | 'retry-after-ms' } | undefined {
  const msValue = header('retry-after-ms')?.trim();
  if (msValue && /^\d+(\.\d+)?$/.test(msValue)) {
    const ms = Number(msValue);
    if (Number.isFinite(ms)) return { ms: Math.min(Math.ceil(ms), MAX_HINT_MS), source: 'retry-after-ms' };
  }
  let value = header('retry-after')?.trim();
  if (!value) return undefined;
  // fetch's Headers joins a repeated header with ", " ("2, 5"); the first value counts. An
  // HTTP-date has its own comma after the weekday, so only a leading number is split off.
  const joined = /^(\d+)\s*,/.exec(value);
  if (joined?.[1]) value = joined[1];
  if (/^\d+$/.test(value)) {
    const ms = Number(value) * 1000;
    return { ms: Number.isFinite(ms) ? Math.min(ms, MAX_HINT_MS) : MAX_HINT_MS, source: 'retry-after' };
  }
  // An HTTP-date has letters (a weekday or month); bare or signed numbers are not dates.
  if (!/[a-z]/i.test(value)) return undefined;
  const at = Date.parse(value);
  // The clock is read only here: classify() runs per failed attempt, and most carry no date.
  const t = typeof now === 'function' ? now() : now;
  if (!Number.isFinite(at) || !Number.isFinite(t)) return undefined;
  return { ms: Math.min(Math.max(0, at - t), MAX_HINT_MS), source: 'retry-after' };
}

/** What a response says about the caller's quota, from whichever rate-limit header family it sent. */
export interface RateLimitInfo {
  /** Requests left in the current window (the most restrictive policy's, when several are sent). */
  readonly remaining: number | undefined;
  /** Time until that quota resets, in ms (0 or more). */
  readonly resetMs: number | undefined;
  /**
   * Which headers said so: `ratelimit` (the IETF httpapi draft's `RateLimit` field),
   * `ratelimit-fields` (its earlier `RateLimit-Remaining` / `-Reset`), or `x-ratelimit`.
   */
  readonly source: 'ratelimit' | 'ratelimit-fields' | 'x-ratelimit';
}

/** A non-negative integer as a header sends it (RFC 9651 sf-integer has at most 15 digits). */
function count(value: string | undefined): number | undefined {
  const s = value?.trim();
  return s && /^\d{1,15}$/.test(s) ? Number(s) : undefined;
}

/** A `key=digits` parameter or dictionary member of a structured field, as a number. */
function param(text: string, key: string): number | undefined {
  const m = new RegExp(`(?:^|[;,\\s])${key}\\s*=\\s*(\\d{1,15})(?![\\w.])`, 'i').exec(text);
  return m ? Number(m[1]) : undefined;
}

function info(remaining: number | undefined, resetMs: number | undefined, source: RateLimitInfo['source']) {
  if (remaining === undefined && resetMs === undefined) return undefined;
  return { remaining, resetMs: resetMs === undefined ? undefined : Math.min(resetMs, MAX_HINT_MS), source };
}

/**
 * `RateLimit: "default";r=50;t=30, "daily";r=0;t=3600` (draft-ietf-httpapi-ratelimit-headers-08
 * on: one item per policy, r = remaining, t = seconds to reset; the policy with the fewest left,
 * then the longest reset, binds) or the draft-07 dictionary `limit=100, remaining=50, reset=30`.
 */
function fromRateLimitField(value: string): RateLimitInfo | undefined {
  const remaining = param(value, 'remaining');
  const reset = param(value, 'reset');
  if (remaining !== undefined || reset !== undefined)
    return info(remaining, reset === undefined ? undefined : reset * 1000, 'ratelimit');
  let best: RateLimitInfo | undefined;
  // Policies are list members: split on commas outside quoted names (RFC 9651 §3.1).
  for (const member of value.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/, 32)) {
    const r = param(member, 'r');
    const t = param(member, 't');
    const next = info(r, t === undefined ? undefined : t * 1000, 'ratelimit');
    const left = (x: RateLimitInfo | undefined) => x?.remaining ?? Number.POSITIVE_INFINITY;
    if (next && (!best || left(next) < left(best) || (left(next) === left(best) && (next.resetMs ?? 0) > (best.resetMs ?? 0))))
      best = next;
  }
  return best;
}

/** `X-RateLimit-Reset` is delta-seconds for some APIs, epoch seconds (GitHub) or ms for others: told apart by size. */
function resetFromX(value: string | undefined, now: number | (() => number)): number | undefined {
  const n = count(value);
  // Below 1e9 (2001-09-09 in epoch seconds) it can only be a delay.
  if (n === undefined || n < 1e9) return n === undefined ? undefined : n * 1000;
  const t = typeof now === 'function' ? now() : now;
  if (!Number.isFinite(t)) return undefined;
  return Math.max(0, n >= 1e12 ? n - t : n * 1000 - t);
}

/**
 * Reads the caller's quota from the standard rate-limit headers: the IETF httpapi draft's
 * `RateLimit`, its earlier `RateLimit-Remaining` / `RateLimit-Reset` fields, or the de facto
 * `X-RateLimit-Remaining` / `X-RateLimit-Reset` (delta-seconds, epoch seconds or epoch ms).
 * `undefined` when none is sent or none parses. None of the five built-in vendors documents
 * these; proxies in front of them and custom APIs send them.
 *
 * @example
 * parseRateLimit(headerLookup({ ratelimit: '"default";r=0;t=7' })) // { remaining: 0, resetMs: 7000, source: 'ratelimit' }
 */
export function parseRateLimit(header: HeaderLookup, now: number | (() => number) = Date.now): RateLimitInfo | undefined {
  const field = header('ratelimit');
  const reset = count(header('ratelimit-reset'));
  return (
    (field ? fromRateLimitField(field) : undefined) ??
    info(count(header('ratelimit-remaining')), reset === undefined ? undefined : reset * 1000, 'ratelimit-fields') ??
    info(count(header('x-ratelimit-remaining')), resetFromX(header('x-ratelimit-reset'), now), 'x-ratelimit')
  );
}

/**
 * The wait a failure announces: `retry-after-ms` or `Retry-After` first; for a rate-limited
 * answer without one, the rate-limit reset when no request is left (or the count is not sent).
 */
export function parseWaitHint(
  header: HeaderLookup,
  now: number | (() => number) | undefined,
  rateLimited: boolean,
): { ms: number; source: 'retry-after' | 'retry-after-ms' | 'ratelimit-reset' } | undefined {
  const hint = parseRetryAfter(header, now ?? Date.now);
  if (hint || !rateLimited) return hint;
  const quota = parseRateLimit(header, now ?? Date.now);
  if (quota?.resetMs === undefined || (quota.remaining !== undefined && quota.remaining > 0)) return undefined;
  return { ms: quota.resetMs, source: 'ratelimit-reset' };
}
