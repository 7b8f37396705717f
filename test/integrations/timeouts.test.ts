/**
 * Issue 11, items 3 and "one per-attempt timeout": an error body that stalls after its headers
 * settles with its status, and `attemptTimeoutMs` bounds each attempt the same way in ky 1, ky 2
 * and fetch, against a real server on 127.0.0.1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upyun } from '../../adapters/index.js';
import { ServiceUnavailableError, TimeoutError } from '../../src/errors/index.js';
import { createFetch } from '../../src/integrations/fetch.js';
import { vendorErrors } from '../../src/integrations/ky/index.js';
import { KYS, type LocalServer, startLocalServer, vendorRejection } from './local-server.js';

let server: LocalServer;
beforeAll(async () => {
  server = await startLocalServer();
});
afterAll(() => server.close());

/** A 503 whose headers go out at once and whose body never ends (until the test lets it). */
function stallBody(): { release(): void } {
  const held: (() => void)[] = [];
  server.handle((_req, res) => {
    res.writeHead(503, { 'content-type': 'application/json' });
    res.write('{"code": 50');
    held.push(() => res.end('3}'));
  });
  return {
    release: () => {
      for (const f of held.splice(0)) f();
    },
  };
}

type Send = (url: string, method?: string) => Promise<unknown>;

const senders: [string, (retry: { retries: number; attemptTimeoutMs?: number } | false, timeout?: number | false) => Send][] = [
  ...KYS.map(
    ([name, lib]) =>
      [
        name,
        (retry: { retries: number; attemptTimeoutMs?: number } | false, timeout?: number | false) => {
          const api = lib.create(vendorErrors({ adapter: upyun, retry }));
          return (url: string, method = 'GET') => api(url, { method, ...(timeout === undefined ? {} : { timeout }) });
        },
      ] as [string, (retry: { retries: number; attemptTimeoutMs?: number } | false, timeout?: number | false) => Send],
  ),
  [
    'fetch',
    (retry) => {
      const f = createFetch({ adapter: upyun, retry });
      return (url: string, method = 'GET') => f(url, { method });
    },
  ],
];

describe.each(senders)('%s', (name, make) => {
  it('a 503 whose body stalls rejects with its status while the body is still held open', async () => {
    const stall = stallBody();
    const send = make(false, name === 'fetch' ? undefined : false);
    const error = await vendorRejection(send(`${server.url}/stall`));
    // The server has not ended the body: the error was settled without it.
    stall.release();
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error.status).toBe(503);
  });

  it('with ky timeout/retries on, the stalled 503 is retried as a 503, not a TimeoutError', async () => {
    const stall = stallBody();
    server.hits = 0;
    const send = make({ retries: 1, attemptTimeoutMs: 60_000 }, name === 'fetch' ? undefined : 60_000);
    const error = await vendorRejection(send(`${server.url}/stall`));
    stall.release();
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error.attempts?.map((a) => a.status)).toEqual([503, 503]);
    expect(server.hits).toBe(2);
  });

  it('attemptTimeoutMs: an attempt without headers times out, is retried for GET, and the call ends as a TimeoutError', async () => {
    server.handle(() => {
      // never answers; the server closes the socket at the end of the suite
    });
    server.hits = 0;
    const send = make({ retries: 2, attemptTimeoutMs: 50 });
    const error = await vendorRejection(send(`${server.url}/hang`));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toMatch(/attemptTimeoutMs/);
    expect(error.attempts?.map((a) => a.kind)).toEqual(['timeout', 'timeout', 'timeout']);
    expect(server.hits).toBe(3);
  });

  it('attemptTimeoutMs: a timed-out POST is not retried (the vendor may have acted on it)', async () => {
    server.handle(() => {});
    server.hits = 0;
    const send = make({ retries: 2, attemptTimeoutMs: 50 });
    const error = await vendorRejection(send(`${server.url}/hang`, 'POST'));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.attempts).toHaveLength(1);
    expect(server.hits).toBe(1);
  });

  it('a first attempt that hangs is raced and let go; the retries, and the next calls of that client, are aborted', async () => {
    // shared/timed-attempt.ts: a healthy client's first attempts carry no controller of ours.
    const open: boolean[] = [];
    server.handle((req) => {
      const i = open.push(true) - 1;
      req.socket.once('close', () => {
        open[i] = false;
      });
    });
    const send = make({ retries: 1, attemptTimeoutMs: 60 });
    const first = await vendorRejection(send(`${server.url}/hang-1`));
    expect(first).toBeInstanceOf(TimeoutError);
    expect(first.attempts?.map((a) => a.kind)).toEqual(['timeout', 'timeout']);
    const second = await vendorRejection(send(`${server.url}/hang-2`));
    expect(second.attempts?.map((a) => a.kind)).toEqual(['timeout', 'timeout']);
    await expect.poll(() => open.filter((o) => !o).length, { timeout: 2000 }).toBe(3);
    // The raced first attempt's connection is the one left open (until the server or undici closes it).
    expect(open).toEqual([true, false, false, false]);
  });

  it('attemptTimeoutMs does not cut a success body read after the headers', async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('a');
      setTimeout(() => res.end('b'), 900);
    });
    // 300 ms to the headers (50 ms was missed by a loaded machine), the body three times that.
    const send = make({ retries: 0, attemptTimeoutMs: 300 });
    const res = (await send(`${server.url}/slow-body`)) as Response;
    expect(await res.text()).toBe('ab');
  });
});
