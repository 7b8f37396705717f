/**
 * Small, defensive readers that vendor parsers are built from. Bodies come from the network:
 * every reader here accepts anything and answers `undefined` rather than throwing.
 */

/** A plain object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  try {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    // Array.isArray throws on a revoked Proxy: such a body is unreadable, so it is absent.
    return false;
  }
}

/**
 * Reads the first present key, case-insensitively, from the object's own properties only
 * (never the prototype, so `__proto__`/`constructor` keys in a body are just data).
 * `field(body, 'code')` finds `code`, `Code` and `CODE`.
 */
export function field(obj: unknown, ...names: string[]): unknown {
  if (!isRecord(obj)) return undefined;
  try {
    for (const name of names) {
      if (Object.hasOwn(obj, name)) {
        const v = obj[name];
        if (v !== undefined && v !== null) return v;
      }
    }
    let scanned = 0;
    for (const key of Object.keys(obj)) {
      // Error bodies have a handful of keys; a huge object is not worth scanning in full.
      if (++scanned > 256) break;
      // Lengths first: lower-casing every key of every body was a third of classify()'s time.
      for (const name of names) {
        if (key.length !== name.length || key.toLowerCase() !== name.toLowerCase()) continue;
        const v = obj[key];
        if (v !== undefined && v !== null) return v;
        break;
      }
    }
  } catch {
    // A throwing getter or a revoked proxy: treat as absent.
  }
  return undefined;
}

/**
 * A vendor code as sent, or `undefined` when the value cannot be a code. Numbers must be
 * integers; strings are trimmed and kept as strings (`"10001"` stays a string: the caller
 * sees what was sent; catalogs look codes up by their digits).
 */
export function asCode(value: unknown): number | string | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined;
  if (typeof value === 'string') {
    const s = value.trim();
    return s !== '' && s.length <= 64 ? s : undefined;
  }
  if (typeof value === 'bigint') return value.toString();
  return undefined;
}

/** The lookup key of a code: `10001`, `"10001"` and `" 10001 "` are all `"10001"`. */
export function codeKey(code: number | string): string {
  // Safe integers (every catalog code) print canonically; the BigInt path is for digit strings.
  if (typeof code === 'number' && Number.isSafeInteger(code)) return String(code);
  const s = String(code).trim();
  return /^[+-]?\d+$/.test(s) ? String(BigInt(s)) : s.toUpperCase();
}

/** A code as a number, when it is all digits and safe. */
export function codeNumber(code: number | string | undefined): number | undefined {
  if (code === undefined) return undefined;
  if (typeof code === 'number') return Number.isSafeInteger(code) ? code : undefined;
  const key = codeKey(code);
  if (!/^-?\d+$/.test(key)) return undefined;
  const n = Number(key);
  return Number.isSafeInteger(n) ? n : undefined;
}

const MAX_MESSAGE = 1024;

/** A message-like value as bounded text: strings as they are, numbers printed, the rest absent. */
export function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.length > MAX_MESSAGE ? `${value.slice(0, MAX_MESSAGE)}…` : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** An id-like value as a string; numbers above 2^53 should be read with {@link rawIntegerField}. */
export function asId(value: unknown): string | undefined {
  if (typeof value === 'string') return value.slice(0, 256) || undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'bigint') return value.toString();
  return undefined;
}

/** A field name's readers, compiled once per name (a bounded cache: names are adapters' constants). */
interface FieldRegExps {
  /** Every `"key"` in the text (global: its `lastIndex` walks the text). */
  readonly key: RegExp;
  /** `"key": 123` or `"key": "123"`, searched for. */
  readonly value: RegExp;
  /** The same, only exactly at `lastIndex` (sticky). */
  readonly at: RegExp;
}
const FIELD_RES = new Map<string, FieldRegExps>();

function fieldRegExps(key: string): FieldRegExps {
  let res = FIELD_RES.get(key);
  if (res) return res;
  const name = `"${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`;
  const value = `${name}\\s*:\\s*"?(-?\\d{1,40})(?=\\s*"?\\s*[,}\\]])`;
  // Compiling them cost more than the rest of a Baidu PCS classification (profiled, issue #14).
  res = { key: new RegExp(name, 'gi'), value: new RegExp(value, 'i'), at: new RegExp(value, 'iy') };
  if (FIELD_RES.size < 64) FIELD_RES.set(key, res);
  return res;
}

/**
 * The exact digits of an integer field in raw JSON text. `JSON.parse` rounds integers above
 * 2^53 (Baidu PCS sends `"request_id": 2939656146461714799`), so ids are read from the text.
 */
export function rawIntegerField(text: string | undefined, key: string): string | undefined {
  if (!text) return undefined;
  return fieldRegExps(key).value.exec(text)?.[1];
}

/**
 * The exact digits of a numeric `key` that `JSON.parse` read as `value`. Integers above 2^53
 * are rounded by the parse, so the digits are re-read from the text; an occurrence is trusted
 * only when it rounds to the parsed `value`, so a same-named key nested elsewhere cannot win.
 */
export function exactIntegerField(text: string, key: string, value: number): string | undefined {
  const { key: keyAt, value: after, at } = fieldRegExps(key);
  // The common case, in one search: the first such integer is the one that was parsed.
  const first = after.exec(text)?.[1];
  if (first !== undefined && Number(first) === value) return first;
  keyAt.lastIndex = 0;
  for (let i = 0; i < 8; i++) {
    const m = keyAt.exec(text);
    if (!m) return undefined;
    // The first integer of this key from here on: at this occurrence, or else a later one.
    at.lastIndex = m.index;
    const raw = at.exec(text)?.[1] ?? after.exec(text.slice(m.index))?.[1];
    if (raw !== undefined && Number(raw) === value) return raw;
  }
  return undefined;
}

/**
 * The HTTP status a code implies when its first three digits are the status (UpYun `40499999`,
 * NetEase `4049999`, both vendors' older 5-digit codes), for codes of the given lengths.
 */
export function statusFromCodePrefix(code: number | string, lengths: readonly number[]): number | undefined {
  const n = codeNumber(code);
  if (n === undefined || n < 0) return undefined;
  const digits = String(n);
  if (!lengths.includes(digits.length)) return undefined;
  const status = Number(digits.slice(0, 3));
  return status >= 100 && status <= 599 ? status : undefined;
}

/**
 * `value[key]` for anything a client or caller can throw (an Error, a Proxy, a null-prototype
 * object): inherited getters included (Node sets `code` on prototypes), `undefined` instead of
 * a throw.
 */
export function prop(value: unknown, key: string): unknown {
  try {
    return (typeof value === 'object' || typeof value === 'function') && value !== null
      ? (value as Record<string, unknown>)[key]
      : undefined;
  } catch {
    return undefined;
  }
}
