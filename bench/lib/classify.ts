/**
 * Classification cost: ns per `normalize()` call per adapter, on a pre-parsed body and on the raw
 * text, next to `JSON.parse` of the same text alone (tinybench). Bodies are the simulator's real
 * wire answers for each vendor's rate-limit and "unavailable" codes.
 */
import { Bench } from 'tinybench';
import { type Adapter, normalize } from 'vendor-errors';
import * as builtIn from 'vendor-errors/adapters';
import { createSimulatorCore } from 'vendor-errors/testing';

/** Calls per timed sample: sub-microsecond work needs batches for the timer to resolve it. */
const BATCH = 100;

export interface ClassifyRow {
  readonly adapter: string;
  /** The vendor code of the error body. */
  readonly code: string;
  /** HTTP status, `undefined` for the WebSocket vendor (MFP). */
  readonly status: number | undefined;
  /** The kind normalize() gave it (a sanity check that the benchmark classifies a real error). */
  readonly kind: string;
  readonly bodyBytes: number;
  /** ns per `JSON.parse(text)`. */
  readonly jsonParseNs: number;
  /** ns per `normalize(adapter, { status, headers, body: parsed, method, url })`. */
  readonly parsedNs: number;
  /** ns per `normalize(adapter, { status, headers, body: text, method, url })`: parsing included. */
  readonly rawNs: number;
}

interface Sample {
  readonly adapter: Adapter;
  readonly code: string;
  readonly status: number | undefined;
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
}

function samples(): Sample[] {
  const core = createSimulatorCore({ seed: 7 });
  const out: Sample[] = [];
  const adapters = Object.values(builtIn).filter(
    (a: unknown): a is Adapter => typeof a === 'object' && a !== null && typeof (a as Adapter).parse === 'function',
  );
  for (const adapter of adapters) {
    const v = core.vendor(adapter.name);
    if (!v) continue;
    const codes = [v.responder.rateLimitCode, v.responder.unavailableCode].filter((c) => c !== undefined);
    for (const code of codes) {
      const res =
        v.responder.transport === 'websocket'
          ? core.handleMessage(adapter.name, JSON.stringify({ action: 'Bench.Call', params: { simulate_code: code }, id: 'b1' }))
          : core.handle({ vendor: adapter.name, method: 'GET', path: '/bench/resource', simulateCode: code });
      out.push({ adapter, code: String(code), status: res.status, headers: res.headers, text: res.body });
    }
  }
  return out;
}

export interface ClassifyResult {
  readonly rows: readonly ClassifyRow[];
  /** ns per `new Error(message)`, for scale: the floor of any classification that builds an Error. */
  readonly newErrorNs: number;
}

let sink: unknown;

function nsPerCall(bench: Bench, name: string): number {
  const task = bench.tasks.find((t) => t.name === name);
  const result = task?.result as { latency?: { p50?: number; mean?: number } } | undefined;
  const ms = result?.latency?.p50 ?? result?.latency?.mean;
  if (ms === undefined) throw new Error(`classification benchmark: task ${name} has no result`);
  return (ms * 1e6) / BATCH;
}

/** Runs the tinybench suite. `timeMs` is tinybench's time budget per task. */
export async function measureClassification(timeMs: number): Promise<ClassifyResult> {
  const reference = new Bench({ time: timeMs, warmupTime: Math.min(100, timeMs), iterations: 20 });
  reference.add('new Error', () => {
    for (let i = 0; i < BATCH; i++) sink = new Error('UpYun: too many requests (42900001)');
  });
  await reference.run();
  const rows: ClassifyRow[] = [];
  const url = 'https://api.example.com/v1/resource?id=42';
  for (const s of samples()) {
    const parsed: unknown = JSON.parse(s.text);
    const base = { status: s.status, headers: s.headers, method: 'GET', url };
    const first = normalize(s.adapter, { ...base, body: s.text });
    const bench = new Bench({ time: timeMs, warmupTime: Math.min(100, timeMs), iterations: 20 });
    bench
      .add('JSON.parse', () => {
        for (let i = 0; i < BATCH; i++) sink = JSON.parse(s.text);
      })
      .add('normalize(parsed)', () => {
        for (let i = 0; i < BATCH; i++) sink = normalize(s.adapter, { ...base, body: parsed as object });
      })
      .add('normalize(text)', () => {
        for (let i = 0; i < BATCH; i++) sink = normalize(s.adapter, { ...base, body: s.text });
      });
    await bench.run();
    const ns = (name: string) => nsPerCall(bench, name);
    rows.push({
      adapter: s.adapter.name,
      code: s.code,
      status: s.status,
      kind: first?.kind ?? '(none)',
      bodyBytes: Buffer.byteLength(s.text),
      jsonParseNs: ns('JSON.parse'),
      parsedNs: ns('normalize(parsed)'),
      rawNs: ns('normalize(text)'),
    });
  }
  if (sink === Symbol.for('never')) console.log(sink);
  return { rows, newErrorNs: nsPerCall(reference, 'new Error') };
}
