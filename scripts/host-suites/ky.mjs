#!/usr/bin/env node
// ky's own Node test suite, bare and with vendorErrors() wrapped around ky (issue 11).
//
//   node scripts/host-suites/ky.mjs <ky checkout or git dir> [<ref>] [--no-install]
//
// The checkout is exported (git archive <ref>, default HEAD) into a fresh /tmp directory, its
// devDependencies installed there with npm, and `ava` run three times on the Node test files:
// bare, wrapped with `retry: false`, wrapped with the default retries. Wrapping is one line
// appended to the exported `source/index.ts`: the default export becomes
// `ky.extend(vendorErrors({ adapter: neutral, retry }))` when VE_WRAP is set, with a neutral
// adapter that knows no codes. Needs `npm run build` here first (it imports dist/).
// Browser tests (playwright) and anything that calls the internet are excluded. Each run's TAP
// output is kept in the export (tap-bare/off/on.txt) for ky-classify.mjs. Prints a table
// of passed/failed per run and the names of the tests whose outcome differs from the bare run.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const [source, ref = 'HEAD', ...flags] = process.argv.slice(2);
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
import {defineAdapter as __defineAdapter} from '${dist}/index.js';
import {vendorErrors as __vendorErrors} from '${dist}/integrations/ky/index.js';
const __neutral = __defineAdapter({name: 'neutral', catalog: [], parse: () => undefined});
const __mode = process.env.VE_WRAP;
export default (__mode ? __bareKy.extend(__vendorErrors({adapter: __neutral, retry: __mode === 'off' ? false : undefined}) as never) : __bareKy);
`,
);

if (!flags.includes('--no-install')) {
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
  ['bare', run(undefined)],
  ['wrapped, retry off', run('off')],
  ['wrapped, retry on', run('on')],
];
const count = (m, v) => [...m.values()].filter((x) => x === v).length;
console.log(`\n| ky ${ref} | passed | failed | total |\n| --- | --- | --- | --- |`);
for (const [name, m] of runs) console.log(`| ${name} | ${count(m, 'pass')} | ${count(m, 'fail')} | ${m.size} |`);
const bare = runs[0][1];
for (const [name, m] of runs.slice(1)) {
  const diff = [...m].filter(([t, v]) => v === 'fail' && bare.get(t) === 'pass').map(([t]) => t);
  console.log(`\n${name}: ${diff.length} tests pass bare and fail wrapped`);
  for (const t of diff) console.log(`- ${t}`);
}
