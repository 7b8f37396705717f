import { VendorError, type VendorErrorInit } from './vendor-error.js';

/**
 * Kind `internal`. The vendor failed unexpectedly (500).
 *
 * @example
 * if (err instanceof InternalServerError) console.warn(err.code, err.requestId);
 */
export class InternalServerError<Code extends number | string = number | string> extends VendorError<Code> {
  declare readonly kind: 'internal';

  constructor(init: VendorErrorInit) {
    super(init, 'internal');
    this.name = 'InternalServerError';
  }
}
