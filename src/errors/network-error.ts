import { VendorError, type VendorErrorInit } from './vendor-error.js';

/**
 * Kind `network`. No response arrived at all: connection refused or reset, DNS failure, TLS failure.
 *
 * @example
 * if (err instanceof NetworkError) console.warn(err.code, err.requestId);
 */
export class NetworkError<Code extends number | string = number | string> extends VendorError<Code> {
  declare readonly kind: 'network';

  constructor(init: VendorErrorInit) {
    super(init, 'network');
    this.name = 'NetworkError';
  }
}
