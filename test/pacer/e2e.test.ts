/**
 * End to end: a token-bucket vendor on 127.0.0.1 that answers over-limit calls the way NetEase
 * does (HTTP 403, `{"code":4030001,"message":"Api freq out of limit."}`), 300 calls 50 at a time
 * through `retry()` + global `fetch` + `normalize(netease)`, with and without a pacer. Counts
 * only: the times are machine-dependent and reported, not asserted.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { netease } from '../../adapters/index.js';
import { createPacer, normalize, type Pacer, retry } from '../../src/index.js';

const CALLS = 300;
const CONCURRENCY = 50;
const RATE = 100; // per second
const BURST = 10; // bucket size: the ideal time is (300 − 10) / 100 = 2.9 s

interface Vendor {
  readonly url: string;
  /** Requests received, accepted, refused since the last reset. */
  readonly counts: { requests: number; ok: number; limited: number };
  /** A full bucket, zero counts; `retryAfter` adds `Retry-After: n` to refusals. */
  reset(retryAfter?: number): void;
}

let server: Server;
let vendor: Vendor;

beforeAll(async () => {
  let tokens = BURST;
  let last = performance.now();
  let retryAfter: number | undefined;
  const counts = { requests: 0, ok: 0, limited: 0 };
  server = createServer((_req, res) => {
    const now = performance.now();
    tokens = Math.min(BURST, tokens + ((now - last) * RATE) / 1000);
    last = now;
    counts.requests++;
    if (tokens >= 1) {
      tokens -= 1;
      counts.ok++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"total":0,"items":[]}');
      return;
    }
    counts.limited++;
    res.writeHead(403, { 'content-type': 'application/json', ...(retryAfter ? { 'retry-after': String(retryAfter) } : {}) });
    res.end('{"code":4030001,"message":"Api freq out of limit."}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  vendor = {
    url: `http://127.0.0.1:${port}/api/v1/containers`,
    counts,
    reset(hint?: number) {
      tokens = BURST;
      last = performance.now();
      retryAfter = hint;
      Object.assign(counts, { requests: 0, ok: 0, limited: 0 });
    },
  };
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** 300 calls, 50 workers; resolves with how many calls failed. */
async function run(pacer: Pacer | undefined): Promise<{ failed: number }> {
  let next = 0;
  let failed = 0;
  const url = vendor.url;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < CALLS) {
        next++;
        try {
          await retry(
            async ({ signal }) => {
              const res = await fetch(url, { signal });
              const body = await res.text();
              if (!res.ok) throw normalize(netease, { status: res.status, headers: res.headers, body, method: 'GET', url });
              return body;
            },
            { pacer, vendor: netease.name, url, method: 'GET' },
          );
        } catch {
          failed++;
        }
      }
    }),
  );
  return { failed };
}

describe('pacer end to end: a 100/s token-bucket vendor answering 403 4030001', () => {
  it('with a pacer: every call succeeds, at most 1.15 requests per call', async () => {
    vendor.reset();
    const pacer = createPacer();
    const { failed } = await run(pacer);
    expect(failed).toBe(0);
    expect(vendor.counts.ok).toBe(CALLS);
    // The limit was really hit (a cold burst of 50 at a bucket of 10) ...
    expect(vendor.counts.limited).toBeGreaterThan(0);
    // ... and learned: few refusals beyond the unavoidable first ones.
    expect(vendor.counts.requests / CALLS).toBeLessThanOrEqual(1.15);
    expect(pacer.snapshot()[`netease|${new URL(vendor.url).host}`]).toMatchObject({ state: 'pacing', queue: 0, inFlight: 0 });
  }, 60_000);

  it('with a pacer and Retry-After: 1 on each refusal: every call succeeds, at most 1.15 requests per call', async () => {
    vendor.reset(1);
    const { failed } = await run(createPacer());
    expect(failed).toBe(0);
    expect(vendor.counts.requests / CALLS).toBeLessThanOrEqual(1.15);
  }, 60_000);

  it('without a pacer (the baseline): many more requests per call', async () => {
    vendor.reset();
    await run(undefined);
    expect(vendor.counts.requests / CALLS).toBeGreaterThan(1.3);
  }, 60_000);
});
