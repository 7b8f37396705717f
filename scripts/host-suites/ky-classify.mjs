#!/usr/bin/env node
// Classifies the ky tests that pass bare and fail wrapped, from the TAP files ky.mjs keeps in its
// export (tap-bare.txt, tap-off.txt, tap-on.txt, and with --unwrap tap-off-unwrap.txt,
// tap-on-unwrap.txt), by the family README's "What changes for a ky user" explains each one with.
// Writes markdown: the pass counts per run, then per ky and run each family and its tests.
//
//   node scripts/host-suites/ky-classify.mjs [--out FILE] '<label>=<export dir>' ...
//   e.g. 'ky 1.14.3=/tmp/ky-host-XXXX' 'ky main (3419113)=/tmp/ky-host-YYYY'
//
// Every test lands in a family by a rule: by what the failure says (its TAP block), by what the
// test's own source sets, by its name, by whether it passes once the VendorError is unwrapped, or
// by a hand-checked entry in CHECKED (with the reason). "rest" is what no rule explains: a test
// there is a difference nobody has looked at yet.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';

const argv = process.argv.slice(2);
const outAt = argv.indexOf('--out');
const out = outAt === -1 ? undefined : argv.splice(outAt, 2)[1];
const exportsGiven = argv.map((a) => {
  const at = a.indexOf('=');
  return at === -1 ? { label: a, dir: a } : { label: a.slice(0, at), dir: a.slice(at + 1) };
});
if (exportsGiven.length === 0) {
  console.error("usage: node scripts/host-suites/ky-classify.mjs [--out FILE] '<label>=<ky export dir from ky.mjs>' ...");
  process.exit(2);
}

// Each test's outcome and the YAML block under a failure.
function read(dir, mode) {
  const file = join(dir, `tap-${mode}.txt`);
  if (!existsSync(file)) return undefined;
  const tests = new Map();
  let current;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^(not ok|ok) \d+ - (.*?)(?: # (SKIP|TODO).*)?$/.exec(line);
    if (m) {
      current = { pass: m[1] === 'ok' || Boolean(m[3]), block: '' };
      tests.set(m[2], current);
    } else if (current && !current.pass) current.block += `${line}\n`;
  }
  return tests;
}

