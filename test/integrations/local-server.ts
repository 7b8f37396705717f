/** A bare node:http server on 127.0.0.1 port 0 whose handler each test sets, and a hit counter. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import ky from 'ky';
import ky2 from 'ky2';
import { isVendorError, type VendorError } from '../../src/errors/index.js';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface LocalServer {
  readonly url: string;
  hits: number;
  handle(handler: Handler): void;
  close(): Promise<void>;
}

export async function startLocalServer(): Promise<LocalServer> {
  let handler: Handler = (_req, res) => res.end('ok');
  const open = new Set<ServerResponse>();
  const state = {
    url: '',
    hits: 0,
    handle(h: Handler) {
      handler = h;
    },
    close(): Promise<void> {
      for (const res of open) res.destroy();
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server: Server = createServer((req, res) => {
    state.hits++;
    open.add(res);
    res.on('close', () => open.delete(res));
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}

/** The rejection of `p`, which must be a VendorError. */
export async function vendorRejection(p: Promise<unknown>): Promise<VendorError> {
  const error = await p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
  if (!isVendorError(error)) throw error;
  return error;
}

/** ky 1 and ky 2 under one type: at run time both take the same options. */
/** Retry timing for these tests: 1–2 ms between attempts, no jitter. */
export const FAST_RETRY = { baseDelayMs: 1, maxDelayMs: 2, random: () => 0 };

/** UpYun's 503 body, as the vendor sends it. */
export const UPYUN_503 = '{"msg":"service unavailable","code":50300000,"id":"r-503"}';

export const KYS = [
  ['ky1', ky],
  ['ky2', ky2 as unknown as typeof ky],
] as const;
