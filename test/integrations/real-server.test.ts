/**
 * The same requests through every client against real sockets on 127.0.0.1: the vendor
 * simulator from src/testing for vendor answers, and a bare node:http server for failures that
 * have no answer (reset, refused, no response in time).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  InternalServerError,
  isVendorError,
  NetworkError,
  RateLimitError,
  TimeoutError,
  type VendorError,
} from '../../src/errors/index.js';
import { baiduPcs, netease, upyun } from '../../adapters/index.js';
import { startVendorSimulator, type VendorSimulator } from '../../src/testing/index.js';
import { CLIENTS, type ClientCall, type ClientOptions } from './clients.js';

async function rejection(p: Promise<unknown>): Promise<VendorError> {
  const error = await p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
  if (!isVendorError(error)) throw error;
  return error;
}

interface Summary {
  readonly name: string;
  readonly code: number | string | undefined;
  readonly status: number | undefined;
  readonly requestId: string | undefined;
  readonly attempts: number | undefined;
  readonly reason: string | undefined;
  readonly hits: number;
}

function summary(err: VendorError, hits: number): Summary {
  return {
    name: err.name,
    code: err.code,
    status: err.status,
    requestId: err.requestId,
    attempts: err.attempts?.length,
    reason: err.retryDecision?.reason,
    hits,
  };
}

describe('against the vendor simulator (node:http on 127.0.0.1)', () => {
  let sim: VendorSimulator;
  beforeAll(async () => {
    sim = await startVendorSimulator({ seed: 42, scenarios: { 'baidu-pcs': { errorIn200: 1 } } });
  });
  afterAll(() => sim.close());

  const retry = { retries: 2, random: () => 0 } as const;

  interface Case {
    readonly title: string;
    readonly vendor: string;
    readonly options: ClientOptions;
    readonly call: (base: string) => ClientCall;
    readonly check: (err: VendorError) => void;
  }

  const cases: Case[] = [
    {
      title: 'UpYun 429 42900001 on a POST: retried until retries run out',
      vendor: 'upyun',
      options: { adapter: upyun, retry },
      call: (base) => ({
        method: 'POST',
        url: `${base}/upyun/bucket/a.txt`,
        body: 'hello',
        headers: { 'x-simulate-code': '42900001' },
      }),
      check: (err) => {
        expect(err).toBeInstanceOf(RateLimitError);
        expect(err).toMatchObject({ code: 42900001, status: 429 });
        expect(err.requestId).toMatch(/^[0-9a-f]{32}$/);
        expect(err.retryDecision?.reason).toBe('attempts-exhausted');
        expect(err.attempts).toHaveLength(3);
      },
    },
    {
      title: 'Baidu 31219 inside a 200 on a GET: a rate limit, retried; exact request id; token redacted',
      vendor: 'baidu-pcs',
      options: { adapter: baiduPcs, retry },
      call: (base) => ({
        method: 'GET',
        url: `${base}/baidu-pcs/rest/2.0/pcs/file?method=list&access_token=very-secret-token`,
        headers: { 'x-simulate-code': '31219' },
      }),
      check: (err) => {
        expect(err).toBeInstanceOf(RateLimitError);
        expect(err).toMatchObject({ code: 31219, status: 200 });
        expect(err.requestId).toMatch(/^\d{19}$/);
        expect(err.attempts).toHaveLength(3);
        expect(err.url).not.toContain('very-secret-token');
        expect(JSON.stringify(err)).not.toContain('very-secret-token');
      },
    },
    {
      title: 'NetEase 500 5000007 on a POST: not idempotent, one attempt',
      vendor: 'netease',
      options: { adapter: netease, retry },
      call: (base) => ({
        method: 'POST',
        url: `${base}/netease/api/v1/apps`,
        body: '{}',
        headers: { 'x-simulate-code': '5000007' },
      }),
      check: (err) => {
        expect(err).toBeInstanceOf(InternalServerError);
        expect(err).toMatchObject({ code: 5000007, status: 500 });
        expect(err.retryDecision?.reason).toBe('not-idempotent');
        expect(err.attempts).toHaveLength(1);
      },
    },
  ];

  describe.each(cases)('$title', (c) => {
    const seen: Summary[] = [];
    it.each(CLIENTS)('through $name', async (kind) => {
      // A reset replays the simulator's random streams, so every client sees the same request ids.
      sim.reset();
      const err = await rejection(kind.make(c.options).send(c.call(sim.url)));
      c.check(err);
      const s = summary(err, sim.stats.vendor(c.vendor).total);
      expect(s.hits).toBe(s.attempts);
      seen.push(s);
    });
    it('gives the same error and the same retries through every client', () => {
      expect(seen).toHaveLength(CLIENTS.length);
      for (const s of seen) expect(s).toEqual(seen[0]);
    });
  });

  it.each(CLIENTS)('$name: a success resolves with a readable body', async (kind) => {
    const res = await kind.make({ adapter: upyun }).send({ method: 'GET', url: `${sim.url}/upyun/bucket/` });
    expect(res).toEqual({ status: 200, data: { files: [] } });
  });
});

describe('failures without a response (node:http on 127.0.0.1)', () => {
  let server: Server;
  let base: string;
  let refusedBase: string;
  let hits = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      hits++;
      if (req.url?.startsWith('/reset')) req.socket.destroy();
      // /hang never answers; /stall sends its headers and then nothing.
      else if (req.url?.startsWith('/stall')) res.writeHead(200, { 'content-type': 'application/json' }).flushHeaders();
      else if (req.url?.startsWith('/hang')) return;
      else res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // A port that was just free and is closed again: connecting to it is refused.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    refusedBase = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const retry = { retries: 1, random: () => 0 } as const;

  it.each(CLIENTS)('$name: a reset connection is a NetworkError with its cause, retried for a GET', async (kind) => {
    hits = 0;
    const err = await rejection(kind.make({ adapter: upyun, retry }).send({ method: 'GET', url: `${base}/reset` }));
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.cause).toBeDefined();
    expect(err.attempts).toHaveLength(2);
    expect(hits).toBe(2);
  });

  it.each(CLIENTS)('$name: a refused connection is a NetworkError naming ECONNREFUSED', async (kind) => {
    const err = await rejection(kind.make({ adapter: upyun, retry: false }).send({ method: 'GET', url: `${refusedBase}/x` }));
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.cause).toBeDefined();
    expect(err.message).toContain('ECONNREFUSED');
  });

  it.each(CLIENTS)('$name: a client timeout is a TimeoutError with its cause', async (kind) => {
    hits = 0;
    const err = await rejection(
      kind.make({ adapter: upyun, retry }).send({ method: 'GET', url: `${base}/hang`, timeoutMs: 150 }),
    );
    expect(err).toBeInstanceOf(TimeoutError);
    expect(err.kind).toBe('timeout');
    expect(err.cause).toBeDefined();
    // axios times out each attempt; ky's timeout and a fetch signal bound the whole call.
    expect(hits).toBe(kind.name === 'axios' ? 2 : 1);
  });

  // axios reports a timeout that strikes while the body is read as "stream has been aborted"
  // (ERR_BAD_RESPONSE, with the 200 response attached): a broken transfer, not a vendor answer.
  it('axios: a body that stalls after its 200 headers is a NetworkError, not a success or a vendor error', async () => {
    hits = 0;
    const client = CLIENTS.find((k) => k.name === 'axios')!.make({ adapter: upyun, retry });
    const err = await rejection(client.send({ method: 'GET', url: `${base}/stall`, timeoutMs: 150 }));
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.status).toBeUndefined();
    expect(hits).toBe(2);
  });
});
