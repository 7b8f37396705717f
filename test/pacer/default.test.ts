/**
 * The process-wide default pacer (`src/pacer/default.ts`): clients that leave `retry.pacer` unset
 * share it per vendor|host, whatever their HTTP library; `pacer: false` opts out; tests reset it.
 * Real clients against the vendor simulator on 127.0.0.1 (times are compared with the pacer's
 * own pause, never with a wall-clock threshold).
 */
import axios from 'axios';
import ky from 'ky';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { netease, upyun } from '../../adapters/index.js';
import { resolveRetryOptions } from '../../src/advanced.js';
import { createPacer, getDefaultPacer, type Pacer, resetDefaultPacer, retry, setDefaultPacer } from '../../src/index.js';
import { withVendorErrors } from '../../src/integrations/axios/index.js';
import { createFetch } from '../../src/integrations/fetch.js';
import { vendorErrors } from '../../src/integrations/ky/index.js';
import { createSimulatorCore, startVendorSimulator, type VendorSimulator } from '../../src/testing/index.js';
import { neteaseLimit } from './helpers.js';

let sim: VendorSimulator;
let other: VendorSimulator;
/** When each request reached `sim`, in order (the simulator logs one line per answer). */
let arrivals: { at: number; line: string }[] = [];

beforeAll(async () => {
  sim = await startVendorSimulator({ log: (line) => arrivals.push({ at: Date.now(), line }) });
  other = await startVendorSimulator();
});

afterAll(async () => {
  await Promise.all([sim.close(), other.close()]);
});

afterEach(() => {
  sim.reset();
  other.reset();
  arrivals = [];
  resetDefaultPacer();
});

const host = (s: VendorSimulator) => new URL(s.url).host;

