/** What the core reads from a request: the path without its query, and a code forced on demand. */

/** `"42900001"` → 42900001; other text stays text; empty or absent → undefined. */
export function parseForcedCode(value: unknown): number | string | undefined {
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

export function queryParam(query: string | URLSearchParams | undefined, name: string): string | undefined {
  if (query === undefined) return undefined;
  try {
    const params = typeof query === 'string' ? new URLSearchParams(query.startsWith('?') ? query.slice(1) : query) : query;
    return params.get(name) ?? undefined;
  } catch {
    return undefined;
  }
}

export function pathOnly(path: string | undefined): string {
  if (typeof path !== 'string' || path === '') return '/';
  const q = path.indexOf('?');
  const p = q === -1 ? path : path.slice(0, q);
  return p.startsWith('/') ? p : `/${p}`;
}
