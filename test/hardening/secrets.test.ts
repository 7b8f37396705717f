/**
 * Issue #5: no credential ever leaks. Secrets are planted everywhere a request carries them
 * (query, headers, cookies, the MFP WebSocket URL, vendor echoes, client errors) and every
 * output of every vendor's errors is scanned for them.
 */
import { inspect } from 'node:util';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { apiSwitch, baiduPcs, mfp, netease, upyun } from '../../adapters/index.js';
import { type Adapter, addSecretNames, normalize, retry, VendorError } from '../../src/index.js';
import { isSecretName, REDACTED, redactHeaderValue, redactText, redactUrl, transportError } from '../../src/advanced.js';
import { assertProperty, casesRun } from './invariants.js';
import { all, echoes, leaks, type Planted, plant, secret, secretHeaders, secretUrl, wsUrl } from './secrets.js';

const ADAPTERS: readonly Adapter[] = [upyun, baiduPcs, netease, apiSwitch, mfp];

/** Each vendor's error body with `message` in its message field. */
const BODY: Record<string, (message: string) => Record<string, unknown>> = {
  upyun: (msg) => ({ msg, code: 40100005, id: 'req-1' }),
  'baidu-pcs': (msg) => ({ error_code: 110, error_msg: msg, request_id: 2939656146461714799n.toString() }),
  netease: (message) => ({ code: 4010001, message }),
  'api-switch': (message) => ({ Code: 10004, Message: message }),
  mfp: (message) => ({ status: 'error', retcode: 10001, data: null, message, id: 'a' }),
};

/** A client's error as axios builds it: the request config (headers!) hangs off it. */
function clientError(p: Planted, url: string): Error {
  return Object.assign(new Error(`Request to ${url} failed with Authorization: UPYUN operator:${p.upyunSignature}`), {
    name: 'AxiosError',
    code: 'ERR_BAD_RESPONSE',
    config: { url, headers: secretHeaders(p), params: { access_token: p.accessToken } },
    request: { _header: `GET /x HTTP/1.1\r\nCookie: BDUSS=${p.bduss}\r\n\r\n` },
  });
}

function urlFor(adapter: Adapter, p: Planted): string {
  return adapter.name === 'mfp' ? wsUrl(p) : secretUrl(p, `https://${adapter.name}.example.test/api`);
}

describe.each(ADAPTERS.map((a) => [a.name, a] as const))('%s: planted secrets never show', (name, adapter) => {
  it('vendor bodies echoing credentials, under a failure and under 200', () => {
    const p = plant();
    const url = urlFor(adapter, p);
    for (const echo of echoes(p)) {
      const body = BODY[name]!(echo);
      for (const form of [body, JSON.stringify(body), new TextEncoder().encode(JSON.stringify(body))]) {
        for (const status of [401, 200, undefined]) {
          const err = normalize(adapter, { status, body: form, url, method: 'get', cause: clientError(p, url) });
          if (status === 401) expect(err).toBeInstanceOf(VendorError);
          if (!err) continue;
          expect(leaks(err, all(p)), echo).toEqual([]);
          expect(err.url).toContain(adapter.name === 'mfp' ? '/api/v1?token=' : 'keep=visible');
        }
      }
    }
  });

  it('plain-text and HTML bodies echoing credentials', () => {
    const p = plant();
    const url = urlFor(adapter, p);
    for (const echo of echoes(p)) {
      for (const body of [
        echo,
        `${echo}\nmore`,
        `<html><head><title>${echo}</title></head><body><h1>${echo}</h1></body></html>`,
      ]) {
        const err = normalize(adapter, { status: 502, body, url, cause: clientError(p, url) });
        expect(err).toBeInstanceOf(VendorError);
        expect(leaks(err, all(p)), body).toEqual([]);
      }
    }
  });

  it('transport failures whose client error carries the URL and headers', () => {
    const p = plant();
    const url = urlFor(adapter, p);
    const err = transportError(adapter, clientError(p, url), { method: 'GET', url });
    expect(leaks(err, all(p))).toEqual([]);
    const timeout = transportError(adapter, Object.assign(new Error(`timeout of ${url}`), { name: 'TimeoutError' }), { url });
    expect(timeout.kind).toBe('timeout');
    expect(leaks(timeout, all(p))).toEqual([]);
  });

  it('errors that went through the retry engine (attempt history, decision)', async () => {
    const p = plant();
    const url = urlFor(adapter, p);
    const bodies = echoes(p).map((e) => BODY[name]!(e));
    let i = 0;
    const final = await retry(
      async () => {
        const body = bodies[i++ % bodies.length]!;
        throw normalize(adapter, { status: 503, body, url, method: 'GET', cause: clientError(p, url) });
      },
      { retries: 3, baseDelayMs: 0, maxDelayMs: 0, method: 'GET' },
    ).catch((e: unknown) => e);
    expect(final).toBeInstanceOf(VendorError);
    expect((final as VendorError).attempts?.length).toBeGreaterThan(0);
    expect(leaks(final, all(p))).toEqual([]);
  });
});

