/**
 * Reads UpYun error responses. Shapes seen (test/fixtures/vendor-docs/README.md):
 * - REST API: `{"msg": "...", "code": 40400001, "id": "<request id>"}` under a non-2xx status.
 * - Older form/multipart API: `{"code": 404, "message": "...", "X-Request-Id": "...", "error_code": 40401}`,
 *   where `code` repeats the HTTP status and `error_code` is the real code.
 * - HEAD requests and CDN edges: a bare status, empty or plain-text body (left to the status).
 */
import type { ParseContext, WireError } from '../../src/core/adapter.js';
import { asCode, asId, asText, codeNumber, field, isRecord, statusFromCodePrefix } from '../../src/core/wire.js';

/**
 * A three-digit `code` is the HTTP status echoed in the body (the form API's `code: 404`), not
 * a vendor code: UpYun's own codes have 8 digits (5 in the older form API).
 */
function isStatusEcho(code: number | string): boolean {
  const n = codeNumber(code);
  return n !== undefined && n >= 100 && n <= 599;
}

/** Drops absent fields, so a WireError only lists what the body said. */
function wire(
  code: number | string | undefined,
  message: string | undefined,
  requestId: string | undefined,
): WireError | undefined {
  if (code === undefined && message === undefined && requestId === undefined) return undefined;
  const out: { code?: number | string; message?: string; requestId?: string } = {};
  if (code !== undefined) out.code = code;
  if (message !== undefined) out.message = message;
  if (requestId !== undefined) out.requestId = requestId;
  return out;
}

export function parseUpyun(ctx: ParseContext): WireError | undefined {
  try {
    const body = ctx.json;
    // A JSON string body (`"Not Found"`) is a message with nothing else.
    if (typeof body === 'string') return wire(undefined, asText(body) || undefined, undefined);
    if (!isRecord(body)) return undefined;
    // The form API's `error_code` is the real code; `0` would mean none.
    const errorCode = asCode(field(body, 'error_code', 'errorCode'));
    let code = errorCode !== undefined && codeNumber(errorCode) !== 0 ? errorCode : asCode(field(body, 'code'));
    if (code !== undefined && isStatusEcho(code)) code = undefined;
    const message = asText(field(body, 'msg', 'message')) || undefined;
    // The body's id wins over the X-Request-Id / X-Upyun-Request-Id headers (normalize falls back to them).
    const requestId = asId(field(body, 'id', 'x-request-id', 'request_id', 'requestId'))?.trim() || undefined;
    return wire(code, message, requestId);
  } catch {
    // isRecord/field throw on a revoked Proxy; a parser must answer, not throw.
    return undefined;
  }
}

/**
 * The HTTP status an UpYun code implies when the catalog does not know it: the first three
 * digits of an 8-digit code (`40499999` → 404) or of a 5-digit form-API code (`40401` → 404).
 */
export function upyunStatusOfCode(code: number | string): number | undefined {
  return statusFromCodePrefix(code, [8, 5]);
}
