/**
 * ky's own `retry` option, read per request and mapped onto the shared loop, never ignored.
 *
 * `vendorErrors()` sets `retry: { limit: <our retries, or ky's 2 with ours off>, shouldRetry }`,
 * whose `shouldRetry` (./decided.ts) says `false` for whatever the loop inside ky's `fetch` already
 * decided on for that call: ky then retries only what an `afterResponse` hook asks for with
 * `ky.retry()`, and by its own rules what never went through the loop, up to `limit`. What a
 * caller sets on top:
 * - `retry: n` or `{ limit: n }`: `n` retries for that request (`0`: one attempt);
 * - `methods`: a method not listed is sent once; a listed one may be repeated (POST too);
 * - anything else (`statusCodes`, `afterStatusCodes`, `shouldRetry`, `delay`, `jitter`,
 *   `backoffLimit`, `maxRetryAfter`, `retryOnTimeout`) rejects the request with a `TypeError`
 *   naming the `vendorErrors({ retry })` option to use instead: retries follow what each vendor
 *   error means, not its status.
 * Then `shouldRetry` is set back to ours on that request's own options (ky builds them per
 * request), so ky does not repeat the loop's work.
 */
import { prop } from '../../core/wire.js';
import { MAX_RETRIES } from '../../retry/options.js';
import type { LoopOverrides } from '../shared/loop.js';

// ky 1.14 and 2.x defaults (source/utils/normalize.ts); 2.x adds `query` to the methods.
/** ky's default `retry.limit`, kept under `vendorErrors({ retry: false })` for `ky.retry()`. */
export const KY_DEFAULT_LIMIT = 2;
const KY1_METHODS = ['get', 'put', 'head', 'delete', 'options', 'trace'];
const KY2_METHODS = [...KY1_METHODS, 'query'];
const DEFAULT_STATUS_CODES = [408, 413, 429, 500, 502, 503, 504];
const DEFAULT_AFTER_STATUS_CODES = [413, 429, 503];

const INSTEAD: Readonly<Record<string, string>> = {
  statusCodes: '`retry.shouldRetry(error, attempt)` (errors are retried by kind and vendor code, not status)',
  afterStatusCodes: 'nothing: a `Retry-After` is always obeyed up to `retry.maxRetryAfterMs`',
  shouldRetry: '`retry.shouldRetry(error, attempt)`, which receives the VendorError',
  delay: '`retry.baseDelayMs` / `retry.rateLimitBaseDelayMs`',
  jitter: '`retry.baseDelayMs` (the backoff is always fully jittered)',
  backoffLimit: '`retry.maxDelayMs`',
  maxRetryAfter: '`retry.maxRetryAfterMs`',
  retryOnTimeout: 'nothing: timeouts are retried for idempotent requests (`retry.attemptTimeoutMs` sets one attempt\u2019s)',
};
// Read on every request: a fixed list, and ky's default delay known by reference once checked.
const CHECKED = Object.keys(INSTEAD).filter((key) => key !== 'delay');
const kyDelays = new WeakSet<object>();

/** Same members as `b`, any order (ky copies its defaults in order: the first test is what runs). */
function sameList(a: unknown, b: readonly unknown[]): boolean {
  if (!Array.isArray(a) || a.length !== b.length) return false;
  let i = 0;
  while (i < b.length && a[i] === b[i]) i++;
  return i === b.length || (a.every((x) => b.includes(x)) && b.every((x) => a.includes(x)));
}

function isDefault(key: string, value: unknown, ours: unknown): boolean {
  switch (key) {
    case 'statusCodes':
      return sameList(value, DEFAULT_STATUS_CODES);
    case 'afterStatusCodes':
      return sameList(value, DEFAULT_AFTER_STATUS_CODES);
    case 'shouldRetry':
      return value === undefined || value === ours;
    case 'retryOnTimeout':
      return value === undefined || value === false;
    case 'jitter':
      return value === undefined;
    case 'maxRetryAfter':
    case 'backoffLimit':
      return value === undefined || value === Number.POSITIVE_INFINITY;
    default:
      return true;
  }
}

function refuse(key: string): TypeError {
  return new TypeError(
    `vendorErrors: ky's \`retry.${key}\` cannot be honoured; use vendorErrors({ retry }) with ${INSTEAD[key]}`,
  );
}

/**
 * Reads a request's normalized ky `retry` (from a `beforeRequest` hook's options): what it
 * changes for the loop, or a `TypeError` for what cannot be honoured. `ours` is the `limit`
 * `vendorErrors()` set, `ourShouldRetry` its `shouldRetry`.
 */
export function mapKyRetry(retry: unknown, method: string, ours: number, ourShouldRetry: unknown): LoopOverrides | TypeError {
  if (typeof retry !== 'object' || retry === null) return NONE;
  for (const key of CHECKED) {
    if (!isDefault(key, prop(retry, key), ourShouldRetry)) return refuse(key);
  }
  // ky always fills in its own `delay` function: only another one counts.
  const delay = prop(retry, 'delay');
  if (typeof delay === 'function' && !kyDelays.has(delay)) {
    if (!isKyDelay(delay as (n: number) => unknown)) return refuse('delay');
    kyDelays.add(delay);
  }
  let retries: number | undefined;
  let idempotent: boolean | undefined;
  const limit = prop(retry, 'limit');
  if (typeof limit === 'number' && limit !== ours) {
    if (!Number.isInteger(limit) || limit < 0) {
      return new TypeError(`vendorErrors: ky's \`retry.limit\` must be a non-negative integer, got ${String(limit)}`);
    }
    retries = Math.min(limit, MAX_RETRIES);
  }
  const methods = prop(retry, 'methods');
  if (Array.isArray(methods) && !sameList(methods, KY1_METHODS) && !sameList(methods, KY2_METHODS)) {
    const listed = methods.some((m) => typeof m === 'string' && m.toUpperCase() === method);
    if (listed) idempotent = true;
    else retries = 0;
  }
  return retries === undefined && idempotent === undefined ? NONE : { retries, idempotent };
}

/** No change for the loop: the usual request, one shared frozen object. */
const NONE: LoopOverrides = Object.freeze({});

/** ky's default delay, `attemptCount => 0.3 * 2 ** (attemptCount - 1) * 1000`, recognised by its output. */
function isKyDelay(delay: (n: number) => unknown): boolean {
  try {
    return delay(1) === 300 && delay(2) === 600 && delay(3) === 1200;
  } catch {
    return false;
  }
}

/** Puts our `shouldRetry` back on this request's own options (ky builds them per request). */
export function neutralize(retry: unknown, ours: unknown): void {
  if (typeof retry !== 'object' || retry === null) return;
  try {
    (retry as { shouldRetry?: unknown }).shouldRetry = ours;
  } catch {
    // A frozen retry object: ky's own checks (methods, statusCodes) still apply to it.
  }
}
