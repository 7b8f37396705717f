/** The demo's output: the progress line only on a terminal, call lines, the summary table. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NotFoundError, RateLimitError } from 'vendor-errors';
import { createOutput, formatCall, formatTable, type Style, type Tally } from '../../scripts/demo/report.ts';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  const stream = { isTTY, columns: 60, write: (chunk: string) => writes.push(chunk) > 0 };
  return { stream: stream as unknown as NodeJS.WriteStream, writes };
}

const plain: Style = { ok: (s) => s, bad: (s) => s, dim: (s) => s, bold: (s) => s };

afterEach(() => {
  vi.useRealTimers();
});

describe('createOutput', () => {
  it('piped: plain lines, no progress line, no escape codes', () => {
    const { stream, writes } = fakeStream(false);
    const out = createOutput(stream, {});
    out.progress(() => 'working');
    out.print(['one', out.style.ok('two')]);
    out.end();
    expect(writes.join('')).toBe('one\ntwo\n');
  });

  it('on a terminal: the progress line is redrawn, cleared before each print and at the end', () => {
    vi.useFakeTimers();
    const { stream, writes } = fakeStream(true);
    const out = createOutput(stream, { NO_COLOR: '1' });
    let n = 0;
    out.progress(() => `step ${++n} ${'x'.repeat(80)}`);
    expect(writes.at(-1)).toMatch(/^\r\x1b\[2K⠋ step 1 x+…$/);
    expect(writes.at(-1)?.length).toBeLessThanOrEqual('\r\x1b[2K'.length + 59);
    vi.advanceTimersByTime(80);
    expect(writes.at(-1)).toMatch(/^\r\x1b\[2K⠙ step 2/);
    out.print(['a line']);
    expect(writes.slice(-3)).toEqual(['\r\x1b[2K', 'a line\n', expect.stringMatching(/^\r\x1b\[2K⠹ step 3/)]);
    out.end();
    expect(writes.at(-1)).toBe('\r\x1b[2K');
    const count = writes.length;
    vi.advanceTimersByTime(500);
    expect(writes).toHaveLength(count);
  });

  it('colours only on a terminal without NO_COLOR', () => {
    expect(createOutput(fakeStream(true).stream, {}).style.ok('x')).toBe('\x1b[32mx\x1b[0m');
    expect(createOutput(fakeStream(true).stream, { NO_COLOR: '1' }).style.ok('x')).toBe('x');
    expect(createOutput(fakeStream(false).stream, {}).style.ok('x')).toBe('x');
  });
});

describe('formatCall', () => {
  it('an ok after retries lists each retry with its delay and source', () => {
    const error = new RateLimitError({ vendor: 'netease', status: 403, code: 4030001 });
    const lines = formatCall(
      {
        vendor: 'netease',
        client: 'fetch',
        label: 'listContainers',
        error: undefined,
        retries: [{ error, attempt: 1, delayMs: 12.4, source: 'backoff' }],
        problem: undefined,
      },
      plain,
    );
    expect(lines).toEqual([
      `  ✓ netease   fetch  ${'listContainers'.padEnd(28)} ok after 1 retry`,
      '      ↻ attempt 1 failed (RateLimitError 4030001 HTTP 403): retry in 12 ms (backoff)',
    ]);
  });

  it('a failure shows class, kind, code, status, request id, why it stopped, and an unmet expectation', () => {
    const error = new NotFoundError({ vendor: 'upyun', status: 404, code: 40400001, requestId: 'abc' });
    Object.defineProperty(error, 'retryDecision', {
      value: { retried: false, reason: 'not-retryable', detail: 'fails every time' },
    });
    const lines = formatCall(
      { vendor: 'upyun', client: 'axios', label: 'getFile /x', error, retries: [], problem: 'expected ok, got NotFoundError' },
      plain,
    );
    expect(lines[0]).toMatch(
      /^ {2}✗ upyun +axios +getFile \/x +NotFoundError · not-found · code 40400001 · HTTP 404 · request id abc$/,
    );
    expect(lines.slice(1)).toEqual([
      '      ■ not retried further: not-retryable — fails every time',
      '      ✗ expected ok, got NotFoundError',
    ]);
  });
});

describe('formatTable', () => {
  it('aligns the columns and adds a totals row', () => {
    const row = (vendor: Tally['vendor'], client: string, n: number): Tally => ({
      vendor,
      client,
      calls: n,
      ok: n - 1,
      failedAsExpected: 1,
      unexpected: 0,
      requests: n * 3,
      retries: n * 2,
    });
    const lines = formatTable([row('upyun', 'axios', 5), row('baidu-pcs', 'ky', 12)]);
    expect(lines).toEqual([
      'vendor     client  calls  ok  failed as expected  unexpected  requests  retries',
      '─────────  ──────  ─────  ──  ──────────────────  ──────────  ────────  ───────',
      'upyun      axios       5   4                   1           0        15       10',
      'baidu-pcs  ky         12  11                   1           0        36       24',
      '─────────  ──────  ─────  ──  ──────────────────  ──────────  ────────  ───────',
      'all                   17  15                   2           0        51       34',
    ]);
  });
});
