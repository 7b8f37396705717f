import { VendorError, type VendorErrorInit } from './vendor-error.js';

/**
 * Kind `not-found`. The resource does not exist (404 family, "No such ...").
 *
 * @example
 * if (err instanceof NotFoundError) console.warn(err.code, err.requestId);
 */
export class NotFoundError<Code extends number | string = number | string> extends VendorError<Code> {
  declare readonly kind: 'not-found';

  constructor(init: VendorErrorInit) {
    super(init, 'not-found');
    this.name = 'NotFoundError';
  }
}
