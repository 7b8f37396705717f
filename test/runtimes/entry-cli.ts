/** Bun, Deno and Node: `<runtime> bundle.mjs <origin> <tag>` prints one line per check and a tally. */
import { runSuite } from './suite.js';

const g = globalThis as unknown as {
  Deno?: { args: string[]; exit(code: number): never; version: { deno: string } };
  Bun?: { version: string };
  process?: { argv: string[]; exit(code: number): never; versions: { node: string } };
};
const args = g.Deno ? g.Deno.args : (g.process?.argv.slice(2) ?? []);
const runtime = g.Deno ? `deno ${g.Deno.version.deno}` : g.Bun ? `bun ${g.Bun.version}` : `node ${g.process?.versions.node}`;
const [origin = '', tag = 'cli'] = args;

const results = await runSuite(origin, tag);
for (const r of results) console.log(`  ${r.ok ? 'ok  ' : 'FAIL'}  ${r.name}${r.ok ? '' : `: ${r.detail}`}`);
const failed = results.filter((r) => !r.ok).length;
console.log(`${runtime}: ${results.length - failed} passed, ${failed} failed`);
const code = failed === 0 && results.length > 0 ? 0 : 1;
if (g.Deno) g.Deno.exit(code);
else g.process?.exit(code);
