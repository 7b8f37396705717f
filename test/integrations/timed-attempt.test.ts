/**
 * shared/timed-attempt.ts through createFetch, with a fetch double: which signal each attempt's
 * transport is handed (the caller's own on a healthy client's first attempt, one of ours on a
 * retry and for ABORTABLE_AFTER_TIMEOUT_MS after a timeout), and a late success let go.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { upyun } from '../../adapters/index.js';
import { TimeoutError } from '../../src/errors/index.js';
import { createFetch } from '../../src/integrations/fetch.js';
import { ABORTABLE_AFTER_TIMEOUT_MS } from '../../src/integrations/shared/timed-attempt.js';
import { vendorRejection } from './local-server.js';

const RETRY = { retries: 1, baseDelayMs: 1, maxDelayMs: 1, random: () => 0, pacer: false as const, attemptTimeoutMs: 30 };

/** A Response whose body records a cancel. */
function tracked(status = 200): { res: Response; cancelled: () => boolean } {
  let cancelled = false;
  const body = new ReadableStream({
    cancel() {
      cancelled = true;
    },
  });
  return { res: new Response(body, { status }), cancelled: () => cancelled };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('createFetch: raced and abortable attempts', () => {
  it("a healthy client's first attempt gets the caller's own signal, or none; a retry gets one of its own", async () => {
    const signals: (AbortSignal | null | undefined)[] = [];
    let n = 0;
    const f = createFetch({
      adapter: upyun,
      retry: RETRY,
      fetch: async (_input, init) => {
        signals.push(init?.signal);
        n++;
        return n === 1 ? new Response('{"code":50300000}', { status: 503 }) : new Response('ok');
      },
    });
    const mine = new AbortController().signal;
    await f('https://v0.api.upyun.com/b/x', { signal: mine });
    expect(signals[0]).toBe(mine);
    expect(signals[1]).toBeInstanceOf(AbortSignal);
    expect(signals[1]).not.toBe(mine);
    await f('https://v0.api.upyun.com/b/x');
    expect(signals[2]).toBeUndefined();
  });

  it('a raced attempt that runs out rejects at its timeout; its late success is cancelled; the client then sends abortable attempts', async () => {
    const late = tracked();
    const signals: (AbortSignal | null | undefined)[] = [];
    let n = 0;
    const f = createFetch({
      adapter: upyun,
      retry: { ...RETRY, retries: 0 },
      fetch: (_input, init) => {
        signals.push(init?.signal);
        n++;
        // The first answer comes after the attempt's 30 ms; the others at once.
        return n === 1 ? new Promise((resolve) => setTimeout(() => resolve(late.res), 80)) : Promise.resolve(new Response('ok'));
      },
    });
    const error = await vendorRejection(f('https://v0.api.upyun.com/b/x'));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toMatch(/attemptTimeoutMs/);
    await vi.waitFor(() => expect(late.cancelled()).toBe(true), { timeout: 1000 });
    // Within ABORTABLE_AFTER_TIMEOUT_MS of that timeout, a first attempt carries a signal of ours.
    await f('https://v0.api.upyun.com/b/x');
    expect(signals[1]).toBeInstanceOf(AbortSignal);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + ABORTABLE_AFTER_TIMEOUT_MS + 1);
    await f('https://v0.api.upyun.com/b/x');
    expect(signals[2]).toBeUndefined();
  });

  it("an abort of the caller's signal during a raced attempt rejects with its reason", async () => {
    const controller = new AbortController();
    const f = createFetch({
      adapter: upyun,
      retry: RETRY,
      fetch: (_input, init) =>
        new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason))),
    });
    const sent = f('https://v0.api.upyun.com/b/x', { signal: controller.signal });
    const reason = new Error('mine');
    controller.abort(reason);
    await expect(sent).rejects.toBe(reason);
  });
});
