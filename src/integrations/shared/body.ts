import type { Adapter } from '../../core/adapter.js';
import type { HeaderLookup } from '../../core/headers.js';

/** A bounded read: at most the cap's bytes, and whether the body went on past it. */
export interface BoundedBody {
  readonly bytes: Uint8Array | undefined;
  readonly truncated: boolean;
}

/** The first `max` bytes of the chunks, as one array. */
export function concat(chunks: readonly Uint8Array[], max: number): Uint8Array {
  let total = 0;
  for (const c of chunks) total += c.byteLength;
  const out = new Uint8Array(Math.min(total, max));
  let at = 0;
  for (const c of chunks) {
    if (at >= out.length) break;
    const part = c.subarray(0, out.length - at);
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

/** A stream chunk as bytes; anything else is skipped. */
export function toBytes(chunk: unknown): Uint8Array | undefined {
  if (chunk instanceof Uint8Array) return chunk;
  if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk);
  if (typeof chunk === 'string') return new TextEncoder().encode(chunk);
  return undefined;
}

/**
 * Reads at most `max` bytes of a web stream, then cancels the rest: a 50 MB error page costs
 * 64 KiB and the connection is released instead of drained.
 */
export async function readBoundedStream(
  stream: ReadableStream<Uint8Array> | null | undefined,
  max: number,
): Promise<BoundedBody> {
  if (!stream) return { bytes: undefined, truncated: false };
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  let done = false;
  try {
    while (total <= max) {
      const next = await reader.read();
      if (next.done) {
        done = true;
        break;
      }
      const bytes = toBytes(next.value);
      if (!bytes) continue;
      chunks.push(bytes);
      total += bytes.byteLength;
    }
  } finally {
    // Cancellation is not awaited: a server that stalls must not stall the caller too.
    if (!done) reader.cancel().catch(() => undefined);
    else reader.releaseLock();
  }
  return { bytes: concat(chunks, max), truncated: total > max };
}

async function readBoundedIterable(source: AsyncIterable<unknown>, max: number): Promise<BoundedBody> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const it = source[Symbol.asyncIterator]();
  let done = false;
  try {
    while (total <= max) {
      const next = await it.next();
      if (next.done) {
        done = true;
        break;
      }
      const bytes = toBytes(next.value);
      if (!bytes) continue;
      chunks.push(bytes);
      total += bytes.byteLength;
    }
  } finally {
    if (!done) {
      // Node streams stop reading (and free the socket) once their iterator returns.
      await Promise.resolve(it.return?.()).catch(() => undefined);
    }
  }
  return { bytes: concat(chunks, max), truncated: total > max };
}

export function isWebStream(value: unknown): value is ReadableStream<Uint8Array> {
  return typeof value === 'object' && value !== null && typeof (value as ReadableStream).getReader === 'function';
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function'
  );
}

function isBlob(value: unknown): value is Blob {
  return typeof Blob !== 'undefined' && value instanceof Blob;
}

/**
 * A response body in whatever shape a client holds it, made safe for `normalize()`: text, bytes
 * and parsed objects pass through (normalize bounds them); streams and blobs are read up to `max`.
 */
export async function boundedData(data: unknown, max: number): Promise<unknown> {
  try {
    if (isWebStream(data)) return (await readBoundedStream(data, max)).bytes;
    if (isBlob(data)) return new Uint8Array(await data.slice(0, max).arrayBuffer());
    if (isAsyncIterable(data) && typeof data !== 'string') return (await readBoundedIterable(data, max)).bytes;
    return data;
  } catch {
    // An unreadable body is an absent one: the status still classifies the failure.
    return undefined;
  }
}

/**
 * `true` when a request body can be sent again on a retry. Streams (web or Node) and async
 * iterables are consumed by the first send; strings, bytes, URLSearchParams, FormData and Blobs
 * are not.
 */
export function isReplayableBody(body: unknown): boolean {
  if (body == null || typeof body !== 'object') return true;
  try {
    if (isWebStream(body)) return false;
    if (typeof (body as { pipe?: unknown }).pipe === 'function') return false;
    if (isAsyncIterable(body)) return false;
  } catch {
    return true;
  }
  return true;
}

const JSONISH = /json|javascript|^text\/plain/i;

/**
 * Whether a 2xx response must be read to look for an error inside it: only for adapters that
 * say so (Baidu PCS), only for JSON-like (or untyped) bodies, and only when the declared length
 * fits the cap, so downloads are never buffered for inspection.
 */
export function shouldInspectSuccess(adapter: Adapter, header: HeaderLookup, max: number): boolean {
  if (adapter.errorsInSuccess !== true) return false;
  const length = header('content-length')?.trim();
  if (length && /^\d+$/.test(length) && Number(length) > max) return false;
  const type = header('content-type')?.trim();
  return !type || JSONISH.test(type);
}
