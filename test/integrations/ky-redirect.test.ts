/**
 * A 3xx without `Location` over a real socket (127.0.0.1): fetch does not follow it and the
 * integration's loop lets it through as no failure, so ky's `throwHttpErrors` rejects with its
 * own `HTTPError`. The integration must still reject with a `VendorError`: the kind the status
 * implies (`UnknownVendorError` for a 3xx), with ky's error as cause.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import ky from 'ky';
import ky2 from 'ky2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baiduPcs, upyun } from '../../adapters/index.js';
import { isVendorError, UnknownVendorError, type VendorError } from '../../src/errors/index.js';
import { vendorErrors } from '../../src/integrations/ky/index.js';

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const status = Number((req.url ?? '').split('/')[1]);
    res.writeHead(status, { 'content-type': 'text/plain' });
    res.end(status === 304 ? undefined : 'moved');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe.each([
  ['ky1', ky],
  ['ky2', ky2 as unknown as typeof ky],
] as const)('%s', (_name, lib) => {
  it.each([300, 301, 302, 303, 307, 308, 399])('a %i without Location rejects with an UnknownVendorError', async (status) => {
    for (const adapter of [upyun, baiduPcs]) {
      const url = `${base}/${status}/thing`;
      const error = await lib
        .create(vendorErrors({ adapter, retry: false }))
        .get(url)
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(isVendorError(error)).toBe(true);
      const err = error as VendorError;
      expect(err).toBeInstanceOf(UnknownVendorError);
      expect(err).toMatchObject({ kind: 'unknown', vendor: adapter.name, status, method: 'GET', url });
      expect(err.message).toBe(`${adapter.displayName}: HTTP ${status} rejected by ky`);
      expect((err.cause as Error).name).toBe('HTTPError');
    }
  });

  it('a 304 (no body) is not a client error either', async () => {
    const outcome = await lib
      .create(vendorErrors({ adapter: upyun, retry: false }))
      .get(`${base}/304/thing`)
      .then(
        (res) => res.status,
        (e: unknown) => e,
      );
    if (typeof outcome !== 'number') expect(isVendorError(outcome)).toBe(true);
  });
});
