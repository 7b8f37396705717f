#!/usr/bin/env node
/**
 * The core, the fetch and ky integrations and the retry loop on Bun, Deno and workerd (and the
 * Node running this script, as a baseline): test/runtimes/suite.ts bundled with esbuild from the
 * built package (`dist/`, through package.json's exports), run by each runtime's binary from the
 * devDependencies against the vendor simulator (dist) on 127.0.0.1, port 0. Each runtime's output
 * ends with "<runtime> <version>: N passed, M failed"; the exit code is 1 if any check failed or
 * a runtime could not run.
 *
 *   npm run build && node test/runtimes/run.mjs [bun] [deno] [workerd] [node]
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const bin = (name) => join(root, 'node_modules', '.bin', name);
const ALL = ['bun', 'deno', 'workerd', 'node'];
const wanted = process.argv.slice(2).length ? process.argv.slice(2) : ALL;

/** Every route scripts its own answers (scriptPer: 'route'), so each check's path starts afresh. */
const SCENARIOS = {
  upyun: { scriptPer: 'route', script: [{ code: 42900001, retryAfterMs: 1, retryAfter: 'ms' }, 'ok'] },
  'baidu-pcs': { scriptPer: 'route', script: [{ code: 31219, in200: true }] },
  // One request a second, and every answer says what is left (IETF RateLimit): the pacer check.
  // Forced codes (x-simulate-code) bypass the bucket, so the other NetEase checks are unaffected.
  netease: { rateLimit: { perSecond: 1, burst: 1, headers: 'ietf' } },
  // Slow enough that every abort in the suite lands mid-request.
  'api-switch': { latencyMs: 5000 },
};

async function bundle(entry, platform) {
  const selfReference = {
    name: 'self-reference',
    setup(build) {
      build.onResolve({ filter: /^vendor-errors(\/.*)?$/ }, (args) => {
        const sub = args.path === 'vendor-errors' ? '.' : `.${args.path.slice('vendor-errors'.length)}`;
        const target = pkg.exports?.[sub]?.default;
        if (!target) return { errors: [{ text: `package.json has no export "${sub}"` }] };
        return { path: join(root, target) };
      });
    },
  };
  const result = await esbuild.build({
    entryPoints: [join(root, 'test/runtimes', entry)],
    bundle: true,
    write: false,
    format: 'esm',
    platform,
    target: 'es2022',
    logLevel: 'silent',
    plugins: [selfReference],
  });
  return result.outputFiles[0].text;
}

function run(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' },
    });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    child.on('error', (e) => resolve({ code: -1, out: `${out}could not start ${cmd}: ${e.message}\n` }));
    child.on('close', (code) => resolve({ code, out }));
  });
}

async function runWorkerd(worker, origin, tag) {
  const { Miniflare } = await import('miniflare');
  const version = (await run(bin('workerd'), ['--version'])).out.trim();
  const mf = new Miniflare({ modules: true, script: worker, compatibilityDate: '2026-04-01' });
  try {
    const res = await mf.dispatchFetch(`http://worker.test/?origin=${encodeURIComponent(origin)}&tag=${tag}`);
    const text = await res.text();
    let results;
    try {
      results = JSON.parse(text);
    } catch {
      return {
        code: 1,
        out: `  FAIL  the worker answered ${res.status}: ${text.slice(0, 500)}\n${version}: 0 passed, 1 failed\n`,
      };
    }
    let out = '';
    for (const r of results) out += `  ${r.ok ? 'ok  ' : 'FAIL'}  ${r.name}${r.ok ? '' : `: ${r.detail}`}\n`;
    const failed = results.filter((r) => !r.ok).length;
    out += `${version}: ${results.length - failed} passed, ${failed} failed\n`;
    return { code: failed === 0 && results.length > 0 ? 0 : 1, out };
  } finally {
    await mf.dispose();
  }
}

if (!existsSync(join(root, 'dist/src/index.js'))) {
  console.error('test:runtimes: build first (npm run build)');
  process.exit(1);
}
const { startVendorSimulator } = await import(join(root, 'dist/src/testing/index.js'));
const sim = await startVendorSimulator({ scenarios: SCENARIOS });
const work = mkdtempSync(join(tmpdir(), 'vendor-errors-runtimes-'));
const tally = [];
let exit = 0;
try {
  const cli = join(work, 'suite.mjs');
  writeFileSync(cli, await bundle('entry-cli.ts', 'neutral'));
  const worker = await bundle('entry-worker.ts', 'neutral');
  for (const runtime of wanted) {
    // Fresh buckets and scripts for each runtime: one runtime's last request must not cost the next its token.
    sim.reset();
    const t0 = Date.now();
    const tag = `${runtime}-${t0}`;
    let r;
    if (runtime === 'bun') r = await run(bin('bun'), ['run', cli, sim.url, tag]);
    else if (runtime === 'deno') r = await run(bin('deno'), ['run', '--allow-net=127.0.0.1', '--no-prompt', cli, sim.url, tag]);
    else if (runtime === 'node') r = await run(process.execPath, [cli, sim.url, tag]);
    else if (runtime === 'workerd') r = await runWorkerd(worker, sim.url, tag);
    else r = { code: 1, out: `unknown runtime "${runtime}" (known: ${ALL.join(', ')})\n` };
    console.log(`\n=== ${runtime} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    process.stdout.write(r.out);
    const last = r.out.trim().split('\n').at(-1) ?? '';
    tally.push(/passed, \d+ failed$/.test(last) ? last : `${runtime}: did not finish (exit ${r.code})`);
    if (r.code !== 0) exit = 1;
  }
} finally {
  await sim.close();
  rmSync(work, { recursive: true, force: true });
}
console.log('\ntest:runtimes:');
for (const line of tally) console.log(`  ${line}`);
process.exit(exit);
