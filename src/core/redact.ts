/**
 * Credential redaction. Every string the library builds for people (messages, JSON, inspect
 * output) passes through here, so a token in a URL or a header can never reach a log line.
 *
 * Sources of the default names: Baidu PCS sends `access_token` in the query and `BDUSS` as a
 * cookie; MFP puts `token` in the WebSocket URL; UpYun signs with `Authorization: UPYUN op:sig`
 * and form uploads carry `policy` and `signature` (see shared/vendor-docs/README.md).
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

const secretNames = new Set(DEFAULT_SECRET_NAMES);
let textPattern = buildPattern();

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function buildPattern(): RegExp {
  const names = [...secretNames].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');
  // name=value (query, cookie, form) and "name": "value" / name: value (JSON, headers).
  return new RegExp(
    `((?:^|[^a-z0-9_-])(?:${names})\\s*(?:=|"?\\s*:\\s*"?)\\s*)(?:(?:Bearer|Basic|UPYUN|Token)\\s+)?([^\\s&;,"'<>]+)`,
    'gi',
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
 * Replaces credential values inside free text: query strings, cookies, header dumps, JSON.
 * Bearer/UPYUN schemes lose their whole credential, not just the first word.
 */
export function redactText(text: string): string {
  if (typeof text !== 'string' || text === '') return typeof text === 'string' ? text : '';
  textPattern.lastIndex = 0;
  return text
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
      return eq !== -1 && isSecretName(name.trim()) ? `${rawName}=${REDACTED}` : pair;
    })
    .join('&');
  return `${head}?${query}${hash}`;
}

/** A header value made safe to show: secret headers lose their whole value. */
export function redactHeaderValue(name: string, value: string): string {
  return isSecretName(name) ? REDACTED : redactText(value);
}
