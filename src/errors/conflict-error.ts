import { VendorError, type VendorErrorInit } from './vendor-error.js';

/**
 * Kind `conflict`. The resource already exists or the name is taken.
 *
 * @example
 * if (err instanceof ConflictError) console.warn(err.code, err.requestId);
 */
export class ConflictError<Code extends number | string = number | string> extends VendorError<Code> {
  declare readonly kind: 'conflict';

  constructor(init: VendorErrorInit) {
    super(init, 'conflict');
    this.name = 'ConflictError';
  }
}
