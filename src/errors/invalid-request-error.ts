import { VendorError, type VendorErrorInit } from './vendor-error.js';

/**
 * Kind `invalid-request`. The request is malformed or a parameter is invalid; sending it again fails the same way.
 *
 * @example
 * if (err instanceof InvalidRequestError) console.warn(err.code, err.requestId);
 */
export class InvalidRequestError<Code extends number | string = number | string> extends VendorError<Code> {
  declare readonly kind: 'invalid-request';

  constructor(init: VendorErrorInit) {
    super(init, 'invalid-request');
    this.name = 'InvalidRequestError';
  }
}
