/**
 * `node bench/cold-burst.ts [pairs] [latencyMs] [calls] [initialWindow]` (after `npm run build`): a cold burst of
 * calls at a vendor that never limits, default pacer ÷ `pacer: false`, paired (see
 * `lib/cold-burst.ts`; `npm run bench` runs it too).
 */
import { startVendorSimulator } from 'vendor-errors/testing';
import { measureColdBurst } from './lib/cold-burst.ts';

const pairs = Number(process.argv[2] ?? 20);
const latencyMs = Number(process.argv[3] ?? 5);
const calls = Number(process.argv[4] ?? 50);
const initialWindow = process.argv[5] === undefined ? undefined : Number(process.argv[5]);
const sim = await startVendorSimulator();
sim.scenario('upyun', { latencyMs });
try {
  const r = await measureColdBurst({ url: sim.url, latencyMs, pairs, calls, initialWindow });
  for (const row of r.rows) {
    const { median, low, high } = row.ratio;
    console.log(
      `${row.onId.padEnd(10)} ${calls} calls, ${latencyMs} ms: without ${row.offMs.toFixed(1)} ms, with ${row.onMs.toFixed(1)} ms, ` +
        `with ÷ without ${median.toFixed(3)} [95 % ${low.toFixed(3)} – ${high.toFixed(3)}], quartiles ${row.q1.toFixed(3)} – ${row.q3.toFixed(3)}`,
    );
  }
} finally {
  await sim.close();
}
