#!/usr/bin/env node
/**
 * The packed tarball, as users get it: `npm pack`, then one clean project per set of peers in a
 * temp directory, each installing the tarball plus only the peers its subpaths need (versions
 * pinned to the repo's node_modules, `--prefer-offline` so a warm npm cache makes it quick),
 * running a probe (./probes) that imports those subpaths and uses them against 127.0.0.1.
 * Run after `npm run build`. Each probe runs on the Node running this script (CI: the system
 * Node 20) and on the pinned Node 24; msw 3 needs Node >= 22.12 (its engines), so only on 24.
 * Ends with one line per project and a total; exits 1 if anything failed.
 */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const here = dirname(fileURLToPath(import.meta.url));
const version = (name) => JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
const pinned = (name, as = name) => `${name}@${version(as)}`;
const node24 = join(root, 'node_modules', 'node', 'bin', 'node');
const nodes = (min) =>
  [...new Set([process.execPath, realpathSync(node24)])].filter((bin) => bin !== process.execPath || major() >= min);
const major = () => Number(process.versions.node.split('.')[0]);

/** One clean project per peer set: what it installs and which probe runs there. */
const PROJECTS = [
  { name: 'no-peers', peers: [], probe: 'no-peers.mjs' },
  { name: 'ws', peers: [pinned('ws')], probe: 'ws.mjs' },
  { name: 'msw2', peers: [pinned('msw')], probe: 'msw.mjs' },
  { name: 'msw3', peers: [`msw@${version('msw3')}`], probe: 'msw.mjs', minNode: 23 },
  { name: 'ky', peers: [pinned('ky')], probe: 'ky.mjs' },
  { name: 'axios', peers: [pinned('axios')], probe: 'axios.mjs' },
  { name: 'otel', peers: [pinned('@opentelemetry/api')], probe: 'otel.mjs' },
];

function run(cmd, args, cwd) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    child.on('close', (code) => resolve({ code, out }));
  });
}

const t0 = Date.now();
const work = mkdtempSync(join(tmpdir(), 'vendor-errors-pack-'));
let exit = 0;
try {
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: root, encoding: 'utf8' }));
  const tarball = join(work, packed[0].filename);
  console.log(`packed ${packed[0].filename}: ${packed[0].entryCount} files, ${packed[0].size} B`);

  // Installs run side by side (mostly waiting on the network or the cache), probes one at a time.
  const installs = await Promise.all(
    PROJECTS.map(async (p) => {
      const dir = join(work, p.name);
      mkdirSync(dir);
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `probe-${p.name}`, private: true, type: 'module' }));
      cpSync(join(here, 'probes'), dir, { recursive: true });
      const args = [
        'install',
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        '--ignore-scripts',
        '--no-package-lock',
        tarball,
        ...p.peers,
      ];
      return { p, dir, ...(await run('npm', args, dir)) };
    }),
  );
  console.log(`installed ${PROJECTS.length} projects in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const tally = [];
  for (const { p, dir, code, out } of installs) {
    console.log(`\n--- ${p.name}: vendor-errors${p.peers.length ? ` + ${p.peers.join(' ')}` : ' alone'}`);
    if (code !== 0) {
      console.log(out);
      tally.push(`${p.name}: npm install FAILED`);
      exit = 1;
      continue;
    }
    for (const bin of nodes(p.minNode ?? 0)) {
      const r = await run(bin, [p.probe], dir);
      const v = (await run(bin, ['--version'], dir)).out.trim();
      process.stdout.write(r.out);
      tally.push(`Node ${v}: ${r.out.trim().split('\n').at(-1) ?? ''}`);
      if (r.code !== 0) exit = 1;
    }
  }
  console.log(`\ncheck:pack on Node ${process.versions.node}, ${((Date.now() - t0) / 1000).toFixed(1)} s:`);
  for (const line of tally) console.log(`  ${line}`);
  console.log(exit === 0 ? 'check:pack: all projects passed' : 'check:pack: FAILED');
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exit(exit);
