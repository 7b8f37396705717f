import { VendorError, type VendorErrorInit } from './vendor-error.js';

/**
 * Kind `permission-denied`. The caller is known but not allowed to do this (403, IP not authorized).
 *
 * @example
 * if (err instanceof PermissionDeniedError) console.warn(err.code, err.requestId);
 */
export class PermissionDeniedError<Code extends number | string = number | string> extends VendorError<Code> {
  declare readonly kind: 'permission-denied';

  constructor(init: VendorErrorInit) {
    super(init, 'permission-denied');
    this.name = 'PermissionDeniedError';
  }
}
