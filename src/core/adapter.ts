import { type Catalog, type CatalogEntry, type CatalogRow, defineCatalog } from './catalog.js';
import type { CodeMap } from '../errors/codes.js';
import type { HeaderLookup } from './headers.js';

/** What a vendor parser is given: the response, already read safely and bounded. */
export interface ParseContext {
  /** HTTP status; `undefined` for WebSocket messages. */
  readonly status: number | undefined;
  /** The body as parsed JSON, or the object the caller passed; `undefined` when not JSON. */
  readonly json: unknown;
  /** The raw body text (bounded), when the caller passed text or bytes. */
  readonly text: string | undefined;
  readonly header: HeaderLookup;
}

/** What a vendor parser found in a response. */
export interface WireError {
  /** The vendor's code as sent. */
  readonly code?: number | string;
  /** The vendor's own message. */
  readonly message?: string;
  /** The request id from the body, as exact digits. */
  readonly requestId?: string;
  /**
   * `true`: the body says this is a failure even under a 2xx (Baidu PCS, MFP).
   * `false`: the body says success (Baidu's `error_code: 0`). Absent: the status decides.
   */
  readonly failed?: boolean;
}

/** The key of {@link Adapter}'s type-only `Codes` slot: declared, never created. */
declare const CODES: unique symbol;

/**
 * A vendor: its catalog plus the parser for its wire shapes. `Codes` types the `code` of the
 * errors `normalize` makes with it, kind by kind (generated for the built-in adapters).
 */
export interface Adapter<Codes extends CodeMap = CodeMap> {
  /** @internal Type-only: carries `Codes` to `normalize`; never set at run time. */
  readonly [CODES]?: Codes;
  /** Stable id used in errors and the CLI, e.g. `baidu-pcs`. */
  readonly name: string;
  /** Human name used in messages, e.g. `Baidu PCS`. */
  readonly displayName: string;
  readonly catalog: Catalog;
  /** Response headers that carry the request id, in order of preference. */
  readonly requestIdHeaders: readonly string[];
  /** Reads a response; `undefined` when it carries nothing recognisable. Must not throw. */
  parse(ctx: ParseContext): WireError | undefined;
  /**
   * `true` when the vendor reports some failures inside 2xx bodies (Baidu PCS). Integrations
   * then read bounded JSON success bodies to look for them; otherwise 2xx bodies are left alone.
   */
  readonly errorsInSuccess?: boolean;
  /** The HTTP status a code implies when the catalog does not know it (UpYun: first 3 digits). */
  statusOfCode?(code: number | string): number | undefined;
  /** Picks among several rows that share a code; default: the one whose status matches. */
  choose?(entries: readonly CatalogEntry[], ctx: ParseContext): CatalogEntry | undefined;
}

/** The code map an adapter was defined with (each member of a union of adapters, its own). */
export type CodesOf<A> = A extends Adapter<infer Codes> ? Codes : CodeMap;

/** What {@link defineAdapter} takes: an adapter whose catalog may still be rows. */
export interface AdapterDefinition extends Omit<Adapter, 'catalog' | 'displayName' | 'requestIdHeaders'> {
  readonly catalog: Catalog | readonly (CatalogRow | CatalogEntry)[];
  readonly displayName?: string;
  /** @default ['x-request-id'] */
  readonly requestIdHeaders?: readonly string[];
}

/**
 * Defines an adapter for a vendor this package does not ship: a catalog and a parser.
 *
 * @example
 * import { defineAdapter, field, asCode, asText } from 'vendor-errors';
 * export const acme = defineAdapter({
 *   name: 'acme',
 *   catalog: [[7001, 429, 'rate-limited', 'safe', 'SLOW_DOWN', 'Too many requests']],
 *   parse: ({ json }) => ({ code: asCode(field(json, 'errno')), message: asText(field(json, 'errmsg')) }),
 * });
 */
export function defineAdapter<Codes extends CodeMap = CodeMap>(definition: AdapterDefinition): Adapter<Codes> {
  if (typeof definition !== 'object' || definition === null) throw new TypeError('defineAdapter: definition must be an object');
  if (typeof definition.name !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(definition.name)) {
    throw new TypeError('defineAdapter: `name` must be lower-case letters, digits and dashes');
  }
  if (typeof definition.parse !== 'function') throw new TypeError('defineAdapter: `parse` must be a function');
  const catalog = Array.isArray(definition.catalog)
    ? defineCatalog(definition.catalog as readonly (CatalogRow | CatalogEntry)[])
    : (definition.catalog as Catalog);
  if (!catalog || typeof catalog.lookup !== 'function') throw new TypeError('defineAdapter: `catalog` must be rows or a Catalog');
  return Object.freeze({
    ...definition,
    displayName: definition.displayName ?? definition.name,
    requestIdHeaders: Object.freeze([...(definition.requestIdHeaders ?? ['x-request-id'])]),
    catalog,
  }) as Adapter<Codes>;
}

/**
 * @internal The built-in adapters' constructor: what {@link defineAdapter} makes of a definition
 * whose catalog is built, without its checks (test/core/compact-catalog.test.ts runs them on
 * every built-in adapter), so that neither they nor `defineCatalog` are in an adapter's bundle.
 */
export function builtInAdapter<Codes extends CodeMap>(
  definition: AdapterDefinition & { readonly catalog: Catalog },
): Adapter<Codes> {
  return Object.freeze({
    ...definition,
    displayName: definition.displayName ?? definition.name,
    requestIdHeaders: Object.freeze([...(definition.requestIdHeaders ?? ['x-request-id'])]),
  }) as Adapter<Codes>;
}
