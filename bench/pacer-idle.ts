/**
 * `node bench/pacer-idle.ts [rounds] [calls]` (after `npm run build`): what a pacer costs a call
 * whose key has never been limited, in µs, without any HTTP in the way. Paired and interleaved:
 * each round times a block of `retry()` calls without a pacer and one with a pacer (order swapped
 * every other round, so drift cancels), and the cost is the median over rounds of the
 * difference, with its spread. Also times the pacer alone (`acquire` + `report` per call).
 *
 * The end-to-end comparison (the same over real HTTP, per client) is in `lib/overhead.ts`.
 */
import { createPacer, retry } from 'vendor-errors';
import { quantile } from './lib/stats.ts';

const rounds = Number(process.argv[2] ?? 40);
const calls = Number(process.argv[3] ?? 20_000);
const url = 'https://open.c.163.com/api/v1/containers?limit=5';
const ok = async () => 1;

/** µs per call of `calls` sequential calls of `one`. */
async function time(one: () => Promise<unknown> | unknown): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < calls; i++) await one();
  return ((performance.now() - t0) * 1000) / calls;
}

const pacer = createPacer();
const bare = () => retry(ok, { vendor: 'netease', url, method: 'GET' });
const paced = () => retry(ok, { vendor: 'netease', url, method: 'GET', pacer });
const key = 'netease|open.c.163.com';
const alone = async () => {
  const permit = await pacer.acquire(key);
  pacer.report(key, undefined, { sentAt: permit.sentAt });
};
const nothing = async () => {};

// Warm-up: JIT, and the key's initial window (it lifts after 1024 successes).
for (const f of [bare, paced, alone, nothing]) await time(f);

const diffs: number[] = [];
const bareUs: number[] = [];
const alonePerCall: number[] = [];
for (let r = 0; r < rounds; r++) {
  let a: number;
  let b: number;
  if (r % 2 === 0) {
    a = await time(bare);
    b = await time(paced);
  } else {
    b = await time(paced);
    a = await time(bare);
  }
  bareUs.push(a);
  diffs.push(b - a);
  const base = await time(nothing);
  alonePerCall.push((await time(alone)) - base);
}

const f = (x: number | undefined) => (x ?? Number.NaN).toFixed(3);
const line = (name: string, xs: number[]) =>
  `${name}: median ${f(quantile(xs, 0.5))} µs/call (quartiles ${f(quantile(xs, 0.25))} – ${f(quantile(xs, 0.75))}, min ${f(quantile(xs, 0))})`;
console.log(`Node ${process.version}, ${rounds} rounds of ${calls} sequential calls`);
console.log(line('retry() without a pacer', bareUs));
console.log(line('retry() with a pacer, minus without', diffs));
console.log(line('pacer.acquire + report alone, minus an empty async call', alonePerCall));
