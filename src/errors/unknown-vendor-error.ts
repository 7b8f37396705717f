import { VendorError, type VendorErrorInit } from './vendor-error.js';

/**
 * Kind `unknown`. A failure no catalog knows; its HTTP status decides whether it is retryable.
 *
 * @example
 * if (err instanceof UnknownVendorError) console.warn(err.code, err.requestId);
 */
export class UnknownVendorError<Code extends number | string = number | string> extends VendorError<Code> {
  declare readonly kind: 'unknown';

  constructor(init: VendorErrorInit) {
    super(init, 'unknown');
    this.name = 'UnknownVendorError';
  }
}
