/**
 * MFP simulator half: the inverse of `./parse.ts`, in each message shape the protocol has had
 * (test/fixtures/vendor-docs/README.md § MFP). Not imported by `./index.ts`.
 */
import type { CatalogEntry } from '../../src/core/catalog.js';
import { englishOf } from '../../src/core/catalog-docs.js';
import { codeKey } from '../../src/core/wire.js';
import type { RespondContext, SimulatedResponse } from '../responders.js';
import { mfpCatalog } from './catalog.js';
import { mfpDocs } from './docs.js';

/** The row's English message (docs.ts): what the vendor's body says. */
const english = (entry: CatalogEntry | undefined) => (entry ? englishOf(mfpDocs, mfpCatalog, entry) : undefined);

export const transport = 'websocket';
/** `10005` Rate Limit Exceeded ("has no retry hint", README). */
export const rateLimitCode = 10005;
/** `10004` Action Unavailable ("may be transient", README). */
export const unavailableCode = 10004;
/** `10001` Bad Request: the frame could not be parsed or lacks an action. */
export const badRequestCode = 10001;

/**
 * The shapes README § MFP lists, the daemon's first (the default):
 * - `daemon`: `{"status", "retcode", "data", "message", "id"}`
 * - `v1`: the same with `echo` for `id`; `v1-nested`: v1 with `retcode` inside `data` (one v1 example)
 * - `pascal`: the daemon shape with PascalCase keys (some daemon serializers)
 * - `draft`: `{"id", "result"}` / `{"id", "error": code}`; a frame it cannot read gets
 *   `{"error": 10001, "request": "<raw>"}` with no id
 * - `json-rpc`: the v2 web client's JSON-RPC 2.0 `{"jsonrpc": "2.0", "id", "error": {"code", "message", "data"}}`
 */
export const dialects = ['daemon', 'v1', 'v1-nested', 'pascal', 'draft', 'json-rpc'] as const;

/** Digits stay raw JSON numbers (exact, whatever their size); anything else is a JSON string. */
function literal(code: number | string): string {
  const digits = codeKey(code);
  return /^\d+$/.test(digits) ? digits : JSON.stringify(String(code));
}

function frame(ok: boolean, code: number | string, message: string, ctx: RespondContext): string {
  const id = JSON.stringify(ctx.id ?? null);
  const status = JSON.stringify(ok ? 'ok' : 'error');
  const text = JSON.stringify(message);
  const data = ok ? '{}' : 'null';
  switch (ctx.dialect) {
    case 'v1':
      return `{"status":${status},"retcode":${literal(code)},"data":${data},"message":${text},"echo":${id}}`;
    case 'v1-nested':
      return `{"status":${status},"data":{"retcode":${literal(code)}},"message":${text},"echo":${id}}`;
    case 'pascal':
      return `{"Status":${status},"Retcode":${literal(code)},"Data":${data},"Message":${text},"Id":${id}}`;
    case 'draft':
      if (ok) return `{"id":${id},"result":{}}`;
      // A frame the daemon could not read has no id to echo: it sends back what it got instead.
      if (ctx.frame !== undefined) return `{"error":${literal(code)},"request":${JSON.stringify(ctx.frame.slice(0, 256))}}`;
      return `{"id":${id},"error":${literal(code)}}`;
    case 'json-rpc':
      if (ok) return `{"jsonrpc":"2.0","id":${id},"result":{}}`;
      return `{"jsonrpc":"2.0","id":${id},"error":{"code":${literal(code)},"message":${text},"data":null}}`;
    default:
      // Key order as the daemon sends it: status, retcode, data, message, id.
      return `{"status":${status},"retcode":${literal(code)},"data":${data},"message":${text},"id":${id}}`;
  }
}

/** A failure message in the chosen dialect; there is no HTTP status per action. */
export function respond(entry: CatalogEntry | undefined, ctx: RespondContext): SimulatedResponse {
  if (entry?.outcome) return { status: undefined, headers: {}, body: frame(true, entry.code, english(entry) ?? '', ctx) };
  const code = entry?.code ?? ctx.code ?? 20001;
  return { status: undefined, headers: {}, body: frame(false, code, english(entry) ?? 'Unexpected Error', ctx) };
}

/** `retcode: 0` (or a `result`), the request's id echoed. */
export function success(ctx: RespondContext): SimulatedResponse {
  return { status: undefined, headers: {}, body: frame(true, 0, 'OK', ctx) };
}
