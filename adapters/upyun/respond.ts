/**
 * UpYun simulator half: the inverse of `./parse.ts`. See test/fixtures/vendor-docs/README.md § UpYun.
 * Not imported by `./index.ts`: only `vendor-errors/testing` loads it.
 */
import type { CatalogEntry } from '../../src/core/catalog.js';
import { englishOf } from '../../src/core/catalog-docs.js';
import { codeKey } from '../../src/core/wire.js';
import type { RespondContext, SimulatedResponse } from '../responders.js';
import { upyunCatalog } from './catalog.js';
import { upyunDocs } from './docs.js';
import { upyunStatusOfCode } from './parse.js';

/** The row's English message (docs.ts): what the vendor's body says. */
const english = (entry: CatalogEntry | undefined) => (entry ? englishOf(upyunDocs, upyunCatalog, entry) : undefined);

export const transport = 'http';
/** README: "429 with `42900001` (account) and `42900002` (same URI)". */
export const rateLimitCode = 42900001;
/** The 503 family's generic row ("unknown error" at 503). */
export const unavailableCode = 50300000;

/** UpYun request ids are 32 lower-case hex digits (README example `11e4a729d2…`). */
function requestId(random: () => number): string {
  let s = '';
  for (let i = 0; i < 32; i++) s += Math.floor(random() * 16).toString(16);
  return s;
}

function headers(id: string, json: boolean): Record<string, string> {
  // UpYun repeats the body's id in X-Request-Id (README § UpYun).
  return json ? { 'content-type': 'application/json', 'x-request-id': id } : { 'x-request-id': id };
}

/**
 * `{"msg", "code", "id"}` at the documented status; a code with no row gets the status its
 * first three digits name, as UpYun's codes do (the adapter's own `statusOfCode`).
 */
export function respond(entry: CatalogEntry | undefined, ctx: RespondContext): SimulatedResponse {
  const id = requestId(ctx.random);
  const code = entry?.code ?? ctx.code;
  if (entry?.outcome)
    return { status: 200, headers: headers(id, true), body: JSON.stringify({ msg: english(entry) ?? '', code: 0, id }) };
  const status = entry?.status ?? (code === undefined ? undefined : upyunStatusOfCode(code)) ?? ctx.status ?? 500;
  // Some edges answer a bare status with an empty body (README § UpYun).
  if (code === undefined) return { status, headers: headers(id, false), body: '' };
  const digits = codeKey(code);
  const literal = /^\d+$/.test(digits) ? digits : JSON.stringify(String(code));
  const msg = JSON.stringify(english(entry) ?? 'unknown error');
  return { status, headers: headers(id, true), body: `{"msg":${msg},"code":${literal},"id":${JSON.stringify(id)}}` };
}

/** A directory listing, the JSON form of UpYun's list API. */
export function success(ctx: RespondContext): SimulatedResponse {
  return { status: 200, headers: headers(requestId(ctx.random), true), body: '{"files":[]}' };
}
