import { MAX_TIMER_MS } from './options.js';
import { abortReason } from '../core/abort.js';

/**
 * Waits `ms` milliseconds. With a signal, rejects with `signal.reason` the moment it aborts (at
 * once if it already has). The timer and the abort listener are removed either way, so nothing
 * leaks and nothing keeps the process alive after an abort. Uses only `setTimeout`, so it runs
 * in browsers and under fake timers; waits longer than 2^31 − 1 ms are chained timers.
 *
 * @example
 * await sleep(500);
 * await sleep(2_000, AbortSignal.timeout(1_000)); // rejects after 1 s with a TimeoutError
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (typeof ms !== 'number' || Number.isNaN(ms)) {
    return Promise.reject(new TypeError(`sleep: \`ms\` must be a number, got ${String(ms)}`));
  }
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    let remaining = Math.max(ms, 0);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onAbort = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      reject(abortReason(signal!));
    };
    const arm = (): void => {
      const step = Math.min(remaining, MAX_TIMER_MS);
      remaining -= step;
      timer = setTimeout(() => {
        if (remaining > 0) {
          arm();
          return;
        }
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, step);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    arm();
  });
}
