import { asCode, asText, defineAdapter, field, type NormalizeInput, normalize, type VendorError } from '../../src/index.js';

/** A vendor for the retry tests: a rate limit code, a "system busy" code sent under HTTP 200, a plain failure. */
export const acme = defineAdapter({
  name: 'acme',
  displayName: 'Acme',
  catalog: [
    [7001, 429, 'rate-limited', 'safe', 'SLOW_DOWN', 'Too many requests'],
    [7002, 0, 'unavailable', 'safe', 'SYSTEM_BUSY', 'System busy, try later'],
    [7003, 404, 'not-found', 'never', 'NO_SUCH_FILE', 'No such file'],
  ],
  parse: ({ json }) => {
    const code = asCode(field(json, 'errno'));
    if (code === undefined) return undefined;
    return { code, message: asText(field(json, 'errmsg')), failed: code !== 0 };
  },
});

/** A VendorError as the acme adapter classifies the response. */
export function vendorError(input: NormalizeInput): VendorError {
  const error = normalize(acme, input);
  if (!error) throw new Error('expected a failure');
  return error;
}

export const http = (status: number, extra: Omit<NormalizeInput, 'status'> = {}): VendorError =>
  vendorError({ status, ...extra });
