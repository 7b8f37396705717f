/**
 * `npm run demo`: starts the vendor simulator on 127.0.0.1 and runs the example SDKs (UpYun on
 * axios, Baidu PCS on ky, NetEase on fetch, MFP over WebSocket) through a script of scenarios.
 * Every call states the outcome it must have, so the demo is a smoke test too: it exits 1 when
 * one is not met. No network, no configuration; the retry settings are short so it takes seconds.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createPacer, isVendorError, type PacerStore, type RetryInfo, type RetryOptions, setDefaultPacer } from 'vendor-errors';
import { createMemoryPacerStore } from 'vendor-errors/advanced';
import { mulberry32, startVendorSimulator, type VendorSimulator } from 'vendor-errors/testing';
import { BaiduPcsClient } from '../examples/baidu-pcs-ky.ts';
import { MfpClient } from '../examples/mfp-ws.ts';
import { NeteaseClient } from '../examples/netease-fetch.ts';
import { UpyunClient } from '../examples/upyun-axios.ts';
import {
  createOutput,
  describeExpectation,
  formatCall,
  formatPacerChange,
  formatStep,
  formatTable,
  type Output,
  type Tally,
} from './demo/report.ts';
import { CLIENTS, type DemoCall, type DemoStep, demoScript, type Expectation, type Vendor } from './demo/script.ts';

/** A stuck demo is a failed smoke test, not a hung terminal. */
const TIME_LIMIT_MS = 60_000;
// With this seed the seeded scenarios (flaky, proxy 502) fail some attempts of every such step and
// no call more than three times in a row; the script makes those calls one by one so they replay.
const SEED = 4;

/** Each call's retries, collected by `onRetry` through the async context of the call that made them. */
const currentCall = new AsyncLocalStorage<RetryInfo[]>();

/**
 * Short waits (tens of ms instead of the defaults' hundreds) so the whole script takes seconds;
 * a seeded jitter per client so two runs wait alike. No `pacer`: every client paces with the
 * process-wide default pacer, as an application's clients do out of the box, so each vendor's
 * rate limits slow all its callers down together.
 */
function demoRetry(seed: number): RetryOptions {
  return {
    retries: 6,
    baseDelayMs: 40,
    rateLimitBaseDelayMs: 100,
    maxDelayMs: 1_000,
    maxElapsedMs: 15_000,
    maxRetryAfterMs: 2_000,
    random: mulberry32(seed),
    onRetry: (info) => {
      currentCall.getStore()?.push(info);
    },
  };
}

/** Why a call's outcome is not the expected one; `undefined` when it is. */
function judge(expect: Expectation, error: unknown): string | undefined {
  if ('ok' in expect)
    return error === undefined ? undefined : `expected ok, got ${isVendorError(error) ? error.name : String(error)}`;
  if (error === undefined) return `expected ${describeExpectation(expect)}, got ok`;
  if (!isVendorError(error)) return `expected ${describeExpectation(expect)}, got ${String(error)}`;
  const wrong: string[] = [];
  const check = (what: string, want: unknown, got: unknown) => {
    if (want !== undefined && String(want) !== String(got)) wrong.push(`${what} ${String(got)}`);
  };
  check('class', expect.error, error.name);
  check('kind', expect.kind, error.kind);
  check('code', expect.code, error.code);
  check('status', expect.status, error.status);
  check('stop', expect.stop, error.retryDecision?.reason);
  check('requests', expect.requests, error.attempts?.length);
  return wrong.length === 0 ? undefined : `expected ${describeExpectation(expect)}, got ${wrong.join(', ')}`;
}

