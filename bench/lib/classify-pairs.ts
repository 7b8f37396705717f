/**
 * Classification cost, paired and interleaved: per vendor body, rounds of short blocks of
 * `classify` (parsed body, text, text with a fetch `Headers`), `normalize` (parsed) and `new Error(message)`, in an order
 * that rotates every round, so that a load change on the shared machine hits all of them alike.
 * Each block gives ns per call; each round gives the ratio classify ÷ new Error of its own
 * blocks. Reported: the median and quartiles over rounds.
 */
import { type Adapter, classify, normalize } from 'vendor-errors';
import * as builtIn from 'vendor-errors/adapters';
import { createSimulatorCore } from 'vendor-errors/testing';
import { TARGETS } from './scenarios.ts';
import { quantile } from './stats.ts';

export interface Spread {
  readonly median: number;
  readonly q1: number;
  readonly q3: number;
}

export interface ClassifyPairRow {
  readonly adapter: string;
  readonly code: string;
  readonly status: number | undefined;
  readonly kind: string;
  /** ns per call. */
  readonly classifyParsed: Spread;
  readonly classifyText: Spread;
  /** From text, with the headers as a fetch `Headers` (what the fetch and ky integrations pass). */
  readonly classifyFetch: Spread;
  readonly normalizeParsed: Spread;
  readonly newError: Spread;
  /** classify(parsed) ÷ new Error, per round. */
  readonly ratio: Spread;
}

interface Sample {
  readonly adapter: Adapter;
  readonly code: string;
  readonly status: number | undefined;
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
}

/** The simulator's wire answers for each vendor's rate-limit and "unavailable" codes. */
export function classifySamples(): Sample[] {
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

let sink: unknown;

function spread(values: readonly number[]): Spread {
  return {
    median: quantile(values, 0.5) ?? Number.NaN,
    q1: quantile(values, 0.25) ?? Number.NaN,
    q3: quantile(values, 0.75) ?? Number.NaN,
  };
}

/** ns per call of `fn` over one block of `n` calls. */
function block(fn: () => unknown, n: number): number {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) sink = fn();
  return Number(process.hrtime.bigint() - t0) / n;
}

/** `rounds` rounds of `calls`-call blocks per sample (after a warm-up of the same size). */
export function measureClassifyPairs(rounds: number, calls: number): ClassifyPairRow[] {
  const rows: ClassifyPairRow[] = [];
  const url = 'https://api.example.com/v1/resource?id=42';
  for (const s of classifySamples()) {
    const parsed: unknown = JSON.parse(s.text);
    const base = { status: s.status, headers: s.headers, method: 'GET', url };
    const parsedInput = { ...base, body: parsed as object };
    const textInput = { ...base, body: s.text };
    // A fetch Response's headers: a Headers object, with what a server adds besides the vendor's.
    const fetchHeaders = new Headers({
      ...s.headers,
      date: new Date(0).toUTCString(),
      server: 'nginx',
      'content-length': String(s.text.length),
    });
    const fetchInput = { ...base, headers: fetchHeaders, body: s.text };
    const kind = classify(s.adapter, textInput)?.kind ?? '(none)';
    const message = normalize(s.adapter, parsedInput)?.message ?? 'x';
    const tasks: [string, () => unknown][] = [
      ['classifyParsed', () => classify(s.adapter, parsedInput)],
      ['classifyText', () => classify(s.adapter, textInput)],
      ['classifyFetch', () => classify(s.adapter, fetchInput)],
      ['normalizeParsed', () => normalize(s.adapter, parsedInput)],
      ['newError', () => new Error(message)],
    ];
    for (const [, fn] of tasks) block(fn, calls);
    const ns: Record<string, number[]> = Object.fromEntries(tasks.map(([name]) => [name, []]));
    const ratios: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const got: Record<string, number> = {};
      for (let i = 0; i < tasks.length; i++) {
        const [name, fn] = tasks[(i + r) % tasks.length] as [string, () => unknown];
        got[name] = block(fn, calls);
        ns[name]?.push(got[name]);
      }
      ratios.push((got.classifyParsed as number) / (got.newError as number));
    }
    rows.push({
      adapter: s.adapter.name,
      code: s.code,
      status: s.status,
      kind,
      classifyParsed: spread(ns.classifyParsed as number[]),
      classifyText: spread(ns.classifyText as number[]),
      classifyFetch: spread(ns.classifyFetch as number[]),
      normalizeParsed: spread(ns.normalizeParsed as number[]),
      newError: spread(ns.newError as number[]),
      ratio: spread(ratios),
    });
  }
  if (sink === Symbol.for('never')) console.log(sink);
  return rows;
}

/** The target: ≤ 1 µs and ≤ ½ `new Error()` in the same process (medians over rounds). */
function meets(s: Spread, r: ClassifyPairRow): boolean {
  return s.median <= TARGETS.classifyNs && s.median <= r.newError.median / 2;
}

function ns(s: Spread): string {
  const f = (v: number) => (v >= 1000 ? `${(v / 1000).toFixed(2)} µs` : `${Math.round(v)} ns`);
  return `${f(s.median)} (${f(s.q1)} – ${f(s.q3)})`;
}

/** A markdown table of the rows: medians with quartiles in brackets. */
export function classifyPairsTable(rows: readonly ClassifyPairRow[]): string {
  const lines = [
    '| adapter | code | status | kind | `classify` parsed | `classify` text | `classify` text + fetch `Headers` | `normalize` parsed | `new Error()` | classify ÷ new Error | ≤ 1 µs and ≤ ½ new Error |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of rows) {
    const ok = meets(r.classifyParsed, r);
    lines.push(
      `| ${r.adapter} | ${r.code} | ${r.status ?? '(WebSocket)'} | ${r.kind} | ${ns(r.classifyParsed)} | ${ns(r.classifyText)} | ${ns(r.classifyFetch)} | ${ns(r.normalizeParsed)} | ${ns(r.newError)} | ${r.ratio.median.toFixed(3)} (${r.ratio.q1.toFixed(3)} – ${r.ratio.q3.toFixed(3)}) | ${ok ? '✅' : '❌'} |`,
    );
  }
  return lines.join('\n');
}

/** The target's verdict per input form: how many rows have classify ≤ 1 µs and ≤ ½ new Error(), and which miss. */
export function classifyPairsVerdict(rows: readonly ClassifyPairRow[]): string {
  const forms = [
    ['parsed', (r: ClassifyPairRow) => r.classifyParsed],
    ['text', (r: ClassifyPairRow) => r.classifyText],
    ['text + fetch `Headers`', (r: ClassifyPairRow) => r.classifyFetch],
  ] as const;
  return forms
    .map(([name, of]) => {
      const bad = rows.filter((r) => !meets(of(r), r));
      const missed = bad.map((r) => `${r.adapter} ${r.code} ${ns(of(r))}`).join(', ');
      return `- \`classify\` from ${name}: ${rows.length - bad.length}/${rows.length} ${bad.length ? `❌ (missed: ${missed})` : '✅'}`;
    })
    .join('\n');
}
