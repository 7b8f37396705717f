/**
 * `node bench/cold-path.ts [--rounds 9] [--calls 500] [--sweep-mb 16] [--retry JSON]` (after
 * `npm run build`): CPU per successful fetch call that the wrapper adds, against a fetch double
 * that answers at once, with the caches warm (back-to-back calls) and cold (a sweep over a large
 * array between calls, as a real request's I/O and the machine's other processes leave them).
 *
 * Why (issue 14): the hot loop says the wrapper costs ~1.5 µs per call, the paired HTTP bench
 * 7-12 µs. Cold, the same code costs ~30 µs; the per-attempt controller, listener and timer are
 * about a third of that and the pacer another sixth to a third. Footprint, not arithmetic, is what
 * a call pays on a busy machine. Per call: `process.cpuUsage()` around the call itself (about
 * 1 µs of its own, the same for both), paired rounds, median and quartiles of the difference.
 * `--before DIR` (a copy of an older dist/): the pairs are that build's wrapper against this one's,
 * so the difference is what this build adds (negative: saves) per call.
 */
import { parseArgs } from 'node:util';
import { loadavg } from 'node:os';
import { upyun } from 'vendor-errors/adapters';
import { createFetch } from 'vendor-errors/fetch';

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '9' },
    calls: { type: 'string', default: '500' },
    'sweep-mb': { type: 'string', default: '16' },
    retry: { type: 'string' },
    before: { type: 'string' },
  },
});

const res = new Response(null, { status: 200, headers: { 'content-type': 'application/json', 'content-length': '12' } });
const bare = (_input: RequestInfo | URL, _init?: RequestInit): Promise<Response> => Promise.resolve(res);
const options = { adapter: upyun, fetch: bare, ...(args.retry ? { retry: JSON.parse(args.retry) } : {}) };
const wrapped = createFetch(options);
const beforeDir = args.before ? new URL(`file://${args.before.replace(/\/?$/, '/')}`) : undefined;
const before = beforeDir
  ? ((await import(new URL('src/integrations/fetch.js', beforeDir).href)) as typeof import('vendor-errors/fetch')).createFetch(
      options,
    )
  : undefined;
const base = before ?? bare;
const url = 'http://127.0.0.1:1/upyun/bench-bucket/photos/1.jpg';
const big = new Float64Array((Number(args['sweep-mb']) * 1024 * 1024) / 8);
let sink = 0;

function sweep(): void {
  // One touch per 64-byte line: every line of the array goes through the caches.
  for (let i = 0; i < big.length; i += 8) sink += big[i] = (big[i] ?? 0) + 1;
}

async function perCall(f: typeof bare, calls: number, cold: boolean): Promise<number> {
  let us = 0;
  for (let i = 0; i < calls; i++) {
    if (cold) sweep();
    const before = process.cpuUsage();
    await f(url, { signal: new AbortController().signal });
    const spent = process.cpuUsage(before);
    us += spent.user + spent.system;
  }
  return us / calls;
}

function spread(xs: number[]): string {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => (s[Math.round(q * (s.length - 1))] ?? Number.NaN).toFixed(2);
  return `median ${at(0.5)} µs/call [quartiles ${at(0.25)} – ${at(0.75)}]`;
}

const rounds = Number(args.rounds);
const calls = Number(args.calls);
const load = loadavg().map((l) => l.toFixed(2));
for (const cold of [false, true]) {
  for (let w = 0; w < 2; w++) {
    await perCall(base, calls, cold);
    await perCall(wrapped, calls, cold);
  }
  const added: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? [base, wrapped] : [wrapped, base];
    const [a, b] = [await perCall(order[0] as typeof bare, calls, cold), await perCall(order[1] as typeof bare, calls, cold)];
    added.push(r % 2 === 0 ? b - a : a - b);
  }
  console.log(`${cold ? 'cold' : 'warm'}: ${before ? 'this build − before' : 'wrapper adds'} ${spread(added)}`);
}
console.log(
  `Node ${process.version}, ${rounds} rounds × ${calls} calls${args.retry ? `, retry ${args.retry}` : ''}; load average ${load.join(' ')} (sink ${sink > 0})`,
);
