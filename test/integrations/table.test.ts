/**
 * One behaviour table, run through every client: axios, ky 1, ky 2 and fetch. Requests are
 * intercepted by msw; waits are kept at 0 ms with `random: () => 0` unless a test is about them.
 */
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { baiduPcs, netease, upyun } from '../../adapters/index.js';
import {
  AuthenticationError,
  isVendorError,
  NetworkError,
  NotFoundError,
  RateLimitError,
  ServiceUnavailableError,
  type VendorError,
} from '../../src/errors/index.js';
import type { RetryInfo } from '../../src/retry/options.js';
import { CLIENTS } from './clients.js';
import { script } from './msw.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  vi.useRealTimers();
});
afterAll(() => server.close());

const UPYUN_429 = { status: 429, body: { msg: 'too many requests', code: 42900001, id: 'up-429' } };
const UPYUN_404 = { status: 404, body: { msg: 'file or directory not found', code: 40400001, id: 'up-404' } };
const PLAIN_503 = { status: 503, body: '' };
const OK = { status: 200, body: { ok: true } };
const BAIDU_110 = {
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: '{"error_code":110,"error_msg":"Access token invalid or no longer valid","request_id":2939656146461714799}',
};
const BAIDU_31219 = {
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: '{"error_code":31219,"error_msg":"request exceed limit","request_id":2939656146461714800}',
};
const BAIDU_OK = { status: 200, body: { error_code: 0, error_msg: 'no error', quota: 2048 } };

async function rejection(p: Promise<unknown>): Promise<VendorError> {
  const outcome = await p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  if (outcome.ok) throw new Error(`expected a rejection, got ${JSON.stringify(outcome.value)}`);
  if (!isVendorError(outcome.error)) throw outcome.error;
  return outcome.error;
}

let n = 0;
const url = (vendor: string) => `https://${vendor}.example.test/v1/item-${++n}`;
const fast = { random: () => 0 } as const;

