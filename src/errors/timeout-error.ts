import { VendorError, type VendorErrorInit } from './vendor-error.js';

/**
 * Kind `timeout`. The request timed out, at the vendor (408, 504) or in the client.
 *
 * @example
 * if (err instanceof TimeoutError) console.warn(err.code, err.requestId);
 */
export class TimeoutError<Code extends number | string = number | string> extends VendorError<Code> {
  declare readonly kind: 'timeout';

  constructor(init: VendorErrorInit) {
    super(init, 'timeout');
    this.name = 'TimeoutError';
  }
}
