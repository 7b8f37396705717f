/**
 * The simulator's wire dialects: MFP's message shapes across protocol versions
 * (test/fixtures/vendor-docs/README.md § MFP), each the inverse of the parser for every catalog row,
 * each with exactly the keys the README lists, and usable end to end over the real WebSocket.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { responders } from '../../adapters/responders.js';
import type { CatalogEntry } from '../../src/core/catalog.js';
import { codeKey } from '../../src/core/wire.js';
import { normalize, RateLimitError } from '../../src/index.js';
import {
  createSimulatorCore,
  mulberry32,
  type RespondContext,
  startVendorSimulator,
  type VendorSimulator,
} from '../../src/testing/index.js';
import { MfpClient } from '../../examples/mfp-ws.ts';
import { adapter, manualClock } from './helpers.js';
import { mfpDocs } from '../../adapters/mfp/docs.js';
import { englishOf } from '../../src/core/catalog-docs.js';

const mfp = adapter('mfp');
const responder = responders.mfp!;
const DIALECTS = responder.dialects ?? [];

function ctx(dialect: string, extra: Partial<RespondContext> = {}): RespondContext {
  return {
    random: mulberry32(3),
    now: 1_700_000_000_000,
    method: 'get_instance',
    path: 'get_instance',
    id: 'req-7',
    dialect,
    ...extra,
  };
}

/** The README's keys of a failure message in each shape, in the order the vendor sends them. */
const FAILURE_KEYS: Record<string, string[]> = {
  daemon: ['status', 'retcode', 'data', 'message', 'id'],
  v1: ['status', 'retcode', 'data', 'message', 'echo'],
  'v1-nested': ['status', 'data', 'message', 'echo'],
  pascal: ['Status', 'Retcode', 'Data', 'Message', 'Id'],
  draft: ['id', 'error'],
  'json-rpc': ['jsonrpc', 'id', 'error'],
};

/** Codes with two rows (21101, 21102): only a message can say which one was meant. */
const reused = new Set(mfp.catalog.entries.map((e) => codeKey(e.code)).filter((k, i, all) => all.indexOf(k) !== i));

describe('MFP responder dialects', () => {
  it('lists every shape README § MFP names, the daemon first', () => {
    expect(DIALECTS).toEqual(['daemon', 'v1', 'v1-nested', 'pascal', 'draft', 'json-rpc']);
    expect(Object.keys(FAILURE_KEYS).sort()).toEqual([...DIALECTS].sort());
  });

  it('answers in the daemon shape when no dialect is given', () => {
    const entry = mfp.catalog.lookup(10005)[0]!;
    expect(responder.respond(entry, ctx('daemon')).body).toBe(
      responder.respond(entry, { ...ctx('daemon'), dialect: undefined }).body,
    );
  });

  describe.each(DIALECTS)('%s', (dialect) => {
    it.each(mfp.catalog.entries.map((e, i) => [`${e.code} ${e.name} #${i}`, e] as const))(
      'row %s reads back as its code, kind, retry class and request id',
      (_label, entry: CatalogEntry) => {
        const res = responder.respond(entry, ctx(dialect));
        expect(res.status).toBeUndefined();
        const frame = JSON.parse(res.body) as Record<string, unknown>;
        expect(Object.keys(frame)).toEqual(FAILURE_KEYS[dialect]);
        const err = normalize(mfp, { body: res.body });
        expect(err, res.body).toBeDefined();
        expect(codeKey(err!.code!)).toBe(codeKey(entry.code));
        expect(err!.kind).toBe(entry.kind);
        expect(err!.retry).toBe(entry.retry);
        expect(err!.requestId).toBe('req-7');
        // The draft sends no message, so a reused code cannot be told apart there.
        if (dialect !== 'draft' || !reused.has(codeKey(entry.code))) expect(err!.codeName).toBe(entry.name);
      },
    );

    it('a success is no error and carries the request id', () => {
      const res = responder.success(ctx(dialect));
      expect(normalize(mfp, { body: res.body })).toBeUndefined();
      const frame = JSON.parse(res.body) as Record<string, unknown>;
      expect([frame.id, frame.echo, frame.Id].filter((v) => v !== undefined)).toEqual(['req-7']);
    });
  });

  it('json-rpc puts code, message and data in the error object (JSON-RPC 2.0 §5.1)', () => {
    const entry = mfp.catalog.lookup(10005)[0]!;
    expect(JSON.parse(responder.respond(entry, ctx('json-rpc')).body)).toEqual({
      jsonrpc: '2.0',
      id: 'req-7',
      error: { code: 10005, message: englishOf(mfpDocs, mfp.catalog, entry), data: null },
    });
  });

  it("v1-nested carries the retcode inside data, as README's one v1 example does", () => {
    const frame = JSON.parse(responder.respond(mfp.catalog.lookup(30001)[0]!, ctx('v1-nested')).body);
    expect(frame).toMatchObject({ status: 'error', data: { retcode: 30001 }, echo: 'req-7' });
  });
});

