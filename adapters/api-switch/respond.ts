/**
 * API Switch simulator half: the inverse of `./parse.ts`. See test/fixtures/vendor-docs/README.md
 * § API Switch. Not imported by `./index.ts`.
 */
import type { CatalogEntry } from '../../src/core/catalog.js';
import { englishOf } from '../../src/core/catalog-docs.js';
import { KIND_FACTS } from '../../src/errors/kinds.js';
import { codeKey } from '../../src/core/wire.js';
import type { RespondContext, SimulatedResponse } from '../responders.js';
import { apiSwitchCatalog } from './catalog.js';
import { apiSwitchDocs } from './docs.js';

/** The row's English message (docs.ts): what the vendor's body says. */
const english = (entry: CatalogEntry | undefined) => (entry ? englishOf(apiSwitchDocs, apiSwitchCatalog, entry) : undefined);

export const transport = 'http';
/**
 * README: "no rate-limit code". The simulator answers an over-limit request with a bare 429
 * (plain text, no `Code`), as a gateway in front of it would.
 */
export const rateLimitCode = undefined;
/** `10004` internal error: the only row that says the gateway itself failed. */
export const unavailableCode = 10004;

const JSON_HEADERS = { 'content-type': 'application/json' };

/**
 * `{"Code", "Message"}` (capitalised keys). The vendor documents no status per code, so the
 * status is the one that best represents the row's kind; progress/success notices get 200.
 */
export function respond(entry: CatalogEntry | undefined, ctx: RespondContext): SimulatedResponse {
  const code = entry?.code ?? ctx.code;
  let status: number;
  if (entry?.outcome) status = 200;
  else if (entry) status = KIND_FACTS[entry.kind].status || 503;
  else status = ctx.status ?? 500;
  if (code === undefined) {
    return { status, headers: { 'content-type': 'text/plain' }, body: status === 429 ? 'Too Many Requests' : 'Error' };
  }
  const digits = codeKey(code);
  const literal = /^\d+$/.test(digits) ? digits : JSON.stringify(String(code));
  const message = JSON.stringify(english(entry) ?? 'Unknown error');
  return { status, headers: JSON_HEADERS, body: `{"Code":${literal},"Message":${message}}` };
}

/** README: "2xx is success with no code". */
export function success(_ctx: RespondContext): SimulatedResponse {
  return { status: 200, headers: JSON_HEADERS, body: '{"Data":{}}' };
}
