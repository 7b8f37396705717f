import { ERROR_KINDS, type ErrorKind, isErrorKind, KIND_FACTS, type RetryClass } from '../errors/kinds.js';
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
  /**
   * English message, where the rows carry one (a custom catalog's): error messages quote it.
   * The built-in catalogs keep theirs in `adapters/<vendor>/docs.ts` with the Chinese ones, for
   * the CLI; their errors' messages are built from the code's name and the vendor's own message.
   */
  readonly message: string | undefined;
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
 * Builds a catalog from rows. Used by custom adapters (the built-in ones use `compactCatalog`, the compact row encoding in `src/core/catalog.ts`).
 *
 * @example
 * const catalog = defineCatalog([
 *   [1001, 400, 'invalid-request', 'never', 'BAD_PARAM', 'A parameter is invalid'],
 *   [1002, 429, 'rate-limited', 'safe', '', 'Too many requests'],
 * ]);
 * catalog.lookup('1002')[0].name; // 'TOO_MANY_REQUESTS'
 */
export function defineCatalog(rows: readonly (CatalogRow | CatalogEntry)[]): Catalog {
  return indexCatalog(Object.freeze(rows.map(expand)));
}

/**
 * The letters of {@link compactCatalog}'s kind column, in `ERROR_KINDS` order: invalid-request,
 * unauthenticated (`a`), permission-denied, not-found, conflict, precondition-failed (`f`),
 * payload-too-large (`l`), quota-exceeded, rate-limited, unavailable, timeout, internal (`e`),
 * not-implemented (`m`), network (`w`), unknown (`k`).
 */
const KIND_LETTERS = 'iapncflqrutemwk';
const RETRY_LETTERS: Readonly<Record<string, RetryClass>> = { n: 'never', i: 'idempotent', s: 'safe' };

/**
 * @internal The built-in catalogs' encoding, one line per row: `code|status|kind|NAME|outcome`.
 * An empty code is the previous code + 1; an empty status or kind repeats the previous row's
 * (status `0`: none documented). The kind is a letter of {@link KIND_LETTERS}, then the retry
 * class's (`n`ever, `i`dempotent, `s`afe) when it is not the kind's default; the outcome is `s`
 * (success) or `p` (progress). Half the gzipped bytes of {@link CatalogRow}s (issue #14: UpYun's
 * 167 rows 2325 → ~1500 B); the English messages are in `docs.ts`, for the CLI.
 */
export function compactCatalog(table: string): Catalog {
  let code = 0;
  let status = 0;
  let kr = '';
  const entries = table
    .split('\n')
    .filter(Boolean)
    .map((row): CatalogEntry => {
      const [c, s, k, name, o] = row.split('|') as [string, string, string, string, string | undefined];
      code = c ? Number(c) : code + 1;
      if (s) status = Number(s);
      if (k) kr = k;
      const kind = ERROR_KINDS[KIND_LETTERS.indexOf(kr[0] as string)];
      if (!kind || !name || Number.isNaN(code)) throw new TypeError(`compactCatalog: bad row "${row}"`);
      return Object.freeze({
        code,
        status: status || undefined,
        kind,
        retry: RETRY_LETTERS[kr[1] as string] ?? KIND_FACTS[kind].retry,
        name,
        message: undefined,
        outcome: o === 's' ? 'success' : o === 'p' ? 'progress' : undefined,
      });
    });
  return indexCatalog(Object.freeze(entries));
}

function indexCatalog(entries: readonly CatalogEntry[]): Catalog {
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