describe('the core with a dialect', () => {
  it('a frame the draft daemon cannot read is echoed back without an id', () => {
    const core = createSimulatorCore({ clock: manualClock().now, scenarios: { mfp: { dialect: 'draft' } } });
    const r = core.handleMessage('mfp', 'not json at all');
    expect(r.reason).toBe('bad-request');
    expect(JSON.parse(r.body)).toEqual({ error: 10001, request: 'not json at all' });
    const err = normalize(mfp, { body: r.body });
    expect(err).toMatchObject({ code: 10001, kind: 'invalid-request', requestId: undefined });
  });

  it('rate limits, scripts and forced codes all answer in the dialect', () => {
    const clock = manualClock();
    const core = createSimulatorCore({
      clock: clock.now,
      scenarios: { mfp: { dialect: 'pascal', script: [{ code: 10004 }], rateLimit: { perSecond: 1, burst: 1 } } },
    });
    const frame = (action: string, params: object = {}) =>
      JSON.parse(core.handleMessage('mfp', JSON.stringify({ action, params, id: `id-${action}` })).body);
    expect(frame('a')).toMatchObject({ Status: 'error', Retcode: 10004, Id: 'id-a' });
    expect(frame('b')).toMatchObject({ Status: 'ok', Retcode: 0, Id: 'id-b' });
    expect(frame('c')).toMatchObject({ Status: 'error', Retcode: 10005, Id: 'id-c' });
    expect(frame('d', { simulate_code: 30001 })).toMatchObject({ Retcode: 30001, Id: 'id-d' });
  });

  it('rejects a dialect the vendor does not have, naming the option and the choices', () => {
    const core = createSimulatorCore();
    expect(() => core.scenario('mfp', { dialect: 'v3' })).toThrow(
      /mfp: dialect must be one of 'daemon', 'v1', 'v1-nested', 'pascal', 'draft', 'json-rpc'/,
    );
    expect(() => core.scenario('upyun', { dialect: 'daemon' })).toThrow(/upyun: dialect: this vendor answers in one shape only/);
    expect(() => createSimulatorCore({ scenarios: { mfp: { dialect: 42 as unknown as string } } })).toThrow(TypeError);
  });
});

describe('end to end over the real WebSocket', () => {
  const TOKEN = 'mfp-dialect-token-31b7';
  let sim: VendorSimulator;
  beforeAll(async () => {
    sim = await startVendorSimulator({ mfpToken: TOKEN });
  });
  afterAll(async () => {
    await sim.close();
  });

  it.each(DIALECTS)('%s: a rate limit is retried, then the answer resolves with its payload', async (dialect) => {
    sim.reset();
    sim.scenario('mfp', { dialect, script: [{ code: 10005 }, 'ok'] });
    const errors: unknown[] = [];
    const client = await MfpClient.connect({
      url: sim.wsUrl,
      token: TOKEN,
      retry: { retries: 2, baseDelayMs: 1, rateLimitBaseDelayMs: 1, maxDelayMs: 5, onRetry: (info) => errors.push(info.error) },
    });
    try {
      // v1-nested's success keeps its `retcode: 0` inside the payload, as that shape does.
      await expect(client.listInstances()).resolves.toEqual(dialect === 'v1-nested' ? { retcode: 0 } : {});
      expect(errors).toHaveLength(1);
      expect(errors[0]).toBeInstanceOf(RateLimitError);
      expect(errors[0]).toMatchObject({ code: 10005, vendor: 'mfp' });
      expect(sim.stats.vendor('mfp').total).toBe(2);
    } finally {
      client.close();
    }
  });
});
