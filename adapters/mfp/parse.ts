/**
 * Reads MFP (MCSL Future Protocol) WebSocket messages. There is no HTTP status, so the
 * message itself says whether it failed. Shapes seen, by protocol version
 * (test/fixtures/vendor-docs/README.md):
 *
 * - daemon: `{"status": "ok"|"error", "retcode", "data", "message", "id"}`
 * - v1: `{"status", "retcode", "data", "message", "echo"}`, sometimes `retcode` inside `data`
 * - draft: `{"id", "result"}` / `{"id", "error": number}`; a parse failure `{"error": 10001, "request": "<raw>"}`
 * - v2 web client: JSON-RPC 2.0 `{"jsonrpc": "2.0", "id", "error": {"code", "message", "data"}}`
 *
 * Keys may be PascalCase (`Retcode`, `Message`); `field` matches them case-insensitively.
 */
import type { CatalogEntry } from '../../src/core/catalog.js';
import type { ParseContext, WireError } from '../../src/core/adapter.js';
import { asCode, asId, asText, codeNumber, field, isRecord, exactIntegerField } from '../../src/core/wire.js';

const FAILED_STATUS = new Set(['error', 'failed', 'fail', 'failure']);
const OK_STATUS = new Set(['ok', 'success', 'succeeded']);

/**
 * A code is a non-negative integer or its digits. Floats, objects and other negatives are not
 * codes; inside a JSON-RPC error object the protocol's own reserved codes (-32768..-32000,
 * e.g. -32601 method not found) are kept, since JSON-RPC 2.0 defines them.
 */
function mfpCode(value: unknown, jsonRpc = false): number | string | undefined {
  const code = asCode(value);
  if (typeof code === 'number') return code >= 0 || (jsonRpc && code >= -32768 && code <= -32000) ? code : undefined;
  if (typeof code === 'string') return /^\d{1,20}$/.test(code) ? code : undefined;
  return undefined;
}

/** The message's correlation id: `id`, else v1's `echo`; exact digits for numbers. */
function requestIdOf(body: Record<string, unknown>, text: string | undefined): string | undefined {
  for (const key of ['id', 'echo']) {
    const value = field(body, key);
    if (value === undefined) continue;
    if (typeof value === 'number' && text !== undefined) {
      const raw = exactIntegerField(text, key, value);
      if (raw !== undefined) return raw;
    }
    const id = asId(value);
    if (id !== undefined) return id;
  }
  return undefined;
}

function failure(code: number | string | undefined, message: string | undefined, requestId: string | undefined): WireError {
  // Code 0 is MFP's OK: next to a failure marker it is no code at all.
  return { code: code !== undefined && codeNumber(code) === 0 ? undefined : code, message, requestId, failed: true };
}

/** Never throws: every reader below answers `undefined` for what it cannot read. */
export function parseMfp(ctx: ParseContext): WireError | undefined {
  try {
    const body = ctx.json;
    if (!isRecord(body)) return undefined;
    const requestId = requestIdOf(body, ctx.text);
    const message = asText(field(body, 'message', 'msg'));
    const statusText = asText(field(body, 'status'))?.trim().toLowerCase();
    const statusFailed = statusText !== undefined && FAILED_STATUS.has(statusText);
    const statusOk = statusText !== undefined && OK_STATUS.has(statusText);

    // Draft and JSON-RPC: an `error` member is the failure (null means none).
    const error = field(body, 'error');
    if (isRecord(error)) {
      return failure(mfpCode(field(error, 'code'), true), asText(field(error, 'message')) ?? message, requestId);
    }
    if (error !== undefined && error !== false) {
      const code = mfpCode(error);
      if (code !== undefined && codeNumber(code) === 0) return { code, message, requestId, failed: false };
      // A non-code `error` (text, a float, `true`) still marks a failure; text is its message.
      const text = code === undefined && typeof error === 'string' ? asText(error) : undefined;
      return failure(code, message ?? text, requestId);
    }

    // Daemon and v1: `retcode` at the top, or (one v1 example) inside `data`. `data` is a
    // payload on success, so its `retcode` only counts when the status does not say ok.
    let code = mfpCode(field(body, 'retcode'));
    if (code === undefined && !statusOk) code = mfpCode(field(field(body, 'data'), 'retcode'));
    if (code !== undefined) {
      if (codeNumber(code) !== 0) return failure(code, message, requestId);
      if (statusFailed) return failure(undefined, message, requestId);
      return { code, message, requestId, failed: false };
    }
    // README: `status: "error"` with no retcode is still a failure.
    if (statusFailed) return failure(undefined, message, requestId);
    if (statusOk || field(body, 'result') !== undefined) return { message, requestId, failed: false };
    if (message === undefined && requestId === undefined) return undefined;
    return { message, requestId };
  } catch {
    return undefined;
  }
}

/**
 * 21101 and 21102 each name an upload and a download failure. The daemon's message, when it
 * says which, picks the row; otherwise the error keeps both names.
 */
export function chooseMfp(entries: readonly CatalogEntry[], ctx: ParseContext): CatalogEntry | undefined {
  const text = parseMfp(ctx)?.message?.toLowerCase();
  if (!text) return undefined;
  const download = /download|下载/.test(text);
  const upload = /upload|上传/.test(text);
  if (download === upload) return undefined;
  const word = download ? 'DOWNLOAD' : 'UPLOAD';
  return entries.find((e) => e.name.includes(word));
}

/**
 * The HTTP status an MFP code's range implies, used for codes the catalog does not know
 * (mfp-daemon-retcodes.md sections): 1xxxx request errors → 400; 2xxxx server errors → 500,
 * except 21xxx file errors, which are about the request's file → 400; 30xxx instance errors → 400;
 * 31xxx instance action errors → 500. 40000–59999 are reserved and 60000–99999 free for
 * implementations: nothing can be inferred. JSON-RPC 2.0's reserved codes map as the spec reads.
 */
export function mfpStatusOfCode(code: number | string): number | undefined {
  const n = codeNumber(code);
  if (n === undefined) return undefined;
  if (n >= 10000 && n <= 19999) return 400;
  if (n >= 21000 && n <= 21999) return 400;
  if (n >= 20000 && n <= 29999) return 500;
  if (n >= 31000 && n <= 31999) return 500;
  if (n >= 30000 && n <= 39999) return 400;
  if (n === -32700 || n === -32600 || n === -32602) return 400;
  if (n === -32601) return 501;
  if (n === -32603 || (n >= -32099 && n <= -32000)) return 500;
  return undefined;
}
