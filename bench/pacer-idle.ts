/**
 * `node bench/pacer-idle.ts [rounds] [calls]` (after `npm run build`): what a pacer costs a call
 * whose key has never been limited, in µs, without any HTTP in the way (see `lib/pacer-idle.ts`;
 * `npm run bench` runs the same measurement and puts it in its report next to the end-to-end one).
 */
import { measurePacerIdle } from './lib/pacer-idle.ts';

const rounds = Number(process.argv[2] ?? 40);
const calls = Number(process.argv[3] ?? 20_000);
const r = await measurePacerIdle(rounds, calls);
const f = (x: number) => x.toFixed(3);
const line = (name: string, x: { median: number; q1: number; q3: number }) =>
  `${name}: median ${f(x.median)} µs/call (quartiles ${f(x.q1)} – ${f(x.q3)})`;
console.log(`Node ${process.version}, ${r.rounds} rounds of ${r.calls} sequential calls`);
console.log(line('retry() without a pacer', r.bare));
console.log(line('retry() with a pacer, minus without', r.added));
console.log(line('pacer.acquire + report alone, minus an empty async call', r.alone));
