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
 * How long an error body may take to arrive after the headers, in ms. Vendors send an error body
 * with its headers (one small JSON or HTML page); a body that stalls must not hold the error, or
 * keep a call with `timeout: false` open forever: past this the read stops, the rest is
 * cancelled, and the status alone classifies the failure. 64 KiB at 1 Mbit/s takes ~0.5 s.
 */
export const BODY_READ_TIMEOUT_MS = 1000;

/** A source of chunks: a web stream's reader or an async iterator. */
interface ChunkSource {
  next(): Promise<{ done?: boolean; value?: unknown }>;
  /** Stops the source early (cancel, return); not awaited, so a stalled server cannot stall us. */
  stop(): void;
  /** Lets go of a source that was read to its end. */
  finish(): void;
}

const TIMED_OUT = Symbol('timed out');

/**
 * The one bounded-read loop: at most `max` bytes (plus whether the source went on past them),
 * within `timeoutMs` overall. A source that ends early, overflows or stalls is stopped, and the
 * connection released instead of drained: a 50 MB error page costs 64 KiB.
 */
export async function readBounded(source: ChunkSource, max: number, timeoutMs = BODY_READ_TIMEOUT_MS): Promise<BoundedBody> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let done = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(resolve, timeoutMs, TIMED_OUT);
    (timer as { unref?: () => void }).unref?.();
  });
  try {
    while (total <= max) {
      const next = await Promise.race([source.next(), expired]);
      if (next === TIMED_OUT) break;
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
    clearTimeout(timer);
    if (done) source.finish();
    else source.stop();
  }
  return { bytes: concat(chunks, max), truncated: total > max };
}

/** A bounded read of a web stream (see {@link readBounded}). */
export function readBoundedStream(
  stream: ReadableStream<Uint8Array> | null | undefined,
  max: number,
  timeoutMs = BODY_READ_TIMEOUT_MS,
): Promise<BoundedBody> {
  if (!stream) return Promise.resolve({ bytes: undefined, truncated: false });
  const reader = stream.getReader();
  return readBounded(
    {
      next: () => reader.read(),
      stop: () => void reader.cancel().catch(noop),
      finish: () => reader.releaseLock(),
    },
    max,
    timeoutMs,
  );
}

/** A bounded read of an async iterable, e.g. a Node stream (see {@link readBounded}). */
export function readBoundedIterable(
  source: AsyncIterable<unknown>,
  max: number,
  timeoutMs = BODY_READ_TIMEOUT_MS,
): Promise<BoundedBody> {
  const it = source[Symbol.asyncIterator]();
  return readBounded(
    {
      next: () => it.next(),
      // Node streams stop reading (and free the socket) once their iterator returns.
      stop: () => void Promise.resolve(it.return?.()).catch(noop),
      finish: noop,
    },
    max,
    timeoutMs,
  );
}

function noop(): void {}

/** `true` for a web `ReadableStream` (from any realm or polyfill). */
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
