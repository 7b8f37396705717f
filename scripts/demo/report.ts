/**
 * How the demo prints: one line per call (plus its retry decisions), a live progress line when
 * stdout is a terminal, and the summary table. Colour and the progress line only on a TTY.
 */
import type { PacerChange, RetryInfo, VendorError } from 'vendor-errors';
import type { DemoStep, Expectation, Vendor } from './script.ts';

/** What became of one call. */
export interface CallResult {
  readonly vendor: Vendor;
  readonly client: string;
  readonly label: string;
  /** `undefined` for a success. */
  readonly error: VendorError | undefined;
  /** Every retry the engine scheduled for this call, from `onRetry`. */
  readonly retries: readonly RetryInfo[];
  /** Why the call did not do what the script expects; `undefined` when it did. */
  readonly problem: string | undefined;
}

/** One row of the summary table. */
export interface Tally {
  readonly vendor: Vendor;
  readonly client: string;
  calls: number;
  ok: number;
  failedAsExpected: number;
  unexpected: number;
  requests: number;
  retries: number;
}

const SPINNER = '⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏';

export interface Output {
  /** Prints lines above the progress line. */
  print(lines: readonly string[]): void;
  /** Sets what the progress line shows, asked anew at each redraw (ignored when stdout is not a TTY). */
  progress(status: () => string): void;
  /** Removes the progress line for good. */
  end(): void;
  readonly style: Style;
}

