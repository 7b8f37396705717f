/**
 * The three client integrations behind one call shape, plus a scripted local HTTP server
 * (127.0.0.1, port 0) whose every answer a test decides. Used by the integration properties,
 * the secret scans and the concurrency runs.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Adapter, RetryOptions } from '../../src/index.js';

/** One scripted answer. */
export interface Answer {
  readonly status: number;
  /** Header pairs; a name given twice is sent twice. */
  readonly headers?: readonly (readonly [string, string])[];
  readonly body?: string | Uint8Array;
}

export interface ScriptedServer {
  readonly origin: string;
  /** Registers an answer and returns the path that serves it. */
  answer(answer: Answer | ((req: IncomingMessage, res: ServerResponse) => void)): string;
  /** What the last request to a path carried. */
  seen(path: string): IncomingMessage | undefined;
  close(): Promise<void>;
}

export async function startScriptedServer(): Promise<ScriptedServer> {
  const answers = new Map<string, Answer | ((req: IncomingMessage, res: ServerResponse) => void)>();
  const seen = new Map<string, IncomingMessage>();
  const sockets = new Set<import('node:net').Socket>();
  let next = 0;
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    seen.set(path, req);
    const a = answers.get(path);
    if (!a) {
      res.writeHead(404).end();
      return;
    }
    if (typeof a === 'function') {
      a(req, res);
      return;
    }
    const grouped = new Map<string, string[]>();
    for (const [k, v] of a.headers ?? []) grouped.set(k, [...(grouped.get(k) ?? []), v]);
    try {
      for (const [k, v] of grouped) res.setHeader(k, v.length === 1 ? v[0]! : v);
      res.writeHead(a.status);
    } catch {
      // A header Node refuses to send: answer without headers (the status still counts).
      for (const k of grouped.keys()) res.removeHeader(k);
      res.writeHead(a.status);
    }
    res.end(a.body === undefined ? undefined : typeof a.body === 'string' ? a.body : Buffer.from(a.body));
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    answer(a) {
      const path = `/case/${++next}`;
      answers.set(path, a);
      return path;
    },
    seen: (path) => seen.get(path),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export interface CallOptions {
  readonly adapter: Adapter;
  readonly retry?: RetryOptions | false;
  readonly maxBodyBytes?: number;
  /** axios only: stream every attempt so error bodies are read only up to the cap. */
  readonly boundErrorBodies?: boolean;
  readonly headers?: Record<string, string>;
  readonly method?: string;
  readonly signal?: AbortSignal;
  /** fetch and ky only: the `fetch` each attempt calls. */
  readonly fetch?: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
}

/** What a call ended with: a success (status and body text) or a rejection. */
export type Outcome = { ok: true; status: number } | { ok: false; error: unknown };

export type Client = (url: string, options: CallOptions) => Promise<Outcome>;

export interface ClientSet {
  readonly name: 'fetch' | 'ky' | 'axios';
  readonly call: Client;
}

async function outcome(p: Promise<number>): Promise<Outcome> {
  try {
    return { ok: true, status: await p };
  } catch (error) {
    return { ok: false, error };
  }
}

/** The integrations that exist, imported lazily (they may not have landed yet). */
export async function loadClients(): Promise<ClientSet[]> {
  const clients: ClientSet[] = [];
  const fetchMod = await import('../../src/integrations/fetch.js').catch(() => undefined);
  if (fetchMod) {
    clients.push({
      name: 'fetch',
      call: (url, o) => {
        const f = fetchMod.createFetch({ adapter: o.adapter, retry: o.retry, maxBodyBytes: o.maxBodyBytes, fetch: o.fetch });
        return outcome(
          f(url, { method: o.method, headers: o.headers, signal: o.signal }).then(async (res) => {
            await res.arrayBuffer();
            return res.status;
          }),
        );
      },
    });
  }
  const kyMod = await import('../../src/integrations/ky/index.js').catch(() => undefined);
  const ky = await import('ky').then((m) => m.default).catch(() => undefined);
  if (kyMod && ky) {
    clients.push({
      name: 'ky',
      call: (url, o) =>
        outcome(
          ky(url, {
            ...kyMod.vendorErrors({ adapter: o.adapter, retry: o.retry, maxBodyBytes: o.maxBodyBytes, fetch: o.fetch }),
            method: o.method,
            headers: o.headers,
            signal: o.signal,
          }).then(async (res) => {
            await res.arrayBuffer();
            return res.status;
          }),
        ),
    });
  }
  const axiosMod = await import('../../src/integrations/axios/index.js').catch(() => undefined);
  const axios = await import('axios').then((m) => m.default).catch(() => undefined);
  if (axiosMod && axios) {
    clients.push({
      name: 'axios',
      call: (url, o) => {
        if (o.fetch) return Promise.resolve({ ok: false, error: new Error('axios takes no fetch') });
        const instance = axiosMod.withVendorErrors(axios.create(), {
          adapter: o.adapter,
          retry: o.retry,
          maxBodyBytes: o.maxBodyBytes,
          boundErrorBodies: o.boundErrorBodies,
        });
        return outcome(
          instance
            .request({ url, method: o.method ?? 'GET', headers: o.headers, signal: o.signal, responseType: 'arraybuffer' })
            .then((res) => res.status),
        );
      },
    });
  }
  return clients;
}
