/**
 * `npx node bench/external.ts [--runs N] [--scenarios ra,body,403] [--clients fetch,axios,ky]`:
 * the rate-limit scenarios as an outside harness sees them. The vendor simulator runs in a process
 * of its own (as a real vendor would), and every run is a fresh client process with every default,
 * no warm-up: its first call is its key's first, with cold connections and cold code. 300 calls,
 * 50 in flight, a token bucket of 100/s (burst 10), 5 ms latency; ideal (300 − 10) / 100 s + 5 ms.
 * `npm run bench` runs client and simulator in one worker; this is what it cannot show (a cold
 * process: 1.71–1.75× under Retry-After where the in-process bench gave 1.68–1.70×, 2026-12-05).
 * Needs `npm run build` first. Prints median and range per client and scenario, and the load.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { SIZES } from './lib/scenarios.ts';
import { quantile } from './lib/stats.ts';

// The full bench's rate-limit setup, so that both harnesses play the same vendor.
const { rateCalls: CALLS, rateConcurrency: IN_FLIGHT, perSecond: RATE, burst: BURST, latencyMs: LATENCY } = SIZES.full;
const IDEAL_MS = ((CALLS - BURST) / RATE) * 1000 + LATENCY;

type Vendor = 'upyun' | 'netease';
const SCENARIOS: Record<string, { vendor: Vendor; retryAfter: 'seconds' | 'none'; title: string }> = {
  ra: { vendor: 'upyun', retryAfter: 'seconds', title: 'UpYun 429 + Retry-After: 1' },
  body: { vendor: 'upyun', retryAfter: 'none', title: 'UpYun 429, body code only' },
  '403': { vendor: 'netease', retryAfter: 'none', title: 'NetEase 403 4030001' },
};
const PATHS: Record<Vendor, string> = { upyun: '/upyun/bench-bucket/photos/', netease: '/netease/v1/things/' };

/** A message between the harness and its children (IPC). */
type Message =
  | { readonly role: 'simulator'; readonly url: string }
  | { readonly role: 'scenario'; readonly vendor: Vendor; readonly retryAfter: 'seconds' | 'none' | undefined }
  | { readonly role: 'counted'; readonly requests: number }
  | { readonly role: 'count'; readonly vendor: Vendor }
  | { readonly role: 'ready' }
  | { readonly role: 'done'; readonly ms: number; readonly failed: number };

const self = fileURLToPath(import.meta.url);

async function simulatorRole(): Promise<void> {
  const { startVendorSimulator } = await import('vendor-errors/testing');
  const sim = await startVendorSimulator({ seed: 1 });
  process.on('message', (m: Message) => {
    if (m.role === 'scenario') {
      sim.scenario(
        m.vendor,
        m.retryAfter ? { rateLimit: { perSecond: RATE, burst: BURST, retryAfter: m.retryAfter }, latencyMs: LATENCY } : undefined,
      );
      sim.stats.reset();
      process.send?.({ role: 'ready' } satisfies Message);
    } else if (m.role === 'count') {
      process.send?.({ role: 'counted', requests: sim.stats.vendor(m.vendor).total } satisfies Message);
    }
  });
  process.on('disconnect', () => void sim.close().then(() => process.exit(0)));
  process.send?.({ role: 'simulator', url: sim.url } satisfies Message);
}

