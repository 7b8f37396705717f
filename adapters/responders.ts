/**
 * The simulator halves of the built-in adapters, by adapter name. Deliberately not imported by
 * `./index.ts`: only `vendor-errors/testing` loads the responders. A new vendor adds a line.
 * The responder types live here (not in src/testing) so that `<vendor>/respond.ts` depends on
 * nothing but the core and its own folder (ARCHITECTURE.md, Arrows).
 */
import type { CatalogEntry } from '../src/core/catalog.js';
import * as apiSwitch from './api-switch/respond.js';
import * as baiduPcs from './baidu-pcs/respond.js';
import * as mfp from './mfp/respond.js';
import * as netease from './netease/respond.js';
import * as upyun from './upyun/respond.js';

/**
 * One simulated answer: what a vendor would put on the wire. For a WebSocket vendor (MFP)
 * `status` is `undefined` and `body` is the text frame.
 */
export interface SimulatedResponse {
  /** HTTP status; `undefined` for a WebSocket message. */
  readonly status: number | undefined;
  /** Response headers, lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  /** The exact body text (Baidu request ids above 2^53 stay raw digits in it). */
  readonly body: string;
}

/** What a vendor responder is told about the request it answers. */
export interface RespondContext {
  /** Seeded random numbers in [0, 1): request ids are drawn from it, so runs replay. */
  readonly random: () => number;
  /** The simulator's clock, in ms since the epoch. */
  readonly now: number;
  /** HTTP method (MFP: the action name). */
  readonly method: string;
  /** Path under the vendor prefix, without the query (MFP: the action name). */
  readonly path: string;
  /** The code to send when `entry` is `undefined` (a code no catalog lists). */
  readonly code?: number | string;
  /** The status to use when `entry` is `undefined` and no code implies one. */
  readonly status?: number;
  /** Vendors with `errorsInSuccess` (Baidu PCS): send the error body under HTTP 200. */
  readonly in200?: boolean;
  /** WebSocket vendors: the id of the request message, echoed in the answer. */
  readonly id?: string | null;
  /**
   * The wire shape to answer in, one of the responder's {@link VendorResponder.dialects};
   * `undefined`: the first (the shape the vendor's current servers send).
   */
  readonly dialect?: string;
  /** WebSocket vendors: the request frame as received, for shapes that echo it back. */
  readonly frame?: string;
}

/** A vendor's simulator half (`adapters/<vendor>/respond.ts`): the inverse of its parser. */
export interface VendorResponder {
  /** The error answer for a catalog entry; with `entry` undefined, for `ctx.code` / `ctx.status`. */
  respond(entry: CatalogEntry | undefined, ctx: RespondContext): SimulatedResponse;
  /** The 2xx (or `retcode: 0`) answer. */
  success(ctx: RespondContext): SimulatedResponse;
  /** `http` vendors are served under `/<name>/...`; `websocket` ones at `/<name>/api/v1`. */
  readonly transport: 'http' | 'websocket';
  /** The code the vendor sends when a client is over its rate limit; `undefined`: none documented. */
  readonly rateLimitCode: number | string | undefined;
  /** The code used for "the vendor is down" (the `flaky` and `outage` scenarios). */
  readonly unavailableCode: number | string;
  /** WebSocket vendors: the code for a frame that is not a valid request. */
  readonly badRequestCode?: number | string;
  /**
   * The wire shapes this responder can answer in (a vendor whose protocol changed between
   * versions, e.g. MFP's daemon, v1, draft and JSON-RPC messages), the default first.
   * Absent: one shape only.
   */
  readonly dialects?: readonly string[];
}

export const responders: Readonly<Record<string, VendorResponder>> = Object.freeze({
  upyun,
  'baidu-pcs': baiduPcs,
  netease,
  'api-switch': apiSwitch,
  mfp,
} satisfies Record<string, VendorResponder>);