export interface Style {
  ok(s: string): string;
  bad(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

export function createOutput(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): Output {
  const tty = stream.isTTY === true;
  const paint = (code: number) => (s: string) => (tty && !env.NO_COLOR ? `\x1b[${code}m${s}\x1b[0m` : s);
  const style: Style = { ok: paint(32), bad: paint(31), dim: paint(2), bold: paint(1) };
  let status: (() => string) | undefined;
  let frame = 0;
  let shown = false;
  const clear = () => {
    if (shown) stream.write('\r\x1b[2K');
    shown = false;
  };
  const draw = () => {
    if (!tty || !status) return;
    const width = Math.max(20, (stream.columns || 80) - 1);
    const text = `${SPINNER[frame++ % SPINNER.length]} ${status()}`;
    stream.write(`\r\x1b[2K${style.dim(text.length > width ? `${text.slice(0, width - 1)}…` : text)}`);
    shown = true;
  };
  const timer = tty ? setInterval(draw, 80) : undefined;
  timer?.unref();
  return {
    style,
    print(lines) {
      clear();
      for (const line of lines) stream.write(`${line}\n`);
      draw();
    },
    progress(fn) {
      status = fn;
      draw();
    },
    end() {
      if (timer) clearInterval(timer);
      status = undefined;
      clear();
    },
  };
}

function describeError(e: VendorError): string {
  const parts = [e.name, e.kind];
  if (e.code !== undefined) parts.push(`code ${e.code}`);
  if (e.status !== undefined) parts.push(`HTTP ${e.status}`);
  if (e.requestId !== undefined) parts.push(`request id ${e.requestId}`);
  return parts.join(' · ');
}

function describeRetry(r: RetryInfo): string {
  const what = [r.error.name];
  if (r.error.code !== undefined) what.push(String(r.error.code));
  if (r.error.status !== undefined) what.push(`HTTP ${r.error.status}`);
  // A pacer's delay is its estimate: the attempt goes when the pacer lets it.
  const when =
    r.source === 'pacer'
      ? `retry when the pacer lets it go (≈${Math.round(r.delayMs)} ms)`
      : `retry in ${Math.round(r.delayMs)} ms (${r.source})`;
  return `↻ attempt ${r.attempt} failed (${what.join(' ')}): ${when}`;
}

export function describeExpectation(e: Expectation): string {
  if ('ok' in e) return e.retried ? 'ok, after retries' : 'ok';
  const parts: string[] = [e.kind];
  if (e.code !== undefined) parts.push(`code ${e.code}`);
  if (e.status !== undefined) parts.push(`HTTP ${e.status}`);
  parts.push(`stop: ${e.stop}`);
  if (e.requests !== undefined) parts.push(`${e.requests} request${e.requests === 1 ? '' : 's'}`);
  return `${e.error} (${parts.join(', ')})`;
}

/** The heading printed before a step's calls. */
export function formatStep(step: DemoStep, client: string, s: Style): string {
  return s.bold(`\n${step.vendor} · ${client} — ${step.title}`);
}

/** One call: its line, then its retry decisions and, for a failure, why the engine stopped. */
export function formatCall(r: CallResult, s: Style): string[] {
  const mark = r.problem === undefined ? s.ok('✓') : s.bad('✗');
  const outcome = r.error
    ? describeError(r.error)
    : r.retries.length > 0
      ? `ok after ${r.retries.length} retr${r.retries.length === 1 ? 'y' : 'ies'}`
      : 'ok';
  const lines = [`  ${mark} ${r.vendor.padEnd(9)} ${r.client.padEnd(6)} ${r.label.padEnd(28)} ${outcome}`];
  for (const retry of r.retries) lines.push(s.dim(`      ${describeRetry(retry)}`));
  const decision = r.error?.retryDecision;
  if (decision)
    lines.push(s.dim(`      ■ not retried further: ${decision.reason}${decision.detail ? ` — ${decision.detail}` : ''}`));
  if (r.problem !== undefined) lines.push(s.bad(`      ✗ ${r.problem}`));
  return lines;
}

/** A pacer event: a vendor's key slowed down, paused for a hint, or changed state. */
export function formatPacerChange(change: PacerChange, s: Style, now = Date.now()): string[] {
  const vendor = change.key.split('|')[0];
  const { snapshot } = change;
  const rate = `${snapshot.rate.toFixed(1)} requests/s`;
  let text: string;
  if (change.reason === 'pause')
    text = `pauses ${vendor} for ${Math.max(0, Math.round((snapshot.pausedUntil ?? now) - now))} ms, as the vendor asked`;
  else if (change.reason === 'decrease') text = `slows ${vendor} down to ${rate}`;
  else text = `${vendor}: ${change.previousState} → ${snapshot.state}${snapshot.state === 'closed' ? '' : ` at ${rate}`}`;
  return [s.dim(`      ⏱ pacer ${text}${snapshot.queue > 0 ? ` (${snapshot.queue} waiting)` : ''}`)];
}

const COLUMNS = ['vendor', 'client', 'calls', 'ok', 'failed as expected', 'unexpected', 'requests', 'retries'] as const;

/** The summary table: one row per vendor and client, then the totals. */
export function formatTable(tallies: readonly Tally[]): string[] {
  const total = tallies.reduce(
    (t, r) => ({
      calls: t.calls + r.calls,
      ok: t.ok + r.ok,
      failedAsExpected: t.failedAsExpected + r.failedAsExpected,
      unexpected: t.unexpected + r.unexpected,
      requests: t.requests + r.requests,
      retries: t.retries + r.retries,
    }),
    { calls: 0, ok: 0, failedAsExpected: 0, unexpected: 0, requests: 0, retries: 0 },
  );
  const row = (name: string, client: string, t: Omit<Tally, 'vendor' | 'client'>) => [
    name,
    client,
    ...[t.calls, t.ok, t.failedAsExpected, t.unexpected, t.requests, t.retries].map(String),
  ];
  const rows = [...tallies.map((t) => row(t.vendor, t.client, t)), row('all', '', total)];
  const widths = COLUMNS.map((c, i) => Math.max(c.length, ...rows.map((r) => (r[i] ?? '').length)));
  const render = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i < 2 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return [render(COLUMNS), rule, ...rows.slice(0, -1).map(render), rule, render(rows.at(-1) ?? [])];
}
