import { VendorError, type VendorErrorInit } from './vendor-error.js';

/**
 * Kind `unauthenticated`. Credentials are missing, invalid or expired (401, bad token, signature error, clock skew).
 *
 * @example
 * if (err instanceof AuthenticationError) console.warn(err.code, err.requestId);
 */
export class AuthenticationError<Code extends number | string = number | string> extends VendorError<Code> {
  declare readonly kind: 'unauthenticated';

  constructor(init: VendorErrorInit) {
    super(init, 'unauthenticated');
    this.name = 'AuthenticationError';
  }
}
