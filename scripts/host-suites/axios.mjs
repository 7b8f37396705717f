/**
 * The host suite for axios (issue 11): axios' own mocha tests (test/unit of a 1.x checkout), run
 * against the axios installed in this repo, three times: bare, wrapped with retry off, wrapped with
 * retry on. "Wrapped" means the default instance and every `axios.create()` instance go through
 * `withVendorErrors` with a neutral adapter that knows no codes. The tests import axios as
 * `../../../index.js` and its internals as `../../../lib/…`: in a work directory, `lib` links to
 * the installed package and `index.js` is a shim that wraps (or not) the same module instance.
 *
 * Usage: node scripts/host-suites/axios.mjs <axios-checkout> [work-dir]
 * Test-only dependencies (mocha, express, …, at the checkout's devDependency ranges) are installed
 * into the work directory with npm. Tests that reach the internet (a public host or real DNS) are
 * left out, listed in EXCLUDED. Prints a markdown table and every test whose outcome differs.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const repo = resolve(new URL('../..', import.meta.url).pathname);
const checkout = process.argv[2] && resolve(process.argv[2]);
if (!checkout || !existsSync(join(checkout, 'test/unit'))) {
  console.error('usage: node scripts/host-suites/axios.mjs <axios-checkout (with test/unit)> [work-dir]');
  process.exit(2);
}
const dist = join(repo, 'dist/src/integrations/axios/index.js');
if (!existsSync(dist)) {
  console.error('build first: npm run build');
  process.exit(2);
}
const work = process.argv[3] ? resolve(process.argv[3]) : mkdtempSync(join(tmpdir(), 'host-axios-'));
const installed = join(repo, 'node_modules/axios');
const axiosVersion = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')).version;

/** Tests that contact a public host or the system resolver (this suite never leaves 127.0.0.1). */
const EXCLUDED = [
  'should not fail with query parsing', // postman-echo.com
  'should support HTTPS protocol', // www.google.com
  'should handle errors', // DNS: no-such-domain-987654.com through dns.lookup
  'should handle fetch failed error as an AxiosError with ERR_NETWORK code', // DNS: notExistsUrl.in.nowhere
];

const TEST_DEPS = [
  'mocha',
  'stream-throttle',
  'multer',
  'get-stream',
  'formidable',
  'formdata-node',
  'express',
  'dev-null',
  'body-parser',
  'abortcontroller-polyfill',
];

function prepare() {
  mkdirSync(work, { recursive: true });
  rmSync(join(work, 'test'), { recursive: true, force: true });
  cpSync(join(checkout, 'test'), join(work, 'test'), { recursive: true });
  writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'host-axios', private: true, type: 'module' }));
  if (!existsSync(join(work, 'node_modules/mocha'))) {
    const dev = JSON.parse(readFileSync(join(checkout, 'package.json'), 'utf8')).devDependencies ?? {};
    const specs = TEST_DEPS.map((name) => (dev[name] ? `${name}@${dev[name]}` : name));
    execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock', ...specs], {
      cwd: work,
      stdio: 'inherit',
    });
  }
  // The same module instance for the shim, the tests' `lib/…` imports and vendor-errors' own `import 'axios'`.
  for (const [link, target] of [
    [join(work, 'lib'), join(installed, 'lib')],
    [join(work, 'node_modules/axios'), installed],
    // axios' own dependency: the tests' FormData must be the class axios recognises.
    [join(work, 'node_modules/form-data'), join(repo, 'node_modules/form-data')],
  ]) {
    rmSync(link, { recursive: true, force: true });
    symlinkSync(target, link);
  }
}

function shim(retry) {
  const wrap =
    retry === undefined
      ? ''
      : `import { withVendorErrors } from ${JSON.stringify(pathToFileURL(dist).href)};
import { defineAdapter } from ${JSON.stringify(pathToFileURL(join(repo, 'dist/src/index.js')).href)};
// Neutral: no catalog, no codes; every failure is classified by its status or transport alone.
const neutral = defineAdapter({ name: 'neutral', catalog: [], parse: () => ({}) });
const options = { adapter: neutral, retry: ${JSON.stringify(retry)} };
withVendorErrors(axios, options);
const create = axios.create;
axios.create = function (config) {
  return withVendorErrors(create.call(this, config), options);
};
`;
  return `import axios from 'axios';
${wrap}export * from 'axios';
export default axios;
`;
}

function run(label, retry) {
  writeFileSync(join(work, 'index.js'), shim(retry));
  const out = join(work, `result-${label}.json`);
  const grep = EXCLUDED.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const res = spawnSync(
    process.execPath,
    [
      join(work, 'node_modules/mocha/bin/mocha.js'),
      'test/unit/**/*.js',
      '--timeout',
      '30000',
      '--exit',
      '--grep',
      grep,
      '--invert',
      '--reporter',
      'json',
      '--reporter-option',
      `output=${out}`,
    ],
    { cwd: work, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '--openssl-legacy-provider' }, maxBuffer: 64 << 20 },
  );
  if (!existsSync(out)) {
    console.error(res.stdout, res.stderr);
    throw new Error(`${label}: mocha wrote no results`);
  }
  const json = JSON.parse(readFileSync(out, 'utf8'));
  const outcome = new Map();
  for (const t of json.tests) {
    const state = t.err && Object.keys(t.err).length ? 'failed' : t.pending ? 'pending' : 'passed';
    outcome.set(t.fullTitle, { state, error: t.err?.message?.split('\n')[0]?.slice(0, 160) });
  }
  return outcome;
}

prepare();
const modes = [
  ['bare', undefined],
  ['wrapped, retry off', false],
  ['wrapped, retry on', {}],
];
const results = modes.map(([label, retry]) => [label, run(label.replace(/\W+/g, '-'), retry)]);
const bare = results[0][1];

const lines = [
  `axios ${axiosVersion} (installed) · test sources: ${checkout} · ${EXCLUDED.length} internet tests left out`,
  '',
  '| run | passed | failed | pending | total |',
  '| --- | --- | --- | --- | --- |',
];
for (const [label, outcome] of results) {
  const count = (s) => [...outcome.values()].filter((o) => o.state === s).length;
  lines.push(`| ${label} | ${count('passed')} | ${count('failed')} | ${count('pending')} | ${outcome.size} |`);
}
for (const [label, outcome] of results.slice(1)) {
  lines.push('', `Differences, ${label} vs bare:`);
  for (const [title, o] of outcome) {
    const b = bare.get(title);
    if (b?.state === o.state) continue;
    lines.push(`- ${title}: bare ${b?.state ?? 'absent'}, wrapped ${o.state}${o.error ? ` — ${o.error}` : ''}`);
  }
}
const report = lines.join('\n');
writeFileSync(join(work, 'results.md'), `${report}\n`);
console.log(report);
console.log(`\n(work directory: ${work})`);
