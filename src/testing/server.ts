/**
 * The simulator as a real server: node:http for the HTTP vendors and a `ws` WebSocket endpoint
 * for MFP, both thin wrappers around the pure core in `./core.ts`. `ws` is an optional peer,
 * imported when a simulator starts (never when `vendor-errors/testing` loads).
 */
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import { createSimulatorCore } from './core.js';
import type { SimulatorCore, SimulatorCoreOptions, SimulatorResult } from './core-types.js';
import type { VendorScenario } from './scenario.js';
import type { SimulatorStats } from './stats.js';

/** Options of {@link startVendorSimulator}. */
export interface VendorSimulatorOptions extends SimulatorCoreOptions {
  /**
   * Port on 127.0.0.1 (the simulator never listens on another address).
   * @default 0 (a free port)
   */
  readonly port?: number;
  /**
   * The token the MFP endpoint accepts in `?token=`; others are refused with HTTP 401 at the
   * upgrade. The token is a credential (README § MFP): it is never logged nor counted.
   * @default undefined (any token, or none, is accepted)
   */
  readonly mfpToken?: string;
  /**
   * Receives one line per request: vendor, method, path without its query, status, code, reason.
   * Queries (Baidu's `access_token`, MFP's `token`) are never part of a line.
   * @default undefined (silent)
   */
  readonly log?: (line: string) => void;
}

/** A running simulator. */
export interface VendorSimulator {
  /** `http://127.0.0.1:PORT`; vendors live under `/upyun`, `/baidu-pcs`, `/netease`, `/api-switch`. */
  readonly url: string;
  /**
   * `ws://127.0.0.1:PORT/mfp/api/v1`; connect with `?token=...` appended, as to the real daemon.
   * Needs the optional peer `ws`; without it the upgrade is refused with HTTP 501 saying so.
   */
  readonly wsUrl: string;
  readonly port: number;
  /** Counts per vendor and route; `stats.reset()` clears them. */
  readonly stats: SimulatorStats;
  /** The core both transports share. */
  readonly core: SimulatorCore;
  /** Replaces a vendor's scenario, live. */
  scenario(vendor: string, scenario: VendorScenario | undefined): void;
  /** Initial scenarios, fresh random streams and buckets, empty stats. */
  reset(): void;
  /** Stops listening, drops open connections and pending delayed answers. */
  close(): Promise<void>;
}

/** `ws`, or `undefined` when it is not installed (any other failure to load it is thrown). */
async function loadWs(): Promise<typeof import('ws') | undefined> {
  try {
    return await import('ws');
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') return undefined;
    throw error;
  }
}

/** Why an MFP upgrade is refused when `ws` is missing: said once in the answer, not guessed at by the client. */
export const WS_MISSING =
  'vendor-errors/testing: the MFP WebSocket endpoint needs the optional peer "ws" (npm install --save-dev ws)';

function tokensEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Starts the vendor simulator on 127.0.0.1.
 *
 * @example
 * import { startVendorSimulator } from 'vendor-errors/testing';
 * const sim = await startVendorSimulator({ scenarios: { upyun: { rateLimit: { perSecond: 10, retryAfter: 'seconds' } } } });
 * const res = await fetch(`${sim.url}/upyun/bucket/file.txt`, { headers: { 'x-simulate-code': '40400001' } });
 * res.status; // 404
 * await sim.close();
 */
