import { kindFromStatus } from '../../core/kinds.js';
import { createVendorError } from '../../errors/index.js';
import type { VendorError } from '../../errors/vendor-error.js';
import type { ResolvedIntegration } from './options.js';

/**
 * @internal A status the client rejects but that is no failure to `normalize()` (a 3xx without
 * `Location`, a 2xx refused by axios' `validateStatus`): still a `VendorError`, of the kind the
 * status implies (`unknown` outside 4xx/5xx), with the client's error as cause.
 */
export function rejectedStatus(
  integration: ResolvedIntegration,
  status: number,
  ctx: { readonly method: string; readonly url: string },
  cause: unknown,
  by: string,
): VendorError {
  return createVendorError(kindFromStatus(status), {
    vendor: integration.adapter.name,
    status,
    method: ctx.method,
    url: ctx.url,
    cause,
    message: `${integration.adapter.displayName}: HTTP ${status} rejected by ${by}`,
  });
}
