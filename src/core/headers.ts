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
    const map = new Map<string, string>();
    const entries: Iterable<readonly [unknown, unknown]> =
      Symbol.iterator in headers
        ? (headers as Iterable<readonly [unknown, unknown]>)
        : Object.entries(headers as Record<string, unknown>);
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
  now: number = Date.now(),
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
  if (!Number.isFinite(at) || !Number.isFinite(now)) return undefined;
  return { ms: Math.min(Math.max(0, at - now), MAX_HINT_MS), source: 'retry-after' };
}
