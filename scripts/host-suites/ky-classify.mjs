#!/usr/bin/env node
// Classifies the ky tests that pass bare and fail wrapped, from the TAP files ky.mjs keeps in its
// export (tap-bare.txt, tap-off.txt, tap-on.txt), by the family README's "What changes for a ky
// user" explains each one with. Prints a markdown list per run: family, then the test names.
//
//   node scripts/host-suites/ky-classify.mjs /tmp/ky-host-XXXX
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node scripts/host-suites/ky-classify.mjs <ky export dir from ky.mjs>');
  process.exit(2);
}

// Each test's outcome and the YAML block under a failure.
function read(mode) {
  const lines = readFileSync(join(dir, `tap-${mode}.txt`), 'utf8').split('\n');
  const tests = new Map();
  let current;
  for (const line of lines) {
    const m = /^(not ok|ok) \d+ - (.*?)(?: # (SKIP|TODO).*)?$/.exec(line);
    if (m) {
      current = { pass: m[1] === 'ok' || Boolean(m[3]), block: '' };
      tests.set(m[2], current);
    } else if (current && !current.pass) current.block += `${line}\n`;
  }
  return tests;
}

const FAMILIES = [
  [
    'refused',
    'ky retry tuning refused with a TypeError (statusCodes, shouldRetry, delay, jitter, …)',
    (_n, b) => /cannot be honoured/.test(b),
  ],
  ['413', 'a 413 is payload-too-large: never retried, even with Retry-After', (_n, b) => /PayloadTooLargeError \{/.test(b)],
  [
    'delays',
    "delays are the loop's (full jitter, the pacer after repeated 429s), not ky's",
    (_n, b) => /Duration of|RateLimitError \{/.test(b),
  ],
  [
    'loop-in-fetch',
    "the loop's retries run inside ky's fetch: hooks, retryCount, context, beforeRetry and upload progress see the call once",
    (n) =>
      /retryCount|beforeRetry|context ›|retries|retry limit|re-enter|upload progress|init hook runs only once|retry budget/i.test(
        n,
      ),
  ],
  [
    'retry-off',
    'vendorErrors({ retry: false }): one attempt per call, ky.retry() refused as with retry: 0',
    (n, _b, mode) => mode === 'off' && /retr/i.test(n),
  ],
  [
    'rest',
    "the rest, matched by no rule above: mostly the rejection being a VendorError (ky's HTTPError is err.cause: err.cause.response / .data; our TimeoutError; undici's code is err.clientCode); not each checked by hand",
    () => true,
  ],
];

const bare = read('bare');
for (const mode of ['off', 'on']) {
  const run = read(mode);
  const byFamily = new Map(FAMILIES.map(([key]) => [key, []]));
  for (const [name, t] of run) {
    if (t.pass || !bare.get(name)?.pass) continue;
    const [key] = FAMILIES.find(([, , test]) => test(name, t.block, mode));
    byFamily.get(key).push(name);
  }
  console.log(`\n### wrapped, retry ${mode}`);
  for (const [key, label] of FAMILIES) {
    const names = byFamily.get(key);
    if (names.length === 0) continue;
    console.log(`\n- ${label} (${names.length}):`);
    for (const name of names) console.log(`  - ${name}`);
  }
}
