import { VendorError, type VendorErrorInit } from './vendor-error.js';

/**
 * Kind `precondition-failed`. The resource is in a state that does not allow the operation (instance status, directory not empty).
 *
 * @example
 * if (err instanceof PreconditionFailedError) console.warn(err.code, err.requestId);
 */
export class PreconditionFailedError<Code extends number | string = number | string> extends VendorError<Code> {
  declare readonly kind: 'precondition-failed';

  constructor(init: VendorErrorInit) {
    super(init, 'precondition-failed');
    this.name = 'PreconditionFailedError';
  }
}
