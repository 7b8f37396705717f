/**
 * Classification cost per failed attempt: `classify`, `normalize` and `new Error()` per call,
 * paired and interleaved (see lib/classify-pairs.ts), with quartiles over rounds.
 *
 *   npm run build && node bench/classify.ts [--rounds 15] [--calls 2000]
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { classifyPairsTable, measureClassifyPairs } from './lib/classify-pairs.ts';

const { values: args } = parseArgs({
  options: { rounds: { type: 'string', default: '15' }, calls: { type: 'string', default: '2000' } },
});
const rounds = Number(args.rounds);
const calls = Number(args.calls);
const before = loadavg();
const started = performance.now();
const rows = measureClassifyPairs(rounds, calls);
console.log(
  `Node ${process.version} · ${rounds} rounds × ${calls} calls per block · load average before ${before.map((l) => l.toFixed(2)).join(', ')}, after ${loadavg()
    .map((l) => l.toFixed(2))
    .join(', ')} · ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
);
console.log(classifyPairsTable(rows));
console.log(
  '\nns per call: median over rounds (quartiles); every call passes status, headers, method and URL as the integrations do.',
);
