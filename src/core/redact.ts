/**
 * Credential redaction. Every string the library builds for people (messages, JSON, inspect
 * output) passes through here, so a token in a URL or a header can never reach a log line.
 *
 * Sources of the default names: Baidu PCS sends `access_token` in the query and `BDUSS` as a
 * cookie; MFP puts `token` in the WebSocket URL; UpYun signs with `Authorization: UPYUN op:sig`
 * and form uploads carry `policy` and `signature` (see test/fixtures/vendor-docs/README.md).
 */

/** The placeholder that replaces every secret value. */
export const REDACTED = '[REDACTED]';

const DEFAULT_SECRET_NAMES = [
  'access_token',
  'refresh_token',
  'token',
  'sign',
  'signature',
  'policy',
  'bduss',
  'stoken',
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'password',
  'secret',
  'client_secret',
  'api_key',
  'apikey',
  'x-api-key',
  'x-upyun-secret',
];

/**
 * Headers whose whole value is a credential, however it is spelled out: every pair of a
 * `Cookie` header (`a=1; sessionid=…`), every parameter of `Authorization: Digest …`.
 */
const WHOLE_VALUE_NAMES = ['proxy-authorization', 'authorization', 'set-cookie', 'cookie'];

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// A name's value starts after `=`, `:` or a URL-encoded `=` (`%3D`), with optional quotes
// around the name (JSON, JS and Python dumps) and before the value.
const SEPARATOR = `['"]?\\s*(?:=|:|%3D)\\s*['"]?\\s*`;

function buildPattern(): RegExp {
  const names = [...secretNames]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|');
  // name=value (query, cookie, form) and "name": "value" / name: value (JSON, headers).
  return new RegExp(
    `((?:^|[^a-z0-9_-]|%3F|%26)(?:${names})${SEPARATOR})(?:(?:Bearer|Basic|UPYUN|Token|Digest)\\s+)?([^\\s&;,"'<>]+)`,
    'gi',
  );
}

const secretNames = new Set(DEFAULT_SECRET_NAMES);
let textPattern = buildPattern();

// Free-text forms of the whole-value headers: a quoted string, a bracketed list (a header
// array dumped as JSON), or bare `scheme credentials, k=v, …` / `a=1; b=2; …` (which stops at
// brackets and the end of the line, so the rest of a message stays readable).
const BARE = String.raw`[^\s;,'"<>()\[\]{}]`;
const COOKIE_NAME = String.raw`[^\s;,=<>()\[\]{}'"]`;
const WHOLE_VALUE_PATTERN = new RegExp(
  String.raw`((?:^|[^a-z0-9_-]|%3F|%26)(?:${WHOLE_VALUE_NAMES.join('|')})['"]?\s*[:=]\s*)` +
    '(?:' +
    String.raw`"((?:[^"\\\r\n]|\\.){0,4096})"` + // "double quoted"
    '|' +
    String.raw`'([^'\r\n]{0,4096})'` + // 'single quoted'
    '|' +
    String.raw`(\[[^[\]\r\n]{0,4096}\])` + // [list]: stops at the next bracket, so unclosed ones cost nothing
    '|(' +
    String.raw`(?:[A-Za-z][\w-]*[ \t]+(?=[^\s(]))?(?:[\w-]+="[^"\r\n]*"|${BARE}+)` + // [scheme] first value
    String.raw`(?:[ \t]*;[ \t]*${COOKIE_NAME}+=${BARE}*)*` + // ; more=cookies
    String.raw`(?:[ \t]*,[ \t]*[\w-]+=(?:"[^"\r\n]*"|${BARE}+))*` + // , auth=params
    '))',
  'gi',
);

function redactWholeValues(text: string): string {
  WHOLE_VALUE_PATTERN.lastIndex = 0;
  return text.replace(
    WHOLE_VALUE_PATTERN,
    (match: string, prefix: string, dq?: string, sq?: string, list?: string, bare?: string) => {
      if (dq !== undefined) return `${prefix}"${REDACTED}"`;
      if (sq !== undefined) return `${prefix}'${REDACTED}'`;
      if (list !== undefined) return `${prefix}[${REDACTED}]`;
      return bare ? `${prefix}${REDACTED}` : match;
    },
  );
}

