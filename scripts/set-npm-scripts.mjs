#!/usr/bin/env node
/**
 * Sets entries of package.json's `scripts` and nothing else. Others edit other keys of the
 * same file concurrently, so the file is read immediately before it is written (and the edit
 * is applied to that latest text), only `scripts` changes, key order and the 2-space layout
 * are kept, and nothing is written when nothing changes.
 *
 *   node scripts/set-npm-scripts.mjs name='command' [name2='command2' ...] [--delete name]
 *   node scripts/set-npm-scripts.mjs --file other/package.json name='command'
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let file = join(dirname(fileURLToPath(import.meta.url)), '..', 'package.json');
const set = new Map();
const remove = new Set();
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--delete') remove.add(args[++i]);
  else if (args[i] === '--file') file = args[++i];
  else {
    const eq = args[i].indexOf('=');
    if (eq < 1) {
      console.error(`set-npm-scripts: expected name=command, got ${args[i]}`);
      process.exit(2);
    }
    set.set(args[i].slice(0, eq), args[i].slice(eq + 1));
  }
}

/** The package with only `scripts` edited; every other key untouched and in place. */
function edit(text) {
  const pkg = JSON.parse(text);
  const scripts = { ...(pkg.scripts ?? {}) };
  for (const [k, v] of set) scripts[k] = v;
  for (const k of remove) delete scripts[k];
  const next =
    'scripts' in pkg
      ? Object.fromEntries(Object.entries(pkg).map(([k, v]) => [k, k === 'scripts' ? scripts : v]))
      : { ...pkg, scripts };
  return `${JSON.stringify(next, null, 2)}\n`;
}

const latest = readFileSync(file, 'utf8');
const out = edit(latest);
if (out === latest) {
  console.log('set-npm-scripts: no change');
} else {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, out);
  renameSync(tmp, file);
  console.log(`set-npm-scripts: ${[...set.keys(), ...[...remove].map((k) => `-${k}`)].join(', ')}`);
}
