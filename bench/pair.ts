/**
 * Paired, interleaved overhead measurement of one or more clients against bare fetch/ky/axios on
 * a 200-only node:http server in a child process (so the client process's CPU is the client's).
 *
 *   node bench/pair.ts [--rounds 12] [--calls 400] [--concurrency 10] [--clients ve-fetch,...]
 *   (clients: bare-fetch, bare-ky (ky 1), bare-ky2, bare-axios and their ve-* wrapped forms, ve-axios-stream;
 *   inert-ky, inert-ky2, inert-axios: the client extended the integration's way (hooks, retry and fetch options;
 *   interceptors and an adapter wrapper) by code that does nothing)
 *   [--before DIR]   (a copy of an older dist/ to compare too: clients before-fetch, before-ky, before-ky2, before-axios)
 *   [--profile]      (only runs the wrapped clients, for --cpu-prof)
 *   [--signal per-call|none]  (an AbortSignal per call, as users pass one, or none; default per-call)
 *   [--retry JSON]   (retry options of every wrapped client, e.g. '{"pacer":false}', to take a cost apart)
 * Prints the median ratio per round with its quartiles (spread) and the load average.
 */
import { fork } from 'node:child_process';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import axios from 'axios';
import ky from 'ky';
import ky2 from 'ky2';
import { upyun } from 'vendor-errors/adapters';
import { withVendorErrors } from 'vendor-errors/axios';
import { createFetch } from 'vendor-errors/fetch';
import { vendorErrors } from 'vendor-errors/ky';

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '12' },
    calls: { type: 'string', default: '400' },
    concurrency: { type: 'string', default: '10' },
    clients: { type: 'string', default: 'bare-fetch,ve-fetch' },
    before: { type: 'string' },
    server: { type: 'boolean', default: false },
    signal: { type: 'string', default: 'per-call' },
    retry: { type: 'string' },
  },
});

if (args.server) {
  const { createServer } = await import('node:http');
  const body = Buffer.from('{"files":[]}');
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
    res.end(body);
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.send?.(typeof address === 'object' && address ? address.port : 0);
  });
  process.on('disconnect', () => process.exit(0));
} else {
  await main();
}

type Call = (url: string, signal: AbortSignal | undefined) => Promise<void>;

