/**
 * A 413 with a Retry-After is temporary (RFC 9110 §15.5.14): fetch, axios, ky 1 and ky 2 against a
 * real 127.0.0.1 server retry it after the hint for an idempotent request, send a POST once, and
 * never retry a 413 without the hint.
 */
import axios from 'axios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upyun } from '../../adapters/index.js';
import { PayloadTooLargeError } from '../../src/errors/index.js';
import { withVendorErrors } from '../../src/integrations/axios/index.js';
import { createFetch } from '../../src/integrations/fetch.js';
import { vendorErrors } from '../../src/integrations/ky/index.js';
import { FAST_RETRY, KYS, type LocalServer, startLocalServer, vendorRejection } from './local-server.js';

const BODY_413 = '{"msg":"request entity too large"}';
const retry = { ...FAST_RETRY, pacer: false as const };

let server: LocalServer;
beforeAll(async () => {
  server = await startLocalServer();
});
afterAll(() => server.close());

/** 413 for the first request (with `Retry-After: 0` when `hint`), then 200. */
function tooLargeOnce(hint: boolean): void {
  server.hits = 0;
  server.handle((_req, res) => {
    if (server.hits === 1) {
      res.writeHead(413, { 'content-type': 'application/json', ...(hint ? { 'retry-after': '0' } : {}) });
      res.end(BODY_413);
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  });
}

type Send = (url: string, method: 'PUT' | 'POST') => Promise<unknown>;
const clients: [string, Send][] = [
  ['fetch', async (url, method) => (await createFetch({ adapter: upyun, retry })(url, { method, body: 'x' })).json()],
  [
    'axios',
    async (url, method) =>
      (await withVendorErrors(axios.create(), { adapter: upyun, retry }).request({ url, method, data: 'x' })).data,
  ],
  ...KYS.map(([name, lib]): [string, Send] => [
    name,
    (url, method) =>
      lib
        .create(vendorErrors({ adapter: upyun, retry }))(url, { method, body: 'x' })
        .json(),
  ]),
];

describe.each(clients)('%s: 413 + Retry-After', (_name, send) => {
  it('a PUT is sent again after the hint and succeeds', async () => {
    tooLargeOnce(true);
    expect(await send(`${server.url}/put`, 'PUT')).toEqual({ ok: true });
    expect(server.hits).toBe(2);
  });

  it('a POST is sent once: the 413 comes back as PayloadTooLargeError', async () => {
    tooLargeOnce(true);
    const err = await vendorRejection(send(`${server.url}/post`, 'POST'));
    expect(err).toBeInstanceOf(PayloadTooLargeError);
    expect(server.hits).toBe(1);
  });

  it('without a Retry-After a PUT is sent once', async () => {
    tooLargeOnce(false);
    const err = await vendorRejection(send(`${server.url}/put`, 'PUT'));
    expect(err).toBeInstanceOf(PayloadTooLargeError);
    expect(server.hits).toBe(1);
  });
});