describe('the cause the library keeps', () => {
  it('inspect(err) summarises the client error without its config; JSON has no cause at all', () => {
    const p = plant();
    const url = secretUrl(p);
    const cause = clientError(p, url);
    const err = normalize(baiduPcs, { status: 401, body: '{"error_code":110}', url, cause })!;
    expect(err.cause).toBe(cause); // kept as is, for programs
    const shown = inspect(err, { depth: Number.POSITIVE_INFINITY, showHidden: true });
    expect(shown).toContain('cause');
    expect(shown).toContain('AxiosError');
    for (const s of all(p)) expect(shown).not.toContain(s);
    expect(JSON.stringify(err)).not.toContain('cause');
  });

  it('a hostile cause (revoked proxy, null prototype, throwing toString, 1 MB message) still inspects', () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const causes: unknown[] = [
      proxy,
      Object.create(null),
      {
        toString() {
          throw new Error('bomb');
        },
      },
      Object.assign(new Error('x'.repeat(1_000_000)), {}),
      Symbol('s'),
      10n,
    ];
    for (const cause of causes) {
      const err = normalize(upyun, { status: 500, cause })!;
      const shown = inspect(err);
      expect(typeof shown).toBe('string');
      expect(shown.length).toBeLessThan(8192);
    }
  });
});

