/**
 * Why a held call was not sent: the error a pacer rejects with when a call's deadline passes (or
 * is foreseen to pass) while its key holds it. The retry loop records it as stop reason `deadline`.
 */
import { ServiceUnavailableError, createVendorError } from '../errors/index.js';
import type { Classification } from '../core/classify.js';
import { toVendorError } from '../core/normalize.js';
import { isVendorError, type VendorError } from '../errors/vendor-error.js';
import { keyState } from './events.js';
import type { Lane } from './queue.js';
import type { PacerState } from './state.js';

function vendorOfKey(key: string): string {
  const bar = key.indexOf('|');
  return bar === -1 ? key : key.slice(0, bar);
}

function describeHold(key: string, state: PacerState, t: number): string {
  switch (keyState(state, t)) {
    case 'paused':
      return `its key ${key} resumes from a Retry-After pause in ${Math.ceil(state.pausedUntil - t)} ms`;
    case 'open':
      return `the vendor, down after ${state.failures} consecutive failures, answers a probe (next probe in ${Math.max(0, Math.ceil(state.probeAt - t))} ms)`;
    case 'probing':
      return `the probe sent to the vendor after an outage comes back`;
    default:
      return `its turn at ${state.rate.toFixed(2)} requests/s on ${key}`;
  }
}

/**
 * The key's last rate limit or outage answer (its kind, vendor fields and hint) with what the
 * pacer did added to the message, its `cause` that answer; a 503 when there was none.
 */
export function deadlineError(lane: Lane, state: PacerState, t: number, enqueuedAt: number | undefined): VendorError {
  const waited = enqueuedAt === undefined ? 0 : Math.max(0, t - enqueuedAt);
  const detail = `the pacer held the call for ${Math.round(waited)} ms and its deadline passed before ${describeHold(lane.key, state, t)}; it was not sent`;
  const told = lane.lastError;
  // The retry loop reports records: the answer's VendorError is built only now, when it is a model.
  const last =
    told === undefined || isVendorError(told) ? (told as VendorError | undefined) : toVendorError(told as Classification);
  return last
    ? createVendorError(last.kind, {
        vendor: last.vendor,
        status: last.status,
        code: last.code,
        codeName: last.codeName,
        vendorMessage: last.vendorMessage,
        message: `${last.message} — ${detail}`,
        retry: last.retry,
        retryAfterMs: last.retryAfterMs,
        cause: last,
      })
    : new ServiceUnavailableError({ vendor: vendorOfKey(lane.key), message: `${vendorOfKey(lane.key)}: ${detail}` });
}
