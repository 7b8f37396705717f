/**
 * Baidu PCS simulator half: the inverse of `./parse.ts`. See test/fixtures/vendor-docs/README.md
 * § Baidu PCS. Not imported by `./index.ts`: only `vendor-errors/testing` loads it.
 */
import type { CatalogEntry } from '../../src/core/catalog.js';
import { englishOf } from '../../src/core/catalog-docs.js';
import { KIND_FACTS } from '../../src/errors/kinds.js';
import { codeKey } from '../../src/core/wire.js';
import type { RespondContext, SimulatedResponse } from '../responders.js';
import { baiduPcsCatalog } from './catalog.js';
import { baiduPcsDocs } from './docs.js';

/** The row's English message (docs.ts): what the vendor's body says. */
const english = (entry: CatalogEntry | undefined) => (entry ? englishOf(baiduPcsDocs, baiduPcsCatalog, entry) : undefined);

export const transport = 'http';
/** README: "Rate limits arrive as **403**: `31219` request exceed limit". */
export const rateLimitCode = 31219;
/** `31212` service unavailable (503), one of the transient rows of the 503 family. */
export const unavailableCode = 31212;

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

/**
 * Real request ids exceed 2^53 (README: `2939656146461714799`). Nineteen digits always do;
 * they are written as raw digits, so `JSON.parse` rounds them exactly as it does on the wire.
 */
function requestId(random: () => number): string {
  let s = String(1 + Math.floor(random() * 9));
  for (let i = 1; i < 19; i++) s += String(Math.floor(random() * 10));
  return s;
}

/**
 * `{"error_code", "error_msg", "request_id"}` at the documented status, or under HTTP 200
 * when `ctx.in200` (README: "Errors sometimes arrive with HTTP **200**").
 */
export function respond(entry: CatalogEntry | undefined, ctx: RespondContext): SimulatedResponse {
  const rid = requestId(ctx.random);
  const code = entry?.code ?? ctx.code;
  if (entry?.outcome) {
    return {
      status: 200,
      headers: JSON_HEADERS,
      body: `{"error_code":0,"error_msg":${JSON.stringify(english(entry) ?? '')},"request_id":${rid}}`,
    };
  }
  // README: the table says 31066 is 403, "real servers answer 404"; the simulator plays the server.
  // A row with no documented status (111, outside the table) gets its kind's.
  let status: number;
  if (code !== undefined && codeKey(code) === '31066') status = 404;
  else if (entry) status = entry.status ?? (KIND_FACTS[entry.kind].status || 400);
  else status = ctx.status ?? 400;
  if (code === undefined) return { status, headers: {}, body: '' };
  if (ctx.in200) status = 200;
  const digits = codeKey(code);
  const literal = /^\d+$/.test(digits) ? digits : JSON.stringify(String(code));
  const msg = JSON.stringify(english(entry) ?? 'unknown error');
  return { status, headers: JSON_HEADERS, body: `{"error_code":${literal},"error_msg":${msg},"request_id":${rid}}` };
}

/** A file list; PCS puts the request id in success bodies too. */
export function success(ctx: RespondContext): SimulatedResponse {
  return { status: 200, headers: JSON_HEADERS, body: `{"list":[],"request_id":${requestId(ctx.random)}}` };
}
