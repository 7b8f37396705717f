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
