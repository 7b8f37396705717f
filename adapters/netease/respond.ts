/**
 * NetEase CloudComb simulator half: the inverse of `./parse.ts`. See
 * test/fixtures/vendor-docs/README.md § NetEase CloudComb. Not imported by `./index.ts`.
 */
import type { CatalogEntry } from '../../src/core/catalog.js';
import { englishOf } from '../../src/core/catalog-docs.js';
import { codeKey } from '../../src/core/wire.js';
import type { RespondContext, SimulatedResponse } from '../responders.js';
import { neteaseCatalog } from './catalog.js';
import { neteaseDocs } from './docs.js';
import { neteaseStatusOfCode } from './parse.js';

/** The row's English message (docs.ts): what the vendor's body says. */
const english = (entry: CatalogEntry | undefined) => (entry ? englishOf(neteaseDocs, neteaseCatalog, entry) : undefined);

export const transport = 'http';
/** README: "`4030001` "Api freq out of limit." (a rate limit) is 403". */
export const rateLimitCode = 4030001;
/** NetEase documents no 503 row; `5000007` "Nce internal server error" is its generic server failure. */
export const unavailableCode = 5000007;

const JSON_HEADERS = { 'content-type': 'application/json' };

/**
 * `{"code", "message"}` at the status named by the code's first three digits (README: "the
 * 7-digit code is the HTTP status followed by four digits"; old 5-digit codes alike).
 */
export function respond(entry: CatalogEntry | undefined, ctx: RespondContext): SimulatedResponse {
  const code = entry?.code ?? ctx.code;
  if (entry?.outcome)
    return { status: 200, headers: JSON_HEADERS, body: JSON.stringify({ code: 200, message: english(entry) ?? '' }) };
  const status = (code === undefined ? undefined : neteaseStatusOfCode(code)) ?? entry?.status ?? ctx.status ?? 500;
  if (code === undefined) return { status, headers: {}, body: '' };
  const digits = codeKey(code);
  const literal = /^\d+$/.test(digits) ? digits : JSON.stringify(String(code));
  const message = JSON.stringify(english(entry) ?? 'Unknown error.');
  // No request id: NetEase sends none (README).
  return { status, headers: JSON_HEADERS, body: `{"code":${literal},"message":${message}}` };
}

/** A small list, the shape of CloudComb's list endpoints. */
export function success(_ctx: RespondContext): SimulatedResponse {
  return { status: 200, headers: JSON_HEADERS, body: '{"total":0,"items":[]}' };
}
