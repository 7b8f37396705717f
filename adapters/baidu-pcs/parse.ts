/**
 * Reads Baidu PCS responses: `{"error_code": number, "error_msg": string, "request_id": number}`
 * (test/fixtures/vendor-docs/README.md). Errors may come under HTTP 200, so the body decides.
 */
import type { ParseContext, WireError } from '../../src/core/adapter.js';
import { asCode, asId, asText, field, isRecord, exactIntegerField } from '../../src/core/wire.js';

const CODE_KEYS = ['error_code', 'errorCode'];
const MESSAGE_KEYS = ['error_msg', 'errorMsg'];
const REQUEST_ID_KEYS = ['request_id', 'requestId'];

/** A code is a non-negative integer or its digits; floats, negatives, objects are not codes. */
function baiduCode(value: unknown): number | string | undefined {
  const code = asCode(value);
  if (typeof code === 'number') return code >= 0 ? code : undefined;
  if (typeof code === 'string') return /^\d{1,20}$/.test(code) ? code : undefined;
  return undefined;
}

/** The request id: exact digits for a number, a string id as sent. */
function requestIdOf(body: Record<string, unknown>, text: string | undefined): string | undefined {
  const value = field(body, ...REQUEST_ID_KEYS);
  if (typeof value === 'number' && text !== undefined) {
    for (const key of REQUEST_ID_KEYS) {
      const raw = exactIntegerField(text, key, value);
      if (raw !== undefined) return raw;
    }
  }
  return asId(value);
}

/** Never throws: every reader below answers `undefined` for what it cannot read. */
export function parseBaiduPcs(ctx: ParseContext): WireError | undefined {
  try {
    const body = ctx.json;
    if (!isRecord(body)) return undefined;
    const code = baiduCode(field(body, ...CODE_KEYS));
    const message = asText(field(body, ...MESSAGE_KEYS));
    const requestId = requestIdOf(body, ctx.text);
    if (code === undefined && message === undefined && requestId === undefined) return undefined;
    // README: "an error is any body whose error_code is not 0", whatever the status.
    const failed = code === undefined ? undefined : Number(code) !== 0;
    return { code, message, requestId, failed };
  } catch {
    return undefined;
  }
}
