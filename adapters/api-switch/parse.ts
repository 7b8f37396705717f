/**
 * Reads API Switch responses. Per the vendor (api-switch-error-codes.md) a 2xx status is a
 * success with no code; anything else carries `{"Code": number, "Message": string}` with
 * capitalised keys (lower case accepted too). There is no request id in the body.
 */
import type { ParseContext, WireError } from '../../src/core/adapter.js';
import { asCode, asText, field, isRecord } from '../../src/core/wire.js';

/** A code is a non-negative integer or its digits; floats, negatives, objects are not codes. */
function switchCode(value: unknown): number | string | undefined {
  const code = asCode(value);
  if (typeof code === 'number') return code >= 0 ? code : undefined;
  if (typeof code === 'string') return /^\d{1,20}$/.test(code) ? code : undefined;
  return undefined;
}

/**
 * Never throws. `failed` is left unset: the vendor documents the status as the success signal,
 * so a 2xx is a success even if a body names a code (10328 "explorer ready" comes that way).
 */
export function parseApiSwitch(ctx: ParseContext): WireError | undefined {
  try {
    const body = ctx.json;
    if (!isRecord(body)) return undefined;
    // `field` matches keys case-insensitively: `Code`, `code` and `CODE` all count.
    const code = switchCode(field(body, 'Code'));
    const message = asText(field(body, 'Message'));
    if (code === undefined && message === undefined) return undefined;
    return { code, message };
  } catch {
    return undefined;
  }
}
