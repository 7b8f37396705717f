/**
 * What NetEase CloudComb's table says that only people read: our notes on rows we read differently
 * from the table, by code. The CLI (`npx vendor-errors explain|list`) and the catalog tests read
 * it; `normalize()` never does, so no user bundle carries it (scripts/size.mjs checks). The rest
 * of each row is in catalog.ts.
 */
import type { CatalogDocs } from '../../src/core/catalog-docs.js';

export const neteaseDocs: CatalogDocs = {
  4000111: { note: 'No detail in the table; read as the 400 it is sent with.' },
  4000126: { note: 'Typo in the table: "lengh" (length).' },
  4000133: { note: 'Typo in the table: "volue" (volume).' },
  4000459: { note: 'Typo in the table: "Namspace" (namespace).' },
  4000471: { note: 'Typo in the table: "inisufficient" (insufficient).' },
  4000511: { note: 'No detail in the table; read as the 400 it is sent with.' },
  4030140: { note: 'Typo in the table: "Favoriate" (favorite).' },
  4030147: { note: 'Freezing (reserving) the fee failed: read as a billing refusal.' },
  4030462: { note: 'Transient state: wait until the load balancer is created, then send again.' },
  5000303: { note: "The vendor's address pool is empty (compare 4030003, the user's IP quota)." },
};