async function main(): Promise<void> {
  const child = fork(new URL(import.meta.url), ['--server'], { stdio: 'inherit' });
  const port = await new Promise<number>((resolve) => child.once('message', (m) => resolve(Number(m))));
  const url = `http://127.0.0.1:${port}/upyun/bench-bucket/photos/1.jpg`;

  const clients: Record<string, Call> = {};
  const ax = axios.create();
  const kyApi = ky.create();
  clients['bare-fetch'] = async (u, signal) => {
    const res = await fetch(u, { signal });
    await res.text();
    if (!res.ok) throw new Error(String(res.status));
  };
  clients['bare-ky'] = async (u, signal) => {
    await kyApi.get(u, { signal }).text();
  };
  const ky2Api = ky2.create();
  clients['bare-ky2'] = async (u, signal) => {
    await ky2Api.get(u, { signal }).text();
  };
  // ky extended the way vendorErrors() extends it, with hooks and a fetch that do nothing: what ky
  // itself charges any integration through its public options (merging them, running the hooks).
  const inert = {
    retry: { limit: 2, shouldRetry: () => undefined },
    fetch: (input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init),
    hooks: { beforeRequest: [() => undefined], beforeRetry: [() => undefined], beforeError: [(e: Error) => e] },
  };
  const kyInert = ky.create(inert as unknown as Parameters<typeof ky.create>[0]);
  clients['inert-ky'] = async (u, signal) => {
    await kyInert.get(u, { signal }).text();
  };
  const ky2Inert = ky2.create(inert as unknown as Parameters<typeof ky2.create>[0]);
  clients['inert-ky2'] = async (u, signal) => {
    await ky2Inert.get(u, { signal }).text();
  };
  clients['bare-axios'] = async (u, signal) => {
    await ax.get(u, { signal });
  };
  // axios extended as withVendorErrors() extends it, with interceptors and an adapter wrapper that do
  // nothing: what axios itself charges any integration through its interceptors and adapters.
  const axInert = axios.create();
  const transport = axios.getAdapter(axios.defaults.adapter);
  axInert.interceptors.request.use(
    (config) => {
      config.adapter = (c) => transport(c);
      return config;
    },
    undefined,
    { synchronous: true },
  );
  axInert.interceptors.response.use(undefined, (error: unknown) => Promise.reject(error));
  clients['inert-axios'] = async (u, signal) => {
    await axInert.get(u, { signal });
  };
  // Every wrapped client (before-* too) gets the same options: the default ones unless --retry says.
  const opts = args.retry ? { adapter: upyun, retry: JSON.parse(args.retry) as Record<string, unknown> } : { adapter: upyun };
  const vf = createFetch(opts);
  clients['ve-fetch'] = async (u, signal) => {
    const res = await vf(u, { signal });
    await res.text();
  };
  const vk = ky.create(vendorErrors(opts));
  clients['ve-ky'] = async (u, signal) => {
    await vk.get(u, { signal }).text();
  };
  // ky 2 (the current major): ky 1's timeout emulation (ky/index.ts armDeadline) is not needed there.
  const vk2 = ky2.create(vendorErrors(opts) as Parameters<typeof ky2.create>[0]);
  clients['ve-ky2'] = async (u, signal) => {
    await vk2.get(u, { signal }).text();
  };
  const va = withVendorErrors(axios.create(), opts);
  clients['ve-axios'] = async (u, signal) => {
    await va.get(u, { signal });
  };
  // Error bodies bounded by streaming every attempt (opt-in since issue 14: it costs every success).
  const vas = withVendorErrors(axios.create(), { ...opts, boundErrorBodies: true });
  clients['ve-axios-stream'] = async (u, signal) => {
    await vas.get(u, { signal });
  };
  if (args.before) {
    const dir = new URL(`file://${args.before.replace(/\/?$/, '/')}`);
    const f = (await import(new URL('src/integrations/fetch.js', dir).href)) as typeof import('vendor-errors/fetch');
    const k = (await import(new URL('src/integrations/ky/index.js', dir).href)) as typeof import('vendor-errors/ky');
    const a = (await import(new URL('src/integrations/axios/index.js', dir).href)) as typeof import('vendor-errors/axios');
    const bf = f.createFetch(opts);
    clients['before-fetch'] = async (u, signal) => {
      const res = await bf(u, { signal });
      await res.text();
    };
    const bk = ky.create(k.vendorErrors(opts));
    clients['before-ky'] = async (u, signal) => {
      await bk.get(u, { signal }).text();
    };
    const bk2 = ky2.create(k.vendorErrors(opts) as Parameters<typeof ky2.create>[0]);
    clients['before-ky2'] = async (u, signal) => {
      await bk2.get(u, { signal }).text();
    };
    const ba = a.withVendorErrors(axios.create(), opts);
    clients['before-axios'] = async (u, signal) => {
      await ba.get(u, { signal });
    };
  }

  const ids = (args.clients ?? '').split(',').filter(Boolean);
  for (const id of ids) if (!clients[id]) throw new Error(`unknown client ${id}`);
  const rounds = Number(args.rounds);
  const calls = Number(args.calls);
  const concurrency = Number(args.concurrency);

  if (args.signal !== 'per-call' && args.signal !== 'none') throw new Error('--signal is per-call or none');
  const perCall = args.signal === 'per-call';
  const { loadavg } = await import('node:os');
  const loadBefore = loadavg();
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;

  async function block(call: Call): Promise<{ rps: number; cpuUs: number }> {
    gc();
    let next = 0;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < calls) {
          next++;
          await call(url, perCall ? new AbortController().signal : undefined);
        }
      }),
    );
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    return { rps: calls / (ms / 1000), cpuUs: (cpu.user + cpu.system) / calls };
  }

  for (const id of ids) await block(clients[id] as Call); // warm-up
  for (const id of ids) await block(clients[id] as Call);
  const results = new Map<string, { rps: number; cpuUs: number }[]>(ids.map((id) => [id, []]));
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? ids : [...ids].reverse();
    for (const id of order) results.get(id)?.push(await block(clients[id] as Call));
  }
  child.disconnect();
  child.kill();

  const med = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    const m = s.length >> 1;
    return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
  };
  const quart = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.round(q * (s.length - 1))))] as number;
    return `${at(0.25).toFixed(3)} – ${at(0.75).toFixed(3)}`;
  };
  const base = ids[0] as string;
  const b = results.get(base) ?? [];
  console.log(
    `${rounds} rounds × ${calls} calls at ${concurrency}, signal ${args.signal}${args.retry ? `, retry ${args.retry}` : ''}; ratios against ${base} (per round: median [quartiles]); load average ${loadBefore
      .map((l) => l.toFixed(2))
      .join(' ')} → ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  for (const id of ids) {
    const w = results.get(id) ?? [];
    const ratios = w.map((x, i) => x.rps / (b[i]?.rps ?? Number.NaN));
    const cpuRatios = w.map((x, i) => (b[i]?.cpuUs ?? Number.NaN) / x.cpuUs);
    const ratio = med(ratios);
    const cpuRatio = med(cpuRatios);
    console.log(
      `${id.padEnd(14)} rps ${med(w.map((x) => x.rps))
        .toFixed(0)
        .padStart(6)}  cpu/call ${med(w.map((x) => x.cpuUs))
        .toFixed(1)
        .padStart(6)} µs  ` +
        `throughput ratio ${ratio.toFixed(3)} [${quart(ratios)}] (overhead ${((1 - ratio) * 100).toFixed(1)} %)  cpu ratio ${cpuRatio.toFixed(3)} [${quart(cpuRatios)}] (overhead ${((1 - cpuRatio) * 100).toFixed(1)} %)`,
    );
  }
}
