/**
 * One behaviour table, run through every client: axios, ky 1, ky 2 and fetch. Requests are
 * answered by the vendor simulator's msw handlers (`vendorHandlers`) playing a scripted scenario,
 * so every body and header is the vendor's real shape from its catalog. Waits are kept at 0 ms
 * with `random: () => 0` unless a test is about them.
 */
import { HttpResponse, http } from 'msw';
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
import { createSimulatorCore, type ScriptStep, type SimulatorResult } from '../../src/testing/index.js';
import { type HandledRequest, vendorHandlers } from '../../src/testing/msw.js';
import { CLIENTS } from './clients.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  vi.useRealTimers();
});
afterAll(() => server.close());

const UPYUN_429: ScriptStep = { code: 42900001 };
const UPYUN_404: ScriptStep = { code: 40400001 };
/** A bare 503 with an empty body, as UpYun's edges send (README § UpYun). */
const PLAIN_503: ScriptStep = { status: 503 };
/** The simulator's UpYun success: a directory listing. */
const UPYUN_OK = { files: [] };

const BASE = {
  upyun: 'https://upyun.example.test/v1',
  'baidu-pcs': 'https://pcs.example.test/rest/2.0/pcs',
  netease: 'https://netease.example.test/api/v1',
} as const;

interface Simulated {
  /** A fresh URL under the vendor's base. */
  readonly url: string;
  /** What the clients sent, in order. */
  readonly requests: HandledRequest[];
  /** What the simulator answered, in order (exact bodies: Baidu's raw request ids). */
  readonly answers: SimulatorResult[];
  /** Requests the simulator answered, from its own stats. */
  readonly count: number;
}

let n = 0;

/** The vendor simulator's msw handlers, playing `script` (then the vendor's success) on a core of their own. */
function simulate(vendor: keyof typeof BASE, script: readonly ScriptStep[]): Simulated {
  const core = createSimulatorCore();
  const requests: HandledRequest[] = [];
  const answers: SimulatorResult[] = [];
  server.use(
    ...vendorHandlers(vendor, {
      baseUrl: BASE[vendor],
      core,
      scenario: { script },
      onRequest: (request, answer) => {
        requests.push(request);
        answers.push(answer);
      },
    }),
  );
  return {
    url: `${BASE[vendor]}/item-${++n}`,
    requests,
    answers,
    get count() {
      return core.stats.vendor(vendor).total;
    },
  };
}

/** The request id exactly as written in a Baidu or UpYun body (Baidu's exceed 2^53). */
function rawRequestId(answer: SimulatorResult | undefined): string {
  const m = /"(?:request_id|id)":"?([0-9a-f]+)"?/.exec(answer?.body ?? '');
  if (!m) throw new Error(`no request id in ${answer?.body}`);
  return m[1]!;
}

async function rejection(p: Promise<unknown>): Promise<VendorError> {
  const outcome = await p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  if (outcome.ok) throw new Error(`expected a rejection, got ${JSON.stringify(outcome.value)}`);
  if (!isVendorError(outcome.error)) throw outcome.error;
  return outcome.error;
}

// These tests are about retry decisions: no pacer (test/pacer/default.test.ts has the paced default).
const fast = { random: () => 0, pacer: false } as const;

