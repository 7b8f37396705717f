import { VendorError, type VendorErrorInit } from './vendor-error.js';

/**
 * Kind `unavailable`. The vendor is busy or down (503 family, "system busy", proxy 502).
 *
 * @example
 * if (err instanceof ServiceUnavailableError) console.warn(err.code, err.requestId);
 */
export class ServiceUnavailableError<Code extends number | string = number | string> extends VendorError<Code> {
  declare readonly kind: 'unavailable';

  constructor(init: VendorErrorInit) {
    super(init, 'unavailable');
    this.name = 'ServiceUnavailableError';
  }
}
