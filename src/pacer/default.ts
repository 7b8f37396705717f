/**
 * The process-wide default pacer: what every client paces with unless its retry options say
 * `pacer: false` or give a pacer of their own. Created on first use, so a process that never
 * sends pays nothing; looked up once per call (not per client), so `setDefaultPacer` and
 * `resetDefaultPacer` reach clients created before them, while a call in progress keeps the
 * pacer it started with (its permit must be reported to the pacer that gave it).
 */
import { createPacer } from './pacer.js';
import type { Pacer, PacerAcquireOptions, PacerOutcome, PacerReportInfo } from './types.js';

let current: Pacer | undefined;

/**
 * The process-wide default pacer, created on first use with `createPacer()`'s defaults (or the
 * one given to {@link setDefaultPacer}). Every client whose retry options leave `pacer` unset
 * paces with it, keyed `vendor|host`: an axios and a fetch client of one vendor host share what
 * either learned. Read it for logs and metrics; to be told of changes, set a default of your own
 * that has `onChange`.
 *
 * @example
 * import { getDefaultPacer } from 'vendor-errors';
 * setInterval(() => metrics.gauge('pacer', getDefaultPacer().snapshot()), 10_000).unref();
 * // { 'netease|open.c.163.com': { state: 'pacing', rate: 68.2, measuredRate: 97, queue: 12, ... } }
 */
export function getDefaultPacer(): Pacer {
  current ??= createPacer();
  return current;
}

/**
 * Replaces the process-wide default pacer (for a shared store, `onChange` logging, other
 * constants). Calls already in progress finish with the pacer they started with; the next call
 * of every client uses this one. The previous default is returned, not closed: calls waiting
 * in it are still released by it.
 *
 * @example
 * import { createPacer, setDefaultPacer } from 'vendor-errors';
 * setDefaultPacer(createPacer({ onChange: (c) => log.info(c.key, c.reason, c.snapshot.state, c.snapshot.rate) }));
 */
export function setDefaultPacer(pacer: Pacer): Pacer | undefined {
  if (!isPacerLike(pacer) || pacer === DEFAULT_PACER) {
    throw new TypeError(
      `setDefaultPacer: \`pacer\` must be a Pacer (an object with now(), acquire() and report(), see createPacer), got ${pacer === null ? 'null' : typeof pacer}`,
    );
  }
  const previous = current;
  current = pacer;
  return previous;
}

/**
 * Forgets the process-wide default pacer: the next call starts a fresh one (every key unlimited
 * again). Tests call it between cases so that one test's rate limit never slows the next
 * (`vendor-errors/testing`'s simulator and msw handlers do it when they are created or reset).
 * The old default is let go, not closed: calls still waiting in it are released by it, and
 * nothing of it is kept once they have settled (its timers exist only while calls wait).
 *
 * @example
 * import { afterEach } from 'vitest';
 * import { resetDefaultPacer } from 'vendor-errors';
 * afterEach(() => resetDefaultPacer());
 */
export function resetDefaultPacer(): void {
  current = undefined;
}

function isPacerLike(value: unknown): value is Pacer {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as { now?: unknown; acquire?: unknown; report?: unknown };
  return typeof p.now === 'function' && typeof p.acquire === 'function' && typeof p.report === 'function';
}

/**
 * @internal What resolved retry options hold when `pacer` was left unset: it stands for "the
 * default pacer at the time of the call" ({@link pacerOfCall}). As a `Pacer` it forwards every
 * method to the current default, so it also works where it is used as one directly.
 */
export const DEFAULT_PACER: Pacer = Object.freeze({
  now: () => getDefaultPacer().now(),
  keyOf: (vendor: string | undefined, url: string | URL | undefined) => getDefaultPacer().keyOf(vendor, url),
  tryAcquire: (key: string) => getDefaultPacer().tryAcquire?.(key),
  acquire: (key: string, options?: PacerAcquireOptions) => getDefaultPacer().acquire(key, options),
  report: (key: string, outcome: PacerOutcome, info?: PacerReportInfo) => getDefaultPacer().report(key, outcome, info),
  estimateWait: (key: string) => getDefaultPacer().estimateWait(key),
  snapshot: () => getDefaultPacer().snapshot(),
  close: () => resetDefaultPacer(),
});

/**
 * @internal The pacer one call goes through: the options' own, or for {@link DEFAULT_PACER} the
 * current default — but only for a call that names its vendor (every integration does; a bare
 * `retry()` does with `vendor`): anonymous calls would otherwise all share one key, `default`.
 */
export function pacerOfCall(pacer: Pacer | undefined, vendor: string | undefined): Pacer | undefined {
  if (pacer !== DEFAULT_PACER) return pacer;
  return vendor ? getDefaultPacer() : undefined;
}