describe.each(CLIENTS)('$name', (kind) => {
  it('retries a POST answered 429: rate limits are safe to repeat for any method', async () => {
    const u = url('upyun');
    const s = script(u, [UPYUN_429, UPYUN_429, OK]);
    server.use(s.handler);
    const infos: RetryInfo[] = [];
    const client = kind.make({ adapter: upyun, retry: { ...fast, onRetry: (i) => infos.push(i) } });
    const res = await client.send({ method: 'POST', url: u, body: 'payload', headers: { 'content-type': 'text/plain' } });
    expect(res.data).toEqual({ ok: true });
    expect(s.requests).toHaveLength(3);
    expect(s.requests.map((r) => r.body)).toEqual(['payload', 'payload', 'payload']);
    expect(infos.map((i) => [i.attempt, i.error.kind, i.source])).toEqual([
      [1, 'rate-limited', 'backoff'],
      [2, 'rate-limited', 'backoff'],
    ]);
    expect(infos[0]!.error).toBeInstanceOf(RateLimitError);
  });

  it('does not retry a POST answered with a plain 503 (not-idempotent)', async () => {
    const u = url('upyun');
    const s = script(u, [PLAIN_503, OK]);
    server.use(s.handler);
    const err = await rejection(kind.make({ adapter: upyun, retry: fast }).send({ method: 'POST', url: u, body: 'x' }));
    expect(err).toBeInstanceOf(ServiceUnavailableError);
    expect(err.status).toBe(503);
    expect(err.retryDecision?.reason).toBe('not-idempotent');
    expect(err.attempts).toHaveLength(1);
    expect(s.requests).toHaveLength(1);
  });

  it('retries a POST answered 503 when it carries an Idempotency-Key', async () => {
    const u = url('upyun');
    const s = script(u, [PLAIN_503, OK]);
    server.use(s.handler);
    const res = await kind
      .make({ adapter: upyun, retry: fast })
      .send({ method: 'POST', url: u, body: 'x', headers: { 'idempotency-key': 'order-42' } });
    expect(res.data).toEqual({ ok: true });
    expect(s.requests).toHaveLength(2);
  });

  it('retries a GET answered 503 and resolves with the later success', async () => {
    const u = url('upyun');
    const s = script(u, [PLAIN_503, PLAIN_503, OK]);
    server.use(s.handler);
    const res = await kind.make({ adapter: upyun, retry: fast }).send({ method: 'GET', url: u });
    expect(res).toEqual({ status: 200, data: { ok: true } });
    expect(s.requests).toHaveLength(3);
  });

  it('gives up after `retries` and records every attempt and the reason', async () => {
    const u = url('upyun');
    const s = script(u, [PLAIN_503]);
    server.use(s.handler);
    const err = await rejection(kind.make({ adapter: upyun, retry: { ...fast, retries: 2 } }).send({ method: 'GET', url: u }));
    expect(err).toBeInstanceOf(ServiceUnavailableError);
    expect(err.attempts).toEqual([
      { attempt: 1, status: 503, kind: 'unavailable', delayMs: 0, delaySource: 'backoff' },
      { attempt: 2, status: 503, kind: 'unavailable', delayMs: 0, delaySource: 'backoff' },
      { attempt: 3, status: 503, kind: 'unavailable' },
    ]);
    expect(err.retryDecision).toMatchObject({ retried: false, reason: 'attempts-exhausted' });
    expect(s.requests).toHaveLength(3);
  });

  it('never retries a 404, and keeps the vendor code and request id', async () => {
    const u = url('upyun');
    const s = script(u, [UPYUN_404, OK]);
    server.use(s.handler);
    const err = await rejection(kind.make({ adapter: upyun, retry: fast }).send({ method: 'GET', url: u }));
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err).toMatchObject({ vendor: 'upyun', status: 404, code: 40400001, requestId: 'up-404', method: 'GET' });
    expect(err.retryDecision?.reason).toBe('not-retryable');
    expect(s.requests).toHaveLength(1);
  });

  it('retries NetEase 403 4030001 (a rate limit under 403) for a POST', async () => {
    const u = url('netease');
    const s = script(u, [
      { status: 403, body: { code: 4030001, message: 'Api freq out of limit.' } },
      { status: 201, body: { id: 7 } },
    ]);
    server.use(s.handler);
    const infos: RetryInfo[] = [];
    const res = await kind
      .make({ adapter: netease, retry: { ...fast, onRetry: (i) => infos.push(i) } })
      .send({ method: 'POST', url: u, body: '{"name":"web"}', headers: { 'content-type': 'application/json' } });
    expect(res).toEqual({ status: 201, data: { id: 7 } });
    expect(infos[0]?.error).toBeInstanceOf(RateLimitError);
    expect(infos[0]?.error.code).toBe(4030001);
    expect(s.requests).toHaveLength(2);
  });

  it('rejects a Baidu error sent inside a 200 with the right class and exact request id', async () => {
    const u = url('baidu');
    const s = script(u, [BAIDU_110, BAIDU_OK]);
    server.use(s.handler);
    const err = await rejection(
      kind.make({ adapter: baiduPcs, retry: fast }).send({ method: 'GET', url: `${u}?access_token=tok-secret` }),
    );
    expect(err).toBeInstanceOf(AuthenticationError);
    expect(err).toMatchObject({ status: 200, code: 110, requestId: '2939656146461714799' });
    expect(err.retryDecision?.reason).toBe('not-retryable');
    expect(JSON.stringify(err)).not.toContain('tok-secret');
    expect(err.message).not.toContain('tok-secret');
    expect(s.requests).toHaveLength(1);
  });

  it('retries Baidu 31219 sent inside a 200 as a rate limit, and the success body stays readable', async () => {
    const u = url('baidu');
    const s = script(u, [BAIDU_31219, BAIDU_OK]);
    server.use(s.handler);
    const infos: RetryInfo[] = [];
    const res = await kind
      .make({ adapter: baiduPcs, retry: { ...fast, onRetry: (i) => infos.push(i) } })
      .send({ method: 'POST', url: u, body: 'a=1' });
    expect(res.data).toEqual({ error_code: 0, error_msg: 'no error', quota: 2048 });
    expect(infos[0]?.error).toBeInstanceOf(RateLimitError);
    expect(infos[0]?.error.requestId).toBe('2939656146461714800');
    expect(s.requests).toHaveLength(2);
  });

  it('leaves 2xx bodies alone for vendors that never hide errors in them', async () => {
    const u = url('upyun');
    const s = script(u, [{ status: 200, body: { error_code: 31219, code: 42900001 } }]);
    server.use(s.handler);
    const res = await kind.make({ adapter: upyun, retry: fast }).send({ method: 'GET', url: u });
    expect(res.data).toEqual({ error_code: 31219, code: 42900001 });
    expect(s.requests).toHaveLength(1);
  });

  it('does not inspect a 2xx body larger than maxBodyBytes', async () => {
    const u = url('baidu');
    const big = `{"error_code":31219,"error_msg":"request exceed limit","pad":"${'x'.repeat(200)}"}`;
    const s = script(u, [{ status: 200, headers: { 'content-type': 'application/json' }, body: big }]);
    server.use(s.handler);
    const res = await kind.make({ adapter: baiduPcs, retry: fast, maxBodyBytes: 64 }).send({ method: 'GET', url: u });
    expect(res.data).toMatchObject({ error_code: 31219 });
  });

  it('sends a stream body once: a failure that would retry reports body-not-replayable', async () => {
    const u = url('upyun');
    const s = script(u, [UPYUN_429, OK]);
    server.use(s.handler);
    const err = await rejection(
      kind.make({ adapter: upyun, retry: fast }).send({ method: 'PUT', url: u, body: 'streamed', stream: true }),
    );
    expect(err).toBeInstanceOf(RateLimitError);
    expect(err.retryDecision?.reason).toBe('body-not-replayable');
    expect(err.attempts).toHaveLength(1);
    expect(s.requests).toHaveLength(1);
    expect(s.requests[0]!.body).toBe('streamed');
  });

  it('keeps the true reason when a stream-body failure would not have been retried anyway', async () => {
    const u = url('upyun');
    server.use(script(u, [UPYUN_404]).handler);
    const err = await rejection(
      kind.make({ adapter: upyun, retry: fast }).send({ method: 'PUT', url: u, body: 'streamed', stream: true }),
    );
    expect(err.retryDecision?.reason).toBe('not-retryable');
  });

  it('rejects with the signal reason when aborted mid-wait, and sends nothing more', async () => {
    const u = url('upyun');
    const s = script(u, [PLAIN_503]);
    server.use(s.handler);
    const controller = new AbortController();
    const reason = new Error('caller gave up');
    const infos: RetryInfo[] = [];
    const client = kind.make({
      adapter: upyun,
      retry: {
        random: () => 1,
        baseDelayMs: 30_000,
        maxDelayMs: 30_000,
        onRetry: (info) => {
          infos.push(info);
          setTimeout(() => controller.abort(reason), 20);
        },
      },
    });
    await expect(client.send({ method: 'GET', url: u, signal: controller.signal })).rejects.toBe(reason);
    expect(infos.map((i) => i.delayMs)).toEqual([30_000]);
    await new Promise((r) => setTimeout(r, 50));
    expect(s.requests).toHaveLength(1);
  });

  it('rejects at once, sending nothing, when the signal is already aborted', async () => {
    const u = url('upyun');
    const s = script(u, [OK]);
    server.use(s.handler);
    const reason = new Error('too late');
    await expect(kind.make({ adapter: upyun }).send({ method: 'GET', url: u, signal: AbortSignal.abort(reason) })).rejects.toBe(
      reason,
    );
    expect(s.requests).toHaveLength(0);
  });

  it('honours Retry-After exactly, without jitter', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const u = url('upyun');
    const s = script(u, [{ ...UPYUN_429, headers: { 'retry-after': '7' } }, OK]);
    server.use(s.handler);
    const infos: RetryInfo[] = [];
    const client = kind.make({
      adapter: upyun,
      retry: {
        onRetry: (info) => {
          infos.push(info);
          // The engine arms its timer right after onRetry returns; skip the wait on the fake clock.
          queueMicrotask(() => vi.advanceTimersByTime(info.delayMs));
        },
      },
    });
    const res = await client.send({ method: 'POST', url: u, body: 'x' });
    expect(res.data).toEqual({ ok: true });
    expect(infos.map((i) => [i.delayMs, i.source])).toEqual([[7000, 'retry-after']]);
    expect(s.requests).toHaveLength(2);
  });

  it('gives up at once on a Retry-After longer than maxRetryAfterMs', async () => {
    const u = url('upyun');
    const s = script(u, [{ ...UPYUN_429, headers: { 'retry-after': '120' } }, OK]);
    server.use(s.handler);
    const err = await rejection(
      kind.make({ adapter: upyun, retry: { maxRetryAfterMs: 60_000 } }).send({ method: 'GET', url: u }),
    );
    expect(err.retryAfterMs).toBe(120_000);
    expect(err.retryDecision?.reason).toBe('retry-after-too-long');
    expect(s.requests).toHaveLength(1);
  });

  it('turns a network failure into a NetworkError with the cause, retried for a GET', async () => {
    const u = url('upyun');
    const s = script(u, ['network-error']);
    server.use(s.handler);
    const err = await rejection(kind.make({ adapter: upyun, retry: { ...fast, retries: 1 } }).send({ method: 'GET', url: u }));
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.cause).toBeDefined();
    expect(err.attempts).toHaveLength(2);
    expect(s.requests).toHaveLength(2);
  });

  it('makes a single attempt with retry: false (retries-disabled)', async () => {
    const u = url('upyun');
    const s = script(u, [UPYUN_429, OK]);
    server.use(s.handler);
    const err = await rejection(kind.make({ adapter: upyun, retry: false }).send({ method: 'GET', url: u }));
    expect(err).toBeInstanceOf(RateLimitError);
    expect(err.retryDecision?.reason).toBe('retries-disabled');
    expect(s.requests).toHaveLength(1);
  });

  it('validates options when the client is created', () => {
    expect(() => kind.make({ adapter: upyun, retry: { retries: -1 } })).toThrow(TypeError);
    expect(() => kind.make({ adapter: upyun, retry: { retries: -1 } })).toThrow(/`retries`/);
    expect(() => kind.make({ adapter: upyun, retry: { onRetry: 5 as never } })).toThrow(/`onRetry`/);
    expect(() => kind.make({ adapter: undefined as never })).toThrow(/`adapter`/);
    expect(() => kind.make({ adapter: upyun, maxBodyBytes: 0 })).toThrow(/`maxBodyBytes`/);
  });
});
