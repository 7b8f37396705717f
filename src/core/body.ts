/** Error bodies are read up to this many bytes unless the caller says otherwise (64 KiB). */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

/** What `normalize` accepts as a body. */
export type BodyInput = string | Uint8Array | ArrayBuffer | object | number | boolean | null | undefined;

/** The body as text (bounded) and as JSON (if it parses). */
export interface ReadBody {
  readonly text: string | undefined;
  readonly json: unknown;
}

let decoder: TextDecoder | undefined;
let encoder: TextEncoder | undefined;

/**
 * A real copy of a string. V8's `slice` shares the parent's storage, so an error holding a
 * 64 KiB prefix of a 50 MB body would keep all 50 MB alive; a UTF-8 round trip copies.
 */
function copyOf(text: string): string {
  encoder ??= new TextEncoder();
  decoder ??= new TextDecoder('utf-8', { fatal: false });
  return decoder.decode(encoder.encode(text));
}

function bytesToText(bytes: Uint8Array, max: number): string {
  decoder ??= new TextDecoder('utf-8', { fatal: false });
  return decoder.decode(bytes.subarray(0, max));
}

/**
 * Turns whatever the caller holds into bounded text and JSON. Objects pass through as JSON
 * untouched (they were parsed by the client already); strings and bytes are cut at `maxBytes`
 * before parsing, so a 50 MB HTML page costs no more than 64 KiB.
 */
export function readBody(body: BodyInput, maxBytes: number = DEFAULT_MAX_BODY_BYTES): ReadBody {
  try {
    return readBodyUnsafe(body, maxBytes);
  } catch {
    // `instanceof` throws on hostile proxies; an unreadable body is an absent one.
    return { text: undefined, json: undefined };
  }
}

function readBodyUnsafe(body: BodyInput, maxBytes: number): ReadBody {
  let text: string | undefined;
  if (typeof body === 'string') text = body.length > maxBytes ? copyOf(body.slice(0, maxBytes)) : body;
  else if (body instanceof Uint8Array) text = bytesToText(body, maxBytes);
  else if (body instanceof ArrayBuffer) text = bytesToText(new Uint8Array(body), maxBytes);
  else if (typeof body === 'object' && body !== null) return { text: undefined, json: body };
  else if (typeof body === 'number' || typeof body === 'boolean') return { text: String(body), json: body };
  else return { text: undefined, json: undefined };
  return { text, json: parseJson(text) };
}

function parseJson(text: string): unknown {
  // Skip the parse unless the text can be JSON: HTML and plain text are the common case here.
  // A loop over JSON's own whitespace, not `search(/\S/)` (~40 ns of a ~700 ns classify() from
  // text): JSON.parse refuses any other space in front, so stopping there answers the same.
  let i = 0;
  let c = text.charCodeAt(0);
  while (c === 32 || c === 10 || c === 13 || c === 9) c = text.charCodeAt(++i);
  // '{', '[', '"', '-', or a digit (NaN past the end: nothing)
  if (c !== 123 && c !== 91 && c !== 34 && c !== 45 && !(c >= 48 && c <= 57)) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A short readable excerpt of a non-JSON body: an HTML page's title, or plain text's first line. */
export function textSummary(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const head = text.slice(0, 4096);
  if (/^\s*</.test(head)) {
    const title = /<title[^>]*>([^<]{1,200})<\/title>/i.exec(head)?.[1] ?? /<h1[^>]*>([^<]{1,200})<\/h1>/i.exec(head)?.[1];
    return title?.replace(/\s+/g, ' ').trim() || undefined;
  }
  const line = head.split(/\r?\n/, 1)[0]?.trim();
  if (!line) return undefined;
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}