async function clientRole(transport: string, vendor: Vendor, url: string): Promise<void> {
  const adapters = await import('vendor-errors/adapters');
  const adapter = vendor === 'upyun' ? adapters.upyun : adapters.netease;
  let call: (u: string) => Promise<unknown>;
  if (transport === 'axios') {
    const [{ default: axios }, { withVendorErrors }] = await Promise.all([import('axios'), import('vendor-errors/axios')]);
    const client = withVendorErrors(axios.create(), { adapter });
    call = (u) => client.get(u);
  } else if (transport === 'ky') {
    const [{ default: ky }, { vendorErrors }] = await Promise.all([import('ky'), import('vendor-errors/ky')]);
    const api = ky.create(vendorErrors({ adapter }));
    call = (u) => api.get(u).text();
  } else {
    const { createFetch } = await import('vendor-errors/fetch');
    const f = createFetch({ adapter });
    call = async (u) => (await f(u)).text();
  }
  let next = 0;
  let failed = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < CALLS) {
        const i = next++;
        await call(`${url}${PATHS[vendor]}${i}.jpg`).catch(() => failed++);
      }
    }),
  );
  process.send?.({ role: 'done', ms: performance.now() - t0, failed } satisfies Message);
  process.disconnect?.();
}

function next(child: ChildProcess, role: Message['role']): Promise<Message> {
  return new Promise((resolve) => {
    const on = (m: Message) => {
      if (m.role !== role) return;
      child.off('message', on);
      resolve(m);
    };
    child.on('message', on);
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { runs: { type: 'string' }, scenarios: { type: 'string' }, clients: { type: 'string' } },
    strict: true,
  });
  const runs = Math.max(1, Number(values.runs ?? 5) || 5);
  const scenarios = (values.scenarios ?? 'ra,body,403').split(',').filter((s) => s in SCENARIOS);
  const clients = (values.clients ?? 'fetch,axios,ky').split(',');
  const sim = fork(self, ['--role', 'simulator'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const { url } = (await next(sim, 'simulator')) as Extract<Message, { role: 'simulator' }>;
  const load0 = loadavg()[0] ?? Number.NaN;
  console.log(
    `${CALLS} calls, ${IN_FLIGHT} in flight, ${RATE}/s burst ${BURST}, ideal ${(IDEAL_MS / 1000).toFixed(3)} s; ${runs} runs each, a fresh client process per run, no warm-up`,
  );
  console.log('| scenario | client | × ideal, median (min – max) | requests per call, median (min – max) | calls failed |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const id of scenarios) {
    const s = SCENARIOS[id] as (typeof SCENARIOS)[string];
    for (const transport of clients) {
      const times: number[] = [];
      const amps: number[] = [];
      let failed = 0;
      // Interleaved by run rather than by client would mix warm OS caches in; each run is cold anyway.
      for (let r = 0; r < runs; r++) {
        sim.send({ role: 'scenario', vendor: s.vendor, retryAfter: s.retryAfter } satisfies Message);
        await next(sim, 'ready');
        const child = fork(self, ['--role', 'client', transport, s.vendor, url], {
          stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        });
        const done = (await next(child, 'done')) as Extract<Message, { role: 'done' }>;
        sim.send({ role: 'count', vendor: s.vendor } satisfies Message);
        const { requests } = (await next(sim, 'counted')) as Extract<Message, { role: 'counted' }>;
        times.push(done.ms / IDEAL_MS);
        amps.push(requests / CALLS);
        failed += done.failed;
        sim.send({ role: 'scenario', vendor: s.vendor, retryAfter: undefined } satisfies Message);
        await next(sim, 'ready');
      }
      const f = (xs: number[], d: number) =>
        `${(quantile(xs, 0.5) ?? Number.NaN).toFixed(d)} (${Math.min(...xs).toFixed(d)} – ${Math.max(...xs).toFixed(d)})`;
      console.log(`| ${s.title} | ${transport} | ${f(times, 2)} | ${f(amps, 3)} | ${failed} of ${runs * CALLS} |`);
    }
  }
  console.log(`\nload average ${load0.toFixed(2)} → ${(loadavg()[0] ?? Number.NaN).toFixed(2)}`);
  sim.disconnect();
}

const argv = process.argv.slice(2);
if (argv[0] === '--role' && argv[1] === 'simulator') await simulatorRole();
else if (argv[0] === '--role' && argv[1] === 'client')
  await clientRole(argv[2] ?? 'fetch', (argv[3] ?? 'upyun') as Vendor, argv[4] ?? '');
else await main();
