import { VendorError, type VendorErrorInit } from './vendor-error.js';

/**
 * Kind `rate-limited`. The vendor refused the call because of its send rate; any method may retry after a wait.
 *
 * @example
 * if (err instanceof RateLimitError) console.warn(err.code, err.requestId);
 */
export class RateLimitError<Code extends number | string = number | string> extends VendorError<Code> {
  declare readonly kind: 'rate-limited';

  constructor(init: VendorErrorInit) {
    super(init, 'rate-limited');
    this.name = 'RateLimitError';
  }
}
