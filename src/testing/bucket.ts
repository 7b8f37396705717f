/** The token bucket of a `rateLimit` scenario: pure arithmetic on a state the core keeps per vendor. */
import type { RateLimitScenario } from './scenario.js';

/** Tokens left and when they were last topped up (simulator clock, ms). */
export interface Bucket {
  tokens: number;
  refilledAt: number;
}

/** What one request got from the bucket. */
export type Take =
  | { readonly ok: true; readonly remaining: number; readonly resetMs: number }
  | { readonly ok: false; readonly waitMs: number };

/** How many requests may arrive at once: `burst`, or one second's worth. */
export function capacity(r: RateLimitScenario | undefined): number {
  return r ? (r.burst ?? r.perSecond) : 0;
}

/** A bucket starts full. */
export function fullBucket(r: RateLimitScenario | undefined, now: number): Bucket {
  return { tokens: capacity(r), refilledAt: now };
}

/** Tops the bucket up for the time elapsed, then takes a token or says how long until there is one. */
export function takeToken(b: Bucket, r: RateLimitScenario, now: number): Take {
  const elapsed = Math.max(0, now - b.refilledAt);
  b.tokens = Math.min(capacity(r), b.tokens + (elapsed * r.perSecond) / 1000);
  // A clock that steps back never refills twice.
  b.refilledAt = Math.max(b.refilledAt, now);
  if (b.tokens >= 1) {
    b.tokens -= 1;
    const remaining = Math.floor(b.tokens);
    // With none left, the reset that matters is the next token; otherwise the bucket full again.
    const missing = remaining === 0 ? 1 - b.tokens : capacity(r) - b.tokens;
    return { ok: true, remaining, resetMs: (missing / r.perSecond) * 1000 };
  }
  return { ok: false, waitMs: ((1 - b.tokens) / r.perSecond) * 1000 };
}
