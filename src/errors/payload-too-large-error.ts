import { VendorError, type VendorErrorInit } from './vendor-error.js';

/**
 * Kind `payload-too-large`. The file or body is too big for the vendor.
 *
 * @example
 * if (err instanceof PayloadTooLargeError) console.warn(err.code, err.requestId);
 */
export class PayloadTooLargeError<Code extends number | string = number | string> extends VendorError<Code> {
  declare readonly kind: 'payload-too-large';

  constructor(init: VendorErrorInit) {
    super(init, 'payload-too-large');
    this.name = 'PayloadTooLargeError';
  }
}
