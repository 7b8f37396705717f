// A consumer of the BUILT package: 'vendor-errors' resolves through package.json `exports` to
// dist/**/*.d.ts (self-reference), checked with skipLibCheck off. Run by test/types/built.test.ts.
import { type AnyVendorError, isVendorError, normalize, type RateLimitError } from 'vendor-errors';
import { upyun } from 'vendor-errors/adapters';
import { MAX_TIMER_MS } from 'vendor-errors/advanced';

export function wait(e: AnyVendorError): number {
  switch (e.kind) {
    case 'rate-limited': {
      const limited: RateLimitError = e;
      return limited.retryAfterMs ?? MAX_TIMER_MS;
    }
    case 'invalid-request':
    case 'unauthenticated':
    case 'permission-denied':
    case 'not-found':
    case 'conflict':
    case 'precondition-failed':
    case 'payload-too-large':
    case 'quota-exceeded':
    case 'unavailable':
    case 'timeout':
    case 'internal':
    case 'not-implemented':
    case 'network':
    case 'unknown':
      return 0;
    default: {
      const unreachable: never = e;
      return unreachable;
    }
  }
}

export function check(caught: unknown): boolean {
  const e = normalize(upyun, { status: 429, body: '{"code":42900002,"msg":"x"}' });
  if (e?.kind === 'rate-limited') {
    const known: boolean = e.code === 42900002;
    // @ts-expect-error 42900099 is not in UpYun's table
    const typo: boolean = e.code === 42900099;
    return known || typo;
  }
  return isVendorError(caught) && caught.kind === 'not-found';
}
