import { describe, expect, it } from 'vitest';
import { upyun } from '../../adapters/index.js';
import { classifyTransport } from '../../src/core/transport.js';
import { transportError } from '../../src/advanced.js';
import { InvalidRequestError } from '../../src/index.js';

describe('transportError: the client code', () => {
  it('keeps the outermost client code as clientCode, in toJSON too', () => {
    const err = transportError(upyun, Object.assign(new Error('timeout of 5ms exceeded'), { code: 'ECONNABORTED' }));
    expect(err.clientCode).toBe('ECONNABORTED');
    expect(err.toJSON().clientCode).toBe('ECONNABORTED');
  });

  it('finds undici cause codes under a TypeError without a code', () => {
    const cause = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
    const err = transportError(upyun, new TypeError('fetch failed', { cause }));
    expect(err.clientCode).toBe('UND_ERR_SOCKET');
  });

  it('is undefined when the client set no code', () => {
    expect(transportError(upyun, new TypeError('fetch failed')).clientCode).toBeUndefined();
  });
});

const coded = (code: string, message = code, cause?: unknown): Error =>
  Object.assign(new Error(message, cause === undefined ? undefined : { cause }), { code });

describe('classifyTransport: what a failure without a response means', () => {
  it.each([
    ['refused', coded('ECONNREFUSED'), 'network', 'safe'],
    ['DNS', coded('ENOTFOUND'), 'network', 'safe'],
    ['DNS, try again', coded('EAI_AGAIN'), 'network', 'safe'],
    ['TLS certificate', coded('DEPTH_ZERO_SELF_SIGNED_CERT'), 'network', 'safe'],
    ['TLS altname', coded('ERR_TLS_CERT_ALTNAME_INVALID'), 'network', 'safe'],
    ['TLS handshake', coded('EPROTO'), 'network', 'safe'],
    ['undici refused under fetch failed', new TypeError('fetch failed', { cause: coded('ECONNREFUSED') }), 'network', 'safe'],
    ['axios ERR_NETWORK over refused', coded('ERR_NETWORK', 'Network Error', coded('ECONNREFUSED')), 'network', 'safe'],
    ['connect timeout', coded('UND_ERR_CONNECT_TIMEOUT'), 'timeout', 'safe'],
    ['reset', coded('ECONNRESET'), 'network', 'idempotent'],
    ['undici socket', new TypeError('fetch failed', { cause: coded('UND_ERR_SOCKET') }), 'network', 'idempotent'],
    ['axios timeout', coded('ECONNABORTED', 'timeout of 5ms exceeded'), 'timeout', 'idempotent'],
    ['bad option', coded('ERR_BAD_OPTION_VALUE'), 'invalid-request', 'never'],
    ['too many redirects', coded('ERR_FR_TOO_MANY_REDIRECTS'), 'invalid-request', 'never'],
    ['maxContentLength', coded('ERR_BAD_RESPONSE', 'maxContentLength size of 10 exceeded'), 'invalid-request', 'never'],
    ['maxBodyLength', coded('ERR_BAD_REQUEST', 'Request body larger than maxBodyLength limit'), 'invalid-request', 'never'],
    ['unsupported protocol', coded('ERR_BAD_REQUEST', 'Unsupported protocol ftp:'), 'invalid-request', 'never'],
    ['upload file missing', coded('ENOENT', "ENOENT: no such file or directory, open '/x'"), 'invalid-request', 'never'],
    [
      'undici redirect count',
      new TypeError('fetch failed', { cause: new Error('redirect count exceeded') }),
      'invalid-request',
      'never',
    ],
    ['no code at all', new TypeError('fetch failed'), 'network', 'idempotent'],
  ] as const)('%s', (_, error, kind, retry) => {
    const c = classifyTransport(error);
    expect([c.kind, c.retry]).toEqual([kind, retry]);
    expect(transportError(upyun, error).kind).toBe(kind);
    expect(transportError(upyun, error).retry).toBe(retry);
  });

  it('the phase decides for a reset: before the send safe, after it idempotent', () => {
    expect(classifyTransport(coded('ECONNRESET'), 'before-send').retry).toBe('safe');
    expect(classifyTransport(coded('ECONNRESET'), 'after-send').retry).toBe('idempotent');
  });

  it('a deterministic failure keeps the client message, redacted, and its code', () => {
    const err = transportError(upyun, coded('ERR_BAD_RESPONSE', 'maxContentLength size of 10 exceeded'), { method: 'get' });
    expect(err).toBeInstanceOf(InvalidRequestError);
    expect(err.message).toContain('maxContentLength size of 10 exceeded (ERR_BAD_RESPONSE) on GET');
    expect(err.clientCode).toBe('ERR_BAD_RESPONSE');
    const secret = transportError(upyun, coded('ENOENT', 'open /tmp/x?access_token=SECRET1234'));
    expect(secret.message).not.toContain('SECRET1234');
  });
});
