import type { Catalog, CatalogEntry } from './catalog.js';
import { codeKey } from './wire.js';

/** What a vendor's table says about one row that only people read. */
export interface RowDocs {
  /** The row's English message (the vendor's, or our translation where its table is Chinese). */
  readonly message?: string;
  /** The vendor's Chinese message, where its table has one. */
  readonly messageZh?: string;
  /** Why our reading of the row differs from the table, with the source. */
  readonly note?: string;
}

/**
 * The documentation side of a catalog, kept apart from it so that bundles do not ship text the
 * runtime never reads (`normalize()` builds messages from the code's name and the vendor's own
 * message). Keyed by code; a
 * code the vendor reused for several rows has one {@link RowDocs} per row, in table order.
 */
export type CatalogDocs = Readonly<Record<string, RowDocs | readonly RowDocs[]>>;

/** The docs of one catalog row, if any. */
export function rowDocs(docs: CatalogDocs | undefined, catalog: Catalog, entry: CatalogEntry): RowDocs | undefined {
  const key = codeKey(entry.code);
  if (!docs || !Object.hasOwn(docs, key)) return undefined;
  const found = docs[key];
  if (!Array.isArray(found)) return found as RowDocs;
  return (found as readonly RowDocs[])[catalog.lookup(entry.code).indexOf(entry)];
}

/** A row's English message: its docs' (the built-in catalogs keep it there), else the row's own. */
export function englishOf(docs: CatalogDocs | undefined, catalog: Catalog, entry: CatalogEntry): string | undefined {
  return rowDocs(docs, catalog, entry)?.message ?? entry.message;
}
