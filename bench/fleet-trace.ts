/**
 * Reads the traces `node bench/fleet.ts --trace DIR` writes and prints, per 250 ms, each process's
 * sends (ok/limited) and its pacer's rate, and the fleet's totals: where a run loses time against
 * the vendor's bucket. `node bench/fleet-trace.ts DIR [tag]`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? '/tmp/fleet-trace';
const tag = process.argv[3] ?? '';
const BIN = 250;
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.jsonl') && f.startsWith(tag))
  .sort();
type Line = {
  e: string;
  ms?: number;
  at: number;
  sent?: number;
  status?: number;
  rate?: number;
  state?: string;
  measured?: number;
  queue?: number;
};
const procs = files.map((f) =>
  readFileSync(join(dir, f), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Line),
);
const t0 = Math.min(
  ...procs
    .flat()
    .filter((l) => l.e === 'req')
    .map((l) => l.sent as number),
);
const end = Math.max(...procs.flat().map((l) => l.at));
console.log(`${files.join(' ')}: ${((end - t0) / 1000).toFixed(2)} s`);
console.log('   t(ms) | fleet ok/lim | per process: sent ok/lim rate state');
for (let b = 0; b * BIN < end - t0; b++) {
  const lo = t0 + b * BIN;
  const hi = lo + BIN;
  let ok = 0;
  let lim = 0;
  const cells = procs.map((lines) => {
    const reqs = lines.filter((l) => l.e === 'req' && (l.sent as number) >= lo && (l.sent as number) < hi);
    const o = reqs.filter((l) => (l.status as number) < 400).length;
    ok += o;
    lim += reqs.length - o;
    const snaps = lines.filter((l) => l.e === 'snap' && l.at >= lo && l.at < hi);
    const rate = snaps.length ? snaps.reduce((n, l) => n + (l.rate as number), 0) / snaps.length : Number.NaN;
    const state = snaps.at(-1)?.state ?? '';
    return `${String(o).padStart(3)}/${String(reqs.length - o).padEnd(3)} ${rate > 5000 ? '  ∞' : rate.toFixed(0).padStart(4)} ${state.slice(0, 5).padEnd(5)}`;
  });
  console.log(
    `${String(b * BIN).padStart(7)}  | ${String(ok).padStart(4)}/${String(lim).padEnd(4)} (${((ok * 1000) / BIN).toFixed(0).padStart(3)}/s) | ${cells.join(' | ')}`,
  );
}

// Redis round trips (ioredis workers): what the store's timeout (75 ms) is measured against.
const rtt = procs
  .flat()
  .filter((l) => l.e === 'rtt')
  .map((l) => l.ms as number)
  .sort((a, b) => a - b);
if (rtt.length > 0) {
  const q = (p: number) => rtt[Math.min(rtt.length - 1, Math.floor(p * rtt.length))];
  const over = [25, 50, 75, 100, 150].map((ms) => `>${ms} ms: ${rtt.filter((x) => x > ms).length}`).join(', ');
  console.log(
    `Redis round trips: ${rtt.length}, median ${q(0.5)} ms, p99 ${q(0.99)} ms, p99.9 ${q(0.999)} ms, max ${rtt.at(-1)} ms; ${over}`,
  );
}