// Each test's source, by its TAP name (`file › title`), for the rules that read what a test sets.
function sources(dir) {
  const bodies = new Map();
  const testDir = join(dir, 'test');
  for (const file of readdirSync(testDir).filter((f) => f.endsWith('.ts'))) {
    const text = readFileSync(join(testDir, file), 'utf8');
    const starts = [...text.matchAll(/^test(?:\.serial)?\((['`])(.*?)\1,/gm)];
    starts.forEach((m, i) => {
      const end = starts[i + 1]?.index ?? text.length;
      bodies.set(`${file.replace(/\.ts$/, '')} › ${m[2].replace(/\\'/g, "'")}`, text.slice(m.index, end));
    });
  }
  return bodies;
}

// A ky `retry` option the integration refuses (src/integrations/ky/retry-option.ts), set inside a
// `retry: { … }` of the test (not `ky.retry({ delay })`, which is a forced retry's own delay).
const REFUSED_OPTION =
  /retry:\s*\{[\s\S]{0,400}?\b(?:(?:statusCodes|afterStatusCodes|shouldRetry|jitter|maxRetryAfter|retryOnTimeout|delay)\s*[:(]|backoffLimit:\s*(?!undefined|Infinity|Number\.POSITIVE_INFINITY))/;

/**
 * Tests checked one by one that no general rule places: family and the one-line reason. Each was
 * read against its source and its TAP block (wrapped, and wrapped with the VendorError unwrapped).
 */
const TOTAL_TIMEOUT =
  'a totalTimeout timing test (50–250 ms budget, 2 s bound): wrapped it rejects with our TimeoutError; unwrapped it passes run alone (under load it fails bare too)';
const SLOW_BODY =
  'the body stalls 1.1 s after its first bytes: the loop stops reading an error body after 1 s of stalling, so ky gets it cut and `data` is undefined';
const CHECKED = {
  'http-error › HTTPError#data is preserved for slow error bodies when timeout is disabled': ['bounded-body', SLOW_BODY],
  'http-error › HTTPError#data is preserved for slow error bodies when timeout is greater than 1 second': [
    'bounded-body',
    SLOW_BODY,
  ],
  'main › totalTimeout bounds a never-ending successful response body': ['error-type', TOTAL_TIMEOUT],
  'main › totalTimeout bounds hanging parseJson on successful response shortcut': ['error-type', TOTAL_TIMEOUT],
  'main › totalTimeout bounds hanging schema validation on successful response shortcut': ['error-type', TOTAL_TIMEOUT],
  'main › beforeError hook receives totalTimeout exhausted before a shortcut body read starts': ['error-type', TOTAL_TIMEOUT],
  'headers › setting `content-length` to 0': [
    'error-type',
    "ky 1 passes no network failure to beforeError: the InvalidRequestError's clientCode is undici's UND_ERR_REQ_CONTENT_LENGTH_MISMATCH, read as err.cause.cause.code",
  ],
  'main › timeout option': [
    'error-type',
    "ky 1's timeout rejects with our TimeoutError (ky 1 gives no TimeoutError to beforeError)",
  ],
  'main › throwHttpErrors:false does not suppress timeout errors': [
    'error-type',
    "ky 1's timeout rejects with our TimeoutError (ky 1 gives no TimeoutError to beforeError)",
  ],
  'retry › X-RateLimit-Retry-After number is treated as delay seconds, not timestamp': [
    'delays',
    "the 429's `X-RateLimit-Retry-After: 1704067200` is 54 years to ky, which schedules its longest timer (2³¹−1 ms; the test's patched setTimeout runs it at once) and the test asserts that timer; the loop reads no X-RateLimit-Retry-After (Symfony's header) and retries after its own backoff: the call succeeds, the timer differs. Honouring it would be a wait past maxRetryAfterMs and maxElapsedMs (60 s), which the loop never schedules",
  ],
  'retry › Retry-After number is treated as delay seconds, not timestamp': [
    'delays',
    "a 429 with `Retry-After: 1704067200` (54 years): ky waits its longest timer (2³¹−1 ms, run at once by the test's patched setTimeout); the loop never waits past maxRetryAfterMs (60 s), so it stops at once with the RateLimitError (retryAfterMs 2147483647, reason retry-after-too-long)",
  ],
  'hooks › beforeError is not called when beforeRetry throws non-Error': [
    'loop-in-fetch',
    "ky runs beforeRetry only when ky itself retries; the 408 is retried by the loop inside ky's fetch, so the hook that throws 'oops' never runs and the final 408 reaches beforeError. Running ky's beforeRetry from the loop would need ky's HTTPError, retryCount and a returned Request/Response/`stop` per loop attempt: ky's retry in place of ours",
  ],
  'hooks › beforeError receives current request and normalized options after retry request replacement': [
    'loop-in-fetch',
    'the 500 is retried by the loop inside fetch, so the beforeRetry hook that replaces the request never runs',
  ],
  'main › parseJson option receives context after retry': [
    'loop-in-fetch',
    'the 500 is retried by the loop inside fetch: ky (and parseJson, for HTTPError#data) sees only the final 200',
  ],
};

const FAMILIES = {
  'error-type':
    "the rejection is a VendorError (ky's HTTPError/TimeoutError/NetworkError is err.cause; undici's code is err.clientCode): each passes when the caller and later beforeError hooks get that cause instead (ky.mjs --unwrap), or was checked by hand",
  refused:
    'ky retry tuning refused with a TypeError (statusCodes, shouldRetry, delay, jitter, …): by the failure, or by what the test sets in its `retry`',
  delays: "delays are the loop's (full jitter, the pacer after repeated 429s), not ky's",
  'loop-in-fetch':
    "the loop's retries run inside ky's fetch: hooks, retryCount, context, beforeRetry and upload progress see the call once",
  'retry-off':
    'vendorErrors({ retry: false }): one attempt per call through the loop, and ky never repeats it (the test passes with retry on, or retries by its name)',
  'bounded-body': 'error bodies are read for at most 1 s of stalling (and maxBodyBytes): a slower one reaches ky cut',
  rest: 'the rest, matched by no rule above and not checked by hand',
};

// First match wins: what the failure shows, then what the test sets, then its name.
const RULES = [
  ['error-type', ({ unwrapped }) => unwrapped === true],
  ['refused', ({ block }) => /cannot be honoured/.test(block)],
  // Retry off only: fails with the loop off, passes with it on (the retry was all it missed).
  ['retry-off', ({ mode, onPass }) => mode === 'off' && onPass === true],
  ['delays', ({ block }) => /Duration of|RateLimitError \{/.test(block)],
  ['refused', ({ source }) => REFUSED_OPTION.test(source ?? '')],
  [
    'loop-in-fetch',
    ({ name }) =>
      /retryCount|beforeRetry|context ›|retries|retry limit|re-enter|upload progress|init hook runs only once|retry budget/i.test(
        name,
      ),
  ],
  ['retry-off', ({ name, mode }) => mode === 'off' && /retr/i.test(name)],
  ['rest', () => true],
];

const lines = [];
const say = (s = '') => lines.push(s);
const counts = [];
const sections = [];
for (const { label, dir } of exportsGiven) {
  const bare = read(dir, 'bare');
  const body = sources(dir);
  const passed = (m) => (m ? [...m.values()].filter((t) => t.pass).length : undefined);
  const row = { label, total: bare.size, bare: passed(bare) };
  const section = [`## ${label}`];
  for (const mode of ['off', 'on']) {
    const run = read(dir, mode);
    const unwrapRun = read(dir, `${mode}-unwrap`);
    row[mode] = passed(run);
    row[`${mode}-unwrap`] = passed(unwrapRun);
    const byFamily = new Map(Object.keys(FAMILIES).map((key) => [key, []]));
    for (const [name, t] of run) {
      if (t.pass || !bare.get(name)?.pass) continue;
      const checked = CHECKED[name];
      const facts = {
        name,
        block: t.block,
        mode,
        source: body.get(name),
        unwrapped: unwrapRun?.get(name)?.pass,
        onPass: read(dir, 'on')?.get(name)?.pass,
      };
      // A test that passes unwrapped needs no hand check; CHECKED places the others no rule explains.
      // The slow-body ones race a 1.1 s stall against the 1 s read bound: passing unwrapped is load.
      const hand = checked && (!facts.unwrapped || checked[0] === 'bounded-body');
      const key = hand ? checked[0] : RULES.find(([, test]) => test(facts))[0];
      byFamily.get(key).push(hand ? `${name} — ${checked[1]}` : name);
    }
    section.push('', `### wrapped, retry ${mode}`);
    for (const [key, text] of Object.entries(FAMILIES)) {
      const names = byFamily.get(key);
      if (names.length === 0) continue;
      section.push('', `- ${text} (${names.length}):`);
      for (const name of names.sort()) section.push(`  - ${name}`);
    }
  }
  counts.push(row);
  sections.push(section.join('\n'));
}

say('# ky host-suite differences');
say();
say(
  `Written by \`node scripts/host-suites/ky-classify.mjs\` after \`ky.mjs --unwrap\` (${new Date().toISOString().slice(0, 16)} UTC, load ${loadavg()[0].toFixed(1)} on 2 shared cores when classified).`,
);
say('Each test listed passes bare and fails wrapped; README\'s "What changes for a ky user" explains each family.');
say("A test that failed bare in that run (ky's timing tests, under load) is not a difference and is not listed.");
say('"unwrapped": wrapped, with the caller and later beforeError hooks handed the VendorError\'s cause (ky\'s own error) again.');
say();
say('| ky | bare | wrapped, retry off | wrapped, retry on | retry off, unwrapped | retry on, unwrapped |');
say('| --- | --- | --- | --- | --- | --- |');
const cell = (n, total) => (n === undefined ? '—' : `${n}/${total}`);
for (const r of counts) {
  say(
    `| ${r.label} | ${cell(r.bare, r.total)} | ${cell(r.off, r.total)} | ${cell(r.on, r.total)} | ${cell(r['off-unwrap'], r.total)} | ${cell(r['on-unwrap'], r.total)} |`,
  );
}
say();
say(sections.join('\n\n'));
const text = `${lines.join('\n')}\n`;
if (out) writeFileSync(out, text);
else process.stdout.write(text);