/** Runs the steps in order, printing each call as it ends; returns the tallies and what went wrong. */
async function runScript(steps: readonly DemoStep[], sim: VendorSimulator, pacerStore: PacerStore, out: Output, started: number) {
  const { style } = out;
  const totalCalls = steps.reduce((n, s) => n + s.calls.length, 0);
  const tallies = new Map<Vendor, Tally>();
  const problems: string[] = [];
  let done = 0;
  let current = '';
  out.progress(() => `[${done}/${totalCalls} calls · ${((performance.now() - started) / 1000).toFixed(1)} s] ${current}`);

  async function runCall(step: DemoStep, call: DemoCall, tally: Tally): Promise<void> {
    const retries: RetryInfo[] = [];
    let error: unknown;
    try {
      await currentCall.run(retries, call.run);
    } catch (e) {
      error = e ?? new Error('rejected without a reason');
    }
    const problem = judge(step.expect, error);
    tally.calls++;
    tally.retries += retries.length;
    if (problem !== undefined) {
      tally.unexpected++;
      problems.push(`${step.vendor} ${call.label}: ${problem}`);
    } else if (error === undefined) tally.ok++;
    else tally.failedAsExpected++;
    done++;
    const vendorError = isVendorError(error) ? error : undefined;
    out.print(
      formatCall({ vendor: step.vendor, client: tally.client, label: call.label, error: vendorError, retries, problem }, style),
    );
  }

  for (const step of steps) {
    const client = CLIENTS[step.vendor];
    let tally = tallies.get(step.vendor);
    if (!tally) {
      tally = { vendor: step.vendor, client, calls: 0, ok: 0, failedAsExpected: 0, unexpected: 0, requests: 0, retries: 0 };
      tallies.set(step.vendor, tally);
    }
    out.print([formatStep(step, client, style)]);
    current = `${step.vendor} · ${client} — ${step.title}`;
    // Each scenario starts afresh on both sides: the simulator refills its bucket, and the pacer
    // forgets the rate it learned for the vendor, so every burst meets an unpaced client.
    for (const key of pacerStore.keys()) if (key.startsWith(`${step.vendor}|`)) pacerStore.delete(key);
    if (step.scenario) sim.scenario(step.vendor, step.scenario);
    const before = { requests: sim.stats.vendor(step.vendor).total, retries: tally.retries };
    if (step.concurrent) await Promise.all(step.calls.map((call) => runCall(step, call, tally)));
    else for (const call of step.calls) await runCall(step, call, tally);
    if (step.scenario) sim.scenario(step.vendor, undefined);

    // What the simulator saw must match what the clients report: one request per attempt.
    const requests = sim.stats.vendor(step.vendor).total - before.requests;
    const retries = tally.retries - before.retries;
    const stepProblems: string[] = [];
    if (requests !== step.calls.length + retries) {
      stepProblems.push(`the simulator saw ${requests} requests for ${step.calls.length} calls and ${retries} retries`);
    }
    if ('ok' in step.expect && step.expect.retried && retries === 0) stepProblems.push('expected at least one retry, saw none');
    for (const p of stepProblems) {
      problems.push(`${step.vendor} · ${step.title}: ${p}`);
      out.print([style.bad(`  ✗ ${p}`)]);
    }
  }
  for (const tally of tallies.values()) tally.requests = sim.stats.vendor(tally.vendor).total;
  return { tallies: [...tallies.values()], problems, totalCalls };
}

async function main(): Promise<number> {
  const started = performance.now();
  const out = createOutput(process.stdout);
  const { style } = out;
  const sim = await startVendorSimulator({ seed: SEED });
  // The default pacer, replaced by one that prints its changes (what `setDefaultPacer` is for:
  // logs, metrics, a shared store) and has short recovery and probe times, again so the script
  // takes seconds. Clients created before or after it use it alike: it is looked up per call.
  const pacerStore = createMemoryPacerStore();
  setDefaultPacer(
    createPacer({
      store: pacerStore,
      recoveryMs: 500,
      probeDelayMs: 100,
      onChange: (change) => out.print(formatPacerChange(change, style)),
    }),
  );
  let mfp: MfpClient | undefined;
  let result: Awaited<ReturnType<typeof runScript>>;
  try {
    mfp = await MfpClient.connect({ url: sim.wsUrl, token: 'demo-mfp-token', retry: demoRetry(4) });
    const steps = demoScript({
      upyun: new UpyunClient({
        baseURL: `${sim.url}/upyun`,
        bucket: 'demo-bucket',
        operator: 'demo',
        password: 'demo-password',
        retry: demoRetry(1),
      }),
      pcs: new BaiduPcsClient({
        baseURL: `${sim.url}/baidu-pcs/rest/2.0/pcs`,
        accessToken: 'demo-access-token',
        retry: demoRetry(2),
      }),
      netease: new NeteaseClient({ baseURL: `${sim.url}/netease`, token: 'demo-token', retry: demoRetry(3) }),
      mfp,
    });
    out.print([
      style.bold('vendor-errors demo'),
      style.dim(`simulator on ${sim.url} (seed ${SEED}): ${steps.length} scenarios, each call with its expected outcome`),
    ]);
    result = await runScript(steps, sim, pacerStore, out, started);
  } finally {
    out.end();
    mfp?.close();
    await sim.close();
  }

  const { tallies, problems, totalCalls } = result;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  out.print(['', style.bold('Summary'), ...formatTable(tallies), '']);
  if (problems.length === 0) {
    out.print([style.ok(`✓ all ${totalCalls} calls did what the script expects (${seconds} s)`)]);
    return 0;
  }
  out.print([style.bad(`✗ ${problems.length} expectation${problems.length === 1 ? '' : 's'} not met (${seconds} s):`)]);
  out.print(problems.map((p) => style.bad(`  - ${p}`)));
  return 1;
}

setTimeout(() => {
  process.stderr.write(`demo: still running after ${TIME_LIMIT_MS / 1000} s; giving up\n`);
  process.exit(1);
}, TIME_LIMIT_MS).unref();

try {
  process.exitCode = await main();
} catch (error) {
  process.stderr.write(`demo: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
}