export async function startVendorSimulator(options: VendorSimulatorOptions = {}): Promise<VendorSimulator> {
  const core = createSimulatorCore(options);
  const wsModule = await loadWs();
  const log = typeof options.log === 'function' ? options.log : undefined;
  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<WebSocket>();

  function later(ms: number, fn: () => void): void {
    if (ms <= 0) {
      fn();
      return;
    }
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  }

  function line(vendor: string, method: string, path: string, r: SimulatorResult): void {
    if (!log) return;
    try {
      log(`${vendor} ${method} ${path} -> ${r.status ?? 'ws'}${r.code !== undefined ? ` ${r.code}` : ''} (${r.reason})`);
    } catch {
      // A throwing logger must not take the simulator down.
    }
  }

  function send(
    res: ServerResponse,
    r: { status: number | undefined; headers: Readonly<Record<string, string>>; body: string },
  ): void {
    if (res.destroyed) return;
    res.writeHead(r.status ?? 500, r.headers);
    res.end(r.body);
  }

  function onRequest(req: IncomingMessage, res: ServerResponse): void {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://127.0.0.1');
    } catch {
      send(res, { status: 400, headers: { 'content-type': 'text/plain' }, body: 'bad request' });
      return;
    }
    const [, vendor = '', ...rest] = url.pathname.split('/');
    const path = `/${rest.join('/')}`;
    const method = req.method ?? 'GET';
    const v = core.vendor(vendor);
    if (v?.responder.transport === 'websocket') {
      send(res, { status: 426, headers: { 'content-type': 'text/plain', upgrade: 'websocket' }, body: 'Upgrade Required' });
      return;
    }
    // Answer once the request body is read, as a real server does.
    req.on('error', () => res.destroy());
    req.resume();
    req.once('end', () => {
      let r: SimulatorResult;
      try {
        r = core.handle({ vendor, method, path, query: url.search, headers: req.headers });
      } catch (error) {
        send(res, { status: 500, headers: { 'content-type': 'text/plain' }, body: `simulator error: ${String(error)}` });
        return;
      }
      line(vendor, method, path, r);
      later(r.delayMs, () => send(res, r));
    });
  }

  const server = createServer(onRequest);
  const wss = wsModule ? new wsModule.WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 }) : undefined;

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refuse = (status: number, text: string, body = '') => {
      const length = Buffer.byteLength(body);
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: ${length}\r\n\r\n${body}`);
    };
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://127.0.0.1');
    } catch {
      refuse(400, 'Bad Request');
      return;
    }
    const m = /^\/([a-z0-9-]+)\/api\/v1\/?$/.exec(url.pathname);
    const vendor = m?.[1] ?? '';
    if (!m || core.vendor(vendor)?.responder.transport !== 'websocket') {
      refuse(404, 'Not Found');
      return;
    }
    if (options.mfpToken !== undefined && !tokensEqual(url.searchParams.get('token') ?? '', options.mfpToken)) {
      refuse(401, 'Unauthorized');
      return;
    }
    if (!wss) {
      refuse(501, 'Not Implemented', WS_MISSING);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('error', () => ws.terminate());
      if (log) log(`${vendor} connect ${url.pathname}`);
      ws.on('message', (data, isBinary) => {
        const text = isBinary
          ? ''
          : Array.isArray(data)
            ? Buffer.concat(data).toString('utf8')
            : Buffer.from(data as ArrayBuffer).toString('utf8');
        const r = core.handleMessage(vendor, text);
        line(vendor, 'WS', r.reason === 'bad-request' ? '(invalid)' : safeAction(text), r);
        later(r.delayMs, () => {
          if (ws.readyState === ws.OPEN) ws.send(r.body);
        });
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  let closed: Promise<void> | undefined;

  return {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/mfp/api/v1`,
    port,
    stats: core.stats,
    core,
    scenario: (vendor, scenario) => core.scenario(vendor, scenario),
    reset: () => core.reset(),
    close() {
      closed ??= new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        for (const ws of sockets) ws.terminate();
        sockets.clear();
        wss?.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

/** The action name of a frame, for a log line (never the params: they may hold secrets). */
function safeAction(text: string): string {
  try {
    const msg: unknown = JSON.parse(text);
    const action = typeof msg === 'object' && msg !== null ? (msg as { action?: unknown }).action : undefined;
    return typeof action === 'string' ? action.slice(0, 128) : '(invalid)';
  } catch {
    return '(invalid)';
  }
}
