/** How a simulated answer announces a wait: the Retry-After formats a client must understand. */
import type { RetryAfterStyle } from './scenario.js';

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
