import type { Adapter } from '../../core/adapter.js';
import { DEFAULT_MAX_BODY_BYTES } from '../../core/body.js';
import { type ResolvedRetryOptions, type RetryOptions, resolveRetryOptions } from '../../retry/options.js';
import { describeValue } from '../../core/options.js';

/** What every integration (axios, ky, fetch) takes. */
export interface VendorIntegrationOptions {
  /** The vendor the client talks to, e.g. `upyun` from `vendor-errors/adapters`, or one from `defineAdapter()`. */
  readonly adapter: Adapter;
  /**
   * How failed requests are retried: {@link RetryOptions}, passed to the retry loop as they are,
   * or `false` for a single attempt.
   * @default undefined (every default of RetryOptions)
   */
  readonly retry?: RetryOptions | false;
  /**
   * Error bodies are read up to this many bytes and the rest is cancelled; 2xx bodies larger
   * than this are never inspected for errors hidden in them.
   * @default 65536 (DEFAULT_MAX_BODY_BYTES)
   */
  readonly maxBodyBytes?: number;
}

/** @internal Validated integration options. */
export interface ResolvedIntegration {
  readonly adapter: Adapter;
  /** The caller's retry options, as given. */
  readonly retry: RetryOptions | false | undefined;
  /** Those options resolved and validated, once, for every request of the client. */
  readonly options: ResolvedRetryOptions;
  /** How many retries those options allow (0 when off). */
  readonly retries: number;
  readonly maxBodyBytes: number;
  /**
   * When an attempt of this client last timed out (`Date.now()`), or `undefined`: the one field
   * that changes, read by shared/timed-attempt.ts to choose between raced and abortable attempts.
   */
  readonly timeouts: { lastAt: number | undefined };
}

function isAdapter(value: unknown): value is Adapter {
  if (typeof value !== 'object' || value === null) return false;
  const a = value as Partial<Adapter>;
  return typeof a.name === 'string' && typeof a.parse === 'function' && typeof a.catalog?.lookup === 'function';
}

/**
 * @internal Checks the options at creation time, so a bad option fails where the client is
 * built rather than on its first request. Throws a `TypeError` naming the option.
 */
export function resolveIntegrationOptions(caller: string, options: unknown): ResolvedIntegration {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`${caller}: options must be an object with an \`adapter\`, got ${describeValue(options)}`);
  }
  const o = options as Partial<VendorIntegrationOptions>;
  if (!isAdapter(o.adapter)) {
    throw new TypeError(
      `${caller}: option \`adapter\` must be an Adapter (from vendor-errors/adapters or defineAdapter()), got ${describeValue(o.adapter)}`,
    );
  }
  let resolved: ResolvedRetryOptions;
  try {
    resolved = resolveRetryOptions(o.retry);
  } catch (error) {
    throw new TypeError(`${caller}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const max = o.maxBodyBytes;
  if (max !== undefined && (typeof max !== 'number' || !Number.isInteger(max) || max < 1)) {
    throw new TypeError(`${caller}: option \`maxBodyBytes\` must be a positive integer, got ${describeValue(max)}`);
  }
  return Object.freeze({
    adapter: o.adapter,
    retry: o.retry,
    options: resolved,
    retries: resolved.retries,
    maxBodyBytes: max ?? DEFAULT_MAX_BODY_BYTES,
    timeouts: { lastAt: undefined },
  });
}