/** Resolves once the default pacer shows `key` paused, with its pause's end. */
async function pausedUntil(key: string): Promise<number> {
  for (;;) {
    const until = getDefaultPacer().snapshot()[key]?.pausedUntil;
    if (until !== undefined) return until;
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Resolves once `key` has `n` calls queued in the default pacer (a client reaches it a few turns after the call). */
async function queued(key: string, n: number): Promise<void> {
  while ((getDefaultPacer().snapshot()[key]?.queue ?? 0) < n) await new Promise((r) => setTimeout(r, 5));
}

describe('the default pacer', () => {
  it('is what unset retry options stand for; `pacer: false` and `retry: false` are no pacer', () => {
    const defaults = resolveRetryOptions(undefined).pacer;
    expect(defaults).toBeDefined();
    expect(resolveRetryOptions({}).pacer).toBe(defaults);
    expect(resolveRetryOptions({ pacer: false }).pacer).toBeUndefined();
    expect(resolveRetryOptions(false).pacer).toBeUndefined();
    const own = createPacer();
    expect(resolveRetryOptions({ pacer: own }).pacer).toBe(own);
    expect(() => resolveRetryOptions({ pacer: true as never })).toThrow(/retry option `pacer` must be a Pacer .* or false/);
  });

  it('is created once, on first use, and shared', () => {
    const a = getDefaultPacer();
    expect(getDefaultPacer()).toBe(a);
    expect(a.snapshot()).toEqual({});
  });

  it('is shared by a fetch and an axios client of one vendor host: a pause one learned holds the other', async () => {
    sim.scenario('netease', { script: [{ code: 4030001, retryAfterMs: 1000 }, 'ok', 'ok'] });
    const url = `${sim.url}/netease/api/v1/containers`;
    const neteaseFetch = createFetch({ adapter: netease });
    const api = withVendorErrors(axios.create(), { adapter: netease });
    const key = `netease|${host(sim)}`;

    const first = neteaseFetch(url);
    const until = await pausedUntil(key);
    // The axios client has never been refused, but its call waits in the same queue.
    const second = api.get(url);
    await queued(key, 2);
    expect(getDefaultPacer().snapshot()[key]).toMatchObject({ state: 'paused', queue: 2 });

    const [a, b] = await Promise.all([first, second]);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(arrivals).toHaveLength(3);
    // Nothing reached the vendor during the pause its Retry-After asked for.
    for (const { at } of arrivals.slice(1)) expect(at).toBeGreaterThanOrEqual(until - 1);
    expect(Object.keys(getDefaultPacer().snapshot())).toEqual([key]);
  });

  it('is shared by ky too, and by retry() given the vendor and URL', async () => {
    sim.scenario('upyun', { script: [{ code: 42900001, retryAfterMs: 1000 }] });
    const url = `${sim.url}/upyun/bucket/a.txt`;
    const key = `upyun|${host(sim)}`;
    const api = ky.create(vendorErrors({ adapter: upyun }));
    const first = api.get(url).text();
    await pausedUntil(key);
    const second = retry(
      async () => {
        const res = await fetch(url);
        await res.text();
        return res.status;
      },
      { vendor: 'upyun', url, method: 'GET' },
    );
    await queued(key, 2);
    expect(getDefaultPacer().snapshot()[key]?.state).toBe('paused');
    await Promise.all([first, second]);
    expect(getDefaultPacer().snapshot()[key]).toMatchObject({ queue: 0, inFlight: 0 });
  });

  it('keeps hosts and vendors apart: a pause on one key holds no other', async () => {
    sim.scenario('netease', { script: [{ code: 4030001, retryAfterMs: 1000 }] });
    const paused = `netease|${host(sim)}`;
    const first = createFetch({ adapter: netease })(`${sim.url}/netease/api/v1/apps`);
    await pausedUntil(paused);

    // The same vendor on another host, and another vendor on the same host, go at once.
    const otherHost = await createFetch({ adapter: netease })(`${other.url}/netease/api/v1/apps`);
    const otherVendor = await withVendorErrors(axios.create(), { adapter: upyun }).get(`${sim.url}/upyun/bucket/a.txt`);
    expect(otherHost.status).toBe(200);
    expect(otherVendor.status).toBe(200);
    const snap = getDefaultPacer().snapshot();
    // Both answered while the first key was still paused: they were never in its queue.
    expect(snap[paused]?.state).toBe('paused');
    expect(snap[`netease|${host(other)}`]).toMatchObject({ state: 'closed', queue: 0 });
    expect(snap[`upyun|${host(sim)}`]).toMatchObject({ state: 'closed', queue: 0 });
    await first;
  });

  it('`pacer: false` opts a client out: it sends during the pause and the default never hears of it', async () => {
    sim.scenario('netease', { script: [{ code: 4030001, retryAfterMs: 1000 }] });
    const url = `${sim.url}/netease/api/v1/apps`;
    const key = `netease|${host(sim)}`;
    const first = createFetch({ adapter: netease })(url);
    const until = await pausedUntil(key);
    const unpaced = withVendorErrors(axios.create(), { adapter: netease, retry: { pacer: false } });
    await queued(key, 1);
    const res = await unpaced.get(url);
    expect(res.status).toBe(200);
    // It reached the vendor inside the pause, and the default pacer saw no permit for it.
    expect(arrivals[1]!.at).toBeLessThan(until);
    expect(getDefaultPacer().snapshot()[key]).toMatchObject({ state: 'paused', queue: 1, inFlight: 0 });
    await first;
    await createFetch({ adapter: netease, retry: false })(`${other.url}/netease/api/v1/apps`);
    await ky.get(`${other.url}/netease/api/v1/apps`, vendorErrors({ adapter: netease, retry: { pacer: false } })).text();
    expect(getDefaultPacer().snapshot()[`netease|${host(other)}`]).toBeUndefined();
  });

  it('a bare retry() without a vendor is not paced by the default (anonymous calls would share one key)', async () => {
    await retry(async () => 1);
    await retry(async () => 1, { url: `${sim.url}/x` });
    expect(getDefaultPacer().snapshot()).toEqual({});
  });

  it('resetDefaultPacer: the next call meets a fresh pacer (every key unlimited again)', async () => {
    sim.scenario('netease', { script: [{ code: 4030001, retryAfterMs: 1000 }] });
    const url = `${sim.url}/netease/api/v1/apps`;
    const client = createFetch({ adapter: netease });
    const first = client(url);
    await pausedUntil(`netease|${host(sim)}`);
    const old = getDefaultPacer();
    resetDefaultPacer();
    expect(getDefaultPacer()).not.toBe(old);
    // The same client (created before the reset) sends at once through the new default ...
    const res = await client(url);
    expect(res.status).toBe(200);
    expect(getDefaultPacer().snapshot()[`netease|${host(sim)}`]).toMatchObject({ state: 'closed', inFlight: 0 });
    // ... while the call already held finishes in the pacer it started with, which then holds nothing.
    await first;
    expect(old.snapshot()[`netease|${host(sim)}`]).toMatchObject({ queue: 0, inFlight: 0 });
  });

  it('setDefaultPacer: clients created before it pace with the new default on their next call', async () => {
    const client = createFetch({ adapter: netease });
    const events: string[] = [];
    const mine = createPacer({ onChange: (c) => events.push(`${c.reason}:${c.snapshot.state}`) });
    // Nothing asked for the default since the last reset: there was none to replace.
    expect(setDefaultPacer(mine)).toBeUndefined();
    expect(getDefaultPacer()).toBe(mine);
    sim.scenario('netease', { script: [{ code: 4030001, retryAfterMs: 200 }] });
    await client(`${sim.url}/netease/api/v1/apps`);
    expect(Object.keys(mine.snapshot())).toEqual([`netease|${host(sim)}`]);
    expect(events).toContain('pause:paused');
    expect(() => setDefaultPacer({} as Pacer)).toThrow(TypeError);
    expect(() => setDefaultPacer(resolveRetryOptions(undefined).pacer as Pacer)).toThrow(TypeError);
    // Reset lets a pacer that was set go, without closing it (it is the caller's).
    resetDefaultPacer();
    expect(getDefaultPacer()).not.toBe(mine);
    await expect(mine.acquire('k')).resolves.toMatchObject({ key: 'k' });
  });

  it('the testing kit resets it: a simulator (or a core) created or reset starts a fresh default', async () => {
    const before = getDefaultPacer();
    createSimulatorCore();
    const afterCore = getDefaultPacer();
    expect(afterCore).not.toBe(before);
    sim.reset();
    expect(getDefaultPacer()).not.toBe(afterCore);
  });

  it('the stand-in in resolved options forwards to the current default', async () => {
    const standIn = resolveRetryOptions(undefined).pacer as Pacer;
    const key = standIn.keyOf('netease', 'https://open.c.163.com/api');
    expect(key).toBe('netease|open.c.163.com');
    const permit = await standIn.acquire(key);
    standIn.report(key, neteaseLimit(1), { sentAt: permit.sentAt });
    expect(getDefaultPacer().snapshot()[key]?.state).toBe('paused');
    expect(standIn.snapshot()).toEqual(getDefaultPacer().snapshot());
    expect(standIn.estimateWait(key)).toBeGreaterThan(0);
    standIn.close(); // = resetDefaultPacer()
    expect(getDefaultPacer().snapshot()).toEqual({});
  });
});
