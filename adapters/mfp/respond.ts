/**
 * MFP simulator half: the inverse of `./parse.ts`, in the daemon shape. See
 * shared/vendor-docs/README.md § MFP. Not imported by `./index.ts`.
 */
import type { CatalogEntry } from '../../src/core/catalog.js';
import { codeKey } from '../../src/core/wire.js';
import type { RespondContext, SimulatedResponse } from '../responders.js';

export const transport = 'websocket';
/** `10005` Rate Limit Exceeded ("has no retry hint", README). */
export const rateLimitCode = 10005;
/** `10004` Action Unavailable ("may be transient", README). */
export const unavailableCode = 10004;
/** `10001` Bad Request: the frame could not be parsed or lacks an action. */
export const badRequestCode = 10001;

function frame(ok: boolean, code: number | string, data: string, message: string, id: string | null | undefined): string {
  const digits = codeKey(code);
  const retcode = /^\d+$/.test(digits) ? digits : JSON.stringify(String(code));
  // Key order as the daemon sends it: status, retcode, data, message, id.
  return `{"status":"${ok ? 'ok' : 'error'}","retcode":${retcode},"data":${data},"message":${JSON.stringify(message)},"id":${JSON.stringify(id ?? null)}}`;
}

/** `{"status":"error","retcode","data":null,"message","id"}`; there is no HTTP status per action. */
export function respond(entry: CatalogEntry | undefined, ctx: RespondContext): SimulatedResponse {
  if (entry?.outcome) return { status: undefined, headers: {}, body: frame(true, entry.code, '{}', entry.message, ctx.id) };
  const code = entry?.code ?? ctx.code ?? 20001;
  return { status: undefined, headers: {}, body: frame(false, code, 'null', entry?.message ?? 'Unexpected Error', ctx.id) };
}

/** `retcode: 0`, the request's id echoed. */
export function success(ctx: RespondContext): SimulatedResponse {
  return { status: undefined, headers: {}, body: frame(true, 0, '{}', 'OK', ctx.id) };
}
