/**
 * What ky throws, as `VendorError`s: ky's `HTTPError` for a response the loop classified (the
 * same error, with ky's `HTTPError` as `cause` and the loop's `attempts`), for a response a hook
 * made up, ky 2's `TimeoutError` and `NetworkError`.
 */
import type { BodyInput } from '../../core/body.js';
import { normalize } from '../../core/normalize.js';
import { transportError } from '../../core/transport.js';
import { prop } from '../../core/wire.js';
import { attachRetryHistory, isVendorError, type VendorError } from '../../errors/vendor-error.js';
import { boundedData } from '../shared/body.js';
import type { ResolvedIntegration } from '../shared/options.js';
import { rejectedStatus } from '../shared/rejected.js';

/** The loop's verdict on a failure response ky was handed back, and the bytes it read. */
export interface KyFailure {
  readonly error: VendorError;
  readonly bytes: Uint8Array | undefined;
}

export function describeRequest(request: unknown): { method: string; url: string } {
  const method = prop(request, 'method');
  const url = prop(request, 'url');
  return {
    method: typeof method === 'string' ? method.toUpperCase() : 'GET',
    url: typeof url === 'string' ? url : '',
  };
}

function isResponse(value: unknown): value is Response {
  return typeof value === 'object' && value !== null && typeof (value as Response).status === 'number' && 'headers' in value;
}

/**
 * Converts what ky throws. `failures` maps the responses the loop handed to ky to its verdict:
 * such an `HTTPError` becomes that verdict again, built with ky's `HTTPError` as `cause`, so the
 * error carries both the vendor's meaning and ky's `response`, `request`, `options` (ky 2 `data`).
 */
export async function convertKyError(
  integration: ResolvedIntegration,
  error: unknown,
  request: unknown,
  failures: WeakMap<Response, KyFailure>,
): Promise<unknown> {
  if (isVendorError(error) || !(error instanceof Error)) return error;
  const ctx = describeRequest(prop(error, 'request') ?? request);
  const response = prop(error, 'response');
  if (error.name === 'HTTPError' && isResponse(response)) {
    const known = failures.get(response);
    // ky 2 has already read the body into `data`; ky 1 leaves the response unread.
    const data = prop(error, 'data');
    const body =
      known !== undefined
        ? known.bytes
        : data !== undefined
          ? data
          : response.bodyUsed
            ? undefined
            : await boundedData(response.body, integration.maxBodyBytes);
    const converted =
      normalize(integration.adapter, {
        status: response.status,
        headers: response.headers,
        body: body as BodyInput,
        ...ctx,
        cause: error,
        maxBodyBytes: integration.maxBodyBytes,
      }) ?? rejectedStatus(integration, response.status, ctx, error, 'ky');
    const { attempts, retryDecision } = known?.error ?? {};
    return attempts && retryDecision ? attachRetryHistory(converted, attempts, retryDecision) : converted;
  }
  // ky's own TimeoutError and (ky 2) NetworkError carry the request they failed on.
  if ((error.name === 'TimeoutError' || error.name === 'NetworkError') && prop(error, 'request') !== undefined) {
    return transportError(integration.adapter, error, ctx);
  }
  return error;
}
