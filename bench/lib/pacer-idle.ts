/**
 * What a pacer costs a call whose key has never been limited, in µs, without any HTTP in the way:
 * paired and interleaved, each round times a block of `retry()` calls without a pacer and one
 * with a pacer (the order swapped every other round, so drift cancels); the cost is the median
 * over rounds of the difference, with its quartiles. Also the pacer alone (`acquire` + `report`).
 * A hot loop: in a real client, between sends, the same code runs colder and costs more.
 */
import { createPacer, retry } from 'vendor-errors';
import { quantile } from './stats.ts';

export interface IdleFigure {
  /** Median over rounds, µs per call, and the quartiles. */
  readonly median: number;
  readonly q1: number;
  readonly q3: number;
}

export interface PacerIdleResult {
  readonly rounds: number;
  readonly calls: number;
  /** `retry()` of a function that resolves at once, without a pacer. */
  readonly bare: IdleFigure;
  /** With a pacer, minus without. */
  readonly added: IdleFigure;
  /** `acquire` + `report` per call, minus an empty async call. */
  readonly alone: IdleFigure;
}

function figure(xs: readonly number[]): IdleFigure {
  return {
    median: quantile(xs, 0.5) ?? Number.NaN,
    q1: quantile(xs, 0.25) ?? Number.NaN,
    q3: quantile(xs, 0.75) ?? Number.NaN,
  };
}

export async function measurePacerIdle(rounds: number, calls: number): Promise<PacerIdleResult> {
  const url = 'https://open.c.163.com/api/v1/containers?limit=5';
  const ok = async () => 1;
  /** µs per call of `calls` sequential calls of `one`. */
  const time = async (one: () => Promise<unknown>): Promise<number> => {
    const t0 = performance.now();
    for (let i = 0; i < calls; i++) await one();
    return ((performance.now() - t0) * 1000) / calls;
  };

  const pacer = createPacer();
  const bare = () => retry(ok, { vendor: 'netease', url, method: 'GET', pacer: false });
  const paced = () => retry(ok, { vendor: 'netease', url, method: 'GET', pacer });
  const key = pacer.keyOf('netease', url);
  const alone = async () => {
    const permit = await pacer.acquire(key);
    pacer.report(key, undefined, { sentAt: permit.sentAt });
  };
  const nothing = async () => {};

  // Warm-up: JIT, and the key's initial window (lifted after ~1000 successes).
  for (const f of [bare, paced, alone, nothing]) await time(f);

  const bareUs: number[] = [];
  const added: number[] = [];
  const aloneUs: number[] = [];
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
    added.push(b - a);
    const base = await time(nothing);
    aloneUs.push((await time(alone)) - base);
  }
  pacer.close();
  return { rounds, calls, bare: figure(bareUs), added: figure(added), alone: figure(aloneUs) };
}
