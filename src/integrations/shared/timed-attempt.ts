/**
 * One attempt bounded by `attemptTimeoutMs`, in the two forms the loop sends it in (issue 14):
 *
 * - **raced** (a client's first attempts while none of its attempts has timed out lately): the
 *   transport is handed the caller's own signal, or none, exactly as the bare client would be, and
 *   a timer races the answer. Measured (bench/pair.ts, fetch, 60 rounds): a controller of our own
 *   per attempt was ~3.5 µs of a success's ~16 µs overhead, mostly undici linking the foreign
 *   signal (listener, WeakRef, FinalizationRegistry), and ~3 µs on Node 20 just to create it.
 * - **abortable** (retries, and every attempt for a while after one timed out): the transport gets
 *   a signal of its own that the caller's signal and the timer abort, so a hung request is torn down.
 *
 * A raced attempt that runs out rejects at once with the same `TimeoutError`; its request is left
 * to finish or fail on its own (a late response is discarded: `LoopRequest.discard`), and the
 * client switches to abortable attempts for {@link ABORTABLE_AFTER_TIMEOUT_MS}. So the first hang a
 * client meets leaves at most its in-flight requests open until the server or the transport's own
 * limit closes them (undici: 300 s without headers); every later one is aborted.
 */
import { transportError } from '../../core/transport.js';
import type { LoopRequest } from './loop.js';
import { abortOutcome } from './signal.js';

/** How long after an attempt timed out every attempt of that client gets a controller of its own. */
export const ABORTABLE_AFTER_TIMEOUT_MS = 300_000;

/**
 * @internal One attempt of `req`, bounded by `ms`: raced or abortable (see the file's header).
 * One promise settles it (no second promise to race), so a transport that ignores its signal is
 * still cut off when the timer fires.
 */
export function timedAttempt<T>(req: LoopRequest<T>, outer: AbortSignal | undefined, ms: number, attempt: number): Promise<T> {
  const seen = req.integration.timeouts;
  // Date.now() only once a timeout was ever seen: the healthy path reads one number.
  const own = attempt > 1 || (seen.lastAt !== undefined && Date.now() - seen.lastAt < ABORTABLE_AFTER_TIMEOUT_MS);
  const controller = own ? new AbortController() : undefined;
  const inner = controller ? controller.signal : outer;
  let onAbort: (() => void) | undefined;
  if (controller && outer) {
    if (outer.aborted) controller.abort(outer.reason);
    else {
      onAbort = () => controller.abort(outer.reason);
      outer.addEventListener('abort', onAbort, ONCE);
    }
  }
  return new Promise<T>((resolve, reject) => {
    let late = false;
    const timer = setTimeout(() => {
      const reason = new DOMException(`attempt timed out after ${ms} ms (attemptTimeoutMs)`, 'TimeoutError');
      controller?.abort(reason);
      // The caller's signal may have aborted first: then the transport's rejection says why.
      if (outer?.aborted) return;
      late = true;
      seen.lastAt = Date.now();
      if (onAbort) outer?.removeEventListener('abort', onAbort);
      reject(transportError(req.integration.adapter, reason, req));
    }, ms);
    (timer as { unref?: () => void }).unref?.();
    let sent: Promise<T>;
    try {
      sent = req.attempt(inner, attempt);
    } catch (error) {
      sent = Promise.reject(error);
    }
    sent.then(
      (result) => {
        if (late) return discard(req, result);
        // A success keeps the caller's abort linked to its attempt: it still stops the body read.
        clearTimeout(timer);
        resolve(result);
      },
      (error: unknown) => {
        if (late) return;
        clearTimeout(timer);
        if (onAbort) outer?.removeEventListener('abort', onAbort);
        // Whatever the transport made of an abort (CanceledError, AbortError), the signal says what happened.
        reject(outer?.aborted ? abortOutcome(outer, req) : error);
      },
    );
  });
}

function discard<T>(req: LoopRequest<T>, result: T): void {
  try {
    req.discard?.(result);
  } catch {
    // Nothing waits on a late answer: a failure to let it go has no one to reach.
  }
}

const ONCE: AddEventListenerOptions = Object.freeze({ once: true });
