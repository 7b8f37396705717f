import { VendorError, type VendorErrorInit } from './vendor-error.js';

/**
 * Kind `quota-exceeded`. A quota, balance or disk is exhausted; waiting a moment does not help.
 *
 * @example
 * if (err instanceof QuotaExceededError) console.warn(err.code, err.requestId);
 */
export class QuotaExceededError<Code extends number | string = number | string> extends VendorError<Code> {
  declare readonly kind: 'quota-exceeded';

  constructor(init: VendorErrorInit) {
    super(init, 'quota-exceeded');
    this.name = 'QuotaExceededError';
  }
}
