/**
 * Planted credentials and the scanner that looks for them in everything the library shows:
 * `message`, `stack`, `String(err)`, `toJSON()`, `util.inspect` (several option sets,
 * `console.log`-style formatting), and every VendorError in the `cause` chain.
 */
import { format, inspect } from 'node:util';
import { isVendorError } from '../../src/index.js';

let n = 0;
/** A unique, unmistakable secret value. */
export function secret(label: string): string {
  n += 1;
  return `S3CR3T${label.replace(/[^A-Za-z0-9]/g, '')}x${n}x${Math.random().toString(36).slice(2, 10)}`;
}

/** One set of planted secrets, one per place a credential travels. */
export interface Planted {
  readonly accessToken: string;
  readonly token: string;
  readonly sign: string;
  readonly signature: string;
  readonly policy: string;
  readonly upyunSignature: string;
  readonly bearer: string;
  readonly bduss: string;
  readonly stoken: string;
  readonly session: string;
  readonly setCookie: string;
  readonly wsToken: string;
  readonly password: string;
  readonly custom: string;
}

export function plant(): Planted {
  return {
    accessToken: secret('accesstoken'),
    token: secret('token'),
    sign: secret('sign'),
    signature: secret('signature'),
    policy: secret('policy'),
    upyunSignature: secret('upyunsig'),
    bearer: secret('bearer'),
    bduss: secret('bduss'),
    stoken: secret('stoken'),
    session: secret('session'),
    setCookie: secret('setcookie'),
    wsToken: secret('wstoken'),
    password: secret('password'),
    custom: secret('custom'),
  };
}

export function all(p: Planted): string[] {
  return Object.values(p);
}

/** A URL carrying every query credential plus a harmless parameter that must stay visible. */
export function secretUrl(p: Planted, base = 'https://pcs.baidu.com/rest/2.0/pcs/file'): string {
  return `${base}?method=list&access_token=${p.accessToken}&token=${p.token}&sign=${p.sign}&signature=${p.signature}&policy=${encodeURIComponent(p.policy)}&keep=visible`;
}

/** MFP's WebSocket URL: the token is in the query. */
export function wsUrl(p: Planted, host = '127.0.0.1:9'): string {
  return `ws://${host}/api/v1?token=${p.wsToken}`;
}

/** Request headers as clients hold them (axios `config.headers`, fetch `Headers`). */
export function secretHeaders(p: Planted): Record<string, string> {
  return {
    Authorization: `UPYUN operator:${p.upyunSignature}`,
    Cookie: `lang=zh; BDUSS=${p.bduss}; STOKEN=${p.stoken}; sessionid=${p.session}`,
    'X-Keep': 'visible',
  };
}

/** Texts a vendor or a proxy may echo back in an error body. */
export function echoes(p: Planted): string[] {
  return [
    `Authorization: UPYUN operator:${p.upyunSignature}`,
    `authorization: Bearer ${p.bearer}`,
    `Cookie: lang=zh; BDUSS=${p.bduss}; STOKEN=${p.stoken}; sessionid=${p.session}`,
    `Set-Cookie: sessionid=${p.setCookie}; Path=/; HttpOnly`,
    `request ${secretUrl(p)} failed`,
    `upgrade to ${wsUrl(p)} refused`,
    `{"access_token":"${p.accessToken}","Authorization":"UPYUN op:${p.upyunSignature}"}`,
    `{'Cookie': 'BDUSS=${p.bduss}; sessionid=${p.session}'}`,
    `"set-cookie":["BDUSS=${p.bduss}","sessionid=${p.setCookie}"]`,
    `sign=${p.sign}&policy=${p.policy}&signature=${p.signature}`,
    `bduss="${p.bduss}" token: ${p.token}`,
    `redirect=https%3A%2F%2Fh%2Fx%3Faccess_token%3D${p.accessToken}`,
    `https://user:${p.password}@example.test/x`,
  ];
}

/** Everything a person or a log pipeline can see of an error, labelled. */
export function outputsOf(err: unknown): [string, string][] {
  const out: [string, string][] = [];
  const seen = new Set<unknown>();
  let e: unknown = err;
  for (let depth = 0; depth < 6 && e !== undefined && e !== null && !seen.has(e); depth++) {
    seen.add(e);
    // Only errors the library built are scanned; a client's own error (an AxiosError with
    // its `config`) is the client's, reached only by walking `.cause` explicitly.
    if (!isVendorError(e)) break;
    const where = depth === 0 ? 'err' : `err${'.cause'.repeat(depth)}`;
    const v = e;
    out.push([`${where}.message`, v.message]);
    out.push([`${where}.stack`, String(v.stack)]);
    out.push([`String(${where})`, String(v)]);
    out.push([`JSON.stringify(${where})`, JSON.stringify(v)]);
    out.push([`JSON.stringify({ error: ${where} })`, JSON.stringify({ error: v })]);
    out.push([`inspect(${where})`, inspect(v)]);
    out.push([
      `inspect(${where}, deep+hidden)`,
      inspect(v, { depth: Number.POSITIVE_INFINITY, showHidden: true, getters: true }),
    ]);
    out.push([`format('%o', ${where})`, format('%o', v)]);
    out.push([`format('%O', { error })`, format('%O', { error: v })]);
    out.push([`inspect([${where}])`, inspect([v], { depth: 10 })]);
    out.push([`${where} own fields`, JSON.stringify(Object.fromEntries(Object.entries(v)))]);
    e = v.cause;
  }
  return out;
}

/** The labelled outputs that contain any of the secrets: empty when nothing leaked. */
export function leaks(err: unknown, secrets: readonly string[]): string[] {
  const found: string[] = [];
  for (const [label, text] of outputsOf(err)) {
    for (const s of secrets) {
      if (text.includes(s))
        found.push(`${label} shows ${s.slice(0, 16)}…: ${text.slice(Math.max(0, text.indexOf(s) - 80), text.indexOf(s) + 40)}`);
    }
  }
  return found;
}
