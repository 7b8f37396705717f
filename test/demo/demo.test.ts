/**
 * `npm run demo` as a child process: it must exit 0 (every scripted expectation met) and its
 * summary table must add up. It runs the built package (dist/), as a user's `npm run demo` does.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CLIENTS, type DemoClients, demoScript } from '../../scripts/demo/script.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const built = ['dist/src/index.js', 'dist/src/testing/index.js', 'dist/src/integrations/axios/index.js'].every((f) =>
  existsSync(`${root}${f}`),
);
const strips = Boolean((process.features as { typescript?: unknown }).typescript);
const why = !built
  ? 'dist/ is missing: run `npm run build` (npm test builds first)'
  : !strips
    ? `Node ${process.version} does not run .ts files (Node 24 does: use npm test)`
    : '';
if (why) console.warn(`test/demo: skipped — ${why}`);

interface Row {
  vendor: string;
  client: string;
  calls: number;
  ok: number;
  failedAsExpected: number;
  unexpected: number;
  requests: number;
  retries: number;
}

/** The rows of the summary table, keyed by vendor (`all` for the totals). */
function summary(stdout: string): Map<string, Row> {
  const lines = stdout.split('\n');
  const start = lines.findIndex((l) =>
    /^vendor\s+client\s+calls\s+ok\s+failed as expected\s+unexpected\s+requests\s+retries$/.test(l),
  );
  expect(start, 'summary table header').toBeGreaterThan(-1);
  const rows = new Map<string, Row>();
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === '') break;
    if (/^─/.test(line)) continue;
    const cells = line.trim().split(/\s+/);
    const [vendor = '', ...rest] = cells;
    const client = vendor === 'all' ? '' : (rest.shift() ?? '');
    const [calls, ok, failedAsExpected, unexpected, requests, retries] = rest.map(Number);
    rows.set(vendor, { vendor, client, calls, ok, failedAsExpected, unexpected, requests, retries } as Row);
  }
  return rows;
}

describe.skipIf(why !== '')('npm run demo', () => {
  const script = demoScript({} as DemoClients);
  const run = () =>
    spawnSync(process.execPath, ['scripts/demo.ts'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    });

  it('runs every scripted call as expected, exits 0, and its table adds up', { timeout: 70_000 }, () => {
    const started = Date.now();
    const child = run();
    const elapsed = Date.now() - started;
    expect(child.stderr).toBe('');
    expect(child.status, child.stdout.slice(-3000)).toBe(0);
    expect(elapsed).toBeLessThan(60_000);
    const out = child.stdout;
    expect(out).toMatch(/✓ all \d+ calls did what the script expects \(\d+\.\d s\)/);

    const rows = summary(out);
    expect([...rows.keys()]).toEqual(['upyun', 'baidu-pcs', 'netease', 'mfp', 'all']);
    for (const [vendor, client] of Object.entries(CLIENTS)) {
      const row = rows.get(vendor);
      const steps = script.filter((s) => s.vendor === vendor);
      const calls = steps.reduce((n, s) => n + s.calls.length, 0);
      const failures = steps.filter((s) => !('ok' in s.expect)).reduce((n, s) => n + s.calls.length, 0);
      expect(row).toMatchObject({ client, calls, ok: calls - failures, failedAsExpected: failures, unexpected: 0 });
      // One request per attempt: what the simulator counted is the calls plus the retries.
      expect(row?.requests).toBe(calls + (row?.retries ?? 0));
      expect(row?.retries).toBeGreaterThan(0);
    }
    const all = rows.get('all');
    const sum = (k: keyof Row) => [...rows.values()].filter((r) => r.vendor !== 'all').reduce((n, r) => n + Number(r[k]), 0);
    expect(all).toMatchObject({
      calls: sum('calls'),
      ok: sum('ok'),
      requests: sum('requests'),
      retries: sum('retries'),
      unexpected: 0,
    });
    expect(all?.calls).toBe(script.reduce((n, s) => n + s.calls.length, 0));

    // Piped, not a terminal: plain lines, no colours, no progress line.
    expect(out).not.toMatch(/\x1b\[|\r/);
    // One line per call, naming vendor and client; retries with their delays and sources.
    expect(out.split('\n').filter((l) => /^ {2}[✓✗] \S+\s+(axios|ky|fetch|ws)\s/.test(l))).toHaveLength(all?.calls ?? -1);
    expect(out).toMatch(/↻ attempt 1 failed \(ServiceUnavailableError 50300000 HTTP 503\): retry in \d+ ms \(backoff\)/);
    // Rate limits go through the shared pacer: a Retry-After pauses the vendor, a bare limit slows it down.
    expect(out).toMatch(/⏱ pacer pauses upyun for \d+ ms, as the vendor asked/);
    expect(out).toMatch(/⏱ pacer slows netease down to \d+\.\d requests\/s/);
    expect(out).toMatch(/↻ attempt 1 failed \(RateLimitError 42900001 HTTP 429\): retry when the pacer lets it go \(≈\d+ ms\)/);
    expect(out).toMatch(/NotFoundError · not-found · code 31066 · HTTP 404 · request id \d{19}/);
    expect(out).toMatch(/■ not retried further: not-idempotent/);
    // The demo's credentials never reach its output.
    for (const secret of ['demo-password', 'demo-access-token', 'demo-mfp-token', 'token=demo'])
      expect(out).not.toContain(secret);
  });
});
