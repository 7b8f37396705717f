/** @internal What an axios failure becomes: the vendor's answer, or a failure without one. */
import { AxiosError } from 'axios';
import type { BodyInput } from '../../core/body.js';
import { normalize } from '../../core/normalize.js';
import { isTimeoutFailure, type TransportPhase, transportError } from '../../core/transport.js';
import type { VendorError } from '../../errors/vendor-error.js';
import type { ResolvedIntegration } from '../shared/options.js';
import { rejectedStatus } from '../shared/rejected.js';
import type { CallDescription } from './url.js';

/**
 * An `AxiosError` as a `VendorError`: a failure status (or an error body) is the vendor's answer;
 * a timeout, a transfer that broke after the headers or a client-side check is a failure without
 * a usable response (core/transport.ts classifies it).
 */
/** axios' `http` adapter refuses a `timeout` it cannot parse; its `fetch` adapter times out at once. */
function invalidTimeout(config: unknown): boolean {
  const timeout = (config as { timeout?: unknown } | undefined)?.timeout;
  return timeout !== undefined && timeout !== null && Number.isNaN(Number.parseInt(String(timeout), 10));
}

/** The http adapter's own error for that, so both transports fail the same way (never retried). */
function badTimeout(error: AxiosError): AxiosError {
  const bad = new AxiosError(
    'error trying to parse `config.timeout` to int',
    AxiosError.ERR_BAD_OPTION_VALUE,
    error.config,
    error.request,
  );
  Object.defineProperty(bad, 'cause', { value: error, writable: true, configurable: true, enumerable: false });
  return bad;
}

export function fromAxiosError(
  integration: ResolvedIntegration,
  error: AxiosError,
  body: unknown,
  ctx: CallDescription,
  phase?: TransportPhase,
): VendorError {
  const response = error.response;
  const timedOut = isTimeoutFailure(error);
  if (timedOut && invalidTimeout(error.config)) return transportError(integration.adapter, badTimeout(error), ctx);
  if (response && !timedOut) {
    const failure = normalize(integration.adapter, {
      status: response.status,
      headers: response.headers,
      body: body as BodyInput,
      ...ctx,
      cause: error,
      maxBodyBytes: integration.maxBodyBytes,
    });
    if (failure) return failure;
    if (error.code === AxiosError.ERR_BAD_REQUEST || error.code === AxiosError.ERR_BAD_RESPONSE) {
      if (/status code/i.test(error.message)) return rejectedStatus(integration, response.status, ctx, error, 'validateStatus');
    }
  }
  return transportError(integration.adapter, error, { method: ctx.method, url: ctx.url, phase });
}
