/**
 * A pacer's deadline refusal is modelled on the key's last answer (another call's): the loop
 * gives it this call's method and redacted URL, as a response's error carries them.
 */
import { describe, expect, it } from 'vitest';
import { netease } from '../../adapters/index.js';
import { redactUrl } from '../../src/errors/redact.js';
import { createFetch } from '../../src/integrations/fetch.js';
import { createPacer, RateLimitError, retry, type VendorError } from '../../src/index.js';
import { neteaseLimit } from '../pacer/helpers.js';

const URL_SECRET = 'https://open.c.163.com/api/v1/containers?access_token=s3cr3t-token-value';
const KEY = 'netease|open.c.163.com';

/** A pacer another client has told to wait 30 s on the key. */
function limitedPacer(key = KEY) {
  const pacer = createPacer();
  pacer.report(key, neteaseLimit(30));
  return pacer;
}

describe("a pacer's deadline refusal carries the call's method and URL", () => {
  it('retry(): from its options, redacted', async () => {
    const pacer = limitedPacer();
    let calls = 0;
    const error = (await retry(
      async () => {
        calls++;
        return 'sent';
      },
      { vendor: 'netease', url: URL_SECRET, method: 'post', idempotent: true, pacer, maxElapsedMs: 5000 },
    ).catch((e: unknown) => e)) as VendorError;
    expect(calls).toBe(0);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryDecision?.reason).toBe('deadline');
    expect(error.method).toBe('POST');
    expect(error.url).toBe(redactUrl(URL_SECRET));
    expect(error.url).not.toContain('s3cr3t');
    expect(JSON.stringify(error)).not.toContain('s3cr3t');
    pacer.close();
  });

  it('createFetch: the request it was about to send', async () => {
    const pacer = limitedPacer();
    let calls = 0;
    const f = createFetch({
      adapter: netease,
      fetch: async () => {
        calls++;
        return new Response('{}', { status: 200 });
      },
      retry: { pacer, maxElapsedMs: 5000 },
    });
    const error = (await f(new URL(URL_SECRET), { method: 'delete' }).catch((e: unknown) => e)) as VendorError;
    expect(calls).toBe(0);
    expect(error.retryDecision?.reason).toBe('deadline');
    expect(error).toMatchObject({ method: 'DELETE', url: redactUrl(URL_SECRET) });
    pacer.close();
  });

  it('without a method or URL given, the error has none', async () => {
    // Without a URL the key is the vendor's alone.
    const pacer = limitedPacer('netease');
    const error = (await retry(async () => 'sent', { vendor: 'netease', pacer, maxElapsedMs: 5000 }).catch(
      (e: unknown) => e,
    )) as VendorError;
    expect(error.retryDecision?.reason).toBe('deadline');
    expect(error.method).toBeUndefined();
    expect(error.url).toBeUndefined();
    pacer.close();
  });
});
