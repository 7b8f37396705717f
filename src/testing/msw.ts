/**
 * `vendor-errors/testing/msw`: msw handlers over the simulator core. The only file that imports
 * msw (2 or 3), and it never loads `ws` or node:http, so msw users need no other peer.
 */
import { HttpResponse, http, type HttpHandler, type WebSocketHandler, ws } from 'msw';
import { createSimulatorCore } from './core.js';
import type { SimulatorCore, SimulatorResult } from './core-types.js';
import type { VendorScenario } from './scenario.js';

export { createSimulatorCore } from './core.js';
export type { SimulatorCore, SimulatorCoreOptions, SimulatorResult } from './core-types.js';
export type { ScriptStep, VendorScenario } from './scenario.js';

/** Options of {@link vendorHandlers}. */
export interface VendorHandlersOptions {
  /**
   * Where the vendor lives, e.g. `https://v0.api.upyun.com` or `https://pcs.example/rest/2.0`;
   * for MFP the WebSocket URL (`ws://daemon:11452/api/v1`, matched without its query).
   * The path under it is what the core sees, as it sees the path under `/upyun` on the server.
   */
  readonly baseUrl: string | URL;
  /** The vendor's scenario. Applied to `core` too when one is passed. */
  readonly scenario?: VendorScenario;
  /** @default 1 */
  readonly seed?: number;
  /** @default Date.now */
  readonly clock?: () => number;
  /**
   * Share a core (and so its stats, buckets and random streams) with other handlers or a
   * server. By default each call makes its own.
   */
  readonly core?: SimulatorCore;
  /**
   * Called for every HTTP request the handlers answer, with what was sent (the body as text)
   * and what the core answered, before any `latencyMs` wait. For tests that check what a client
   * sent, or the exact body it got (Baidu's raw request ids). Not called for WebSocket messages.
   * @default undefined
   */
  readonly onRequest?: (request: HandledRequest, answer: SimulatorResult) => void;
}

/** A request the msw handlers answered, as {@link VendorHandlersOptions.onRequest} sees it. */
export interface HandledRequest {
  readonly method: string;
  /** The full URL, query included (it may hold a credential such as Baidu's `access_token`). */
  readonly url: string;
  readonly headers: Headers;
  /** The body, decoded as UTF-8; `''` when there is none. */
  readonly body: string;
}

function wait(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

function toResponse(r: SimulatorResult): Response {
  const headers = new Headers(r.headers);
  return new HttpResponse(r.body === '' ? null : r.body, { status: r.status ?? 500, headers });
}

/**
 * msw handlers that answer as the simulator does, through the same core, so a test can swap
 * the real server for msw (or the other way round) and see the same responses.
 *
 * @example
 * import { setupServer } from 'msw/node';
 * import { vendorHandlers } from 'vendor-errors/testing/msw';
 * const server = setupServer(
 *   ...vendorHandlers('netease', { baseUrl: 'https://open.c.163.com', scenario: { rateLimit: { perSecond: 5 } } }),
 * );
 * server.listen();
 */
export function vendorHandlers(vendor: string, options: VendorHandlersOptions): Array<HttpHandler | WebSocketHandler> {
  if (typeof options !== 'object' || options === null) throw new TypeError('vendorHandlers: options with a baseUrl are required');
  const base = new URL(String(options.baseUrl));
  const core =
    options.core ??
    createSimulatorCore({
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
    });
  const v = core.vendor(vendor);
  if (!v) throw new TypeError(`vendorHandlers: unknown vendor "${vendor}" (known: ${core.vendors.join(', ')})`);
  if (options.scenario !== undefined) core.scenario(vendor, options.scenario);
  const onRequest = options.onRequest;
  if (onRequest !== undefined && typeof onRequest !== 'function')
    throw new TypeError('vendorHandlers: onRequest must be a function');

  if (v.responder.transport === 'websocket') {
    const link = ws.link(`${base.origin}${base.pathname}`);
    return [
      link.addEventListener('connection', ({ client }) => {
        let open = true;
        client.addEventListener('close', () => {
          open = false;
        });
        client.addEventListener('message', (event) => {
          const text = typeof event.data === 'string' ? event.data : '';
          const r = core.handleMessage(vendor, text);
          void wait(r.delayMs).then(() => {
            if (open) client.send(r.body);
          });
        });
      }),
    ];
  }

  const prefix = base.pathname.replace(/\/+$/, '');
  return [
    http.all(
      ({ request }) => {
        const url = new URL(request.url);
        return url.origin === base.origin && (url.pathname === prefix || url.pathname.startsWith(`${prefix}/`) || prefix === '');
      },
      async ({ request }) => {
        const url = new URL(request.url);
        // Read the body as a server would before answering.
        const bytes = await request.arrayBuffer().catch(() => undefined);
        const r = core.handle({
          vendor,
          method: request.method,
          path: url.pathname.slice(prefix.length) || '/',
          query: url.search,
          headers: request.headers,
        });
        onRequest?.(
          {
            method: request.method,
            url: request.url,
            headers: request.headers,
            body: bytes ? new TextDecoder().decode(bytes) : '',
          },
          r,
        );
        await wait(r.delayMs);
        return toResponse(r);
      },
    ),
  ];
}
