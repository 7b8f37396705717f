/**
 * Issue 11: network failures split by whether the vendor can have seen the request, through
 * fetch, ky 1 and ky 2 against real sockets on 127.0.0.1. Refused, DNS and TLS failures happen
 * before the request is written: a POST is retried (`safe`). A reset after the request was read
 * is retried for idempotent requests only. The client's code is on `clientCode`.
 */
import { createServer as createHttpServer } from 'node:http';
import { createServer as createTcpServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upyun } from '../../adapters/index.js';
import { NetworkError } from '../../src/errors/index.js';
import { createFetch } from '../../src/integrations/fetch.js';
import { vendorErrors } from '../../src/integrations/ky/index.js';
import type { FetchLike } from '../../src/integrations/shared/fetch.js';
import { KYS, vendorRejection } from './local-server.js';

const retry = { retries: 2, baseDelayMs: 1, maxDelayMs: 2, random: () => 0 };

function listen(server: Server | ReturnType<typeof createHttpServer>): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

let closedPort = 0;
let resetPort = 0;
let tlsPort = 0;
let resetHits = 0;
let tlsHits = 0;
const servers: { close(cb: () => void): void }[] = [];

beforeAll(async () => {
  // A port that was just free and is closed again: connect() is refused.
  const probe = createTcpServer();
  closedPort = await listen(probe);
  await new Promise<void>((r) => probe.close(() => r()));
  // Reads the whole request, then destroys the socket without an answer.
  const reset = createHttpServer((req, res) => {
    resetHits++;
    req.resume();
    req.on('end', () => res.socket?.destroy());
  });
  resetPort = await listen(reset);
  // Plain TCP answering garbage to a TLS ClientHello.
  const garbage = createTcpServer((socket) => {
    tlsHits++;
    socket.once('data', () => socket.end('HTTP/1.1 400 not tls\r\n\r\n'));
  });
  tlsPort = await listen(garbage);
  servers.push(reset, garbage);
});
afterAll(async () => {
  for (const s of servers) await new Promise<void>((r) => s.close(() => r()));
});

/** A fetch whose DNS lookup fails as undici reports it (no packet leaves the machine). */
const nxdomain: FetchLike = async () => {
  const cause = Object.assign(new Error('getaddrinfo ENOTFOUND api.vendor.invalid'), {
    code: 'ENOTFOUND',
    syscall: 'getaddrinfo',
    hostname: 'api.vendor.invalid',
  });
  throw new TypeError('fetch failed', { cause });
};

type Post = (url: string, fetch?: FetchLike) => Promise<unknown>;
const clients: [string, Post][] = [
  ['fetch', (url, fetch) => createFetch({ adapter: upyun, retry, fetch })(url, { method: 'POST', body: 'x' })],
  ...KYS.map(
    ([name, lib]) =>
      [
        name,
        (url: string, fetch?: FetchLike) => lib.create(vendorErrors({ adapter: upyun, retry, fetch })).post(url, { body: 'x' }),
      ] as [string, Post],
  ),
];

describe.each(clients)('%s', (_name, post) => {
  it('a refused connection is retried even for a POST, with clientCode ECONNREFUSED', async () => {
    const err = await vendorRejection(post(`http://127.0.0.1:${closedPort}/x`));
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.clientCode).toBe('ECONNREFUSED');
    expect(err.attempts).toHaveLength(3);
    expect(err.retryDecision?.reason).toBe('attempts-exhausted');
  });

  it('a DNS failure (ENOTFOUND) is retried even for a POST', async () => {
    const err = await vendorRejection(post('http://api.vendor.invalid/x', nxdomain));
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.clientCode).toBe('ENOTFOUND');
    expect(err.attempts).toHaveLength(3);
  });

  it('a TLS failure before the request was written is retried even for a POST', async () => {
    tlsHits = 0;
    const err = await vendorRejection(post(`https://127.0.0.1:${tlsPort}/x`));
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.clientCode).toMatch(/SSL|TLS|EPROTO/);
    expect(err.attempts).toHaveLength(3);
    expect(tlsHits).toBe(3);
  });

  it('a reset after the request was read is not retried for a POST (the vendor may have acted)', async () => {
    resetHits = 0;
    const err = await vendorRejection(post(`http://127.0.0.1:${resetPort}/x`));
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.clientCode).toBeDefined();
    expect(err.retryDecision?.reason).toBe('not-idempotent');
    expect(resetHits).toBe(1);
  });
});