describe('redaction rules', () => {
  it('the MFP WebSocket URL and every query credential', () => {
    const p = plant();
    expect(redactUrl(wsUrl(p))).toBe(`ws://127.0.0.1:9/api/v1?token=${REDACTED}`);
    const red = redactUrl(secretUrl(p));
    for (const s of all(p)) expect(red).not.toContain(s);
    expect(red).toContain('method=list');
    expect(red).toContain('keep=visible');
    expect(redactUrl(`https://h/x?ACCESS_TOKEN=${p.token}&access%5Ftoken=${p.sign}&access_token[]=${p.policy}`)).not.toMatch(
      /S3CR3T/,
    );
  });

  it('URLs: the no-secret fast path returns the URL itself, and nothing that decodes to a secret name takes it', () => {
    const plain = 'https://api.example.test/apps/1?limit=5&page=2#top';
    expect(redactUrl(plain)).toBe(plain);
    expect(redactUrl('https://user:pw@h/x')).toBe(`https://user:${REDACTED}@h/x`);
    expect(redactUrl('https://h/x?Access_Token=v1')).toBe(`https://h/x?Access_Token=${REDACTED}`);
    // Escapes are decoded before names are compared: an encoded letter still names the secret.
    expect(redactUrl('https://h/x?acc%65ss_token=v2')).toBe(`https://h/x?acc%65ss_token=${REDACTED}`);
    expect(redactUrl('https://h/x?a=1#access_token=v3')).not.toContain('v3');
  });

  it('headers: Authorization (UpYun, Bearer, Digest), Cookie and Set-Cookie lose their whole value', () => {
    const p = plant();
    expect(redactHeaderValue('Authorization', `UPYUN operator:${p.upyunSignature}`)).toBe(REDACTED);
    expect(redactHeaderValue('cookie', `a=1; BDUSS=${p.bduss}`)).toBe(REDACTED);
    expect(redactHeaderValue('Set-Cookie', `BDUSS=${p.bduss}; Path=/`)).toBe(REDACTED);
    expect(redactHeaderValue('x-keep', 'visible')).toBe('visible');
    const texts = [
      `Authorization: Digest username="u", realm="r", response="${p.signature}"`,
      `Cookie: a=1; b=2; sessionid=${p.session}`,
      `Proxy-Authorization: Basic ${p.password}`,
      `'authorization': 'Basic ${p.password}'`,
    ];
    for (const t of texts) expect(redactText(t)).not.toContain('S3CR3T');
    // Prose that merely names a header is left alone.
    expect(redactText('authorization has expired')).toBe('authorization has expired');
    expect(redactText('Authorization: UPYUN op:sig (HTTP 401, GET) [request abc]')).toBe(
      `Authorization: ${REDACTED} (HTTP 401, GET) [request abc]`,
    );
  });

  it('names added with addSecretNames are redacted in URLs, text and headers from then on', () => {
    const p = plant();
    expect(isSecretName('X-Acme-Key')).toBe(false);
    addSecretNames('X-Acme-Key', 'acme_session');
    expect(isSecretName('x-acme-key')).toBe(true);
    const err = normalize(upyun, {
      status: 403,
      url: `https://h/x?acme_session=${p.custom}&ok=1`,
      body: { msg: `x-acme-key: ${p.custom}`, code: 40300011 },
    })!;
    expect(leaks(err, [p.custom])).toEqual([]);
    expect(redactHeaderValue('X-ACME-KEY', p.custom)).toBe(REDACTED);
    expect(() => addSecretNames('')).toThrow(TypeError);
  });

  it('property: a credential anywhere in a vendor message never survives', () => {
    const templates: ((v: string) => string)[] = [
      (v) => `access_token=${v}`,
      (v) => `?token=${v}&x=1`,
      (v) => `sign=${v}`,
      (v) => `signature=${v}`,
      (v) => `policy=${v}`,
      (v) => `Authorization: UPYUN operator:${v}`,
      (v) => `Authorization: Bearer ${v}`,
      (v) => `"authorization":"UPYUN op:${v}"`,
      (v) => `Cookie: a=1; BDUSS=${v}`,
      (v) => `Cookie: x=1; y=${v}`,
      (v) => `Set-Cookie: s=${v}; Path=/`,
      (v) => `BDUSS=${v}`,
      (v) => `ws://127.0.0.1:1/api/v1?token=${v}`,
    ];
    // Secrets are URL-safe tokens (what signatures and tokens look like on the wire).
    const secretArb = fc.stringMatching(/^[A-Za-z0-9_\-.~+/]{12,64}={0,2}$/).map((s) => `Q9${s}`);
    const noise = fc.string({ maxLength: 40 }).map((s) => s.replace(/[\r\n]/g, ' '));
    assertProperty(
      fc.property(
        fc.nat(templates.length - 1),
        secretArb,
        noise,
        noise,
        fc.nat(ADAPTERS.length - 1),
        (t, value, before, after, a) => {
          const adapter = ADAPTERS[a]!;
          const message = `${before} ${templates[t]!(value)} ${after}`;
          const err = normalize(adapter, { status: 400, body: BODY[adapter.name]!(message) })!;
          expect(leaks(err, [value])).toEqual([]);
          // Redaction is stable: redacting twice changes nothing more.
          expect(redactText(redactText(message))).toBe(redactText(message));
        },
      ),
      5_000,
    );
  });

  it('redaction stays linear on adversarial text (no catastrophic backtracking)', () => {
    const inputs = [
      'cookie: a=1;'.repeat(6000),
      `authorization: Digest ${'k=v, '.repeat(12_000)}`,
      'access_token='.repeat(6000),
      `Cookie: ${'a'.repeat(65_536)}`,
      `${'"authorization":'.repeat(4000)}"x`,
      'set-cookie:['.repeat(5000),
      'cookie:"'.repeat(8000),
      "authorization:'".repeat(5000),
      `Cookie: a=1${'; b=2'.repeat(12_000)}`,
      '%3Faccess_token%3D'.repeat(4000),
      `Authorization: Digest ${'a="'.repeat(20_000)}`,
      `Authorization: ${'x '.repeat(30_000)}`,
    ];
    for (const text of inputs) {
      const t0 = performance.now();
      redactText(text);
      expect(performance.now() - t0, text.slice(0, 30)).toBeLessThan(250);
    }
  });
});

afterAll(() => {
  console.log(`[hardening] secrets: ${casesRun()} generated cases, plus ${secret('x') ? 'fixed' : ''} scans of every vendor`);
});
