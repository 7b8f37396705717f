/** examples/mfp-ws.ts against the simulator's WebSocket endpoint. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createPacer,
  InternalServerError,
  NetworkError,
  NotFoundError,
  RateLimitError,
  type RetryInfo,
  type RetryOptions,
} from 'vendor-errors';
import { startVendorSimulator, type VendorSimulator } from 'vendor-errors/testing';
import { MfpClient } from '../../examples/mfp-ws.ts';
import { expectNoSecrets, fastRetry, vendorRejection } from './helpers.ts';

const TOKEN = 'mfp-daemon-token-9c41d7e2';
let sim: VendorSimulator;
let client: MfpClient;
let retries: RetryInfo[];

beforeAll(async () => {
  sim = await startVendorSimulator({ mfpToken: TOKEN });
});
afterAll(async () => {
  await sim.close();
});
afterEach(() => {
  client?.close();
  sim.reset();
});

async function connect(retry: RetryOptions = {}): Promise<MfpClient> {
  retries = [];
  client = await MfpClient.connect({ url: sim.wsUrl, token: TOKEN, retry: { ...fastRetry(retries), ...retry } });
  return client;
}

describe('MfpClient (ws + retry() + normalize)', () => {
  it('answers an action, matched to its request by id', async () => {
    const daemon = await connect();
    await expect(daemon.listInstances()).resolves.toEqual({});
    expect(sim.stats.vendor('mfp').routes.get_instance_list?.byReason.ok).toBe(1);
  });

  it('matches concurrent answers to their own requests', async () => {
    const daemon = await connect();
    sim.scenario('mfp', { latencyMs: { min: 0, max: 30 } });
    const results = await Promise.allSettled([
      daemon.request('a', { simulate_code: 30001 }),
      daemon.request('b'),
      daemon.request('c', { simulate_code: 10003 }),
      daemon.request('d'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'rejected', 'fulfilled']);
    expect(results[0]).toMatchObject({ reason: { code: 30001 } });
    expect(results[2]).toMatchObject({ reason: { code: 10003 } });
  });

  it('a forced 30001 rejects with NotFoundError, once, and is not retried', async () => {
    const daemon = await connect();
    const err = await vendorRejection(daemon.request('get_instance', { id: 'x', simulate_code: 30001 }, { idempotent: true }));
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err).toMatchObject({
      vendor: 'mfp',
      kind: 'not-found',
      code: 30001,
      codeName: 'INSTANCE_NOT_FOUND',
      status: undefined,
    });
    expect(err.retryDecision?.reason).toBe('not-retryable');
    expect(err.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(sim.stats.vendor('mfp').total).toBe(1);
  });

  it('a 20001 on a non-idempotent action is not retried; on a read it is', async () => {
    const daemon = await connect();
    const err = await vendorRejection(daemon.request('start_instance', { id: 'i-1', simulate_code: 20001 }));
    expect(err).toBeInstanceOf(InternalServerError);
    expect(err.retryDecision?.reason).toBe('not-idempotent');
    expect(sim.stats.vendor('mfp').total).toBe(1);

    sim.stats.reset();
    // The forced code fails every attempt: the retries are used up.
    const read = await vendorRejection(daemon.request('get_instance', { simulate_code: 20001 }, { idempotent: true }));
    expect(read.retryDecision?.reason).toBe('attempts-exhausted');
    expect(read.attempts).toHaveLength(9);
    expect(sim.stats.vendor('mfp').total).toBe(9);
  });

  it('10005 rate limits are retried to success; requests = calls + retries', async () => {
    const daemon = await connect();
    sim.scenario('mfp', { rateLimit: { perSecond: 10, burst: 2 } });
    const calls = 6;
    await Promise.all(Array.from({ length: calls }, (_, i) => daemon.startInstance(`i-${i}`)));
    const stats = sim.stats.vendor('mfp');
    const limited = stats.byReason['rate-limited'] ?? 0;
    expect(limited).toBeGreaterThan(0);
    expect(stats.byCode['10005']).toBe(limited);
    expect(stats.byReason.ok).toBe(calls);
    expect(retries).toHaveLength(limited);
    expect(retries.every((r) => r.error instanceof RateLimitError)).toBe(true);
    expect(stats.total).toBe(calls + retries.length);
  });

  it('the token never shows in an error: message, JSON, inspect', async () => {
    // About redaction: unpaced, so the error is the vendor's own after the retries run out.
    const daemon = await connect({ pacer: false });
    const err = await vendorRejection(daemon.request('get_instance', { simulate_code: 10005 }, { idempotent: true }));
    expect(err).toBeInstanceOf(RateLimitError);
    expect(err.url).toContain('token=[REDACTED]');
    expectNoSecrets(err, [TOKEN]);
  });

  it('a refused handshake and a closed connection are NetworkErrors without the token', async () => {
    const refused = await vendorRejection(MfpClient.connect({ url: sim.wsUrl, token: `${TOKEN}-wrong` }));
    expect(refused).toBeInstanceOf(NetworkError);
    expectNoSecrets(refused, [TOKEN]);

    const daemon = await connect();
    sim.scenario('mfp', { latencyMs: 200 });
    const pending = daemon.request('get_instance_list', {}, { idempotent: true });
    daemon.close();
    const closed = await vendorRejection(pending);
    expect(closed).toBeInstanceOf(NetworkError);
    // This client does not reconnect: a closed connection stops the retries at once.
    expect(closed.retryDecision?.reason).toBe('aborted');
    expect(closed.attempts).toHaveLength(1);
    expectNoSecrets(closed, [TOKEN]);
    const after = await vendorRejection(daemon.listInstances());
    expect(after).toBeInstanceOf(NetworkError);
  });

  it('an attempt without an answer times out (TimeoutError); a caller signal stops a call at once', async () => {
    retries = [];
    client = await MfpClient.connect({
      url: sim.wsUrl,
      token: TOKEN,
      timeoutMs: 50,
      retry: { ...fastRetry(retries), retries: 1 },
    });
    sim.scenario('mfp', { latencyMs: 300 });
    const slow = await vendorRejection(client.listInstances());
    expect(slow.kind).toBe('timeout');
    expect(slow.attempts).toHaveLength(2);

    const controller = new AbortController();
    const pending = client.listInstances({ signal: controller.signal });
    controller.abort(new Error('user gave up'));
    await expect(pending).rejects.toThrow('user gave up');
  });

  it('a shared pacer keys the daemon by vendor and host, never by the token', async () => {
    const pacer = createPacer({ recoveryMs: 200 });
    try {
      retries = [];
      client = await MfpClient.connect({ url: sim.wsUrl, token: TOKEN, retry: { ...fastRetry(retries), pacer } });
      sim.scenario('mfp', { rateLimit: { perSecond: 10, burst: 2 } });
      await Promise.all(Array.from({ length: 5 }, (_, i) => client.startInstance(`p-${i}`)));
      expect(Object.keys(pacer.snapshot())).toEqual([`mfp|127.0.0.1:${sim.port}`]);
      expect(retries.length).toBeGreaterThan(0);
      expect(retries.every((r) => r.source === 'pacer')).toBe(true);
      // By route: a frame the previous test sent and abandoned may still arrive after its reset.
      expect(sim.stats.vendor('mfp').routes.start_instance?.total).toBe(5 + retries.length);
    } finally {
      pacer.close();
    }
  });
});
