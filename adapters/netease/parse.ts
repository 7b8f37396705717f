/**
 * Reads NetEase CloudComb error responses: `{"code": 4040002, "message": "No such container."}`
 * under a non-2xx status (test/fixtures/vendor-docs/README.md). The body carries no request id; the
 * adapter reads `x-request-id` when a gateway adds one. Older endpoints send 5-digit codes.
 */
import type { ParseContext, WireError } from '../../src/core/adapter.js';
import { asCode, asId, asText, codeNumber, field, isRecord, statusFromCodePrefix } from '../../src/core/wire.js';

/** A three-digit `code` is an HTTP status echoed by a gateway, not a CloudComb code (7 or 5 digits). */
function isStatusEcho(code: number | string): boolean {
  const n = codeNumber(code);
  return n !== undefined && n >= 100 && n <= 599;
}

export function parseNetease(ctx: ParseContext): WireError | undefined {
  try {
    const body = ctx.json;
    // A JSON string body (`"Bad Gateway"`) is a message with nothing else.
    if (typeof body === 'string') {
      const message = asText(body);
      return message ? { message } : undefined;
    }
    if (!isRecord(body)) return undefined;
    let code = asCode(field(body, 'code'));
    if (code !== undefined && isStatusEcho(code)) code = undefined;
    const message = asText(field(body, 'message', 'msg')) || undefined;
    // Not documented in the body, but read if present so it wins over a proxy's header.
    const requestId = asId(field(body, 'requestId', 'request_id'))?.trim() || undefined;
    if (code === undefined && message === undefined && requestId === undefined) return undefined;
    const out: { code?: number | string; message?: string; requestId?: string } = {};
    if (code !== undefined) out.code = code;
    if (message !== undefined) out.message = message;
    if (requestId !== undefined) out.requestId = requestId;
    return out;
  } catch {
    // isRecord/field throw on a revoked Proxy; a parser must answer, not throw.
    return undefined;
  }
}

/**
 * The HTTP status a CloudComb code implies when the catalog does not know it: the first three
 * digits of a 7-digit code (`4049999` → 404) or of an older 5-digit one (`40301` → 403).
 */
export function neteaseStatusOfCode(code: number | string): number | undefined {
  return statusFromCodePrefix(code, [7, 5]);
}