describe.each(CLIENTS)('$name', (kind) => {
  it('retries a POST answered 429: rate limits are safe to repeat for any method', async () => {
    const s = simulate('upyun', [UPYUN_429, UPYUN_429, 'ok']);
    const infos: RetryInfo[] = [];
    const client = kind.make({ adapter: upyun, retry: { ...fast, onRetry: (i) => infos.push(i) } });
    const res = await client.send({ method: 'POST', url: s.url, body: 'payload', headers: { 'content-type': 'text/plain' } });
    expect(res.data).toEqual(UPYUN_OK);
    expect(s.count).toBe(3);
    expect(s.requests.map((r) => r.body)).toEqual(['payload', 'payload', 'payload']);
    expect(infos.map((i) => [i.attempt, i.error.kind, i.source])).toEqual([
      [1, 'rate-limited', 'backoff'],
      [2, 'rate-limited', 'backoff'],
    ]);
    expect(infos[0]!.error).toBeInstanceOf(RateLimitError);
  });

  it('does not retry a POST answered with a plain 503 (not-idempotent)', async () => {
    const s = simulate('upyun', [PLAIN_503, 'ok']);
    const err = await rejection(kind.make({ adapter: upyun, retry: fast }).send({ method: 'POST', url: s.url, body: 'x' }));
    expect(err).toBeInstanceOf(ServiceUnavailableError);
    expect(err.status).toBe(503);
    expect(err.retryDecision?.reason).toBe('not-idempotent');
    expect(err.attempts).toHaveLength(1);
    expect(s.count).toBe(1);
  });

  it('retries a POST answered 503 when it carries an Idempotency-Key', async () => {
    const s = simulate('upyun', [PLAIN_503, 'ok']);
    const res = await kind
      .make({ adapter: upyun, retry: fast })
      .send({ method: 'POST', url: s.url, body: 'x', headers: { 'idempotency-key': 'order-42' } });
    expect(res.data).toEqual(UPYUN_OK);
    expect(s.count).toBe(2);
  });

  it('retries a GET answered 503 and resolves with the later success', async () => {
    const s = simulate('upyun', [PLAIN_503, PLAIN_503, 'ok']);
    const res = await kind.make({ adapter: upyun, retry: fast }).send({ method: 'GET', url: s.url });
    expect(res).toEqual({ status: 200, data: UPYUN_OK });
    expect(s.count).toBe(3);
  });

  it('gives up after `retries` and records every attempt and the reason', async () => {
    const s = simulate('upyun', [PLAIN_503, PLAIN_503, PLAIN_503, 'ok']);
    const err = await rejection(
      kind.make({ adapter: upyun, retry: { ...fast, retries: 2 } }).send({ method: 'GET', url: s.url }),
    );
    expect(err).toBeInstanceOf(ServiceUnavailableError);
    // UpYun repeats its request id in X-Request-Id, even on an empty-bodied 503.
    const ids = s.answers.map((a) => a.headers['x-request-id']);
    expect(ids).toHaveLength(3);
    expect(err.attempts).toEqual([
      { attempt: 1, status: 503, kind: 'unavailable', requestId: ids[0], delayMs: 0, delaySource: 'backoff' },
      { attempt: 2, status: 503, kind: 'unavailable', requestId: ids[1], delayMs: 0, delaySource: 'backoff' },
      { attempt: 3, status: 503, kind: 'unavailable', requestId: ids[2] },
    ]);
    expect(err.retryDecision).toMatchObject({ retried: false, reason: 'attempts-exhausted' });
    expect(s.count).toBe(3);
  });

  it('never retries a 404, and keeps the vendor code and request id', async () => {
    const s = simulate('upyun', [UPYUN_404, 'ok']);
    const err = await rejection(kind.make({ adapter: upyun, retry: fast }).send({ method: 'GET', url: s.url }));
    expect(err).toBeInstanceOf(NotFoundError);
    const requestId = rawRequestId(s.answers[0]);
    expect(requestId).toMatch(/^[0-9a-f]{32}$/);
    expect(err).toMatchObject({ vendor: 'upyun', status: 404, code: 40400001, requestId, method: 'GET' });
    expect(err.retryDecision?.reason).toBe('not-retryable');
    expect(s.count).toBe(1);
  });

  it('retries NetEase 403 4030001 (a rate limit under 403) for a POST', async () => {
    const s = simulate('netease', [{ code: 4030001 }, 'ok']);
    const infos: RetryInfo[] = [];
    const res = await kind
      .make({ adapter: netease, retry: { ...fast, onRetry: (i) => infos.push(i) } })
      .send({ method: 'POST', url: s.url, body: '{"name":"web"}', headers: { 'content-type': 'application/json' } });
    expect(s.answers[0]).toMatchObject({ status: 403, body: '{"code":4030001,"message":"Api freq out of limit."}' });
    expect(res).toEqual({ status: 200, data: { total: 0, items: [] } });
    expect(infos[0]?.error).toBeInstanceOf(RateLimitError);
    expect(infos[0]?.error.code).toBe(4030001);
    expect(s.count).toBe(2);
  });

  it('rejects a Baidu error sent inside a 200 with the right class and exact request id', async () => {
    const s = simulate('baidu-pcs', [{ code: 110, in200: true }, 'ok']);
    const err = await rejection(
      kind.make({ adapter: baiduPcs, retry: fast }).send({ method: 'GET', url: `${s.url}?access_token=tok-secret` }),
    );
    expect(err).toBeInstanceOf(AuthenticationError);
    // Nineteen digits: above 2^53, so only a raw-digit read keeps it exact.
    const requestId = rawRequestId(s.answers[0]);
    expect(requestId).toMatch(/^\d{19}$/);
    expect(err).toMatchObject({ status: 200, code: 110, requestId });
    expect(err.retryDecision?.reason).toBe('not-retryable');
    expect(JSON.stringify(err)).not.toContain('tok-secret');
    expect(err.message).not.toContain('tok-secret');
    expect(s.count).toBe(1);
  });

  it('retries Baidu 31219 sent inside a 200 as a rate limit, and the success body stays readable', async () => {
    const s = simulate('baidu-pcs', [{ code: 31219, in200: true }, 'ok']);
    const infos: RetryInfo[] = [];
    const res = await kind
      .make({ adapter: baiduPcs, retry: { ...fast, onRetry: (i) => infos.push(i) } })
      .send({ method: 'POST', url: s.url, body: 'a=1' });
    expect(s.answers[0]?.status).toBe(200);
    expect(res.data).toEqual({ list: [], request_id: JSON.parse(s.answers[1]!.body).request_id });
    expect(infos[0]?.error).toBeInstanceOf(RateLimitError);
    expect(infos[0]?.error.requestId).toBe(rawRequestId(s.answers[0]));
    expect(s.count).toBe(2);
  });

  it('leaves 2xx bodies alone for vendors that never hide errors in them', async () => {
    // A local handler, not the simulator: UpYun never sends an error-looking body under 200, so
    // the simulator refuses to (errorIn200 / in200 need Baidu's errorsInSuccess). This body is
    // the hypothetical the client must not second-guess.
    const u = `${BASE.upyun}/item-${++n}`;
    let count = 0;
    server.use(
      http.all(u, () => {
        count++;
        return HttpResponse.json({ error_code: 31219, code: 42900001 });
      }),
    );
    const res = await kind.make({ adapter: upyun, retry: fast }).send({ method: 'GET', url: u });
    expect(res.data).toEqual({ error_code: 31219, code: 42900001 });
    expect(count).toBe(1);
  });

  it('does not inspect a 2xx body larger than maxBodyBytes', async () => {
    const s = simulate('baidu-pcs', [{ code: 31219, in200: true }, 'ok']);
    const res = await kind.make({ adapter: baiduPcs, retry: fast, maxBodyBytes: 64 }).send({ method: 'GET', url: s.url });
    expect(s.answers[0]!.body.length).toBeGreaterThan(64);
    expect(res.data).toMatchObject({ error_code: 31219 });
    expect(s.count).toBe(1);
  });

  it('sends a stream body once: a failure that would retry reports body-not-replayable', async () => {
    const s = simulate('upyun', [UPYUN_429, 'ok']);
    const err = await rejection(
      kind.make({ adapter: upyun, retry: fast }).send({ method: 'PUT', url: s.url, body: 'streamed', stream: true }),
    );
    expect(err).toBeInstanceOf(RateLimitError);
    expect(err.retryDecision?.reason).toBe('body-not-replayable');
    expect(err.attempts).toHaveLength(1);
    expect(s.count).toBe(1);
    expect(s.requests[0]!.body).toBe('streamed');
  });

  it('keeps the true reason when a stream-body failure would not have been retried anyway', async () => {
    const s = simulate('upyun', [UPYUN_404]);
    const err = await rejection(
      kind.make({ adapter: upyun, retry: fast }).send({ method: 'PUT', url: s.url, body: 'streamed', stream: true }),
    );
    expect(err.retryDecision?.reason).toBe('not-retryable');
  });

  it('rejects with the signal reason when aborted mid-wait, and sends nothing more', async () => {
    const s = simulate('upyun', [PLAIN_503, PLAIN_503]);
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
    await expect(client.send({ method: 'GET', url: s.url, signal: controller.signal })).rejects.toBe(reason);
    expect(infos.map((i) => i.delayMs)).toEqual([30_000]);
    await new Promise((r) => setTimeout(r, 50));
    expect(s.count).toBe(1);
  });

  it('rejects at once, sending nothing, when the signal is already aborted', async () => {
    const s = simulate('upyun', ['ok']);
    const reason = new Error('too late');
    await expect(
      kind.make({ adapter: upyun }).send({ method: 'GET', url: s.url, signal: AbortSignal.abort(reason) }),
    ).rejects.toBe(reason);
    expect(s.count).toBe(0);
  });

  it('honours Retry-After exactly, without jitter', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const s = simulate('upyun', [{ ...UPYUN_429, retryAfterMs: 7000 }, 'ok']);
    const infos: RetryInfo[] = [];
    const client = kind.make({
      adapter: upyun,
      retry: {
        pacer: false, // paced, the hint is the pacer's pause (test/pacer/default.test.ts)
        onRetry: (info) => {
          infos.push(info);
          // The engine arms its timer right after onRetry returns; skip the wait on the fake clock.
          queueMicrotask(() => vi.advanceTimersByTime(info.delayMs));
        },
      },
    });
    const res = await client.send({ method: 'POST', url: s.url, body: 'x' });
    expect(s.answers[0]?.headers['retry-after']).toBe('7');
    expect(res.data).toEqual(UPYUN_OK);
    expect(infos.map((i) => [i.delayMs, i.source])).toEqual([[7000, 'retry-after']]);
    expect(s.count).toBe(2);
  });

  it('gives up at once on a Retry-After longer than maxRetryAfterMs', async () => {
    const s = simulate('upyun', [{ ...UPYUN_429, retryAfterMs: 120_000 }, 'ok']);
    const err = await rejection(
      kind.make({ adapter: upyun, retry: { maxRetryAfterMs: 60_000 } }).send({ method: 'GET', url: s.url }),
    );
    expect(err.retryAfterMs).toBe(120_000);
    expect(err.retryDecision?.reason).toBe('retry-after-too-long');
    expect(s.count).toBe(1);
  });

  it('turns a network failure into a NetworkError with the cause, retried for a GET', async () => {
    // A local handler, not the simulator: a vendor simulator answers, it cannot drop a
    // connection; msw's HttpResponse.error() is the network failure.
    const u = `${BASE.upyun}/item-${++n}`;
    let count = 0;
    server.use(
      http.all(u, () => {
        count++;
        return HttpResponse.error();
      }),
    );
    const err = await rejection(kind.make({ adapter: upyun, retry: { ...fast, retries: 1 } }).send({ method: 'GET', url: u }));
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.cause).toBeDefined();
    expect(err.attempts).toHaveLength(2);
    expect(count).toBe(2);
  });

  it('makes a single attempt with retry: false (retries-disabled)', async () => {
    const s = simulate('upyun', [UPYUN_429, 'ok']);
    const err = await rejection(kind.make({ adapter: upyun, retry: false }).send({ method: 'GET', url: s.url }));
    expect(err).toBeInstanceOf(RateLimitError);
    expect(err.retryDecision?.reason).toBe('retries-disabled');
    expect(s.count).toBe(1);
  });

  it('validates options when the client is created', () => {
    expect(() => kind.make({ adapter: upyun, retry: { retries: -1 } })).toThrow(TypeError);
    expect(() => kind.make({ adapter: upyun, retry: { retries: -1 } })).toThrow(/`retries`/);
    expect(() => kind.make({ adapter: upyun, retry: { onRetry: 5 as never } })).toThrow(/`onRetry`/);
    expect(() => kind.make({ adapter: undefined as never })).toThrow(/`adapter`/);
    expect(() => kind.make({ adapter: upyun, maxBodyBytes: 0 })).toThrow(/`maxBodyBytes`/);
  });
});
