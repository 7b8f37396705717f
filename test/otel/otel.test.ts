/**
 * vendor-errors/otel against the SDK's in-memory exporter and the vendor simulator on
 * 127.0.0.1: a span per call, a child span per attempt with the HTTP semantic conventions'
 * resend count, the error's kind, code, request id and the retry decision; pacer waits and
 * changes; and an observer that throws never fails a call.
 */
import { BasicTracerProvider, InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { upyun } from '../../adapters/index.js';
import { createFetch } from '../../src/integrations/fetch.js';
import { ATTR, otelPacerChanges, otelTelemetry } from '../../src/otel/index.js';
import { createPacer } from '../../src/pacer/index.js';
import { retry } from '../../src/retry/retry.js';
import type { RetryTelemetry } from '../../src/retry/telemetry.js';
import { startVendorSimulator, type VendorSimulator } from '../../src/testing/index.js';

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const tracer = provider.getTracer('test');
// Unpaced: the spans of the loop's own waits; the pacer's holds are tested with an explicit pacer below.
const FAST = { baseDelayMs: 1, rateLimitBaseDelayMs: 1, maxDelayMs: 5, pacer: false } as const;

let sim: VendorSimulator;
beforeAll(async () => {
  sim = await startVendorSimulator({
    scenarios: {
      upyun: {
        scriptPer: 'route',
        script: [{ code: 42900001, retryAfterMs: 20, retryAfter: 'ms' }, { code: 50300000 }, 'ok'],
      },
    },
  });
});
afterAll(async () => {
  await sim.close();
  await provider.shutdown();
});
beforeEach(() => exporter.reset());

const attempts = (spans: ReadableSpan[]) =>
  spans
    .filter((s) => s.name.endsWith('attempt'))
    .sort((a, b) => Number(a.attributes[ATTR.attempt]) - Number(b.attributes[ATTR.attempt]));

describe('otelTelemetry with createFetch, against the simulator', () => {
  it('429 (retry-after-ms), 503, then 200: one call span, three attempt spans with what happened', async () => {
    const f = createFetch({ adapter: upyun, retry: { ...FAST, telemetry: otelTelemetry({ tracer }) } });
    const res = await f(`${sim.url}/upyun/bucket/three`);
    expect(res.status).toBe(200);
    const spans = exporter.getFinishedSpans();
    const call = spans.find((s) => s.name === 'vendor-errors upyun');
    const [a1, a2, a3] = attempts(spans);
    expect(spans).toHaveLength(4);
    expect(call?.attributes).toMatchObject({ [ATTR.vendor]: 'upyun', [ATTR.attempt]: 3 });
    expect(call?.status.code).toBe(0); // UNSET: the call succeeded
    for (const a of [a1, a2, a3]) expect(a?.parentSpanContext?.spanId).toBe(call?.spanContext().spanId);
    expect(a1?.attributes).toMatchObject({
      [ATTR.errorType]: 'rate-limited',
      [ATTR.statusCode]: 429,
      [ATTR.code]: '42900001',
      [ATTR.decision]: 'retry',
      [ATTR.delayMs]: 20,
      [ATTR.delaySource]: 'retry-after',
    });
    expect(a1?.attributes[ATTR.requestId]).toEqual(expect.any(String));
    expect(a1?.attributes[ATTR.resendCount]).toBeUndefined();
    expect(a2?.attributes).toMatchObject({
      [ATTR.resendCount]: 1,
      [ATTR.errorType]: 'unavailable',
      [ATTR.delaySource]: 'backoff',
    });
    expect(a3?.attributes).toMatchObject({ [ATTR.resendCount]: 2 });
    expect(a3?.attributes[ATTR.errorType]).toBeUndefined();
    expect(a1?.status.code).toBe(2); // ERROR
  });

  it('a stop: a 404 is not retried; the decision and its reason are on the attempt and the call', async () => {
    const f = createFetch({ adapter: upyun, retry: { ...FAST, telemetry: otelTelemetry({ tracer }) } });
    await expect(f(`${sim.url}/upyun/bucket/x`, { headers: { 'x-simulate-code': '40400001' } })).rejects.toMatchObject({
      kind: 'not-found',
    });
    const spans = exporter.getFinishedSpans();
    expect(spans).toHaveLength(2);
    const [a1] = attempts(spans);
    expect(a1?.attributes).toMatchObject({
      [ATTR.decision]: 'stop',
      [ATTR.reason]: 'not-retryable',
      [ATTR.errorType]: 'not-found',
    });
    const call = spans.find((s) => s.name === 'vendor-errors upyun');
    expect(call?.attributes).toMatchObject({ [ATTR.reason]: 'not-retryable', [ATTR.errorType]: 'not-found' });
    expect(call?.status.code).toBe(2);
  });

  it('an abort ends both spans with the abort, not a vendor kind; credentials never reach a span', async () => {
    const f = createFetch({ adapter: upyun, retry: { ...FAST, telemetry: otelTelemetry({ tracer }) } });
    const ac = new AbortController();
    sim.scenario('api-switch', { latencyMs: 5000 });
    const p = f(`${sim.url}/api-switch/slow?token=SECRETabc`, { signal: ac.signal });
    setTimeout(() => ac.abort(), 20);
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
    const spans = exporter.getFinishedSpans();
    expect(spans).toHaveLength(2);
    for (const s of spans) {
      expect(s.attributes[ATTR.errorType]).toBe('AbortError');
      expect(JSON.stringify({ a: s.attributes, st: s.status, e: s.events })).not.toContain('SECRET');
    }
    sim.scenario('api-switch', undefined);
  });
});

describe('with a pacer', () => {
  it('a pacer hold is an event on the attempt span; its changes are spans of their own', async () => {
    const pacer = createPacer({ onChange: otelPacerChanges({ tracer }) });
    try {
      const f = createFetch({ adapter: upyun, retry: { ...FAST, pacer, telemetry: otelTelemetry({ tracer }) } });
      const res = await f(`${sim.url}/upyun/bucket/paced`);
      expect(res.status).toBe(200);
      const spans = exporter.getFinishedSpans();
      const held = attempts(spans).flatMap((s) => s.events.filter((e) => e.name === 'vendor_errors.pacer.wait'));
      // The 429's 20 ms retry-after-ms paused the key: the second attempt waited for the pacer.
      expect(held.length).toBeGreaterThan(0);
      expect(Number(held[0]?.attributes?.[ATTR.pacedMs])).toBeGreaterThan(0);
      expect(attempts(spans)[0]?.attributes[ATTR.delaySource]).toBe('pacer');
      const changes = spans.filter((s) => s.name.startsWith('vendor-errors pacer '));
      expect(changes.length).toBeGreaterThan(0);
      expect(changes[0]?.attributes).toMatchObject({ [ATTR.pacerKey]: expect.stringContaining('upyun') });
      expect(changes.map((c) => c.attributes[ATTR.pacerReason])).toContain('pause');
    } finally {
      pacer.close?.();
    }
  });
});

describe('the hook itself', () => {
  it('a tracer that throws everywhere never fails or changes a call', async () => {
    const boom = () => {
      throw new Error('broken tracer');
    };
    const brokenSpan = new Proxy({}, { get: () => boom });
    let starts = 0;
    const broken = {
      startSpan: () => (++starts % 2 === 0 ? boom() : brokenSpan),
      startActiveSpan: boom,
    } as never;
    const f = createFetch({ adapter: upyun, retry: { ...FAST, telemetry: otelTelemetry({ tracer: broken }) } });
    for (const path of ['broken-a', 'broken-b']) expect((await f(`${sim.url}/upyun/bucket/${path}`)).status).toBe(200);
    await expect(f(`${sim.url}/upyun/bucket/x`, { headers: { 'x-simulate-code': '40400001' } })).rejects.toMatchObject({
      kind: 'not-found',
    });
    expect(starts).toBeGreaterThan(2);
  });

  it('like onRetry, a hand-made observer that throws fails the call with its error', async () => {
    const telemetry: RetryTelemetry = {
      start: () => ({
        attempt: () => {
          throw new Error('observer bug');
        },
        failed: () => undefined,
        succeeded: () => undefined,
        ended: () => undefined,
      }),
    };
    await expect(retry(() => 'x', { telemetry })).rejects.toThrow('observer bug');
  });

  it('a bad telemetry option is a TypeError naming it', () => {
    expect(() => createFetch({ adapter: upyun, retry: { telemetry: {} as never } })).toThrow(/telemetry/);
    expect(() => otelTelemetry({ tracer: {} as never })).toThrow(/tracer/);
  });

  it('calls run in order: attempt, failed (retry), attempt, succeeded', async () => {
    const seen: string[] = [];
    const telemetry: RetryTelemetry = {
      start: ({ vendor }) => {
        seen.push(`start ${vendor}`);
        return {
          attempt: (n, paced) => seen.push(`attempt ${n} ${paced}`),
          failed: (n, e, d) => seen.push(`failed ${n} ${e.kind} ${d.retried ? 'retry' : d.reason}`),
          succeeded: () => seen.push('succeeded'),
          ended: () => seen.push('ended'),
        };
      },
    };
    const f = createFetch({ adapter: upyun, retry: { ...FAST, telemetry } });
    await f(`${sim.url}/upyun/bucket/order`);
    expect(seen).toEqual([
      'start upyun',
      'attempt 1 0',
      'failed 1 rate-limited retry',
      'attempt 2 0',
      'failed 2 unavailable retry',
      'attempt 3 0',
      'succeeded',
    ]);
  });
});
