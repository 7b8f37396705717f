/** @internal The legacy CancelToken as a signal, and a caller's stream body that keeps its signal linked. */
import type { InternalAxiosRequestConfig } from 'axios';
import { isWebStream } from '../shared/body.js';
import type { SignalLike } from '../shared/signal.js';
import { isNodeStream } from './collect.js';

const NO_TOKEN: { signal?: SignalLike; dispose(): void } = Object.freeze({ dispose() {} });

/** The legacy `CancelToken` as a signal, so that a wait between attempts notices it too. */
export function cancelTokenSignal(config: InternalAxiosRequestConfig): { signal?: SignalLike; dispose(): void } {
  const token = config.cancelToken as
    | {
        reason?: unknown;
        subscribe?: (fn: (reason: unknown) => void) => void;
        unsubscribe?: (fn: (reason: unknown) => void) => void;
      }
    | undefined;
  if (!token || typeof token.subscribe !== 'function') return NO_TOKEN;
  const controller = new AbortController();
  const listener = (reason: unknown): void => controller.abort(reason);
  token.subscribe(listener);
  return { signal: controller.signal, dispose: () => token.unsubscribe?.(listener) };
}

/**
 * For `responseType: 'stream'`: the caller reads the body after the call resolved, and an abort
 * until the body is done must still reach the transport (issue 11, item 4). `release` runs when
 * the Node stream closes, or when the web stream ends, fails or is cancelled (it is wrapped: a web
 * stream has no event for that). Returns `false` for anything else, released at once.
 */
export function holdUntilBodyDone(data: unknown, release: () => void): { held: boolean; data: unknown } {
  if (isNodeStream(data)) {
    if (data.destroyed || data.readableEnded) return { held: false, data };
    data.on('close', release);
    return { held: true, data };
  }
  if (!isWebStream(data)) return { held: false, data };
  const reader = data.getReader();
  const wrapped = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await reader.read();
        if (next.done) {
          release();
          controller.close();
        } else controller.enqueue(next.value);
      } catch (error) {
        release();
        controller.error(error);
      }
    },
    cancel(reason) {
      release();
      return reader.cancel(reason);
    },
  });
  return { held: true, data: wrapped };
}
