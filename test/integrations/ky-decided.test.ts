/**
 * ./src/integrations/ky/decided.ts on its own: what ky's `shouldRetry` answers for an error,
 * by the call that asks (`this`, the call's `retry` object) and the call the loop decided it for.
 */
import { describe, expect, it } from 'vitest';
import { upyun } from '../../adapters/index.js';
import { normalize } from '../../src/core/normalize.js';
import { ANY_CALL, kyDecisions } from '../../src/integrations/ky/decided.js';

const KY_STATUS_CODES = [408, 413, 429, 500, 502, 503, 504];

/** A VendorError wrapping a ky HTTPError of `status` (as our beforeError makes it). */
function vendorErrorOf(status: number, headers: Record<string, string> = {}) {
  const response = new Response('{}', { status, headers });
  const cause = Object.assign(new Error(`HTTP ${status}`), { name: 'HTTPError', response });
  const err = normalize(upyun, {
    status,
    headers: response.headers,
    body: '{}',
    method: 'GET',
    url: 'http://127.0.0.1/x',
    cause,
  });
  if (!err) throw new Error('no error');
  return { err, response };
}

describe('kyDecisions', () => {
  const outer = { limit: 2, statusCodes: KY_STATUS_CODES };
  const nested = { limit: 2, statusCodes: KY_STATUS_CODES };

  it('what the loop decided for the asking call, or for any call, is never repeated', () => {
    const d = kyDecisions();
    const { err } = vendorErrorOf(503);
    d.own(err, outer);
    expect(d.shouldRetry.call(outer, { error: err })).toBe(false);
    const { err: other } = vendorErrorOf(503);
    d.own(other, ANY_CALL);
    expect(d.shouldRetry.call(outer, { error: other })).toBe(false);
  });

  it('a failure response handed back marks ky’s HTTPError of it as decided', () => {
    const d = kyDecisions();
    const response = new Response(null, { status: 503 });
    d.own(response, outer);
    const httpError = Object.assign(new Error('HTTP 503'), { name: 'HTTPError', response });
    expect(d.shouldRetry.call(outer, { error: httpError })).toBe(false);
    // The same HTTPError from another call (ky 1 unwrapped: a hook rethrows it) is ky's to judge.
    expect(d.shouldRetry.call(nested, { error: httpError })).toBeUndefined();
  });

  it.each([
    [500, {}, true],
    [503, {}, true],
    [404, {}, false],
    [401, {}, false],
    [413, {}, false],
    [413, { 'retry-after': '1' }, true],
  ])('another call’s VendorError for a %i %j: as bare ky judges its HTTPError (%s)', (status, headers, expected) => {
    const d = kyDecisions();
    const { err } = vendorErrorOf(status, headers);
    d.own(err, nested);
    expect(d.shouldRetry.call(outer, { error: err })).toBe(expected);
    expect(d.shouldRetry.call(nested, { error: err })).toBe(false);
  });

  it('called without a call (ky 2.1 destructures shouldRetry): anything the loop decided is final', () => {
    const d = kyDecisions();
    const { err } = vendorErrorOf(500);
    d.own(err, nested);
    expect(d.shouldRetry.call(undefined, { error: err })).toBe(false);
    const { shouldRetry } = d;
    expect(shouldRetry({ error: err })).toBe(false);
  });

  it('a refusal is never retried; an error nobody decided is left to ky (undefined)', () => {
    const d = kyDecisions();
    const refusal = new TypeError('refused');
    d.refuse(refusal);
    expect(d.shouldRetry.call(outer, { error: refusal })).toBe(false);
    expect(d.shouldRetry.call(outer, { error: new TypeError('fetch failed') })).toBeUndefined();
    // A VendorError nobody owns wrapping a ky TimeoutError: ky's retryOnTimeout is false.
    const cause = Object.assign(new Error('Request timed out'), { name: 'TimeoutError' });
    const timeout = normalize(upyun, { status: 504, body: '{}', method: 'GET', url: 'http://127.0.0.1/x', cause });
    expect(d.shouldRetry.call(outer, { error: timeout })).toBe(false);
  });
});
