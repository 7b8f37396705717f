/**
 * What UpYun's table says that only people read: our notes on rows we read differently from the
 * table, by code. The CLI (`npx vendor-errors explain|list`) and the catalog tests read it;
 * `normalize()` never does, so no user bundle carries it (scripts/size.mjs checks). The rest of
 * each row is in catalog.ts.
 */
import type { CatalogDocs } from '../../src/core/catalog-docs.js';

export const upyunDocs: CatalogDocs = {
  40011055: { note: 'The table repeats "invalid": invalid multipart stage.' },
  40011056: { note: 'The table repeats "invalid": invalid x-upyun-multi-uuid.' },
  40011058: { note: 'The multipart upload session is unknown or expired; start a new upload.' },
  40000011: { note: 'Send a Content-Length body instead of chunked transfer encoding.' },
  40000012: { note: 'Documented as 400; the message describes a server-side write failure.' },
  40100002: { note: 'The request Date differs too much from the server clock; fix the clock, the same request fails again.' },
  40100012: { note: 'Documented as 401 although the bucket is simply missing.' },
  50300029: { note: 'Typo in the table: "unknow error" (unknown error).' },
};