/**
 * Adds parameter, header or cookie names whose values must never be shown. Names are
 * case-insensitive. Affects every error created afterwards.
 *
 * @example
 * addSecretNames('x-my-vendor-key', 'session');
 */
export function addSecretNames(...names: string[]): void {
  for (const name of names) {
    if (typeof name !== 'string' || name.trim() === '') {
      throw new TypeError('addSecretNames: every name must be a non-empty string');
    }
    secretNames.add(name.trim().toLowerCase());
  }
  textPattern = buildPattern();
}

/** `true` when a header, query parameter or cookie of this name carries a credential. */
export function isSecretName(name: string): boolean {
  return secretNames.has(name.toLowerCase());
}

/**
 * Every pattern below needs a secret's name, a `Bearer`/`UPYUN` scheme or URL userinfo (`@`) in
 * the text; most error messages have none, and substring checks cost far less than the regexes
 * (they were a fifth of `normalize`'s time).
 */
function mayHoldSecret(text: string): boolean {
  if (text.includes('@') || text.includes('Bearer') || text.includes('UPYUN')) return true;
  const lower = text.toLowerCase();
  for (const name of secretNames) if (lower.includes(name)) return true;
  return false;
}

/**
 * Replaces credential values inside free text: query strings, cookies, header dumps, JSON.
 * Bearer/UPYUN schemes lose their whole credential, not just the first word.
 */
export function redactText(text: string): string {
  if (typeof text !== 'string' || text === '') return typeof text === 'string' ? text : '';
  if (!mayHoldSecret(text)) return text;
  textPattern.lastIndex = 0;
  return redactWholeValues(text)
    .replace(textPattern, (_m, prefix: string) => `${prefix}${REDACTED}`)
    .replace(/\b(Bearer|UPYUN)\s+[^\s,;"']+/g, `$1 ${REDACTED}`)
    .replace(/(\/\/[^/\s:@]*:)[^@/\s]*@/g, `$1${REDACTED}@`);
}

/**
 * Redacts a URL: secret query parameters and userinfo passwords. Accepts relative URLs and
 * garbage; never throws.
 *
 * @example
 * redactUrl('https://pcs.baidu.com/rest/2.0/pcs/file?method=list&access_token=abc')
 * // 'https://pcs.baidu.com/rest/2.0/pcs/file?method=list&access_token=[REDACTED]'
 */
export function redactUrl(url: string): string {
  if (typeof url !== 'string') return '';
  // Most URLs hold nothing to redact: no userinfo ('@'), no secret name anywhere, and no escape
  // ('%', '+') that could spell one once decoded. Those go back as they are, without the split.
  if (!mayHoldSecret(url) && !url.includes('%') && !url.includes('+')) return url;
  const hashAt = url.indexOf('#');
  // OAuth implicit flows put tokens in the fragment, so it is scrubbed as text.
  const hash = hashAt === -1 ? '' : redactText(url.slice(hashAt));
  const noHash = hashAt === -1 ? url : url.slice(0, hashAt);
  const q = noHash.indexOf('?');
  const head = (q === -1 ? noHash : noHash.slice(0, q)).replace(/(\/\/[^/@]*?:)[^@/]*@/, `$1${REDACTED}@`);
  if (q === -1) return head + hash;
  const query = noHash
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const rawName = eq === -1 ? pair : pair.slice(0, eq);
      let name = rawName;
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, ' '));
      } catch {
        // A malformed escape is still a name; compare it as sent.
      }
      // PHP-style array parameters (`access_token[]=…`) carry the same credential.
      return eq !== -1 && isSecretName(name.trim().replace(/\[\]$/, '')) ? `${rawName}=${REDACTED}` : pair;
    })
    .join('&');
  return `${head}?${query}${hash}`;
}

/** A header value made safe to show: secret headers lose their whole value. */
export function redactHeaderValue(name: string, value: string): string {
  return isSecretName(name) ? REDACTED : redactText(value);
}
