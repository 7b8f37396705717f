/**
 * @internal Reading a response stream the way axios' buffered mode does (Node stream or web
 * stream), or only up to a cap for error bodies; honours the attempt's signal and the timeout
 * axios keeps running while it buffers.
 */
import axios, { AxiosError, type AxiosResponse } from 'axios';
import { concat, toBytes } from '../shared/body.js';
import { canceled, type ReadContext, remainingMs, timeoutError } from './streaming.js';

export interface NodeStreamLike {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  removeListener(event: string, listener: (...args: unknown[]) => void): unknown;
  destroy(error?: Error): unknown;
  readonly destroyed?: boolean;
  readonly readableEnded?: boolean;
  readonly errored?: unknown;
}

export function isNodeStream(value: unknown): value is NodeStreamLike {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.on === 'function' && typeof v.pipe === 'function' && typeof v.destroy === 'function';
}

export interface Collected {
  readonly bytes: Uint8Array;
  /** The body went on past the cap. */
  readonly truncated: boolean;
}

interface CollectOptions {
  /** Error bodies: stop after this many bytes and resolve with what came (also when the transfer breaks). */
  readonly cap?: number;
  /** Accepted bodies: the caller's `maxContentLength`, enforced as the buffered read does. */
  readonly maxContentLength?: number;
  readonly response: AxiosResponse;
}

function destroyRequest(request: unknown): void {
  try {
    const destroy = (request as { destroy?: unknown } | null)?.destroy;
    if (typeof destroy === 'function') destroy.call(request);
  } catch {
    // Already gone.
  }
}

/**
 * Reads a Node stream the way the Node adapter's buffered mode does (listeners for `data`,
 * `aborted`, `error`, `end`), or, with a `cap`, only up to the cap.
 */
export function collectNode(stream: NodeStreamLike, ctx: ReadContext, o: CollectOptions): Promise<Collected> {
  const { response } = o;
  const request = response.request;
  const cap = o.cap ?? Number.POSITIVE_INFINITY;
  const bounded = o.cap !== undefined;
  return new Promise<Collected>((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let total = 0;
    let finished = false;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const cleanup = (): void => {
      finished = true;
      if (timer !== undefined) clearTimeout(timer);
      stream.removeListener('data', onData);
      stream.removeListener('aborted', onAborted);
      stream.removeListener('error', onError);
      stream.removeListener('end', onEnd);
      ctx.signal?.removeEventListener('abort', onAbort);
      // A stream destroyed later (below) must not turn its 'error' into an uncaught exception.
      stream.on('error', () => undefined);
    };
    const stop = (): void => {
      try {
        stream.destroy();
      } catch {
        // Already destroyed.
      }
      destroyRequest(request);
    };
    const done = (truncated: boolean): void => {
      if (finished) return;
      cleanup();
      if (truncated) stop();
      const bytes =
        !bounded && chunks.length === 1 ? chunks[0]! : bounded ? concat(chunks, cap) : Buffer.concat(chunks as Uint8Array[]);
      resolve({ bytes, truncated });
    };
    const fail = (error: unknown): void => {
      if (finished) return;
      cleanup();
      stop();
      reject(error);
    };

    function onData(chunk: unknown): void {
      const bytes = toBytes(chunk);
      if (!bytes) return;
      chunks.push(bytes);
      total += bytes.byteLength;
      if (bounded) {
        if (total > cap) done(true);
        return;
      }
      const limit = o.maxContentLength ?? -1;
      if (limit > -1 && total > limit) {
        fail(new AxiosError(`maxContentLength size of ${limit} exceeded`, AxiosError.ERR_BAD_RESPONSE, ctx.config, request));
      }
    }
    // An error body that breaks off is what it is: the status classifies the failure.
    function onAborted(): void {
      if (bounded) done(false);
      else fail(new AxiosError('stream has been aborted', AxiosError.ERR_BAD_RESPONSE, ctx.config, request, response));
    }
    function onError(error: unknown): void {
      if (bounded) done(false);
      else if (axios.isCancel(error) || axios.isAxiosError(error)) fail(error);
      else fail(AxiosError.from(error as Error, undefined, ctx.config, request, response));
    }
    function onEnd(): void {
      done(false);
    }
    function onAbort(): void {
      fail(canceled(ctx, request));
    }

    stream.on('data', onData);
    stream.on('aborted', onAborted);
    stream.on('error', onError);
    stream.on('end', onEnd);
    if (ctx.signal?.aborted) {
      onAbort();
      return;
    }
    ctx.signal?.addEventListener('abort', onAbort, { once: true });
    const ms = remainingMs(ctx);
    if (ms !== undefined) timer = setTimeout(() => fail(timeoutError(ctx, request)), ms);
    // Anything that happened before these listeners were attached.
    if (stream.errored) onError(stream.errored);
    else if (stream.destroyed && !stream.readableEnded) onAborted();
  });
}

/** A web stream (the fetch adapter's `response.body`) read to its end, or up to a `cap`. */
export async function collectWeb(stream: ReadableStream<Uint8Array>, ctx: ReadContext, o: CollectOptions): Promise<Collected> {
  const request = o.response.request;
  const cap = o.cap ?? Number.POSITIVE_INFINITY;
  const bounded = o.cap !== undefined;
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  let ended = false;
  // An abort or the timeout cancels the reader, which ends a pending read at once.
  let interruption: { readonly error: unknown } | undefined;
  const interrupt = (error: unknown): void => {
    if (interruption || ended) return;
    interruption = { error };
    reader.cancel().catch(() => undefined);
  };
  const onAbort = (): void => interrupt(canceled(ctx, request));
  const ms = remainingMs(ctx);
  const timer = ms === undefined ? undefined : setTimeout(() => interrupt(timeoutError(ctx, request)), ms);
  if (ctx.signal?.aborted) onAbort();
  else ctx.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    while (total <= cap && !interruption) {
      const next = await reader.read();
      if (interruption) break;
      if (next.done) {
        ended = true;
        break;
      }
      const bytes = toBytes(next.value);
      if (!bytes) continue;
      chunks.push(bytes);
      total += bytes.byteLength;
    }
  } catch (error) {
    // An error body that breaks off is what it is: the status classifies the failure.
    if (!interruption) {
      if (bounded) return { bytes: concat(chunks, cap), truncated: false };
      throw error;
    }
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    ctx.signal?.removeEventListener('abort', onAbort);
    if (ended) reader.releaseLock();
    else if (!interruption) reader.cancel().catch(() => undefined);
  }
  if (interruption) throw interruption.error;
  return { bytes: concat(chunks, cap), truncated: total > cap };
}
