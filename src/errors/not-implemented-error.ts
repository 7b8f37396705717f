import { VendorError, type VendorErrorInit } from './vendor-error.js';

/**
 * Kind `not-implemented`. The vendor does not support this API (501).
 *
 * @example
 * if (err instanceof NotImplementedError) console.warn(err.code, err.requestId);
 */
export class NotImplementedError<Code extends number | string = number | string> extends VendorError<Code> {
  declare readonly kind: 'not-implemented';

  constructor(init: VendorErrorInit) {
    super(init, 'not-implemented');
    this.name = 'NotImplementedError';
  }
}
