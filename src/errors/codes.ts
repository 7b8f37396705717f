import type { ErrorKind } from './kinds.js';

/**
 * A vendor's codes by kind: for each kind, the union of the codes its catalog gives that kind.
 * The built-in adapters' maps are generated from their catalogs (`adapters/<vendor>/codes.ts`,
 * `npm run codes`); a kind no row has is left out, so its errors carry no code.
 *
 * @example
 * type AcmeCodes = { readonly 'rate-limited': 7001; readonly unavailable: 7002 };
 * const acme = defineAdapter<AcmeCodes>({ name: 'acme', catalog, parse });
 */
export type CodeMap = { readonly [K in ErrorKind]?: number | string };

/**
 * The `code` type of an error of kind `K` from an adapter with codes `M`: the catalog's codes for
 * that kind, or any string (a code is kept as sent, and `"42900002"`, `" 42900002 "` and
 * `"042900002"` all find the row 42900002). A kind the catalog never gives has no code at all;
 * `unknown` (a code the catalog does not know) has any code.
 */
export type CodeOf<M extends CodeMap, K extends ErrorKind> = K extends 'unknown'
  ? number | string
  : [Extract<M[K & keyof M], number | string>] extends [never]
    ? never
    : Extract<M[K & keyof M], number | string> extends number
      ? Extract<M[K & keyof M], number | string> | string
      : Extract<M[K & keyof M], number | string>;
