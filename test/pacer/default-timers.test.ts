/**
 * The default pacer never keeps anything alive once calls have settled: no timer is left in
 * simulated time after a rate-limited, paused, outage-held burst settles, and a Node process
 * that made paced calls through the built package (`dist/`) exits on its own.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDefaultPacer, resetDefaultPacer, retry, type VendorError } from '../../src/index.js';
import { neteaseBusy, neteaseDown, neteaseLimit, settle, T0 } from './helpers.js';

const URL_A = 'https://open.c.163.com/api/v1/containers';
const KEY = 'netease|open.c.163.com';

describe('no timer left once every call has settled (simulated time)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
    resetDefaultPacer();
  });
  afterEach(() => {
    vi.useRealTimers();
    resetDefaultPacer();
  });

  it('after 60 calls through rate limits, a Retry-After pause, "busy" answers and an outage', async () => {
    // Answers by arrival order at the "vendor": a cold burst over its limit, then everything at once.
    const answers: (VendorError | undefined)[] = [
      ...Array.from({ length: 20 }, (_, i) => (i < 10 ? undefined : neteaseLimit())),
      neteaseLimit(1),
      neteaseBusy(),
      ...Array.from({ length: 6 }, () => neteaseDown()),
    ];
    let n = 0;
    const fn = async () => {
      const answer = answers[n++];
      await new Promise((r) => setTimeout(r, 5));
      if (answer) throw answer;
      return 'ok';
    };
    const calls = Array.from({ length: 60 }, () =>
      settle(retry(fn, { vendor: 'netease', url: URL_A, method: 'GET', retries: 10 })),
    );
    for (let i = 0; i < 200 && calls.some((c) => !c.done); i++) await vi.advanceTimersByTimeAsync(100);
    expect(calls.every((c) => c.done && c.value === 'ok')).toBe(true);
    expect(getDefaultPacer().snapshot()[KEY]).toMatchObject({ queue: 0, inFlight: 0 });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('after a call that was held and then aborted', async () => {
    const fn = vi.fn(async () => {
      throw neteaseLimit(30);
    });
    const controller = new AbortController();
    const held = settle(retry(fn, { vendor: 'netease', url: URL_A, method: 'GET', signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(1000);
    expect(getDefaultPacer().snapshot()[KEY]).toMatchObject({ state: 'paused', queue: 1 });
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(held.done).toBe(true);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });
});

const root = fileURLToPath(new URL('../../', import.meta.url));
const built = existsSync(`${root}dist/src/integrations/fetch.js`);

/**
 * A child process on the built package: a local server that rate-limits with Retry-After and
 * answers "busy", clients of fetch and axios on the default pacer, every call awaited, the
 * server closed — and then nothing: the process must end by itself, with no timer left.
 */
const CHILD = `
import { createServer } from 'node:http';
import axios from 'axios';
import { getDefaultPacer } from 'vendor-errors';
import { netease } from 'vendor-errors/adapters';
import { withVendorErrors } from 'vendor-errors/axios';
import { createFetch } from 'vendor-errors/fetch';

let n = 0;
const server = createServer((req, res) => {
  n++;
  if (n <= 12 && n % 3 === 0) {
    res.writeHead(403, { 'content-type': 'application/json', 'retry-after': '1' });
    res.end('{"code":4030001,"message":"Api freq out of limit."}');
  } else if (n <= 12 && n % 3 === 1 && n > 1) {
    res.writeHead(400, { 'content-type': 'application/json' });
    res.end('{"code":4000199,"message":"System busy, please try again later."}');
  } else {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const url = 'http://127.0.0.1:' + server.address().port + '/api/v1/apps';
const f = createFetch({ adapter: netease, retry: { retries: 6 } });
const a = withVendorErrors(axios.create(), { adapter: netease, retry: { retries: 6 } });
const results = await Promise.allSettled(
  Array.from({ length: 30 }, (_, i) => (i % 2 ? a.get(url).then((r) => r.status) : f(url).then((r) => r.text()))),
);
server.closeAllConnections();
server.close();
const snap = getDefaultPacer().snapshot();
process.on('exit', (code) => {
  const timers = process.getActiveResourcesInfo().filter((t) => t === 'Timeout');
  console.log(JSON.stringify({ ok: results.filter((r) => r.status === 'fulfilled').length, requests: n, keys: Object.keys(snap), timers: timers.length, code }));
});
`;

describe.skipIf(!built)('a Node process that made paced calls exits on its own (dist/)', () => {
  it('exits with code 0 and no timer after 30 paced calls with Retry-After, "busy" and successes', async () => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', CHILD], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    // A hang guard, not a timing assertion: the child's own waits are about 2 s.
    const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
    const [code, signal] = await new Promise<[number | null, string | null]>((r) => child.on('exit', (c, s) => r([c, s])));
    clearTimeout(guard);
    expect(err).toBe('');
    expect(signal).toBeNull();
    expect(code).toBe(0);
    const summary = JSON.parse(out.trim());
    expect(summary.ok).toBe(30);
    expect(summary.requests).toBeGreaterThan(30);
    expect(summary.keys).toHaveLength(1);
    expect(summary.timers).toBe(0);
  }, 90_000);
});
