#!/usr/bin/env node
// ky's own Node test suite, bare and with vendorErrors() wrapped around ky (issue 11).
//
//   node scripts/host-suites/ky.mjs <ky checkout or git dir> [<ref>] [--no-install]
//                                   [--modules-from <earlier export>] [--only bare,off,on,...] [--unwrap]
//
// The checkout is exported (git archive <ref>, default HEAD) into a fresh /tmp directory, its
// devDependencies installed there with npm, and `ava` run three times on the Node test files:
// bare, wrapped with `retry: false`, wrapped with the default retries. Wrapping is one line
// appended to the exported `source/index.ts`: the default export becomes
// `ky.extend(vendorErrors({ adapter: neutral, retry }))` when VE_WRAP is set, with a neutral
// adapter that knows no codes. Needs `npm run build` here first (it imports dist/).
// Browser tests (playwright) and anything that calls the internet are excluded. Each run's TAP
// output is kept in the export (tap-bare/off/on.txt) for ky-classify.mjs. `--modules-from` hard-links
// an earlier export's node_modules (same ref) instead of installing. `--unwrap` adds two runs whose
// rejections (and later beforeError hooks' errors) are ky's own error again, the VendorError's cause:
// ky-classify.mjs counts a test that fails wrapped and passes so as differing by the error's type only.
// Prints a table
// of passed/failed per run and the names of the tests whose outcome differs from the bare run.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args.splice(i, 2)[1];
};
const modulesFrom = option('--modules-from');
const only = option('--only')?.split(',');
const unwrap = args.includes('--unwrap');
if (unwrap) args.splice(args.indexOf('--unwrap'), 1);
const [source, ref = 'HEAD', ...flags] = args;
if (!source) {
  console.error('usage: node scripts/host-suites/ky.mjs <ky checkout or git dir> [<ref>] [--no-install]');
  process.exit(2);
}
const repoRoot = resolve(new URL('../..', import.meta.url).pathname);
const dist = join(repoRoot, 'dist/src');
if (!existsSync(join(dist, 'integrations/ky/index.js'))) {
  console.error('run `npm run build` first');
  process.exit(2);
}

// Browser-only and internet-calling files; memory-leak needs --expose-gc and measures ky itself.
const EXCLUDED = new Set(['browser.ts', 'memory-leak.ts']);

const work = mkdtempSync(join(tmpdir(), 'ky-host-'));
const gitDir = existsSync(join(source, '.git')) ? join(source, '.git') : source;
execFileSync('sh', ['-c', `git --git-dir="${gitDir}" archive "${ref}" | tar -x -C "${work}"`]);
console.error(`ky ${ref} exported to ${work}`);

const index = join(work, 'source/index.ts');
writeFileSync(
  index,
  `${readFileSync(index, 'utf8').replace(/export default ky;/, 'const __bareKy = ky;\nexport {__bareKy};')}
import {defineAdapter as __defineAdapter, isVendorError as __isVendorError} from '${dist}/index.js';
import {vendorErrors as __vendorErrors} from '${dist}/integrations/ky/index.js';
const __neutral = __defineAdapter({name: 'neutral', catalog: [], parse: () => undefined});
const __mode = process.env.VE_WRAP ?? '';
// The "-unwrap" modes hand every later beforeError hook and the caller ky's own error (the VendorError's cause)
// again: a test that then passes differed only by the error's type.
const __unwrap = (first: any) => {
  const error = first instanceof Error ? first : first?.error;
  return __isVendorError(error) && error.cause instanceof Error && /^(HTTPError|TimeoutError|NetworkError)$/.test(error.cause.name) ? error.cause : error;
};
const __wrapped = __mode ? __bareKy.extend(__vendorErrors({adapter: __neutral, retry: __mode.startsWith('off') ? false : undefined}) as never) : __bareKy;
export default (__mode.endsWith('-unwrap') ? __wrapped.extend({hooks: {beforeError: [__unwrap as never]}}) : __wrapped);
`,
);

if (modulesFrom) {
  execFileSync('cp', ['-al', join(modulesFrom, 'node_modules'), join(work, 'node_modules')]);
} else if (!flags.includes('--no-install')) {
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], {
    cwd: work,
    stdio: 'inherit',
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const files = readdirTests(work);
function readdirTests(dir) {
  return execFileSync('ls', [join(dir, 'test')], { encoding: 'utf8' })
    .split('\n')
    .filter((f) => f.endsWith('.ts') && !EXCLUDED.has(f))
    .map((f) => `test/${f}`);
}

function run(mode) {
  const env = { ...process.env, VE_WRAP: mode ?? '' };
  const r = spawnSync('npx', ['ava', '--tap', '--timeout=60s', '--concurrency=1', ...files], {
    cwd: work,
    env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  // The TAP output is kept beside the export, for the failures' messages.
  writeFileSync(join(work, `tap-${mode ?? 'bare'}.txt`), r.stdout);
  const results = new Map();
  for (const line of r.stdout.split('\n')) {
    const m = /^(not ok|ok) \d+ - (.*?)(?: # (SKIP|TODO).*)?$/.exec(line);
    if (m) results.set(m[2], m[3] ? 'skip' : m[1] === 'ok' ? 'pass' : 'fail');
  }
  return results;
}

const runs = [
  ['bare', undefined],
  ['wrapped, retry off', 'off'],
  ['wrapped, retry on', 'on'],
  ...(unwrap
    ? [
        ['wrapped, retry off, VendorError unwrapped', 'off-unwrap'],
        ['wrapped, retry on, VendorError unwrapped', 'on-unwrap'],
      ]
    : []),
]
  .filter(([, mode]) => !only || only.includes(mode ?? 'bare'))
  .map(([name, mode]) => [name, run(mode)]);
const count = (m, v) => [...m.values()].filter((x) => x === v).length;
console.log(`\n| ky ${ref} | passed | failed | total |\n| --- | --- | --- | --- |`);
for (const [name, m] of runs) console.log(`| ${name} | ${count(m, 'pass')} | ${count(m, 'fail')} | ${m.size} |`);
const bare = runs[0][0] === 'bare' ? runs[0][1] : new Map();
for (const [name, m] of runs.slice(bare.size ? 1 : 0)) {
  const diff = [...m].filter(([t, v]) => v === 'fail' && bare.get(t) === 'pass').map(([t]) => t);
  console.log(`\n${name}: ${diff.length} tests pass bare and fail wrapped`);
  for (const t of diff) console.log(`- ${t}`);
}
