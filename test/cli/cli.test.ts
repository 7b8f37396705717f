import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type ExplainedCode, runCli } from '../../src/cli/commands.js';

const TABLE_ROWS: Record<string, number> = { upyun: 167, 'baidu-pcs': 67, netease: 159, 'api-switch': 103, mfp: 25 };

function json<T>(argv: string[]): T {
  const r = runCli(argv);
  expect(r.exitCode, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as T;
}

describe('CLI', () => {
  it('lists every table row of every vendor (521 in all) with its documented status', () => {
    let total = 0;
    for (const [vendor, rows] of Object.entries(TABLE_ROWS)) {
      const list = json<ExplainedCode[]>(['list', vendor, '--json']);
      // Baidu PCS also carries code 111, documented in the vendor README but not in its table.
      const fromTable = list.filter((x) => !(vendor === 'baidu-pcs' && x.code === 111));
      expect(fromTable).toHaveLength(rows);
      total += fromTable.length;
      for (const x of list) {
        expect(Object.keys(x)).toEqual(
          expect.arrayContaining(['vendor', 'code', 'known', 'status', 'kind', 'retry', 'name', 'message', 'messageZh']),
        );
        expect(x.vendor).toBe(vendor);
        expect(x.known).toBe(true);
      }
    }
    expect(total).toBe(521);
    const upyun = json<ExplainedCode[]>(['list', 'upyun', '--json']);
    expect(upyun.find((x) => x.code === 40100012)?.status).toBe(401);
  });

  it('explains a known code, including the traps', () => {
    expect(json<ExplainedCode>(['explain', 'netease', '4030001', '--json'])).toMatchObject({
      vendor: 'netease',
      code: 4030001,
      known: true,
      status: 403,
      kind: 'rate-limited',
      retry: 'safe',
    });
    expect(json<ExplainedCode>(['explain', 'baidu-pcs', '31219', '--json'])).toMatchObject({ status: 403, kind: 'rate-limited' });
    const dup = json<ExplainedCode>(['explain', 'mfp', '21101', '--json']);
    expect(dup.alternatives).toHaveLength(1);
    const text = runCli(['explain', 'upyun', '42900001']);
    expect(text.stdout).toContain('rate-limited');
    expect(text.stdout).toContain('42900001');
  });

  it('explains an unknown code by its status prefix', () => {
    expect(json<ExplainedCode>(['explain', 'upyun', '40499999', '--json'])).toMatchObject({
      known: false,
      status: 404,
      kind: 'unknown',
      retry: 'never',
    });
    expect(json<ExplainedCode>(['explain', 'netease', '5030999', '--json'])).toMatchObject({ known: false, retry: 'idempotent' });
  });

  it.each([
    [['explain', 'nosuch', '1']],
    [['explain', 'upyun', 'abc']],
    [['explain', 'upyun', '1e5']],
    [['explain', 'upyun']],
    [['list']],
    [['frobnicate']],
    [[]],
    [['list', 'upyun', '--yaml']],
  ])('bad input %j is a one-line error with exit code 2', (argv) => {
    const r = runCli(argv);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toMatch(/^vendor-errors: /);
  });

  const bin = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));
  it.runIf(existsSync(bin))('the built bin runs as a process with the right exit codes', () => {
    const out = execFileSync(process.execPath, [bin, 'explain', 'baidu-pcs', '31066', '--json'], { encoding: 'utf8' });
    expect(JSON.parse(out)).toMatchObject({ kind: 'not-found', code: 31066 });
    const bad = spawnSync(process.execPath, [bin, 'explain', 'nosuch', '1'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('unknown vendor');
  });
});
