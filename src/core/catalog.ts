import { type ErrorKind, isErrorKind, type RetryClass } from '../errors/kinds.js';
import { codeKey } from './wire.js';

/** One row of a vendor's error table, with our reading of what it means. */
export interface CatalogEntry {
  /** The code as the vendor documents it. */
  readonly code: number | string;
  /** The HTTP status the vendor documents for it, if any. */
  readonly status: number | undefined;
  readonly kind: ErrorKind;
  readonly retry: RetryClass;
  /** Constant name (`APP_NAME_DUPLICATED`), or one derived from the English title. */
  readonly name: string;
  /** English message: error messages quote it. */
  readonly message: string;
  /**
   * Rows that are not failures: `success` (a "no error" row) or `progress` (an in-progress
   * notice). A body with such a code and a 2xx status (or none) is not an error.
   */
  readonly outcome: 'success' | 'progress' | undefined;
}

/**
 * The compact form catalogs are written in: `[code, status (0 = none), kind, retry, name
 * ('' = derive from message), message, extra?]`. Arrays keep each adapter's data small in
 * bundles; {@link defineCatalog} turns them into entries. Only what the runtime reads belongs
 * here: the built-in adapters keep their Chinese messages and notes in `docs.ts` beside the
 * catalog, for the CLI.
 */
export type CatalogRow = readonly [
  code: number | string,
  status: number,
  kind: ErrorKind,
  retry: RetryClass,
  name: string,
  message: string,
  extra?: { readonly outcome?: 'success' | 'progress' },
];

/** A vendor's error table, indexed by code. Duplicated codes keep every meaning. */
export interface Catalog {
  /** Every row, in table order. */
  readonly entries: readonly CatalogEntry[];
  /** All rows for a code (two or more where the vendor reused a number). `"10001"` finds `10001`. */
  lookup(code: number | string): readonly CatalogEntry[];
}

/** `file or directory not found` → `FILE_OR_DIRECTORY_NOT_FOUND`. */
export function constantName(message: string): string {
  return (
    message
      .normalize('NFKD')
      .replace(/[^A-Za-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .toUpperCase()
      .slice(0, 64) || 'UNNAMED'
  );
}

function expand(row: CatalogRow | CatalogEntry): CatalogEntry {
  if (!Array.isArray(row)) return Object.freeze({ ...(row as CatalogEntry) });
  const [code, status, kind, retry, name, message, extra] = row as CatalogRow;
  if (!isErrorKind(kind)) throw new TypeError(`defineCatalog: code ${code} has unknown kind "${kind}"`);
  if (retry !== 'never' && retry !== 'idempotent' && retry !== 'safe') {
    throw new TypeError(`defineCatalog: code ${code} has unknown retry class "${retry}"`);
  }
  // Rows once had a Chinese message and then `{ outcome, note }` here: refuse one rather than
  // silently lose its outcome (a success row read as a failure).
  if (row.length > 7 || (extra !== undefined && (typeof extra !== 'object' || extra === null))) {
    throw new TypeError(`defineCatalog: code ${code}: a row is [code, status, kind, retry, name, message, { outcome }?]`);
  }
  return Object.freeze({
    code,
    status: status || undefined,
    kind,
    retry,
    name: name || constantName(message),
    message,
    outcome: extra?.outcome,
  });
}

/**
 * Builds a catalog from rows. Used by every built-in adapter and by custom ones.
 *
 * @example
 * const catalog = defineCatalog([
 *   [1001, 400, 'invalid-request', 'never', 'BAD_PARAM', 'A parameter is invalid'],
 *   [1002, 429, 'rate-limited', 'safe', '', 'Too many requests'],
 * ]);
 * catalog.lookup('1002')[0].name; // 'TOO_MANY_REQUESTS'
 */
export function defineCatalog(rows: readonly (CatalogRow | CatalogEntry)[]): Catalog {
  const entries = Object.freeze(rows.map(expand));
  const index = new Map<string, CatalogEntry[]>();
  for (const entry of entries) {
    const key = codeKey(entry.code);
    const list = index.get(key);
    if (list) list.push(entry);
    else index.set(key, [entry]);
  }
  for (const list of index.values()) Object.freeze(list);
  const none: readonly CatalogEntry[] = Object.freeze([]);
  return Object.freeze({
    entries,
    lookup(code: number | string): readonly CatalogEntry[] {
      if (typeof code !== 'number' && typeof code !== 'string') return none;
      try {
        return index.get(codeKey(code)) ?? none;
      } catch {
        return none;
      }
    },
  });
}
