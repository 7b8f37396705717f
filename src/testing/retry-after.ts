/** How a simulated answer announces a wait: the Retry-After formats a client must understand. */
import type { RateLimitHeaderStyle, RetryAfterStyle } from './scenario.js';

export function retryAfterHeaders(style: RetryAfterStyle | undefined, waitMs: number, now: number): Record<string, string> {
  const wait = Math.max(0, waitMs);
  switch (style) {
    case 'seconds':
      // Delta-seconds are whole numbers (RFC 9110 §10.2.3); rounding up never invites a too-early retry.
      return { 'retry-after': String(Math.ceil(wait / 1000)) };
    case 'date':
      // HTTP-dates have one-second resolution: round the instant up for the same reason.
      return { 'retry-after': new Date(Math.ceil((now + wait) / 1000) * 1000).toUTCString() };
    case 'ms':
      return { 'retry-after-ms': String(Math.ceil(wait)) };
    default:
      return {};
  }
}

/** A bucket's state as rate-limit headers announce it. */
export interface QuotaState {
  readonly limit: number;
  readonly remaining: number;
  readonly resetMs: number;
  /** The policy's window in seconds (`RateLimit-Policy` `w`). @default 1 */
  readonly windowS?: number;
}

/** The headers of a {@link RateLimitHeaderStyle}; resets in whole seconds, rounded up (never too early). */
export function rateLimitHeaders(style: RateLimitHeaderStyle | undefined, q: QuotaState, now: number): Record<string, string> {
  const limit = Math.floor(q.limit);
  const remaining = Math.max(0, Math.floor(q.remaining));
  const reset = Math.ceil(Math.max(0, q.resetMs) / 1000);
  switch (style) {
    case 'ietf':
      return {
        ratelimit: `"default";r=${remaining};t=${reset}`,
        'ratelimit-policy': `"default";q=${limit};w=${Math.max(1, Math.ceil(q.windowS ?? 1))}`,
      };
    case 'ietf-fields':
      return { 'ratelimit-limit': String(limit), 'ratelimit-remaining': String(remaining), 'ratelimit-reset': String(reset) };
    case 'x-ratelimit':
      return {
        'x-ratelimit-limit': String(limit),
        'x-ratelimit-remaining': String(remaining),
        'x-ratelimit-reset': String(Math.ceil((now + Math.max(0, q.resetMs)) / 1000)),
      };
    default:
      return {};
  }
}
