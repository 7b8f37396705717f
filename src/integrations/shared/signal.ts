import { abortReason } from '../../core/abort.js';
import { transportError } from '../../core/transport.js';
import { isVendorError } from '../../errors/vendor-error.js';
import type { ResolvedIntegration } from './options.js';

/** The parts of an abort signal the integrations use; axios' `GenericAbortSignal` fits. */
export interface SignalLike {
  readonly aborted: boolean;
  readonly reason?: unknown;
  addEventListener?: (type: 'abort', listener: () => void, options?: { once?: boolean }) => void;
  removeEventListener?: (type: 'abort', listener: () => void) => void;
}

/** @internal One signal that aborts when any source does, and `dispose()` to detach from the sources. */
export interface LinkedSignal {
  readonly signal: AbortSignal | undefined;
  dispose(): void;
}

function isAbortSignal(value: SignalLike): value is AbortSignal {
  return typeof AbortSignal !== 'undefined' && value instanceof AbortSignal;
}

const NONE: LinkedSignal = Object.freeze({ signal: undefined, dispose() {} });

function noop(): void {}

/**
 * @internal Links the caller's signals (request signal, client timeouts) and `extra` (the retry
 * options' `signal`). Hand-rolled rather than `AbortSignal.any` so that listeners on long-lived
 * signals (one retry signal shared by every request) are removed when the request ends, on every
 * runtime. A request's single `AbortSignal` (the usual case) is passed through as it is: no
 * controller, no listener.
 */
export function linkSignals(sources: readonly (SignalLike | null | undefined)[], extra?: SignalLike): LinkedSignal {
  let only: SignalLike | undefined;
  let count = 0;
  for (const s of sources) {
    if (s == null || typeof s !== 'object') continue;
    only = s;
    count++;
  }
  if (extra != null && typeof extra === 'object') {
    only = extra;
    count++;
  }
  if (count === 0 || only === undefined) return NONE;
  // Only a request's own signal is handed to the transport as it is: undici's fetch leaves a
  // listener on the signal it is given until the request is garbage-collected, which on the
  // long-lived retry signal would pile up one per request.
  if (count === 1 && only !== extra && isAbortSignal(only)) return { signal: only, dispose: noop };
  const list: SignalLike[] = [];
  for (const s of sources) if (s != null && typeof s === 'object') list.push(s);
  if (extra != null && typeof extra === 'object') list.push(extra);
  const controller = new AbortController();
  const already = list.find((s) => s.aborted);
  if (already) {
    controller.abort(abortReason(already));
    return { signal: controller.signal, dispose: noop };
  }
  const detach: (() => void)[] = [];
  const dispose = (): void => {
    for (const d of detach.splice(0)) d();
  };
  for (const source of list) {
    if (typeof source.addEventListener !== 'function') continue;
    const onAbort = (): void => {
      dispose();
      controller.abort(abortReason(source));
    };
    source.addEventListener('abort', onAbort, { once: true });
    detach.push(() => source.removeEventListener?.('abort', onAbort));
  }
  return { signal: controller.signal, dispose };
}

/** `true` for an abort that means "the client gave up waiting" (`AbortSignal.timeout()`). */
export function isTimeoutReason(reason: unknown): boolean {
  try {
    return typeof reason === 'object' && reason !== null && (reason as { name?: unknown }).name === 'TimeoutError';
  } catch {
    return false;
  }
}

/**
 * What an abort turns into: a client timeout (`AbortSignal.timeout()`, ky's `timeout`) is a
 * failure without a response, so a `TimeoutError`; any other abort is the caller's decision
 * and rejects with the signal's own reason.
 */
export function abortOutcome(
  signal: SignalLike,
  req: { integration: ResolvedIntegration; method: string; url: string },
): unknown {
  const reason = abortReason(signal);
  if (isVendorError(reason) || !isTimeoutReason(reason)) return reason;
  return transportError(req.integration.adapter, reason, { method: req.method, url: req.url });
}
